// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { App } from './App';
import { explanation, fakeExplainer, makeStore, NOW, NOW_MS, record, snapshot } from '../test/fixtures';
import type { Explanation, SetCookieResult } from '../../core/explanation';
import type { ExchangeRecord, JarCookie } from '../../core/types';

afterEach(cleanup);

const jarCookie = (over: Partial<JarCookie>): JarCookie => ({
  name: 'sid',
  value: 'secret-value',
  domain: 'example.com',
  hostOnly: true,
  path: '/',
  secure: true,
  httpOnly: true,
  sameSite: 'lax',
  partitioned: false,
  persistent: true,
  expires: NOW + 86400 * 29,
  ...over,
});

function open(
  id: string,
  overrides: Record<string, (x: ExchangeRecord) => Partial<Explanation>>,
  records: ExchangeRecord[],
  tab?: 'caching' | 'cookies' | 'cdn' | 'headers',
) {
  const ex = fakeExplainer(overrides);
  const { store, sent } = makeStore(ex.fn);
  store.receive(snapshot(records));
  render(<App store={store} />);
  act(() => store.select(id));
  if (tab)
    fireEvent.click(
      screen.getByRole('tab', { name: { caching: 'Caching', cookies: 'Cookies', cdn: 'CDN & proxies', headers: 'Headers' }[tab] }),
    );
  return { store, sent };
}

const panel = () => screen.getByRole('tabpanel');

describe('detail pane', () => {
  it('Caching: directive in plain language with rule and link, timeline, live countdown, on-reload prediction', () => {
    const { store } = open('a', {}, [record({ id: 'a' })]);
    const text = panel().textContent;
    expect(text).toContain('max-age=3600');
    expect(text).toContain('Any cache may reuse this response for 1 hour without asking the server.');
    expect(text).toContain('RFC 9111 §5.2.2.1: max-age sets the freshness lifetime in seconds.');
    expect(screen.getAllByRole('link', { name: 'RFC 9111 §5.2.2.1' })[0]!.getAttribute('href')).toBe(
      'https://www.rfc-editor.org/rfc/rfc9111#section-5.2.2.1',
    );
    expect(text).toMatch(/Fresh.*for another 59 min 00 s/);
    expect(text).toContain('On reload Chrome reuses it from the disk cache.');
    expect(screen.getByRole('img', { name: /Browser \(private cache\): received, fresh until/ })).toBeTruthy();
    // the countdown follows the clock
    act(() => {
      store.nowMs.value = NOW_MS + 60_000;
    });
    expect(panel().textContent).toMatch(/for another 58 min 00 s/);
    act(() => {
      store.nowMs.value = NOW_MS + (3540 + 3600) * 1000;
    });
    expect(panel().textContent).toMatch(/Stale.* for 1 h 00 min/);
  });

  it('Caching: a separate lane for shared caches only when it differs', () => {
    open(
      'a',
      {
        a: (x) => ({
          cache: {
            ...explanation(x).cache,
            shared: { ...explanation(x).cache.shared, storable: false, storableWhy: 'private forbids shared caches.' },
          },
        }),
      },
      [record({ id: 'a' })],
    );
    expect(panel().textContent).toContain('CDN / proxy (shared cache)');
    expect(panel().textContent).toContain('Not stored: private forbids shared caches.');
    cleanup();
    open('a', {}, [record({ id: 'a' })]);
    expect(panel().textContent).not.toContain('shared cache)');
  });

  it('Caching: the revalidation story links to the revalidated response, and the earlier one shows what happened', () => {
    const url = 'https://example.com/style.css';
    const first = record({ id: 'first', url });
    const second = record({ id: 'second', url, status: 304, requestTimeMs: NOW_MS - 1000, responseTimeMs: NOW_MS - 900 });
    const { store } = open(
      'second',
      {
        second: (x) => ({
          cache: {
            ...explanation(x).cache,
            revalidation: {
              previousId: 'first',
              inferred: false,
              validator: 'etag',
              validatorValue: '"v1"',
              matched: true,
              plain: 'The browser asked with If-None-Match: "v1" and the server answered 304 Not Modified.',
            },
          },
        }),
      },
      [first, second],
    );
    expect(panel().textContent).toContain('The browser asked with If-None-Match: "v1" and the server answered 304 Not Modified.');
    expect(panel().textContent).toContain('matched, the stored copy was reused');
    fireEvent.click(screen.getByRole('button', { name: 'Go to the response it revalidated' }));
    expect(store.selectedId.value).toBe('first');
    // from the first response: prediction vs what actually happened, and the way forward to the revalidation
    expect(panel().textContent).toContain('What actually happened next: a conditional request (revalidation)');
    expect(panel().textContent).toContain('The prediction for that moment was served from the cache without asking');
    fireEvent.click(screen.getByRole('button', { name: 'Go to the revalidation' }));
    expect(store.selectedId.value).toBe('second');
  });

  it('Caching: when the engine gives per-load predictions, the one that applies leads and the other is a disclosure', () => {
    const loads = {
      navigation: { action: 'from-cache' as const, plain: 'A normal visit reuses it.', conditionalHeaders: [] },
      reload: { action: 'revalidate' as const, plain: 'A reload checks it with the server.', conditionalHeaders: ['If-None-Match: "v1"'] },
    };
    open(
      'a',
      {
        a: (x) => ({
          cache: {
            ...explanation(x).cache,
            nextUse: { ...explanation(x).cache.nextUse, loads, appliesTo: 'reload' },
          },
        }),
      },
      [record({ id: 'a' })],
    );
    expect(document.querySelector('.tab-panel .lead')!.textContent).toContain('A reload checks it with the server.');
    const details = document.querySelector('.next-loads details') as HTMLDetailsElement;
    expect(details.querySelector('summary')!.textContent).toBe('On a normal visit instead');
    expect(details.textContent).toContain('A normal visit reuses it.');
    expect(details.open).toBe(false);
    expect(panel().textContent).toContain('If-None-Match: "v1"');
  });

  it('Caching: findings listed worst first', () => {
    open(
      'a',
      {
        a: (x) => ({
          cache: {
            ...explanation(x).cache,
            findings: [
              {
                id: 'i',
                topic: 'cache',
                severity: 'info',
                summary: 'An info finding.',
                rule: 'r',
                link: 'https://www.rfc-editor.org/rfc/rfc9111',
              },
              {
                id: 'e',
                topic: 'cache',
                severity: 'error',
                summary: 'An error finding.',
                rule: 'r',
                link: 'https://www.rfc-editor.org/rfc/rfc9111',
              },
            ],
          },
        }),
      },
      [record({ id: 'a' })],
    );
    const items = [...document.querySelectorAll('.finding .plain')].map((n) => n.textContent);
    expect(items).toEqual(['An error finding.', 'An info finding.']);
  });

  const setCookie = (over: Partial<SetCookieResult>): SetCookieResult => ({
    index: 0,
    raw: 'sid=secret-value; Secure',
    stored: true,
    attributes: [],
    scope: ['host-only: sent to example.com but not to its subdomains'],
    lifetime: 'session cookie: gone when the browser closes',
    prefix: null,
    purpose: null,
    signed: null,
    findings: [],
    cookie: jarCookie({ expires: null, persistent: false }),
    ...over,
  });

  it('Cookies: stored and rejected Set-Cookie with reason, scope, signed decoding; sent and not sent with why', () => {
    open(
      'a',
      {
        a: (x) => ({
          cookies: {
            ...explanation(x).cookies,
            sameSiteContext: 'cross-site',
            setCookies: [
              setCookie({}),
              setCookie({
                index: 1,
                raw: 'tok=abc; Secure',
                stored: false,
                rejectReason: 'secure-from-insecure',
                rejectWhy: 'a Secure cookie cannot be set from an insecure origin (http://).',
                cookie: jarCookie({ name: 'tok', value: 'abc' }),
              }),
              setCookie({
                index: 2,
                raw: 'session=eyJ1Ijoi',
                signed: { format: 'itsdangerous', payload: '{"user":"ann"}', plain: 'anyone can read this payload.' },
                cookie: jarCookie({ name: 'session', value: 'eyJ1Ijoi' }),
              }),
            ],
            send: {
              sent: [{ jarIndex: 0, cookie: jarCookie({ name: 'lang', value: 'en' }) }],
              notSent: [
                {
                  jarIndex: 1,
                  cookie: jarCookie({ name: 'cart' }),
                  reason: 'samesite-lax',
                  why: 'SameSite=Lax cookies are not sent on cross-site subresource requests.',
                },
              ],
              cookieHeader: 'lang=en',
            },
          },
        }),
      },
      [record({ id: 'a' })],
      'cookies',
    );
    const text = panel().textContent;
    expect(text).toContain('host-only: sent to example.com but not to its subdomains');
    expect(text).toContain('session cookie: gone when the browser closes');
    expect(text).toContain('rejected');
    expect(text).toContain('Rejected: a Secure cookie cannot be set from an insecure origin (http://).');
    // the scope of a rejected cookie is hypothetical, and says so (once: only one of the three was rejected)
    expect(text.split('Had it been stored, it would have been:').length - 1).toBe(1);
    expect(text).toContain('Signed, not encrypted');
    expect(text).toContain('{"user":"ann"}');
    expect(text).toContain('lang=en');
    expect(text).toContain('cart not sent: SameSite=Lax cookies are not sent on cross-site subresource requests.');
    expect(text).toContain('cross-site');
  });

  it('Cookies: "hide values" masks cookie values everywhere', () => {
    const { store } = open(
      'a',
      { a: (x) => ({ cookies: { ...explanation(x).cookies, setCookies: [setCookie({})] } }) },
      [record({ id: 'a', responseHeaders: [{ name: 'Set-Cookie', value: 'sid=secret-value; Secure' }] })],
      'cookies',
    );
    expect(panel().textContent).toContain('secret-value');
    fireEvent.click(screen.getByLabelText('Hide values'));
    expect(store.hideValues.value).toBe(true);
    expect(panel().textContent).not.toContain('secret-value');
    fireEvent.click(screen.getByRole('tab', { name: 'Headers' }));
    expect(panel().textContent).not.toContain('secret-value');
    expect(panel().textContent).toContain('sid=••••••••');
  });

  it('Cookies: the jar view loads through the background, deletes a cookie and offers exports', () => {
    const { store, sent } = open('a', {}, [record({ id: 'a' })], 'cookies');
    fireEvent.click(screen.getByRole('button', { name: 'Show jar' }));
    const req = sent.at(-1) as { type: string; requestId: string };
    expect(req.type).toBe('panel>bg:get-jar');
    expect(panel().textContent).toContain('Loading…');
    act(() =>
      store.receive({
        type: 'bg>panel:jar',
        v: 1,
        requestId: req.requestId,
        cookies: [jarCookie({ partitioned: true, partitionKey: 'https://top.test' })],
      }),
    );
    expect(panel().textContent).toContain('Partitioned (https://top.test)');
    expect(screen.getByRole('button', { name: 'Export cookies.txt' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete cookie sid' }));
    expect(sent.at(-1)).toMatchObject({
      type: 'panel>bg:delete-cookie',
      tabId: 7,
      cookie: { name: 'sid', domain: 'example.com', path: '/', secure: true, partitionKey: 'https://top.test' },
    });
  });

  it('Cookies: without a recorded jar snapshot, checks the current jar on request', () => {
    const { store, sent } = open(
      'a',
      {
        a: (x) =>
          x.jarSnapshot
            ? {
                cookies: {
                  ...explanation(x).cookies,
                  send: {
                    sent: [],
                    notSent: [
                      {
                        jarIndex: 0,
                        cookie: x.jarSnapshot[0]!, // the jar this test sends holds a cookie
                        reason: 'samesite-lax',
                        why: 'Lax cookies stay home on cross-site subresources.',
                      },
                    ],
                    cookieHeader: null,
                  },
                },
              }
            : {},
      },
      [record({ id: 'a' })],
      'cookies',
    );
    expect(panel().textContent).toContain('No jar snapshot was recorded for this request.');
    fireEvent.click(screen.getByRole('button', { name: 'Check against the current jar' }));
    const req = sent.at(-1) as { requestId: string };
    act(() => store.receive({ type: 'bg>panel:jar', v: 1, requestId: req.requestId, cookies: [jarCookie({ name: 'ss_lax' })] }));
    expect(panel().textContent).toContain('Checked against the jar as it is now');
    expect(panel().textContent).toContain('ss_lax not sent: Lax cookies stay home on cross-site subresources.');
  });

  it('CDN & proxies: the chain with edge, PoP, city, status, Via hops, origin; server IP owner; XFF explained', () => {
    open(
      'a',
      {
        a: (x) => ({
          cdn: {
            ...explanation(x).cdn,
            cdn: 'cloudflare',
            cdnName: 'Cloudflare',
            cacheStatus: 'hit',
            rawCacheStatus: 'HIT',
            pop: 'FRA',
            popCity: 'Frankfurt',
            age: 120,
            ipOwner: 'Cloudflare',
            plain: ['Cloudflare served its cached copy.'],
          },
          proxy: {
            ...explanation(x).proxy,
            via: [
              { protocol: '1.0', received: 'origin-proxy' },
              { protocol: '1.1', received: 'varnish' },
            ],
            xForwardedFor: ['203.0.113.9', '10.0.0.2'],
            plain: ['Only the last X-Forwarded-For entry was added by a proxy you control.'],
          },
        }),
      },
      [record({ id: 'a', serverIp: '104.16.1.1' })],
      'cdn',
    );
    const text = panel().textContent;
    expect(text).toContain('Served through Cloudflare at FRA (Frankfurt); its cache reported HIT.');
    // drawn in the order the text names the hops: Via's first entry is nearest the origin (RFC 9110 §7.6.3)
    const hops = [...document.querySelectorAll('.chain > li')].map((li) => li.querySelector('strong')!.textContent);
    expect(hops[0]).toMatch(/^Origin/);
    expect(hops[1]).toMatch(/proxy.*origin-proxy/);
    expect(hops[2]).toMatch(/proxy.*varnish/);
    expect(hops[3]).toMatch(/^Cloudflare edge/);
    expect(hops[4]).toBe('Browser');
    expect(text).toContain('Via entry 1 of 2');
    expect(text).toContain('104.16.1.1');
    expect(text).toContain("in Cloudflare's published ranges");
    expect(text).toContain('203.0.113.9 → 10.0.0.2');
    expect(text).toContain('Only the last X-Forwarded-For entry was added by a proxy you control.');
  });

  it('Headers: raw headers in wire order, known names linked, hidden headers noted', () => {
    open(
      'a',
      { a: () => ({ hidden: ['If-None-Match / If-Modified-Since: the browser cache adds these after extensions see the request.'] }) },
      [
        record({
          id: 'a',
          responseHeaders: [
            { name: 'cache-control', value: 'max-age=3600' },
            { name: 'X-Custom', value: 'yes' },
          ],
        }),
      ],
      'headers',
    );
    expect(screen.getByRole('link', { name: 'cache-control' }).getAttribute('href')).toBe(
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cache-Control',
    );
    expect(screen.queryByRole('link', { name: 'X-Custom' })).toBeNull();
    expect(panel().textContent).toContain('X-Customyes');
    expect(panel().textContent).toContain('What the browser hid');
    expect(panel().textContent).toContain('the browser cache adds these after extensions see the request');
  });

  it('tabs follow the ARIA tabs pattern with arrow keys', () => {
    open('a', {}, [record({ id: 'a' })]);
    const tablist = screen.getByRole('tablist');
    expect(screen.getByRole('tab', { name: 'Caching' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(tablist, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Cookies' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(tablist, { key: 'ArrowLeft' });
    fireEvent.keyDown(tablist, { key: 'ArrowLeft' });
    expect(screen.getByRole('tab', { name: 'Headers' }).getAttribute('aria-selected')).toBe('true');
  });

  it('glossary terms show a card with plain sentence, rule and link on focus', () => {
    open('a', {}, [record({ id: 'a' })]);
    const term = document.querySelector('.term') as HTMLElement;
    const card = document.getElementById(term.getAttribute('aria-describedby')!)!;
    expect(card.getAttribute('role')).toBe('tooltip');
    expect(card.textContent).toContain('While a stored response is fresh');
    expect(card.querySelector('a')!.getAttribute('href')).toMatch(/^https:\/\//);
  });
});

describe('page data is text, never HTML', () => {
  const payload = '<img src=x onerror="window.__pwned=1">';
  it('renders hostile URLs, header values, cookie values and engine text verbatim', () => {
    const url = `https://evil.test/${encodeURIComponent('"><script>')}?q=${payload}`;
    open(
      'x',
      {
        x: (r) => ({
          cookies: {
            ...explanation(r).cookies,
            setCookies: [
              {
                index: 0,
                raw: `c=${payload}`,
                stored: true,
                attributes: [],
                scope: [payload],
                lifetime: 'session',
                prefix: null,
                purpose: null,
                signed: null,
                findings: [],
                cookie: jarCookie({ name: payload, value: payload }),
              },
            ],
          },
          cache: {
            ...explanation(r).cache,
            findings: [{ id: 'f', topic: 'cache', severity: 'warning', summary: payload, rule: payload, link: 'javascript:alert(1)' }],
          },
        }),
      },
      [record({ id: 'x', url, responseHeaders: [{ name: 'X-Evil', value: payload }] })],
    );
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    expect(panel().textContent).toContain(payload);
    // a non-https link is rendered as text, not as a link
    expect([...document.querySelectorAll('a')].every((a) => a.getAttribute('href')!.startsWith('https://'))).toBe(true);
    fireEvent.click(screen.getByRole('tab', { name: 'Cookies' }));
    expect(panel().textContent).toContain(payload);
    fireEvent.click(screen.getByRole('tab', { name: 'Headers' }));
    expect(panel().textContent).toContain(payload);
    expect(document.querySelector('img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('wording', () => {
  it('no internal ids, one sentence per reason, a lifetime said in words, an unknown CDN status left out', () => {
    open(
      'a',
      {
        a: (x) => ({
          cache: {
            ...explanation(x).cache,
            private: { ...explanation(x).cache.private, freshnessSource: 'heuristic', heuristic: true, freshnessLifetime: 86400 },
          },
          cdn: { ...explanation(x).cdn, cdnName: 'Varnish Cache', cacheStatus: 'unknown', rawCacheStatus: '32774 32771' },
          cookies: {
            ...explanation(x).cookies,
            send: {
              sent: [],
              notSent: [
                {
                  jarIndex: 0,
                  reason: 'samesite-lax',
                  why: 'SameSite=Lax cookies stay home on cross-site subresources.',
                  cookie: {
                    name: 'cart',
                    value: 'v',
                    domain: 'example.com',
                    hostOnly: true,
                    path: '/',
                    secure: true,
                    httpOnly: false,
                    sameSite: 'lax',
                    partitioned: false,
                    persistent: false,
                    expires: null,
                  },
                },
              ],
              cookieHeader: null,
            },
            findings: [
              {
                id: 'cookie-not-sent-samesite-lax',
                topic: 'cookie',
                severity: 'info',
                summary: 'Cookie "cart" was not sent: SameSite=Lax cookies stay home on cross-site subresources.',
                rule: 'r',
                link: 'https://x.test/',
              },
            ],
          },
        }),
      },
      [record({ id: 'a' })],
    );
    const text = panel().textContent;
    expect(text).toContain('Downloaded from the server.');
    expect(text).not.toContain('Came from');
    expect(text).toMatch(/fresh for 24 h, guessed by the browser from Last-Modified/);
    expect(text).not.toMatch(/from heuristic|\(heuristic\)/);
    fireEvent.click(screen.getByRole('tab', { name: 'Cookies' }));
    const cookies = panel().textContent;
    expect(cookies).not.toContain('[samesite-lax]');
    expect(cookies.split('stay home on cross-site subresources').length - 1).toBe(1);
    fireEvent.click(screen.getByRole('tab', { name: 'CDN & proxies' }));
    const cdn = panel().textContent;
    expect(cdn).toContain('Served through Varnish Cache; it did not say whether its cache had a copy.');
    expect(cdn).not.toMatch(/UNKNOWN|32774/);
  });

  it('a Cache-Status hit without a recognised CDN is named as what it is', () => {
    open(
      'a',
      { a: (x) => ({ cdn: { ...explanation(x).cdn, cdnName: null, cacheStatusEntries: [{ cache: 'lab-edge', hit: true, ttl: 30 }] } }) },
      [record({ id: 'a' })],
      'cdn',
    );
    const text = panel().textContent;
    expect(text).toContain('No CDN recognised, but a cache reported in Cache-Status (RFC 9211): lab-edge hit.');
    expect(text).not.toContain('No CDN or proxy announced itself');
  });

  it('an in-flight request is pending, not "unknown · not stored · warning"', () => {
    const ex = fakeExplainer({
      p: () => ({ findings: [{ id: 'w', topic: 'cache', severity: 'warning', summary: 's', rule: 'r', link: 'https://x.test/' }] }),
    });
    const { store } = makeStore(ex.fn);
    store.receive(snapshot([record({ id: 'p', status: 0, responseHeaders: [], source: 'unknown' })]));
    render(<App store={store} />);
    const row = document.getElementById('row-p')!;
    expect(row.textContent).toContain('pending');
    expect(row.textContent).not.toMatch(/unknown|not stored|warning/);
  });
});

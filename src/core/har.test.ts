import { describe, expect, it } from 'vitest';
import { explain } from './explain';
import { HarError, harToRecords, readHar, toHar } from './har';

function entry(over: Record<string, unknown> = {}, res: Record<string, unknown> = {}, req: Record<string, unknown> = {}) {
  return {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 50,
    request: { method: 'GET', url: 'https://a.example/x', httpVersion: 'HTTP/1.1', headers: [], cookies: [], ...req },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], redirectURL: '', ...res },
    timings: { blocked: 1, dns: -1, connect: 10, ssl: 5, send: 2, wait: 20, receive: 17 },
    ...over,
  };
}
const har = (entries: unknown[], extra: Record<string, unknown> = {}) => ({
  log: { version: '1.2', creator: { name: 't', version: '1' }, entries, ...extra },
});

describe('readHar: validation', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['empty string', '', /not JSON/],
    ['broken JSON', '{"log": ', /not JSON/],
    ['array', '[]', /not a HAR/],
    ['no log', { foo: 1 }, /no "log" object/],
    ['no entries', { log: { version: '1.2' } }, /no log\.entries/],
    ['entry not object', har([42]), /entry 0 is not an object/],
    ['missing request', har([{ response: {} }]), /entry 0 is missing request$/],
    ['missing url', har([entry({}, {}, { url: undefined })]), /entry 0 is missing request\.url/],
    ['missing method', har([entry(), entry({}, {}, { method: '' })]), /entry 1 is missing request\.method/],
    ['bad status', har([entry({}, { status: 'x' })]), /response\.status/],
    ['bad date', har([entry({ startedDateTime: 'yesterday' })]), /unreadable startedDateTime/],
    ['headers not array', har([entry({}, { headers: 'a: b' })]), /entry 0 response\.headers is not an array/],
  ];
  for (const [name, input, msg] of cases) {
    it(`rejects ${name}`, () => {
      let err: unknown;
      try {
        readHar(input);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(HarError);
      expect((err as Error).message).toMatch(msg);
    });
  }
});

describe('readHar: mapping', () => {
  it('accepts a string with a BOM and an object alike', () => {
    const doc = har([entry()]);
    const a = harToRecords('\uFEFF' + JSON.stringify(doc));
    const b = harToRecords(doc);
    expect(a).toEqual(b);
    expect(a).toHaveLength(1);
  });

  it('derives times: headers after blocked+dns+connect+send+wait (ssl inside connect, -1 skipped)', () => {
    const r = harToRecords(har([entry()]))[0]!;
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    expect(r.requestTimeMs).toBe(start);
    expect(r.responseTimeMs).toBe(start + 1 + 10 + 2 + 20);
    expect(r.endTimeMs).toBe(start + 50);
  });

  it('maps _fromCache, 304, service worker, negative status', () => {
    const rs = harToRecords(
      har([
        entry({ _fromCache: 'memory' }),
        entry({ _fromCache: 'disk', startedDateTime: '2026-01-01T00:00:01Z' }),
        entry({ startedDateTime: '2026-01-01T00:00:02Z' }, { status: 304 }),
        entry({ startedDateTime: '2026-01-01T00:00:03Z' }, { _fetchedViaServiceWorker: true }),
        entry({ startedDateTime: '2026-01-01T00:00:04Z' }, { status: -2 }),
        entry({ startedDateTime: '2026-01-01T00:00:05Z' }),
      ]),
    );
    expect(rs.map((r) => r.source)).toEqual(['memory-cache', 'disk-cache', 'revalidated', 'service-worker', 'unknown', 'network']);
    expect(rs[4]?.status).toBe(0);
    expect(rs[4]?.error).toBe('no response');
  });

  it('is not fooled by prototype keys in vendor fields', () => {
    const r = harToRecords(har([entry({ _fromCache: '__proto__', _resourceType: 'constructor' })]))[0]!;
    expect(r.source).toBe('network');
    expect(r.resourceType).toBe('constructor');
  });

  it('keeps header order and duplicates, drops HTTP/2 pseudo-headers', () => {
    const r = harToRecords(
      har([
        entry(
          {},
          {
            headers: [
              { name: ':status', value: '200' },
              { name: 'Set-Cookie', value: 'a=1' },
              { name: 'set-cookie', value: 'b=2' },
            ],
          },
        ),
      ]),
    )[0]!;
    expect(r.responseHeaders).toEqual([
      { name: 'Set-Cookie', value: 'a=1' },
      { name: 'set-cookie', value: 'b=2' },
    ]);
  });

  it('reads serverIPAddress (brackets stripped), WebPageTest _ip_addr, _resourceType, pageref, initiator', () => {
    const rs = harToRecords(
      har([
        entry({ pageref: 'p1', serverIPAddress: '[2606:4700::1]', _resourceType: 'document' }),
        entry({
          pageref: 'p1',
          startedDateTime: '2026-01-01T00:00:01Z',
          _ip_addr: '1.2.3.4',
          _resourceType: 'fetch',
          _initiator: { type: 'script', stack: { callFrames: [{ url: 'https://a.example/app.js' }] } },
        }),
        entry({ pageref: 'p1', startedDateTime: '2026-01-01T00:00:02Z', _initiator: 'https://a.example/x' }),
      ]),
    );
    expect(rs[0]).toMatchObject({
      serverIp: '2606:4700::1',
      resourceType: 'main_frame',
      pageId: 'p1',
      navigation: 'top-level',
      initiatorUrl: null,
    });
    // app.js is not in the HAR, so the document it ran in is unknown; the script is kept apart.
    expect(rs[1]).toMatchObject({
      serverIp: '1.2.3.4',
      resourceType: 'xmlhttprequest',
      initiatorUrl: null,
      initiatorScriptUrl: 'https://a.example/app.js',
      navigation: 'subresource',
      topLevelUrl: 'https://a.example/x',
    });
    expect(rs[2]?.initiatorUrl).toBe('https://a.example/x');
  });

  it('links redirect hops by redirectURL (relative Location resolved) and marks them top-level', () => {
    const rs = harToRecords(
      har([
        entry({ pageref: 'p' }, { status: 301, redirectURL: '/y' }),
        entry({ pageref: 'p', startedDateTime: '2026-01-01T00:00:01Z' }, {}, { url: 'https://a.example/y' }),
        entry({ pageref: 'p', startedDateTime: '2026-01-01T00:00:02Z' }, {}, { url: 'https://cdn.example/s.css' }),
      ]),
    );
    expect(rs[0]?.redirectUrl).toBe('https://a.example/y');
    expect(rs[0]?.redirectedToId).toBe(rs[1]?.id);
    expect(rs[1]?.redirectedFromId).toBe(rs[0]?.id);
    expect(rs[1]?.navigation).toBe('top-level');
    expect(rs[2]?.topLevelUrl).toBe('https://a.example/y');
  });

  it('sorts entries by start time, stably', () => {
    const rs = harToRecords(
      har([
        entry({ startedDateTime: '2026-01-01T00:00:02Z' }, {}, { url: 'https://a.example/late' }),
        entry({}, {}, { url: 'https://a.example/early1' }),
        entry({}, {}, { url: 'https://a.example/early2' }),
      ]),
    );
    expect(rs.map((r) => r.url.split('/').pop())).toEqual(['early1', 'early2', 'late']);
  });
});

const at = (s: number) => `2026-01-01T00:00:${String(s).padStart(2, '0')}Z`;
const html = [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }];

describe('readHar: the initiator is the document, not the script', () => {
  it('follows a script initiator (Chrome stack frames, WebPageTest string) to the document that loaded the script', () => {
    const rs = harToRecords(
      har([
        entry({ pageref: 'p', _resourceType: 'document' }, {}, { url: 'https://www.shop.example/' }),
        entry(
          {
            pageref: 'p',
            startedDateTime: at(1),
            _resourceType: 'script',
            _initiator: { type: 'parser', url: 'https://www.shop.example/' },
          },
          {},
          { url: 'https://cdn.tracker.example/rum.js' },
        ),
        entry(
          {
            pageref: 'p',
            startedDateTime: at(2),
            _resourceType: 'xhr',
            _initiator: {
              type: 'script',
              stack: { callFrames: [], parent: { callFrames: [{ url: 'https://cdn.tracker.example/rum.js' }] } },
            },
          },
          { headers: [{ name: 'Set-Cookie', value: 'sid=1; Path=/' }] },
          { url: 'https://www.shop.example/beacon' },
        ),
        entry(
          { pageref: 'p', startedDateTime: at(3), _initiator: 'https://cdn.tracker.example/rum.js' },
          {},
          { url: 'https://www.shop.example/pixel' },
        ),
      ]),
    );
    expect(rs[2]).toMatchObject({
      initiatorUrl: 'https://www.shop.example/',
      initiatorScriptUrl: 'https://cdn.tracker.example/rum.js',
      topLevelUrl: 'https://www.shop.example/',
    });
    expect(rs[3]).toMatchObject({ initiatorUrl: 'https://www.shop.example/', initiatorScriptUrl: 'https://cdn.tracker.example/rum.js' });
    // Cookies of the same-site beacon are stored: the script's host is not the initiator.
    const cookies = explain(rs[2]!, { browser: 'chrome', now: Date.parse(at(3)) / 1000 }).cookies;
    expect(cookies.sameSiteContext).toBe('same-site');
    expect(cookies.setCookies[0]?.stored).toBe(true);
  });

  it('keeps a document initiator (an iframe loaded by the page) and the frame as the document of its own loads', () => {
    const rs = harToRecords(
      har([
        entry({ pageref: 'p', _resourceType: 'document' }, {}, { url: 'https://news.example/' }),
        entry(
          { pageref: 'p', startedDateTime: at(1), _resourceType: 'document', _initiator: { type: 'parser', url: 'https://news.example/' } },
          {},
          { url: 'https://ads.example/frame.html' },
        ),
        entry(
          {
            pageref: 'p',
            startedDateTime: at(2),
            _resourceType: 'image',
            _initiator: { type: 'parser', url: 'https://ads.example/frame.html' },
          },
          {},
          { url: 'https://news.example/img.png' },
        ),
      ]),
    );
    expect(rs[1]).toMatchObject({ resourceType: 'sub_frame', initiatorUrl: 'https://news.example/' });
    expect(rs[1]!.initiatorScriptUrl).toBeUndefined();
    expect(rs[2]?.initiatorUrl).toBe('https://ads.example/frame.html');
  });

  it('exports a script initiator as such and reads it back the same', () => {
    const rs = harToRecords(
      har([
        entry({ pageref: 'p', _resourceType: 'document' }, {}, { url: 'https://a.example/' }),
        entry(
          { pageref: 'p', startedDateTime: at(1), _resourceType: 'script', _initiator: { type: 'parser', url: 'https://a.example/' } },
          {},
          { url: 'https://a.example/app.js' },
        ),
        entry(
          { pageref: 'p', startedDateTime: at(2), _resourceType: 'fetch', _initiator: { type: 'script', url: 'https://a.example/app.js' } },
          {},
          { url: 'https://a.example/api' },
        ),
      ]),
    );
    const back = harToRecords(JSON.parse(JSON.stringify(toHar(rs))));
    expect(back[2]).toMatchObject({ initiatorUrl: 'https://a.example/', initiatorScriptUrl: 'https://a.example/app.js' });
  });
});

describe('readHar: certificate checks belong to no page', () => {
  it('an OCSP request recorded on a page (WebPageTest) gets no top-level page, so no same-site verdict', () => {
    const rs = harToRecords(
      har([
        entry({ pageref: 'p' }, { headers: html }, { url: 'http://www.news.example/' }),
        entry(
          { pageref: 'p', startedDateTime: at(1) },
          {
            headers: [
              { name: 'Content-Type', value: 'application/ocsp-response' },
              { name: 'Set-Cookie', value: 'lb=1; Path=/' },
            ],
          },
          { method: 'POST', url: 'http://ocsp.ca.example/', headers: [{ name: 'Content-Type', value: 'application/ocsp-request' }] },
        ),
      ]),
    );
    expect(rs[1]).toMatchObject({ navigation: 'subresource', initiatorUrl: null });
    expect(rs[1]!.topLevelUrl).toBeUndefined();
    const cookies = explain(rs[1]!, { browser: 'chrome', now: Date.parse(at(2)) / 1000 }).cookies;
    expect(cookies.findings.map((f) => f.id)).not.toContain('cookie-rejected-samesite-context');
  });
});

describe('readHar: HARs without pages', () => {
  it('starts a page at each document nobody initiated; an https page after an http one is its own page', () => {
    const rs = harToRecords(
      har([
        entry({}, { headers: html }, { url: 'http://old.example/' }),
        entry(
          { startedDateTime: at(1) },
          {},
          { url: 'http://old.example/a.css', headers: [{ name: 'Referer', value: 'http://old.example/' }] },
        ),
        entry({ startedDateTime: at(2) }, { headers: html }, { url: 'https://shop.example/' }),
        entry(
          { startedDateTime: at(3) },
          { headers: [{ name: 'Set-Cookie', value: 'cart=1; Path=/' }] },
          { url: 'https://shop.example/api/cart', headers: [{ name: 'Referer', value: 'https://shop.example/' }] },
        ),
        entry(
          { startedDateTime: at(4) },
          {},
          { url: 'https://cdn.example/x.png', headers: [{ name: 'Referer', value: 'https://shop.example/' }] },
        ),
      ]),
    );
    expect(rs.map((r) => r.navigation)).toEqual(['top-level', 'subresource', 'top-level', 'subresource', 'subresource']);
    expect(rs[1]?.topLevelUrl).toBe('http://old.example/');
    expect(rs[3]?.topLevelUrl).toBe('https://shop.example/');
    // Origin-only Referer (strict-origin-when-cross-origin) still finds the page.
    expect(rs[4]?.topLevelUrl).toBe('https://shop.example/');
    const cookies = explain(rs[3]!, { browser: 'chrome', now: Date.parse(at(4)) / 1000 }).cookies;
    expect(cookies.sameSiteContext).toBe('same-site');
    expect(cookies.setCookies[0]?.stored).toBe(true);
  });

  it('an HTML document another entry initiated is a frame of that page, not a new page', () => {
    const rs = harToRecords(
      har([
        entry({}, { headers: html }, { url: 'https://news.example/' }),
        entry({ startedDateTime: at(1), _initiator: 'https://news.example/' }, { headers: html }, { url: 'https://ads.example/frame' }),
        entry({ startedDateTime: at(2), _initiator: 'https://ads.example/frame' }, {}, { url: 'https://ads.example/pixel' }),
      ]),
    );
    expect(rs[1]).toMatchObject({ navigation: 'subresource', resourceType: 'sub_frame', topLevelUrl: 'https://news.example/' });
    expect(rs[2]?.topLevelUrl).toBe('https://news.example/');
  });

  it('leaves the context unknown (and says so) for an entry nothing ties to a page, instead of calling it cross-site', () => {
    const rs = harToRecords(
      har([
        entry({}, { headers: html }, { url: 'http://a.example/' }),
        entry({ startedDateTime: at(1) }, { headers: [{ name: 'Set-Cookie', value: 'id=1; Path=/' }] }, { url: 'https://b.example/api' }),
      ]),
    );
    expect(rs[1]?.navigation).toBe('subresource');
    expect(rs[1]!.topLevelUrl).toBeUndefined();
    const cookies = explain(rs[1]!, { browser: 'chrome', now: Date.parse(at(2)) / 1000 }).cookies;
    expect(cookies.setCookies[0]?.stored).toBe(true);
    expect(cookies.findings.map((f) => f.id)).not.toContain('cookie-rejected-samesite-context');
    const unknown = cookies.findings.find((f) => f.id === 'cookie-samesite-context-unknown');
    expect(unknown?.severity).toBe('info');
  });

  it('a page reached through redirects starts at the first hop, even one answered in text/plain', () => {
    const rs = harToRecords(
      har([
        entry(
          {},
          { status: 302, redirectURL: 'https://shop.example/home', headers: [{ name: 'Content-Type', value: 'text/plain' }] },
          { url: 'https://shop.example/' },
        ),
        entry({ startedDateTime: at(1) }, { headers: html }, { url: 'https://shop.example/home' }),
        entry(
          { startedDateTime: at(2) },
          { headers: [{ name: 'Set-Cookie', value: 'v=1' }] },
          { url: 'https://shop.example/api', headers: [{ name: 'Referer', value: 'https://shop.example/home' }] },
        ),
      ]),
    );
    expect(rs.map((r) => r.navigation)).toEqual(['top-level', 'top-level', 'subresource']);
    expect(rs[2]?.topLevelUrl).toBe('https://shop.example/home');
  });

  it('reads Sec-Fetch-Dest: an iframe document is no page; a document is one', () => {
    const dest = (d: string, referer?: string) => ({
      headers: [{ name: 'Sec-Fetch-Dest', value: d }, ...(referer ? [{ name: 'Referer', value: referer }] : [])],
    });
    const rs = harToRecords(
      har([
        entry({}, { headers: html }, { url: 'https://news.example/', ...dest('document') }),
        entry(
          { startedDateTime: at(1) },
          { headers: html },
          { url: 'https://ads.example/frame', ...dest('iframe', 'https://news.example/') },
        ),
        entry(
          { startedDateTime: at(2) },
          { headers: html },
          { url: 'https://news.example/data.html', ...dest('empty', 'https://news.example/') },
        ),
        entry({ startedDateTime: at(3) }, {}, { url: 'https://other.example/', ...dest('document') }),
      ]),
    );
    expect(rs.map((r) => r.navigation)).toEqual(['top-level', 'subresource', 'subresource', 'top-level']);
    expect(rs[1]).toMatchObject({ resourceType: 'sub_frame', topLevelUrl: 'https://news.example/' });
    expect(rs[2]!.resourceType).toBeUndefined();
  });

  it('a recording with no document at all keeps its first entry as the page', () => {
    const rs = harToRecords(har([entry(), entry({ startedDateTime: at(1) }, {}, { url: 'https://a.example/y' })]));
    expect(rs[0]?.navigation).toBe('top-level');
  });
});

describe('toHar', () => {
  it('round-trips the fields HAR can carry, including sources HAR cannot express', () => {
    const original = harToRecords(
      har([
        entry({ pageref: 'p', serverIPAddress: '1.2.3.4', _fromCache: 'disk', _resourceType: 'document' }),
        entry(
          { pageref: 'p', startedDateTime: '2026-01-01T00:00:01Z', _resourceType: 'script' },
          { status: 304, headers: [{ name: 'ETag', value: '"a"' }] },
          { url: 'https://a.example/s.js' },
        ),
      ]),
    );
    original[1]!.source = 'revalidated';
    const doc = toHar(original) as { log: { creator: { name: string }; pages: unknown[] } };
    expect(doc.log.creator.name).toBe('Cache Lens');
    expect(doc.log.pages).toHaveLength(1);
    const back = harToRecords(JSON.parse(JSON.stringify(doc)));
    const pick = (r: (typeof original)[number]) => ({
      url: r.url,
      method: r.method,
      status: r.status,
      source: r.source,
      requestHeaders: r.requestHeaders,
      responseHeaders: r.responseHeaders,
      requestTimeMs: r.requestTimeMs,
      responseTimeMs: r.responseTimeMs,
      endTimeMs: r.endTimeMs,
      serverIp: r.serverIp,
      resourceType: r.resourceType,
      pageId: r.pageId,
      navigation: r.navigation,
    });
    expect(back.map(pick)).toEqual(original.map(pick));
  });
});

describe('readHar robustness (fast-check)', () => {
  it('on any JSON value or text, either returns records or throws a HarError, never anything else', async () => {
    const fc = (await import('fast-check')).default;
    const anyEntry = fc.record(
      {
        startedDateTime: fc.oneof(fc.string(), fc.constant('2026-01-01T00:00:00Z')),
        request: fc.oneof(
          fc.anything(),
          fc.record({ method: fc.anything(), url: fc.anything(), headers: fc.anything() }),
          fc.record({
            method: fc.constant('GET'),
            url: fc.constant('https://a.example/'),
            headers: fc.array(fc.record({ name: fc.string(), value: fc.anything({ withNullPrototype: true }) })),
          }),
        ),
        response: fc.oneof(fc.anything(), fc.record({ status: fc.anything(), headers: fc.anything(), redirectURL: fc.anything() })),
        timings: fc.anything(),
        time: fc.anything(),
        _fromCache: fc.anything(),
        _initiator: fc.anything(),
        pageref: fc.anything(),
      },
      { requiredKeys: [] },
    );
    const input = fc.oneof(
      fc.anything({ withNullPrototype: true, withBoxedValues: true }),
      fc.string(),
      fc.record({ log: fc.record({ entries: fc.array(anyEntry, { maxLength: 5 }), pages: fc.anything() }, { requiredKeys: ['entries'] }) }),
    );
    fc.assert(
      fc.property(input, (doc) => {
        try {
          const records = harToRecords(doc);
          for (const r of records) expect(typeof r.url === 'string' && Number.isFinite(r.requestTimeMs)).toBe(true);
          toHar(records); // and the export of whatever was read does not throw either
        } catch (e) {
          if (!(e instanceof HarError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { App } from './App';
import { explanation, fakeExplainer, makeStore, record, snapshot } from '../test/fixtures';
import type { Explanation, SetCookieResult } from '../../core/explanation';
import type { ExchangeRecord, Finding, FixSnippets } from '../../core/types';
import { FIX_SNIPPETS } from '../../core/fixes/snippets';

afterEach(cleanup);

function open(
  over: (x: ExchangeRecord) => Partial<Explanation>,
  tab: 'Caching' | 'Cookies',
  responseHeaders = [{ name: 'Set-Cookie', value: 'sid=s3cr3t-v4lue; Secure' }],
) {
  const { store } = makeStore(fakeExplainer({ a: over }).fn);
  store.receive(snapshot([record({ id: 'a', responseHeaders })]));
  render(<App store={store} />);
  act(() => store.select('a'));
  fireEvent.click(screen.getByRole('tab', { name: tab }));
  return store;
}

const SNIPPETS: FixSnippets = {
  header: 'Cache-Control: public, max-age=31536000, immutable',
  note: 'Only for versioned URLs.',
  removes: ['Expires'],
  nginx: {
    code: 'add_header Cache-Control "public, max-age=31536000, immutable";',
    doc: 'https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header',
  },
  express: { code: "res.set('Set-Cookie', 'sid=s3cr3t-v4lue; Secure; HttpOnly')", doc: 'https://expressjs.com/en/5x/api.html#res.set' },
  cloudflare: { code: 'export default {}', doc: 'https://developers.cloudflare.com/workers/runtime-apis/headers/', kind: 'worker' },
};
const CODES = [SNIPPETS.header, SNIPPETS.nginx!.code, SNIPPETS.express!.code, SNIPPETS.cloudflare!.code];
const finding = (over: Partial<Finding> & Record<string, unknown> = {}): Finding => ({
  id: 'no-validator',
  topic: 'cache',
  severity: 'warning',
  summary: 'No validator.',
  rule: 'RFC 9111 §4.3.',
  link: 'https://www.rfc-editor.org/rfc/rfc9111#section-4.3',
  fix: 'Send an ETag.',
  ...over,
});

describe("a finding's fix, snippets and repeats", () => {
  it('shows the fix, every snippet the engine gave as a copyable block in its order, and how often it repeated', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    open((x) => ({ cache: { ...explanation(x).cache, findings: [finding({ snippets: SNIPPETS, repeats: 3 })] }, findings: [] }), 'Caching');
    const li = document.querySelector('.finding')!;
    expect(li.querySelector('.fix')!.textContent).toBe('Fix: Send an ETag.');
    expect(li.querySelector('.repeats')!.textContent).toContain('and 3 more times, shown once');
    expect(li.querySelector('.snippets summary')!.textContent).toBe('Configuration: Response header, nginx, Express, Cloudflare');
    expect([...li.querySelectorAll('.snippet-name')].map((c) => c.textContent)).toContain('Cloudflare (Worker)');
    expect([...li.querySelectorAll('.snippet-code')].map((c) => c.textContent)).toEqual(CODES);
    expect(li.querySelector('.snippet-note')!.textContent).toBe('Only for versioned URLs.');
    expect(li.querySelector('.snippet-removes')!.textContent).toBe('Remove: Expires');
    expect(li.querySelector('.snippet a[href="https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header"]')).not.toBeNull();
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy the nginx configuration' }));
    });
    expect(writeText).toHaveBeenCalledWith(SNIPPETS.nginx!.code);
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Copy the nginx configuration' }).textContent).toBe('Copied'));
  });

  it("looks the engine's snippets up when the finding does not carry them", () => {
    open((x) => ({ cache: { ...explanation(x).cache, findings: [finding({ id: 'no-validator' })] }, findings: [] }), 'Caching');
    const codes = [...document.querySelectorAll('.snippet-code')].map((c) => c.textContent);
    expect(codes[0]).toBe(FIX_SNIPPETS['no-validator']?.header);
    expect(codes).toContain(FIX_SNIPPETS['no-validator']?.nginx?.code);
  });

  it('no snippets, no block; Hide values withholds the snippets that quote values, and only those', () => {
    const store = open(
      (x) => ({
        cache: {
          ...explanation(x).cache,
          findings: [finding({ snippets: SNIPPETS }), finding({ id: 'not-a-fixable-id', summary: 'Other.' })],
        },
        findings: [],
      }),
      'Caching',
    );
    expect(document.querySelectorAll('.snippets')).toHaveLength(1);
    act(() => {
      store.hideValues.value = true;
    });
    const text = document.querySelector('.tab-panel')!.textContent;
    expect(text).not.toContain('s3cr3t-v4lue');
    expect([...document.querySelectorAll('.snippet-code')].map((c) => c.textContent)).toEqual([CODES[0], CODES[1], CODES[3]]);
    expect(document.querySelectorAll('.snippet-hidden')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Copy the Express configuration' })).toBeNull();
  });
});

describe('Set-Cookie cards: every reject reason, the name prefix, repeated lines', () => {
  const card = (over: Partial<SetCookieResult>): SetCookieResult => ({
    index: 0,
    raw: '__Host-Http-sid=1; Domain=example.com',
    stored: false,
    attributes: [],
    scope: [],
    lifetime: 'session',
    prefix: '__Host-',
    purpose: null,
    signed: null,
    findings: [],
    ...over,
  });

  it('lists every reason, the first one first, with the code only in the tooltip', () => {
    open(
      (x) => ({
        cookies: {
          ...explanation(x).cookies,
          setCookies: [
            card({
              rejectReason: 'invalid-prefix',
              rejectWhy: 'First: the __Host-Http- prefix needs Secure, Path=/ and no Domain.',
              rejectReasons: [
                { reason: 'invalid-prefix', why: 'First: the __Host-Http- prefix needs Secure, Path=/ and no Domain.' },
                { reason: 'secure-from-insecure', why: 'Second: a Secure cookie cannot be set over http.' },
              ],
              namePrefix: '__Host-Http-',
              repeats: 2,
            }),
          ],
        },
      }),
      'Cookies',
    );
    const reasons = [...document.querySelectorAll('.reject-reasons li')];
    expect(reasons.map((li) => li.textContent)).toEqual([
      'First: the __Host-Http- prefix needs Secure, Path=/ and no Domain.',
      'Second: a Secure cookie cannot be set over http.',
    ]);
    expect(reasons.map((li) => li.getAttribute('title'))).toEqual(['invalid-prefix', 'secure-from-insecure']);
    expect(document.querySelector('.cookie-card .reject')!.textContent).toContain('Rejected, for 2 reasons');
    const card0 = document.querySelector('.cookie-card')!.textContent;
    expect(card0).toContain('__Host-Http- prefix');
    expect(card0).not.toContain('__Host- prefix');
    expect(card0).toContain('and 2 identical lines after it, shown once');
  });

  it('one reason stays one sentence; without rejectReasons the first reason is shown', () => {
    open(
      (x) => ({
        cookies: {
          ...explanation(x).cookies,
          setCookies: [card({ rejectReason: 'expired', rejectWhy: 'It had already expired.', namePrefix: undefined })],
        },
      }),
      'Cookies',
    );
    expect(document.querySelector('.cookie-card .reject')!.textContent).toBe('Rejected: It had already expired.');
    expect(document.querySelector('.cookie-card')!.textContent).toContain('__Host- prefix');
    expect(document.querySelectorAll('.reject-reasons')).toHaveLength(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { ExchangeRecord, HeaderList } from '../types';
import { CacheModel, predictNext, type ModelRequest, type ModelResponse } from './model';
import { explainCache } from './index';
import { parseHttpDateLenient } from './parsers';

const T = 1767225600; // 2026-01-01T00:00:00Z
const URL_A = 'https://example.com/a.css';
const date = (t: number) => new Date(t * 1000).toUTCString();
const h = (o: Record<string, string>): HeaderList => Object.entries(o).map(([name, value]) => ({ name, value }));

function res(headers: Record<string, string>, t = T, status = 200): ModelResponse {
  return { status, headers: h({ Date: date(t), ...headers }), requestTime: t, responseTime: t };
}
function req(t: number, extra: Partial<ModelRequest> = {}): ModelRequest {
  return { url: URL_A, method: 'GET', headers: [], time: t, ...extra };
}
/** Stores `first` through a full exchange at T and returns the model. */
function primed(
  first: Record<string, string>,
  browser: 'rfc' | 'chrome' | 'firefox' = 'rfc',
  kind: 'private' | 'shared' = 'private',
): CacheModel {
  const m = new CacheModel({ browser, kind });
  const r = req(T);
  expect(m.receive(r, m.lookup(r), res(first))?.outcome).toBe('stored');
  return m;
}

describe('cache model: one stored response over time', () => {
  it('serves fresh, then revalidates with the stored validators once stale', () => {
    const m = primed({ 'Cache-Control': 'max-age=60', ETag: '"v1"', 'Last-Modified': date(T - 3600) });
    expect(m.lookup(req(T + 30))).toMatchObject({ action: 'fresh', reason: 'fresh' });
    const later = m.lookup(req(T + 61));
    expect(later.action).toBe('revalidate');
    expect(later.conditional).toEqual([
      { name: 'If-None-Match', value: '"v1"' },
      { name: 'If-Modified-Since', value: date(T - 3600) },
    ]);
  });

  it('no-cache with Last-Modified revalidates every use, though a heuristic lifetime exists', () => {
    const m = primed({ 'Cache-Control': 'no-cache', 'Last-Modified': date(T - 864000) });
    expect(m.lookup(req(T + 1))).toMatchObject({ action: 'revalidate', reason: 'response-no-cache' });
  });

  it('stale-while-revalidate: inside the window the stale copy is served while it refreshes', () => {
    const m = primed({ 'Cache-Control': 'max-age=10, stale-while-revalidate=60', ETag: '"s"' });
    expect(m.lookup(req(T + 30)).action).toBe('stale-while-revalidate');
    expect(m.lookup(req(T + 71)).action).toBe('revalidate');
  });

  it('an Age above max-age makes the response stale at once', () => {
    const m = primed({ 'Cache-Control': 'max-age=60', Age: '120', ETag: '"x"' });
    expect(m.lookup(req(T + 1))).toMatchObject({ action: 'revalidate', reason: 'stale' });
  });

  it('a stale response without validators is downloaded again', () => {
    const m = primed({ 'Cache-Control': 'max-age=1' });
    expect(m.lookup(req(T + 5))).toMatchObject({ action: 'network', reason: 'stale-no-validator' });
  });
});

describe('cache model: multi-step behaviour', () => {
  it('a 304 freshens the stored response with its new fields (RFC 9111 §4.3.4)', () => {
    const m = primed({ 'Cache-Control': 'max-age=1', ETag: '"v1"', 'X-Version': 'a' });
    const r = req(T + 10);
    const d = m.lookup(r);
    expect(d.action).toBe('revalidate');
    const got = m.receive(r, d, res({ 'Cache-Control': 'max-age=600', ETag: '"v1"', 'X-Version': 'b' }, T + 10, 304));
    expect(got?.outcome).toBe('updated');
    expect(got?.response.status).toBe(200);
    expect(m.lookup(req(T + 100)).action).toBe('fresh');
    expect(m.entries(URL_A)[0]?.headers.find((x) => x.name === 'X-Version')?.value).toBe('b');
  });

  it('Chrome keeps Content-Type and ETag of the stored response on a 304; the RFC cache updates them', () => {
    for (const [browser, expected] of [
      ['chrome', 'text/css'],
      ['rfc', 'text/plain'],
    ] as const) {
      const m = primed({ 'Cache-Control': 'max-age=1', ETag: '"v1"', 'Content-Type': 'text/css' }, browser);
      const r = req(T + 10);
      m.receive(r, m.lookup(r), res({ ETag: '"v1"', 'Content-Type': 'text/plain' }, T + 10, 304));
      expect(m.entries(URL_A)[0]?.headers.find((x) => x.name === 'Content-Type')?.value).toBe(expected);
    }
  });

  it('Vary: a request with other values does not match; Chrome validates the stored variant instead', () => {
    const first = { 'Cache-Control': 'max-age=600', ETag: '"en"', Vary: 'Accept-Language' };
    const withLang = (t: number, lang: string) => req(t, { headers: h({ 'Accept-Language': lang }) });
    for (const browser of ['rfc', 'chrome'] as const) {
      const m = new CacheModel({ browser });
      m.receive(withLang(T, 'en'), m.lookup(withLang(T, 'en')), res(first));
      expect(m.lookup(withLang(T + 1, 'en')).action).toBe('fresh');
      expect(m.lookup(withLang(T + 1, 'de'))).toMatchObject({ action: 'revalidate', reason: 'vary-mismatch' });
    }
    const star = primed({ 'Cache-Control': 'max-age=600', Vary: '*' });
    expect(star.lookup(req(T + 1)).action).toBe('network');
  });

  it('a browser keeps one variant per URL; the RFC cache keeps each', () => {
    const vary = { 'Cache-Control': 'max-age=600', Vary: 'Foo' };
    const foo = (t: number, v: string) => req(t, { headers: h({ Foo: v }) });
    const counts: Record<string, number> = {};
    for (const browser of ['rfc', 'firefox'] as const) {
      const m = new CacheModel({ browser });
      m.receive(foo(T, '1'), m.lookup(foo(T, '1')), res(vary));
      const d = m.lookup(foo(T + 1, '2'));
      m.receive(foo(T + 1, '2'), { ...d, action: 'network' }, res(vary, T + 1));
      counts[browser] = m.entries(URL_A).length;
    }
    expect(counts).toEqual({ rfc: 2, firefox: 1 });
  });

  it('a successful POST invalidates the URL and its same-origin Location (RFC); Chrome only the URL', () => {
    for (const [browser, targetKept] of [
      ['rfc', false],
      ['chrome', true],
    ] as const) {
      const m = new CacheModel({ browser });
      const target = 'https://example.com/target';
      const get = (u: string, t: number) => ({ url: u, method: 'GET', headers: [], time: t });
      for (const u of [URL_A, target]) m.receive(get(u, T), m.lookup(get(u, T)), res({ 'Cache-Control': 'max-age=600' }));
      const post = { url: URL_A, method: 'POST', headers: [], time: T + 1 };
      const got = m.receive(post, m.lookup(post), res({ Location: '/target' }, T + 1, 201));
      expect(got?.invalidated).toContain(URL_A);
      expect(m.lookup(get(URL_A, T + 2)).action).toBe('network');
      expect(m.lookup(get(target, T + 2)).action).toBe(targetKept ? 'fresh' : 'network');
    }
  });

  it('a failed POST invalidates nothing in the RFC model, but does in Firefox', () => {
    for (const [browser, kept] of [
      ['rfc', true],
      ['firefox', false],
    ] as const) {
      const m = primed({ 'Cache-Control': 'max-age=600' }, browser);
      const post = { url: URL_A, method: 'POST', headers: [], time: T + 1 };
      m.receive(post, m.lookup(post), res({}, T + 1, 500));
      expect(m.lookup(req(T + 2)).action).toBe(kept ? 'fresh' : 'network');
    }
  });

  it('a HEAD response freshens the stored GET response in the RFC model only', () => {
    for (const [browser, after] of [
      ['rfc', 'fresh'],
      ['chrome', 'network'],
    ] as const) {
      const m = primed({ 'Cache-Control': 'max-age=1' }, browser);
      const head = req(T + 10, { method: 'HEAD' });
      m.receive(head, m.lookup(head), res({ 'Cache-Control': 'max-age=600' }, T + 10));
      expect(m.lookup(req(T + 20)).action).toBe(after);
    }
  });

  it('a POST response is reused for a GET only as RFC 9110 §9.3.3 allows, and never by browsers', () => {
    for (const [browser, action] of [
      ['rfc', 'fresh'],
      ['chrome', 'network'],
    ] as const) {
      const m = new CacheModel({ browser });
      const post = { url: URL_A, method: 'POST', headers: [], time: T };
      m.receive(post, m.lookup(post), res({ 'Cache-Control': 'max-age=600', 'Content-Location': URL_A }));
      expect(m.lookup(req(T + 1)).action).toBe(action);
    }
  });
});

describe('cache model: requests, loads and profiles', () => {
  const fresh = { 'Cache-Control': 'max-age=600', ETag: '"r"' };

  it('request directives: max-age=0 revalidates; no-cache revalidates (RFC) or bypasses (Chrome); only-if-cached', () => {
    const cc = (v: string) => ({ headers: h({ 'Cache-Control': v }) });
    expect(primed(fresh).lookup(req(T + 1, cc('max-age=0'))).action).toBe('revalidate');
    expect(primed(fresh).lookup(req(T + 1, cc('no-cache'))).action).toBe('revalidate');
    expect(primed(fresh, 'chrome').lookup(req(T + 1, cc('no-cache'))).action).toBe('network');
    expect(primed(fresh).lookup(req(T + 11, cc('max-age=10'))).action).toBe('revalidate');
    expect(primed(fresh, 'chrome').lookup(req(T + 11, cc('max-age=10'))).action).toBe('fresh');
    expect(new CacheModel().lookup(req(T, cc('only-if-cached'))).action).toBe('unavailable');
    expect(primed({ 'Cache-Control': 'max-age=1' }).lookup(req(T + 30, cc('max-stale=60'))).action).toBe('fresh');
  });

  it('reloads: Chrome and Firefox revalidate the page, not a fresh subresource; immutable spares an https page in Firefox', () => {
    const page = { load: 'reload' as const, destination: 'document' as const };
    const sub = { load: 'reload' as const, destination: 'subresource' as const };
    expect(primed(fresh, 'chrome').lookup(req(T + 1, page))).toMatchObject({ action: 'revalidate', reason: 'reload-main' });
    expect(primed(fresh, 'chrome').lookup(req(T + 1, sub))).toMatchObject({ action: 'fresh', reason: 'reload-subresource' });
    expect(primed(fresh, 'firefox').lookup(req(T + 1, sub))).toMatchObject({ action: 'fresh', reason: 'reload-subresource' });
    expect(primed(fresh, 'firefox').lookup(req(T + 1, page))).toMatchObject({ action: 'revalidate', reason: 'reload-main' });
    const immutable = { 'Cache-Control': 'max-age=600, immutable', ETag: '"i"' };
    for (const [url, reason] of [
      ['http://example.com/', 'reload-main'],
      ['https://example.com/', 'reload-immutable'],
    ]) {
      const m = new CacheModel({ browser: 'firefox' });
      const r = req(T, { url });
      m.receive(r, m.lookup(r), res(immutable));
      expect(m.lookup(req(T + 1, { ...page, url })).reason).toBe(reason); // Firefox honours immutable over https only
    }
    expect(primed(fresh, 'chrome').lookup(req(T + 1, { load: 'hard-reload' })).action).toBe('network');
  });

  it('a subresource with no-cache and an ETag is revalidated on reload because of no-cache, not as the page', () => {
    const d = primed({ 'Cache-Control': 'no-cache', ETag: '"n"' }, 'chrome').lookup(
      req(T + 1, { load: 'reload', destination: 'subresource' }),
    );
    expect(d).toMatchObject({ action: 'revalidate', reason: 'response-no-cache' });
    expect(d.plain).not.toMatch(/page itself/);
  });

  it('browsers read malformed Expires leniently; the RFC treats it as expired', () => {
    const expires = { Expires: 'Thu, 18 Aug 2050 2:01:18 GMT' };
    expect(primed(expires, 'rfc').lookup(req(T + 1)).action).toBe('network');
    expect(primed(expires, 'chrome').lookup(req(T + 1)).action).toBe('fresh');
    expect(parseHttpDateLenient('Thursday, 18-Aug-50 02:01:18 GMT')).toBe(Date.UTC(2050, 7, 18, 2, 1, 18) / 1000);
    expect(parseHttpDateLenient('Thu, 18 Aug 2050 02.01.18 AEST')).toBe(Date.UTC(2050, 7, 18, 2, 1, 18) / 1000);
    // A word that is an inherited property name is an unknown word too (`in` made it NaN).
    expect(parseHttpDateLenient('Thu, 18 Aug 2050 02.01.18 constructor')).toBe(Date.UTC(2050, 7, 18, 2, 1, 18) / 1000);

    expect(parseHttpDateLenient('garbage 12')).toBeNull();
  });

  it('Firefox does not reuse a fresh 404; Chrome and the RFC do', () => {
    for (const [browser, action] of [
      ['rfc', 'fresh'],
      ['chrome', 'fresh'],
      ['firefox', 'network'],
    ] as const) {
      const m = new CacheModel({ browser });
      m.receive(req(T), m.lookup(req(T)), res({ 'Cache-Control': 'max-age=600' }, T, 404));
      expect(m.lookup(req(T + 1)).action).toBe(action);
    }
  });

  it('a shared cache answers 504 when the origin is unreachable and it may not serve stale', () => {
    const m = primed({ 'Cache-Control': 'max-age=1, must-revalidate', ETag: '"m"' }, 'rfc', 'shared');
    const r = req(T + 10);
    expect(m.receive(r, m.lookup(r), null)?.response.status).toBe(504);
  });

  it('the shared cache follows CDN-Cache-Control over Cache-Control (RFC 9213)', () => {
    const m = primed({ 'CDN-Cache-Control': 'max-age=600', 'Cache-Control': 'no-store' }, 'rfc', 'shared');
    expect(m.lookup(req(T + 1)).action).toBe('fresh');
    const p = primed({ 'CDN-Cache-Control': 'max-age=600', 'Cache-Control': 'max-age=1' }, 'rfc', 'private');
    expect(p.lookup(req(T + 5)).action).toBe('network');
  });
});

describe('predictNext and explainCache share one decision', () => {
  const record = (over: Partial<ExchangeRecord>): ExchangeRecord => ({
    id: 'x1',
    url: URL_A,
    method: 'GET',
    status: 200,
    requestHeaders: [],
    responseHeaders: h({ Date: date(T), 'Cache-Control': 'max-age=60', ETag: '"e1"' }),
    requestTimeMs: T * 1000,
    responseTimeMs: T * 1000,
    source: 'network',
    resourceType: 'stylesheet',
    ...over,
  });

  it('replays a 304 from the history before predicting', () => {
    const first = record({});
    const revalidated = record({
      id: 'x2',
      status: 304,
      requestHeaders: h({ 'If-None-Match': '"e1"' }),
      responseHeaders: h({ Date: date(T + 100), 'Cache-Control': 'max-age=600', ETag: '"e1"' }),
      requestTimeMs: (T + 100) * 1000,
      responseTimeMs: (T + 100) * 1000,
    });
    const next = { url: URL_A, load: 'navigation' as const, destination: 'subresource' as const, now: T + 300 };
    expect(predictNext([first], next, { browser: 'chrome' }).action).toBe('revalidate');
    expect(predictNext([first, revalidated], next, { browser: 'chrome' })).toMatchObject({ action: 'fresh', storedId: 'x1' });
  });

  it('explainCache gives the model decision for each load, re-evaluated at `now`', () => {
    const x = record({ responseHeaders: h({ Date: date(T), 'Cache-Control': 'max-age=10, stale-while-revalidate=60', ETag: '"s"' }) });
    const at = (now: number) => explainCache(x, { browser: 'chrome', now }).nextUse;
    expect(at(T + 5).loads?.navigation.decision).toBe('fresh');
    expect(at(T + 30).loads?.navigation.decision).toBe('stale-while-revalidate');
    expect(at(T + 30).loads?.reload.decision).toBe('stale-while-revalidate');
    expect(at(T + 100)).toMatchObject({ action: 'revalidate', conditionalHeaders: ['If-None-Match: "s"'] });
    const page = { ...x, resourceType: 'main_frame', navigation: 'top-level' as const };
    expect(explainCache(page, { browser: 'chrome', now: T + 5 }).nextUse.loads?.reload.decision).toBe('revalidate');
  });
});

describe('browser notes for the model departures', () => {
  it('says when a browser reads a malformed Expires or a decimal max-age the RFC rejects', () => {
    const x: ExchangeRecord = {
      id: 'n',
      url: URL_A,
      method: 'GET',
      status: 200,
      requestHeaders: [],
      responseHeaders: h({ Date: date(T), Expires: 'Thu, 18 Aug 2050 2:01:18 GMT' }),
      requestTimeMs: T * 1000,
      responseTimeMs: T * 1000,
      source: 'network',
    };
    expect(explainCache(x, { browser: 'chrome', now: T }).private.browserNotes.join(' ')).toMatch(/malformed Expires/);
    expect(explainCache(x, { browser: 'rfc', now: T }).private.fresh).toBe(false);
    const decimal = { ...x, responseHeaders: h({ Date: date(T), 'Cache-Control': 'max-age=3600.5' }) };
    const ff = explainCache(decimal, { browser: 'firefox', now: T });
    expect(ff.private.freshnessLifetime).toBe(3600);
    expect(ff.private.browserNotes.join(' ')).toMatch(/leading digits .*3600 s/);
  });
});

describe('hostile names', () => {
  it('Object.prototype names in Vary, Cache-Control and the profile id are ordinary unknown names', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const x: ExchangeRecord = {
        id: 'h',
        url: URL_A,
        method: 'GET',
        status: 200,
        requestHeaders: h({ [name]: 'x', 'Cache-Control': `${name}=1` }),
        responseHeaders: h({ Date: date(T), Vary: name, 'Cache-Control': `max-age=60, ${name}, ${name}=2` }),
        requestTimeMs: T * 1000,
        responseTimeMs: T * 1000,
        source: 'network',
      };
      const e = explainCache(x, { browser: name as never, now: T + 1 });
      expect(e.browser).toBe('rfc');
      expect(e.varyExplained[0]).toContain(name.toLowerCase());
      const d = e.responseDirectives.find((r) => r.name === name.toLowerCase());
      expect(d?.known).toBe(false);
      expect(d?.plain).not.toMatch(/request directive/);
      expect(e.nextUse.action).toBe('from-cache');
      const m = new CacheModel();
      const r = { url: URL_A, headers: h({ [name]: 'x' }), time: T };
      m.receive(r, m.lookup(r), res({ 'Cache-Control': 'max-age=60', Vary: name }));
      expect(m.lookup({ ...r, time: T + 1 }).action).toBe('fresh');
    }
  });
});

describe('Chromium behaviours found by the lab matrix (tests/e2e/cache-matrix.test.ts)', () => {
  it('stale-while-revalidate serves subresources only; a page navigation validates', () => {
    const m = primed({ 'Cache-Control': 'max-age=1, stale-while-revalidate=600', ETag: '"w"' }, 'chrome');
    expect(m.lookup(req(T + 10, { destination: 'subresource' })).action).toBe('stale-while-revalidate');
    expect(m.lookup(req(T + 10, { destination: 'document' })).action).toBe('revalidate');
    expect(
      primed({ 'Cache-Control': 'max-age=1, stale-while-revalidate=600', ETag: '"w"' }).lookup(req(T + 10, { destination: 'document' }))
        .action,
    ).toBe('stale-while-revalidate');
  });
  it('a 304 that says no-store removes the stored response', () => {
    const m = primed({ 'Cache-Control': 'max-age=1', ETag: '"n"' }, 'chrome');
    const r = req(T + 10);
    expect(m.receive(r, m.lookup(r), res({ 'Cache-Control': 'no-store', ETag: '"n"' }, T + 10, 304))?.outcome).toBe('removed');
    expect(m.lookup(req(T + 11)).reason).toBe('no-entry');
  });
  it('Vary: * with an ETag is validated with If-None-Match only in Chrome; not reused at all by the RFC cache', () => {
    const v = { 'Cache-Control': 'max-age=600', Vary: '*', ETag: '"v"', 'Last-Modified': date(T - 100) };
    expect(primed(v, 'chrome').lookup(req(T + 1))).toMatchObject({
      action: 'revalidate',
      conditional: [{ name: 'If-None-Match', value: '"v"' }],
    });
    expect(primed(v, 'rfc').lookup(req(T + 1))).toMatchObject({ action: 'network', reason: 'vary-star' });
  });
  it('Chrome revalidates only 200 and 206: a stale 404 with Last-Modified is fetched in full', () => {
    const m = new CacheModel({ browser: 'chrome' });
    m.receive(req(T), m.lookup(req(T)), res({ 'Cache-Control': 'max-age=1', 'Last-Modified': date(T - 1000) }, T, 404));
    expect(m.lookup(req(T + 10)).action).toBe('network');
    const r = new CacheModel({ browser: 'rfc' });
    r.receive(req(T), r.lookup(req(T)), res({ 'Cache-Control': 'max-age=1', 'Last-Modified': date(T - 1000) }, T, 404));
    expect(r.lookup(req(T + 10)).action).toBe('revalidate');
  });
});

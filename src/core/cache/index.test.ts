import { describe, expect, it } from 'vitest';
import type { BrowserProfile, ExchangeRecord } from '../types';
import { explainCache, linkRevalidation } from './index';

// Each catalogue note's reachability is checked on its own in notes-coverage.test.ts.

const T = 1700000000; // Tue, 14 Nov 2023 22:13:20 GMT
const DATE = 'Tue, 14 Nov 2023 22:13:20 GMT';
const DAY_BEFORE = 'Mon, 13 Nov 2023 22:13:20 GMT';
const LONG_AGO = 'Sun, 14 Nov 2021 22:13:20 GMT'; // ~730 days before DATE

let seq = 0;
function ex(
  response: Record<string, string | string[]>,
  opts: Partial<ExchangeRecord> & { request?: Record<string, string> } = {},
): ExchangeRecord {
  const toList = (r: Record<string, string | string[]>) =>
    Object.entries(r).flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((value) => ({ name, value })));
  const { request, ...rest } = opts;
  return {
    id: `x${++seq}`,
    url: 'https://example.com/app.css',
    method: 'GET',
    status: 200,
    requestHeaders: toList(request ?? {}),
    responseHeaders: toList({ Date: DATE, ...response }),
    requestTimeMs: T * 1000,
    responseTimeMs: T * 1000,
    source: 'network',
    ...rest,
  };
}
const run = (x: ExchangeRecord, browser: BrowserProfile = 'rfc', now = T + 10, history?: ExchangeRecord[]) =>
  explainCache(x, { browser, now }, history);
const findingIds = (x: ExchangeRecord, browser: BrowserProfile = 'rfc', now = T + 10, history?: ExchangeRecord[]) =>
  run(x, browser, now, history).findings.map((f) => f.id);

describe('views', () => {
  it('computes fresh-until and remaining from the corrected initial age', () => {
    const e = run(ex({ 'Cache-Control': 'max-age=100', Age: '30' }), 'rfc', T + 10);
    expect(e.private).toMatchObject({ freshnessLifetime: 100, currentAge: 40, fresh: true, freshUntil: T + 70, remaining: 60 });
    expect(e.age).toBe(30);
    expect(e.date).toBe(T);
  });

  it('adds the response delay to Age (RFC 9111 §4.2.3)', () => {
    const e = run(ex({ 'Cache-Control': 'max-age=100', Age: '10' }, { requestTimeMs: (T - 5) * 1000 }), 'rfc', T);
    expect(e.private.currentAge).toBe(15);
  });

  it('uses the receipt time when Date is missing', () => {
    const x = ex({ 'Cache-Control': 'max-age=100' });
    x.responseHeaders = x.responseHeaders.filter((h) => h.name !== 'Date');
    const e = run(x, 'rfc', T + 20);
    expect(e.private).toMatchObject({ currentAge: 20, fresh: true });
    expect(e.findings.map((f) => f.id)).toContain('date-missing');
  });

  it('s-maxage counts for the shared cache only and forbids serving stale there', () => {
    const e = run(ex({ 'Cache-Control': 'max-age=60, s-maxage=600' }), 'rfc', T + 100);
    expect(e.private).toMatchObject({ freshnessLifetime: 60, freshnessSource: 'max-age', fresh: false, mayServeStale: true });
    expect(e.shared).toMatchObject({ freshnessLifetime: 600, freshnessSource: 's-maxage', fresh: true, mayServeStale: false });
  });

  it('qualified private still lets a shared cache store the rest', () => {
    const e = run(ex({ 'Cache-Control': 'private="Set-Cookie", max-age=60' }));
    expect(e.shared.storable).toBe(true);
    expect(e.findings.map((f) => f.id)).toContain('private-qualified');
  });

  it('stale-while-revalidate window: served from cache while open, revalidated after', () => {
    const x = ex({ 'Cache-Control': 'max-age=10, stale-while-revalidate=60', ETag: '"a"' });
    const open = run(x, 'rfc', T + 30);
    expect(open.private).toMatchObject({ fresh: false, mustRevalidate: false, staleWhileRevalidate: 60 });
    expect(open.nextUse.action).toBe('from-cache');
    const closed = run(x, 'rfc', T + 80);
    expect(closed.private.mustRevalidate).toBe(true);
    expect(closed.nextUse).toMatchObject({ action: 'revalidate', conditionalHeaders: ['If-None-Match: "a"'] });
  });

  it('must-understand lets an understood status ignore no-store', () => {
    const e = run(ex({ 'Cache-Control': 'no-store, must-understand, max-age=60' }));
    expect(e.private.storable).toBe(true);
  });

  it('POST is storable only with explicit freshness and a matching Content-Location', () => {
    const ok = ex({ 'Cache-Control': 'max-age=60', 'Content-Location': '/app.css' }, { method: 'POST' });
    expect(run(ok).private.storable).toBe(true);
    const other = ex({ 'Cache-Control': 'max-age=60', 'Content-Location': '/other' }, { method: 'POST' });
    expect(run(other).private.storable).toBe(false);
  });

  it('shared cache refuses Authorization without public/s-maxage/must-revalidate', () => {
    const e = run(ex({ 'Cache-Control': 'max-age=60' }, { request: { Authorization: 'Bearer x' } }));
    expect(e.private.storable).toBe(true);
    expect(e.shared.storable).toBe(false);
    expect(e.shared.storableWhy).toMatch(/Authorization/);
  });

  it('a request with no-store is not stored', () => {
    expect(run(ex({ 'Cache-Control': 'max-age=60' }, { request: { 'Cache-Control': 'no-store' } })).private.storable).toBe(false);
  });
});

describe('browser profiles', () => {
  const lm404 = ex({ 'Last-Modified': DAY_BEFORE }, { status: 404 });
  it('Chrome: heuristic only for 200/203/206', () => {
    expect(run(lm404, 'rfc').private).toMatchObject({ freshnessLifetime: 8640, heuristic: true });
    const chrome = run(lm404, 'chrome').private;
    expect(chrome).toMatchObject({ freshnessLifetime: null, freshnessSource: 'none', fresh: false });
    expect(chrome.browserNotes.join(' ')).toMatch(/200, 203 and 206/);
  });

  it('Firefox: heuristic capped at one week', () => {
    const x = ex({ 'Last-Modified': LONG_AGO });
    expect(run(x, 'rfc').private.freshnessLifetime).toBe(6307200);
    const ff = run(x, 'firefox').private;
    expect(ff.freshnessLifetime).toBe(604800);
    expect(ff.browserNotes.join(' ')).toMatch(/one week/);
    expect(run(x, 'chrome').private.freshnessLifetime).toBe(6307200);
  });

  it('Chrome keeps 301/308/410 without explicit freshness forever; Firefox only 410', () => {
    const x = ex({}, { status: 301 });
    expect(run(x, 'rfc').private.freshnessLifetime).toBeNull();
    const v = run(x, 'chrome', T + 86400 * 365).private;
    expect(v).toMatchObject({ fresh: true, freshnessLifetime: 2147483648 });
    expect(v.browserNotes.join(' ')).toMatch(/forever/);
    expect(run(x, 'firefox', T + 60).private.fresh).toBe(false);
    expect(run(ex({}, { status: 410 }), 'firefox', T + 86400 * 365).private).toMatchObject({ fresh: true, freshnessLifetime: 2147483648 });
  });

  // cache-tests pragma-response-no-cache: both published browser runs revalidate despite max-age (results/*.json).
  it('Chrome and Firefox read a response Pragma: no-cache as no-cache, also beside Cache-Control; the RFC does not', () => {
    const x = ex({ 'Cache-Control': 'max-age=3600', Pragma: 'no-cache', ETag: '"e"' });
    expect(run(x, 'rfc').private.mustRevalidate).toBe(false);
    expect(run(x, 'firefox').private.mustRevalidate).toBe(true);
    const chrome = run(x, 'chrome');
    expect(chrome.private.mustRevalidate).toBe(true);
    expect(chrome.nextUse.action).toBe('revalidate');
    expect(chrome.private.browserNotes.join(' ')).toMatch(/Pragma/);
    const noCc = ex({ Pragma: 'no-cache', 'Last-Modified': DAY_BEFORE });
    expect(run(noCc, 'firefox').private.mustRevalidate).toBe(true);
  });

  it('Chrome ignores quoted and invalid max-age (falls back to Expires); the RFC does not', () => {
    const x = ex({ 'Cache-Control': 'max-age="3600"', Expires: 'Tue, 14 Nov 2023 22:23:20 GMT' });
    expect(run(x, 'rfc').private).toMatchObject({ freshnessLifetime: 3600, freshnessSource: 'max-age' });
    expect(run(x, 'chrome').private).toMatchObject({ freshnessLifetime: 600, freshnessSource: 'expires' });
    const bad = ex({ 'Cache-Control': 'max-age=abc', Expires: 'Tue, 14 Nov 2023 22:23:20 GMT' });
    expect(run(bad, 'rfc').private).toMatchObject({ freshnessLifetime: 0, fresh: false });
    expect(run(bad, 'firefox').private).toMatchObject({ freshnessLifetime: 600, fresh: true });
  });

  it('conflicting max-age: stale in the RFC model, first value in Chrome, last in Firefox', () => {
    const x = ex({ 'Cache-Control': 'max-age=60, max-age=600' });
    expect(run(x, 'rfc').private.freshnessLifetime).toBe(0);
    expect(run(x, 'chrome').private.freshnessLifetime).toBe(60);
    const ff = run(x, 'firefox').private;
    expect(ff.freshnessLifetime).toBe(600);
    expect(ff.browserNotes.join(' ')).toMatch(/last max-age value \(600 s\)/);
  });

  it('Firefox reads no-cache="field" as plain no-cache', () => {
    const x = ex({ 'Cache-Control': 'no-cache="Set-Cookie", max-age=600', ETag: '"q"' });
    expect(run(x, 'rfc').nextUse.action).toBe('from-cache');
    expect(run(x, 'chrome').nextUse.action).toBe('from-cache');
    const ff = run(x, 'firefox');
    expect(ff.nextUse.action).toBe('revalidate');
    expect(ff.private.browserNotes.join(' ')).toMatch(/field list/);
  });

  it('Firefox: no heuristic for 4xx even with public', () => {
    const x = ex({ 'Cache-Control': 'public', 'Last-Modified': DAY_BEFORE }, { status: 404 });
    expect(run(x, 'rfc').private.freshnessLifetime).toBe(8640);
    const ff = run(x, 'firefox').private;
    expect(ff.freshnessLifetime).toBeNull();
    expect(ff.browserNotes.join(' ')).toMatch(/4xx and 5xx/);
  });

  it('immutable: Firefox skips revalidation of an https page on reload, Chrome ignores it', () => {
    const x = ex({ 'Cache-Control': 'max-age=31536000, immutable', ETag: '"v1"' }, { url: 'https://example.com/app.3f9a8c2b.js' });
    const page = { ...x, url: 'https://example.com/', resourceType: 'main_frame' };
    const ff = run(page, 'firefox');
    expect(ff.immutable).toBe(true);
    expect(ff.nextUse.onReload).toMatch(/immutable/);
    expect(ff.nextUse.loads?.reload.decision).toBe('fresh');
    // over http Firefox does not honour immutable: the page is validated
    expect(run({ ...page, url: 'http://example.com/' }, 'firefox').nextUse.loads?.reload.decision).toBe('revalidate');
    expect(ff.private.browserNotes.join(' ')).toMatch(/honours immutable/);
    const chrome = run(x, 'chrome');
    expect(chrome.private.browserNotes.join(' ')).toMatch(/ignores immutable/);
    expect(chrome.nextUse.onReload).toMatch(/only the page itself/);
    expect(chrome.nextUse.loads?.reload.decision).toBe('fresh');
    expect(run(x, 'rfc').private.browserNotes).toEqual([]);
  });

  it('Chrome reload revalidates the main resource', () => {
    const x = ex({ 'Cache-Control': 'max-age=600', ETag: '"p"' }, { resourceType: 'main_frame', url: 'https://example.com/' });
    const chrome = run(x, 'chrome').nextUse;
    expect(chrome.onReload).toMatch(/check the page itself/);
    expect(chrome.loads?.reload).toMatchObject({ decision: 'revalidate', conditionalHeaders: ['If-None-Match: "p"'] });
    expect(chrome.loads?.navigation.decision).toBe('fresh');
  });
});

describe('next use', () => {
  it('fresh → from cache; stale with validators → conditional headers; no validator → download; no-store → download', () => {
    expect(run(ex({ 'Cache-Control': 'max-age=600' })).nextUse.action).toBe('from-cache');
    const stale = run(ex({ 'Cache-Control': 'max-age=1', ETag: 'W/"x"', 'Last-Modified': DAY_BEFORE }), 'rfc', T + 60);
    expect(stale.nextUse).toMatchObject({
      action: 'revalidate',
      conditionalHeaders: ['If-None-Match: W/"x"', `If-Modified-Since: ${DAY_BEFORE}`],
    });
    expect(run(ex({ 'Cache-Control': 'max-age=1' }), 'rfc', T + 60).nextUse.action).toBe('download');
    expect(run(ex({ 'Cache-Control': 'no-store' })).nextUse.action).toBe('download');
    expect(run(ex({ 'Cache-Control': 'no-cache', ETag: '"n"' })).nextUse.action).toBe('revalidate');
  });
});

describe('revalidation', () => {
  const first = ex({ 'Cache-Control': 'max-age=0', ETag: '"v1"' }, { id: 'first', url: 'https://example.com/r.js' });

  it('ties a 304 to the earlier response and judges the freshened copy', () => {
    const r304 = ex(
      { 'Cache-Control': 'max-age=600', Date: 'Tue, 14 Nov 2023 22:15:00 GMT' },
      {
        id: 'again',
        url: 'https://example.com/r.js',
        status: 304,
        request: { 'If-None-Match': '"v1"' },
        responseTimeMs: (T + 100) * 1000,
        requestTimeMs: (T + 100) * 1000,
      },
    );
    r304.responseHeaders = r304.responseHeaders.filter((h, i, all) => h.name !== 'Date' || all.findIndex((o) => o.name === 'Date') !== i);
    const link = linkRevalidation(r304, [first]);
    expect(link).toMatchObject({ previousId: 'first', inferred: false, validator: 'etag', validatorValue: '"v1"', matched: true });
    const e = run(r304, 'rfc', T + 110, [first]);
    expect(e.private).toMatchObject({ storable: true, freshnessLifetime: 600, fresh: true });
    expect(e.etag?.value).toBe('"v1"');
    expect(e.findings.map((f) => f.id)).toContain('revalidated-304');
  });

  it('infers a revalidation from a cache hit whose Date moved on', () => {
    const hit = ex(
      { 'Cache-Control': 'max-age=0', ETag: '"v1"', Date: 'Tue, 14 Nov 2023 22:20:00 GMT' },
      { url: 'https://example.com/r.js', source: 'disk-cache' },
    );
    hit.responseHeaders = hit.responseHeaders.filter((h) => h.value !== DATE);
    expect(linkRevalidation(hit, [first])).toMatchObject({ previousId: 'first', inferred: true, matched: true, validator: 'etag' });
    expect(findingIds(hit, 'rfc', T + 500, [first])).toContain('revalidated-inferred');
    const pureHit = ex({ 'Cache-Control': 'max-age=0', ETag: '"v1"' }, { url: 'https://example.com/r.js', source: 'disk-cache' });
    expect(linkRevalidation(pureHit, [first])).toBeNull();
  });

  it('a 200 with a new ETag means the validator did not match', () => {
    const changed = ex({ 'Cache-Control': 'max-age=0', ETag: '"v2"' }, { url: 'https://example.com/r.js' });
    expect(linkRevalidation(changed, [first])).toMatchObject({
      previousId: 'first',
      matched: false,
      validator: 'etag',
      validatorValue: '"v1"',
    });
    expect(findingIds(changed, 'rfc', T, [first])).toContain('revalidation-changed');
    const same = ex({ 'Cache-Control': 'max-age=0', ETag: '"v1"' }, { url: 'https://example.com/r.js' });
    expect(linkRevalidation(same, [first])).toBeNull();
  });

  it('picks the latest earlier exchange with a validator and ignores other URLs', () => {
    const other = ex({ ETag: '"o"' }, { id: 'other', url: 'https://example.com/other.js' });
    const second = ex({ ETag: '"v1"', 'Cache-Control': 'max-age=0' }, { id: 'second', url: 'https://example.com/r.js' });
    const r304 = ex({}, { url: 'https://example.com/r.js', status: 304 });
    const history = [first, other, second];
    expect(linkRevalidation(r304, history)?.previousId).toBe('second');
    expect(linkRevalidation(ex({}, { url: 'https://example.com/none.js', status: 304 }), history)).toBeNull();
    const lone = ex(
      { 'Cache-Control': 'max-age=600' },
      { url: 'https://example.com/none.js', status: 304, request: { 'If-None-Match': '"z"' } },
    );
    const e = run(lone, 'rfc', T + 10, history);
    expect(e.findings.map((f) => f.id)).toContain('revalidated-304-unlinked');
    expect(e.private).toMatchObject({ storable: true, freshnessLifetime: 600, fresh: true });
    expect(e.etag?.value).toBe('"z"');
  });
});

describe('findings', () => {
  const has = (resp: Record<string, string | string[]>, id: string, opts: Parameters<typeof ex>[1] = {}, now = T + 10) =>
    findingIds(ex(resp, opts), 'rfc', now).includes(id);

  it.each([
    [{ 'Cache-Control': 'max-age=600' }, 'no-validator'],
    [{ 'Cache-Control': 'max-age=600', ETag: '"a"' }, 'cacheable-with-validator'],
    [{ 'Cache-Control': 'public, private, max-age=60' }, 'public-private-conflict'],
    [{ 'Cache-Control': 'no-store, max-age=60' }, 'no-store-with-others'],
    [{ 'Cache-Control': 'no-store' }, 'no-store'],
    [{ 'Cache-Control': 'private, s-maxage=60' }, 'private-s-maxage'],
    [{ 'Cache-Control': 'must-revalidate' }, 'must-revalidate-no-lifetime'],
    [{ 'Cache-Control': 'max-age=0' }, 'max-age-zero-not-no-cache'],
    [{ 'Cache-Control': 'no-cache' }, 'no-cache-no-validator'],
    [{ 'Cache-Control': 'no-cache="Set-Cookie", max-age=5' }, 'no-cache-qualified'],
    [{ 'Cache-Control': 'max-age=60, immutable' }, 'immutable-short-lifetime'],
    [{ 'Cache-Control': 'max-age=60, stale-while-revalidate=30' }, 'stale-while-revalidate'],
    [{ 'Cache-Control': 'max-age=60, stale-if-error=30' }, 'stale-if-error'],
    [{ 'Cache-Control': 'max-age=60', ETag: 'W/"a"' }, 'etag-weak'],
    [{ 'Cache-Control': 'max-age=60', ETag: 'abc' }, 'etag-malformed'],
    [{ 'Cache-Control': 'max-age=60', ETag: ['"a"', '"b"'] }, 'etag-multiple'],
    [{ 'Last-Modified': 'yesterday' }, 'last-modified-invalid'],
    [{ 'Last-Modified': 'Wed, 15 Nov 2023 22:13:20 GMT' }, 'last-modified-future'],
    [{ Date: 'nope', 'Cache-Control': 'max-age=1' }, 'date-invalid'],
    [{ Date: 'Tuesday, 14-Nov-23 22:13:20 GMT' }, 'http-date-obsolete'],
    [{ Expires: '0' }, 'expires-invalid'],
    [{ Expires: [DATE, 'Wed, 15 Nov 2023 22:13:20 GMT'] }, 'expires-multiple'],
    [{ Expires: DATE, 'Cache-Control': 'max-age=3600' }, 'expires-overridden'],
    [{ Age: '120', 'Cache-Control': 'max-age=600' }, 'age-present'],
    [{ Date: 'Tue, 14 Nov 2023 22:03:20 GMT', 'Cache-Control': 'max-age=5' }, 'clock-skew'],
    [{ Pragma: 'no-cache', 'Cache-Control': 'max-age=5' }, 'pragma-in-response'],
    [{ Vary: '*', 'Cache-Control': 'max-age=5' }, 'vary-star'],
    [{ Vary: 'User-Agent', 'Cache-Control': 'max-age=5' }, 'vary-user-agent'],
    [{ Vary: 'Cookie', 'Cache-Control': 'max-age=5' }, 'vary-cookie'],
    [{ 'Set-Cookie': 'a=b', 'Cache-Control': 'public, max-age=60' }, 'set-cookie-shared'],
    [{ 'Cache-Control': 'max-age=86400' }, 'long-max-age-unversioned'],
    [{ 'Last-Modified': DAY_BEFORE }, 'heuristic-freshness'],
    [{ 'Cache-Control': 'max-age=5' }, 'stale-now'],
    [{ 'Cache-Control': 'foo-bar' }, 'cc-unknown-directive'],
    [{ 'Cache-Control': 'max-age=abc' }, 'cc-invalid-value'],
    [{ 'Cache-Control': 'public, public' }, 'cc-duplicate-directive'],
    [{ 'Cache-Control': ['max-age=60', 'max-age=600'] }, 'cc-conflicting-duplicate'],
    [{ 'Cache-Control': 'no-store=yes' }, 'cc-unexpected-value'],
    [{ 'Cache-Control': 's-maxage' }, 'cc-missing-value'],
    [{ 'Cache-Control': 'max-age=60, =x' }, 'cc-syntax'],
    [{ 'Cache-Control': 'max-age=60,' + ' '.repeat(20000) }, 'cc-too-long'],
    [{ 'Cache-Control': 'max-age=60, only-if-cached' }, 'cc-request-only-in-response'],
    [{ 'Cache-Control': 'max-age=9999999999999' }, 'cc-huge-delta'],
    [{ 'Cache-Control': 'max-age=60', Age: 'soon' }, 'age-invalid'],
    [{ 'Cache-Control': 'max-age=60', Age: ['1', '2'] }, 'age-multiple'],
  ] as Array<[Record<string, string | string[]>, string]>)('%j → %s', (resp, id) => {
    expect(has(resp, id)).toBe(true);
  });

  it('status-, Authorization-, URL- and request-dependent notes', () => {
    expect(has({}, 'not-storable-status', { status: 302 })).toBe(true);
    expect(has({ 'Cache-Control': 'public, max-age=60' }, 'public-with-authorization', { request: { Authorization: 'x' } })).toBe(true);
    expect(
      has({ 'Cache-Control': 'max-age=31536000' }, 'versioned-without-immutable', { url: 'https://example.com/app.3f9a8c2b.js' }),
    ).toBe(true);
    expect(has({ 'Cache-Control': 'max-age=31536000' }, 'long-max-age-unversioned', { url: 'https://example.com/app.3f9a8c2b.js' })).toBe(
      false,
    );
    expect(has({ 'Cache-Control': 'max-age=60' }, 'versioned-short-lifetime', { url: 'https://example.com/app.js?v=12' })).toBe(true);
    // versioned, but left to the heuristic: say so; an unversioned file left to the heuristic is not this note's business
    const lm = { 'Last-Modified': 'Tue, 14 Nov 2023 20:00:00 GMT', ETag: '"a"' };
    expect(has(lm, 'versioned-no-lifetime', { url: 'https://example.com/js/app.e69dbbeec06f7920555b.js' })).toBe(true);
    expect(has(lm, 'versioned-no-lifetime', { url: 'https://example.com/js/app.js' })).toBe(false);
    expect(has(lm, 'versioned-no-lifetime', { url: 'https://example.com/js/app.js?_=1643952222&t=878270908' })).toBe(false);
    expect(
      has({ ...lm, 'Cache-Control': 'max-age=31536000, immutable' }, 'versioned-no-lifetime', {
        url: 'https://example.com/js/app.e69dbbeec06f7920555b.js',
      }),
    ).toBe(false);
    expect(
      has({ ...lm, 'Cache-Control': 'no-cache' }, 'versioned-no-lifetime', { url: 'https://example.com/js/app.e69dbbeec06f7920555b.js' }),
    ).toBe(false);
    expect(has({ 'Cache-Control': 'max-age=60' }, 'request-no-cache', { request: { Pragma: 'no-cache' } })).toBe(true);
    expect(has({ 'Cache-Control': 'max-age=60' }, 'cc-response-only-in-request', { request: { 'Cache-Control': 'public' } })).toBe(true);
  });

  it('Expires without Date', () => {
    const x = ex({ Expires: 'Wed, 15 Nov 2023 22:13:20 GMT' });
    x.responseHeaders = x.responseHeaders.filter((h) => h.name !== 'Date');
    const e = run(x);
    expect(e.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['expires-without-date', 'date-missing']));
    expect(e.private.freshnessLifetime).toBe(86400); // Expires − receipt time
  });

  it('conflicting duplicate max-age is treated as stale', () => {
    expect(run(ex({ 'Cache-Control': 'max-age=60, max-age=600' })).private).toMatchObject({ freshnessLifetime: 0, fresh: false });
  });

  it('splits Firefox-joined field lines', () => {
    const e = run(ex({ 'Cache-Control': 'max-age=86400\nno-cache="set-cookie"' }));
    expect(e.private.freshnessLifetime).toBe(86400);
    expect(e.findings.map((f) => f.id)).not.toContain('cc-invalid-value');
  });

  it('clock skew accepts either Date style (rewritten by a cache with Age, or origin Date with Age)', () => {
    expect(has({ Date: DATE, Age: '20000', 'Cache-Control': 'max-age=5' }, 'clock-skew')).toBe(false);
    expect(has({ Date: 'Tue, 14 Nov 2023 21:13:20 GMT', Age: '3600', 'Cache-Control': 'max-age=5' }, 'clock-skew')).toBe(false);
    expect(has({ Date: 'Tue, 14 Nov 2023 21:13:20 GMT', 'Cache-Control': 'max-age=5' }, 'clock-skew')).toBe(true);
    expect(has({ Expires: 'Tue, 14 Nov 2023 23:13:20 GMT', 'Cache-Control': 'max-age=3600' }, 'expires-overridden')).toBe(false);
  });

  it('stays quiet where nothing is wrong', () => {
    const ids = findingIds(ex({ 'Cache-Control': 'max-age=600', ETag: '"a"' }, { url: 'https://example.com/api/data' }));
    expect(ids).toEqual(['cacheable-with-validator']);
  });

  it('explains directives with plain text and marks unknown/invalid ones', () => {
    const e = run(ex({ 'Cache-Control': 'max-age=60, foo, s-maxage=x' }));
    expect(e.responseDirectives.map((d) => [d.name, d.known])).toEqual([
      ['max-age', true],
      ['foo', false],
      ['s-maxage', false],
    ]);
    expect(e.responseDirectives[0]?.plain).toMatch(/60 seconds/);
    expect(e.varyExplained).toEqual([]);
  });
});

describe('httplint coverage: conflicts, redundant public, lifetimes, Vary and 304 hygiene', () => {
  const ids = (x: ExchangeRecord) => findingIds(x, 'chrome');
  it('names directives that contradict each other, with what to keep', () => {
    const f = run(ex({ 'Cache-Control': 'no-cache, max-age=600' }), 'chrome').findings.find((x) => x.id === 'cc-directives-conflict');
    expect(f?.summary).toMatch(/no-cache and max-age/);
    expect(f?.fix).toMatch(/^Keep one: no-cache/);
    expect(f?.severity).toBe('info');
    expect(ids(ex({ 'Cache-Control': 'no-cache, max-age=0' }))).not.toContain('cc-directives-conflict');
    expect(ids(ex({ 'Cache-Control': 'no-cache="Set-Cookie", max-age=600' }))).not.toContain('cc-directives-conflict');
    expect(ids(ex({ 'Cache-Control': 'no-cache, immutable' }))).toContain('cc-directives-conflict');
    expect(ids(ex({ 'Cache-Control': 'max-age=60, must-revalidate, stale-while-revalidate=30' }))).toContain('cc-directives-conflict');
    expect(ids(ex({ 'Cache-Control': 'max-age=60, must-revalidate, stale-if-error=30' }))).toContain('cc-directives-conflict');
    expect(ids(ex({ 'Cache-Control': 'max-age=60, stale-if-error=30' }))).not.toContain('cc-directives-conflict');
  });
  it('public is redundant only where the response is storable without it', () => {
    expect(ids(ex({ 'Cache-Control': 'public, max-age=60' }))).toContain('public-redundant');
    expect(ids(ex({ 'Cache-Control': 'public' }))).toContain('public-redundant'); // 200 is cacheable by default
    expect(ids(ex({ 'Cache-Control': 'public' }, { status: 302 }))).not.toContain('public-redundant');
    expect(ids(ex({ 'Cache-Control': 'public, max-age=60' }, { request: { Authorization: 'Bearer x' } }))).not.toContain(
      'public-redundant',
    );
    expect(ids(ex({ 'Cache-Control': 'max-age=60' }))).not.toContain('public-redundant');
  });
  it('advises an explicit lifetime when nothing gives one, and not when Last-Modified does', () => {
    const f = run(ex({}), 'chrome').findings.find((x) => x.id === 'no-explicit-freshness');
    expect(f?.severity).toBe('info');
    expect(f?.fix).toMatch(/max-age=/);
    expect(ids(ex({ 'Last-Modified': LONG_AGO }))).not.toContain('no-explicit-freshness');
    expect(ids(ex({ 'Cache-Control': 'max-age=60' }))).not.toContain('no-explicit-freshness');
    expect(ids(ex({ 'Cache-Control': 'no-cache' }))).not.toContain('no-explicit-freshness');
    expect(ids(ex({}, { status: 302 }))).not.toContain('no-explicit-freshness');
  });
  it('Age beyond 2^31 seconds', () => {
    expect(ids(ex({ 'Cache-Control': 'max-age=60', Age: '2147483649' }))).toContain('age-huge');
    expect(ids(ex({ 'Cache-Control': 'max-age=60', Age: '20' }))).not.toContain('age-huge');
  });
  it('Vary: Host, repeated names and many fields', () => {
    expect(ids(ex({ 'Cache-Control': 'max-age=60', Vary: 'Host' }))).toContain('vary-host');
    const dup = run(ex({ 'Cache-Control': 'max-age=60', Vary: ['Accept-Encoding, Origin', 'accept-encoding'] }), 'chrome').findings.find(
      (x) => x.id === 'vary-duplicate',
    );
    expect(dup?.summary).toMatch(/accept-encoding/);
    expect(ids(ex({ 'Cache-Control': 'max-age=60', Vary: 'Accept-Encoding, Origin' }))).not.toContain('vary-duplicate');
    expect(ids(ex({ 'Cache-Control': 'max-age=60', Vary: 'Accept-Encoding, Origin, Accept, Accept-Language' }))).toContain('vary-many');
    expect(ids(ex({ 'Cache-Control': 'max-age=60', Vary: 'Accept-Encoding, Origin, Accept' }))).not.toContain('vary-many');
    // own properties only: a hostile name is just a name
    expect(() => run(ex({ 'Cache-Control': 'max-age=60', Vary: '__proto__, constructor, __proto__' }), 'chrome')).not.toThrow();
  });
  it('Date or Last-Modified sent twice with different values', () => {
    const f = run(ex({ 'Cache-Control': 'max-age=60', 'Last-Modified': [LONG_AGO, DAY_BEFORE] }), 'chrome').findings.find(
      (x) => x.id === 'field-repeated',
    );
    expect(f?.summary).toMatch(/Last-Modified 2 times/);
    expect(ids(ex({ 'Cache-Control': 'max-age=60', 'Last-Modified': [LONG_AGO, LONG_AGO] }))).not.toContain('field-repeated');
    expect(ids(ex({ 'Cache-Control': 'max-age=60', Date: [DATE, DAY_BEFORE] }))).toContain('field-repeated');
  });
  it('a 304 that carries Content-Type, Content-Encoding or Content-Language', () => {
    const f = run(ex({ ETag: '"a"', 'Content-Type': 'text/css', 'content-language': 'en' }, { status: 304 }), 'chrome').findings.find(
      (x) => x.id === 'not-modified-content-headers',
    );
    expect(f?.summary).toMatch(/Content-Type, Content-Language/);
    expect(ids(ex({ ETag: '"a"', 'Cache-Control': 'max-age=60' }, { status: 304 }))).not.toContain('not-modified-content-headers');
    expect(ids(ex({ ETag: '"a"', 'Content-Type': 'text/css' }))).not.toContain('not-modified-content-headers');
  });
});

describe('severity by consequence', () => {
  const sev = (x: ExchangeRecord, id: string) => run(x).findings.find((f) => f.id === id)?.severity;
  it('a missing validator is a warning when the response soon goes stale, info when it lives a year', () => {
    expect(sev(ex({ Date: DATE, 'Cache-Control': 'max-age=60' }), 'no-validator')).toBe('warning');
    expect(sev(ex({ Date: DATE, 'Cache-Control': 'max-age=31536000' }), 'no-validator')).toBe('info');
  });
  it('no-cache without a validator costs a download per use for static files only', () => {
    expect(sev(ex({ Date: DATE, 'Cache-Control': 'no-cache' }), 'no-cache-no-validator')).toBe('warning');
    expect(
      sev(
        ex({ Date: DATE, 'Cache-Control': 'no-cache' }, { url: 'https://example.com/api/items', resourceType: 'xmlhttprequest' }),
        'no-cache-no-validator',
      ),
    ).toBe('info');
    expect(
      sev(
        ex({ Date: DATE, 'Cache-Control': 'no-cache' }, { url: 'https://example.com/', resourceType: 'main_frame' }),
        'no-cache-no-validator',
      ),
    ).toBe('info');
  });
  it('an Expires of 0 is a deliberate "expired" (info); an unreadable date meant as one is a warning', () => {
    expect(sev(ex({ Date: DATE, Expires: '0' }), 'expires-invalid')).toBe('info');
    expect(sev(ex({ Date: DATE, Expires: 'next tuesday' }), 'expires-invalid')).toBe('warning');
  });
  it('an invalid Last-Modified costs a full download only when it is the only validator and no browser can read it', () => {
    expect(sev(ex({ Date: DATE, 'Cache-Control': 'max-age=60', 'Last-Modified': 'yesterday' }), 'last-modified-invalid')).toBe('warning');
    expect(
      sev(ex({ Date: DATE, 'Cache-Control': 'max-age=60', 'Last-Modified': 'Fri, 21 Jan 2022 16:19:12 UTC' }), 'last-modified-invalid'),
    ).toBe('info');
    expect(sev(ex({ Date: DATE, 'Cache-Control': 'max-age=60', 'Last-Modified': 'yesterday', ETag: '"e"' }), 'last-modified-invalid')).toBe(
      'info',
    );
  });
  it('Vary: * and Vary: User-Agent cost something only on a response a cache would store', () => {
    expect(sev(ex({ 'Cache-Control': 'max-age=60', Vary: '*' }), 'vary-star')).toBe('warning');
    expect(sev(ex({ 'Cache-Control': 'no-cache, no-store, max-age=0', Vary: '*' }), 'vary-star')).toBe('info');
    expect(sev(ex({ 'Cache-Control': 'max-age=60', Vary: 'User-Agent' }), 'vary-user-agent')).toBe('warning');
    expect(sev(ex({ 'Cache-Control': 'private, max-age=60', Vary: 'User-Agent' }), 'vary-user-agent')).toBe('info');
  });
  it('a Date browsers read anyway (a doubled space) is info; one nobody can read is a warning', () => {
    expect(sev(ex({ Date: 'Sat,  29 Aug 2015 19:45:02 GMT', 'Cache-Control': 'max-age=60' }), 'date-invalid')).toBe('info');
    expect(sev(ex({ Date: 'yesterday', 'Cache-Control': 'max-age=60' }), 'date-invalid')).toBe('warning');
  });
  it('clock skew is info, and a whole number of hours is named as a time-zone error in the recording', () => {
    const f = run(ex({ Date: new Date((T - 7200) * 1000).toUTCString(), 'Cache-Control': 'max-age=60' })).findings.find(
      (x) => x.id === 'clock-skew',
    );
    expect(f?.severity).toBe('info');
    expect(f?.summary).toMatch(/2 h exactly: probably a time-zone error/);
  });
});

describe('every cache finding says what to change', () => {
  it('carries a fix sentence with its placeholders filled', () => {
    const xs = [
      ex({ 'Cache-Control': 'max-age="60", fooo, no-store, max-age=5', Expires: 'soon', ETag: 'bare', Pragma: 'no-cache', Vary: '*' }),
      ex({ 'Cache-Control': 'max-age=60', 'Last-Modified': 'nope' }),
      ex({ 'Cache-Control': 'public, max-age=31536000' }, { url: 'https://example.com/app.js' }),
    ];
    let seen = 0;
    for (const x of xs) {
      for (const f of run(x).findings) {
        seen++;
        expect(f.fix, f.id).toBeTruthy();
        expect(f.fix).not.toMatch(/\{\w+\}/);
      }
    }
    expect(seen).toBeGreaterThan(8);
  });
});

/**
 * The in-place fast paths of the cache engine (field scanning with a lazy newline split, plain Age, ETag forms,
 * URL shape without splitting) against plain reference readings: same results for arbitrary input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../types';
import { buildFacts } from './facts';
import { collect, REQ_SLOTS, RES_SLOTS, scanFields, splitLines } from './fields';
import { parseAge, parseCacheControl, parseDateField, parseETag, parsePragma, parseVary } from './parsers';
import { bundlerHash, DIGIT_STAMP, EMBEDDED_VERSION, queryVersioned, urlShape } from './urls';

const RES = new Set(RES_SLOTS.names);
const REQ = new Set(REQ_SLOTS.names);

const fieldNames = fc.oneof(
  fc.constantFrom(
    ...RES_SLOTS.names,
    ...REQ_SLOTS.names,
    'Cache-Control',
    'ETag',
    'DATE',
    'Age',
    'Vary',
    'If-None-Match',
    'Last-Modified',
    'x-cache',
    'Content-Type',
    'via',
    'set-coo\u212aie',
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ maxLength: 16 }).map((s) => s.toUpperCase()),
);
const fieldValues = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    'max-age=60, public',
    'no-cache',
    '"abc"',
    'W/"abc"',
    ' "x" ',
    '120',
    '007',
    '1,2',
    'Thu, 15 Jan 2026 09:00:00 GMT',
    'Sun, 31 Feb 2026 08:49:37 GMT',
    'THU, 15 JAN 2026 09:00:01 gmt',
    'a\nb',
    '60\n60',
    '"a"\n"b"',
    'Accept-Encoding, Cookie',
    '*',
  ),
);
const headerLists = fc.array(fc.record({ name: fieldNames, value: fieldValues }), { maxLength: 24 });

describe('scanFields + splitLines', () => {
  it('give exactly the lines collect() gives, slot by slot (presence-only slots: presence)', () => {
    const res = new Array<string | string[] | undefined>(RES_SLOTS.names.length).fill(undefined);
    const req = new Array<string | string[] | undefined>(REQ_SLOTS.names.length).fill(undefined);
    const setCookie = RES_SLOTS.names.indexOf('set-cookie');
    fc.assert(
      fc.property(headerLists, (h) => {
        const want = collect(h, RES);
        scanFields(h, RES_SLOTS, res, setCookie);
        RES_SLOTS.names.forEach((name, i) => {
          if (i === setCookie) expect(res[i] !== undefined).toBe(want.has(name));
          else expect(res[i] === undefined ? undefined : [...splitLines(res[i])]).toEqual(want.get(name));
        });
        const wantReq = collect(h, REQ);
        scanFields(h, REQ_SLOTS, req);
        REQ_SLOTS.names.forEach((name, i) => {
          expect(req[i] === undefined ? undefined : [...splitLines(req[i])]).toEqual(wantReq.get(name));
        });
      }),
      { numRuns: 1000 },
    );
  });
  it('reuse the scratch array: nothing of the previous list is left', () => {
    const res = new Array<string | string[] | undefined>(RES_SLOTS.names.length).fill(undefined);
    scanFields([{ name: 'ETag', value: '"a"' }], RES_SLOTS, res);
    scanFields([{ name: 'Date', value: 'x' }], RES_SLOTS, res);
    expect(res[RES_SLOTS.names.indexOf('etag')]).toBeUndefined();
    expect(res[RES_SLOTS.names.indexOf('date')]).toBe('x');
  });
});

/** buildFacts as it reads fields, written plainly: collect(), then each parser on the full list of lines. */
function referenceFacts(requestHeaders: HeaderList, responseHeaders: HeaderList, now: number) {
  const res = collect(responseHeaders, RES);
  const req = collect(requestHeaders, REQ);
  const lines = (m: Map<string, string[]>, n: string) => m.get(n) ?? [];
  const date = (n: string) => (res.has(n) ? parseDateField(lines(res, n), now) : { time: null, format: null, raw: null, multiple: false });
  const etags = lines(res, 'etag');
  return {
    cc: parseCacheControl(lines(res, 'cache-control'), 'response'),
    ccLines: lines(res, 'cache-control').length,
    reqCc: parseCacheControl(lines(req, 'cache-control'), 'request'),
    pragma: parsePragma(lines(res, 'pragma')),
    reqPragma: parsePragma(lines(req, 'pragma')),
    vary: parseVary(lines(res, 'vary')),
    date: date('date'),
    expires: date('expires'),
    lastModified: date('last-modified'),
    age: parseAge(lines(res, 'age')),
    etag: etags.length ? parseETag(etags[0]!) : null,
    etagCount: etags.length,
    hasAuthorization: req.has('authorization'),
    hasSetCookie: res.has('set-cookie'),
    contentLocation: res.get('content-location')?.[0] ?? null,
    ifNoneMatch: req.get('if-none-match')?.[0] ?? null,
    ifModifiedSince: req.get('if-modified-since')?.[0] ?? null,
  };
}

describe('buildFacts', () => {
  it('reads every field as the plain reading does (lazy split, memo, last-date reuse, plain Age and ETag fast paths)', () => {
    const now = 1768467600;
    fc.assert(
      fc.property(headerLists, headerLists, (reqH, resH) => {
        const f = buildFacts(
          { url: 'https://a.example/', method: 'GET', requestHeaders: reqH, requestTimeMs: now * 1000, responseTimeMs: now * 1000 },
          200,
          resH,
          now,
        );
        const want = referenceFacts(reqH, resH, now);
        for (const [k, v] of Object.entries(want)) {
          const got = f[k as keyof typeof f];
          if (v && typeof v === 'object' && 'directives' in v) {
            const cc = got as typeof v;
            expect([cc.directives, [...cc.names], [...cc.deltas], cc.findings]).toEqual([
              v.directives,
              [...v.names],
              [...v.deltas],
              v.findings,
            ]);
          } else expect(got, k).toEqual(v);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

/** The general ETag reading (trim, then the W/ prefix), which the in-place path must agree with. */
function referenceETag(raw: string) {
  const v = raw.slice(0, 1024).trim();
  const weak = v.startsWith('W/') || v.startsWith('w/');
  const opaque = weak ? v.slice(2) : v;
  let valid = !v.startsWith('w/') && opaque.length >= 2 && opaque.charCodeAt(0) === 34 && opaque.charCodeAt(opaque.length - 1) === 34;
  for (let k = 1; valid && k < opaque.length - 1; k++) {
    const c = opaque.charCodeAt(k);
    if (!(c === 0x21 || (c >= 0x23 && c <= 0x7e) || (c >= 0x80 && c <= 0xff))) valid = false;
  }
  return { value: v, weak, valid };
}

describe('parseETag', () => {
  it('agrees with the general reading for arbitrary values, quoted or not', () => {
    const etag = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc
        .tuple(fc.constantFrom('', 'W/', 'w/', ' ', 'W/ '), fc.string({ maxLength: 12 }), fc.constantFrom('"', '', ' '))
        .map(([p, s, e]) => `${p}"${s}"${e}`),
    );
    fc.assert(
      fc.property(etag, (v) => {
        expect(parseETag(v)).toEqual(referenceETag(v));
      }),
      { numRuns: 5000 },
    );
    expect(parseETag('W/"x"')).toEqual({ value: 'W/"x"', weak: true, valid: true });
    expect(parseETag('"a"b"')).toEqual({ value: '"a"b"', weak: false, valid: false });
  });
});

/** urlShape written with split(): the path's non-empty segments, chunks between . - _ ~ @ +, then the query. */
function referenceShape(url: string) {
  const u = url.slice(0, 2048);
  const noFrag = u.includes('#') ? u.slice(0, u.indexOf('#')) : u;
  const q = noFrag.indexOf('?');
  const beforeQuery = q >= 0 ? noFrag.slice(0, q) : noFrag;
  const query = q >= 0 ? noFrag.slice(q + 1) : '';
  const schemeEnd = beforeQuery.indexOf('://');
  const pathStart = schemeEnd >= 0 ? beforeQuery.indexOf('/', schemeEnd + 3) : 0;
  const segments = (pathStart >= 0 ? beforeQuery.slice(pathStart) : '/').split('/').filter(Boolean);
  const last = segments.at(-1) ?? '';
  const extension = last.lastIndexOf('.') > 0 ? last.slice(last.lastIndexOf('.') + 1).toLowerCase() : '';
  const hash = (s: string) =>
    s.length >= 8 && s.length <= 128 && /^[0-9A-Za-z]+$/.test(s) && /[0-9]/.test(s) && (/[A-Za-z]/.test(s) || s.length >= 10);
  const version = (s: string) =>
    /^[vV]?[0-9][0-9.]*$/.test(s) && (s.includes('.') || /^[vV]/.test(s)) && /^[vV]?[0-9]+(\.[0-9]*)*$/.test(s);
  const shortHex = (s: string) => /^[0-9a-f]{6,7}$/.test(s) && /[0-9]/.test(s) && /[a-f]/.test(s);
  // The last chunk is followed by the segment's end, which the in-place scan treats as a separator too.
  let versioned = segments.some(
    (seg) =>
      version(seg) ||
      hash(seg) ||
      bundlerHash(seg) ||
      EMBEDDED_VERSION.test(seg) ||
      seg.split(/[.\-_~@+]/).some((c) => hash(c) || shortHex(c) || DIGIT_STAMP.test(c)),
  );
  if (!versioned && query) versioned = queryVersioned(query);
  return { versioned, extension };
}

describe('urlShape', () => {
  it('agrees with the split-based reading for arbitrary URLs', () => {
    const part = fc.constantFrom(
      '/',
      '?',
      '#',
      '://',
      '.',
      '-',
      '_',
      '~',
      '@',
      '+',
      '&',
      '=',
      'v',
      'v2',
      '1.2.3',
      'a1b2c3d4e5',
      'deadbeef00',
      'https',
      'x.js',
      'CSS',
      'ver',
      'h',
      ':',
      'ab',
    );
    const url = fc.oneof(
      fc.array(part, { maxLength: 14 }).map((a) => a.join('')),
      fc.string({ maxLength: 40 }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
    );
    fc.assert(
      fc.property(url, (u) => {
        expect(urlShape(u)).toEqual(referenceShape(u));
      }),
      { numRuns: 5000 },
    );
    expect(urlShape('https://a.example/app.3f9a2c1b.js?x=1#y')).toEqual({ versioned: true, extension: 'js' });
    expect(urlShape('https://a.example/assets/index-BZ_Jx9a-.js')).toEqual({ versioned: true, extension: 'js' });
    expect(urlShape('https://a.example/assets/index-carousel.js')).toEqual({ versioned: false, extension: 'js' });
    expect(urlShape('https://a.example/style.css?v=2')).toEqual({ versioned: true, extension: 'css' });
    expect(urlShape('https://a.example/style.css')).toEqual({ versioned: false, extension: 'css' });
  });
});

describe('urlShape on file names (the in-place bundler, short-hex, stamp and embedded-version tests)', () => {
  it('agrees with the split-based reading for names made of name characters, dots and digits', () => {
    const name = fc
      .array(fc.constantFrom('a', 'B', 'f', 'x', 'v', '0', '1', '9', '.', '-', '_', '~', '@', '+', 'js', 'css', 'min'), {
        minLength: 1,
        maxLength: 24,
      })
      .map((a) => a.join(''));
    // Shaped like bundler output too: a name, "-" or ".", a chunk of about eight characters, an extension.
    const chunk = fc.string({ unit: fc.constantFrom('a', 'Z', 'g', '0', '7', 'f', '-', '_', '.'), minLength: 5, maxLength: 11 });
    const bundled = fc
      .tuple(
        fc.constantFrom('index', 'app', 'v1.2', ''),
        fc.constantFrom('-', '.', '_', '~'),
        chunk,
        fc.constantFrom('.js', '.css', '.min.js', '.x1', '', '.'),
      )
      .map(([a, sep, c, ext]) => a + sep + c + ext);
    fc.assert(
      fc.property(fc.oneof(name, bundled), fc.oneof(name, bundled), (dir, file) => {
        const u = `https://a.example/${dir}/${file}`;
        expect(urlShape(u)).toEqual(referenceShape(u));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('shared read-only parts of explanations', () => {
  it('findings without parameters and empty lists are one frozen object each, equal to what applyNote gives', async () => {
    const { explainCache, CACHE_NOTES } = await import('./index');
    const { CACHE_FIXES } = await import('./notes');
    const { applyNote, fill } = await import('../notes');
    const x = (id: string) => ({
      id,
      url: 'https://a.example/app.js',
      method: 'GET',
      status: 200,
      requestHeaders: [],
      responseHeaders: [
        { name: 'Date', value: 'Thu, 15 Jan 2026 09:00:00 GMT' },
        { name: 'Cache-Control', value: 'max-age=600' },
        { name: 'ETag', value: 'W/"1"' },
      ],
      requestTimeMs: 1768467600000,
      responseTimeMs: 1768467600000,
      source: 'network' as const,
    });
    const ctx = { browser: 'chrome' as const, now: 1768467660 };
    const a = explainCache(x('a'), ctx);
    const b = explainCache(x('b'), ctx);
    const weakA = a.findings.find((f) => f.id === 'etag-weak')!;
    expect(weakA).toEqual({ ...applyNote(CACHE_NOTES, 'etag-weak'), fix: CACHE_FIXES['etag-weak'] });
    expect(b.findings.find((f) => f.id === 'etag-weak')).toBe(weakA);
    expect(Object.isFrozen(weakA)).toBe(true);
    // With parameters: one frozen object per note and values, equal to what applyNote and the fix give.
    const swrHeaders = (id: string) => ({
      ...x(id),
      responseHeaders: [...x(id).responseHeaders.slice(0, 1), { name: 'Cache-Control', value: 'max-age=600, stale-while-revalidate=30' }],
    });
    const swrA = explainCache(swrHeaders('d'), ctx).findings.find((f) => f.id === 'stale-while-revalidate')!;
    const swrB = explainCache(swrHeaders('e'), ctx).findings.find((f) => f.id === 'stale-while-revalidate')!;
    expect(swrA).toEqual({
      ...applyNote(CACHE_NOTES, 'stale-while-revalidate', { seconds: 30 }),
      fix: fill(CACHE_FIXES['stale-while-revalidate'], { seconds: 30 }),
    });
    expect(swrB).toBe(swrA);
    expect(Object.isFrozen(swrA) && Object.isFrozen(swrA.params)).toBe(true);
    expect(a.nextUse.action).toBe('from-cache');
    expect(a.nextUse.conditionalHeaders).toEqual([]);
    expect(Object.isFrozen(a.nextUse.conditionalHeaders)).toBe(true);
    expect(a.shared.browserNotes).toEqual([]);
    expect(Object.isFrozen(a.shared.browserNotes)).toBe(true);
    // A stale response with a validator still gets its own conditional headers.
    const stale = explainCache(x('c'), { browser: 'chrome', now: 1768467600 + 3600 });
    expect(stale.nextUse.conditionalHeaders).toEqual(['If-None-Match: W/"1"']);
  });
});

describe('linkRevalidation', () => {
  it('finds validators whatever the letter case of the field names', async () => {
    const { linkRevalidation } = await import('./revalidation');
    const casing = fc.array(fc.boolean(), { minLength: 20, maxLength: 20 });
    const cased = (name: string, upper: boolean[]) =>
      name
        .split('')
        .map((c, i) => (upper[i] ? c.toUpperCase() : c))
        .join('');
    fc.assert(
      fc.property(casing, fc.constantFrom('etag', 'last-modified'), (upper, validator) => {
        const value = validator === 'etag' ? '"v1"' : 'Thu, 15 Jan 2026 09:00:00 GMT';
        const stored = {
          id: 'a',
          url: 'https://a.example/x',
          method: 'GET',
          status: 200,
          requestHeaders: [],
          responseHeaders: [{ name: cased(validator, upper), value }],
          requestTimeMs: 0,
          responseTimeMs: 0,
          source: 'network' as const,
        };
        const conditional = validator === 'etag' ? 'if-none-match' : 'if-modified-since';
        const x = { ...stored, id: 'b', status: 304, requestHeaders: [{ name: cased(conditional, upper), value }], responseHeaders: [] };
        const link = linkRevalidation(x, [stored]);
        expect(link?.previousId).toBe('a');
        expect(link?.validator).toBe(validator);
        expect(link?.validatorValue).toBe(value);
      }),
      { numRuns: 200 },
    );
  });
});

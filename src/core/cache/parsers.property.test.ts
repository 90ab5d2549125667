import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAge, parseCacheControl, parseETag, parseHttpDate, parsePragma, parseVary } from './parsers';
import { explainCache } from './index';

// Arbitrary text including control characters, non-ASCII and lone surrogates.
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom('max-age=', '"', '\\', ',', '=', 'W/"', 'no-cache="', '\u0000', '\r\n', '\u00ff', '\ud800'),
);
const fieldValue = fc.array(anyText, { maxLength: 6 }).map((parts) => parts.join(''));
const MB = 'a="'.padEnd(1024 * 1024, 'x\\",=');

describe('parsers never throw and stay bounded', () => {
  it('Cache-Control', () => {
    fc.assert(
      fc.property(fc.array(fieldValue, { maxLength: 4 }), fc.constantFrom<'response' | 'request'>('response', 'request'), (lines, ctx) => {
        const cc = parseCacheControl(lines, ctx);
        expect(cc.directives.length).toBeLessThanOrEqual(64);
        expect(cc.findings.length).toBeLessThanOrEqual(24);
      }),
      { numRuns: 500 },
    );
  });

  it('HTTP-date, Age, ETag, Vary, Pragma', () => {
    fc.assert(
      fc.property(fieldValue, fc.double(), (v, now) => {
        const d = parseHttpDate(v, now);
        expect(d.time === null || Number.isFinite(d.time)).toBe(true);
        const a = parseAge([v]);
        expect(a.value === null || (a.value >= 0 && a.value <= 2147483648)).toBe(true);
        expect(parseETag(v).value.length).toBeLessThanOrEqual(1024);
        expect(parseVary([v, v]).fields.length).toBeLessThanOrEqual(64);
        expect(parsePragma([v]).tokens.length).toBeLessThanOrEqual(64);
      }),
      { numRuns: 500 },
    );
  });

  it('1 MB values', () => {
    const cc = parseCacheControl([MB, MB], 'response');
    expect(cc.directives.length).toBeLessThanOrEqual(64);
    expect(parseHttpDate(MB).time).toBeNull();
    expect(parseAge([MB]).value).toBeNull();
    expect(parseETag(MB).value.length).toBeLessThanOrEqual(1024);
    expect(parseVary([MB]).fields.length).toBeLessThanOrEqual(64);
    const commas = ','.repeat(1024 * 1024);
    expect(parseVary([commas]).fields).toEqual([]);
    expect(parseCacheControl([commas], 'response').directives).toEqual([]);
  });

  it('explainCache over arbitrary headers and times', () => {
    const header = fc.record({
      name: fc.constantFrom('Cache-Control', 'Date', 'Expires', 'Age', 'ETag', 'Last-Modified', 'Vary', 'Pragma', 'Set-Cookie', 'X'),
      value: fieldValue,
    });
    fc.assert(
      fc.property(
        fc.array(header, { maxLength: 12 }),
        fc.array(header, { maxLength: 4 }),
        fc.integer({ min: -1, max: 700 }),
        fc.double(),
        fc.double(),
        fc.constantFrom<'rfc' | 'chrome' | 'firefox'>('rfc', 'chrome', 'firefox'),
        (res, req, status, t, now, browser) => {
          const x = {
            id: 'p',
            url: 'https://example.com/a.css',
            method: 'GET',
            status,
            requestHeaders: req,
            responseHeaders: res,
            requestTimeMs: t,
            responseTimeMs: t,
            source: 'network' as const,
          };
          const e = explainCache(x, { browser, now }, [x]);
          expect(e.findings.length).toBeLessThan(200);
          expect(typeof e.private.storable).toBe('boolean');
          expect(JSON.stringify(e).length).toBeLessThan(200000);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('explainCache on damaged records', () => {
  it('does not throw on missing or wrong-typed fields', () => {
    const damaged = [
      {},
      { id: 'a', url: 42, method: null, status: 'x', requestHeaders: null, responseHeaders: 'nope' },
      {
        id: 'b',
        url: 'https://e.com/',
        method: 'GET',
        status: 304,
        requestHeaders: [null, { name: 1 }],
        responseHeaders: [null, { name: 'ETag' }],
      },
      {
        id: 'd',
        url: 'https://e.com/',
        method: 'GET',
        status: 200,
        requestHeaders: [],
        responseHeaders: [null, { name: 'ETag', value: '"1"' }],
      },
      {
        id: 'c',
        url: 'https://e.com/',
        method: 'GET',
        status: 200,
        requestHeaders: [],
        responseHeaders: [],
        requestTimeMs: NaN,
        responseTimeMs: Infinity,
        source: 'disk-cache',
      },
    ];
    for (const d of damaged) {
      const e = explainCache(d as never, { browser: 'chrome', now: NaN }, damaged as never);
      expect(typeof e.private.storable).toBe('boolean');
    }
  });
});

describe('10,000 header lines', () => {
  it('stays bounded', () => {
    const many = (name: string, value: (i: number) => string) => Array.from({ length: 10000 }, (_, i) => ({ name, value: value(i) }));
    const x = {
      id: 'many',
      url: 'https://example.com/',
      method: 'GET',
      status: 200,
      requestHeaders: many('Cache-Control', (i) => `x${i}`),
      responseHeaders: [
        ...many('Cache-Control', (i) => `max-age=${i}`),
        ...many('Vary', (i) => `h${i}`),
        ...many('Expires', (i) => `e${i}`),
        ...many('ETag', (i) => `"${i}"`),
        ...many('Age', (i) => String(i)),
      ],
      requestTimeMs: 0,
      responseTimeMs: 0,
      source: 'network' as const,
    };
    const e = explainCache(x, { browser: 'rfc', now: 10 });
    expect(e.responseDirectives.length).toBeLessThanOrEqual(64);
    expect(e.vary.length).toBeLessThanOrEqual(64);
    expect(e.findings.length).toBeLessThan(100);
    expect(e.private.freshnessLifetime).toBe(0); // conflicting max-age values: stale
  });
});

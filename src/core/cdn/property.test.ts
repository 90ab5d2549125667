import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { explainCdn } from './index';
import { parseCacheStatus, splitEntries, tierStatus, serverTimingDesc, MAX_TIERS } from './status';
import { parseCdnCacheControl } from './cdn-cache-control';
import { cdnForIp, parseIPv4, parseIPv6 } from './ip';
import { cityForPop } from './pops';
import type { ExchangeRecord } from '../types';

const ctx = { browser: 'rfc' as const, now: 0 };
const MB = 'a,"b;c=(d\u0000\r\n'.repeat(80_000); // ~1 MB of separators, quotes and control characters
const nasty = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .array(
      fc.constantFrom(
        '"',
        ',',
        ';',
        '=',
        '(',
        ')',
        '\\',
        ' ',
        '\t',
        '\u0000',
        '\u007f',
        'hit',
        'fwd=stale',
        'MISS',
        '[',
        ']',
        ':',
        '-',
        '?1',
        'é',
        '__proto__',
        'constructor',
        'toString',
      ),
      { maxLength: 200 },
    )
    .map((a) => a.join('')),
);
const HEADER_NAMES = [
  'cf-ray',
  'cf-cache-status',
  'x-cache',
  'x-served-by',
  'via',
  'cache-status',
  'cdn-cache-control',
  'age',
  'server',
  'server-timing',
  'x-vercel-id',
  'akamai-cache-status',
  'x-amz-cf-pop',
  'x-varnish',
  'surrogate-control',
  'set-cookie',
  'cache-control',
];

function record(headers: Array<{ name: string; value: string }>, serverIp?: string): ExchangeRecord {
  return {
    id: 'p',
    url: 'https://e.example/',
    method: 'GET',
    status: 200,
    requestHeaders: [],
    responseHeaders: headers,
    requestTimeMs: 0,
    responseTimeMs: 0,
    source: 'network',
    serverIp,
  };
}

describe('parsers never throw and stay bounded', () => {
  it('parseCacheStatus', () => {
    fc.assert(
      fc.property(fc.array(nasty, { maxLength: 5 }), (lines) => {
        const r = parseCacheStatus(lines);
        expect(r.entries.length).toBeLessThanOrEqual(MAX_TIERS);
        expect(r.raws.length).toBe(r.entries.length);
      }),
      { numRuns: 500 },
    );
    expect(parseCacheStatus([MB]).entries.length).toBeLessThanOrEqual(MAX_TIERS);
    expect(parseCacheStatus(new Array<string>(10_000).fill('a; hit')).entries.length).toBe(MAX_TIERS);
  });
  it('parseCdnCacheControl', () => {
    fc.assert(
      fc.property(nasty, (v) => {
        const r = parseCdnCacheControl('cdn-cache-control', [v]);
        expect(r.directives.length).toBeLessThanOrEqual(64);
        for (const d of r.directives) expect(typeof d.plain).toBe('string');
      }),
      { numRuns: 500 },
    );
    expect(parseCdnCacheControl('cdn-cache-control', [MB]).directives.length).toBeLessThanOrEqual(64);
  });
  it('splitEntries, tierStatus, serverTimingDesc', () => {
    fc.assert(
      fc.property(nasty, (v) => {
        expect(splitEntries(v).length).toBeLessThanOrEqual(MAX_TIERS);
        tierStatus(v, { HIT: 'hit' });
        serverTimingDesc([v], 'cdn-cache');
      }),
      { numRuns: 500 },
    );
    expect(splitEntries(MB).length).toBeLessThanOrEqual(MAX_TIERS);
  });
  it('IP parsing, cdnForIp and cityForPop', () => {
    fc.assert(
      fc.property(nasty, (v) => {
        parseIPv4(v);
        const six = parseIPv6(v);
        if (six !== null) expect(six).toMatch(/^[0-9a-f]{32}$/);
        cdnForIp(v);
        cityForPop(v);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(parseIPv4(ip)).not.toBeNull();
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        expect(parseIPv6(ip)).toMatch(/^[0-9a-f]{32}$/);
      }),
      { numRuns: 300 },
    );
    expect(cdnForIp(MB)).toBeNull();
  });
  it('explainCdn on arbitrary header sets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.string({ maxLength: 20 })), value: nasty }), {
          maxLength: 12,
        }),
        fc.option(nasty),
        (headers, ip) => {
          const r = explainCdn(record(headers, ip ?? undefined), ctx);
          expect(r.findings.length).toBeLessThan(60);
          expect(r.cacheStatusEntries.length).toBeLessThanOrEqual(MAX_TIERS);
          expect(JSON.stringify(r).length).toBeLessThan(200_000);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('explainCdn with 1 MB values and 10,000 header lines', () => {
    const big = HEADER_NAMES.map((name) => ({ name, value: MB }));
    const r = explainCdn(record(big), ctx);
    expect(JSON.stringify(r).length).toBeLessThan(200_000);
    const many = Array.from({ length: 10_000 }, (_, i) => ({ name: HEADER_NAMES[i % HEADER_NAMES.length]!, value: 'MISS, HIT' }));
    const r2 = explainCdn(record(many), ctx);
    expect(r2.findings.length).toBeLessThan(60);
  });
  it('explainCdn on a record with missing or odd fields', () => {
    expect(() => explainCdn({ id: 'x' } as unknown as ExchangeRecord, ctx)).not.toThrow();
    expect(() =>
      explainCdn({ ...record([{ name: 'cf-ray', value: 'ab-FRA' }]), status: '__proto__' as unknown as number }, ctx),
    ).not.toThrow();
    for (const name of ['__proto__', 'constructor', 'toString']) {
      expect(parseCdnCacheControl('cdn-cache-control', [name]).directives[0]).toMatchObject({ name: name.toLowerCase(), known: false });
    }
    expect(() => explainCdn(record([{ name: 'age', value: undefined as unknown as string }, null as never]), ctx)).not.toThrow();
  });
});

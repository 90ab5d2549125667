import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain, explainAll } from './explain';
import type { Explanation } from './explanation';
import type { EngineContext, ExchangeRecord, HeaderList } from './types';

const ctx: EngineContext = { browser: 'chrome', now: 1_767_225_600 };

/** Fails the test when an Explanation lacks a field the schema (src/core/explanation.ts) promises. */
function expectSchemaComplete(e: Explanation): void {
  expect(e.schema).toBe('cache-lens/explanation/1');
  expect(typeof e.exchangeId).toBe('string');
  expect(typeof e.url).toBe('string');
  expect(typeof e.status).toBe('number');
  expect(Array.isArray(e.findings) && Array.isArray(e.hidden)).toBe(true);
  for (const f of e.findings) {
    for (const k of ['id', 'topic', 'severity', 'summary', 'rule', 'link'] as const) expect(typeof f[k]).toBe('string');
  }
  const order = { error: 0, warning: 1, info: 2, good: 3 };
  for (let i = 1; i < e.findings.length; i++)
    expect(order[e.findings[i - 1]!.severity]).toBeLessThanOrEqual(order[e.findings[i]!.severity]);
  const c = e.cache;
  for (const v of [c.private, c.shared]) {
    expect(typeof v.storable).toBe('boolean');
    expect(typeof v.fresh).toBe('boolean');
    expect(typeof v.currentAge).toBe('number');
    expect(v.freshnessLifetime === null || typeof v.freshnessLifetime === 'number').toBe(true);
  }
  expect(['from-cache', 'revalidate', 'download']).toContain(c.nextUse.action);
  expect(Array.isArray(c.findings) && Array.isArray(c.vary) && Array.isArray(c.responseDirectives)).toBe(true);
  expect(Array.isArray(e.cookies.setCookies) && Array.isArray(e.cookies.findings)).toBe(true);
  for (const s of e.cookies.setCookies) expect(typeof s.stored).toBe('boolean');
  expect(Array.isArray(e.cdn.evidence) && Array.isArray(e.cdn.findings) && Array.isArray(e.cdn.cacheStatusEntries)).toBe(true);
  expect(Array.isArray(e.proxy.via) && Array.isArray(e.proxy.findings) && Array.isArray(e.proxy.xForwardedFor)).toBe(true);
  // Bounded: nothing explodes the output (JSON-able and not absurdly large).
  expect(JSON.stringify(e).length).toBeLessThan(50_000_000);
}

/** Header names the engines read, so random values reach every parser. */
const KNOWN = [
  'Cache-Control',
  'Pragma',
  'Expires',
  'Date',
  'Age',
  'Last-Modified',
  'ETag',
  'Vary',
  'Set-Cookie',
  'Cookie',
  'Via',
  'Forwarded',
  'X-Forwarded-For',
  'X-Forwarded-Proto',
  'X-Forwarded-Host',
  'X-Real-IP',
  'Server',
  'Cache-Status',
  'CDN-Cache-Control',
  'Cloudflare-CDN-Cache-Control',
  'Surrogate-Control',
  'CF-Cache-Status',
  'CF-Ray',
  'X-Cache',
  'X-Served-By',
  'X-Amz-Cf-Pop',
  'X-Vercel-Cache',
  'Authorization',
  'If-None-Match',
  'If-Modified-Since',
  'Content-Type',
];

const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\r\n',
    'max-age=-1',
    'max-age=99999999999999999999',
    '"',
    'W/"',
    '=;=;',
    '*',
    'Thu, 01 Jan 1970 00:00:00 GMT',
    'a=b; Domain=.com; Secure; SameSite=None; Partitioned',
  ),
);
const headerName = fc.oneof(
  fc.constantFrom(...KNOWN),
  fc.constantFrom(...KNOWN.map((k) => k.toLowerCase())),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const headers: fc.Arbitrary<HeaderList> = fc.array(fc.record({ name: headerName, value: nastyString }), { maxLength: 25 });

const record: fc.Arbitrary<ExchangeRecord> = fc.record(
  {
    id: fc.string({ maxLength: 10 }),
    url: fc.oneof(
      fc.webUrl(),
      fc.string({ maxLength: 50 }),
      fc.constantFrom('https://sub.example.co.uk/a/b?c', 'http://localhost/', 'http://[::1]:8080/x'),
    ),
    method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'get', '', 'X\u0000'),
    status: fc.oneof(fc.constantFrom(0, 200, 203, 204, 206, 301, 304, 404, 410, 500, 502, 503, 504), fc.integer({ min: -5, max: 1000 })),
    requestHeaders: headers,
    responseHeaders: headers,
    requestTimeMs: fc.oneof(fc.integer({ min: 0, max: 2 ** 42 }), fc.constantFrom(NaN, -1, 1_767_225_000_000)),
    responseTimeMs: fc.oneof(fc.integer({ min: 0, max: 2 ** 42 }), fc.constantFrom(NaN, 1_767_225_000_500)),
    source: fc.constantFrom('network', 'disk-cache', 'memory-cache', 'service-worker', 'revalidated', 'unknown'),
    requestHeadersIncomplete: fc.boolean(),
    serverIp: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 20 })),
    navigation: fc.constantFrom('top-level', 'subresource'),
    initiatorUrl: fc.oneof(fc.constant(null), fc.webUrl(), fc.string({ maxLength: 20 })),
    topLevelUrl: fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })),
    cookiePolicy: fc.record({ blockThirdPartyCookies: fc.boolean() }),
  },
  { requiredKeys: ['id', 'url', 'method', 'status', 'requestHeaders', 'responseHeaders', 'requestTimeMs', 'responseTimeMs', 'source'] },
);

const ctxArb: fc.Arbitrary<EngineContext> = fc.record({
  browser: fc.constantFrom('chrome', 'firefox', 'rfc'),
  now: fc.oneof(fc.integer({ min: 0, max: 2 ** 33 }), fc.constantFrom(1_767_225_600, NaN, -1)),
});

const base: ExchangeRecord = {
  id: 'big',
  url: 'https://www.example.com/app/page',
  method: 'GET',
  status: 200,
  requestHeaders: [],
  responseHeaders: [],
  requestTimeMs: 1_767_225_000_000,
  responseTimeMs: 1_767_225_000_100,
  source: 'network',
};

describe('explain() robustness (fast-check)', () => {
  it('never throws and always returns a schema-complete Explanation', () => {
    fc.assert(
      fc.property(record, ctxArb, fc.array(record, { maxLength: 3 }), (x, c, history) => {
        expectSchemaComplete(explain(x, c, history));
      }),
      { numRuns: 300 },
    );
  });

  it('survives a 1 MB value in every known header', () => {
    const mb = 'a=b; max-age=1, '.repeat(65536);
    const x = {
      ...base,
      responseHeaders: KNOWN.map((name) => ({ name, value: mb })),
      requestHeaders: KNOWN.map((name) => ({ name, value: mb })),
    };
    const t = performance.now();
    const e = explain(x, ctx);
    expectSchemaComplete(e);
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('survives 10,000 Set-Cookie lines, with output staying bounded', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => ({
      name: 'Set-Cookie',
      value: `c${i}=v${i}; Path=/; Max-Age=${i}; Secure; SameSite=Lax`,
    }));
    const e = explain({ ...base, responseHeaders: lines }, ctx);
    expectSchemaComplete(e);
    expect(e.cookies.setCookies.length).toBeLessThanOrEqual(10_000);
    expect(e.findings.some((f) => f.id === 'engine-error')).toBe(false);
  });

  it('explainAll keeps order and links a 304 to the earlier response of the same URL', () => {
    const first: ExchangeRecord = {
      ...base,
      id: 'first',
      responseHeaders: [
        { name: 'Date', value: 'Wed, 31 Dec 2025 23:50:00 GMT' },
        { name: 'Cache-Control', value: 'max-age=60' },
        { name: 'ETag', value: '"v1"' },
      ],
    };
    const other: ExchangeRecord = { ...base, id: 'other', url: 'https://www.example.com/other' };
    const again: ExchangeRecord = {
      ...base,
      id: 'again',
      status: 304,
      source: 'revalidated',
      requestTimeMs: base.requestTimeMs + 600_000,
      responseTimeMs: base.responseTimeMs + 600_000,
      requestHeaders: [{ name: 'If-None-Match', value: '"v1"' }],
      responseHeaders: [
        { name: 'Date', value: 'Thu, 01 Jan 2026 00:00:00 GMT' },
        { name: 'ETag', value: '"v1"' },
      ],
    };
    const out = explainAll([first, other, again], ctx);
    expect(out.map((e) => e.exchangeId)).toEqual(['first', 'other', 'again']);
    expect(out[2]?.cache.revalidation?.previousId).toBe('first');
    expect(out[0]!.cache.revalidation).toBeNull();
  });
});

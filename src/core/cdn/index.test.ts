import { describe, expect, it } from 'vitest';
import { explainCdn, explainServerIp } from './index';
import { cacheStatusEntryStatus, combineTiers, parseCacheStatus, splitEntries, tierStatus } from './status';
import { parseCdnCacheControl } from './cdn-cache-control';
import { cityForPop, KNOWN_AIRPORTS } from './pops';
import { PROVIDERS } from './providers';
import type { CdnCacheStatus } from '../explanation';
import type { ExchangeRecord } from '../types';

const ctx = { browser: 'chrome' as const, now: 1_700_000_000 };

function exchange(headers: Record<string, string | string[]>, extra: Partial<ExchangeRecord> = {}): ExchangeRecord {
  const responseHeaders = Object.entries(headers).flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((value) => ({ name, value })));
  return {
    id: '1',
    url: 'https://example.com/api/data',
    method: 'GET',
    status: 200,
    requestHeaders: [],
    responseHeaders,
    requestTimeMs: 0,
    responseTimeMs: 0,
    source: 'network',
    ...extra,
  };
}
const ids = (r: { findings: Array<{ id: string }> }) => r.findings.map((f) => f.id);

describe('provider table', () => {
  it('covers every provider id of the cdn-cases conventions, each entry with a vendor reference', () => {
    const want =
      'cloudflare fastly cloudfront akamai google azure vercel netlify bunny keycdn sucuri imperva alibaba tencent edgio cdn77 varnish nginx ats'.split(
        ' ',
      );
    const have = PROVIDERS.map((p) => p.id);
    for (const id of want) expect(have).toContain(id);
    expect(new Set(have).size).toBe(have.length); // one entry per id
    for (const p of PROVIDERS) {
      expect(p.signatures.length).toBeGreaterThan(0);
      for (const s of p.signatures) expect(s.ref).toMatch(/^https:\/\//);
      for (const s of p.status) expect(s.ref).toMatch(/^https:\/\//);
    }
  });
});

describe('identification', () => {
  it('header names are matched case-insensitively', () => {
    expect(explainCdn(exchange({ 'CF-RAY': '8a1f2c3d4e5f6074-FRA', 'CF-Cache-Status': 'HIT' }), ctx).cdn).toBe('cloudflare');
  });
  it('Age alone, a forward proxy Via, and an opaque X-Served-By are not CDNs', () => {
    expect(explainCdn(exchange({ age: '300' }), ctx).cdn).toBeNull();
    expect(ids(explainCdn(exchange({ age: '300' }), ctx))).toContain('age-without-cdn');
    // Over plain http a Squid Via may be the user's own forward proxy: not the site's cache.
    expect(
      explainCdn(
        exchange({ via: '1.1 proxy.corp.example (squid/4.10)', 'x-cache': 'MISS from proxy.corp.example' }, { url: 'http://example.com/' }),
        ctx,
      ).cdn,
    ).toBeNull();
    expect(explainCdn(exchange({ 'x-served-by': '44f77bef9757b092723b0a6870733b02' }), ctx).cdn).toBeNull();
  });
  it('a lone "cache" Server-Timing metric is not Akamai; the cdn-cache + edge pair is', () => {
    expect(explainCdn(exchange({ 'server-timing': 'cache;desc="hit-front"' }), ctx).cdn).toBeNull();
    expect(explainCdn(exchange({ 'server-timing': 'cdn-cache; desc=MISS, edge; dur=12, origin; dur=80' }), ctx)).toMatchObject({
      cdn: 'akamai',
      cacheStatus: 'miss',
    });
  });
  it('stacked: Cloudflare in front of a Fastly origin is Cloudflare, and the stack is reported', () => {
    const r = explainCdn(
      exchange({
        'cf-ray': '8a1f2c3d4e5f6074-FRA',
        'cf-cache-status': 'MISS',
        'x-served-by': 'cache-fra-eddf8230045-FRA',
        'x-cache': 'HIT',
        server: 'cloudflare',
      }),
      ctx,
    );
    expect(r.cdn).toBe('cloudflare');
    expect(r.cacheStatus).toBe('miss');
    expect(ids(r)).toContain('cdn-stacked');
  });
  it('stacked: the provider owning the server address is the one the browser talked to (Imperva in front of CloudFront)', () => {
    // pagexray arcelormittal.com HAR (2018): Incapsula headers and CloudFront headers, server IP in Imperva's range
    const h = {
      via: '1.1 d975c23165964b20999503339a61d1af.cloudfront.net (CloudFront)',
      'x-amz-cf-id': 'Dj3Hn',
      'x-cdn': 'Incapsula',
      'x-cache': 'Miss from cloudfront',
      'x-iinfo': '14-23460695-23460696 NNNN CT(1 -1 0)',
    };
    const r = explainCdn(exchange(h, { serverIp: '192.230.77.73' }), ctx);
    expect(r).toMatchObject({ cdn: 'imperva', ipOwner: 'imperva' });
    expect(r.findings.find((f) => f.id === 'cdn-stacked')?.summary).toMatch(/CloudFront/);
  });
  it('stacked via Via order: the later hop is nearer the browser', () => {
    const r = explainCdn(
      exchange({
        via: '1.1 varnish, 1.1 abc123.cloudfront.net (CloudFront)',
        'x-served-by': 'cache-iad2120-IAD',
        'x-cache': 'Miss from cloudfront',
      }),
      ctx,
    );
    expect(r.cdn).toBe('cloudfront');
    expect(r.cacheStatus).toBe('miss');
  });
  it('self-hosted caches only when no CDN shows', () => {
    expect(explainCdn(exchange({ 'x-varnish': '32770 3', via: '1.1 varnish (Varnish/7.4)' }), ctx)).toMatchObject({
      cdn: 'varnish',
      cacheStatus: 'hit',
    });
    expect(explainCdn(exchange({ 'x-varnish': '32770' }), ctx)).toMatchObject({ cdn: 'varnish', cacheStatus: 'miss' });
    expect(explainCdn(exchange({ server: 'nginx', 'x-cache-status': 'UPDATING' }), ctx)).toMatchObject({
      cdn: 'nginx',
      cacheStatus: 'stale',
    });
    expect(explainCdn(exchange({ server: 'ATS/9.2.9' }), ctx)).toMatchObject({ cdn: 'ats', cacheStatus: 'unknown' });
  });
  it('recognises the other providers from their documented fields', () => {
    const cases: Array<[Record<string, string>, string, string | null, string | null]> = [
      [{ 'x-azure-ref': '0abc', 'x-cache': 'TCP_REMOTE_HIT' }, 'azure', 'hit', null],
      [{ 'x-msedge-ref': 'Ref A: 1 Ref B: LON21EDGE0607 Ref C: 2' }, 'azure', 'unknown', 'LON21EDGE0607'],
      [{ server: 'keycdn-engine', 'x-edge-location': 'defr', 'x-cache': 'HIT' }, 'keycdn', 'hit', 'defr'],
      [{ server: 'CDN77-Turbo', 'x-77-cache': 'MISS', 'x-77-pop': 'frankfurtDE' }, 'cdn77', 'miss', 'frankfurtDE'],
      [{ server: 'ECS (fra/D1B2)', 'x-cache': 'HIT' }, 'edgio', 'hit', 'fra'],
      [{ 'eo-log-uuid': '4105283880544427145', 'eo-cache-status': 'RefreshHit' }, 'tencent', 'revalidated', null],
      [{ server: 'Google Frontend' }, 'google', 'unknown', null],
    ];
    for (const [h, cdn, status, pop] of cases) expect(explainCdn(exchange(h), ctx)).toMatchObject({ cdn, cacheStatus: status, pop });
  });
});

describe('status normalisation', () => {
  it('reads tiers by word, never by substring', () => {
    expect(
      tierStatus('TCP_REFRESH_HIT from a96-7-128-201.deploy.akamaitechnologies.com (AkamaiGHost/10) (-)', {
        HIT: 'hit',
        TCP_REFRESH_HIT: 'revalidated',
      }),
    ).toBe('revalidated');
    expect(tierStatus('WHITE', { HIT: 'hit' })).toBeNull();
    expect(tierStatus('cp5018 hit/7', { HIT: 'hit' })).toBe('hit');
    expect(splitEntries('TCP_MISS from a (AkamaiGHost/1, x) (-), HIT')).toEqual(['TCP_MISS from a (AkamaiGHost/1, x) (-)', 'HIT']);
  });
  it('an inner tier that served the copy wins over an edge miss; otherwise the nearest tier decides', () => {
    const t = (status: CdnCacheStatus) => ({ status, raw: status, header: 'x' });
    expect(combineTiers([t('miss'), t('hit')])).toEqual({ status: 'hit', decidedBy: 1 });
    expect(combineTiers([t('hit'), t('miss')])).toEqual({ status: 'hit', decidedBy: 0 });
    expect(combineTiers([t('bypass'), t('hit')])).toEqual({ status: 'bypass', decidedBy: 0 });
    expect(combineTiers([t('miss'), t('miss')])).toEqual({ status: 'miss', decidedBy: 0 });
  });
  it('Fastly shielding MISS, HIT reports the tiered hit with the tiers', () => {
    const r = explainCdn(exchange({ 'x-served-by': 'cache-iad2120-IAD, cache-sjc3120-SJC', 'x-cache': 'HIT, MISS' }), ctx);
    expect(r).toMatchObject({ cacheStatus: 'hit', pop: 'SJC', popCity: 'San Jose' });
    expect(ids(r)).toContain('tiered-hit');
  });
  it('RFC 9211 entries map by the conventions', () => {
    const p = parseCacheStatus([
      'ExampleCache; fwd=stale; fwd-status=304, "Edge"; hit; ttl=-10, Other; fwd=stale, Last; hit; key="k"; detail=abc',
    ]);
    expect(p.invalid).toBe(false);
    expect(p.entries.map(cacheStatusEntryStatus)).toEqual(['revalidated', 'stale', 'expired', 'hit']);
    expect(p.entries[3]).toMatchObject({ cache: 'Last', hit: true, key: 'k', detail: 'abc' });
    expect(p.entries[0]).toMatchObject({ cache: 'ExampleCache', hit: false, fwd: 'stale', fwdStatus: 304 });
  });
  it('a malformed Cache-Status line is a finding, and good lines still count', () => {
    const r = explainCdn(exchange({ 'cache-status': ['"unterminated; hit', 'Proxy; hit'] }), ctx);
    expect(ids(r)).toContain('cache-status-invalid');
    expect(r.cacheStatus).toBe('hit');
    expect(r.cacheStatusEntries).toHaveLength(1);
  });
});

describe('explanations', () => {
  it('Cloudflare DYNAMIC on public, max-age=3600: not cached by default, a Cache Rule is needed', () => {
    const r = explainCdn(
      exchange({
        'cf-ray': '8a1f2c3d4e5f6074-FRA',
        'cf-cache-status': 'DYNAMIC',
        'cache-control': 'public, max-age=3600',
        'content-type': 'application/json',
      }),
      ctx,
    );
    expect(r.cacheStatus).toBe('dynamic');
    expect(ids(r)).toContain('cf-dynamic-cacheable');
    expect(r.plain.join(' ')).toMatch(/Cache Rule/);
    expect(r.popCity).toBe('Frankfurt');
  });
  it('DYNAMIC with private Cache-Control is the plain DYNAMIC note', () => {
    const r = explainCdn(
      exchange({ 'cf-ray': '8a1f2c3d4e5f6074-FRA', 'cf-cache-status': 'DYNAMIC', 'cache-control': 'private, max-age=60' }),
      ctx,
    );
    expect(ids(r)).toContain('cf-dynamic');
    expect(ids(r)).not.toContain('cf-dynamic-cacheable');
  });
  it('BYPASS with Set-Cookie says why', () => {
    const r = explainCdn(
      exchange({ 'cf-ray': '8a1f2c3d4e5f6075-CDG', 'cf-cache-status': 'BYPASS', 'set-cookie': 'a=b', 'cache-control': 'private' }),
      ctx,
    );
    expect(ids(r)).toEqual(expect.arrayContaining(['status-bypass', 'bypass-set-cookie', 'bypass-private']));
  });
  it('CloudFront RefreshHit and Error', () => {
    expect(explainCdn(exchange({ 'x-cache': 'RefreshHit from cloudfront', 'x-amz-cf-pop': 'FRA56-P1' }), ctx)).toMatchObject({
      cacheStatus: 'revalidated',
      pop: 'FRA56-P1',
      popCity: 'Frankfurt',
    });
    const err = explainCdn(exchange({ 'x-cache': 'Error from cloudfront', 'x-amz-cf-pop': 'IAD89-C3' }, { status: 502 }), ctx);
    expect(ids(err)).toEqual(expect.arrayContaining(['cloudfront-error', 'gateway-error']));
  });
  it("Cloudflare 522 is Cloudflare's own timeout; a 502 from a plain origin says nothing here", () => {
    const r = explainCdn(exchange({ 'cf-ray': '8a1f2c3d4e5f6075-CDG', server: 'cloudflare' }, { status: 522 }), ctx);
    expect(r.findings.find((f) => f.id === 'gateway-error')?.summary).toMatch(/timed out/);
    expect(ids(explainCdn(exchange({ server: 'Apache' }, { status: 502 }), ctx))).not.toContain('gateway-error');
  });
  it('502 behind a CDN: forwarded from the origin vs generated by the CDN', () => {
    const passed = explainCdn(exchange({ 'cf-ray': '8a1f2c3d4e5f6075-CDG', 'cf-cache-status': 'DYNAMIC' }, { status: 502 }), ctx);
    expect(ids(passed)).toEqual(expect.arrayContaining(['gateway-error', 'gateway-passed-through']));
    const own = explainCdn(exchange({ 'cf-ray': '8a1f2c3d4e5f6075-CDG', server: 'cloudflare' }, { status: 504 }), ctx);
    expect(ids(own)).toEqual(expect.arrayContaining(['gateway-error', 'gateway-by-cdn']));
    const cf = explainCdn(exchange({ 'x-cache': 'Error from cloudfront', 'x-amz-cf-pop': 'IAD89-C3' }, { status: 504 }), ctx);
    expect(ids(cf)).toContain('gateway-by-cdn');
  });
  it('Vercel REVALIDATED is explained as a purge, not a 304', () => {
    expect(ids(explainCdn(exchange({ 'x-vercel-id': 'iad1::abc', 'x-vercel-cache': 'REVALIDATED' }), ctx))).toContain('vercel-revalidated');
  });
  it('the server IP answers "dig shows a Cloudflare IP"', () => {
    const r = explainCdn(exchange({}, { serverIp: '104.21.48.200' }), ctx);
    expect(r.ipOwner).toBe('cloudflare');
    expect(r.findings.find((f) => f.id === 'ip-owner')?.summary).toMatch(/not to the site's own server/);
    const mixed = explainCdn(exchange({ 'x-served-by': 'cache-fra-eddf8230045-FRA' }, { serverIp: '104.21.48.200' }), ctx);
    expect(ids(mixed)).toContain('ip-owner-differs');
    expect(ids(mixed)).not.toContain('ip-owner');
  });
  it('no ip-owner finding when the headers already name the CDN that owns the address (the field says it)', () => {
    const same = explainCdn(exchange({ 'cf-ray': '8a1f2c3d4e5f6075-CDG', 'cf-cache-status': 'HIT' }, { serverIp: '104.21.48.200' }), ctx);
    expect(same.cdn).toBe('cloudflare');
    expect(same.ipOwner).toBe('cloudflare');
    expect(same.ipOwnerName).toBe('Cloudflare');
    expect(ids(same)).not.toContain('ip-owner');
    expect(ids(same)).not.toContain('ip-owner-differs');
  });
  it('explainServerIp answers for a typed address', () => {
    expect(explainServerIp('104.21.48.200')?.id).toBe('ip-owner');
    expect(explainServerIp('104.21.48.200')?.summary).toMatch(/Cloudflare/);
    expect(explainServerIp('203.0.113.50')?.id).toBe('ip-not-cdn');
    expect(explainServerIp('example.com')).toBeNull();
  });
  it('every finding has a summary, a rule and a link', () => {
    const r = explainCdn(
      exchange({ 'cf-ray': 'x-FRA', 'cf-cache-status': 'HIT', 'cdn-cache-control': 'max-age=60' }, { serverIp: '104.21.48.200' }),
      ctx,
    );
    for (const f of r.findings) {
      expect(f.summary).not.toMatch(/\{\w+\}/);
      expect(f.rule).not.toMatch(/\{\w+\}/);
      expect(f.link).toMatch(/^https:\/\//);
    }
  });
});

describe('CDN-Cache-Control (RFC 9213)', () => {
  it('parses a dictionary into explained directives', () => {
    const p = parseCdnCacheControl('cdn-cache-control', ['max-age=600, stale-while-revalidate=30', 'no-transform']);
    expect(p.invalid).toBe(false);
    expect(p.directives.map((d) => [d.name, d.value, d.known])).toEqual([
      ['max-age', '600', true],
      ['stale-while-revalidate', '30', true],
      ['no-transform', undefined, true],
    ]);
  });
  it('falls back on garbage and says the field is invalid', () => {
    const p = parseCdnCacheControl('cdn-cache-control', ['Max-Age=abc, private']);
    expect(p.invalid).toBe(true);
    expect(p.directives.find((d) => d.name === 'max-age')?.known).toBe(false);
    const r = explainCdn(exchange({ 'cdn-cache-control': 'Max-Age=abc', 'netlify-cdn-cache-control': 'public, max-age=60' }), ctx);
    expect(ids(r)).toEqual(expect.arrayContaining(['cdn-cache-control-invalid', 'cdn-cache-control']));
    expect(r.cdnCacheControl.length).toBe(3);
  });
});

describe('PoP cities', () => {
  it('has a few hundred airport codes and reads the common token shapes', () => {
    expect(KNOWN_AIRPORTS).toBeGreaterThan(300);
    expect(cityForPop('FRA')).toBe('Frankfurt');
    expect(cityForPop('IAD89-C3')).toBe('Ashburn');
    expect(cityForPop('hkg1')).toBe('Hong Kong');
    expect(cityForPop('LHR')).toBe('London');
    expect(cityForPop('DE1')).toBeNull();
    expect(cityForPop('frankfurtDE')).toBeNull();
  });
});

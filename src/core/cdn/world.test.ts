/**
 * What real captures send (issue 8, section 2): each case fails without the fix it names. Values are from the shared
 * HARs (tests/world/cdn-captures/captures.json) or the vendor pages cited beside them.
 */
import { describe, expect, it } from 'vitest';
import { explainCdn } from './index';
import { PROVIDERS } from './providers';
import { runCdnCase } from './conformance';
import { tierStatus } from './status';
import type { ExchangeRecord } from '../types';

const ctx = { browser: 'chrome' as const, now: 1_700_000_000 };

function exchange(headers: Array<[string, string]> | Record<string, string>, extra: Partial<ExchangeRecord> = {}): ExchangeRecord {
  const list = Array.isArray(headers) ? headers : Object.entries(headers);
  return {
    id: '1',
    url: 'https://example.com/',
    method: 'GET',
    status: 200,
    requestHeaders: [],
    responseHeaders: list.map(([name, value]) => ({ name, value })),
    requestTimeMs: 0,
    responseTimeMs: 0,
    source: 'network',
    ...extra,
  };
}
const cdn = (h: Array<[string, string]> | Record<string, string>, extra?: Partial<ExchangeRecord>) => explainCdn(exchange(h, extra), ctx);

describe('field lines joined with "\\n" (Chrome HAR export)', () => {
  it('reads each line: the mPulse Server-Timing pair is Akamai, with its status', () => {
    // pagexray ferguson.har: "cdn-cache; desc=HIT\nedge; dur=1"
    expect(cdn({ 'server-timing': 'cdn-cache; desc=HIT\nedge; dur=1' })).toMatchObject({ cdn: 'akamai', cacheStatus: 'hit' });
    expect(cdn({ 'server-timing': 'cdn-cache; desc=REVALIDATE\nedge; dur=197\norigin; dur=62' })).toMatchObject({
      cdn: 'akamai',
      cacheStatus: 'revalidated',
    });
  });
});

describe('Google front ends', () => {
  it.each(['gws', 'sffe', 'ESF', 'GSE', 'Golfe2', 'cafe', 'xbfe', 'Google Tag Manager'])('Server: %s is Google', (server) => {
    expect(cdn({ server }).cdn).toBe('google');
  });
  it('only the whole value: a server merely containing the word is not Google', () => {
    expect(cdn({ server: 'cafe-backend/1.2' }).cdn).toBeNull();
    expect(cdn({ server: 'my gws clone' }).cdn).toBeNull();
  });
});

describe('the server address as a second signal', () => {
  it('no CDN header, address in a published range: that CDN, with the ip-owner finding', () => {
    // pagexray-304.har, loremflickr.com at 104.24.117.43 (Cloudflare), headers stripped of cf-ray
    const r = cdn({ 'cache-control': 'no-store' }, { serverIp: '104.24.117.43' });
    expect(r).toMatchObject({ cdn: 'cloudflare', ipOwner: 'cloudflare', cacheStatus: 'unknown' });
    expect(r.findings.map((f) => f.id)).toContain('ip-owner');
    expect(r.findings.map((f) => f.id)).not.toContain('cdn-identified');
  });
  it('a self-hosted cache header behind a CDN address is that CDN', () => {
    expect(cdn({ via: '1.1 varnish', 'x-cache': 'HIT' }, { serverIp: '151.101.1.69' })).toMatchObject({
      cdn: 'fastly',
      cacheStatus: 'hit',
    });
  });
  it('an owner the provider table does not have is still named, from the range table', () => {
    const r = cdn({}, { serverIp: '2.144.3.129' }); // ArvanCloud, in the cdncheck ranges only
    expect(r).toMatchObject({ cdn: 'arvancloud', ipOwner: 'arvancloud', cdnName: 'ArvanCloud' });
  });
  it('cdn-cases/1 `ip` reaches the engine', () => {
    expect(runCdnCase({ status: 200, headers: {}, ip: '104.16.0.1' })).toMatchObject({ cdn: 'cloudflare' });
    expect(runCdnCase({ status: 200, headers: {} })).toMatchObject({ cdn: null });
  });
});

describe('Akamai and Fastly beyond X-Cache', () => {
  it('Akamai by any X-Akamai-* field, by its product Server names, by its own Server-Timing metric', () => {
    expect(cdn({ 'x-akamai-http2-push': '1' }).cdn).toBe('akamai');
    expect(cdn({ 'X-Akamai-Session-Info': 'name=AKA_PM_CACHEABLE_OBJECT; value=true' }).cdn).toBe('akamai');
    expect(cdn({ server: 'Akamai Image Manager' }).cdn).toBe('akamai');
    expect(cdn({ server: 'Akamai Resource Optimizer' }).cdn).toBe('akamai');
    expect(cdn({ 'server-timing': 'ak_p; desc="1700000000000_400123_1234_0_1_0_0_-";dur=1' }).cdn).toBe('akamai');
    expect(cdn({ 'x-akamai': '1' }).cdn).toBeNull(); // the prefix needs a name after it
  });
  it('Fastly by its Server-Timing metric name, never by a word in a desc', () => {
    expect(cdn({ 'server-timing': 'fastly;desc="Edge time";dur=12' }).cdn).toBe('fastly');
    expect(cdn({ 'server-timing': 'app;desc="via fastly";dur=3' }).cdn).toBeNull();
  });
  it('Fastly-Debug-Path names Fastly', () => {
    expect(cdn({ 'fastly-debug-path': '(D cache-lcy1128-LCY 1415969775) (F cache-lcy1130-LCY 1415969775)' }).cdn).toBe('fastly');
  });
});

describe('more providers', () => {
  it.each([
    [{ server: 'now' }, 'vercel'],
    [{ server: 'NetDNA-cache/2.2', 'x-cache': 'HIT' }, 'stackpath'],
    [{ 'x-hw': '1440877502.dop010.dc1.t,1440877501.cds003.dc1.shn' }, 'highwinds'], // pagexray nytimes.har (liverail)
    [{ 'x-px': 'ht h0-s30.p9-fra.cdngp.net' }, 'cdnetworks'],
    [{ 'section-io-id': '2f54b2b6f0b6a4c7' }, 'section-io'],
    [{ server: 'tsa_b' }, 'twitter'],
    [{ 'x-instart-request-id': '10507324937709582720:FVA01-CPVNPPRY04:1424155994:237' }, 'instart'],
    [{ server: 'yunjiasu-nginx' }, 'baidu'],
  ] as Array<[Record<string, string>, string]>)('%j is %s', (h, id) => {
    expect(cdn(h).cdn).toBe(id);
  });
  it('Squid is a self-hosted cache over https, and its status is read', () => {
    expect(cdn({ via: '1.1 cache.example.org (squid/5.7)', 'x-cache': 'HIT from cache.example.org' })).toMatchObject({
      cdn: 'squid',
      cacheStatus: 'hit',
    });
    expect(cdn({ via: '1.1 cache.example.org (squid/5.7)' }, { url: 'http://example.com/' }).cdn).toBeNull();
  });
  it("covers WebPageTest's CDN list: at least 60 providers, one entry per id", () => {
    const ids = PROVIDERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => PROVIDERS.find((p) => p.id === id)!.kind === 'cdn').length).toBeGreaterThanOrEqual(60);
  });
});

describe('edge ids in more than one format', () => {
  it('Edgecast: the POP from X-EC-Cache "(jfz/0FE8)" as well as from Server "ECS (dcb/7EA3)"', () => {
    // https://docs.edgecast.com/pci-cdn/Content/Knowledge_Base/X_EC_Debug.htm (sample response headers)
    expect(cdn({ 'x-ec-cache': 'TCP_HIT from ECD (jfz/0FE8)', 'x-ec-cache-remote': 'TCP_HIT from ECD (miz/EF00)' })).toMatchObject({
      cdn: 'edgio',
      pop: 'jfz',
      cacheStatus: 'hit',
    });
    expect(cdn({ server: 'ECS (dcb/7EA3)' })).toMatchObject({ cdn: 'edgio', pop: 'dcb' });
  });
  it('CloudFront with only its Server-Timing policy: edge id from cdn-pop, status from the cdn-cache-* metric', () => {
    const st =
      'cdn-upstream-layer;desc="EDGE",cdn-upstream-dns;dur=0,cdn-cache-miss,cdn-pop;desc="PHX50-C2",cdn-rid;desc="yCPdtT3bjf1hhQ==",cdn-downstream-fbl;dur=436';
    expect(cdn({ 'server-timing': st })).toMatchObject({ cdn: 'cloudfront', pop: 'PHX50-C2', cacheStatus: 'miss' });
    expect(cdn({ 'server-timing': 'cdn-cache-refresh,cdn-pop;desc="SEA73-P2"' })).toMatchObject({
      cdn: 'cloudfront',
      cacheStatus: 'revalidated',
    });
  });
  it('Fastly node names with a dash inside ("cache-fra-eddf8230050-FRA") keep the POP', () => {
    expect(cdn({ 'x-served-by': 'cache-fra-eddf8230050-FRA', 'x-cache': 'HIT', via: '1.1 varnish' })).toMatchObject({
      cdn: 'fastly',
      pop: 'FRA',
    });
  });
});

describe("every provider of WebPageTest's CDN table is recognised by the field it names", () => {
  // [field, value, id]: values are ordinary examples of the field WebPageTest's table looks each provider up by.
  const rows: Array<[string, string, string]> = [
    ['server', 'Airee', 'airee'],
    ['x-akamai-staging', 'ESSL', 'akamai'],
    ['via', '1.1 abc.cloudfront.net (CloudFront)', 'cloudfront'],
    ['x-ar-debug', '1', 'aryaka'],
    ['server', 'Azion Technologies', 'azion'],
    ['bln-version', '2.1', 'baleen'],
    ['server', 'Beluga', 'belugacdn'],
    ['x-beluga-cache-status', 'HIT', 'belugacdn'],
    ['server', 'BunnyCDN-DE1-1042', 'bunny'],
    ['server', 'Caspowa', 'caspowa'],
    ['x-edge-ip', '185.152.66.243', 'cdn77'],
    ['server', 'CDN77-Turbo', 'cdn77'],
    ['x-px', 'ht h0-s30.p9-fra.cdngp.net', 'cdnetworks'],
    ['x-cache', 'HIT from cache.51cdn.com', 'chinanetcenter'],
    ['server', 'cloudflare', 'cloudflare'],
    ['server', 'ECS (dcb/7EA3)', 'edgio'],
    ['server', 'ECAcc (lhd/8B21)', 'edgio'],
    ['server', 'ersRV', 'erstream'],
    ['server-timing', 'fastly;desc="Edge time";dur=12', 'fastly'],
    ['server', 'Fly/5c7b8c4e (2024-03-01)', 'fly'],
    ['server', 'gocache', 'gocache'],
    ['server', 'sffe', 'google'],
    ['via', '1.1 google', 'google'],
    ['server', 'hiberniacdn', 'hiberniacdn'],
    ['x-hw', '1440877502.dop010.dc1.t', 'highwinds'],
    ['x-cdn', 'H4CDN', 'hosting4cdn'],
    ['server', 'ScientiaMobile ImageEngine', 'imageengine'],
    ['x-cdn', 'Incapsula', 'imperva'],
    ['x-iinfo', '9-56843219-56843222 NNNN CT(0 0 0)', 'imperva'],
    ['x-instart-request-id', 'instart-123', 'instart'],
    ['server', 'leasewebcdn', 'leaseweb'],
    ['server', 'MNCDN', 'medianova'],
    ['server', 'MerlinCDN', 'merlincdn'],
    ['x-azure-ref', '20240301T100000Z-16b5c7d8e9f0a1b2', 'azure'],
    ['x-azure-ref-originshield', 'Ref A: 1 Ref B: 2', 'azure'],
    ['server', 'myracloud', 'myra'],
    ['server', 'Testa/6.0', 'naver'],
    ['server', 'NetDNA-cache/2.2', 'stackpath'],
    ['server', 'Netlify', 'netlify'],
    ['x-ngenix-cache', 'HIT', 'ngenix'],
    ['server', 'noc.org/cdn', 'noc-org'],
    ['x-powered-by', 'NYI FTW', 'nyi-ftw'],
    ['x-delivered-by', 'NYI FTW', 'nyi-ftw'],
    ['server', 'Optimal CDN', 'optimal-cdn'],
    ['x-cdn-geo', 'fr', 'ovh'],
    ['x-cdn-pop', 'rbx1', 'ovh'],
    ['x-cdn', 'PageCDN', 'pagecdn'],
    ['via', '1.1 PUSHR', 'pushr'],
    ['x-qc-pop', 'NA-US-LAX-33', 'quic-cloud'],
    ['server', 'ReSRC', 'resrc'],
    ['via', '1.1 Rev-Cache', 'rev-software'],
    ['x-rev-cache', 'HIT', 'rev-software'],
    ['server', 'Roast.io', 'roast-io'],
    ['x-rocket-node', 'node-12', 'rocket-cdn'],
    ['section-io-id', 'abc', 'section-io'],
    ['x-cdn', 'SwiftyCDN', 'swiftycdn'],
    ['server', 'SingularCDN', 'singular-cdn'],
    ['x-sirv-server', 'fra-1', 'sirv'],
    ['server', 'Sucuri/Cloudproxy', 'sucuri'],
    ['x-sucuri-id', '18012', 'sucuri'],
    ['server', 'SurgeCDN', 'surge'],
    ['server', 'tsa_b', 'twitter'],
    ['server', 'UnicornCDN', 'unicorncdn'],
    ['server', 'Vercel', 'vercel'],
    ['server', 'now', 'vercel'],
    ['server', 'WPCompress', 'wp-compress'],
    ['x-cdn', 'XLabs Security', 'xlabs'],
    ['server', 'yunjiasu', 'baidu'],
    ['x-cdn', 'Zenedge', 'zenedge'],
    ['zy-server', 'zycada', 'zycada'],
  ];
  it.each(rows)('%s: %s is %s', (name, value, id) => {
    expect(cdn([[name, value]]).cdn).toBe(id);
  });
});

describe('shared header names that differ in format', () => {
  it('X-Edge-Location: a four-letter code is KeyCDN, a place name beside X-Edge-IP is CDN77', () => {
    expect(cdn({ 'x-edge-location': 'defr', 'x-cache': 'HIT' })).toMatchObject({ cdn: 'keycdn', pop: 'defr' });
    expect(cdn({ 'x-edge-location': 'Frankfurt, DE', 'x-edge-ip': '185.59.220.1', 'x-cache': 'HIT' })).toMatchObject({
      cdn: 'cdn77',
      cacheStatus: 'hit',
    });
    expect(cdn({ 'x-edge-location': 'Frankfurt, DE', 'x-cache': 'HIT' }).cdn).toBeNull();
  });
  it('X-Cache "HIT from <host>" is Squid, "Hit from cloudfront" CloudFront, a 51cdn host ChinaNetCenter', () => {
    expect(cdn({ 'x-cache': 'HIT from proxy.example' }).cdn).toBeNull(); // Squid needs its own Via, Server or X-Cache-Lookup
    expect(cdn({ 'x-cache': 'Hit from cloudfront' }).cdn).toBe('cloudfront');
    expect(cdn({ 'x-cache': 'HIT from cache.51cdn.com' }).cdn).toBe('chinanetcenter');
  });
});

describe('multi-layer X-Cache with hit counts', () => {
  it('per-layer "hit(n)" counts are read as hits (pagexray wikipedia captures)', () => {
    expect(tierStatus('cp3008 frontend hit(3)', { HIT: 'hit' })).toBe('hit');
    const r = cdn({ via: '1.1 varnish, 1.1 varnish, 1.1 varnish', 'x-cache': 'cp1052 miss(0), cp3007 hit(10), cp3008 frontend hit(2)' });
    expect(r).toMatchObject({ cdn: 'varnish', cacheStatus: 'hit' });
  });
});

describe('stacked providers and weak evidence', () => {
  it('the inner CDN status field is not read as the outer one: Imperva over CloudFront stays unknown', () => {
    const h = {
      'x-iinfo': '9-1234-0 PNNN RT(1 2) q(0 0 0 -1) r(0 0)',
      'x-cdn': 'Incapsula',
      'x-cache': 'Hit from cloudfront',
      via: '1.1 0aaebdec.cloudfront.net (CloudFront)',
    };
    expect(cdn(h)).toMatchObject({ cdn: 'imperva', cacheStatus: 'unknown' });
  });
  it("an origin's X-Cache that the CDN passed through is not the CDN's status (shared field, different format)", () => {
    // Akamai in front of an origin Varnish: X-Cache "HIT" is the origin's; Akamai's own word is the Server-Timing desc.
    expect(cdn({ 'x-cache': 'HIT', 'server-timing': 'cdn-cache; desc=MISS, edge; dur=26, origin; dur=624' })).toMatchObject({
      cdn: 'akamai',
      cacheStatus: 'miss',
    });
    expect(cdn({ 'x-akamai-request-id': '1f2e3d4c.5b6a7980', 'x-cache': 'HIT' })).toMatchObject({ cdn: 'akamai', cacheStatus: 'unknown' });
    // Azure's X-Cache words are TCP_*; an origin's "MISS" passed along is not Azure's.
    expect(cdn({ 'x-azure-ref': '20240301T100000Z-16b5c7d8e9f0a1b2', 'x-cache': 'MISS' })).toMatchObject({
      cdn: 'azure',
      cacheStatus: 'unknown',
    });
    expect(cdn({ 'x-azure-ref': '20240301T100000Z-16b5c7d8e9f0a1b2', 'x-cache': 'TCP_REMOTE_HIT' })).toMatchObject({
      cdn: 'azure',
      cacheStatus: 'hit',
    });
  });
  it('X-Timer with "Via: 1.1 varnish" is a Varnish habit, not proof of Fastly (platform.twitter.com, 2017)', () => {
    // PerfCascade wpt_h2_www.nghttp2.org.har: Twitter's own Varnish fleet at 199.96.57.6
    const h = {
      via: '1.1 varnish',
      age: '1256',
      'x-served-by': 'mtc-tw-iad2-5-TWIAD2',
      'x-cache': 'HIT',
      'x-timer': 'S1498642251.051167,VS0,VE0',
    };
    expect(cdn(h, { serverIp: '199.96.57.6' })).toMatchObject({ cdn: 'varnish', cacheStatus: 'hit' });
  });
  it("an address in Google's ranges alone is not a Google front end (Google Cloud customers' own servers)", () => {
    // pagexray assa.har: ow-shadow.assaabloy.com at 130.211.73.5 answered as a bare Apache
    const r = cdn({ server: 'Apache' }, { serverIp: '130.211.73.5' });
    expect(r).toMatchObject({ cdn: null, ipOwner: 'google' });
    expect(r.findings.map((f) => f.id)).toContain('ip-owner');
    // A hosting company that also sells a CDN: its address alone is not its CDN either.
    expect(cdn({ server: 'Apache' }, { serverIp: '14.128.128.1' })).toMatchObject({ cdn: null, ipOwner: 'cafe24' });
  });
  it('a Via line alone, or Via plus a generic timing header, proves no provider', () => {
    expect(cdn({ via: '1.1 edge-proxy', 'server-timing': 'edge; dur=3' }).cdn).toBeNull();
    expect(cdn({ via: '1.1 vegur', 'x-response-time': '12ms' }).cdn).toBeNull();
  });
  it('hostile header names are data, not object keys', () => {
    const r = cdn([
      ['constructor', 'x'],
      ['__proto__', 'y'],
      ['toString', 'z'],
      ['hasOwnProperty', 'w'],
    ]);
    expect(r.cdn).toBeNull();
    expect(r.cacheStatus).toBeNull();
  });
});

/**
 * The CDN table: how each provider (and each self-hosted cache product) shows up in response headers, how it
 * writes its cache status and its edge location. Pure data with the vendor reference beside each entry; the code
 * that applies it is in index.ts (`matchProviders`, `readPop`) and status.ts. Provider ids follow ../shared/reference/cdn-cases.json.
 */
import type { CdnCacheStatus } from '../explanation';

/** A header condition: the field is present and, when a pattern is given, its combined value matches it. */
export interface HeaderCondition {
  /** Lower-case field name (with `prefix`, the start of one: any field whose name begins with it). */
  header: string;
  pattern?: RegExp;
  /** The condition holds for any field whose name starts with `header` (Akamai's X-Akamai-* family). */
  prefix?: boolean;
  /**
   * Text that every value `pattern` matches contains, case for case, with no comma or space in it: a field none of
   * whose lines contains it fails the condition without its lines being joined and searched (Set-Cookie, long).
   */
  needle?: string;
}

/** A signature holds when all of its conditions hold. */
export interface Signature {
  all: readonly [HeaderCondition, ...HeaderCondition[]];
  ref: string;
}

/** Status value (upper case) to the normalised status. */
export type StatusTable = Readonly<Record<string, CdnCacheStatus>>;

/**
 * Where a provider writes its cache status:
 * - 'list': comma-separated tiers; in each tier the longest word found in the table wins ("HIT TCP_REFRESH_HIT",
 *   "TCP_MISS from a204-...", "Hit from cloudfront", "cp5018 hit/7"). `order` says which end is nearest the browser.
 * - 'cache-status': RFC 9211 Cache-Status (structured list).
 * - 'server-timing': the `desc` of a named Server-Timing metric (Akamai mPulse `cdn-cache; desc=HIT`).
 * - 'varnish-xid': X-Varnish with two transaction ids means a hit, one id a miss.
 * - 'server-timing-name': the first Server-Timing metric whose name is in the table (CloudFront `cdn-cache-hit`).
 */
export interface StatusSource {
  header: string;
  style: 'list' | 'cache-status' | 'server-timing' | 'varnish-xid' | 'server-timing-name';
  table?: StatusTable;
  order?: 'nearest-first' | 'nearest-last';
  /** For 'server-timing': the metric name. */
  metric?: string;
  /** Adds tiers further from the browser to an earlier source instead of replacing it (Akamai X-Cache-Remote). */
  inner?: boolean;
  /**
   * For 'list': only entries in this provider's own format are its tiers. X-Cache is written by many caches; an
   * origin's "X-Cache: HIT" that a CDN passed through is not that CDN's status.
   */
  own?: RegExp;
  ref: string;
}

/** Where the edge location is written: first capture group of `pattern` on the chosen field entry. */
export interface PopRule {
  header: string;
  pattern: RegExp;
  /** Which comma-separated entry to read: the last one is nearest the browser for Fastly's X-Served-By; 'all' reads every line joined. */
  entry?: 'first' | 'last' | 'whole' | 'all';
  ref: string;
}

export interface Provider {
  id: string;
  name: string;
  kind: 'cdn' | 'self-hosted';
  /** Main vendor documentation page. */
  link: string;
  signatures: Signature[];
  status: StatusSource[];
  pop: PopRule[];
  /**
   * Only over https: over plain http the same fields may come from the user's own forward proxy (a cache on the
   * user's side, not the site's), which cannot write into an https response without intercepting TLS.
   */
  httpsOnly?: boolean;
}

// ------------------------------------------------------------------ status tables

/** https://developers.cloudflare.com/cache/concepts/cache-responses/ */
const CLOUDFLARE_STATUS: StatusTable = {
  HIT: 'hit',
  MISS: 'miss',
  EXPIRED: 'expired',
  STALE: 'stale',
  UPDATING: 'stale', // served stale while the edge fetches a new copy
  REVALIDATED: 'revalidated',
  BYPASS: 'bypass',
  DYNAMIC: 'dynamic',
  NONE: 'unknown',
  UNKNOWN: 'unknown',
};

/** https://www.fastly.com/documentation/reference/http/http-headers/X-Cache/ (and fastly_info.state values). */
const FASTLY_STATUS: StatusTable = {
  HIT: 'hit',
  MISS: 'miss',
  PASS: 'bypass',
  'HIT-STALE': 'stale',
  'HIT-SYNTH': 'hit',
  'HIT-WAIT': 'hit',
  'HIT-CLUSTER': 'hit',
  'MISS-CLUSTER': 'miss',
  'PASS-CLUSTER': 'bypass',
};

/** https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html (x-edge-result-type). */
const CLOUDFRONT_STATUS: StatusTable = {
  HIT: 'hit',
  MISS: 'miss',
  REFRESHHIT: 'revalidated',
  ERROR: 'unknown',
  REDIRECT: 'dynamic',
  LAMBDAGENERATEDRESPONSE: 'dynamic',
  FUNCTIONGENERATEDRESPONSE: 'dynamic',
  LIMITEXCEEDED: 'unknown',
  CAPACITYEXCEEDED: 'unknown',
};

/**
 * Squid-style result codes: Akamai X-Cache (https://techdocs.akamai.com/edge-diagnostics/docs/pragma-headers),
 * Alibaba Cloud X-Cache, Azure CDN / Front Door X-Cache (https://learn.microsoft.com/azure/cdn/cdn-msft-http-debug-headers),
 * Edgecast X-Cache.
 */
const SQUID_STATUS: StatusTable = {
  HIT: 'hit',
  MISS: 'miss',
  TCP_HIT: 'hit',
  TCP_MEM_HIT: 'hit',
  TCP_IMS_HIT: 'hit',
  TCP_NEGATIVE_HIT: 'hit',
  TCP_REMOTE_HIT: 'hit',
  TCP_PARTIAL_HIT: 'hit',
  TCP_MISS: 'miss',
  TCP_REMOTE_MISS: 'miss',
  TCP_PARTIAL_MISS: 'miss',
  TCP_REFRESH_HIT: 'revalidated',
  TCP_REFRESH_MISS: 'expired',
  TCP_REFRESH_FAIL_HIT: 'stale',
  TCP_EXPIRED_HIT: 'revalidated',
  TCP_EXPIRED_MISS: 'expired',
  TCP_CLIENT_REFRESH_MISS: 'bypass',
  TCP_COOKIE_DENY: 'bypass',
  TCP_DENIED: 'unknown',
  CONFIG_NOCACHE: 'bypass',
  UNCACHEABLE: 'dynamic',
  PRIVATE_NOSTORE: 'bypass',
  NONE: 'unknown',
};

/** https://techdocs.akamai.com/property-mgr/docs/return-cache-status ("{status} from child[, {status} from parent]"). */
const AKAMAI_CACHE_STATUS: StatusTable = {
  HIT: 'hit',
  MISS: 'miss',
  REFRESHHIT: 'revalidated',
  HITSTALE: 'stale',
  CONSTRUCTED: 'dynamic',
  REDIRECT: 'dynamic',
  ERROR: 'unknown',
};

/** mPulse Server-Timing cdn-cache desc (https://support.speedcurve.com/docs/collecting-custom-data-from-your-cdn). */
const HIT_MISS: StatusTable = { HIT: 'hit', MISS: 'miss', REFRESH_HIT: 'revalidated', REVALIDATE: 'revalidated', STALE: 'stale' };

/**
 * https://vercel.com/docs/caching/cache-status : REVALIDATED means the entry was invalidated (tag purge) and fetched
 * again in the foreground, not an HTTP 304 revalidation; PRERENDER serves a prerendered copy from the edge.
 */
const VERCEL_STATUS: StatusTable = {
  HIT: 'hit',
  MISS: 'miss',
  STALE: 'stale',
  BYPASS: 'bypass',
  PRERENDER: 'hit',
  REVALIDATED: 'expired',
};

/** https://nginx.org/en/docs/http/ngx_http_upstream_module.html#var_upstream_cache_status */
const NGINX_STATUS: StatusTable = {
  HIT: 'hit',
  MISS: 'miss',
  BYPASS: 'bypass',
  EXPIRED: 'expired',
  STALE: 'stale',
  UPDATING: 'stale',
  REVALIDATED: 'revalidated',
};

/** Generic HIT/MISS style used by Bunny (CDN-Cache), Sucuri, KeyCDN, CDN77, EdgeOne and others. */
const SIMPLE_STATUS: StatusTable = {
  HIT: 'hit',
  MISS: 'miss',
  EXPIRED: 'expired',
  STALE: 'stale',
  UPDATING: 'stale',
  BYPASS: 'bypass',
  PASS: 'bypass',
  REVALIDATED: 'revalidated',
  REFRESHHIT: 'revalidated',
  DYNAMIC: 'dynamic',
};

/** Wikimedia's ATS/Varnish X-Cache-Status (https://wikitech.wikimedia.org/wiki/Caching_overview). */
const WIKIMEDIA_STATUS: StatusTable = {
  'HIT-FRONT': 'hit',
  'HIT-LOCAL': 'hit',
  'HIT-REMOTE': 'hit',
  'INT-FRONT': 'dynamic',
  'INT-LOCAL': 'dynamic',
  'INT-REMOTE': 'dynamic',
  HIT: 'hit',
  MISS: 'miss',
  PASS: 'bypass',
  INT: 'dynamic',
};

/**
 * Server names of Google's own front ends, whole values only: web search (gws), static content (sffe), API and
 * ESF front ends, GSE, Analytics (Golfe2), ad serving (cafe, xbfe) and Tag Manager. Google documents the front end
 * (https://cloud.google.com/docs/security/infrastructure/design#google-front-end-service) but not these names; they
 * are the values WebPageTest's CDN table and the shared HARs show on Google's hosts.
 */
const GOOGLE_SERVERS = /^(?:gws|sffe|ESF|GSE|Golfe2|cafe|xbfe|Google Tag Manager(?: \(scaffolding\))?)\s*$/;

const CLOUDFRONT_TIMING =
  'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/understanding-response-headers-policies.html#server-timing-header';

/** An Akamai X-Cache / X-Cache-Remote entry: "TCP_HIT from a23-45-67-89.deploy.akamaitechnologies.com (AkamaiGHost/...)". */
const AKAMAI_ENTRY = /\bfrom a[\d-]+\.deploy\.akamaitechnologies\.com\b|\(AkamaiGHost\//i;

const NGINX_TOKENS = /^\s*(HIT|MISS|BYPASS|EXPIRED|STALE|UPDATING|REVALIDATED)\s*$/i;

/** Where no vendor page documents a signature, the fact comes from WebPageTest's public CDN table (provider names and
 * the header each is looked up by; facts only, no code taken). */
const WPT_TABLE = 'https://github.com/catchpoint/WebPageTest.agent/blob/master/internal/optimization_checks.py';

/**
 * Providers known only from WebPageTest's table: [id, name, header, value pattern]. Ids are WebPageTest's names in
 * lower case. Patterns anchor at the start of the value so a word inside someone else's value never matches.
 */
const WPT_ONLY: ReadonlyArray<readonly [string, string, string, RegExp | undefined]> = [
  ['airee', 'Airee', 'server', /^Airee/i],
  ['aryaka', 'Aryaka', 'x-ar-debug', undefined],
  ['azion', 'Azion', 'server', /^Azion\b/i],
  ['baleen', 'Baleen', 'bln-version', undefined],
  ['belugacdn', 'BelugaCDN', 'x-beluga-cache-status', undefined],
  ['belugacdn', 'BelugaCDN', 'server', /^Beluga/i],
  ['caspowa', 'Caspowa', 'server', /^Caspowa/i],
  ['chinanetcenter', 'ChinaNetCenter (Wangsu)', 'x-cache', /\bcache\.51cdn\.com\b/i],
  ['erstream', 'Erstream', 'server', /^ersRV/i],
  ['gocache', 'GoCache', 'server', /^gocache/i],
  ['hiberniacdn', 'HiberniaCDN', 'server', /^hiberniacdn/i],
  ['hosting4cdn', 'Hosting4CDN', 'x-cdn', /^H4CDN/i],
  ['imageengine', 'ImageEngine', 'server', /^ScientiaMobile ImageEngine/i],
  ['leaseweb', 'LeaseWeb CDN', 'server', /^leasewebcdn/i],
  ['medianova', 'Medianova', 'server', /^MNCDN/i],
  ['merlincdn', 'MerlinCDN', 'server', /^MerlinCDN/i],
  ['myra', 'Myra Security CDN', 'server', /^myracloud/i],
  ['naver', 'Naver', 'server', /^Testa\//],
  ['ngenix', 'NGENIX', 'x-ngenix-cache', undefined],
  ['noc-org', 'NOC.org', 'server', /^noc\.org\/cdn/i],
  ['nyi-ftw', 'NYI FTW', 'x-powered-by', /^NYI FTW/i],
  ['nyi-ftw', 'NYI FTW', 'x-delivered-by', /^NYI FTW/i],
  ['optimal-cdn', 'Optimal CDN', 'server', /^Optimal CDN/i],
  ['ovh', 'OVH CDN', 'x-cdn-geo', undefined],
  ['ovh', 'OVH CDN', 'x-cdn-pop', undefined],
  ['pagecdn', 'PageCDN', 'x-cdn', /^PageCDN/i],
  ['pushr', 'PUSHR', 'via', /\bPUSHR\b/i],
  ['quic-cloud', 'QUIC.cloud', 'x-qc-pop', undefined],
  ['resrc', 'ReSRC.it', 'server', /^ReSRC/i],
  ['rev-software', 'Rev Software', 'via', /\bRev-Cache\b/i],
  ['rev-software', 'Rev Software', 'x-rev-cache', undefined],
  ['roast-io', 'Roast.io', 'server', /^Roast\.io/i],
  ['rocket-cdn', 'Rocket CDN', 'x-rocket-node', undefined],
  ['swiftycdn', 'SwiftyCDN', 'x-cdn', /^SwiftyCDN/i],
  ['singular-cdn', 'Singular CDN', 'server', /^SingularCDN/i],
  ['sirv', 'Sirv CDN', 'x-sirv-server', undefined],
  ['surge', 'Surge', 'server', /^SurgeCDN/i],
  ['unicorncdn', 'UnicornCDN', 'server', /^UnicornCDN/i],
  ['wp-compress', 'WP Compress', 'server', /^WPCompress/i],
  ['xlabs', 'XLabs Security', 'x-cdn', /^XLabs Security/i],
  ['baidu', 'Baidu Yunjiasu', 'server', /^yunjiasu/i],
  ['zenedge', 'Zenedge', 'x-cdn', /^Zenedge/i],
  ['zycada', 'Zycada Networks', 'zy-server', undefined],
];

/** One provider per id from WPT_ONLY (a provider looked up by two headers gets two signatures). */
function wptProviders(): Provider[] {
  const byId = new Map<string, Provider>();
  for (const [id, name, header, pattern] of WPT_ONLY) {
    let p = byId.get(id);
    if (!p) {
      p = { id, name, kind: 'cdn', link: WPT_TABLE, signatures: [], status: [], pop: [] };
      byId.set(id, p);
    }
    p.signatures.push({ all: [pattern ? { header, pattern } : { header }], ref: `${WPT_TABLE} (${name}: ${header})` });
  }
  return [...byId.values()];
}

// ------------------------------------------------------------------ providers
// Order matters only as the last tie-break between stacked CDNs: providers usually put in front of others first.

export const PROVIDERS: readonly Provider[] = [
  {
    id: 'cloudflare',
    name: 'Cloudflare',
    kind: 'cdn',
    link: 'https://developers.cloudflare.com/cache/concepts/cache-responses/',
    signatures: [
      {
        all: [{ header: 'cf-ray', pattern: /^[0-9a-f]{8,32}(?:-[A-Z]{3,4})?$/i }],
        ref: 'https://developers.cloudflare.com/fundamentals/reference/cloudflare-ray-id/',
      },
      { all: [{ header: 'cf-cache-status' }], ref: 'https://developers.cloudflare.com/cache/concepts/cache-responses/' },
      {
        all: [{ header: 'server', pattern: /^cloudflare(?:-nginx)?$/i }],
        ref: 'https://developers.cloudflare.com/fundamentals/reference/http-headers/',
      },
    ],
    status: [
      {
        header: 'cf-cache-status',
        style: 'list',
        table: CLOUDFLARE_STATUS,
        order: 'nearest-last',
        ref: 'https://developers.cloudflare.com/cache/concepts/cache-responses/',
      },
    ],
    pop: [
      {
        header: 'cf-ray',
        pattern: /-([A-Z]{3,4})$/i,
        entry: 'whole',
        ref: 'https://developers.cloudflare.com/fundamentals/reference/cloudflare-ray-id/',
      },
    ],
  },
  {
    id: 'imperva',
    name: 'Imperva (Incapsula)',
    kind: 'cdn',
    link: 'https://docs.imperva.com/bundle/cloud-application-security/page/settings/xray-debug-headers.htm',
    signatures: [
      {
        all: [{ header: 'x-iinfo' }],
        ref: 'https://docs.imperva.com/bundle/cloud-application-security/page/settings/xray-debug-headers.htm',
      },
      {
        all: [{ header: 'x-cdn', pattern: /^(Imperva|Incapsula)/i }],
        ref: 'https://docs.imperva.com/bundle/cloud-application-security/page/settings/xray-debug-headers.htm',
      },
      {
        all: [{ header: 'set-cookie', pattern: /(?:^|,\s*)(?:visid_incap_|incap_ses_)\d+/, needle: 'incap_' }],
        ref: 'https://docs.imperva.com/bundle/cloud-application-security/page/cookies-used.htm',
      },
    ],
    status: [],
    pop: [],
  },
  {
    id: 'sucuri',
    name: 'Sucuri',
    kind: 'cdn',
    link: 'https://docs.sucuri.net/website-firewall/performance/caching-options/',
    signatures: [
      {
        all: [{ header: 'x-sucuri-id' }],
        ref: 'https://docs.sucuri.net/website-firewall/troubleshooting/bypassing-the-firewall-for-testing/',
      },
      { all: [{ header: 'x-sucuri-cache' }], ref: 'https://docs.sucuri.net/website-firewall/performance/caching-options/' },
      { all: [{ header: 'server', pattern: /^Sucuri\/Cloudproxy/i }], ref: 'https://docs.sucuri.net/website-firewall/' },
    ],
    status: [
      {
        header: 'x-sucuri-cache',
        style: 'list',
        table: SIMPLE_STATUS,
        order: 'nearest-last',
        ref: 'https://docs.sucuri.net/website-firewall/performance/caching-options/',
      },
    ],
    pop: [],
  },
  {
    id: 'akamai',
    name: 'Akamai',
    kind: 'cdn',
    link: 'https://techdocs.akamai.com/edge-diagnostics/docs/pragma-headers',
    signatures: [
      {
        all: [{ header: 'x-cache', pattern: /akamaitechnologies\.com|AkamaiGHost/i }],
        ref: 'https://techdocs.akamai.com/edge-diagnostics/docs/pragma-headers',
      },
      {
        all: [{ header: 'x-cache-remote', pattern: /akamaitechnologies\.com|AkamaiGHost/i }],
        ref: 'https://techdocs.akamai.com/edge-diagnostics/docs/pragma-headers',
      },
      { all: [{ header: 'akamai-cache-status' }], ref: 'https://techdocs.akamai.com/property-mgr/docs/return-cache-status' },
      { all: [{ header: 'akamai-grn' }], ref: 'https://techdocs.akamai.com/property-mgr/reference/latest-global-request-number' },
      // X-Akamai-Request-ID, -Staging (pragma-headers), -Transformed (Image Manager), -Http2-Push (server push), ...
      { all: [{ header: 'x-akamai-', prefix: true }], ref: 'https://techdocs.akamai.com/edge-diagnostics/docs/pragma-headers' },
      { all: [{ header: 'server', pattern: /^(AkamaiGHost|AkamaiNetStorage)\b/i }], ref: 'https://techdocs.akamai.com/netstorage/docs' },
      // Image and Video Manager / Resource Optimizer answer with their own product name.
      {
        all: [{ header: 'server', pattern: /^Akamai (?:Image Manager|Resource Optimizer)\s*$/i }],
        ref: 'https://techdocs.akamai.com/ivm/docs/test-images-on-demand',
      },
      // Akamai's own Server-Timing metrics (ak_p, akam*): a metric name, never a word inside another provider's desc.
      {
        all: [{ header: 'server-timing', pattern: /(?:^|,)\s*(?:ak_p|akam[a-z0-9_-]*)\s*(?:;|,|$)/i }],
        ref: 'https://techdocs.akamai.com/property-mgr/docs/server-timing-header',
      },
      {
        // mPulse pair: both metrics must be there, a lone "cache" or "edge" metric is someone else's.
        all: [
          { header: 'server-timing', pattern: /(?:^|,)\s*cdn-cache\s*;\s*desc\s*=/i },
          { header: 'server-timing', pattern: /(?:^|,)\s*edge\s*;\s*dur\s*=/i },
        ],
        ref: 'https://techdocs.akamai.com/property-mgr/docs/server-timing-header',
      },
    ],
    status: [
      {
        header: 'akamai-cache-status',
        style: 'list',
        table: AKAMAI_CACHE_STATUS,
        order: 'nearest-first',
        ref: 'https://techdocs.akamai.com/property-mgr/docs/return-cache-status',
      },
      {
        header: 'x-cache',
        style: 'list',
        table: SQUID_STATUS,
        order: 'nearest-first',
        own: AKAMAI_ENTRY,
        ref: 'https://techdocs.akamai.com/edge-diagnostics/docs/pragma-headers',
      },
      {
        header: 'x-cache-remote',
        style: 'list',
        table: SQUID_STATUS,
        order: 'nearest-first',
        inner: true,
        own: AKAMAI_ENTRY,
        ref: 'https://techdocs.akamai.com/edge-diagnostics/docs/pragma-headers',
      },
      {
        header: 'server-timing',
        style: 'server-timing',
        metric: 'cdn-cache',
        table: HIT_MISS,
        ref: 'https://techdocs.akamai.com/property-mgr/docs/server-timing-header',
      },
    ],
    pop: [],
  },
  {
    id: 'cloudfront',
    name: 'Amazon CloudFront',
    kind: 'cdn',
    link: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/understanding-response-headers-policies.html',
    signatures: [
      {
        all: [{ header: 'x-amz-cf-id' }],
        ref: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html',
      },
      {
        all: [{ header: 'x-amz-cf-pop' }],
        ref: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html',
      },
      {
        all: [{ header: 'via', pattern: /\.cloudfront\.net \(CloudFront\)/i }],
        ref: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html',
      },
      {
        all: [{ header: 'x-cache', pattern: /\bfrom cloudfront\b/i }],
        ref: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-502-bad-gateway.html',
      },
      {
        all: [{ header: 'server', pattern: /^CloudFront$/i }],
        ref: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/troubleshooting-response-errors.html',
      },
      // Server-Timing from a response headers policy: cdn-pop / cdn-rid metrics (a metric name, not a word in a desc).
      { all: [{ header: 'server-timing', pattern: /(?:^|,)\s*cdn-(?:pop|rid)\s*;\s*desc=/i }], ref: CLOUDFRONT_TIMING },
    ],
    status: [
      {
        header: 'x-cache',
        style: 'list',
        table: CLOUDFRONT_STATUS,
        order: 'nearest-last',
        own: / from cloudfront\s*$/i,
        ref: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html',
      },
      {
        header: 'server-timing',
        style: 'server-timing-name',
        table: { 'CDN-CACHE-HIT': 'hit', 'CDN-CACHE-MISS': 'miss', 'CDN-CACHE-REFRESH': 'revalidated' },
        ref: CLOUDFRONT_TIMING,
      },
    ],
    pop: [
      {
        header: 'x-amz-cf-pop',
        pattern: /^([A-Z0-9-]{3,20})$/i,
        entry: 'last',
        ref: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html',
      },
      // The same edge id when only the Server-Timing policy is on: cdn-pop;desc="PHX50-C2".
      { header: 'server-timing', pattern: /(?:^|,)\s*cdn-pop\s*;\s*desc="?([A-Z0-9-]{3,20})"?/i, entry: 'all', ref: CLOUDFRONT_TIMING },
    ],
  },
  {
    id: 'fastly',
    name: 'Fastly',
    kind: 'cdn',
    link: 'https://www.fastly.com/documentation/reference/http/http-headers/X-Cache/',
    signatures: [
      // Fastly's X-Served-By entries are cache-<pop><node>-<POP>; an opaque hash (GitHub's app servers) is not Fastly.
      {
        all: [{ header: 'x-served-by', pattern: /(?:^|,\s*)cache-[a-z0-9-]+-[A-Z]{3}\b/ }],
        ref: 'https://www.fastly.com/documentation/reference/http/http-headers/X-Served-By/',
      },
      { all: [{ header: 'x-fastly-request-id' }], ref: 'https://www.fastly.com/documentation/reference/http/http-headers/' },
      { all: [{ header: 'fastly-debug-digest' }], ref: 'https://www.fastly.com/documentation/reference/http/http-headers/Fastly-Debug/' },
      { all: [{ header: 'fastly-restarts' }], ref: 'https://www.fastly.com/documentation/reference/http/http-headers/' },
      {
        all: [{ header: 'fastly-debug-path' }],
        ref: 'https://www.fastly.com/documentation/reference/http/http-headers/Fastly-Debug-Path/',
      },
      { all: [{ header: 'fastly-debug-ttl' }], ref: 'https://www.fastly.com/documentation/reference/http/http-headers/Fastly-Debug-TTL/' },
      // Fastly's Server-Timing metrics are named fastly* (WebPageTest's table looks Fastly up by it); a metric name only.
      {
        all: [{ header: 'server-timing', pattern: /(?:^|,)\s*fastly[a-z0-9_-]*\s*(?:;|,|$)/i }],
        ref: 'https://www.fastly.com/documentation/reference/http/http-headers/',
      },
      // Not X-Timer plus "Via: 1.1 varnish": other Varnish fleets write the same pair (platform.twitter.com in
      // PerfCascade's wpt_h2_www.nghttp2.org.har: X-Served-By mtc-tw-iad2-5-TWIAD2, Twitter's own address). The pair
      // is a Varnish habit, not proof of Fastly; X-Served-By in Fastly's node format is.
    ],
    status: [
      {
        header: 'x-cache',
        style: 'list',
        table: FASTLY_STATUS,
        order: 'nearest-last',
        ref: 'https://www.fastly.com/documentation/reference/http/http-headers/X-Cache/',
      },
    ],
    pop: [
      {
        header: 'x-served-by',
        pattern: /-([A-Z]{3})$/,
        entry: 'last',
        ref: 'https://www.fastly.com/documentation/reference/http/http-headers/X-Served-By/',
      },
    ],
  },
  {
    id: 'azure',
    name: 'Azure Front Door / Azure CDN',
    kind: 'cdn',
    link: 'https://learn.microsoft.com/azure/frontdoor/front-door-http-headers-protocol',
    signatures: [
      { all: [{ header: 'x-azure-ref' }], ref: 'https://learn.microsoft.com/azure/frontdoor/front-door-http-headers-protocol' },
      {
        all: [{ header: 'x-azure-ref-originshield' }],
        ref: 'https://learn.microsoft.com/azure/frontdoor/front-door-http-headers-protocol',
      },
      { all: [{ header: 'x-msedge-ref' }], ref: 'https://learn.microsoft.com/azure/frontdoor/front-door-http-headers-protocol' },
      { all: [{ header: 'x-fd-int-roxy-purgeid' }], ref: 'https://learn.microsoft.com/azure/frontdoor/front-door-http-headers-protocol' },
    ],
    status: [
      {
        header: 'x-cache',
        style: 'list',
        table: SQUID_STATUS,
        order: 'nearest-last',
        own: /^(?:TCP_[A-Z_]+|PRIVATE_NOSTORE|CONFIG_NOCACHE|UNCACHEABLE|N\/A)\s*$/,
        ref: 'https://learn.microsoft.com/azure/cdn/cdn-msft-http-debug-headers',
      },
    ],
    pop: [
      {
        header: 'x-msedge-ref',
        pattern: /Ref B:\s*([A-Z0-9]+)/i,
        entry: 'whole',
        ref: 'https://learn.microsoft.com/azure/frontdoor/front-door-http-headers-protocol',
      },
    ],
  },
  {
    id: 'google',
    name: 'Google Cloud CDN / Google Front End',
    kind: 'cdn',
    link: 'https://cloud.google.com/cdn/docs/caching',
    signatures: [
      {
        all: [{ header: 'via', pattern: /(?:^|,\s*)1\.1 google(?:\s*$|\s*,)/i }],
        ref: 'https://cloud.google.com/load-balancing/docs/https#target-proxies',
      },
      {
        all: [{ header: 'server', pattern: /^(Google Frontend|gfe)/i }],
        ref: 'https://cloud.google.com/appengine/docs/standard/reference/request-response-headers',
      },
      // The Google Front End terminates every Google service; each front-end product names itself in Server.
      {
        all: [{ header: 'server', pattern: GOOGLE_SERVERS }],
        ref: 'https://cloud.google.com/docs/security/infrastructure/design#google-front-end-service',
      },
    ],
    status: [],
    pop: [],
  },
  {
    id: 'bunny',
    name: 'Bunny CDN',
    kind: 'cdn',
    link: 'https://docs.bunny.net/cdn/troubleshooting/run-traceroute',
    signatures: [
      { all: [{ header: 'server', pattern: /^BunnyCDN/i }], ref: 'https://docs.bunny.net/cdn/troubleshooting/run-traceroute' },
      { all: [{ header: 'cdn-pullzone' }], ref: 'https://docs.bunny.net/docs/cdn-response-headers' },
      { all: [{ header: 'cdn-requestid' }, { header: 'cdn-cache' }], ref: 'https://docs.bunny.net/docs/cdn-response-headers' },
    ],
    status: [
      {
        header: 'cdn-cache',
        style: 'list',
        table: SIMPLE_STATUS,
        order: 'nearest-last',
        ref: 'https://docs.bunny.net/docs/cdn-response-headers',
      },
    ],
    pop: [
      {
        header: 'server',
        pattern: /^BunnyCDN-([A-Z0-9]+)-/i,
        entry: 'whole',
        ref: 'https://docs.bunny.net/cdn/troubleshooting/run-traceroute',
      },
    ],
  },
  {
    id: 'keycdn',
    name: 'KeyCDN',
    kind: 'cdn',
    link: 'https://www.keycdn.com/support/keycdn-http-headers',
    signatures: [
      { all: [{ header: 'server', pattern: /^keycdn-engine/i }], ref: 'https://www.keycdn.com/support/keycdn-http-headers' },
      // X-Edge-Location is also CDN77's field: KeyCDN writes a four-letter code (country + city, "defr"), CDN77 a place name.
      { all: [{ header: 'x-edge-location', pattern: /^[a-z]{4}$/ }], ref: 'https://www.keycdn.com/support/keycdn-http-headers' },
    ],
    status: [
      {
        header: 'x-cache',
        style: 'list',
        table: SIMPLE_STATUS,
        order: 'nearest-last',
        ref: 'https://www.keycdn.com/support/keycdn-http-headers',
      },
    ],
    pop: [
      { header: 'x-edge-location', pattern: /^([a-z]{4})$/, entry: 'whole', ref: 'https://www.keycdn.com/support/keycdn-http-headers' },
    ],
  },
  {
    id: 'cdn77',
    name: 'CDN77',
    kind: 'cdn',
    link: 'https://client.cdn77.com/support/knowledgebase/cdn-resource/http-headers',
    signatures: [
      { all: [{ header: 'server', pattern: /^CDN77/i }], ref: 'https://client.cdn77.com/support/knowledgebase/cdn-resource/http-headers' },
      { all: [{ header: 'x-77-nzt' }], ref: 'https://client.cdn77.com/support/knowledgebase/cdn-resource/http-headers' },
      { all: [{ header: 'x-77-cache' }], ref: 'https://client.cdn77.com/support/knowledgebase/cdn-resource/http-headers' },
      { all: [{ header: 'x-77-pop' }], ref: 'https://client.cdn77.com/support/knowledgebase/cdn-resource/http-headers' },
      // X-Edge-IP (the edge's address) is CDN77's; WebPageTest lists the pair X-Edge-IP / X-Edge-Location as "CDN".
      { all: [{ header: 'x-edge-ip' }], ref: 'https://client.cdn77.com/support/knowledgebase/caching-http-headers/headers-added-by-cdn77' },
    ],
    status: [
      {
        header: 'x-77-cache',
        style: 'list',
        table: SIMPLE_STATUS,
        order: 'nearest-last',
        ref: 'https://client.cdn77.com/support/knowledgebase/cdn-resource/http-headers',
      },
      {
        header: 'x-cache',
        style: 'list',
        table: SIMPLE_STATUS,
        order: 'nearest-last',
        ref: 'https://client.cdn77.com/support/knowledgebase/caching-http-headers/headers-added-by-cdn77',
      },
    ],
    pop: [
      {
        header: 'x-77-pop',
        pattern: /^([A-Za-z0-9-]{2,32})$/,
        entry: 'whole',
        ref: 'https://client.cdn77.com/support/knowledgebase/cdn-resource/http-headers',
      },
    ],
  },
  {
    id: 'edgio',
    name: 'Edgio / Edgecast',
    kind: 'cdn',
    link: 'https://docs.edg.io/guides/v7/performance/response',
    signatures: [
      // Edgecast: Server "ECS (fra/D1B2)", "ECAcc (lhd/...)", "ECD (...)"
      {
        all: [{ header: 'server', pattern: /^EC(?:S|Acc|D) \([a-z]{3}\/[0-9A-F]+\)/i }],
        ref: 'https://docs.edgecast.com/cdn/Content/HTTP_and_HTTPS_Data_Delivery/Server.htm',
      },
      { all: [{ header: 'x-ec-custom-error' }], ref: 'https://docs.edgecast.com/cdn/Content/HRE/Features/Custom_Error_Pages.htm' },
      // Debug cache headers: "TCP_HIT from ECD (jfz/0FE8)" names the edge platform and its POP.
      {
        all: [{ header: 'x-ec-cache', pattern: / from EC[A-Za-z]* \([a-z]{3}\/[0-9A-F]+\)/ }],
        ref: 'https://docs.edgecast.com/pci-cdn/Content/Knowledge_Base/X_EC_Debug.htm',
      },
      // Edgio Applications (Layer0): x-0-* headers
      { all: [{ header: 'x-0-status' }], ref: 'https://docs.edg.io/guides/v7/performance/response' },
      { all: [{ header: 'x-0-t' }], ref: 'https://docs.edg.io/guides/v7/performance/response' },
      { all: [{ header: 'x-edg-mr' }], ref: 'https://docs.edg.io/guides/v7/performance/response' },
    ],
    status: [
      {
        header: 'x-ec-cache',
        style: 'list',
        table: SQUID_STATUS,
        order: 'nearest-first',
        ref: 'https://docs.edgecast.com/pci-cdn/Content/Knowledge_Base/X_EC_Debug.htm',
      },
      {
        header: 'x-ec-cache-remote',
        style: 'list',
        table: SQUID_STATUS,
        order: 'nearest-first',
        inner: true,
        ref: 'https://docs.edgecast.com/pci-cdn/Content/Knowledge_Base/X_EC_Debug.htm',
      },
      {
        header: 'x-cache',
        style: 'list',
        table: SQUID_STATUS,
        order: 'nearest-last',
        ref: 'https://docs.edgecast.com/cdn/Content/Knowledge_Base/X-EC-Debug.htm',
      },
    ],
    pop: [
      // The edge that answered: X-EC-Cache when debug headers were asked for, else the Server token.
      {
        header: 'x-ec-cache',
        pattern: / \(([a-z]{3})\/[0-9A-F]+\)/,
        entry: 'whole',
        ref: 'https://docs.edgecast.com/pci-cdn/Content/Knowledge_Base/X_EC_Debug.htm',
      },
      {
        header: 'server',
        pattern: /^EC(?:S|Acc|D) \(([a-z]{3})\//i,
        entry: 'whole',
        ref: 'https://docs.edgecast.com/cdn/Content/HTTP_and_HTTPS_Data_Delivery/Server.htm',
      },
    ],
  },
  {
    id: 'alibaba',
    name: 'Alibaba Cloud CDN',
    kind: 'cdn',
    link: 'https://www.alibabacloud.com/help/en/cdn/user-guide/http-headers',
    signatures: [
      { all: [{ header: 'eagleid' }], ref: 'https://www.alibabacloud.com/help/en/cdn/user-guide/http-headers' },
      { all: [{ header: 'ali-swift-global-savetime' }], ref: 'https://www.alibabacloud.com/help/en/cdn/user-guide/http-headers' },
      { all: [{ header: 'x-swift-cachetime' }], ref: 'https://www.alibabacloud.com/help/en/cdn/user-guide/http-headers' },
      {
        all: [{ header: 'via', pattern: /\b(?:cache\d+\.l2[a-z]+\d+|kunlun\d+\.[a-z]+\d+)\[/i }],
        ref: 'https://www.alibabacloud.com/help/en/cdn/user-guide/http-headers',
      },
    ],
    status: [
      {
        header: 'x-cache',
        style: 'list',
        table: SQUID_STATUS,
        order: 'nearest-last',
        ref: 'https://www.alibabacloud.com/help/en/cdn/user-guide/http-headers',
      },
    ],
    pop: [],
  },
  {
    id: 'tencent',
    name: 'Tencent Cloud EdgeOne / CDN',
    kind: 'cdn',
    link: 'https://www.tencentcloud.com/document/product/1145/54212',
    signatures: [
      { all: [{ header: 'eo-log-uuid' }], ref: 'https://www.tencentcloud.com/document/product/1145/54212' },
      { all: [{ header: 'eo-cache-status' }], ref: 'https://www.tencentcloud.com/document/product/1145/54212' },
      { all: [{ header: 'server', pattern: /^TencentEdgeOne/i }], ref: 'https://www.tencentcloud.com/document/product/1145/54212' },
      { all: [{ header: 'x-nws-log-uuid' }], ref: 'https://www.tencentcloud.com/document/product/228' },
    ],
    status: [
      {
        header: 'eo-cache-status',
        style: 'list',
        table: SIMPLE_STATUS,
        order: 'nearest-last',
        ref: 'https://www.tencentcloud.com/document/product/1145/54212',
      },
      {
        header: 'x-cache-lookup',
        style: 'list',
        table: { 'CACHE HIT': 'hit', 'CACHE MISS': 'miss', HIT: 'hit', MISS: 'miss' },
        order: 'nearest-last',
        ref: 'https://www.tencentcloud.com/document/product/228',
      },
    ],
    pop: [],
  },
  {
    id: 'vercel',
    name: 'Vercel',
    kind: 'cdn',
    link: 'https://vercel.com/docs/caching/cache-status',
    signatures: [
      { all: [{ header: 'x-vercel-id' }], ref: 'https://vercel.com/docs/headers/response-headers#x-vercel-id' },
      { all: [{ header: 'x-vercel-cache' }], ref: 'https://vercel.com/docs/headers/response-headers#x-vercel-cache' },
      { all: [{ header: 'server', pattern: /^Vercel$/i }], ref: 'https://vercel.com/docs/headers/response-headers#server' },
      // Before the rename (ZEIT Now) the edge answered "Server: now".
      { all: [{ header: 'server', pattern: /^now$/i }], ref: 'https://vercel.com/blog/zeit-is-now-vercel' },
    ],
    status: [
      {
        header: 'x-vercel-cache',
        style: 'list',
        table: VERCEL_STATUS,
        order: 'nearest-last',
        ref: 'https://vercel.com/docs/caching/cache-status',
      },
    ],
    pop: [
      {
        header: 'x-vercel-id',
        pattern: /^([a-z]{3}\d+)::/i,
        entry: 'whole',
        ref: 'https://vercel.com/docs/headers/response-headers#x-vercel-id',
      },
    ],
  },
  {
    id: 'netlify',
    name: 'Netlify',
    kind: 'cdn',
    link: 'https://docs.netlify.com/platform/caching/',
    signatures: [
      { all: [{ header: 'x-nf-request-id' }], ref: 'https://docs.netlify.com/platform/caching/' },
      { all: [{ header: 'server', pattern: /^Netlify$/i }], ref: 'https://docs.netlify.com/platform/caching/' },
      { all: [{ header: 'cache-status', pattern: /"Netlify (?:Edge|Durable)"/ }], ref: 'https://docs.netlify.com/platform/caching/' },
    ],
    status: [{ header: 'cache-status', style: 'cache-status', ref: 'https://docs.netlify.com/platform/caching/' }],
    pop: [],
  },
  {
    id: 'stackpath',
    name: 'StackPath (NetDNA / MaxCDN)',
    kind: 'cdn',
    link: 'https://www.stackpath.com/',
    signatures: [
      // NetDNA/MaxCDN edges answered "Server: NetDNA-cache/2.2"; StackPath bought NetDNA and kept the edge software.
      { all: [{ header: 'server', pattern: /^NetDNA(?:-cache)?\b/i }], ref: WPT_TABLE + ' (NetDNA: Server NetDNA)' },
      { all: [{ header: 'server', pattern: /^StackPath\b/i }], ref: 'https://www.stackpath.com/' },
    ],
    status: [{ header: 'x-cache', style: 'list', table: SIMPLE_STATUS, order: 'nearest-last', ref: WPT_TABLE }],
    pop: [],
  },
  {
    id: 'highwinds',
    name: 'Highwinds (StackPath)',
    kind: 'cdn',
    link: 'https://www.stackpath.com/',
    // X-HW: "<epoch>.<server>.<site>.<role>[,...]" per hop; no vendor page documents the site codes, so no PoP is read.
    signatures: [{ all: [{ header: 'x-hw', pattern: /^\d{9,11}\.[a-z]{2,4}\d{1,4}\./ }], ref: WPT_TABLE + ' (Highwinds: X-HW)' }],
    status: [],
    pop: [],
  },
  {
    id: 'cdnetworks',
    name: 'CDNetworks',
    kind: 'cdn',
    link: 'https://docs.cdnetworks.com/',
    // X-Px: "<result> <node>.<site>.cdngp.net" written by the CDNetworks edge.
    signatures: [{ all: [{ header: 'x-px' }], ref: WPT_TABLE + ' (CDNetworks: X-Px)' }],
    status: [],
    pop: [],
  },
  {
    id: 'section-io',
    name: 'section.io',
    kind: 'cdn',
    link: 'https://www.section.io/docs/',
    signatures: [{ all: [{ header: 'section-io-id' }], ref: WPT_TABLE + ' (section.io: section-io-id)' }],
    status: [],
    pop: [],
  },
  {
    id: 'twitter',
    name: 'Twitter / X front end',
    kind: 'cdn',
    link: 'https://developer.x.com/',
    signatures: [{ all: [{ header: 'server', pattern: /^tsa_[a-z]\s*$/ }], ref: WPT_TABLE + ' (Twitter: Server tsa_b)' }],
    status: [],
    pop: [],
  },
  {
    id: 'instart',
    name: 'Instart',
    kind: 'cdn',
    link: 'https://docs.instartlogic.com/cdn/troubleshooting-delivery-issues/response-headers/',
    signatures: [
      {
        all: [{ header: 'x-instart-request-id' }],
        ref: 'https://docs.instartlogic.com/cdn/troubleshooting-delivery-issues/response-headers/',
      },
    ],
    status: [],
    pop: [],
  },
  {
    id: 'fly',
    name: 'Fly.io',
    kind: 'cdn',
    link: 'https://fly.io/docs/networking/request-headers/',
    signatures: [
      { all: [{ header: 'server', pattern: /^Fly\/|^Fly\.io\b/i }], ref: WPT_TABLE + ' (Fly: Server Fly.io)' },
      { all: [{ header: 'fly-request-id' }], ref: 'https://fly.io/docs/networking/request-headers/' },
    ],
    status: [],
    pop: [{ header: 'fly-request-id', pattern: /-([a-z]{3})$/, entry: 'whole', ref: 'https://fly.io/docs/networking/request-headers/' }],
  },
  ...wptProviders(),
  // ---------------------------------------------------------------- self-hosted caches (only when no CDN matched)
  {
    id: 'varnish',
    name: 'Varnish Cache',
    kind: 'self-hosted',
    link: 'https://varnish-cache.org/docs/trunk/reference/vcl-var.html',
    signatures: [
      {
        all: [{ header: 'x-varnish', pattern: /^\s*\d+(?:\s+\d+)?\s*$/ }],
        ref: 'https://varnish-cache.org/docs/trunk/reference/varnishd.html',
      },
      { all: [{ header: 'via', pattern: /\bvarnish\b/i }], ref: 'https://varnish-cache.org/docs/trunk/reference/varnishd.html' },
    ],
    status: [
      {
        header: 'x-cache',
        style: 'list',
        table: SIMPLE_STATUS,
        order: 'nearest-last',
        ref: 'https://varnish-cache.org/docs/trunk/users-guide/increasing-your-hitrate.html',
      },
      { header: 'x-varnish', style: 'varnish-xid', ref: 'https://varnish-cache.org/docs/trunk/reference/varnishd.html' },
    ],
    pop: [],
  },
  {
    id: 'nginx',
    name: 'nginx proxy_cache',
    kind: 'self-hosted',
    link: 'https://nginx.org/en/docs/http/ngx_http_upstream_module.html#var_upstream_cache_status',
    signatures: ['x-cache-status', 'x-proxy-cache', 'nginx-cache', 'x-nginx-cache', 'x-cache', 'x-fastcgi-cache'].map((header) => ({
      all: [
        { header: 'server', pattern: /^(nginx|openresty|tengine)\b/i },
        { header, pattern: NGINX_TOKENS },
      ],
      ref: 'https://nginx.org/en/docs/http/ngx_http_upstream_module.html#var_upstream_cache_status',
    })),
    status: ['x-cache-status', 'x-proxy-cache', 'nginx-cache', 'x-nginx-cache', 'x-cache', 'x-fastcgi-cache'].map((header) => ({
      header,
      style: 'list' as const,
      table: NGINX_STATUS,
      order: 'nearest-last' as const,
      ref: 'https://nginx.org/en/docs/http/ngx_http_upstream_module.html#var_upstream_cache_status',
    })),
    pop: [],
  },
  {
    id: 'squid',
    name: 'Squid',
    kind: 'self-hosted',
    httpsOnly: true,
    link: 'https://wiki.squid-cache.org/SquidFaq/',
    signatures: [
      // Squid's Via comment names it: "1.1 proxy.example (squid/5.7)".
      { all: [{ header: 'via', pattern: /\(squid(?:\/[\w.]+)?\)/i }], ref: 'https://www.squid-cache.org/Doc/config/via/' },
      {
        all: [{ header: 'server', pattern: /^squid(?:\/|\s*$)/i }],
        ref: 'https://www.squid-cache.org/Doc/config/httpd_suppress_version_string/',
      },
      // X-Cache / X-Cache-Lookup: "HIT from <host>" (Squid's own pair of fields).
      { all: [{ header: 'x-cache-lookup', pattern: /^(?:HIT|MISS|NONE) from \S+/ }], ref: 'https://wiki.squid-cache.org/SquidFaq/' },
    ],
    status: [
      { header: 'x-cache', style: 'list', table: SQUID_STATUS, order: 'nearest-last', ref: 'https://wiki.squid-cache.org/SquidFaq/' },
    ],
    pop: [],
  },
  {
    id: 'ats',
    name: 'Apache Traffic Server',
    kind: 'self-hosted',
    link: 'https://docs.trafficserver.apache.org/en/latest/appendices/faq.en.html',
    signatures: [
      {
        all: [{ header: 'server', pattern: /^ATS\/\d/i }],
        ref: 'https://docs.trafficserver.apache.org/en/latest/admin-guide/files/records.yaml.en.html#proxy-config-http-response-server-str',
      },
      {
        all: [{ header: 'via', pattern: /ApacheTrafficServer/i }],
        ref: 'https://docs.trafficserver.apache.org/en/latest/appendices/faq.en.html',
      },
    ],
    status: [
      {
        header: 'x-cache-status',
        style: 'list',
        table: WIKIMEDIA_STATUS,
        order: 'nearest-last',
        ref: 'https://wikitech.wikimedia.org/wiki/Caching_overview',
      },
      {
        header: 'x-cache',
        style: 'list',
        table: WIKIMEDIA_STATUS,
        order: 'nearest-last',
        ref: 'https://wikitech.wikimedia.org/wiki/Caching_overview',
      },
    ],
    pop: [],
  },
];

/** Applied to whichever provider matched, after its own sources: the standard RFC 9211 field. */
export const GENERIC_STATUS: readonly StatusSource[] = [
  { header: 'cache-status', style: 'cache-status', ref: 'https://www.rfc-editor.org/rfc/rfc9211' },
];

/** Header fields carrying CDN-targeted cache directives (RFC 9213 and vendor variants). */
export const CDN_CACHE_CONTROL_FIELDS: ReadonlyArray<{ header: string; ref: string }> = [
  { header: 'cdn-cache-control', ref: 'https://www.rfc-editor.org/rfc/rfc9213' },
  { header: 'cloudflare-cdn-cache-control', ref: 'https://developers.cloudflare.com/cache/concepts/cdn-cache-control/' },
  { header: 'netlify-cdn-cache-control', ref: 'https://docs.netlify.com/platform/caching/' },
  { header: 'vercel-cdn-cache-control', ref: 'https://vercel.com/docs/caching/cdn-cache#cdn-cache-control' },
  { header: 'surrogate-control', ref: 'https://www.fastly.com/documentation/reference/http/http-headers/Surrogate-Control/' },
  { header: 'edge-control', ref: 'https://techdocs.akamai.com/property-mgr/docs/know-caching' },
];

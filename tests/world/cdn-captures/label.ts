/**
 * Builds the CDN ground-truth set (captures.json) from real captures, labelling each response WITHOUT the engine:
 * nothing here imports src/. Three kinds of evidence, each written from the vendor's own documentation or a public
 * table, and deliberately simpler than the engine's table:
 *   1. a header the vendor documents as its own (HEADER_RULES, one vendor page per rule);
 *   2. the host: a name the provider owns and serves itself (HOST_RULES);
 *   3. the server address in a range the vendor publishes (IP_RULES: the vendor's own list, not the table the
 *      engine ships, which is projectdiscovery/cdncheck).
 * Stacked providers: the one owning the address wins, else the one whose header shows it answered the browser
 * (FRONT order), else the host. PoP and cache status come only from the documented field of the labelled provider.
 *
 *   npx tsx tests/world/cdn-captures/label.ts            rewrite captures.json from ../shared/fixtures/har + vendor-examples.json
 *   npx tsx tests/world/cdn-captures/label.ts --check    exit 1 when captures.json would change
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');
const shared = resolve(root, process.env.CACHE_LENS_SHARED ?? '../shared');

export type Headers = Array<[string, string]>;

export interface Label {
  cdn: string | null;
  pop: string | null;
  cacheStatus: string | null;
  /** Which evidence decided: header:<name>, host:<suffix>, ip:<vendor list>. */
  by: string[];
}

export interface Capture {
  id: string;
  source: string;
  url: string;
  ip: string | null;
  status: number;
  headers: Headers;
  label: Label;
  /** WebPageTest's own per-request CDN name (from DNS), when the HAR has one: a cross-check, never the label. */
  wpt?: string;
}

// ------------------------------------------------------------------ 1. documented headers

interface HeaderRule {
  cdn: string;
  header: string;
  /** The value must match; absent means presence is enough. */
  value?: RegExp;
  ref: string;
}

const HEADER_RULES: HeaderRule[] = [
  { cdn: 'cloudflare', header: 'cf-ray', ref: 'https://developers.cloudflare.com/fundamentals/reference/cloudflare-ray-id/' },
  { cdn: 'cloudflare', header: 'cf-cache-status', ref: 'https://developers.cloudflare.com/cache/concepts/cache-responses/' },
  {
    cdn: 'cloudflare',
    header: 'server',
    value: /^cloudflare/i,
    ref: 'https://developers.cloudflare.com/fundamentals/reference/http-headers/',
  },
  {
    cdn: 'cloudfront',
    header: 'x-amz-cf-id',
    ref: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html',
  },
  {
    cdn: 'cloudfront',
    header: 'x-amz-cf-pop',
    ref: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html',
  },
  {
    cdn: 'cloudfront',
    header: 'via',
    value: /\(CloudFront\)/,
    ref: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html',
  },
  {
    cdn: 'cloudfront',
    header: 'server-timing',
    value: /cdn-pop;desc=/,
    ref: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/understanding-response-headers-policies.html#server-timing-header',
  },
  {
    cdn: 'cloudfront',
    header: 'x-cache',
    value: / from cloudfront$/i,
    ref: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html',
  },
  {
    cdn: 'fastly',
    header: 'x-served-by',
    value: /(^|, )cache-[a-z0-9-]+-[A-Z]{3}$/,
    ref: 'https://www.fastly.com/documentation/reference/http/http-headers/X-Served-By/',
  },
  { cdn: 'fastly', header: 'x-fastly-request-id', ref: 'https://www.fastly.com/documentation/reference/http/http-headers/' },
  { cdn: 'fastly', header: 'fastly-debug-digest', ref: 'https://www.fastly.com/documentation/reference/http/http-headers/Fastly-Debug/' },
  { cdn: 'fastly', header: 'fastly-debug-ttl', ref: 'https://www.fastly.com/documentation/reference/http/http-headers/Fastly-Debug-TTL/' },
  {
    cdn: 'fastly',
    header: 'fastly-debug-path',
    ref: 'https://www.fastly.com/documentation/reference/http/http-headers/Fastly-Debug-Path/',
  },
  { cdn: 'akamai', header: 'server', value: /^Akamai/i, ref: 'https://techdocs.akamai.com/image-manager/docs/image-manager-overview' },
  {
    cdn: 'akamai',
    header: 'x-cache',
    value: /akamaitechnologies\.com/,
    ref: 'https://techdocs.akamai.com/edge-diagnostics/docs/pragma-headers',
  },
  { cdn: 'akamai', header: 'x-akamai-request-id', ref: 'https://techdocs.akamai.com/edge-diagnostics/docs/pragma-headers' },
  { cdn: 'akamai', header: 'x-akamai-transformed', ref: 'https://techdocs.akamai.com/ivm/docs/test-images-on-demand' },
  { cdn: 'akamai', header: 'x-akamai-http2-push', ref: 'https://techdocs.akamai.com/property-mgr/docs/http2-server-push' },
  { cdn: 'akamai', header: 'akamai-grn', ref: 'https://techdocs.akamai.com/property-mgr/reference/latest-global-request-number' },
  {
    cdn: 'akamai',
    header: 'server-timing',
    value: /cdn-cache; ?desc=/,
    ref: 'https://techdocs.akamai.com/property-mgr/docs/server-timing-header',
  },
  {
    cdn: 'akamai',
    header: 'server-timing',
    value: /(^|[,\n] ?)ak_p;/,
    ref: 'https://techdocs.akamai.com/property-mgr/docs/server-timing-header',
  },
  {
    cdn: 'imperva',
    header: 'x-iinfo',
    ref: 'https://docs.imperva.com/bundle/cloud-application-security/page/settings/xray-debug-headers.htm',
  },
  {
    cdn: 'imperva',
    header: 'x-cdn',
    value: /^(Incapsula|Imperva)/,
    ref: 'https://docs.imperva.com/bundle/cloud-application-security/page/settings/xray-debug-headers.htm',
  },
  { cdn: 'azure', header: 'x-msedge-ref', ref: 'https://learn.microsoft.com/azure/frontdoor/front-door-http-headers-protocol' },
  { cdn: 'azure', header: 'x-azure-ref', ref: 'https://learn.microsoft.com/azure/frontdoor/front-door-http-headers-protocol' },
  { cdn: 'keycdn', header: 'server', value: /^keycdn/i, ref: 'https://www.keycdn.com/support/keycdn-http-headers' },
  { cdn: 'keycdn', header: 'x-edge-location', value: /^[a-z]{4}$/, ref: 'https://www.keycdn.com/support/keycdn-http-headers' },
  {
    cdn: 'google',
    header: 'server',
    value: /^(gws|sffe|ESF|GSE|Golfe2|Google Frontend|gfe)$/,
    ref: 'https://cloud.google.com/docs/security/infrastructure/design#google-front-end-service',
  },
  { cdn: 'google', header: 'via', value: /^1\.1 google$/, ref: 'https://cloud.google.com/load-balancing/docs/https#target-proxies' },
  { cdn: 'highwinds', header: 'x-hw', ref: 'https://community.stackpath.com/ (Highwinds X-HW: <timestamp>.<pop code>)' },
  {
    cdn: 'edgio',
    header: 'server',
    value: /^EC(S|Acc|D) \(/,
    ref: 'https://docs.edgecast.com/cdn/Content/HTTP_and_HTTPS_Data_Delivery/Server.htm',
  },
  { cdn: 'vercel', header: 'x-vercel-id', ref: 'https://vercel.com/docs/headers/response-headers#x-vercel-id' },
  { cdn: 'netlify', header: 'x-nf-request-id', ref: 'https://docs.netlify.com/platform/caching/' },
  { cdn: 'bunny', header: 'server', value: /^BunnyCDN/, ref: 'https://docs.bunny.net/cdn/troubleshooting/run-traceroute' },
  {
    cdn: 'sucuri',
    header: 'x-sucuri-id',
    ref: 'https://docs.sucuri.net/website-firewall/troubleshooting/bypassing-the-firewall-for-testing/',
  },
  { cdn: 'twitter', header: 'server', value: /^tsa_[a-z]$/, ref: 'WebPageTest CDN table (Twitter: Server tsa_b)' },
  {
    cdn: 'edgio',
    header: 'x-ec-cache',
    value: / from EC[A-Za-z]* \([a-z]{3}\//,
    ref: 'https://docs.edgecast.com/pci-cdn/Content/Knowledge_Base/X_EC_Debug.htm',
  },
  { cdn: 'netlify', header: 'server', value: /^Netlify$/, ref: 'https://docs.netlify.com/platform/caching/' },
  { cdn: 'bunny', header: 'cdn-pullzone', ref: 'https://docs.bunny.net/docs/cdn-response-headers' },
  { cdn: 'cdn77', header: 'x-edge-ip', ref: 'https://client.cdn77.com/support/knowledgebase/caching-http-headers/headers-added-by-cdn77' },
  { cdn: 'sucuri', header: 'server', value: /^Sucuri\/Cloudproxy/, ref: 'https://docs.sucuri.net/website-firewall/' },
  {
    cdn: 'instart',
    header: 'x-instart-request-id',
    ref: 'https://docs.instartlogic.com/cdn/troubleshooting-delivery-issues/response-headers/',
  },
  { cdn: 'fly', header: 'fly-request-id', ref: 'https://fly.io/docs/networking/request-headers/' },
  { cdn: 'alibaba', header: 'eagleid', ref: 'https://www.alibabacloud.com/help/en/cdn/user-guide/http-headers' },
  { cdn: 'tencent', header: 'eo-log-uuid', ref: 'https://www.tencentcloud.com/document/product/1145/54212' },
  { cdn: 'stackpath', header: 'server', value: /^NetDNA/, ref: 'WebPageTest CDN table (NetDNA: Server NetDNA)' },
  { cdn: 'cdnetworks', header: 'x-px', ref: 'WebPageTest CDN table (CDNetworks: X-Px)' },
  { cdn: 'section-io', header: 'section-io-id', ref: 'WebPageTest CDN table (section.io: section-io-id)' },
  { cdn: 'squid', header: 'via', value: /\(squid\/[\d.]+\)/, ref: 'https://www.squid-cache.org/Doc/config/via/' },
  // Self-hosted caches (only when no CDN is labelled).
  { cdn: 'varnish', header: 'x-varnish', value: /^\d+( \d+)?$/, ref: 'https://varnish-cache.org/docs/trunk/reference/vcl-var.html' },
  { cdn: 'varnish', header: 'via', value: /varnish/i, ref: 'https://varnish-cache.org/docs/trunk/reference/varnishd.html' },
  {
    cdn: 'ats',
    header: 'server',
    value: /^ATS\//,
    ref: 'https://docs.trafficserver.apache.org/en/latest/admin-guide/files/records.yaml.en.html',
  },
  {
    cdn: 'nginx',
    header: 'x-proxy-cache',
    value: /^(HIT|MISS|BYPASS|EXPIRED|STALE|UPDATING|REVALIDATED)$/,
    ref: 'https://nginx.org/en/docs/http/ngx_http_upstream_module.html#var_upstream_cache_status',
  },
  {
    cdn: 'nginx',
    header: 'x-cache-status',
    value: /^(HIT|MISS|BYPASS|EXPIRED|STALE|UPDATING|REVALIDATED)$/,
    ref: 'https://nginx.org/en/docs/http/ngx_http_upstream_module.html#var_upstream_cache_status',
  },
];
const SELF_HOSTED = new Set(['varnish', 'nginx', 'ats', 'squid']);

/**
 * Stacked CDNs: which provider answered the browser when headers name two. A provider that rewrites or strips the
 * response (a security proxy in front of a CDN) is in front; a CDN that merely passes its origin's headers is behind.
 */
const FRONT = [
  'cloudflare',
  'imperva',
  'sucuri',
  'akamai',
  'cloudfront',
  'fastly',
  'azure',
  'google',
  'keycdn',
  'highwinds',
  'edgio',
  'vercel',
  'netlify',
  'bunny',
  'cdn77',
  'alibaba',
  'tencent',
  'instart',
  'fly',
  'stackpath',
  'cdnetworks',
  'section-io',
  'twitter',
];

// ------------------------------------------------------------------ 2. hosts the provider owns

const HOST_RULES: Array<{ cdn: string; suffixes: string[]; ref: string }> = [
  {
    cdn: 'google',
    suffixes: [
      'google.com',
      'google.se',
      'google.co.kr',
      'google.co.uk',
      'googleapis.com',
      'gstatic.com',
      'googlesyndication.com',
      'doubleclick.net',
      'google-analytics.com',
      'googletagmanager.com',
      'googletagservices.com',
      'googleadservices.com',
      '2mdn.net',
      'youtube.com',
      'ytimg.com',
      'ggpht.com',
      'googleusercontent.com',
    ],
    ref: 'https://cloud.google.com/docs/security/infrastructure/design#google-front-end-service (every Google service is served through the Google Front End)',
  },
  {
    cdn: 'cloudfront',
    suffixes: ['cloudfront.net'],
    ref: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-values-returned.html',
  },
  {
    cdn: 'akamai',
    suffixes: ['akamaihd.net', 'akamaized.net', 'akamai.net', 'edgesuite.net', 'edgekey.net'],
    ref: 'https://techdocs.akamai.com/property-mgr/docs/edge-hostnames',
  },
  { cdn: 'fastly', suffixes: ['fastly.net', 'fastlylb.net'], ref: 'https://docs.fastly.com/en/guides/working-with-domains' },
  { cdn: 'azure', suffixes: ['azureedge.net', 'azurefd.net'], ref: 'https://learn.microsoft.com/azure/frontdoor/front-door-overview' },
  { cdn: 'cloudflare', suffixes: ['cdnjs.cloudflare.com'], ref: 'https://cdnjs.com/about' },
];

// ------------------------------------------------------------------ 3. ranges the vendor publishes

/** IPv4 CIDRs copied as facts from the vendors' own lists. */
const IP_RULES: Array<{ cdn: string; cidrs: string[]; ref: string }> = [
  {
    cdn: 'cloudflare',
    cidrs: [
      '173.245.48.0/20',
      '103.21.244.0/22',
      '103.22.200.0/22',
      '103.31.4.0/22',
      '141.101.64.0/18',
      '108.162.192.0/18',
      '190.93.240.0/20',
      '188.114.96.0/20',
      '197.234.240.0/22',
      '198.41.128.0/17',
      '162.158.0.0/15',
      '104.16.0.0/13',
      '104.24.0.0/14',
      '172.64.0.0/13',
      '131.0.72.0/22',
    ],
    ref: 'https://www.cloudflare.com/ips-v4',
  },
  {
    cdn: 'fastly',
    cidrs: [
      '23.235.32.0/20',
      '43.249.72.0/22',
      '103.244.50.0/24',
      '103.245.222.0/23',
      '103.245.224.0/24',
      '104.156.80.0/20',
      '140.248.64.0/18',
      '140.248.128.0/17',
      '146.75.0.0/17',
      '151.101.0.0/16',
      '157.52.64.0/18',
      '167.82.0.0/17',
      '167.82.128.0/20',
      '167.82.160.0/20',
      '167.82.224.0/20',
      '172.111.64.0/18',
      '185.31.16.0/22',
      '199.27.72.0/21',
      '199.232.0.0/16',
    ],
    ref: 'https://api.fastly.com/public-ip-list',
  },
  {
    cdn: 'imperva',
    cidrs: [
      '199.83.128.0/21',
      '198.143.32.0/19',
      '149.126.72.0/21',
      '103.28.248.0/22',
      '45.64.64.0/22',
      '185.11.124.0/22',
      '192.230.64.0/18',
      '107.154.0.0/16',
      '45.60.0.0/16',
      '45.223.0.0/16',
      '131.125.128.0/17',
    ],
    ref: 'https://docs.imperva.com/bundle/z-kb-articles-knowledgebase/page/200627686.html (Imperva IP ranges)',
  },
];

function v4(ip: string): number | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return null;
  return ((+m[1]! << 24) >>> 0) + (+m[2]! << 16) + (+m[3]! << 8) + +m[4]!; // four non-optional groups
}

function ipOwner(ip: string | null): { cdn: string; ref: string } | null {
  const n = ip ? v4(ip) : null;
  if (n === null) return null;
  for (const rule of IP_RULES) {
    for (const cidr of rule.cidrs) {
      const [base, bits] = cidr.split('/');
      const size = 2 ** (32 - Number(bits));
      const start = v4(base!)!; // split()[0]; the table's CIDRs are IPv4
      if (n >= start && n < start + size) return { cdn: rule.cdn, ref: rule.ref };
    }
  }
  return null;
}

// ------------------------------------------------------------------ PoP and status, documented fields only

/** The field's lines, split where a recorder joined lines with a newline. */
function values(h: Headers, name: string): string[] {
  const out: string[] = [];
  for (const [n, v] of h)
    if (n.toLowerCase() === name)
      out.push(
        ...v
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      );
  return out;
}

function popOf(cdn: string, h: Headers): string | null {
  const one = (name: string) => values(h, name)[0] ?? null;
  switch (cdn) {
    case 'cloudflare': {
      const ray = one('cf-ray'); // "<hex id>-<IATA>"
      const m = ray ? /-([A-Z]{3,4})$/.exec(ray) : null;
      return m ? m[1]! : null;
    }
    case 'cloudfront': {
      const st = /cdn-pop;desc="?([A-Z0-9-]+)/.exec(values(h, 'server-timing').join(','));
      return one('x-amz-cf-pop') ?? (st ? st[1]! : null);
    }
    case 'fastly': {
      const sb = values(h, 'x-served-by')
        .join(', ')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const last = sb[sb.length - 1];
      const m = last ? /-([A-Z]{3})$/.exec(last) : null;
      return m ? m[1]! : null;
    }
    case 'keycdn':
      return one('x-edge-location');
    case 'edgio': {
      // "ECS (dcb/7EA3)" in Server, or "TCP_HIT from ECD (jfz/0FE8)" in X-EC-Cache: the three letters are the POP.
      const m = /\(([a-z]{3})\/[0-9A-F]+\)/.exec(one('x-ec-cache') ?? one('server') ?? '');
      return m ? m[1]! : null;
    }
    case 'azure': {
      const m = /Ref B: ([A-Z0-9]+)/.exec(one('x-msedge-ref') ?? '');
      return m ? m[1]! : null;
    }
    case 'fly': {
      const m = /-([a-z]{3})$/.exec(one('fly-request-id') ?? '');
      return m ? m[1]! : null;
    }
    case 'vercel': {
      const id = one('x-vercel-id');
      return id ? id.split('::')[0]! : null;
    }
    case 'bunny': {
      const m = /^BunnyCDN-([A-Z0-9]+)-/.exec(one('server') ?? '');
      return m ? m[1]! : null;
    }
    default:
      return null;
  }
}

const CF_STATUS: Record<string, string> = {
  HIT: 'hit',
  MISS: 'miss',
  EXPIRED: 'expired',
  STALE: 'stale',
  UPDATING: 'stale',
  REVALIDATED: 'revalidated',
  BYPASS: 'bypass',
  DYNAMIC: 'dynamic',
};

function statusOf(cdn: string, h: Headers): string | null {
  switch (cdn) {
    case 'cloudflare': {
      const v = (values(h, 'cf-cache-status')[0] ?? '').toUpperCase();
      return Object.prototype.hasOwnProperty.call(CF_STATUS, v) ? CF_STATUS[v]! : null;
    }
    case 'cloudfront': {
      const m = /^(Hit|Miss|RefreshHit) from cloudfront$/i.exec(values(h, 'x-cache')[0] ?? '');
      if (!m) {
        const st = /(?:^|,)cdn-cache-(hit|miss|refresh)(?:,|;|$)/.exec(values(h, 'server-timing').join(','));
        return st ? ({ hit: 'hit', miss: 'miss', refresh: 'revalidated' } as Record<string, string>)[st[1]!]! : null; // the regex allows only these three
      }
      const said = m[1]!.toLowerCase();
      return said === 'refreshhit' ? 'revalidated' : said;
    }
    case 'fastly': {
      // One entry per shielding layer, nearest the browser last; a copy served by any layer is a hit.
      const tiers = values(h, 'x-cache')
        .join(', ')
        .split(',')
        .map((s) => s.trim().toUpperCase());
      if (!tiers.length || tiers[0] === '') return null;
      if (tiers.some((t) => t.startsWith('HIT'))) return 'hit';
      if (tiers[tiers.length - 1] === 'PASS') return 'bypass';
      if (tiers.every((t) => t === 'MISS')) return 'miss';
      return null;
    }
    case 'akamai': {
      const st = values(h, 'server-timing').join(',');
      const m = /cdn-cache; ?desc=([A-Z_]+)/.exec(st);
      if (m) return ({ HIT: 'hit', MISS: 'miss', REVALIDATE: 'revalidated' } as Record<string, string>)[m[1]!] ?? null;
      const x = /^TCP_(MEM_HIT|HIT|MISS|REFRESH_HIT|REFRESH_MISS)\b/.exec(values(h, 'x-cache')[0] ?? '');
      if (x)
        return (
          { MEM_HIT: 'hit', HIT: 'hit', MISS: 'miss', REFRESH_HIT: 'revalidated', REFRESH_MISS: 'expired' } as Record<string, string>
        )[x[1]!]!; // the regex allows only these five
      return null;
    }
    case 'azure':
    case 'keycdn':
    case 'cdn77':
    case 'squid':
    case 'alibaba': {
      // First word of X-Cache: HIT/MISS, or a Squid-style code (Azure documents TCP_HIT, TCP_REMOTE_HIT, TCP_MISS,
      // PRIVATE_NOSTORE, CONFIG_NOCACHE).
      const v = (values(h, 'x-cache')[0] ?? '').toUpperCase().split(' ')[0]!;
      if (/^(TCP_)?(REMOTE_|MEM_)?HIT$/.test(v)) return 'hit';
      if (/^(TCP_)?MISS$/.test(v)) return 'miss';
      if (/^(PRIVATE_NOSTORE|CONFIG_NOCACHE)$/.test(v)) return 'bypass';
      return null;
    }
    case 'edgio': {
      const v = /^TCP_(HIT|MISS)\b/.exec(values(h, 'x-ec-cache')[0] ?? '');
      return v ? v[1]!.toLowerCase() : null;
    }
    case 'bunny':
      return ({ HIT: 'hit', MISS: 'miss' } as Record<string, string>)[(values(h, 'cdn-cache')[0] ?? '').toUpperCase()] ?? null;
    case 'tencent':
      return ({ HIT: 'hit', MISS: 'miss' } as Record<string, string>)[(values(h, 'eo-cache-status')[0] ?? '').toUpperCase()] ?? null;
    case 'sucuri':
      return ({ HIT: 'hit', MISS: 'miss' } as Record<string, string>)[(values(h, 'x-sucuri-cache')[0] ?? '').toUpperCase()] ?? null;
    case 'netlify': {
      // RFC 9211 members, origin side first; a member with the bare hit parameter served the copy.
      const members = values(h, 'cache-status')
        .join(', ')
        .split(/,(?=\s*")/);
      if (!members.length || members[0] === '') return null;
      if (members.some((m) => /;\s*hit\s*(;|$)/.test(m) && !/fwd=stale/.test(m))) return 'hit';
      if (members.every((m) => /fwd=(uri-)?miss/.test(m))) return 'miss';
      return null;
    }
    case 'ats':
    case 'varnish': {
      // Wikimedia's per-layer X-Cache ("cp1052 miss(0), cp3007 hit(10), cp3008 frontend hit(2)"), nearest layer last:
      // a copy served by any layer means the origin was not asked (https://wikitech.wikimedia.org/wiki/Caching_overview).
      const layers = values(h, 'x-cache')
        .join(', ')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => /^cp\d+ /.test(s));
      if (layers.length) {
        if (layers.some((l) => /\bhit\b/.test(l) || / hit\/\d+$/.test(l))) return 'hit';
        if (layers.every((l) => /\bmiss\b/.test(l))) return 'miss';
        return null;
      }
      const xv = values(h, 'x-varnish')[0];
      if (xv && /^\d+ \d+$/.test(xv)) return 'hit';
      if (xv && /^\d+$/.test(xv)) return 'miss';
      return null;
    }
    case 'vercel': {
      const v = (values(h, 'x-vercel-cache')[0] ?? '').toUpperCase();
      return ({ HIT: 'hit', MISS: 'miss', STALE: 'stale', BYPASS: 'bypass', PRERENDER: 'hit' } as Record<string, string>)[v] ?? null;
    }
    default:
      return null;
  }
}

// ------------------------------------------------------------------ labelling

export function label(h: Headers, url: string, ip: string | null): Label {
  const by: string[] = [];
  const found = new Set<string>();
  for (const rule of HEADER_RULES) {
    const vs = values(h, rule.header);
    if (!vs.length) continue;
    const joined = vs.join(', ');
    if (rule.value && !vs.some((v) => rule.value!.test(v)) && !rule.value.test(joined)) continue;
    if (!found.has(rule.cdn)) by.push(`header:${rule.header}`);
    found.add(rule.cdn);
  }
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    host = '';
  }
  let hostCdn: string | null = null;
  for (const rule of HOST_RULES) for (const s of rule.suffixes) if (host === s || host.endsWith('.' + s)) hostCdn = rule.cdn;
  const owner = ipOwner(ip);

  const cdns = [...found].filter((c) => !SELF_HOSTED.has(c));
  let cdn: string | null = null;
  if (owner && (cdns.includes(owner.cdn) || cdns.length === 0)) {
    cdn = owner.cdn;
    by.push(`ip:${owner.ref}`);
  } else if (cdns.length) {
    cdn = [...cdns].sort((a, b) => rank(a) - rank(b))[0]!; // cdns is not empty
  } else if (hostCdn) {
    cdn = hostCdn;
    by.push(`host:${host}`);
  } else {
    const self = [...found].filter((c) => SELF_HOSTED.has(c));
    cdn = self[0] ?? null;
  }
  return { cdn, pop: cdn ? popOf(cdn, h) : null, cacheStatus: cdn ? statusOf(cdn, h) : null, by };
}

function rank(cdn: string): number {
  const i = FRONT.indexOf(cdn);
  return i < 0 ? FRONT.length : i;
}

// ------------------------------------------------------------------ which headers are stored

/** Only what a CDN rule anywhere could read: no bodies, no cookie values, no content or security policies. */
const KEEP =
  /^(server|via|age|cache-status|server-timing|x-.*|cf-.*|akamai-.*|fastly-.*|cdn-.*|eagleid|eo-.*|ali-swift-.*|section-io-id|zy-server|bln-version|surrogate-key|set-cookie|cache-control)$/i;
const DROP =
  /^(x-frame-options|x-xss-protection|x-content-type-options|x-csrf-jwt|x-ua-compatible|x-robots-tag|x-aspnet-version|x-connection-hash|x-transaction|x-twitter-response-tags|x-li-uuid|x-fb-debug|x-request-id|x_req_id|x-uuid|x-fs-uuid)$/i;

export function keepHeaders(list: HarHeader[]): Headers {
  const out: Headers = [];
  for (const { name, value } of list) {
    if (!KEEP.test(name) || DROP.test(name)) continue;
    let v = String(value);
    // Cookie values are personal: keep the name only (a WAF's cookie name is a documented signature).
    if (/^set-cookie$/i.test(name))
      v = v
        .split('\n')
        .map((c) => c.split('=')[0]!.trim() + '=…')
        .join('\n');
    out.push([name, v.length > 300 ? v.slice(0, 300) : v]);
  }
  return out;
}

// ------------------------------------------------------------------ HAR entries

/** A header of a HAR entry: HAR 1.2 says a string value, a HAR from the wild may hold anything there. */
export interface HarHeader {
  name: string;
  value: unknown;
}

/** The fields of a HAR entry read here; each may be missing, and the loosely read ones may hold any type. */
export interface HarEntry {
  request?: { url?: unknown } | null;
  response?: { status?: unknown; headers?: HarHeader[] | null } | null;
  serverIPAddress?: unknown;
  /** WebPageTest's own fields: the address it connected to, the CDN it named from DNS. */
  _ip_addr?: unknown;
  _cdn_provider?: unknown;
}

/** String() of a field read loosely, whatever it holds. */
function text(value: unknown): string {
  return String(value);
}

/**
 * The fields of one HAR entry that a capture keeps (the URL cut to its origin), or null when no server spoke: a
 * response without a single header, or one the browser made up itself (an HSTS upgrade carries
 * Non-Authoritative-Reason), says nothing about any CDN.
 */
export function harFields(e: HarEntry): Omit<Capture, 'id' | 'source' | 'label'> | null {
  const all = e.response?.headers ?? [];
  if (!all.length || all.some((h) => /^non-authoritative-reason$/i.test(h.name))) return null;
  const headers = keepHeaders(all);
  const rawIp = (typeof e.serverIPAddress === 'string' && e.serverIPAddress) || (typeof e._ip_addr === 'string' && e._ip_addr) || null;
  const ip = rawIp ? rawIp.replace(/^\[|\]$/g, '') : null;
  let url = text(e.request?.url ?? '');
  try {
    const u = new URL(url);
    url = `${u.protocol}//${u.host}/`;
  } catch {
    /* keep as is */
  }
  const status = Number(e.response?.status ?? 0);
  const fields: Omit<Capture, 'id' | 'source' | 'label'> = { url, ip, status, headers };
  if (typeof e._cdn_provider === 'string' && e._cdn_provider) fields.wpt = e._cdn_provider;
  return fields;
}

// ------------------------------------------------------------------ main

function fromHars(): Capture[] {
  const dir = join(shared, 'fixtures', 'har');
  const out: Capture[] = [];
  const seen = new Set<string>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.har')) continue;
    const har = JSON.parse(readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, '')) as { log: { entries: HarEntry[] } };
    har.log.entries.forEach((e, i) => {
      const fields = harFields(e);
      if (!fields) return;
      const { url, ip, status, headers } = fields;
      // Exact repeats (same host, address, status and kept headers) add weight, not evidence: keep one.
      const key = JSON.stringify([url, ip, status, headers]);
      if (seen.has(key)) return;
      seen.add(key);
      const c: Capture = {
        id: `${file.replace(/\.har$/, '')}#${i}`,
        source: `shared/fixtures/har/${file}`,
        url,
        ip,
        status,
        headers,
        label: label(headers, url, ip),
      };
      if (fields.wpt !== undefined) c.wpt = fields.wpt;
      out.push(c);
    });
  }
  return out;
}

interface VendorExample {
  id: string;
  source: string;
  url?: string;
  ip?: string;
  status?: number;
  headers: Record<string, string | string[]>;
}

function fromVendorDocs(): Capture[] {
  const file = join(here, 'vendor-examples.json');
  if (!existsSync(file)) return [];
  const list = (JSON.parse(readFileSync(file, 'utf8')) as { examples: VendorExample[] }).examples;
  return list.map((x) => {
    const headers: Headers = [];
    for (const [n, v] of Object.entries(x.headers)) for (const one of Array.isArray(v) ? v : [v]) headers.push([n, one]);
    const url = x.url ?? 'https://www.example.com/';
    const ip = x.ip ?? null;
    return { id: `doc:${x.id}`, source: x.source, url, ip, status: x.status ?? 200, headers, label: label(headers, url, ip) };
  });
}

/** More public HARs, stored as extracts (collect.ts) because the HARs themselves are not beside the project. */
function fromExtracts(): Capture[] {
  const file = join(here, 'har-extracts.json');
  if (!existsSync(file)) return [];
  const list = (JSON.parse(readFileSync(file, 'utf8')) as { extracts: Array<Omit<Capture, 'label'>> }).extracts;
  return list.map((x) => ({ ...x, label: label(x.headers, x.url, x.ip) }));
}

export function build(): { format: string; note: string; captures: Capture[] } {
  return {
    format: 'cdn-captures/1',
    note: 'Generated by tests/world/cdn-captures/label.ts (labels never come from the engine). Sources and licences: SOURCES.md.',
    captures: [...fromHars(), ...fromExtracts(), ...fromVendorDocs()],
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = JSON.stringify(build(), null, 0).replace(/\{"id":/g, '\n{"id":') + '\n';
  const target = join(here, 'captures.json');
  if (process.argv.includes('--check')) {
    const same = existsSync(target) && readFileSync(target, 'utf8') === text;
    console.log(same ? 'captures.json is up to date' : 'captures.json is out of date: run label.ts');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(target, text);
  const n = (JSON.parse(text) as { captures: Capture[] }).captures;
  const by: Record<string, number> = {};
  for (const c of n) by[String(c.label.cdn)] = (by[String(c.label.cdn)] ?? 0) + 1;
  console.log(`${n.length} captures`, JSON.stringify(by));
}

/**
 * The one finding a list row names (issue 8 §4: "the Findings column names the most important finding, not a bare
 * level"), decided here once so the panel's column, the popup and the CLI's worst-offender table agree.
 *
 * Most important = the worst severity (error > warning > info > good); among findings of that severity, the one whose
 * consequence ranks first in CONSEQUENCE below (a rejected cookie before a leak before a re-download before hygiene);
 * ties keep the explanation's own order. Labels are short noun phrases for a narrow column, never internal ids.
 */
import type { Finding, Severity } from './types';
import { SEVERITY_ORDER } from './notes';

/** Short labels by exact finding id. */
const LABELS: Readonly<Record<string, string>> = {
  'no-validator': 'no validator',
  'no-cache-no-validator': 'no-cache, no validator',
  'set-cookie-shared': 'cookie in shared cache',
  'long-max-age-unversioned': 'long cache, unversioned',
  'public-private-conflict': 'public and private',
  'public-with-authorization': 'public with Authorization',
  'vary-star': 'Vary: *',
  'vary-user-agent': 'Vary: User-Agent',
  'vary-cookie': 'Vary: Cookie',
  'heuristic-freshness': 'heuristic freshness',
  'not-storable-status': 'status not cacheable',
  'no-store': 'not stored (no-store)',
  'stale-now': 'stale now',
  'clock-skew': 'clock skew',
  'date-missing': 'no Date',
  'date-invalid': 'bad Date',
  'expires-invalid': 'bad Expires',
  'expires-multiple': 'several Expires',
  'age-invalid': 'bad Age',
  'etag-malformed': 'bad ETag',
  'etag-multiple': 'several ETags',
  'last-modified-invalid': 'bad Last-Modified',
  'cacheable-with-validator': 'cacheable, validator',
  'revalidated-304': 'revalidated (304)',
  'status-hit': 'CDN hit',
  'status-miss': 'CDN miss',
  'status-stale': 'CDN served stale',
  'status-revalidated': 'CDN revalidated',
  'status-bypass': 'CDN bypass',
  'status-dynamic': 'CDN: dynamic',
  'tiered-hit': 'CDN hit (parent tier)',
  'cloudfront-error': 'CloudFront error',
  'cf-dynamic-cacheable': 'Cloudflare: not cached',
  'cache-status-invalid': 'bad Cache-Status',
  'cdn-cache-control-invalid': 'bad CDN-Cache-Control',
  'gateway-error': 'gateway error',
  'proxy-gateway-error': 'gateway error',
  'via-invalid': 'bad Via',
  'forwarded-invalid': 'bad Forwarded',
  'xff-invalid': 'bad X-Forwarded-For',
  'xff-trap': 'X-Forwarded-For trap',
  'xff-from-browser': 'X-Forwarded-For sent',
  'proto-downgrade': 'https → http hop',
  'cookie-not-secure-on-https': 'cookie without Secure',
  'cookie-session-without-httponly': 'login cookie readable',
  'cookie-samesite-invalid': 'bad SameSite',
  'cookie-expires-invalid': 'bad cookie Expires',
  'cookie-max-age-invalid': 'bad cookie Max-Age',
  'cookie-attribute-oversized': 'cookie attribute too long',
  'cookie-huge': 'huge cookie',
  'cookie-request-header-large': 'large Cookie header',
  'cookie-folded-header': 'folded Set-Cookie',
  'cookie-domain-idn': 'non-ASCII cookie Domain',
  'cookie-too-many-lines': 'too many cookies',
  'cookie-well-protected': 'cookie well protected',
  'cookie-prefix-host': '__Host- cookie',
  'cdn-identified': 'CDN named',
  'cdn-stacked': 'stacked CDNs',
  'self-hosted-cache': 'proxy cache',
  'status-expired': 'CDN: expired',
  'status-unknown': 'CDN status unknown',
  'cf-dynamic': 'Cloudflare: dynamic',
  'cf-no-status': 'Cloudflare: no status',
  'vercel-revalidated': 'Vercel revalidated',
  'imperva-opaque': 'Imperva: no status',
  'google-age-only': 'Google: Age only',
  'via-hops': 'via proxies',
  'xff-chain': 'X-Forwarded-For chain',
  'xff-echoed': 'X-Forwarded-For echoed',
  'forwarded-chain': 'Forwarded chain',
  'x-real-ip': 'X-Real-IP',
  'age-present': 'Age set',
  'etag-weak': 'weak ETag',
  'pragma-in-response': 'Pragma in response',
  'private-s-maxage': 'private with s-maxage',
  'request-no-cache': 'reload (no-cache)',
  'cookie-samesite-missing': 'no SameSite',
  'cookie-samesite-none': 'SameSite=None',
  'cookie-third-party-context': 'third-party cookie',
  'cookie-nameless': 'nameless cookie',
  'cookie-many': 'many cookies',
  'engine-error': 'Cache Lens error',
};

/** Labels by id prefix, longest first, for the families derived from reason tables. */
const PREFIX_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['cookie-not-sent-samesite-unspecified-lax', 'cookie held back (Lax default)'],
  ['cookie-rejected-expired', 'cookie deleted'],
  ['cookie-rejected-', 'cookie rejected'],
  ['cookie-not-sent-', 'cookie not sent'],
  ['cc-', 'Cache-Control syntax'],
  ['versioned-', 'versioned file'],
  ['revalidat', 'revalidated'],
  ['bypass-', 'CDN bypass'],
  ['ip-', 'server address'],
];

/**
 * Consequence ranks within one severity: lower first. Ids not listed rank after every listed one. Patterns end in
 * '-' for a family. A rejection (the browser ignored what the server sent) comes first, then possible leaks, then
 * what costs a download, then syntax the browser tolerates.
 */
const CONSEQUENCE: ReadonlyArray<string> = [
  'engine-error',
  'cookie-rejected-',
  'set-cookie-shared',
  'public-with-authorization',
  'cookie-not-secure-on-https',
  'cookie-session-without-httponly',
  'cloudfront-error',
  'proxy-gateway-error',
  'gateway-error',
  'long-max-age-unversioned',
  'no-cache-no-validator',
  'no-validator',
  'vary-star',
  'vary-user-agent',
  'cookie-not-sent-',
  'status-stale',
];

function rank(id: string): number {
  for (let i = 0; i < CONSEQUENCE.length; i++) {
    const p = CONSEQUENCE[i]!;
    if (p.endsWith('-') ? id.startsWith(p) : id === p) return i;
  }
  return CONSEQUENCE.length;
}

/** A short label for a finding id (a noun phrase for a list column; never the id itself). */
export function findingLabel(id: string): string {
  const own = Object.hasOwn(LABELS, id) ? LABELS[id] : undefined;
  if (own !== undefined) return own;
  for (const [prefix, label] of PREFIX_LABELS) if (id.startsWith(prefix)) return label;
  return id.replace(/-/g, ' ');
}

/** Severity ranks by any name: a finding handed in from outside may carry a severity of another name (ranked 9). */
const ORDER_OF: Readonly<Partial<Record<string, number>>> = SEVERITY_ORDER;

/** The finding a list row names, or null when there is none. */
export function headlineFinding(findings: readonly Finding[]): Finding | null {
  let best: Finding | null = null;
  let bestSeverity = Infinity;
  let bestRank = Infinity;
  for (const f of findings) {
    const s = ORDER_OF[f.severity] ?? 9;
    if (s > bestSeverity) continue;
    const r = rank(f.id);
    if (s < bestSeverity || r < bestRank) {
      best = f;
      bestSeverity = s;
      bestRank = r;
    }
  }
  return best;
}

/** The headline as the list shows it: severity and label, or null. */
export function headline(findings: readonly Finding[]): { id: string; severity: Severity; label: string } | null {
  const f = headlineFinding(findings);
  return f ? { id: f.id, severity: f.severity, label: findingLabel(f.id) } : null;
}

/**
 * Storability (RFC 9111 §3): may this cache kind store the response, and why (not), under a profile.
 */
import type { CacheKind } from '../explanation';
import type { ParsedCacheControl } from './parsers';
import type { ResponseFacts } from './facts';
import { PROFILES, RFC_HEURISTIC_STATUSES, UNDERSTOOD_STATUSES, type CacheProfile } from './profiles';

/** Bound once: loaded as CommonJS (tsx, from a require()), every use of an imported name is a getter call. */
const HEURISTIC_STATUSES = RFC_HEURISTIC_STATUSES;
const UNDERSTOOD = UNDERSTOOD_STATUSES;
// ---------------------------------------------------------------- storability (RFC 9111 §3)

export type StoreReason =
  | 'ok-explicit'
  | 'ok-public'
  | 'ok-private'
  | 'ok-heuristic-status'
  | 'no-response'
  | 'method'
  | 'not-final'
  | 'status-304'
  | 'request-no-store'
  | 'must-understand'
  | 'no-store'
  | 'private'
  | 'authorization'
  | 'status';

/** Plain sentences for why a response is (not) storable; `{kind}` is "browser" or "shared". */
export const STORE_WHY: Readonly<Record<StoreReason, string>> = {
  'ok-explicit': 'Storable: it carries an explicit lifetime (max-age, s-maxage or Expires).',
  'ok-public': 'Storable: public allows any cache to store it.',
  'ok-private': 'Storable: private allows the browser (and only the browser) to store it.',
  'ok-heuristic-status': 'Storable: status {status} may be cached by default (RFC 9110 §15.1).',
  'no-response': 'Nothing to store: no response arrived.',
  method:
    'Not storable: responses to {method} are not cached (only GET and HEAD, or POST with explicit freshness and a matching Content-Location).',
  'not-final': 'Not storable: {status} is an interim response.',
  'status-304': 'A 304 is not stored itself: it freshens the response the cache already holds.',
  'request-no-store': 'Not storable: the request said Cache-Control: no-store.',
  'must-understand': 'Not storable: must-understand is set and status {status} is not one caches understand.',
  'no-store': 'Not storable: Cache-Control: no-store.',
  private: 'Not storable here: private forbids shared caches (CDNs, proxies) from storing it.',
  authorization: 'Not storable here: the request carried Authorization and the response lacks public, s-maxage or must-revalidate.',
  status: 'Not storable: status {status} is not cacheable by default and nothing (max-age, Expires, public) allows it.',
};

export function hasUnqualified(cc: ParsedCacheControl, name: string): boolean {
  if (!cc.names.has(name)) return false;
  for (const d of cc.directives) if (d.name === name && (d.value === null || d.value.trim() === '')) return true;
  return false;
}

export function storability(f: ResponseFacts, kind: CacheKind, profile: CacheProfile = PROFILES.rfc): StoreReason {
  const cc = f.ccf; // f.cc's names and deltas, read once per parse
  if (f.status <= 0) return 'no-response';
  if (f.status < 200) return 'not-final';
  if (f.status === 304) return 'status-304';
  const explicit = cc.hasMaxAge || f.expires.raw !== null || (kind === 'shared' && cc.hasSMaxage);
  if (f.method !== 'GET' && f.method !== 'HEAD') {
    // RFC 9110 §9.3.3: POST responses are cacheable with explicit freshness and a Content-Location equal to the URL.
    const sameLocation = f.contentLocation !== null && resolvesTo(f.contentLocation, f.url);
    if (!(f.method === 'POST' && explicit && sameLocation)) return 'method';
  }
  if (f.reqCc.names.has('no-store')) return 'request-no-store';
  let noStore = cc.noStore;
  if (cc.mustUnderstand && profile.mustUnderstand.value) {
    if (!UNDERSTOOD.has(f.status)) return 'must-understand';
    noStore = false; // RFC 9111 §5.2.2.3: a cache that understands the status ignores no-store
  }
  if (noStore) return 'no-store';
  if (kind === 'shared' && cc.unqualifiedPrivate) return 'private';
  if (kind === 'shared' && f.hasAuthorization && !(cc.public || cc.hasSMaxage || cc.mustRevalidate)) {
    return 'authorization';
  }
  if (explicit) return 'ok-explicit';
  if (cc.public) return 'ok-public';
  if (kind === 'private' && cc.private) return 'ok-private';
  if (HEURISTIC_STATUSES.has(f.status)) return 'ok-heuristic-status';
  return 'status';
}

function resolvesTo(location: string, url: string): boolean {
  try {
    return new URL(location, url).href === new URL(url).href;
  } catch {
    return false;
  }
}

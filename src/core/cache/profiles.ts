/**
 * Browser profiles as data: how a private cache judges freshness in the RFC model, in Chromium and in Firefox.
 * The shared-cache view always follows the RFC (a CDN is not the browser). Every rule carries its source; the
 * `note` sentence is what CacheView.browserNotes says when the rule changes the outcome for a response.
 */
import type { BrowserProfile } from '../types';

export interface ProfileRule<T> {
  value: T;
  source: string;
  /** Plain sentence for browserNotes; `{...}` placeholders filled by the engine. */
  note?: string;
}

export interface CacheProfile {
  id: BrowserProfile;
  name: string;
  /** Statuses for which a Last-Modified heuristic may be used without explicit freshness. */
  heuristicStatuses: ProfileRule<ReadonlySet<number>>;
  /** Does `public` make any status heuristically cacheable? */
  heuristicWithPublic: ProfileRule<boolean>;
  /** Heuristic disabled when must-revalidate is present. */
  heuristicBlockedByMustRevalidate: ProfileRule<boolean>;
  /** The heuristic lifetime as a fraction of the time since Last-Modified. */
  heuristicFraction: ProfileRule<number>;
  /** Upper bound on heuristic lifetime (s), null for none. */
  heuristicCap: ProfileRule<number | null>;
  /** Statuses treated as fresh forever when there is no explicit freshness. */
  permanentStatuses: ProfileRule<ReadonlySet<number>>;
  /** How a response `Pragma: no-cache` is read. */
  pragmaNoCache: ProfileRule<'ignored' | 'always' | 'without-cache-control'>;
  /** Quoted delta-seconds (max-age="60") accepted. */
  acceptsQuotedDelta: ProfileRule<boolean>;
  /** Invalid max-age: 'stale' (RFC encouragement) or 'ignored' (fall through to Expires / heuristic). */
  invalidMaxAge: ProfileRule<'stale' | 'ignored'>;
  /** A delta directive given twice with different values: treat as stale (RFC option), or use the first / last. */
  duplicateDelta: ProfileRule<'stale' | 'first' | 'last'>;
  /** no-cache="field" (qualified): only those fields (RFC), or the whole response. */
  qualifiedNoCache: ProfileRule<'fields-only' | 'whole-response'>;
  /** No heuristic freshness at or above this status, whatever else says (null: no limit). */
  heuristicStatusLimit: ProfileRule<number | null>;
  /** immutable spares a fresh response from revalidation on a normal reload. */
  immutableOnReload: ProfileRule<boolean>;
  /** immutable honoured only for https responses. */
  immutableHttpsOnly: ProfileRule<boolean>;
  /** What a normal reload does. */
  reload: ProfileRule<'revalidate-main' | 'revalidate-all' | 'unspecified'>;
  /** With reload 'revalidate-main': are iframe documents revalidated like the page itself? */
  reloadValidatesFrames: ProfileRule<boolean>;

  // ---- the cache model (model.ts): how the cache answers a later request
  /** Fetch: If-* request headers in cache mode "default" make the request bypass the cache and not be stored. */
  conditionalRequestBypass: ProfileRule<boolean>;
  /** Request Cache-Control: no-cache / Pragma: no-cache: revalidate the stored response (RFC) or bypass the cache. */
  requestNoCache: ProfileRule<'revalidate' | 'bypass'>;
  /** Request Cache-Control: max-age=0: revalidate (RFC) or bypass. */
  requestMaxAgeZero: ProfileRule<'revalidate' | 'bypass'>;
  /** Request Cache-Control: no-store: answer as usual but store nothing (RFC), or bypass the cache entirely. */
  requestNoStore: ProfileRule<'rfc' | 'bypass'>;
  honoursMinFresh: ProfileRule<boolean>;
  honoursMaxStale: ProfileRule<boolean>;
  /** RFC 5861 stale-while-revalidate. */
  staleWhileRevalidate: ProfileRule<boolean>;
  /** RFC 5861 stale-if-error. */
  staleIfError: ProfileRule<boolean>;
  /** A HEAD response freshens the stored GET response (RFC 9111 §4.3.5). */
  headUpdates: ProfileRule<boolean>;
  /** Fields a 304 does not update in the stored response (lower-case; a trailing "-" is a prefix). */
  notUpdatedBy304: ProfileRule<ReadonlySet<string>>;
  /** A POST response with explicit freshness and a matching Content-Location reused for a later GET (RFC 9110 §9.3.3). */
  postReuse: ProfileRule<boolean>;
  /** 206 responses stored and combined. */
  storesPartial: ProfileRule<boolean>;
  /** Statuses never reused whatever their freshness (the browser does not store them). */
  unreusedStatuses: ProfileRule<{ statuses: ReadonlySet<number>; from: number | null }>;
  /** Invalid Expires / Age / delta values read leniently (browsers) instead of as stale / absent (RFC). */
  lenientExpires: ProfileRule<boolean>;
  /** Age: 'strict' (RFC: invalid values ignored) or 'leading-digits' (a leading number is read, "-n" is very old). */
  ageParsing: ProfileRule<'strict' | 'leading-digits'>;
  /** Delta-seconds ("max-age=3600.5", "100a"): 'strict' (invalid) or 'leading-digits'. */
  deltaParsing: ProfileRule<'strict' | 'leading-digits'>;
  /** Values at or beyond 2^32 s (a delta, or an Expires after 2106): 'cap' (RFC §1.2.2) or 'expired'. */
  hugeValues: ProfileRule<'cap' | 'expired'>;
  /** "max-age =60" (whitespace before "="): ignored (RFC syntax, Chrome) or read (Firefox). */
  spaceBeforeEquals: ProfileRule<'ignored' | 'read'>;
  /** must-understand (RFC 9111 §5.2.2.3) implemented: no-store is overridden for understood statuses. */
  mustUnderstand: ProfileRule<boolean>;
  /** The cache sends Age on responses it serves from storage (RFC 9111 §5.1). */
  generatesAge: ProfileRule<boolean>;
  /** Request max-age=N with N > 0 honoured (RFC 9111 §5.2.1.1). */
  requestMaxAge: ProfileRule<boolean>;
  /** Request Pragma: no-cache (no Cache-Control): like no-cache (RFC 9111 §5.4), or ignored. */
  requestPragma: ProfileRule<'like-no-cache' | 'ignored'>;
  /** Stored variants per URL: 'many' (RFC 9111 §4.1) or 'one' (a new response replaces any variant). */
  variants: ProfileRule<'many' | 'one'>;
  /** Vary's request fields compared after normalising whitespace (RFC 9111 §4.1 allows), or byte for byte. */
  varyNormalises: ProfileRule<boolean>;
  /** A stored response whose Vary does not match is still validated (its ETag sent), RFC 9111 §4.3.1 allows. */
  varyMismatchValidates: ProfileRule<boolean>;
  /** Validators sent for a stored variant whose Vary does not match: all of them, or the ETag only. */
  varyMismatchValidators: ProfileRule<'all' | 'etag-only'>;
  /** A stored response with Vary: * is validated (its ETag sent) instead of being ignored. */
  varyStarValidates: ProfileRule<boolean>;
  /** Statuses the cache revalidates with a conditional request (null: any stored status). */
  conditionalizableStatuses: ProfileRule<ReadonlySet<number> | null>;
  /** Which requests may be answered stale while revalidating (RFC 5861): all, or subresources only. */
  staleWhileRevalidateFor: ProfileRule<'all' | 'subresources'>;
  /** Unsafe methods that invalidate (RFC 9111 §4.4: any unsafe method). */
  invalidatingMethods: ProfileRule<ReadonlySet<string> | 'all-unsafe'>;
  /** Location / Content-Location targets invalidated too (RFC 9111 §4.4). */
  invalidatesLocations: ProfileRule<boolean>;
  /** Invalidation also after an error response (RFC: only 2xx/3xx). */
  invalidatesOnError: ProfileRule<boolean>;
  /** Fields named by the response's Connection field are dropped before storing (RFC 9111 §3.1). */
  dropsConnectionFields: ProfileRule<boolean>;
  /** Response fields the cache does not keep (lower-case). */
  notStoredFields: ProfileRule<ReadonlySet<string>>;
  /** Does the private cache store this status? (from unreusedStatuses) */
  storesStatus(status: number, facts?: unknown): boolean;
}

/** The profile's rules by name (every field but id, name and storesStatus): what a departure names. */
export type ProfileRuleKey = {
  [K in keyof CacheProfile]: CacheProfile[K] extends ProfileRule<unknown> ? K : never;
}[keyof CacheProfile];

function storesStatus(this: CacheProfile, status: number): boolean {
  const u = this.unreusedStatuses.value;
  return !(u.statuses.has(status) || (u.from !== null && status >= u.from));
}

const NOTHING: ReadonlySet<number> = new Set();
const NO_FIELDS: ReadonlySet<string> = new Set();
/** RFC 9111 §3.2 / §3.1: fields that describe the connection, never stored or updated. */
const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'proxy-connection',
  'keep-alive',
  'te',
  'transfer-encoding',
  'upgrade',
  'proxy-authenticate',
  'proxy-authentication-info',
  'proxy-authorization',
]);

/** RFC 9110 §15.1: statuses that are heuristically cacheable by default. */
export const RFC_HEURISTIC_STATUSES: ReadonlySet<number> = new Set([200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501]);

/**
 * Statuses a cache is taken to understand (RFC 9110 §15 registrations) for must-understand (RFC 9111 §5.2.2.3).
 */
export const UNDERSTOOD_STATUSES: ReadonlySet<number> = new Set([
  200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411,
  412, 413, 414, 415, 416, 417, 421, 422, 426, 500, 501, 502, 503, 504, 505,
]);

const CHROMIUM_SRC = 'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_response_headers.cc (GetFreshnessLifetimes)';
const FIREFOX_SRC = 'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsHttpResponseHead.cpp (ComputeFreshnessLifetime)';

const FETCH_CONDITIONAL = 'https://fetch.spec.whatwg.org/#http-network-or-cache-fetch (If-* headers in mode "default" set mode "no-store")';
const CHROMIUM_SPECIAL_HEADERS =
  'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_cache_transaction.cc (kSpecialHeaders)';
const FIREFOX_CHANNEL = 'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsHttpChannel.cpp';

const RFC: CacheProfile = {
  id: 'rfc',
  name: 'RFC 9111',
  heuristicStatuses: { value: RFC_HEURISTIC_STATUSES, source: 'RFC 9110 §15.1, RFC 9111 §4.2.2' },
  heuristicWithPublic: { value: true, source: 'RFC 9111 §3, §4.2.2' },
  heuristicBlockedByMustRevalidate: { value: false, source: 'RFC 9111 §4.2.2' },
  heuristicFraction: { value: 0.1, source: 'RFC 9111 §4.2.2 (a typical setting of this fraction might be 10%)' },
  heuristicCap: { value: null, source: 'RFC 9111 §4.2.2 (10% is typical; no cap given)' },
  permanentStatuses: { value: new Set(), source: 'RFC 9111 §4.2.2' },
  pragmaNoCache: { value: 'ignored', source: 'RFC 9111 §5.4 (Pragma is a request field)' },
  acceptsQuotedDelta: { value: true, source: 'RFC 9111 §5.2 (recipients ought to accept both forms)' },
  invalidMaxAge: { value: 'stale', source: 'RFC 9111 §4.2.1 (invalid freshness information: consider stale)' },
  duplicateDelta: { value: 'stale', source: 'RFC 9111 §4.2.1 (use the first occurrence or consider the response stale)' },
  qualifiedNoCache: { value: 'fields-only', source: 'RFC 9111 §5.2.2.4' },
  heuristicStatusLimit: { value: null, source: 'RFC 9111 §4.2.2' },
  immutableOnReload: { value: true, source: 'RFC 8246 §2' },
  immutableHttpsOnly: { value: false, source: 'RFC 8246 §2' },
  reload: { value: 'unspecified', source: 'RFC 9111 leaves reload behaviour to the user agent' },
  reloadValidatesFrames: { value: false, source: 'RFC 9111 leaves reload behaviour to the user agent' },
  conditionalRequestBypass: { value: false, source: 'RFC 9111 §4.3.2 (a cache may answer a conditional request from storage)' },
  requestNoCache: { value: 'revalidate', source: 'RFC 9111 §5.2.1.4' },
  requestMaxAgeZero: { value: 'revalidate', source: 'RFC 9111 §5.2.1.1' },
  requestNoStore: { value: 'rfc', source: 'RFC 9111 §5.2.1.5' },
  honoursMinFresh: { value: true, source: 'RFC 9111 §5.2.1.3' },
  honoursMaxStale: { value: true, source: 'RFC 9111 §5.2.1.2' },
  staleWhileRevalidate: { value: true, source: 'RFC 5861 §3' },
  staleIfError: { value: true, source: 'RFC 5861 §4' },
  headUpdates: { value: true, source: 'RFC 9111 §4.3.5' },
  notUpdatedBy304: { value: HOP_BY_HOP, source: 'RFC 9111 §3.2 (fields excepted from storage in §3.1, and Content-Length)' },
  postReuse: { value: true, source: 'RFC 9110 §9.3.3' },
  storesPartial: { value: false, source: 'RFC 9111 §3.3 (combining partial content is optional; not modelled)' },
  unreusedStatuses: {
    value: { statuses: NOTHING, from: null },
    source: 'RFC 9111 §3 (any final status may be stored with explicit freshness)',
  },
  lenientExpires: { value: false, source: 'RFC 9111 §5.3 (an invalid Expires means already expired)' },
  ageParsing: { value: 'strict', source: 'RFC 9111 §5.1 (an invalid Age is ignored)' },
  deltaParsing: { value: 'strict', source: 'RFC 9111 §1.2.2' },
  hugeValues: { value: 'cap', source: 'RFC 9111 §1.2.2 (2^31 means "infinity")' },
  spaceBeforeEquals: { value: 'ignored', source: 'RFC 9111 §5.2 (no whitespace around "=")' },
  mustUnderstand: { value: true, source: 'RFC 9111 §5.2.2.3' },
  generatesAge: { value: true, source: 'RFC 9111 §5.1' },
  requestMaxAge: { value: true, source: 'RFC 9111 §5.2.1.1' },
  requestPragma: { value: 'like-no-cache', source: 'RFC 9111 §5.4' },
  variants: { value: 'many', source: 'RFC 9111 §4.1' },
  varyNormalises: { value: true, source: 'RFC 9111 §4.1' },
  varyMismatchValidates: { value: true, source: 'RFC 9111 §4.3.1' },
  varyMismatchValidators: { value: 'all', source: 'RFC 9111 §4.3.1' },
  varyStarValidates: { value: false, source: 'RFC 9111 §4.1 (Vary: * always fails to match)' },
  conditionalizableStatuses: { value: null, source: 'RFC 9111 §4.3.1' },
  staleWhileRevalidateFor: { value: 'all', source: 'RFC 5861 §3' },
  invalidatingMethods: { value: 'all-unsafe', source: 'RFC 9111 §4.4' },
  invalidatesLocations: { value: true, source: 'RFC 9111 §4.4' },
  invalidatesOnError: { value: false, source: 'RFC 9111 §4.4' },
  dropsConnectionFields: { value: true, source: 'RFC 9111 §3.1' },
  notStoredFields: { value: NO_FIELDS, source: 'RFC 9111 §3.1' },
  storesStatus,
};

const CHROME: CacheProfile = {
  id: 'chrome',
  name: 'Chrome',
  heuristicStatuses: {
    value: new Set([200, 203, 206]),
    source: CHROMIUM_SRC,
    note: 'Chrome uses the Last-Modified heuristic only for 200, 203 and 206, so this {status} gets no heuristic lifetime.',
  },
  heuristicWithPublic: {
    value: false,
    source: CHROMIUM_SRC,
    note: 'Chrome does not let public make a status heuristically cacheable.',
  },
  heuristicBlockedByMustRevalidate: {
    value: true,
    source: CHROMIUM_SRC,
    note: 'Chrome skips the Last-Modified heuristic when must-revalidate is present.',
  },
  heuristicFraction: { value: 0.1, source: CHROMIUM_SRC + ' ((date - last_modified) / 10)' },
  heuristicCap: { value: null, source: CHROMIUM_SRC },
  permanentStatuses: {
    value: new Set([300, 301, 308, 410]),
    source: CHROMIUM_SRC,
    note: 'Chrome treats a {status} without explicit freshness as fresh forever.',
  },
  pragmaNoCache: {
    value: 'always',
    source: CHROMIUM_SRC,
    note: 'Chrome treats the response header Pragma: no-cache like Cache-Control: no-cache, so it revalidates every time.',
  },
  acceptsQuotedDelta: {
    value: false,
    source: CHROMIUM_SRC + ' (GetCacheControlDirective reads digits only)',
    note: 'Chrome does not read the quoted form of {name}, so it falls back to Expires or heuristics.',
  },
  invalidMaxAge: {
    value: 'ignored',
    source: CHROMIUM_SRC,
    note: 'Chrome ignores an invalid max-age and falls back to Expires or heuristics instead of treating the response as stale.',
  },
  duplicateDelta: {
    value: 'first',
    source: CHROMIUM_SRC + ' (GetCacheControlDirective returns the first match)',
    note: 'Chrome uses the first {name} value ({value} s) where the RFC model treats the conflict as stale.',
  },
  qualifiedNoCache: {
    value: 'fields-only',
    source: CHROMIUM_SRC + ' (HasHeaderValue("cache-control", "no-cache") matches only the bare directive)',
  },
  heuristicStatusLimit: { value: null, source: CHROMIUM_SRC },
  immutableOnReload: {
    value: false,
    // https://blog.chromium.org/2017/01/reload-reloaded-faster-and-leaner-page_26.html
    source: 'https://blog.chromium.org/2017/01/reload-reloaded-faster-and-leaner-page_26.html',
    note: 'Chrome ignores immutable; it does not need it, because a normal reload only revalidates the page itself.',
  },
  immutableHttpsOnly: { value: false, source: 'Chromium ignores immutable' },
  reload: {
    value: 'revalidate-main',
    source: 'https://blog.chromium.org/2017/01/reload-reloaded-faster-and-leaner-page_26.html',
  },
  reloadValidatesFrames: {
    value: false,
    source:
      'https://source.chromium.org/chromium/chromium/src/+/main:third_party/blink/renderer/core/loader/frame_loader.cc (only the reloaded frame gets ValidateCache)',
  },
  conditionalRequestBypass: { value: true, source: FETCH_CONDITIONAL },
  requestNoCache: { value: 'bypass', source: CHROMIUM_SPECIAL_HEADERS + ' (no-cache: LOAD_BYPASS_CACHE)' },
  requestMaxAgeZero: { value: 'revalidate', source: CHROMIUM_SPECIAL_HEADERS + ' (max-age=0: LOAD_VALIDATE_CACHE)' },
  requestNoStore: {
    value: 'rfc',
    source:
      CHROMIUM_SPECIAL_HEADERS +
      ' (no-store is not read on requests); https://github.com/http-tests/cache-tests/blob/main/results/chrome.json ccreq-no-store',
  },
  honoursMinFresh: {
    value: false,
    source: CHROMIUM_SPECIAL_HEADERS + ' (request directives other than no-cache and max-age=0 are not read)',
  },
  honoursMaxStale: {
    value: false,
    source: CHROMIUM_SPECIAL_HEADERS + ' (request directives other than no-cache and max-age=0 are not read)',
  },
  staleWhileRevalidate: { value: true, source: 'https://chromestatus.com/feature/5050913014153216 (Chrome 75)' },
  staleIfError: {
    value: false,
    source: 'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_cache_transaction.cc (no stale-if-error)',
  },
  headUpdates: {
    value: false,
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/chrome.json head-200-update, head-200-freshness-update',
  },
  notUpdatedBy304: {
    value: new Set([
      ...HOP_BY_HOP,
      'www-authenticate',
      'trailer',
      'content-location',
      'content-md5',
      'etag',
      'content-encoding',
      'content-range',
      'content-type',
      'x-frame-options',
      'x-xss-protection',
      'x-content-',
      'x-webkit-',
    ]),
    source:
      'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_response_headers.cc (kNonUpdatedHeaders, kNonUpdatedHeaderPrefixes)',
  },
  postReuse: {
    value: false,
    source:
      'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_cache.cc (POST entries are keyed by upload id, never served to GET)',
  },
  storesPartial: { value: false, source: 'not modelled (Chromium combines ranges in partial_data.cc)' },
  unreusedStatuses: { value: { statuses: NOTHING, from: null }, source: CHROMIUM_SRC },
  lenientExpires: {
    value: true,
    source:
      'https://source.chromium.org/chromium/chromium/src/+/main:base/time/time.cc (Time::FromString, NSPR prtime.c); https://github.com/http-tests/cache-tests/blob/main/results/chrome.json freshness-expires-invalid-*',
    note: 'Chrome reads this malformed Expires date anyway and keeps the response fresh until then; by the RFC an invalid date means already expired.',
  },
  ageParsing: { value: 'strict', source: 'https://github.com/http-tests/cache-tests/blob/main/results/chrome.json age-parse-*' },
  deltaParsing: {
    value: 'strict',
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/chrome.json freshness-max-age-decimal-*, -100a',
  },
  hugeValues: {
    value: 'cap',
    source:
      'https://github.com/http-tests/cache-tests/blob/main/results/chrome.json freshness-max-age-max-plus, freshness-expires-far-future',
  },
  spaceBeforeEquals: {
    value: 'ignored',
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/chrome.json freshness-max-age-space-before-equals',
  },
  mustUnderstand: {
    value: false,
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/chrome.json status-200-must-understand (no-store wins)',
  },
  generatesAge: { value: false, source: CHROMIUM_SPECIAL_HEADERS + ' (a cached response is returned as stored)' },
  requestMaxAge: {
    value: false,
    source:
      CHROMIUM_SPECIAL_HEADERS +
      ' (only max-age=0 is read); https://github.com/http-tests/cache-tests/blob/main/results/chrome.json ccreq-ma1',
  },
  requestPragma: { value: 'like-no-cache', source: CHROMIUM_SPECIAL_HEADERS + ' (Pragma: no-cache forces a fetch)' },
  variants: {
    value: 'one',
    source:
      'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_cache.cc (one entry per cache key); https://github.com/http-tests/cache-tests/blob/main/results/chrome.json vary-invalidate',
  },
  varyNormalises: {
    value: false,
    source:
      'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_vary_data.cc (an MD5 of the raw values); https://github.com/http-tests/cache-tests/blob/main/results/chrome.json vary-normalise-space',
  },
  varyMismatchValidates: {
    value: true,
    source:
      'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_cache_transaction.cc (vary mismatch: VALIDATION_SYNCHRONOUS)',
  },
  varyMismatchValidators: {
    value: 'etag-only',
    source:
      'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_cache_transaction.cc (ConditionalizeRequest: on vary_mismatch_ only If-None-Match is kept); tests/e2e/cache-matrix.test.ts (Chromium here)',
  },
  varyStarValidates: {
    value: true,
    source:
      'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_vary_data.cc (Vary: * stored, never matches: vary_mismatch_ validation); tests/e2e/cache-matrix.test.ts (Chromium here)',
  },
  conditionalizableStatuses: {
    value: new Set([200, 206]),
    source:
      'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_cache_transaction.cc (IsResponseConditionalizable: only cached 200 or 206); tests/e2e/cache-matrix.test.ts (Chromium here)',
  },
  staleWhileRevalidateFor: {
    value: 'subresources',
    source:
      'https://source.chromium.org/chromium/chromium/src/+/main:third_party/blink/renderer/platform/loader/fetch/resource_fetcher.cc (only ResourceFetcher::PrepareRequest allows a stale response; navigations validate); tests/e2e/cache-matrix.test.ts (Chromium here)',
  },
  invalidatingMethods: {
    value: new Set(['POST', 'PUT', 'DELETE', 'PATCH']),
    source:
      'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_cache_transaction.cc (ShouldPassThrough: POST, PUT, DELETE, PATCH doom the entry); https://github.com/http-tests/cache-tests/blob/main/results/chrome.json invalidate-M-SEARCH',
  },
  invalidatesLocations: {
    value: false,
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/chrome.json invalidate-*-location, invalidate-*-cl',
  },
  invalidatesOnError: {
    value: false,
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/chrome.json invalidate-*-failed',
  },
  dropsConnectionFields: {
    value: false,
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/chrome.json headers-omit-headers-listed-in-Connection',
  },
  notStoredFields: {
    value: new Set(['clear-site-data']),
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/chrome.json headers-store-Clear-Site-Data',
  },
  storesStatus,
};

const FIREFOX: CacheProfile = {
  id: 'firefox',
  name: 'Firefox',
  heuristicStatuses: {
    // Firefox returns 0 for status >= 400 before trying the heuristic.
    value: new Set([200, 203, 204, 206, 300, 301, 308]),
    source: FIREFOX_SRC,
    note: 'Firefox gives no heuristic lifetime to status {status} (none at all for 4xx and 5xx).',
  },
  heuristicWithPublic: { value: true, source: FIREFOX_SRC },
  heuristicBlockedByMustRevalidate: { value: false, source: FIREFOX_SRC },
  heuristicFraction: { value: 0.1, source: FIREFOX_SRC + ' ((date - lastModified) / 10)' },
  heuristicCap: {
    value: 604800,
    source: FIREFOX_SRC,
    note: 'Firefox caps heuristic freshness at one week: {lifetime} s instead of {rfcLifetime} s.',
  },
  permanentStatuses: {
    value: new Set([410]),
    source:
      FIREFOX_SRC + ' ("Assign an infinite heuristic lifetime" for 410 only); tests/e2e/cache-matrix-firefox.test.ts (Firefox ESR here)',
    note: 'Firefox treats a {status} without explicit freshness as fresh forever.',
  },
  pragmaNoCache: {
    value: 'always',
    source:
      'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsHttpResponseHead.cpp (ParsePragma); https://github.com/http-tests/cache-tests/blob/main/results/firefox.json pragma-response-no-cache (also beside Cache-Control)',
    note: 'Firefox treats the response header Pragma: no-cache like Cache-Control: no-cache, so it revalidates every time.',
  },
  acceptsQuotedDelta: {
    value: false,
    source: 'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/CacheControlParser.cpp (SecondsValue reads an integer)',
    note: 'Firefox does not read the quoted form of {name}, so it falls back to Expires or heuristics.',
  },
  invalidMaxAge: {
    value: 'ignored',
    source: FIREFOX_SRC,
    note: 'Firefox ignores an invalid max-age and falls back to Expires or heuristics instead of treating the response as stale.',
  },
  duplicateDelta: {
    value: 'last',
    source:
      'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/CacheControlParser.cpp (each occurrence overwrites the last)',
    note: 'Firefox uses the last {name} value ({value} s) where the RFC model treats the conflict as stale.',
  },
  qualifiedNoCache: {
    value: 'whole-response',
    source: 'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/CacheControlParser.cpp (no-cache values ignored)',
    note: 'Firefox ignores the field list of no-cache="…" and revalidates the whole response every time.',
  },
  heuristicStatusLimit: {
    value: 400,
    source: FIREFOX_SRC,
    note: 'Firefox never uses heuristic freshness for status {status} (4xx and 5xx), even with public.',
  },
  immutableOnReload: {
    value: true,
    source: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cache-Control#immutable',
    note: 'Firefox honours immutable: a normal reload will not revalidate it while fresh.',
  },
  immutableHttpsOnly: {
    value: true,
    source:
      'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsHttp.cpp (DetermineFramingAndImmutability: isImmutable requires isHttps); tests/e2e/cache-matrix-firefox.test.ts (Firefox ESR here)',
  },
  reload: {
    value: 'revalidate-main',
    source:
      'https://searchfox.org/mozilla-central/source/docshell/base/nsDocShellLoadState.cpp (CalculateChannelLoadFlags: since Firefox 100, browser.soft_reload.only_force_validate_top_level_document); tests/e2e/cache-matrix-firefox.test.ts (Firefox ESR here)',
  },
  reloadValidatesFrames: {
    value: false,
    source:
      'https://searchfox.org/mozilla-central/source/docshell/base/nsDocShellLoadState.cpp (only the top-level document is force-validated); tests/e2e/cache-matrix-firefox.test.ts (Firefox ESR here)',
  },
  conditionalRequestBypass: { value: true, source: FETCH_CONDITIONAL },
  requestNoCache: { value: 'revalidate', source: FIREFOX_CHANNEL },
  requestMaxAgeZero: { value: 'revalidate', source: FIREFOX_CHANNEL },
  requestNoStore: { value: 'bypass', source: FIREFOX_CHANNEL },
  honoursMinFresh: { value: true, source: FIREFOX_CHANNEL },
  honoursMaxStale: { value: true, source: FIREFOX_CHANNEL },
  staleWhileRevalidate: { value: true, source: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1536511' },
  staleIfError: { value: false, source: FIREFOX_CHANNEL },
  headUpdates: {
    value: false,
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json head-200-update, head-200-freshness-update',
  },
  notUpdatedBy304: {
    value: new Set([...HOP_BY_HOP, 'content-encoding', 'content-location', 'content-md5', 'content-range', 'content-type']),
    source:
      'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsHttpResponseHead.cpp (UpdateHeaders); https://github.com/http-tests/cache-tests/blob/main/results/firefox.json 304-etag-update-response-Content-*',
  },
  postReuse: { value: false, source: FIREFOX_CHANNEL + ' (POST responses are keyed by post id)' },
  storesPartial: { value: false, source: 'not modelled' },
  unreusedStatuses: {
    value: { statuses: new Set([299, 400, 404, 499]), from: 500 },
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json status-299-fresh, -400-, -404-, -499-, -5xx-fresh',
  },
  lenientExpires: {
    value: true,
    source:
      'https://searchfox.org/mozilla-central/source/nsprpub/pr/src/misc/prtime.c (PR_ParseTimeString); https://github.com/http-tests/cache-tests/blob/main/results/firefox.json freshness-expires-invalid-*',
    note: 'Firefox reads this malformed Expires date anyway and keeps the response fresh until then; by the RFC an invalid date means already expired.',
  },
  ageParsing: {
    value: 'leading-digits',
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json age-parse-negative, -float, -parameter',
  },
  deltaParsing: {
    value: 'leading-digits',
    source:
      'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/CacheControlParser.cpp (SecondsValue); https://github.com/http-tests/cache-tests/blob/main/results/firefox.json freshness-max-age-decimal-*, -100a',
    note: 'Firefox reads the leading digits of this max-age ({value} s); by the RFC the value is invalid.',
  },
  hugeValues: {
    value: 'expired',
    source:
      'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json freshness-max-age-max-plus, freshness-expires-far-future (32-bit times)',
    note: 'Firefox cannot hold a lifetime this long (beyond 2^32 seconds or the year 2106) and treats the response as expired.',
  },
  spaceBeforeEquals: {
    value: 'read',
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json freshness-max-age-space-before-equals',
  },
  mustUnderstand: {
    value: false,
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json status-200-must-understand (no-store wins)',
  },
  generatesAge: { value: false, source: FIREFOX_CHANNEL },
  requestMaxAge: { value: true, source: 'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json ccreq-ma1' },
  requestPragma: {
    value: 'ignored',
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json pragma-request-no-cache',
  },
  variants: {
    value: 'one',
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json vary-invalidate (one entry per URL)',
  },
  varyNormalises: { value: false, source: 'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json vary-normalise-space' },
  varyMismatchValidates: {
    value: true,
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json conditional-etag-vary-headers-mismatch',
  },
  varyMismatchValidators: { value: 'all', source: 'RFC 9111 §4.3.1 (not observed otherwise)' },
  varyStarValidates: {
    value: true,
    source:
      'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsHttpChannel.cpp (ResponseWouldVary: "*" would vary, so the entry is validated); tests/e2e/cache-matrix-firefox.test.ts (Firefox ESR here)',
  },
  conditionalizableStatuses: { value: null, source: 'RFC 9111 §4.3.1 (not observed otherwise)' },
  staleWhileRevalidateFor: { value: 'all', source: 'RFC 5861 §3 (not observed otherwise)' },
  invalidatingMethods: {
    value: 'all-unsafe',
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json invalidate-M-SEARCH',
  },
  invalidatesLocations: {
    value: true,
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json invalidate-*-location',
  },
  invalidatesOnError: {
    value: true,
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json invalidate-*-failed',
  },
  dropsConnectionFields: {
    value: false,
    source: 'https://github.com/http-tests/cache-tests/blob/main/results/firefox.json headers-omit-headers-listed-in-Connection',
  },
  notStoredFields: { value: NO_FIELDS, source: FIREFOX_CHANNEL },
  storesStatus,
};

export const PROFILES: Readonly<Record<BrowserProfile, CacheProfile>> = { rfc: RFC, chrome: CHROME, firefox: FIREFOX };

export function profileFor(id: BrowserProfile | undefined): CacheProfile {
  return (typeof id === 'string' && Object.prototype.hasOwnProperty.call(PROFILES, id) && PROFILES[id]) || RFC;
}

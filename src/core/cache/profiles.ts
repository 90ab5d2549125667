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
  /** What a normal reload does. */
  reload: ProfileRule<'revalidate-main' | 'revalidate-all' | 'unspecified'>;
}

/** RFC 9110 §15.1: statuses that are heuristically cacheable by default. */
export const RFC_HEURISTIC_STATUSES: ReadonlySet<number> = new Set([200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501]);

/**
 * Statuses a cache is taken to understand (RFC 9110 §15 registrations) for must-understand (RFC 9111 §5.2.2.3).
 */
export const UNDERSTOOD_STATUSES: ReadonlySet<number> = new Set([
  200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407,
  408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 426, 500, 501, 502, 503, 504, 505,
]);

const CHROMIUM_SRC = 'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_response_headers.cc (GetFreshnessLifetimes)';
const FIREFOX_SRC =
  'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsHttpResponseHead.cpp (ComputeFreshnessLifetime)';

const RFC: CacheProfile = {
  id: 'rfc',
  name: 'RFC 9111',
  heuristicStatuses: { value: RFC_HEURISTIC_STATUSES, source: 'RFC 9110 §15.1, RFC 9111 §4.2.2' },
  heuristicWithPublic: { value: true, source: 'RFC 9111 §3, §4.2.2' },
  heuristicBlockedByMustRevalidate: { value: false, source: 'RFC 9111 §4.2.2' },
  heuristicCap: { value: null, source: 'RFC 9111 §4.2.2 (10% is typical; no cap given)' },
  permanentStatuses: { value: new Set(), source: 'RFC 9111 §4.2.2' },
  pragmaNoCache: { value: 'ignored', source: 'RFC 9111 §5.4 (Pragma is a request field)' },
  acceptsQuotedDelta: { value: true, source: 'RFC 9111 §5.2 (recipients ought to accept both forms)' },
  invalidMaxAge: { value: 'stale', source: 'RFC 9111 §4.2.1 (invalid freshness information: consider stale)' },
  duplicateDelta: { value: 'stale', source: 'RFC 9111 §4.2.1 (use the first occurrence or consider the response stale)' },
  qualifiedNoCache: { value: 'fields-only', source: 'RFC 9111 §5.2.2.4' },
  heuristicStatusLimit: { value: null, source: 'RFC 9111 §4.2.2' },
  immutableOnReload: { value: true, source: 'RFC 8246 §2' },
  reload: { value: 'unspecified', source: 'RFC 9111 leaves reload behaviour to the user agent' },
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
  reload: {
    value: 'revalidate-main',
    source: 'https://blog.chromium.org/2017/01/reload-reloaded-faster-and-leaner-page_26.html',
  },
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
  heuristicCap: {
    value: 604800,
    source: FIREFOX_SRC,
    note: 'Firefox caps heuristic freshness at one week: {lifetime} s instead of {rfcLifetime} s.',
  },
  permanentStatuses: {
    value: new Set([300, 301, 308, 410]),
    source: FIREFOX_SRC,
    note: 'Firefox treats a {status} without explicit freshness as fresh forever.',
  },
  pragmaNoCache: {
    value: 'without-cache-control',
    source: 'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsHttpResponseHead.cpp (ParsePragma)',
    note: 'Firefox treats Pragma: no-cache like Cache-Control: no-cache because the response has no Cache-Control.',
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
    source: 'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/CacheControlParser.cpp (each occurrence overwrites the last)',
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
  reload: {
    value: 'revalidate-all',
    source: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/Caching#reload_and_force_reload',
  },
};

export const PROFILES: Readonly<Record<BrowserProfile, CacheProfile>> = { rfc: RFC, chrome: CHROME, firefox: FIREFOX };

export function profileFor(id: BrowserProfile | undefined): CacheProfile {
  return (id && PROFILES[id]) || RFC;
}

/** Sentences for the next use and for a reload, per action; `{...}` filled by the engine. */
export const NEXT_USE_TEXT = {
  notStorable: 'Not stored by the browser: the next use downloads it again.',
  fresh: 'Fresh for another {remaining}: the next use is served from the browser cache without contacting the server.',
  staleWhileRevalidate:
    'Stale, but inside its stale-while-revalidate window: the next use is served from cache while a fresh copy is fetched in the background.',
  revalidate: 'The next use sends a conditional request; if unchanged the server answers 304 and the stored body is reused.',
  revalidateNoCache: 'no-cache: every use sends a conditional request; if unchanged the server answers 304.',
  download: 'Stored but with no validator, so once stale the next use downloads it in full.',
  varyStar: 'Vary: * never matches a later request, so the next use goes to the server.',
} as const;

export const RELOAD_TEXT = {
  'revalidate-main-page': 'A normal reload revalidates this page with a conditional request (Chrome revalidates the main resource).',
  'revalidate-main-sub':
    'A normal reload in Chrome revalidates only the page itself; this subresource is reused from cache while fresh.',
  'revalidate-all': 'A normal reload in Firefox revalidates it with a conditional request.',
  'revalidate-all-immutable': 'A normal reload in Firefox reuses it without asking, because it is immutable and fresh.',
  unspecified: 'A normal reload usually sends Cache-Control: max-age=0, forcing a conditional request (RFC 9111 leaves reload to browsers).',
  notStored: 'A reload downloads it again, as any use does.',
  noValidator: 'A reload downloads it again in full (there is no validator to revalidate with).',
} as const;

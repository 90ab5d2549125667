/**
 * The engine's output. Each area (cache, cookies, cdn, proxy) fills its own part; src/core/explain.ts composes them.
 * Keep this file the single place the shapes are declared: the CLI's --json schema, the background and the panel
 * all read these.
 */
import type { BrowserProfile, Finding, JarCookie, ResponseSource } from './types';

/** A directive or attribute explained: plain sentence first, precise rule second, link third. */
export interface Explained {
  name: string;
  value?: string;
  /** False for unknown / invalid names or values. */
  known: boolean;
  plain: string;
  rule: string;
  link: string;
}

// ---------------------------------------------------------------- caching (RFC 9111)

export type CacheKind = 'private' | 'shared';
export type FreshnessSource = 'max-age' | 's-maxage' | 'expires' | 'heuristic' | 'none';

export interface CacheView {
  kind: CacheKind;
  storable: boolean;
  /** Plain sentence: why (not) storable. */
  storableWhy: string;
  /** Seconds, null when there is none (not storable, or no-cache forces 0 is still a number: 0). */
  freshnessLifetime: number | null;
  freshnessSource: FreshnessSource;
  heuristic: boolean;
  /** RFC 9111 §4.2.3, seconds, at `now`. */
  currentAge: number;
  fresh: boolean;
  /** Epoch s when it turns stale (responseTime + lifetime - corrected initial age), null if never fresh. */
  freshUntil: number | null;
  /** Seconds of freshness left at `now` (negative: stale for that long). null when there is no lifetime. */
  remaining: number | null;
  /** Must check with the origin before reuse at `now` (no-cache, or stale with must-revalidate/proxy-revalidate). */
  mustRevalidate: boolean;
  staleWhileRevalidate: number | null;
  staleIfError: number | null;
  /** A disconnected cache may serve it once stale (no must-revalidate, no-cache etc.). */
  mayServeStale: boolean;
  /** Where this profile departs from the RFC for this response, in plain words. */
  browserNotes: readonly string[];
}

export type NextUseAction = 'from-cache' | 'revalidate' | 'download';

export interface NextUse {
  action: NextUseAction;
  /** e.g. "If-None-Match: \"abc\"" when action is revalidate. */
  conditionalHeaders: readonly string[];
  plain: string;
  /** What a normal reload (F5) does, which can differ (Chrome revalidates the main resource). */
  onReload: string;
  /**
   * The cache model's decision for each kind of load (src/core/cache/model.ts), at `now`: `action`/`plain` above
   * are `loads[appliesTo]`'s; `onReload` is `loads.reload.plain`.
   */
  loads?: { navigation: LoadPrediction; reload: LoadPrediction };
  /** Which load the lead sentence is about (a later normal use: 'navigation'). */
  appliesTo?: 'navigation' | 'reload';
}

export interface LoadPrediction {
  action: NextUseAction;
  plain: string;
  conditionalHeaders: readonly string[];
  /** The model's finer decision: fresh, stale-while-revalidate, revalidate or network. */
  decision?: 'fresh' | 'stale-while-revalidate' | 'revalidate' | 'network';
  /** The model's reason code (DECISION_TEXT in src/core/cache/model.ts). */
  reason?: string;
  rule?: string;
  link?: string;
}

export interface RevalidationLink {
  /** The earlier exchange this one revalidated. */
  previousId: string;
  /** true when inferred from a 200-from-cache whose Date moved on (webRequest never shows the 304). */
  inferred: boolean;
  validator: 'etag' | 'last-modified' | 'unknown';
  validatorValue?: string;
  /** Did the validator still match (304), or did the resource change (200 with new validator)? null unknown. */
  matched: boolean | null;
  plain: string;
}

export interface CacheExplanation {
  browser: BrowserProfile;
  /** Judged at (epoch s). */
  now: number;
  responseDirectives: readonly Explained[];
  requestDirectives: readonly Explained[];
  private: CacheView;
  shared: CacheView;
  date: number | null;
  expires: number | null;
  lastModified: number | null;
  age: number | null;
  etag: { value: string; weak: boolean; valid: boolean } | null;
  vary: readonly string[];
  varyExplained: readonly string[];
  immutable: boolean;
  nextUse: NextUse;
  revalidation: RevalidationLink | null;
  findings: Finding[];
}

// ---------------------------------------------------------------- cookies (RFC 6265bis)

export type CookieRejectReason =
  | 'empty'
  | 'invalid-characters'
  | 'too-large'
  | 'domain-mismatch'
  | 'public-suffix'
  | 'secure-from-insecure'
  | 'samesite-none-insecure'
  | 'invalid-prefix'
  | 'expired'
  | 'samesite-context'
  | 'partitioned-insecure'
  | 'overwrite-secure'
  | 'third-party-blocked';

export type CookieNotSentReason =
  | 'domain-mismatch'
  | 'path-mismatch'
  | 'secure-only'
  | 'samesite-strict'
  | 'samesite-lax'
  | 'samesite-unspecified-lax'
  | 'expired'
  | 'partition-mismatch'
  | 'third-party-blocked';

export interface CookiePurpose {
  category: string; // Functional, Analytics, Marketing, Security, ...
  platform: string;
  description: string;
  retention?: string;
  /**
   * Set when the database lists this name only for other hosts (its Domain column) and the cookie was not set on one
   * of them: the purpose is a guess from the name alone, and `description` says so.
   */
  possibly?: boolean;
  /** The hosts the database lists for this entry, when it names any. */
  listedFor?: string[];
}

export interface SignedCookieInfo {
  format: 'jwt' | 'itsdangerous' | 'rails' | 'express' | 'other';
  /** The readable payload (decoded JSON or text), truncated. */
  payload: string;
  plain: string;
}

export interface SetCookieResult {
  /** 0-based header index. */
  index: number;
  raw: string;
  stored: boolean;
  /** First failing reason (RFC 6265bis order). */
  rejectReason?: CookieRejectReason;
  rejectWhy?: string;
  /** The cookie as it is (or would have been) stored. Absent when the line could not be parsed into one. */
  cookie?: JarCookie;
  /** Deletes an existing cookie (expired). */
  deletes?: boolean;
  attributes: Explained[];
  /** "host-only: sent to www.example.com but not to shop.example.com", "sent for every path under /app", ... */
  scope: string[];
  /** "expires in 29 days (2026-12-20)" / "session cookie: gone when the browser closes". */
  lifetime: string;
  prefix: '__Host-' | '__Secure-' | null;
  /** The most specific name prefix, including Chromium's __Http- and __Host-Http- (optional; absent when none). */
  namePrefix?: '__Host-Http-' | '__Host-' | '__Http-' | '__Secure-';
  /**
   * Every reason the cookie was refused, first one = rejectReason (RFC 6265bis order), each with its sentence; a
   * prefix entry names the failed conditions (optional; present when rejected).
   */
  rejectReasons?: Array<{ reason: CookieRejectReason; why: string }>;
  purpose: CookiePurpose | null;
  signed: SignedCookieInfo | null;
  findings: Finding[];
  /** Identical Set-Cookie lines after this one (same text, same outcome), shown once (optional; absent for none). */
  repeats?: number;
}

export interface CookieSendResult {
  sent: Array<{ jarIndex: number; cookie: JarCookie }>;
  notSent: Array<{ jarIndex: number; cookie: JarCookie; reason: CookieNotSentReason; why: string }>;
  cookieHeader: string | null;
}

export interface CookieExplanation {
  setCookies: SetCookieResult[];
  /** From the Cookie request header as sent (may be hidden). */
  requestCookies: Array<{ name: string; value: string }>;
  /** Computed against the jar snapshot, when there is one. */
  send: CookieSendResult | null;
  sameSiteContext: 'same-site' | 'cross-site';
  thirdParty: boolean;
  findings: Finding[];
  /** The page that made the request is unknown: sameSiteContext is an assumption (optional; absent when known). */
  sameSiteContextAssumed?: true;
}

// ---------------------------------------------------------------- CDN and proxies

export type CdnCacheStatus = 'hit' | 'miss' | 'expired' | 'stale' | 'revalidated' | 'bypass' | 'dynamic' | 'unknown';

export interface CacheStatusEntry {
  /** RFC 9211 cache name or the header it came from. */
  cache: string;
  hit: boolean;
  fwd?: string;
  fwdStatus?: number;
  ttl?: number;
  stored?: boolean;
  collapsed?: boolean;
  key?: string;
  detail?: string;
}

export interface CdnExplanation {
  /** Provider id (cloudflare, fastly, ...), self-hosted cache product (varnish, nginx, ats), or null. */
  cdn: string | null;
  cdnName: string | null;
  /** Header names/values that identified it. */
  evidence: string[];
  cacheStatus: CdnCacheStatus | null;
  rawCacheStatus: string | null;
  pop: string | null;
  popCity: string | null;
  age: number | null;
  /** RFC 9211 Cache-Status entries, origin-most first as sent. */
  cacheStatusEntries: CacheStatusEntry[];
  /** RFC 9213 CDN-Cache-Control (and vendor variants) directives. */
  cdnCacheControl: Explained[];
  /** CDN owning the server IP, if any (from cdn-ip-ranges.json). */
  ipOwner: string | null;
  /** Display name of ipOwner ("Cloudflare"); ipOwner is the provider id ("cloudflare"). Optional, added by the cdn area. */
  ipOwnerName?: string | null;
  /** Provider-specific explanation ("DYNAMIC means ..."). */
  plain: string[];
  findings: Finding[];
}

export interface ViaHop {
  protocol: string;
  received: string;
  comment?: string;
}

export interface ProxyExplanation {
  via: ViaHop[];
  forwarded: Array<Record<string, string>>;
  xForwardedFor: string[];
  xForwardedProto: string | null;
  xForwardedHost: string | null;
  xRealIp: string | null;
  plain: string[];
  findings: Finding[];
}

// ---------------------------------------------------------------- the whole

export interface Explanation {
  schema: 'cache-lens/explanation/1';
  exchangeId: string;
  url: string;
  method: string;
  status: number;
  source: ResponseSource;
  cache: CacheExplanation;
  cookies: CookieExplanation;
  cdn: CdnExplanation;
  proxy: ProxyExplanation;
  /** Every finding of every area, worst first. */
  findings: Finding[];
  /** Headers the browser hid from the recorder, in plain words. */
  hidden: readonly string[];
}

export type { JarCookie };

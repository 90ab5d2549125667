/**
 * Freshness lifetime (RFC 9111 §4.2.1, §4.2.2), current age (§4.2.3) and what may be served stale (§4.2.4,
 * RFC 5861), for one cache kind under one profile: computeView() judges one stored response at a moment. Pure and
 * allocation-light: it runs for every exchange of a recording.
 */
import type { CacheKind, CacheView, FreshnessSource } from '../explanation';
import { fill } from '../notes';
import { DELTA_CAP, parseHttpDateLenient } from './parsers';
import { PROFILES, RFC_HEURISTIC_STATUSES, type CacheProfile, type ProfileRuleKey } from './profiles';
import type { ResponseFacts } from './facts';
import { storability, STORE_WHY, type StoreReason } from './storability';

/**
 * The imported functions and tables computeView uses for every view, bound once: loaded as CommonJS (tsx, for a
 * require() from a CommonJS script), every use of an imported name is a getter call on the exporting module's object.
 */
const judgeStorability = storability;
const RFC = PROFILES.rfc;
const HEURISTIC_STATUSES = RFC_HEURISTIC_STATUSES;
const CAP = DELTA_CAP;

// ---------------------------------------------------------------- freshness and age

/** A profile rule that took a non-RFC branch for a response: [rule key, params]. */
export type Departure = [ProfileRuleKey, Record<string, string | number>];

export interface LifetimeResult {
  lifetime: number | null;
  source: FreshnessSource;
  heuristic: boolean;
  /** Profile rules that took a non-RFC branch for this response: [rule key, params]. */
  departures: Departure[];
}

/** Effective "no-cache" for the whole response under a profile (qualified no-cache="field" does not count). */
export function effectiveNoCache(f: ResponseFacts, profile: CacheProfile, departures?: LifetimeResult['departures']): boolean {
  if (f.ccf.unqualifiedNoCache) return true;
  if (f.ccf.noCache && profile.qualifiedNoCache.value === 'whole-response') {
    departures?.push(['qualifiedNoCache', {}]);
    return true;
  }
  if (!f.pragma.noCache) return false;
  const mode = profile.pragmaNoCache.value;
  const applies = mode === 'always' || (mode === 'without-cache-control' && f.ccLines === 0);
  if (applies && departures) departures.push(['pragmaNoCache', {}]);
  return applies;
}

export function freshnessLifetime(f: ResponseFacts, kind: CacheKind, profile: CacheProfile): LifetimeResult {
  const departures: LifetimeResult['departures'] = [];
  lifetimeInto(f, kind, profile, departures);
  return { lifetime: LT.lifetime, source: LT.source, heuristic: LT.heuristic, departures };
}

/**
 * freshnessLifetime() without a result object per call: the answer is left in LT (read at once by the caller, all
 * synchronous) and the departures are pushed onto the caller's list, when it keeps one.
 */
const LT: { lifetime: number | null; source: FreshnessSource; heuristic: boolean } = { lifetime: null, source: 'none', heuristic: false };

function set(lifetime: number | null, source: FreshnessSource, heuristic: boolean): void {
  LT.lifetime = lifetime;
  LT.source = source;
  LT.heuristic = heuristic;
}

function lifetimeInto(
  f: ResponseFacts,
  kind: CacheKind,
  profile: CacheProfile,
  departures: LifetimeResult['departures'] | undefined,
): void {
  const cc = f.ccf; // f.cc's names and deltas, read once per parse
  const s = cc.sMaxage;
  if (kind === 'shared' && s !== undefined) {
    set(s.seconds ?? 0, 's-maxage', false);
    return;
  }
  let maxAge = cc.maxAge;
  if (maxAge && maxAge.spaced && profile.spaceBeforeEquals.value === 'ignored') maxAge = undefined;
  if (maxAge && maxAge.overflow && profile.hugeValues.value === 'expired') {
    departures?.push(['hugeValues', {}]);
    set(0, 'max-age', false);
    return;
  }
  if (maxAge) {
    const pick = profile.duplicateDelta.value;
    if (maxAge.conflict && pick !== 'stale' && !maxAge.quoted) {
      const value = pick === 'first' ? maxAge.first : maxAge.last;
      if (value !== null) {
        departures?.push(['duplicateDelta', { name: 'max-age', value }]);
        set(value, 'max-age', false);
        return;
      }
    }
    if (maxAge.seconds !== null && (!maxAge.quoted || profile.acceptsQuotedDelta.value)) {
      set(maxAge.seconds, 'max-age', false);
      return;
    }
    if (maxAge.seconds !== null) departures?.push(['acceptsQuotedDelta', { name: 'max-age' }]);
    else if (maxAge.invalid && !maxAge.quoted && maxAge.leadingDigits !== null && profile.deltaParsing.value === 'leading-digits') {
      departures?.push(['deltaParsing', { value: maxAge.leadingDigits }]);
      set(maxAge.leadingDigits, 'max-age', false);
      return;
    } else if (profile.invalidMaxAge.value === 'stale') {
      set(0, 'max-age', false);
      return;
    } else departures?.push(['invalidMaxAge', {}]);
  }
  const dateValue = f.date.time ?? f.responseTime;
  if (f.expires.raw !== null) {
    // RFC 9111 §5.3: invalid dates (especially "0") mean already expired; §4.2.1: conflicting values, stale.
    let exp = f.expires.time;
    let multiple = f.expires.multiple;
    if (profile.lenientExpires.value) {
      // Browsers read malformed dates leniently and use the first of several Expires lines.
      if (exp === null && f.expires.raw) {
        exp = parseHttpDateLenient(f.expires.raw);
        if (exp !== null) departures?.push(['lenientExpires', {}]);
      }
      multiple = false;
    }
    if (exp !== null && exp >= 4294967296 && profile.hugeValues.value === 'expired') {
      departures?.push(['hugeValues', {}]);
      exp = null;
    }
    const lifetime = exp === null || multiple ? 0 : Math.max(0, exp - dateValue);
    set(lifetime, 'expires', false);
    return;
  }
  const status = f.status;
  if (profile.permanentStatuses.value.has(status)) {
    departures?.push(['permanentStatuses', { status }]);
    set(CAP, 'heuristic', true);
    return;
  }
  const isPublic = cc.public;
  const rfcAllows = HEURISTIC_STATUSES.has(status) || isPublic;
  let allowed = profile.heuristicStatuses.value.has(status) || (isPublic && profile.heuristicWithPublic.value);
  const limit = profile.heuristicStatusLimit.value;
  const overLimit = limit !== null && status >= limit;
  const lm = f.lastModified.time;
  const usableLm = lm !== null && lm <= dateValue;
  if (overLimit) {
    if (rfcAllows && usableLm) departures?.push(['heuristicStatusLimit', { status }]);
    allowed = false;
  } else if (!allowed && rfcAllows && usableLm) {
    departures?.push(
      profile.heuristicStatuses.value.has(status) || !isPublic ? ['heuristicStatuses', { status }] : ['heuristicWithPublic', {}],
    );
  }
  if (allowed && profile.heuristicBlockedByMustRevalidate.value && cc.mustRevalidate) {
    if (usableLm) departures?.push(['heuristicBlockedByMustRevalidate', {}]);
    allowed = false;
  }
  if (!allowed || !usableLm) {
    set(null, 'none', false);
    return;
  }
  const rfcLifetime = Math.floor((dateValue - lm) * profile.heuristicFraction.value);
  const cap = profile.heuristicCap.value;
  let lifetime = rfcLifetime;
  if (cap !== null && lifetime > cap) {
    lifetime = cap;
    departures?.push(['heuristicCap', { lifetime, rfcLifetime }]);
  }
  set(lifetime, 'heuristic', true);
}

export interface ViewResult {
  view: CacheView;
  reason: StoreReason;
  noCache: boolean;
  /** Inside the stale-while-revalidate window at now. */
  swrOpen: boolean;
  departures: readonly Departure[];
}

/**
 * Per storability reason: whether it allows storing ("ok-..."), its sentence, and whether the sentence has
 * placeholders (the others are used as they are, no parameters object per view). One Map lookup per view.
 */
interface ReasonText {
  ok: boolean;
  text: string;
  filled: boolean;
}
const REASON_TEXT = new Map<StoreReason, ReasonText>(
  (Object.keys(STORE_WHY) as StoreReason[]).map((r) => [
    r,
    { ok: r.startsWith('ok-'), text: STORE_WHY[r], filled: /\{\w+\}/.test(STORE_WHY[r]) },
  ]),
);
/**
 * Empty lists shared, frozen, between views (read-only, like the memoised directive lists): no departures (every view
 * but the private one under a browser profile) and no browser notes (the shared view, and most private ones).
 */
export const NO_NOTES: readonly string[] = Object.freeze([]);
const NO_DEPARTURES: readonly Departure[] = Object.freeze([]);
const SCRATCH_DEPARTURES: LifetimeResult['departures'] = [];

/**
 * The storability sentences with a status or method filled in, kept per reason and status / method: a recording has
 * few of each, and the same sentence is then one shared string instead of a new one per view. Bounded.
 */
const STORE_WHY_KEPT = new Map<StoreReason, Map<number | string, string>>();

function storeWhy(reason: StoreReason, status: number, method: string): string {
  let kept = STORE_WHY_KEPT.get(reason);
  if (kept === undefined) STORE_WHY_KEPT.set(reason, (kept = new Map<number | string, string>()));
  // Each of these sentences names the status or the method, never both (STORE_WHY).
  const key = reason === 'method' ? method : status;
  let text = kept.get(key);
  if (text === undefined) {
    text = fill(STORE_WHY[reason], { status, method });
    if (kept.size >= 256) kept.clear();
    kept.set(key, text);
  }
  return text;
}

export function computeView(f: ResponseFacts, kind: CacheKind, profile: CacheProfile, now: number): ViewResult {
  // The shared view is always the RFC's: a CDN or proxy is not the browser.
  const p = kind === 'shared' ? RFC : profile;
  const reason = judgeStorability(f, kind, p);
  const why = REASON_TEXT.get(reason)!; // every StoreReason has its entry (built from STORE_WHY)
  const storable = why.ok;
  // Age as the profile reads it (Firefox reads "7200.0" as 7200 and "-1" as very old).
  const ageValue = f.age.value ?? (p.ageParsing.value === 'leading-digits' ? (f.age.lenient ?? null) : null);
  // currentAge(f, now), inline (no result object per view).
  const dateValue = f.date.time ?? f.responseTime;
  const correctedInitialAge = Math.max(
    Math.max(0, f.responseTime - dateValue),
    (ageValue ?? 0) + Math.max(0, f.responseTime - f.requestTime),
  );
  const currentAge = correctedInitialAge + Math.max(0, now - f.responseTime);
  // Departures only matter for the private view under a browser profile (browserNotes); the others skip the list.
  // Collected on a scratch list (computeView is synchronous), copied out only when there are some.
  const wantDepartures = kind === 'private' && profile.id !== 'rfc';
  const departures: LifetimeResult['departures'] | undefined = wantDepartures ? SCRATCH_DEPARTURES : undefined;
  if (departures && departures.length) departures.length = 0; // (setting length is a runtime call: only when needed)
  const noCache = effectiveNoCache(f, p, departures);
  if (storable) lifetimeInto(f, kind, p, departures);
  else set(null, 'none', false);
  const lifetime = LT.lifetime;
  const source = LT.source;
  const heuristic = LT.heuristic;
  const fresh = lifetime !== null && lifetime > currentAge;
  const cc = f.ccf;
  const swr = cc.staleWhileRevalidate;
  const sie = cc.staleIfError;
  const revalidateDirective = cc.mustRevalidate || (kind === 'shared' && (cc.proxyRevalidate || cc.hasSMaxage));
  const swrOpen =
    storable && !fresh && !noCache && !revalidateDirective && swr !== null && lifetime !== null && currentAge < lifetime + swr;
  const varyStar = f.vary.star;
  const freshUntil = lifetime !== null && lifetime > correctedInitialAge ? f.responseTime + lifetime - correctedInitialAge : null;
  const view: CacheView = {
    kind,
    storable,
    storableWhy: why.filled ? storeWhy(reason, f.status, f.method) : why.text,
    freshnessLifetime: storable ? lifetime : null,
    freshnessSource: storable ? source : 'none',
    heuristic: storable && heuristic,
    currentAge,
    fresh: storable && fresh,
    freshUntil: storable ? freshUntil : null,
    remaining: storable && lifetime !== null ? lifetime - currentAge : null,
    mustRevalidate: storable && (noCache || varyStar || (!fresh && !swrOpen)),
    staleWhileRevalidate: swr,
    staleIfError: sie,
    mayServeStale: storable && !noCache && !revalidateDirective,
    browserNotes: NO_NOTES,
  };
  return { view, reason, noCache, swrOpen, departures: departures && departures.length ? departures.slice() : NO_DEPARTURES };
}

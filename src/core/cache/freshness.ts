/**
 * Storability (RFC 9111 §3), freshness lifetime (§4.2.1, §4.2.2), current age (§4.2.3) and what may be served
 * stale (§4.2.4, RFC 5861), for one cache kind under one profile. Pure and allocation-light: it runs for every
 * exchange of a recording.
 */
import type { CacheKind, CacheView, FreshnessSource } from '../explanation';
import type { Finding, HeaderList } from '../types';
import {
  DELTA_CAP,
  parseAge,
  parseCacheControl,
  parseDateField,
  parseDateValue,
  parseImfFixdateFast,
  parseHttpDateLenient,
  parseETag,
  parsePragma,
  parseVary,
  type DateField,
  type ParsedAge,
  type ParsedCacheControl,
  type ParsedETag,
  type ParsedHttpDate,
  type ParsedPragma,
  type ParsedVary,
} from './parsers';
import { PROFILES, RFC_HEURISTIC_STATUSES, UNDERSTOOD_STATUSES, type CacheProfile } from './profiles';

/** The header names the cache engine reads are RES_SLOTS / REQ_SLOTS below (collectSlots); collect() is the general form. */
/** Header names as written → lower-case wanted name, or '' when not wanted. Names repeat across a recording. */
const nameCache = new WeakMap<ReadonlySet<string>, Map<string, string>>();
const lengthCache = new WeakMap<ReadonlySet<string>, Set<number>>();

export function collect(headers: HeaderList | undefined, wanted: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!Array.isArray(headers)) return out;
  let names = nameCache.get(wanted);
  if (!names) nameCache.set(wanted, (names = new Map()));
  let lengths = lengthCache.get(wanted);
  if (!lengths) lengthCache.set(wanted, (lengths = new Set([...wanted].map((n) => n.length))));
  for (const h of headers) {
    if (!h || typeof h.name !== 'string' || !lengths.has(h.name.length)) continue;
    let name = names.get(h.name);
    if (name === undefined) {
      const lower = h.name.toLowerCase();
      name = wanted.has(lower) ? lower : '';
      if (names.size >= 4096) names.clear();
      names.set(h.name, name);
    }
    if (name === '') continue;
    const value = typeof h.value === 'string' ? h.value : String(h.value ?? '');
    let list = out.get(name);
    if (!list) out.set(name, (list = []));
    // Firefox (and HARs it writes) join repeated field lines with "\n"; a field value cannot hold a newline.
    if (value.indexOf('\n') < 0) list.push(value);
    else for (const part of value.split('\n', 64)) list.push(part.trim());
  }
  return out;
}

const NONE: readonly string[] = [];

/**
 * The same one-pass collection as collect(), into fixed slots (no Map, no lower-cased copies): names are compared
 * case-insensitively in place against the few wanted names of the same length. Non-ASCII names fall back to
 * toLowerCase() so the result is exactly collect()'s (U+212A KELVIN SIGN lower-cases to "k").
 */
interface SlotTable {
  names: readonly string[];
  /** By name length: the slots whose lower-case name has that length. */
  byLength: ReadonlyArray<readonly number[] | undefined>;
  /**
   * By name length * 32 + first letter (a = 1): slot + 1 when exactly one wanted name has that length and first
   * letter, -1 when several (then byLength decides), 0 when none: most names are ruled out without comparing them.
   */
  byFirst: Int8Array;
  /** Each name as servers usually write it on HTTP/1.1 ("Cache-Control", "ETag"): an exact match needs no case walk. */
  usual: readonly string[];
}

function slotTable(names: readonly string[]): SlotTable {
  const byLength: number[][] = [];
  names.forEach((n, i) => (byLength[n.length] ??= []).push(i));
  const byFirst = new Int8Array(byLength.length * 32);
  names.forEach((n, i) => {
    const first = n.charCodeAt(0) - 0x60;
    if (first >= 1 && first <= 26) {
      const key = n.length * 32 + first;
      byFirst[key] = byFirst[key] === 0 ? i + 1 : -1;
    } else byFirst.fill(-1, n.length * 32, n.length * 32 + 32); // not a-z: that length always goes through byLength
  });
  const usual = names.map((n) => (n === 'etag' ? 'ETag' : n.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase())));
  return { names, byLength, byFirst, usual };
}

function sameName(name: string, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = name.charCodeAt(i);
    const t = lower.charCodeAt(i);
    if (c === t) continue;
    if (c > 0x7f) return name.toLowerCase() === lower;
    if (c < 0x41 || c > 0x5a || c + 0x20 !== t) return false;
  }
  return true;
}

export function collectSlots(headers: HeaderList | undefined, table: SlotTable): Array<string[] | undefined> {
  const out: Array<string[] | undefined> = new Array(table.names.length);
  if (!Array.isArray(headers)) return out;
  const byLength = table.byLength;
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    if (!h) continue;
    const name = h.name;
    if (typeof name !== 'string') continue;
    const slots = byLength[name.length];
    if (slots === undefined) continue;
    let slot = -1;
    for (let k = 0; k < slots.length; k++) {
      if (sameName(name, table.names[slots[k]])) {
        slot = slots[k];
        break;
      }
    }
    if (slot < 0) continue;
    const value = typeof h.value === 'string' ? h.value : String(h.value ?? '');
    const list = out[slot];
    // Firefox (and HARs it writes) join repeated field lines with "\n"; a field value cannot hold a newline.
    if (value.indexOf('\n') < 0) {
      if (list) list.push(value);
      else out[slot] = [value]; // exact-size array: most fields come once
    } else {
      const parts = value.split('\n', 64);
      for (let k = 0; k < parts.length; k++) parts[k] = parts[k].trim();
      if (list) list.push(...parts);
      else out[slot] = parts;
    }
  }
  return out;
}

/** Absent Date/Expires/Last-Modified and Age, shared (facts are read-only): what the parsers return for no lines. */
const NO_DATE: DateField = Object.freeze({ time: null, format: null, raw: null, multiple: false });
const NO_FINDINGS = Object.freeze([]) as unknown as Finding[];
const NO_AGE: ParsedAge = Object.freeze({ value: null, findings: NO_FINDINGS });

// Slot numbers: the order of these lists.
export const RES_SLOTS = slotTable(['cache-control', 'pragma', 'expires', 'date', 'age', 'last-modified', 'etag', 'vary', 'set-cookie', 'content-location']);
export const REQ_SLOTS = slotTable(['cache-control', 'pragma', 'authorization', 'if-none-match', 'if-modified-since']);

/**
 * Cache-Control values repeat across a recording ("public, max-age=31536000, immutable" on every asset), so
 * parsed results are shared. They are read-only by convention: nothing downstream mutates a ParsedCacheControl.
 */
const ccMemo = { response: new Map<string, ParsedCacheControl>(), request: new Map<string, ParsedCacheControl>() };
const MEMO_MAX_KEY = 512;

function memoOne<T>(memo: Map<string, T>, lines: readonly string[], parse: (lines: readonly string[]) => T): T {
  if (lines.length !== 1 || lines[0].length > MEMO_MAX_KEY) return parse(lines);
  const hit = memo.get(lines[0]);
  if (hit) return hit;
  const parsed = parse(lines);
  if (memo.size >= 2048) memo.clear();
  memo.set(lines[0], parsed);
  return parsed;
}

const parseResponseCc = (lines: readonly string[]) => parseCacheControl(lines, 'response');
const parseRequestCc = (lines: readonly string[]) => parseCacheControl(lines, 'request');
const varyMemo = new Map<string, ParsedVary>();
const pragmaMemo = new Map<string, ParsedPragma>();
const EMPTY_VARY: ParsedVary = { fields: [], star: false };
const EMPTY_PRAGMA: ParsedPragma = { tokens: [], noCache: false };

/** No Cache-Control field (most requests): one shared, frozen empty result instead of a new one per exchange. */
const NO_CC: ParsedCacheControl = Object.freeze(parseCacheControl([], 'request'));
Object.freeze(NO_CC.directives);
Object.freeze(NO_CC.findings);


/** Everything the cache engine knows about one response, parsed once. */
export interface ResponseFacts {
  url: string;
  method: string;
  status: number;
  cc: ParsedCacheControl;
  /** Number of Cache-Control field lines. */
  ccLines: number;
  reqCc: ParsedCacheControl;
  pragma: ParsedPragma;
  reqPragma: ParsedPragma;
  vary: ParsedVary;
  date: DateField;
  expires: DateField;
  lastModified: DateField;
  age: ParsedAge;
  etag: ParsedETag | null;
  etagCount: number;
  hasAuthorization: boolean;
  hasSetCookie: boolean;
  contentLocation: string | null;
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
  /** Epoch seconds. */
  requestTime: number;
  responseTime: number;
}

/**
 * What buildFacts reads from one header list: per slot, undefined (absent), the value as recorded (one field line,
 * the usual case) or the values of several field lines; `presenceOnly` slots hold '' when present, their values are
 * never read. The Firefox newline split is left to splitLines(), run only where a value is parsed (a memo hit or an
 * IMF-fixdate needs none). collectSlots() without the per-slot arrays, written into a scratch array reused by every
 * call (buildFacts is synchronous and hands on strings only, never the scratch itself).
 */
type FieldValue = string | string[] | undefined;

export function scanFields(headers: HeaderList | undefined, table: SlotTable, out: FieldValue[], presenceOnly = -1): FieldValue[] {
  for (let k = 0; k < out.length; k++) out[k] = undefined; // (a loop: Array.prototype.fill is a slow builtin call here)
  if (!Array.isArray(headers)) return out;
  const byLength = table.byLength;
  const byFirst = table.byFirst;
  const names = table.names;
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    if (!h) continue;
    const name = h.name;
    if (typeof name !== 'string') continue;
    const len = name.length;
    if (len >= byLength.length || len === 0) continue;
    let slot = -1;
    const c0 = name.charCodeAt(0);
    const entry = c0 < 0x80 ? byFirst[len * 32 + (((c0 | 0x20) - 0x60) & 31)] : -1;
    if (entry > 0) {
      // An ASCII first character: it is the wanted name's first letter in either case, or no wanted name matches.
      const lower = names[entry - 1];
      if (name === lower || name === table.usual[entry - 1] || ((c0 | 0x20) === lower.charCodeAt(0) && sameName(name, lower))) slot = entry - 1;
    } else if (entry < 0) {
      const slots = byLength[len];
      if (slots !== undefined) {
        for (let k = 0; k < slots.length; k++) {
          if (sameName(name, names[slots[k]])) {
            slot = slots[k];
            break;
          }
        }
      }
    }
    if (slot < 0) continue;
    if (slot === presenceOnly) {
      out[slot] = '';
      continue;
    }
    const value = typeof h.value === 'string' ? h.value : String(h.value ?? '');
    const cur = out[slot];
    if (cur === undefined) out[slot] = value;
    else if (typeof cur === 'string') out[slot] = [cur, value];
    else cur.push(value);
  }
  return out;
}

/**
 * A scanned field as its list of lines, exactly collect()'s: Firefox (and HARs it writes) join repeated field lines
 * with "\n" (a field value cannot hold a newline), so such a value is split and its parts trimmed.
 */
export function splitLines(v: FieldValue): readonly string[] {
  if (v === undefined) return NONE;
  if (typeof v === 'string') return v.indexOf('\n') < 0 ? [v] : splitValue(v);
  let out: string[] | null = null;
  for (let k = 0; k < v.length; k++) {
    if (v[k].indexOf('\n') < 0) {
      if (out) out.push(v[k]);
    } else {
      out ??= v.slice(0, k);
      out.push(...splitValue(v[k]));
    }
  }
  return out ?? v;
}

function splitValue(value: string): string[] {
  const parts = value.split('\n', 64);
  for (let k = 0; k < parts.length; k++) parts[k] = parts[k].trim();
  return parts;
}

/** The first line of a scanned field (null when absent). */
function firstLine(v: FieldValue): string | null {
  if (v === undefined) return null;
  if (typeof v === 'string' && v.indexOf('\n') < 0) return v;
  return splitLines(v)[0];
}

const RES_SCRATCH: FieldValue[] = new Array<FieldValue>(RES_SLOTS.names.length).fill(undefined);
const REQ_SCRATCH: FieldValue[] = new Array<FieldValue>(REQ_SLOTS.names.length).fill(undefined);
const SET_COOKIE_SLOT = RES_SLOTS.names.indexOf('set-cookie');
const AUTHORIZATION_SLOT = REQ_SLOTS.names.indexOf('authorization');

/**
 * memoOne for a scanned field: a value sent on one field line is looked up as recorded (no newline check, no list),
 * and parsed from its lines on a miss; the result depends on the value only, so a joined value is a key as good as any.
 */
function memoField<T>(memo: Map<string, T>, v: string | string[], parse: (lines: readonly string[]) => T): T {
  if (typeof v !== 'string' || v.length > MEMO_MAX_KEY) return memoOne(memo, splitLines(v), parse);
  const hit = memo.get(v);
  if (hit) return hit;
  const parsed = parse(splitLines(v));
  if (memo.size >= 2048) memo.clear();
  memo.set(v, parsed);
  return parsed;
}

function ccField(v: FieldValue, context: 'response' | 'request'): ParsedCacheControl {
  if (v === undefined) return NO_CC;
  return memoField(ccMemo[context], v, context === 'response' ? parseResponseCc : parseRequestCc);
}

/**
 * The last IMF-fixdate read and its time: exchanges recorded in the same second share their Date (and a resource its
 * Last-Modified), so the next one is often the same string and needs no parsing.
 */
let lastImfRaw = '';
let lastImf: ParsedHttpDate = { time: null, format: null };

function dateField(v: string | string[], nowSeconds: number): DateField {
  if (typeof v === 'string') {
    if (v === lastImfRaw) return { time: lastImf.time, format: lastImf.format, raw: v, multiple: false };
    // An IMF-fixdate is checked at all 29 positions, so it holds no newline: no split needed.
    const fast = parseImfFixdateFast(v);
    if (fast) {
      lastImfRaw = v;
      lastImf = fast;
      return { time: fast.time, format: fast.format, raw: v, multiple: false };
    }
    if (v.indexOf('\n') < 0) return parseDateValue(v, nowSeconds);
  }
  return parseDateField(splitLines(v), nowSeconds);
}

/** Age: a plain number (nearly every Age) is read in place; anything else goes through parseAge and its findings. */
function ageField(v: string | string[]): ParsedAge {
  if (typeof v === 'string' && v.length > 0 && v.length <= 12) {
    let n = 0;
    let k = 0;
    for (; k < v.length; k++) {
      const c = v.charCodeAt(k);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
    }
    if (k === v.length) return { value: Math.min(n, DELTA_CAP), findings: NO_FINDINGS };
  }
  return parseAge(splitLines(v));
}

export function buildFacts(
  x: { url: string; method: string; requestHeaders: HeaderList; requestTimeMs: number; responseTimeMs: number },
  status: number,
  responseHeaders: HeaderList,
  nowSeconds: number,
): ResponseFacts {
  const res = scanFields(responseHeaders, RES_SLOTS, RES_SCRATCH, SET_COOKIE_SLOT);
  const req = scanFields(x.requestHeaders, REQ_SLOTS, REQ_SCRATCH, AUTHORIZATION_SLOT);
  const responseTime = finiteSeconds(x.responseTimeMs, nowSeconds);
  const requestTime = Math.min(finiteSeconds(x.requestTimeMs, responseTime), responseTime);
  const cc = res[0];
  const etags = res[6];
  const method = x.method;
  const url = x.url;
  const pragma = res[1];
  const reqPragma = req[1];
  const vary = res[7];
  const date = res[3];
  const expires = res[2];
  const lastModified = res[5];
  const age = res[4];
  const contentLocation = res[9];
  const ifNoneMatch = req[3];
  const ifModifiedSince = req[4];
  return {
    url: typeof url === 'string' ? url : '',
    method: typeof method === 'string' ? (method === 'GET' ? 'GET' : method.toUpperCase()) : 'GET',
    status: Number.isFinite(status) ? status : 0,
    cc: ccField(cc, 'response'),
    ccLines: cc === undefined ? 0 : typeof cc === 'string' && cc.indexOf('\n') < 0 ? 1 : splitLines(cc).length,
    reqCc: ccField(req[0], 'request'),
    pragma: pragma === undefined ? EMPTY_PRAGMA : memoField(pragmaMemo, pragma, parsePragma),
    reqPragma: reqPragma === undefined ? EMPTY_PRAGMA : memoField(pragmaMemo, reqPragma, parsePragma),
    vary: vary === undefined ? EMPTY_VARY : memoField(varyMemo, vary, parseVary),
    date: date === undefined ? NO_DATE : dateField(date, nowSeconds),
    expires: expires === undefined ? NO_DATE : dateField(expires, nowSeconds),
    lastModified: lastModified === undefined ? NO_DATE : dateField(lastModified, nowSeconds),
    age: age === undefined ? NO_AGE : ageField(age),
    etag: etags === undefined ? null : parseETag(firstLine(etags)!),
    etagCount: etags === undefined ? 0 : typeof etags === 'string' && etags.indexOf('\n') < 0 ? 1 : splitLines(etags).length,
    hasAuthorization: req[AUTHORIZATION_SLOT] !== undefined,
    hasSetCookie: res[SET_COOKIE_SLOT] !== undefined,
    contentLocation: firstLine(contentLocation),
    ifNoneMatch: firstLine(ifNoneMatch),
    ifModifiedSince: firstLine(ifModifiedSince),
    requestTime,
    responseTime,
  };
}

function finiteSeconds(ms: number, fallback: number): number {
  return typeof ms === 'number' && Number.isFinite(ms) ? ms / 1000 : fallback;
}

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
  method: 'Not storable: responses to {method} are not cached (only GET and HEAD, or POST with explicit freshness and a matching Content-Location).',
  'not-final': 'Not storable: {status} is an interim response.',
  'status-304': 'A 304 is not stored itself: it freshens the response the cache already holds.',
  'request-no-store': 'Not storable: the request said Cache-Control: no-store.',
  'must-understand': 'Not storable: must-understand is set and status {status} is not one caches understand.',
  'no-store': 'Not storable: Cache-Control: no-store.',
  private: 'Not storable here: private forbids shared caches (CDNs, proxies) from storing it.',
  authorization:
    'Not storable here: the request carried Authorization and the response lacks public, s-maxage or must-revalidate.',
  status: 'Not storable: status {status} is not cacheable by default and nothing (max-age, Expires, public) allows it.',
};

export function hasUnqualified(cc: ParsedCacheControl, name: string): boolean {
  if (!cc.names.has(name)) return false;
  for (const d of cc.directives) if (d.name === name && (d.value === null || d.value.trim() === '')) return true;
  return false;
}

export function storability(f: ResponseFacts, kind: CacheKind, profile: CacheProfile = PROFILES.rfc): StoreReason {
  const cc = f.cc.names;
  if (f.status <= 0) return 'no-response';
  if (f.status < 200) return 'not-final';
  if (f.status === 304) return 'status-304';
  const explicit = cc.has('max-age') || f.expires.raw !== null || (kind === 'shared' && cc.has('s-maxage'));
  if (f.method !== 'GET' && f.method !== 'HEAD') {
    // RFC 9110 §9.3.3: POST responses are cacheable with explicit freshness and a Content-Location equal to the URL.
    const sameLocation = f.contentLocation !== null && resolvesTo(f.contentLocation, f.url);
    if (!(f.method === 'POST' && explicit && sameLocation)) return 'method';
  }
  if (f.reqCc.names.has('no-store')) return 'request-no-store';
  let noStore = cc.has('no-store');
  if (cc.has('must-understand') && profile.mustUnderstand.value) {
    if (!UNDERSTOOD_STATUSES.has(f.status)) return 'must-understand';
    noStore = false; // RFC 9111 §5.2.2.3: a cache that understands the status ignores no-store
  }
  if (noStore) return 'no-store';
  if (kind === 'shared' && hasUnqualified(f.cc, 'private')) return 'private';
  if (kind === 'shared' && f.hasAuthorization && !(cc.has('public') || cc.has('s-maxage') || cc.has('must-revalidate'))) {
    return 'authorization';
  }
  if (explicit) return 'ok-explicit';
  if (cc.has('public')) return 'ok-public';
  if (kind === 'private' && cc.has('private')) return 'ok-private';
  if (RFC_HEURISTIC_STATUSES.has(f.status)) return 'ok-heuristic-status';
  return 'status';
}

function resolvesTo(location: string, url: string): boolean {
  try {
    return new URL(location, url).href === new URL(url).href;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- freshness and age

export interface LifetimeResult {
  lifetime: number | null;
  source: FreshnessSource;
  heuristic: boolean;
  /** Profile rules that took a non-RFC branch for this response: [rule key, params]. */
  departures: Array<[keyof CacheProfile, Record<string, string | number>]>;
}

/** Effective "no-cache" for the whole response under a profile (qualified no-cache="field" does not count). */
export function effectiveNoCache(f: ResponseFacts, profile: CacheProfile, departures?: LifetimeResult['departures']): boolean {
  if (hasUnqualified(f.cc, 'no-cache')) return true;
  if (f.cc.names.has('no-cache') && profile.qualifiedNoCache.value === 'whole-response') {
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
  const cc = f.cc;
  if (kind === 'shared' && cc.deltas.has('s-maxage')) {
    const s = cc.deltas.get('s-maxage')!;
    return { lifetime: s.seconds ?? 0, source: 's-maxage', heuristic: false, departures };
  }
  let maxAge = cc.deltas.get('max-age');
  if (maxAge && maxAge.spaced && profile.spaceBeforeEquals.value === 'ignored') maxAge = undefined;
  if (maxAge && maxAge.overflow && profile.hugeValues.value === 'expired') {
    departures.push(['hugeValues', {}]);
    return { lifetime: 0, source: 'max-age', heuristic: false, departures };
  }
  if (maxAge) {
    const pick = profile.duplicateDelta.value;
    if (maxAge.conflict && pick !== 'stale' && !maxAge.quoted) {
      const value = pick === 'first' ? maxAge.first : maxAge.last;
      if (value !== null) {
        departures.push(['duplicateDelta', { name: 'max-age', value }]);
        return { lifetime: value, source: 'max-age', heuristic: false, departures };
      }
    }
    if (maxAge.seconds !== null && (!maxAge.quoted || profile.acceptsQuotedDelta.value)) {
      return { lifetime: maxAge.seconds, source: 'max-age', heuristic: false, departures };
    }
    if (maxAge.seconds !== null) departures.push(['acceptsQuotedDelta', { name: 'max-age' }]);
    else if (maxAge.invalid && !maxAge.quoted && maxAge.leadingDigits !== null && profile.deltaParsing.value === 'leading-digits') {
      departures.push(['deltaParsing', { value: maxAge.leadingDigits }]);
      return { lifetime: maxAge.leadingDigits, source: 'max-age', heuristic: false, departures };
    } else if (profile.invalidMaxAge.value === 'stale') {
      return { lifetime: 0, source: 'max-age', heuristic: false, departures };
    } else departures.push(['invalidMaxAge', {}]);
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
        if (exp !== null) departures.push(['lenientExpires', {}]);
      }
      multiple = false;
    }
    if (exp !== null && exp >= 4294967296 && profile.hugeValues.value === 'expired') {
      departures.push(['hugeValues', {}]);
      exp = null;
    }
    const lifetime = exp === null || multiple ? 0 : Math.max(0, exp - dateValue);
    return { lifetime, source: 'expires', heuristic: false, departures };
  }
  const status = f.status;
  if (profile.permanentStatuses.value.has(status)) {
    departures.push(['permanentStatuses', { status }]);
    return { lifetime: DELTA_CAP, source: 'heuristic', heuristic: true, departures };
  }
  const isPublic = cc.names.has('public');
  const rfcAllows = RFC_HEURISTIC_STATUSES.has(status) || isPublic;
  let allowed = profile.heuristicStatuses.value.has(status) || (isPublic && profile.heuristicWithPublic.value);
  const limit = profile.heuristicStatusLimit.value;
  const overLimit = limit !== null && status >= limit;
  const lm = f.lastModified.time;
  const usableLm = lm !== null && lm <= dateValue;
  if (overLimit) {
    if (rfcAllows && usableLm) departures.push(['heuristicStatusLimit', { status }]);
    allowed = false;
  } else if (!allowed && rfcAllows && usableLm) {
    departures.push(
      profile.heuristicStatuses.value.has(status) || !isPublic ? ['heuristicStatuses', { status }] : ['heuristicWithPublic', {}],
    );
  }
  if (allowed && profile.heuristicBlockedByMustRevalidate.value && cc.names.has('must-revalidate')) {
    if (usableLm) departures.push(['heuristicBlockedByMustRevalidate', {}]);
    allowed = false;
  }
  if (!allowed || !usableLm) return { lifetime: null, source: 'none', heuristic: false, departures };
  const rfcLifetime = Math.floor((dateValue - lm) / 10);
  const cap = profile.heuristicCap.value;
  let lifetime = rfcLifetime;
  if (cap !== null && lifetime > cap) {
    lifetime = cap;
    departures.push(['heuristicCap', { lifetime, rfcLifetime }]);
  }
  return { lifetime, source: 'heuristic', heuristic: true, departures };
}

export interface AgeResult {
  correctedInitialAge: number;
  currentAge: number;
}

/** RFC 9111 §4.2.3, exactly (with the conservative max(apparent_age, corrected_age_value)). */
export function currentAge(f: ResponseFacts, now: number): AgeResult {
  const dateValue = f.date.time ?? f.responseTime;
  const apparentAge = Math.max(0, f.responseTime - dateValue);
  const responseDelay = Math.max(0, f.responseTime - f.requestTime);
  const correctedAgeValue = (f.age.value ?? 0) + responseDelay;
  const correctedInitialAge = Math.max(apparentAge, correctedAgeValue);
  const residentTime = Math.max(0, now - f.responseTime);
  return { correctedInitialAge, currentAge: correctedInitialAge + residentTime };
}

export interface ViewResult {
  view: CacheView;
  reason: StoreReason;
  noCache: boolean;
  /** Inside the stale-while-revalidate window at now. */
  swrOpen: boolean;
  departures: LifetimeResult['departures'];
}

const NOT_STORED: LifetimeResult = Object.freeze({ lifetime: null, source: 'none', heuristic: false, departures: Object.freeze([]) as unknown as LifetimeResult['departures'] });

/** The storability sentences with placeholders; the others are used as they are (no parameters object per view). */
const STORE_WHY_FILLED: Readonly<Record<StoreReason, boolean>> = Object.fromEntries(
  (Object.keys(STORE_WHY) as StoreReason[]).map((r) => [r, /\{\w+\}/.test(STORE_WHY[r])]),
) as Record<StoreReason, boolean>;
/**
 * Empty lists shared, frozen, between views (read-only, like the memoised directive lists): no departures (every view
 * but the private one under a browser profile) and no browser notes (the shared view, and most private ones).
 */
export const NO_NOTES = Object.freeze([]) as unknown as string[];
const NO_DEPARTURES = Object.freeze([]) as unknown as LifetimeResult['departures'];

export function computeView(f: ResponseFacts, kind: CacheKind, profile: CacheProfile, now: number): ViewResult {
  // The shared view is always the RFC's: a CDN or proxy is not the browser.
  const p = kind === 'shared' ? PROFILES.rfc : profile;
  const reason = storability(f, kind, p);
  const storable = reason.startsWith('ok-');
  // Age as the profile reads it (Firefox reads "7200.0" as 7200 and "-1" as very old).
  const ageValue = f.age.value ?? (p.ageParsing.value === 'leading-digits' ? (f.age.lenient ?? null) : null);
  // currentAge(f, now), inline (no result object per view).
  const dateValue = f.date.time ?? f.responseTime;
  const correctedInitialAge = Math.max(
    Math.max(0, f.responseTime - dateValue),
    (ageValue ?? 0) + Math.max(0, f.responseTime - f.requestTime),
  );
  const age = { correctedInitialAge, currentAge: correctedInitialAge + Math.max(0, now - f.responseTime) };
  // Departures only matter for the private view under a browser profile (browserNotes); the others skip the list.
  const wantDepartures = kind === 'private' && profile.id !== 'rfc';
  const departures: LifetimeResult['departures'] | undefined = wantDepartures ? [] : undefined;
  const noCache = effectiveNoCache(f, p, departures);
  const lt: LifetimeResult = storable ? freshnessLifetime(f, kind, p) : NOT_STORED;
  if (departures && lt.departures.length) departures.push(...lt.departures);
  const lifetime = lt.lifetime;
  const fresh = lifetime !== null && lifetime > age.currentAge;
  const cc = f.cc;
  const swr = cc.deltas.get('stale-while-revalidate')?.seconds ?? null;
  const sie = cc.deltas.get('stale-if-error')?.seconds ?? null;
  const revalidateDirective =
    cc.names.has('must-revalidate') || (kind === 'shared' && (cc.names.has('proxy-revalidate') || cc.names.has('s-maxage')));
  const swrOpen =
    storable &&
    !fresh &&
    !noCache &&
    !revalidateDirective &&
    swr !== null &&
    lifetime !== null &&
    age.currentAge < lifetime + swr;
  const varyStar = f.vary.star;
  const freshUntil =
    lifetime !== null && lifetime > age.correctedInitialAge ? f.responseTime + lifetime - age.correctedInitialAge : null;
  const view: CacheView = {
    kind,
    storable,
    storableWhy: STORE_WHY_FILLED[reason] ? fill(STORE_WHY[reason], { status: f.status, method: f.method }) : STORE_WHY[reason],
    freshnessLifetime: storable ? lifetime : null,
    freshnessSource: storable ? lt.source : 'none',
    heuristic: storable && lt.heuristic,
    currentAge: age.currentAge,
    fresh: storable && fresh,
    freshUntil: storable ? freshUntil : null,
    remaining: storable && lifetime !== null ? lifetime - age.currentAge : null,
    mustRevalidate: storable && (noCache || varyStar || (!fresh && !swrOpen)),
    staleWhileRevalidate: swr,
    staleIfError: sie,
    mayServeStale: storable && !noCache && !revalidateDirective,
    browserNotes: NO_NOTES,
  };
  return { view, reason, noCache, swrOpen, departures: departures ?? NO_DEPARTURES };
}

/** Templates split once into literal / key parts (odd indices are keys): filling runs per exchange. */
const compiled = new Map<string, string[]>();

function compile(template: string): string[] {
  const parts: string[] = [];
  let literal = '';
  let at = 0;
  for (;;) {
    const open = template.indexOf('{', at);
    const close = open < 0 ? -1 : template.indexOf('}', open);
    if (close < 0) break;
    const key = template.slice(open + 1, close);
    if (/^\w+$/.test(key)) {
      parts.push(literal + template.slice(at, open), key);
      literal = '';
    } else literal += template.slice(at, close + 1);
    at = close + 1;
  }
  parts.push(literal + template.slice(at));
  return parts;
}

/** Fill `{key}` placeholders from params; unknown keys stay as written. */
export function fill(template: string, params: Record<string, string | number>): string {
  if (template.indexOf('{') < 0) return template;
  let parts = compiled.get(template);
  if (!parts) {
    parts = compile(template);
    if (compiled.size >= 512) compiled.clear();
    compiled.set(template, parts);
  }
  let out = '';
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (k % 2 === 0) out += p;
    else out += p in params ? String(params[p]) : `{${p}}`;
  }
  return out;
}

/**
 * Cache status: reading the provider's status field(s) into tiers and normalising them.
 * Tiers are kept nearest-the-browser first. Values are read by word and table lookup, never by substring.
 */
import { parseList, Token } from 'structured-headers';
import type { CacheStatusEntry, CdnCacheStatus } from '../explanation';
import { anyText } from '../loose';
import type { StatusSource, StatusTable } from './providers';

/** Work caps: a header longer than this is truncated before parsing; more tiers than this are ignored. */
export const MAX_FIELD_CHARS = 16 * 1024;
export const MAX_TIERS = 32;

export interface Tier {
  status: CdnCacheStatus;
  /** The entry as written ("MISS", "Hit from cloudfront", "\"Netlify Edge\"; fwd=miss"). */
  raw: string;
  /** Which header it came from. */
  header: string;
  /** RFC 9211 cache name, when there is one. */
  cache?: string;
}

export interface StatusReading {
  status: CdnCacheStatus;
  raw: string;
  tiers: Tier[];
  /** Index in `tiers` of the tier whose status won (0 = nearest the browser). */
  decidedBy: number;
  header: string;
}

/** Comma split that respects double quotes and parentheses (Akamai X-Cache carries "(AkamaiGHost/...)"). */
export function splitEntries(value: string, max = MAX_TIERS): string[] {
  if (max >= 1 && value.indexOf(',') < 0) {
    // No comma (most fields): one entry, the whole (capped) value, and no list grown entry by entry.
    const only = (value.length > MAX_FIELD_CHARS ? value.slice(0, MAX_FIELD_CHARS) : value).trim();
    return only ? [only] : [];
  }
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  const text = value.length > MAX_FIELD_CHARS ? value.slice(0, MAX_FIELD_CHARS) : value;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 92 /* \ */) i++;
      else if (c === 34) quoted = false;
    } else if (c === 34) quoted = true;
    else if (c === 40) depth++;
    else if (c === 41 && depth > 0) depth--;
    else if (c === 44 && depth === 0) {
      const part = text.slice(start, i).trim();
      if (part) out.push(part);
      start = i + 1;
    }
  }
  if (out.length < max) {
    const last = text.slice(start).trim();
    if (last) out.push(last);
  }
  return out;
}

/**
 * The status of one tier: the longest word (upper-cased, hit counters dropped) found in the table. Caches that
 * write one entry per layer append that layer's hit count: "hit/7" (Wikimedia ATS), "hit(4)" (Varnish X-Cache VCL
 * of the 2010s, "cp1052 hit(4), cp3008 frontend hit(3)").
 */
const HIT_COUNT = /(?:\/\d+|\(\d+\))$/;

export function tierStatus(entry: string, table: StatusTable): CdnCacheStatus | null {
  let best: string | null = null;
  const words = entry.split(/\s+/, 16);
  for (const w of words) {
    const word = w.replace(HIT_COUNT, '').toUpperCase();
    if (Object.prototype.hasOwnProperty.call(table, word) && (best === null || word.length > best.length)) best = word;
  }
  return best === null ? null : table[best]!; // an own property (checked above)
}

/**
 * tierStatus answers per status table, by entry: the same few entries ("HIT", "Hit from cloudfront") come back on
 * response after response. Bounded: short entries only, and a table's memo is cleared when full.
 */
const TIER_MEMO = new WeakMap<StatusTable, Map<string, CdnCacheStatus | null>>();
const TIER_MEMO_MAX = 256;

function memoTierStatus(entry: string, table: StatusTable): CdnCacheStatus | null {
  let memo = TIER_MEMO.get(table);
  if (memo === undefined) TIER_MEMO.set(table, (memo = new Map<string, CdnCacheStatus | null>()));
  const known = memo.get(entry);
  if (known !== undefined) return known;
  const status = tierStatus(entry, table);
  if (entry.length <= 64) {
    if (memo.size >= TIER_MEMO_MAX) memo.clear();
    memo.set(entry, status);
  }
  return status;
}

const SERVED = new Set<CdnCacheStatus>(['hit', 'stale', 'revalidated']);
const WENT_ON = new Set<CdnCacheStatus>(['miss', 'expired']);

/**
 * The outcome across tiers: the nearest tier decides, unless it missed and a tier further in served the copy
 * (Fastly shielding "HIT, MISS", Akamai "Miss from child, Hit from parent", Netlify Edge miss + Durable hit):
 * then nothing reached the origin and the response is a cache hit from that tier.
 */
export function combineTiers(tiers: Tier[]): { status: CdnCacheStatus; decidedBy: number } {
  if (!tiers.length) return { status: 'unknown', decidedBy: -1 };
  const first = tiers[0]!.status;
  if (WENT_ON.has(first)) {
    for (let i = 1; i < tiers.length; i++) {
      const status = tiers[i]!.status;
      if (SERVED.has(status)) return { status, decidedBy: i };
    }
  }
  return { status: first, decidedBy: 0 };
}

// ------------------------------------------------------------------ RFC 9211 Cache-Status

export interface CacheStatusParse {
  entries: CacheStatusEntry[];
  /** Raw member text per entry, same order. */
  raws: string[];
  invalid: boolean;
  /** Parameters RFC 9211 does not define (each once, bounded). */
  unknownParams?: string[];
  /** Defined parameters whose value has the wrong type or is not one of the defined values ("fwd=invalid"). */
  badParams?: string[];
}

type ParamType = 'boolean' | 'integer' | 'token' | 'string' | 'string-or-token';

/**
 * The Cache-Status parameters of RFC 9211 §2.1-§2.8 with the type each takes (Structured Field types, RFC 9651 §3);
 * `values`: the tokens fwd may carry (§2.2).
 */
export const CACHE_STATUS_PARAMS: Readonly<Record<string, { type: ParamType; values?: ReadonlySet<string> }>> = {
  hit: { type: 'boolean' }, // §2.1
  fwd: { type: 'token', values: new Set(['bypass', 'method', 'uri-miss', 'vary-miss', 'miss', 'request', 'stale', 'partial']) }, // §2.2
  'fwd-status': { type: 'integer' }, // §2.3
  ttl: { type: 'integer' }, // §2.4
  stored: { type: 'boolean' }, // §2.5
  collapsed: { type: 'boolean' }, // §2.6
  key: { type: 'string' }, // §2.7
  detail: { type: 'string-or-token' }, // §2.8
};

/** Whether a parsed parameter value has the type (and, for fwd, a value) RFC 9211 defines. */
export function paramValueOk(name: string, value: unknown): boolean {
  const def = Object.prototype.hasOwnProperty.call(CACHE_STATUS_PARAMS, name) ? CACHE_STATUS_PARAMS[name] : undefined;
  if (!def) return true;
  switch (def.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'token':
      return value instanceof Token && (!def.values || def.values.has(value.toString()));
    case 'string':
      return typeof value === 'string';
    case 'string-or-token':
      return typeof value === 'string' || value instanceof Token;
  }
  return true;
}

const MAX_PARAM_NOTES = 8;

function bareToString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Token) return v.toString();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/**
 * RFC 9211 §2: a List of cache names (String or Token) with parameters hit, fwd, fwd-status, ttl, stored, collapsed,
 * key, detail. Each field line is parsed on its own (so one bad line does not hide the others); order is kept as
 * sent, origin-most first. Never throws.
 */
export function parseCacheStatus(lines: string[]): CacheStatusParse {
  // One short line (nearly every response): the parse is a function of the line, and the same few lines come back
  // response after response, so it is remembered and handed out as a copy (the entries go into each explanation).
  const only = lines.length === 1 ? lines[0]! : undefined;
  if (only === undefined || only.length > 256) return parseCacheStatusLines(lines);
  let parsed = CACHE_STATUS_MEMO.get(only);
  if (parsed === undefined) {
    parsed = parseCacheStatusLines(lines);
    if (CACHE_STATUS_MEMO.size >= CACHE_STATUS_MEMO_MAX) CACHE_STATUS_MEMO.clear();
    CACHE_STATUS_MEMO.set(only, parsed);
  }
  return copyParse(parsed);
}

const CACHE_STATUS_MEMO = new Map<string, CacheStatusParse>();
const CACHE_STATUS_MEMO_MAX = 256;

/** A copy of a remembered parse that shares nothing a caller could change. */
function copyParse(p: CacheStatusParse): CacheStatusParse {
  const out: CacheStatusParse = { entries: p.entries.map((e) => ({ ...e })), raws: p.raws.slice(), invalid: p.invalid };
  if (p.unknownParams) out.unknownParams = p.unknownParams.slice();
  if (p.badParams) out.badParams = p.badParams.slice();
  return out;
}

function parseCacheStatusLines(lines: string[]): CacheStatusParse {
  const entries: CacheStatusEntry[] = [];
  const raws: string[] = [];
  let invalid = false;
  const unknownParams: string[] = [];
  const badParams: string[] = [];
  for (const line0 of lines.slice(0, MAX_TIERS)) {
    const line = line0.length > MAX_FIELD_CHARS ? line0.slice(0, MAX_FIELD_CHARS) : line0;
    let list;
    try {
      list = parseList(line);
    } catch {
      invalid = true;
      continue;
    }
    const rawMembers = splitEntries(line);
    list.slice(0, MAX_TIERS).forEach((member, i) => {
      if (entries.length >= MAX_TIERS) return;
      const [value, params] = member;
      if (Array.isArray(value)) {
        invalid = true; // inner lists are not cache names
        return;
      }
      const name = bareToString(value);
      if (name === undefined) {
        invalid = true;
        return;
      }
      for (const [param, value] of params) {
        const known = Object.prototype.hasOwnProperty.call(CACHE_STATUS_PARAMS, param);
        if (!known) {
          if (!unknownParams.includes(param) && unknownParams.length < MAX_PARAM_NOTES) unknownParams.push(param.slice(0, 64));
        } else if (!paramValueOk(param, value) && badParams.length < MAX_PARAM_NOTES) {
          badParams.push(
            `${param}=${anyText(value instanceof Token ? value.toString() : typeof value === 'string' ? JSON.stringify(value) : value).slice(0, 64)}`,
          );
        }
      }
      const entry: CacheStatusEntry = { cache: name, hit: params.get('hit') === true };
      const fwd = bareToString(params.get('fwd'));
      if (fwd !== undefined) entry.fwd = fwd;
      const fwdStatus = params.get('fwd-status');
      if (typeof fwdStatus === 'number' && Number.isInteger(fwdStatus)) entry.fwdStatus = fwdStatus;
      const ttl = params.get('ttl');
      if (typeof ttl === 'number' && Number.isInteger(ttl)) entry.ttl = ttl;
      if (params.get('stored') === true) entry.stored = true;
      if (params.get('collapsed') === true) entry.collapsed = true;
      const key = bareToString(params.get('key'));
      if (key !== undefined) entry.key = key.slice(0, 512);
      const detail = bareToString(params.get('detail'));
      if (detail !== undefined) entry.detail = detail.slice(0, 512);
      entries.push(entry);
      raws.push((rawMembers[i] ?? name).slice(0, 512));
    });
  }
  const out: CacheStatusParse = { entries, raws, invalid };
  if (unknownParams.length) out.unknownParams = unknownParams;
  if (badParams.length) out.badParams = badParams;
  return out;
}

/**
 * One RFC 9211 entry normalised (cdn-cases conventions): fwd=stale with fwd-status=304 is revalidated; a hit with
 * fwd=stale or a negative ttl is stale; a plain hit is a hit; fwd=stale without hit is expired; other fwd reasons
 * (RFC 9211 §2.2) map to miss or bypass.
 */
export function cacheStatusEntryStatus(e: CacheStatusEntry): CdnCacheStatus {
  if (e.fwd === 'stale' && e.fwdStatus === 304) return 'revalidated';
  if (e.hit) {
    if (e.fwd === 'stale' || (e.ttl !== undefined && e.ttl < 0)) return 'stale';
    return 'hit';
  }
  switch (e.fwd) {
    case 'stale':
      return 'expired';
    case 'uri-miss':
    case 'vary-miss':
    case 'miss':
    case 'partial':
      return 'miss';
    case 'bypass':
    case 'method':
    case 'request':
      return 'bypass';
    default:
      return 'unknown';
  }
}

// ------------------------------------------------------------------ Server-Timing (one metric's desc)

/** The desc parameter of the named Server-Timing metric (W3C Server Timing §3), or null. */
export function serverTimingDesc(lines: string[], metric: string): string | null {
  for (const line of lines.slice(0, MAX_TIERS)) {
    for (const entry of splitEntries(line)) {
      const parts = entry.split(';');
      if (parts[0]!.trim().toLowerCase() !== metric) continue; // split gives at least one part
      for (const p of parts.slice(1)) {
        const eq = p.indexOf('=');
        if (eq < 0 || p.slice(0, eq).trim().toLowerCase() !== 'desc') continue;
        return p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1');
      }
    }
  }
  return null;
}

// ------------------------------------------------------------------ reading a provider's sources

/** Field lines by lower-case name, as explainCdn gathers them (a ReadonlyMap<string, string[]> will do). */
export interface FieldMap {
  get(name: string): string[] | undefined;
}

function readSource(src: StatusSource, fields: FieldMap, cacheStatusOut: CacheStatusParse | null): Tier[] | null {
  const lines = fields.get(src.header);
  if (!lines || !lines.length) return null;
  switch (src.style) {
    case 'list': {
      const entries = splitEntries(lines.length === 1 ? lines[0]! : lines.join(', '));
      let tiers: Tier[] | null = null; // made with its first tier: most fields have one
      for (const entry of entries) {
        if (src.own && !src.own.test(entry)) continue; // another cache's entry in a shared field
        const status = src.table ? memoTierStatus(entry, src.table) : null; // no table: no word is in it
        const tier: Tier = { status: status ?? 'unknown', raw: entry.slice(0, 256), header: src.header };
        if (tiers === null) tiers = [tier];
        else tiers.push(tier);
      }
      if (tiers === null) return null;
      return src.order === 'nearest-last' ? tiers.reverse() : tiers;
    }
    case 'server-timing': {
      const desc = serverTimingDesc(lines, src.metric ?? '');
      if (desc === null) return null;
      const status = tierStatus(desc, src.table ?? {});
      return [{ status: status ?? 'unknown', raw: `${src.metric}; desc=${desc}`.slice(0, 256), header: src.header }];
    }
    case 'server-timing-name': {
      for (const line of lines.slice(0, MAX_TIERS)) {
        for (const entry of splitEntries(line)) {
          const name = entry.split(';')[0]!.trim().toUpperCase();
          const status = src.table && Object.prototype.hasOwnProperty.call(src.table, name) ? src.table[name] : undefined;
          if (status !== undefined) return [{ status, raw: entry.slice(0, 256), header: src.header }];
        }
      }
      return null;
    }
    case 'varnish-xid': {
      // X-Varnish: "<this request's xid> [<xid of the request that stored the object>]"
      const last = lines.at(-1);
      if (last === undefined) return null;
      const ids = last.trim().split(/\s+/);
      if (!ids.every((x) => /^\d+$/.test(x)) || ids.length > 2) return null;
      return [{ status: ids.length === 2 ? 'hit' : 'miss', raw: last.slice(0, 64), header: src.header }];
    }
    case 'cache-status': {
      const parsed = cacheStatusOut ?? parseCacheStatus(lines);
      if (!parsed.entries.length) return null;
      const tiers = parsed.entries.map((e, i) => ({
        status: cacheStatusEntryStatus(e),
        raw: parsed.raws[i]!, // raws runs parallel to entries
        header: src.header,
        cache: e.cache,
      }));
      // RFC 9211 §2: the last member is the cache nearest the user.
      return tiers.reverse();
    }
  }
}

/**
 * The first status source that is present decides (later 'inner' sources add further tiers to it).
 * `cacheStatus` passes the already parsed RFC 9211 field so it is parsed once.
 */
export function readStatus(sources: readonly StatusSource[], fields: FieldMap, cacheStatus: CacheStatusParse | null): StatusReading | null {
  let tiers: Tier[] | null = null;
  let header = '';
  for (const src of sources) {
    if (tiers && !src.inner) continue;
    const got = readSource(src, fields, src.style === 'cache-status' ? cacheStatus : null);
    if (!got) continue;
    if (!tiers) {
      if (src.inner) continue;
      tiers = got;
      header = src.header;
    } else {
      tiers = tiers.concat(got).slice(0, MAX_TIERS);
    }
  }
  if (!tiers) return null;
  const { status, decidedBy } = combineTiers(tiers);
  return { status, raw: (fields.get(header) ?? []).join(', ').slice(0, 1024), tiers, decidedBy, header };
}

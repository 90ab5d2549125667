/**
 * Field parsers for caching: Cache-Control, HTTP-date, Age, ETag, Vary, Pragma.
 * Each is a pure function that never throws; every oddity becomes a finding. Work is bounded: long values are
 * cut, directive and member counts are capped, and no regular expression can backtrack.
 */
import { applyNote } from '../notes';
import type { Finding } from '../types';
import { DIRECTIVES, ownEntry } from './directives';
import { CACHE_NOTES, type CacheNoteId } from './notes';

export const MAX_FIELD_LENGTH = 16 * 1024;
export const MAX_DIRECTIVES = 64;
export const MAX_LIST_MEMBERS = 64;
const MAX_FINDINGS = 24;
/** RFC 9111 §1.2.2: delta-seconds beyond 2^31 are sent and treated as 2147483648. */
export const DELTA_CAP = 2147483648;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DIGITS = /^[0-9]+$/;

export function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function push(findings: Finding[], id: CacheNoteId, params?: Record<string, string | number>): void {
  if (findings.length < MAX_FINDINGS) findings.push(applyNote(CACHE_NOTES, id, params));
}

// ---------------------------------------------------------------- Cache-Control (RFC 9111 §5.2)

export interface CcDirective {
  /** Lower-case name. */
  name: string;
  value: string | null;
  quoted: boolean;
  /** Whitespace between the name and "=" ("max-age =60"): not RFC syntax (§5.2 has no BWS there). */
  spaced?: boolean;
}

export interface DeltaValue {
  /** Effective seconds (capped at 2^31), null when invalid, missing, or given twice with different values. */
  seconds: number | null;
  invalid: boolean;
  conflict: boolean;
  /** Written as a quoted string (accepted by the RFC, not by Chromium or Firefox). */
  quoted: boolean;
  /** First and last valid values, for caches that pick one of several (Chromium the first, Firefox the last). */
  first: number | null;
  last: number | null;
  /** Some occurrence was written with whitespace before "=". */
  spaced: boolean;
  /** The last occurrence read the lenient way (leading digits: "3600.5" → 3600, "100a" → 100), null when none. */
  leadingDigits: number | null;
  /** Some value is at least 2^32 (beyond a 32-bit counter). */
  overflow: boolean;
}

export interface ParsedCacheControl {
  /** In wire order, capped at MAX_DIRECTIVES. */
  directives: CcDirective[];
  /** Lower-case names present. */
  names: Set<string>;
  /** Directives that take delta-seconds, resolved. */
  deltas: Map<string, DeltaValue>;
  findings: Finding[];
}

export type CcContext = 'response' | 'request';

/** Parse every Cache-Control field line (combined as a list, RFC 9110 §5.3). */
const EMPTY_NAMES: ReadonlySet<string> = new Set();
const EMPTY_DELTAS: ReadonlyMap<string, DeltaValue> = new Map();

export function parseCacheControl(lines: readonly string[], context: CcContext): ParsedCacheControl {
  if (!Array.isArray(lines) || lines.length === 0) {
    // Most requests carry no Cache-Control: share one empty result (read-only).
    return { directives: [], names: EMPTY_NAMES as Set<string>, deltas: EMPTY_DELTAS as Map<string, DeltaValue>, findings: [] };
  }
  const findings: Finding[] = [];
  const directives: CcDirective[] = [];
  let total = 0;
  for (const line of lines) {
    if (directives.length >= MAX_DIRECTIVES) break;
    let s = typeof line === 'string' ? line : '';
    total += s.length;
    if (s.length > MAX_FIELD_LENGTH) {
      push(findings, 'cc-too-long', { length: s.length });
      s = s.slice(0, MAX_FIELD_LENGTH);
    }
    scanDirectives(s, directives, findings);
  }
  if (total > MAX_FIELD_LENGTH * 4 && !findings.some((f) => f.id === 'cc-too-long')) {
    push(findings, 'cc-too-long', { length: total });
  }
  return resolveDirectives(directives, findings, context);
}

function isOws(c: number): boolean {
  return c === 32 || c === 9;
}

function scanDirectives(s: string, out: CcDirective[], findings: Finding[]): void {
  const n = s.length;
  let i = 0;
  while (i < n && out.length < MAX_DIRECTIVES) {
    const c = s.charCodeAt(i);
    if (c === 44 || isOws(c)) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && s.charCodeAt(i) !== 61 && s.charCodeAt(i) !== 44) i++;
    const rawName = s.slice(start, i).trim();
    const spaced = i < n && s.charCodeAt(i) === 61 && i > start && isOws(s.charCodeAt(i - 1));
    let value: string | null = null;
    let quoted = false;
    if (i < n && s.charCodeAt(i) === 61) {
      i++;
      while (i < n && isOws(s.charCodeAt(i))) i++;
      if (i < n && s.charCodeAt(i) === 34) {
        quoted = true;
        i++;
        const parts: string[] = [];
        let segStart = i;
        let closed = false;
        while (i < n) {
          const q = s.charCodeAt(i);
          if (q === 92 && i + 1 < n) {
            parts.push(s.slice(segStart, i));
            segStart = i + 1;
            i += 2;
            continue;
          }
          if (q === 34) {
            closed = true;
            break;
          }
          i++;
        }
        parts.push(s.slice(segStart, i));
        value = parts.join('');
        if (!closed) push(findings, 'cc-syntax', { problem: `unterminated quoted value for ${clip(rawName, 40)}` });
        else i++;
        const afterStart = i;
        while (i < n && s.charCodeAt(i) !== 44) i++;
        if (s.slice(afterStart, i).trim() !== '') {
          push(findings, 'cc-syntax', { problem: `text after the quoted value of ${clip(rawName, 40)}` });
        }
      } else {
        const vs = i;
        while (i < n && s.charCodeAt(i) !== 44) i++;
        value = s.slice(vs, i).trim();
      }
    }
    if (rawName === '') {
      push(findings, 'cc-syntax', { problem: 'a directive without a name' });
      continue;
    }
    if (!TOKEN.test(rawName)) {
      push(findings, 'cc-syntax', { problem: `"${clip(rawName, 40)}" is not a valid directive name` });
    }
    out.push(spaced ? { name: rawName.toLowerCase(), value, quoted, spaced } : { name: rawName.toLowerCase(), value, quoted });
  }
}

function resolveDirectives(directives: CcDirective[], findings: Finding[], context: CcContext): ParsedCacheControl {
  const names = new Set<string>();
  const groups = new Map<string, CcDirective[]>();
  for (const d of directives) {
    names.add(d.name);
    const g = groups.get(d.name);
    if (g) g.push(d);
    else groups.set(d.name, [d]);
  }
  const deltas = new Map<string, DeltaValue>();
  for (const [name, group] of groups) {
    const def = ownEntry(DIRECTIVES, name);
    if (!def) {
      push(findings, 'cc-unknown-directive', { name: clip(name, 40) });
      continue;
    }
    if (context === 'response' && !def.response) push(findings, 'cc-request-only-in-response', { name });
    if (context === 'request' && !def.request) push(findings, 'cc-response-only-in-request', { name });
    if (def.arg === 'delta' || def.arg === 'optional-delta') {
      deltas.set(name, resolveDelta(name, group, def.arg === 'optional-delta', findings));
      continue;
    }
    if (def.arg === 'none') {
      for (const d of group) {
        if (d.value !== null) push(findings, 'cc-unexpected-value', { name, value: clip(d.value, 40) });
      }
    }
    if (group.length > 1) {
      const values = new Set(group.map((d) => d.value ?? ''));
      if (values.size === 1) push(findings, 'cc-duplicate-directive', { name, count: group.length });
    }
  }
  return { directives, names, deltas, findings };
}

function resolveDelta(name: string, group: CcDirective[], optional: boolean, findings: Finding[]): DeltaValue {
  let seconds: number | null = null;
  let invalid = false;
  let quoted = false;
  let spaced = false;
  let leadingDigits: number | null = null;
  let overflow = false;
  const seen: number[] = [];
  for (const d of group) {
    if (d.spaced) spaced = true;
    if (d.value !== null) {
      const m = /^\s*(\d+)/.exec(d.value);
      if (m) {
        leadingDigits = Math.min(Number(m[1]), DELTA_CAP);
        if (Number(m[1]) >= 4294967296) overflow = true;
      }
    }
    if (d.value === null || d.value === '') {
      if (!optional) {
        push(findings, 'cc-missing-value', { name });
        invalid = true;
      }
      continue;
    }
    if (!DIGITS.test(d.value)) {
      push(findings, 'cc-invalid-value', { name, value: clip(d.value, 40) });
      invalid = true;
      continue;
    }
    if (d.quoted) {
      quoted = true;
      push(findings, 'cc-quoted-value', { name, value: clip(d.value, 40) });
    }
    let v = Number(d.value);
    if (!(v <= DELTA_CAP)) {
      push(findings, 'cc-huge-delta', { name, value: clip(d.value, 40) });
      v = DELTA_CAP;
    }
    seen.push(v);
  }
  const distinct = new Set(seen);
  let conflict = false;
  if (group.length > 1) {
    if (distinct.size > 1 || (invalid && seen.length > 0)) {
      conflict = true;
      push(findings, 'cc-conflicting-duplicate', {
        name,
        values: clip(group.map((d) => d.value ?? '(none)').join(', '), 80),
      });
    } else if (!invalid) {
      push(findings, 'cc-duplicate-directive', { name, count: group.length });
    }
  }
  const first = seen[0] ?? null;
  const last = seen.at(-1) ?? null;
  if (!invalid && !conflict && first !== null) seconds = first;
  return { seconds, invalid, conflict, quoted, first, last, spaced, leadingDigits, overflow };
}

// ---------------------------------------------------------------- HTTP-date (RFC 9110 §5.6.7)

export type HttpDateFormat = 'imf-fixdate' | 'rfc850' | 'asctime';

export interface ParsedHttpDate {
  /** Epoch seconds, null when invalid. */
  time: number | null;
  format: HttpDateFormat | null;
}

const SHORT_DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const LONG_DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const INVALID_DATE: ParsedHttpDate = { time: null, format: null };

function digitsAt(s: string, at: number, count: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) {
    const c = s.charCodeAt(at + k);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 for a proleptic Gregorian date (no Date.UTC: it maps years 0-99 to 1900+). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function build(year: number, month: number, day: number, s: string, timeAt: number, format: HttpDateFormat): ParsedHttpDate {
  if (month < 0 || year < 0 || day < 1) return INVALID_DATE;
  const maxDay = month === 1 && isLeap(year) ? 29 : MONTH_DAYS[month];
  if (maxDay === undefined || day > maxDay) return INVALID_DATE;
  if (s.charCodeAt(timeAt + 2) !== 58 || s.charCodeAt(timeAt + 5) !== 58) return INVALID_DATE;
  const h = digitsAt(s, timeAt, 2);
  const mi = digitsAt(s, timeAt + 3, 2);
  const se = digitsAt(s, timeAt + 6, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) return INVALID_DATE;
  const time = daysFromCivil(year, month + 1, day) * 86400 + h * 3600 + mi * 60 + se;
  return { time, format };
}

/**
 * Strict HTTP-date: IMF-fixdate, rfc850-date, asctime-date; names matched case-insensitively (RFC 9111 §4.2).
 * `nowSeconds` anchors the two-digit rfc850 year (RFC 9110 §5.6.7: more than 50 years ahead means the past century).
 */
export function parseHttpDate(raw: string, nowSeconds = 0): ParsedHttpDate {
  if (typeof raw !== 'string' || raw.length > 64) return INVALID_DATE;
  const s = raw.trim().toLowerCase();
  // IMF-fixdate: "sun, 06 nov 1994 08:49:37 gmt"
  if (s.length === 29 && s.charCodeAt(3) === 44) {
    if (!SHORT_DAYS.includes(s.slice(0, 3)) || s.slice(25) !== ' gmt') return INVALID_DATE;
    if (s[4] !== ' ' || s[7] !== ' ' || s[11] !== ' ' || s[16] !== ' ') return INVALID_DATE;
    const day = digitsAt(s, 5, 2);
    const year = digitsAt(s, 12, 4);
    return build(year, MONTHS.indexOf(s.slice(8, 11)), day, s, 17, 'imf-fixdate');
  }
  // rfc850-date: "sunday, 06-nov-94 08:49:37 gmt"
  const comma = s.indexOf(',');
  if (comma > 3) {
    if (!LONG_DAYS.includes(s.slice(0, comma))) return INVALID_DATE;
    const r = s.slice(comma + 1);
    if (r.length !== 23 || r[0] !== ' ' || r[3] !== '-' || r[7] !== '-' || r[10] !== ' ' || r.slice(19) !== ' gmt') {
      return INVALID_DATE;
    }
    const day = digitsAt(r, 1, 2);
    const yy = digitsAt(r, 8, 2);
    if (yy < 0) return INVALID_DATE;
    const nowYear = 1970 + Math.floor((Number.isFinite(nowSeconds) ? nowSeconds : 0) / 31556952);
    let year = Math.floor(nowYear / 100) * 100 + yy;
    if (year > nowYear + 50) year -= 100;
    return build(year, MONTHS.indexOf(r.slice(4, 7)), day, r, 11, 'rfc850');
  }
  // asctime-date: "sun nov  6 08:49:37 1994"
  if (s.length === 24 && s[3] === ' ' && s[7] === ' ' && s[10] === ' ' && s[19] === ' ') {
    if (!SHORT_DAYS.includes(s.slice(0, 3))) return INVALID_DATE;
    const day = s[8] === ' ' ? digitsAt(s, 9, 1) : digitsAt(s, 8, 2);
    const year = digitsAt(s, 20, 4);
    return build(year, MONTHS.indexOf(s.slice(4, 7)), day, s, 11, 'asctime');
  }
  return INVALID_DATE;
}

export interface DateField extends ParsedHttpDate {
  raw: string | null;
  /** Several lines with different values. */
  multiple: boolean;
}

/** A date-valued field (Date, Expires, Last-Modified): first line counts, RFC 9111 §4.2.1. */
export function parseDateField(lines: readonly string[], nowSeconds: number): DateField {
  if (lines.length === 0) return { time: null, format: null, raw: null, multiple: false };
  const raw = lines[0]!;
  let multiple = false;
  for (let k = 1; k < lines.length && k < MAX_LIST_MEMBERS; k++) if (lines[k]!.trim() !== raw.trim()) multiple = true;
  const parsed = parseImfFixdateFast(raw) ?? cachedHttpDate(raw, nowSeconds);
  return { time: parsed.time, format: parsed.format, raw, multiple };
}

/** parseDateField([raw], nowSeconds) for a field sent once (the usual case), without the list. */
export function parseDateValue(raw: string, nowSeconds: number): DateField {
  const parsed = parseImfFixdateFast(raw) ?? cachedHttpDate(raw, nowSeconds);
  return { time: parsed.time, format: parsed.format, raw, multiple: false };
}

/** Three lower-cased ASCII letters packed into one number (non-letters give -1): name lookups without slicing. */
function packed3(s: string, at: number): number {
  let v = 0;
  for (let k = 0; k < 3; k++) {
    const c = s.charCodeAt(at + k) | 0x20;
    if (c < 0x61 || c > 0x7a) return -1;
    v = v * 32 + (c - 0x60);
  }
  return v;
}
const pack = (w: string) => packed3(w, 0);
/** By packed3 code (< 2^15): 1 for a day name / month number + 1, else 0. Typed arrays: no Set/Map lookups per date. */
const SHORT_DAY_CODES = new Uint8Array(1 << 15);
for (const d of SHORT_DAYS) SHORT_DAY_CODES[pack(d)] = 1;
const MONTH_CODES = new Uint8Array(1 << 15);
MONTHS.forEach((m, i) => (MONTH_CODES[pack(m)] = i + 1));

/**
 * IMF-fixdate exactly as servers write it ("Thu, 15 Jan 2026 09:03:16 GMT", any letter case), read in place: no
 * trim, lower-casing or slices. Anything else (spaces around, other formats, non-ASCII) returns null and goes the
 * general way, so results are parseHttpDate's.
 */
export function parseImfFixdateFast(raw: string): ParsedHttpDate | null {
  // Every one of the 29 positions is checked against a specific ASCII character class below (letters, digits, ' ',
  // ',', ':'), so a non-ASCII character anywhere makes it return null.
  if (raw.length !== 29 || raw.charCodeAt(3) !== 44) return null;
  const day = packed3(raw, 0);
  if (day < 0 || SHORT_DAY_CODES[day] !== 1) return null;
  if (
    raw.charCodeAt(4) !== 32 ||
    raw.charCodeAt(7) !== 32 ||
    raw.charCodeAt(11) !== 32 ||
    raw.charCodeAt(16) !== 32 ||
    raw.charCodeAt(25) !== 32
  )
    return null;
  if ((raw.charCodeAt(26) | 0x20) !== 0x67 || (raw.charCodeAt(27) | 0x20) !== 0x6d || (raw.charCodeAt(28) | 0x20) !== 0x74) return null; // gmt
  const code = packed3(raw, 8);
  const month = code < 0 ? 0 : (MONTH_CODES[code] ?? 0);
  if (month === 0) return null;
  return build(digitsAt(raw, 12, 4), month - 1, digitsAt(raw, 5, 2), raw, 17, 'imf-fixdate');
}

/** Recordings repeat the same date strings many times; rfc850 results depend on now and are not kept. */
const dateCache = new Map<string, ParsedHttpDate>();
function cachedHttpDate(raw: string, nowSeconds: number): ParsedHttpDate {
  const hit = dateCache.get(raw);
  if (hit) return hit;
  const parsed = parseHttpDate(raw, nowSeconds);
  if (parsed.format !== 'rfc850' && raw.length <= 64) {
    if (dateCache.size >= 4096) dateCache.clear();
    dateCache.set(raw, parsed);
  }
  return parsed;
}

// ---------------------------------------------------------------- Age (RFC 9111 §5.1)

export interface ParsedAge {
  /** Seconds, null when absent or invalid. */
  value: number | null;
  /** Shared (frozen) when empty: read-only. */
  findings: readonly Finding[];
  /**
   * The value read the lenient way, where it differs from `value`: the leading digits ("7200.0", "7200;x" → 7200),
   * or "as old as can be" (2^31) for a value that starts with "-". Absent when the reading agrees.
   */
  lenient?: number | null;
}

export function parseAge(lines: readonly string[]): ParsedAge {
  const findings: Finding[] = [];
  if (lines.length === 0) return { value: null, findings };
  const first = (lines[0] ?? '').slice(0, 256);
  const comma = first.indexOf(',');
  const member = (comma >= 0 ? first.slice(0, comma) : first).trim();
  if (lines.length > 1 || comma >= 0) {
    push(findings, 'age-multiple', { value: clip(lines.slice(0, 4).join(', '), 60) });
  }
  if (!DIGITS.test(member)) {
    push(findings, 'age-invalid', { value: clip(member, 40) });
    const m = /^(\d+)/.exec(member);
    return { value: null, findings, lenient: m ? Math.min(Number(m[1]), DELTA_CAP) : member.startsWith('-') ? DELTA_CAP : null };
  }
  return { value: Math.min(Number(member), DELTA_CAP), findings };
}

// ---------------------------------------------------------------- ETag (RFC 9110 §8.8.3)

export interface ParsedETag {
  value: string;
  weak: boolean;
  valid: boolean;
}

/** etagc = %x21 / %x23-7E / obs-text */
function isEtagc(c: number): boolean {
  return c === 0x21 || (c >= 0x23 && c <= 0x7e) || (c >= 0x80 && c <= 0xff);
}

export function parseETag(raw: string): ParsedETag {
  // The usual forms, "x" and W/"x" with nothing around them, read in place (no trim or slices); same results.
  if (typeof raw === 'string' && raw.length >= 2 && raw.length <= 1024 && raw.charCodeAt(raw.length - 1) === 34) {
    const c0 = raw.charCodeAt(0);
    const start = c0 === 34 ? 1 : c0 === 87 && raw.length >= 4 && raw.charCodeAt(1) === 47 && raw.charCodeAt(2) === 34 ? 3 : 0;
    if (start > 0) {
      let valid = true;
      for (let k = start; valid && k < raw.length - 1; k++) if (!isEtagc(raw.charCodeAt(k))) valid = false;
      return { value: raw, weak: start === 3, valid };
    }
  }
  const v = (typeof raw === 'string' ? raw : '').slice(0, 1024).trim();
  const weak = v.startsWith('W/') || v.startsWith('w/');
  const opaque = weak ? v.slice(2) : v;
  let valid = !v.startsWith('w/') && opaque.length >= 2 && opaque.charCodeAt(0) === 34 && opaque.charCodeAt(opaque.length - 1) === 34;
  for (let k = 1; valid && k < opaque.length - 1; k++) if (!isEtagc(opaque.charCodeAt(k))) valid = false;
  return { value: v, weak, valid };
}

// ---------------------------------------------------------------- list fields: Vary, Pragma

/** Lower-cased, trimmed, de-duplicated members of a comma list, capped. */
export function parseList(lines: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const s = (typeof line === 'string' ? line : '').slice(0, MAX_FIELD_LENGTH);
    let start = 0;
    while (start <= s.length && out.length < MAX_LIST_MEMBERS) {
      let end = s.indexOf(',', start);
      if (end < 0) end = s.length;
      const m = s.slice(start, end).trim().toLowerCase();
      if (m && !seen.has(m)) {
        seen.add(m);
        out.push(clip(m, 80));
      }
      start = end + 1;
    }
    if (out.length >= MAX_LIST_MEMBERS) break;
  }
  return out;
}

export interface ParsedVary {
  fields: string[];
  star: boolean;
}

export function parseVary(lines: readonly string[]): ParsedVary {
  const fields = parseList(lines);
  return { fields, star: fields.includes('*') };
}

export interface ParsedPragma {
  tokens: string[];
  noCache: boolean;
}

export function parsePragma(lines: readonly string[]): ParsedPragma {
  if (lines.length === 0) return { tokens: [], noCache: false };
  const tokens = parseList(lines);
  return { tokens, noCache: tokens.includes('no-cache') };
}

// ---------------------------------------------------------------- lenient dates (browsers)

const LENIENT_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** Zone names the lenient readers know (hours from UTC); any other name is ignored (read as UTC). */
const ZONES: Readonly<Record<string, number>> = {
  gmt: 0,
  utc: 0,
  ut: 0,
  z: 0,
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  mst: -7,
  mdt: -6,
  pst: -8,
  pdt: -7,
};

/**
 * A date read the way browsers read Expires: token by token, in any order, case-insensitively, with or without
 * the weekday, commas and dashes, a two-digit year (00-69 → 20xx, 70-99 → 19xx), "." or ":" in the time, one-digit
 * hours, and an unknown zone name taken as UTC. The facts are from Chromium's base::Time::FromString and Firefox's
 * PR_ParseTimeString (both NSPR's prtime.c) as the published cache-tests results show them; the code is ours.
 * Returns epoch seconds, or null when no day, month, year and time can be found.
 */
export function parseHttpDateLenient(raw: string): number | null {
  if (typeof raw !== 'string' || raw.length > 128) return null;
  const tokens = raw.trim().split(/[\s,]+|(?<=\d)-(?=[A-Za-z])|(?<=[A-Za-z])-(?=\d)/);
  let day = -1;
  let month = -1;
  let year = -1;
  let time: [number, number, number] | null = null;
  let offset = 0;
  for (const t of tokens) {
    if (t === '') continue;
    const lower = t.toLowerCase();
    const tm = /^(\d{1,2})[:.](\d{1,2})(?:[:.](\d{1,2}))?$/.exec(t);
    if (tm) {
      time = [Number(tm[1]), Number(tm[2]), Number(tm[3] ?? 0)];
      continue;
    }
    if (/^[+-]\d{4}$/.test(t)) {
      const sign = t[0] === '-' ? -1 : 1;
      offset = sign * (Number(t.slice(1, 3)) * 3600 + Number(t.slice(3, 5)) * 60);
      continue;
    }
    if (/^\d+$/.test(t)) {
      const n = Number(t);
      if (t.length <= 2 && day < 0 && n >= 1 && n <= 31) day = n;
      else if (year < 0) year = t.length <= 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
      else return null;
      continue;
    }
    if (/^[a-z]+$/i.test(t)) {
      const m3 = lower.slice(0, 3);
      if (month < 0 && LENIENT_MONTHS.includes(m3) && lower.length >= 3) month = LENIENT_MONTHS.indexOf(m3);
      else if (WEEKDAYS.includes(m3)) continue;
      else if (Object.prototype.hasOwnProperty.call(ZONES, lower)) offset = ZONES[lower]! * 3600; // not `in`: "constructor" gave NaN

      continue; // an unknown word (a zone like AEST) is skipped
    }
    return null;
  }
  if (day < 0 || month < 0 || year < 0 || !time) return null;
  const [h, mi, se] = time;
  if (h > 23 || mi > 59 || se > 59) return null;
  const ms = Date.UTC(year, month, day, h, mi, se);
  if (!Number.isFinite(ms) || new Date(ms).getUTCDate() !== day) return null;
  return ms / 1000 - offset;
}

/**
 * Set-Cookie parsing exactly as RFC 6265bis §5.6 tells a user agent to, plus the cookie-date algorithm (§5.1.1).
 * Pure and bounded: one pass over the string, no regular expressions on the value, never throws.
 */
import { MAX_ATTRIBUTE_BYTES, MAX_LIFETIME, MAX_NAME_VALUE_BYTES } from './rules';

export interface ParsedAttribute {
  /** As written (trimmed), for display. */
  name: string;
  value: string;
  /** Lower-case name. */
  key: string;
  /** Dropped because its value is longer than 1024 octets. */
  oversized?: boolean;
}

export interface ParsedSetCookie {
  /** Set when the line is unusable: the first parse-level reason. */
  error?: 'invalid-characters' | 'empty' | 'too-large';
  name: string;
  value: string;
  /** Every cookie-av in order (unknown ones included), capped at MAX_ATTRIBUTES. */
  attributes: ParsedAttribute[];
  /** Epoch s from the last valid Expires (already capped and floored), or undefined. */
  expires?: number;
  /** Epoch s from the last valid Max-Age (now + delta, capped), or undefined. */
  maxAgeExpiry?: number;
  /** The last valid Domain value: leading dot removed, lower-cased (may be non-ASCII, checked by storage). */
  domain?: string;
  /** The last Path attribute's value as written (may be empty/relative: the storage model substitutes the default). */
  path?: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'strict' | 'lax' | 'none' | 'unspecified';
  /** SameSite value that was present but not recognised. */
  sameSiteInvalid?: string;
  partitioned: boolean;
  /** Expires attributes seen that did not parse. */
  badExpires: string[];
  /** Max-Age attributes seen that did not parse. */
  badMaxAge: string[];
  /** Raw Expires present with a valid Max-Age as well. */
  bothMaxAgeAndExpires: boolean;
  /** An Expires or Max-Age beyond 400 days was cut down. */
  capped: boolean;
  /** Number of attributes beyond MAX_ATTRIBUTES that were not kept for display (still processed). */
  attributesDropped: number;
  /** Attribute names (as first written) that appear more than once; the last of each counts (RFC 6265bis §5.7). */
  repeatedAttributes?: string[];
  /** A `Domain=` with an empty value was present (ignored: the cookie stays host-only, RFC 6265bis §5.6.3). */
  emptyDomain?: boolean;
}

export const MAX_ATTRIBUTES = 64;

/** RFC 5234 CTL minus HTAB. */
function hasForbiddenControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

/** UTF-8 byte length without allocating (lone surrogates count as 3, as TextEncoder's U+FFFD would). */
export function utf8Length(s: string, stopAbove = Infinity): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
    if (n > stopAbove) return n;
  }
  return n;
}

/** Trim SP and HTAB only (WSP), not every Unicode space as String.prototype.trim would. */
export function trimWsp(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 0x20 || s.charCodeAt(a) === 0x09)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 0x20 || s.charCodeAt(b - 1) === 0x09)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** s.slice(from, to) with SP and HTAB trimmed from both ends (trimWsp of that slice, without the untrimmed copy). */
function sliceWsp(s: string, from: number, to: number): string {
  let a = from;
  let b = to;
  while (a < b && (s.charCodeAt(a) === 0x20 || s.charCodeAt(a) === 0x09)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 0x20 || s.charCodeAt(b - 1) === 0x09)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** The first index of the character `code` in s[from, to), or -1 (never looks past `to`). */
function indexIn(s: string, code: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === code) return i;
  return -1;
}

// ------------------------------------------------------------------ cookie-date (RFC 6265bis §5.1.1)

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isDelimiter(c: number): boolean {
  return c === 0x09 || (c >= 0x20 && c <= 0x2f) || (c >= 0x3b && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** The end of the run of digits that starts at s[from] and stays before `to`. */
function digitsEnd(s: string, from: number, to: number): number {
  let i = from;
  while (i < to && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/** The number written by the digits s[from, to) (at most 4 of them here, so exact). */
function digitsValue(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + (s.charCodeAt(i) - 0x30);
  return v;
}

/**
 * The month (0-11) named by the first three characters of s from `at`, case-insensitively, or -1. Only A-Z fold to a
 * month's letters: the two other characters that lower-case to ASCII (KELVIN SIGN to "k", dotted capital I to "i"
 * plus a mark) give no month's first three letters.
 */
function monthAt(s: string, at: number): number {
  const a = s.charCodeAt(at);
  const b = s.charCodeAt(at + 1);
  const c = s.charCodeAt(at + 2);
  for (let m = 0; m < MONTHS.length; m++) {
    const name = MONTHS[m]!; // m < length
    if (foldsTo(a, name.charCodeAt(0)) && foldsTo(b, name.charCodeAt(1)) && foldsTo(c, name.charCodeAt(2))) return m;
  }
  return -1;
}

/** Whether the character `c` lower-cases to the ASCII lower-case letter `lower`. */
function foldsTo(c: number, lower: number): boolean {
  return c === lower || (c >= 0x41 && c <= 0x5a && c + 0x20 === lower);
}

/**
 * Epoch seconds, or null when the string is not a cookie-date. Bounded: looks at 64 tokens at most. Tokens are read
 * in place (index ranges of the input), without a copy of each.
 */
export function parseCookieDate(input: string): number | null {
  let hour = -1;
  let minute = -1;
  let second = -1;
  let day = -1;
  let month = -1;
  let year = -1;
  let i = 0;
  let tokens = 0;
  const len = Math.min(input.length, 1024);
  while (i < len && tokens < 64) {
    while (i < len && isDelimiter(input.charCodeAt(i))) i++;
    const start = i;
    while (i < len && !isDelimiter(input.charCodeAt(i))) i++;
    if (i === start) break;
    tokens++;
    const end = i; // the token is input[start, end)
    if (hour < 0) {
      // time: 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT, anything after
      const h = digitsEnd(input, start, end);
      if (h - start >= 1 && h - start <= 2 && h < end && input.charCodeAt(h) === 0x3a) {
        const m = digitsEnd(input, h + 1, end);
        if (m - h - 1 >= 1 && m - h - 1 <= 2 && m < end && input.charCodeAt(m) === 0x3a) {
          const sec = digitsEnd(input, m + 1, end);
          if (sec - m - 1 >= 1 && sec - m - 1 <= 2) {
            hour = digitsValue(input, start, h);
            minute = digitsValue(input, h + 1, m);
            second = digitsValue(input, m + 1, sec);
            continue;
          }
        }
      }
    }
    if (day < 0) {
      const d = digitsEnd(input, start, end);
      if (d - start >= 1 && d - start <= 2) {
        day = digitsValue(input, start, d);
        continue;
      }
    }
    if (month < 0 && end - start >= 3) {
      const idx = monthAt(input, start);
      if (idx >= 0) {
        month = idx;
        continue;
      }
    }
    if (year < 0) {
      const y = digitsEnd(input, start, end);
      if (y - start >= 2 && y - start <= 4) {
        year = digitsValue(input, start, y);
        continue;
      }
    }
  }
  if (hour < 0 || day < 0 || month < 0 || year < 0) return null;
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month, day, hour, minute, second);
  // Date.UTC rolls 31 June over to 1 July: a date that does not exist is not a date.
  const check = new Date(ms);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month) return null;
  return Math.floor(ms / 1000);
}

// ------------------------------------------------------------------ Set-Cookie line (RFC 6265bis §5.6)

/** Earliest representable expiry (epoch 0): anything at or before now is expired. */
const EARLIEST = 0;

function capExpiry(t: number, now: number, out: ParsedSetCookie): number {
  if (t > now + MAX_LIFETIME) {
    out.capped = true;
    return now + MAX_LIFETIME;
  }
  return t < EARLIEST ? EARLIEST : t;
}

/** parseSetCookie's scratch lists of attribute keys seen in the line being parsed (it does not re-enter). */
const SEEN_KEYS: string[] = [];
const SEEN_NAMES: string[] = [];

export function parseSetCookie(line: string, now: number): ParsedSetCookie {
  const out: ParsedSetCookie = {
    name: '',
    value: '',
    attributes: [],
    secure: false,
    httpOnly: false,
    sameSite: 'unspecified',
    partitioned: false,
    badExpires: [],
    badMaxAge: [],
    bothMaxAgeAndExpires: false,
    capped: false,
    attributesDropped: 0,
  };
  if (typeof line !== 'string') {
    out.error = 'empty';
    return out;
  }
  if (hasForbiddenControl(line)) {
    out.error = 'invalid-characters';
    return out;
  }
  const semi = line.indexOf(';');
  const pairEnd = semi < 0 ? line.length : semi;
  const eq = indexIn(line, 0x3d, 0, pairEnd);
  // §5.6 step 3: no "=" means a nameless cookie whose value is the whole pair.
  out.name = eq < 0 ? '' : sliceWsp(line, 0, eq);
  out.value = eq < 0 ? sliceWsp(line, 0, pairEnd) : sliceWsp(line, eq + 1, pairEnd);
  if (out.name === '' && out.value === '') {
    out.error = 'empty';
    return out;
  }
  // A UTF-16 code unit is at most 3 UTF-8 bytes: short strings need no count.
  if (
    (out.name.length + out.value.length) * 3 > MAX_NAME_VALUE_BYTES &&
    utf8Length(out.name, MAX_NAME_VALUE_BYTES) + utf8Length(out.value, MAX_NAME_VALUE_BYTES) > MAX_NAME_VALUE_BYTES
  ) {
    out.error = 'too-large';
    return out;
  }
  if (semi < 0) return out;

  let expiresSeen = false;
  // Attribute keys seen (and each one's first spelling), to report repeats: the module's scratch lists, searched
  // linearly (at most MAX_ATTRIBUTES), so a name like __proto__ is only a string and no Map is made per line.
  let seen = 0;
  let pos = semi + 1;
  while (pos <= line.length) {
    let next = line.indexOf(';', pos);
    if (next < 0) next = line.length;
    // The cookie-av is line[pos, next): name and value cut from the line itself, trimmed, one slice each.
    const aeq = indexIn(line, 0x3d, pos, next);
    const name = sliceWsp(line, pos, aeq < 0 ? next : aeq);
    const value = aeq < 0 ? '' : sliceWsp(line, aeq + 1, next);
    pos = next + 1;
    if (name === '' && value === '') continue;
    const key = name.toLowerCase();
    let k = 0;
    while (k < seen && SEEN_KEYS[k] !== key) k++;
    if (k === seen) {
      if (seen < MAX_ATTRIBUTES) {
        SEEN_KEYS[seen] = key;
        SEEN_NAMES[seen++] = name;
      }
    } else {
      const first = SEEN_NAMES[k]!; // set with SEEN_KEYS[k]
      if (!(out.repeatedAttributes ??= []).includes(first) && out.repeatedAttributes.length < 8) out.repeatedAttributes.push(first);
    }
    const attr: ParsedAttribute = { name, value, key };
    if (out.attributes.length < MAX_ATTRIBUTES) out.attributes.push(attr);
    else out.attributesDropped++;
    if (value.length * 3 > MAX_ATTRIBUTE_BYTES && utf8Length(value, MAX_ATTRIBUTE_BYTES) > MAX_ATTRIBUTE_BYTES) {
      attr.oversized = true;
      if (attr.value.length > 80) attr.value = attr.value.slice(0, 80) + '…';
      continue;
    }
    switch (key) {
      case 'expires': {
        expiresSeen = true;
        const t = parseCookieDate(value);
        if (t === null) out.badExpires.push(value);
        else out.expires = capExpiry(t, now, out);
        break;
      }
      case 'max-age': {
        const c0 = value.charCodeAt(0);
        let ok = value.length > 0 && (isDigit(c0) || c0 === 0x2d);
        for (let i = 1; ok && i < value.length; i++) if (!isDigit(value.charCodeAt(i))) ok = false;
        if (ok && value === '-') ok = false;
        if (!ok) {
          out.badMaxAge.push(value);
          break;
        }
        const delta = Number(value);
        out.maxAgeExpiry = delta <= 0 ? EARLIEST : capExpiry(now + delta, now, out);
        break;
      }
      case 'domain': {
        // Empty Domain=: the spec leaves it undefined (SHOULD ignore the attribute). Chrome keeps the last Domain
        // attribute even when empty, and an empty one makes the cookie host-only: "Domain=other.example; Domain="
        // is stored host-only (Chromium 156 here, http-state optional-domain0042; WPT's domain table expects a
        // rejection there).
        if (value === '') {
          out.domain = undefined;
          out.emptyDomain = true;
          break;
        }
        const d = value.charCodeAt(0) === 0x2e ? value.slice(1) : value;
        out.domain = d.toLowerCase();
        break;
      }
      case 'path':
        out.path = value;
        break;
      case 'secure':
        out.secure = true;
        break;
      case 'httponly':
        out.httpOnly = true;
        break;
      case 'samesite': {
        const v = value.toLowerCase();
        if (v === 'strict' || v === 'lax' || v === 'none') {
          out.sameSite = v;
          out.sameSiteInvalid = undefined;
        } else {
          out.sameSite = 'unspecified';
          out.sameSiteInvalid = value;
        }
        break;
      }
      case 'partitioned':
        out.partitioned = true;
        break;
      default:
        break;
    }
  }
  out.bothMaxAgeAndExpires = expiresSeen && out.maxAgeExpiry !== undefined;
  return out;
}

/** The cookie's expiry: Max-Age wins over Expires (RFC 6265bis §5.7 step 6); null for a session cookie. */
export function effectiveExpiry(p: ParsedSetCookie): number | null {
  if (p.maxAgeExpiry !== undefined) return p.maxAgeExpiry;
  if (p.expires !== undefined) return p.expires;
  return null;
}

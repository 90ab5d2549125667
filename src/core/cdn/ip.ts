/**
 * IP address parsing and CDN ownership lookup over the generated range table
 * (scripts/gen-cdn-ranges.ts turns data/cdn-ip-ranges.json into ip-ranges.generated.json).
 * IPv4 addresses are 32-bit numbers; IPv6 addresses are 32 lower-case hex digits, so that
 * string order equals numeric order and no BigInt is needed at run time.
 */
import table from './ip-ranges.generated.json';

export interface IpRangeTable {
  source: string;
  providers: Array<{ id: string; name: string; category: string }>;
  /** [start, end, providerIndex], sorted by start, disjoint. */
  v4: Array<[number, number, number]>;
  /** [start, end, providerIndex] as 32-hex-digit strings, sorted, disjoint. */
  v6: Array<[string, string, number]>;
}

const RANGES = table as unknown as IpRangeTable;

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Dotted quad to an unsigned 32-bit number, or null. No leading-zero octal forms (RFC 6943 §3.1.1). */
export function parseIPv4(text: string): number | null {
  if (typeof text !== 'string' || text.length > 15) return null;
  const m = V4.exec(text);
  if (!m) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = m[i]!; // V4 has four groups, none optional
    if (part.length > 1 && part[0] === '0') return null;
    const v = Number(part);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

/** RFC 4291 §2.2 text form (with ::, embedded IPv4, optional zone id) to 32 hex digits, or null. */
export function parseIPv6(text: string): string | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  let s = text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(':')) return null;
  const lastColon = s.lastIndexOf(':');
  const maybeV4 = s.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    const v4 = parseIPv4(maybeV4);
    if (v4 === null) return null;
    s = s.slice(0, lastColon + 1) + ((v4 >>> 16) & 0xffff).toString(16) + ':' + (v4 & 0xffff).toString(16);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (part: string): string[] | null => {
    if (part === '') return [];
    const g = part.split(':');
    for (const x of g) if (!/^[0-9a-fA-F]{1,4}$/.test(x)) return null;
    return g;
  };
  const head = groupsOf(halves[0]!); // split gives at least one part
  const rest = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !rest) return null;
  let groups: string[];
  if (halves.length === 2) {
    const total = head.length + rest.length;
    if (total > 7) return null;
    groups = head.concat(new Array<string>(8 - total).fill('0'), rest);
  } else {
    if (head.length !== 8) return null;
    groups = head;
  }
  return groups.map((g) => g.toLowerCase().padStart(4, '0')).join('');
}

/** Strip brackets and a port ("[2001:db8::1]:443", "192.0.2.1:80") from an address as recorders report it. */
export function bareAddress(text: string): string {
  let s = text.trim();
  const bracket = /^\[([^\]]*)\](?::\d+)?$/.exec(s);
  if (bracket) return bracket[1]!;
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(s);
  if (v4port) s = v4port[1]!;
  return s;
}

export interface IpOwner {
  id: string;
  name: string;
  category: string;
}

/** The CDN or WAF provider whose published ranges contain `ip`, or null. Binary search, O(log n). */
export function cdnForIp(ip: string | null | undefined): IpOwner | null {
  const found = sharedOwnerForIp(ip);
  return found && { ...found };
}

/**
 * cdnForIp without the copy: the memoised answer itself, frozen, for callers inside the engine that only read it
 * (explainCdn), so an explanation allocates no owner object.
 */
export function sharedOwnerForIp(ip: string | null | undefined): Readonly<IpOwner> | null {
  if (!ip || typeof ip !== 'string') return null;
  // A plain dotted quad (nearly every recorded address) is read and searched faster than a memo is consulted.
  const plain = plainIPv4(ip);
  if (plain >= 0) return owner(searchV4(plain));
  // Other forms: a page talks to a handful of addresses many times over, so remember the last answers.
  const known = OWNER_MEMO.get(ip);
  if (known !== undefined) return known;
  const found = lookup(ip);
  if (OWNER_MEMO.size >= 1024) OWNER_MEMO.clear();
  if (ip.length <= 64) OWNER_MEMO.set(ip, found);
  return found;
}

const OWNER_MEMO = new Map<string, Readonly<IpOwner> | null>();

/**
 * A plain dotted quad as recorded (no spaces, brackets, port or leading zeros), read without regular expressions;
 * -1 for anything else, which then takes the general path below (and gets the same answer it always did).
 */
function plainIPv4(s: string): number {
  const n = s.length;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && part === 0) return -1; // a leading zero: parseIPv4 refuses it
      if (++digits > 3) return -1;
      part = part * 10 + (c - 48);
      if (part > 255) return -1;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
}

function lookup(ip: string): Readonly<IpOwner> | null {
  const plain = plainIPv4(ip);
  if (plain >= 0) return owner(searchV4(plain));
  const addr = bareAddress(ip);
  const v4 = parseIPv4(addr);
  if (v4 !== null) return owner(searchV4(v4));
  const v6 = parseIPv6(addr);
  if (v6 === null) return null;
  // IPv4-mapped IPv6 (::ffff:a.b.c.d) is an IPv4 address (RFC 4291 §2.5.5.2)
  if (v6.startsWith('00000000000000000000ffff')) return owner(searchV4(parseInt(v6.slice(24), 16)));
  return owner(search(RANGES.v6, v6));
}

/**
 * The IPv4 table as three flat typed arrays (start, end, provider index), for searchV4: a binary search over them
 * reads a few kilobytes that stay in cache, where the table's [start, end, index] triples are each an object of its own.
 */
const V4_START = Uint32Array.from(RANGES.v4, (r) => r[0]);
const V4_END = Uint32Array.from(RANGES.v4, (r) => r[1]);
const V4_OWNER = Int32Array.from(RANGES.v4, (r) => r[2]);

/** Whether every bound is a 32-bit unsigned integer, as the typed arrays need (the generator writes nothing else). */
const V4_FLAT = RANGES.v4.every((r) => r[0] >>> 0 === r[0] && r[1] >>> 0 === r[1]);

/** search(RANGES.v4, x) over the flat arrays: the same answer. */
function searchV4(x: number): number {
  if (!V4_FLAT) return search(RANGES.v4, x);
  let lo = 0;
  let hi = V4_START.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (x < V4_START[mid]!) hi = mid - 1;
    else if (x > V4_END[mid]!) lo = mid + 1;
    else return V4_OWNER[mid]!;
  }
  return -1;
}

function search<T extends number | string>(ranges: Array<[T, T, number]>, x: T): number {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!; // lo <= mid <= hi, inside the list
    if (x < r[0]) hi = mid - 1;
    else if (x > r[1]) lo = mid + 1;
    else return r[2];
  }
  return -1;
}

/** One frozen owner per range-table provider, shared by every answer (cdnForIp hands out copies). */
const OWNERS: ReadonlyArray<Readonly<IpOwner>> = RANGES.providers.map((p) =>
  Object.freeze({ id: p.id, name: p.name, category: p.category }),
);

function owner(index: number): Readonly<IpOwner> | null {
  if (index < 0) return null;
  return OWNERS[index] ?? null;
}

export const IP_RANGES_SOURCE = RANGES.source;

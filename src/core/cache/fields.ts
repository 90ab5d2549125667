/**
 * Reading header fields from a wire-order list: names compared case-insensitively (RFC 9110 §5.1), and field lines
 * that a recorder joined with "\n" (Firefox's webRequest, chrome-har, CDP) split back into lines here, once.
 */
import { isList, valueText } from '../loose';
import type { LooseHeaderList } from '../types';

/** Every field line of `name` (lower-case), in order; "\n"-joined lines split and trimmed. */
export function fieldValues(headers: LooseHeaderList | null | undefined, name: string): string[] {
  const out: string[] = [];
  if (!isList(headers)) return out;
  for (const h of headers) {
    if (!h || typeof h.name !== 'string' || h.name.length !== name.length) continue;
    if (h.name !== name && h.name.toLowerCase() !== name) continue;
    const value = typeof h.value === 'string' ? h.value : valueText(h.value);
    if (value.indexOf('\n') < 0) out.push(value);
    else for (const part of value.split('\n', 64)) out.push(part.trim());
  }
  return out;
}

/** The first field line of `name` (lower-case), or null. */
export function firstField(headers: LooseHeaderList | null | undefined, name: string): string | null {
  const all = fieldValues(headers, name);
  return all[0] ?? null;
}

// ---------------------------------------------------------------- the fast readers buildFacts uses

/** The header names the cache engine reads are RES_SLOTS / REQ_SLOTS below (collectSlots); collect() is the general form. */
/** Header names as written → lower-case wanted name, or '' when not wanted. Names repeat across a recording. */
const nameCache = new WeakMap<ReadonlySet<string>, Map<string, string>>();
const lengthCache = new WeakMap<ReadonlySet<string>, Set<number>>();

export function collect(headers: LooseHeaderList | null | undefined, wanted: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!isList(headers)) return out;
  let names = nameCache.get(wanted);
  if (!names) nameCache.set(wanted, (names = new Map<string, string>()));
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
    const value = typeof h.value === 'string' ? h.value : valueText(h.value);
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
export interface SlotTable {
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
  const usual = names.map((n) =>
    n === 'etag' ? 'ETag' : n.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase()),
  );
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

export function collectSlots(headers: LooseHeaderList | null | undefined, table: SlotTable): Array<string[] | undefined> {
  const out = new Array<string[] | undefined>(table.names.length);
  if (!isList(headers)) return out;
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
      const s = slots[k]!; // byLength holds indexes into names (slotTable)
      if (sameName(name, table.names[s]!)) {
        slot = s;
        break;
      }
    }
    if (slot < 0) continue;
    const value = typeof h.value === 'string' ? h.value : valueText(h.value);
    const list = out[slot];
    // Firefox (and HARs it writes) join repeated field lines with "\n"; a field value cannot hold a newline.
    if (value.indexOf('\n') < 0) {
      if (list) list.push(value);
      else out[slot] = [value]; // exact-size array: most fields come once
    } else {
      const parts = value.split('\n', 64);
      for (let k = 0; k < parts.length; k++) parts[k] = parts[k]!.trim();
      if (list) list.push(...parts);
      else out[slot] = parts;
    }
  }
  return out;
}

// Slot numbers: the order of these lists.
export const RES_SLOTS = slotTable([
  'cache-control',
  'pragma',
  'expires',
  'date',
  'age',
  'last-modified',
  'etag',
  'vary',
  'set-cookie',
  'content-location',
]);
export const REQ_SLOTS = slotTable(['cache-control', 'pragma', 'authorization', 'if-none-match', 'if-modified-since']);

/**
 * What buildFacts reads from one header list: per slot, undefined (absent), the value as recorded (one field line,
 * the usual case) or the values of several field lines; `presenceOnly` slots hold '' when present, their values are
 * never read. The Firefox newline split is left to splitLines(), run only where a value is parsed (a memo hit or an
 * IMF-fixdate needs none). collectSlots() without the per-slot arrays, written into a scratch array reused by every
 * call (buildFacts is synchronous and hands on strings only, never the scratch itself).
 */
export type FieldValue = string | string[] | undefined;

export function scanFields(
  headers: LooseHeaderList | null | undefined,
  table: SlotTable,
  out: FieldValue[],
  presenceOnly = -1,
): FieldValue[] {
  for (let k = 0; k < out.length; k++) out[k] = undefined; // (a loop: Array.prototype.fill is a slow builtin call here)
  if (!isList(headers)) return out;
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
    // len < byLength.length, so the index is inside byFirst (slotTable sizes it byLength.length * 32)
    const entry = c0 < 0x80 ? byFirst[len * 32 + (((c0 | 0x20) - 0x60) & 31)]! : -1;
    if (entry > 0) {
      // An ASCII first character: it is the wanted name's first letter in either case, or no wanted name matches.
      const lower = names[entry - 1]!; // byFirst holds slot + 1
      if (name === lower || name === table.usual[entry - 1] || ((c0 | 0x20) === lower.charCodeAt(0) && sameName(name, lower)))
        slot = entry - 1;
    } else if (entry < 0) {
      const slots = byLength[len];
      if (slots !== undefined) {
        for (let k = 0; k < slots.length; k++) {
          const s = slots[k]!;
          if (sameName(name, names[s]!)) {
            slot = s;
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
    const value = typeof h.value === 'string' ? h.value : valueText(h.value);
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
    const line = v[k]!;
    if (line.indexOf('\n') < 0) {
      if (out) out.push(line);
    } else {
      out ??= v.slice(0, k);
      out.push(...splitValue(line));
    }
  }
  return out ?? v;
}

function splitValue(value: string): string[] {
  const parts = value.split('\n', 64);
  for (let k = 0; k < parts.length; k++) parts[k] = parts[k]!.trim();
  return parts;
}

/** The first line of a scanned field (null when absent). */
export function firstLine(v: FieldValue): string | null {
  if (v === undefined) return null;
  if (typeof v === 'string' && v.indexOf('\n') < 0) return v;
  return splitLines(v)[0] ?? null;
}

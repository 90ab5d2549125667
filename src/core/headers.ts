import type { HeaderList } from './types';

/**
 * Whether a header named `have` is the lower-case name `wanted`. For an ASCII `wanted` (every name the engine asks
 * for) a name of another length cannot match: only A-Z and U+212A KELVIN SIGN (to "k") lower-case to ASCII, one
 * character for one. So most names are ruled out by their length, without a lower-cased copy of each.
 */
function sameName(have: string, wanted: string, ascii: boolean): boolean {
  if (!ascii || typeof have !== 'string') return have === wanted || have.toLowerCase() === wanted;
  if (have.length !== wanted.length) return false;
  if (have === wanted) return true;
  // Character by character instead of a lower-cased copy of every same-length name (most are written capitalised).
  for (let i = 0; i < have.length; i++) {
    const h = have.charCodeAt(i);
    const w = wanted.charCodeAt(i);
    if (h === w) continue;
    if (h >= 0x41 && h <= 0x5a ? h + 0x20 !== w : !(h === 0x212a && w === 0x6b)) return false;
  }
  return true;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Case-insensitive header access over a wire-order list (RFC 9110 §5.1: field names are case-insensitive). */
export function getAll(headers: HeaderList, name: string): string[] {
  const wanted = name.toLowerCase();
  const ascii = isAscii(wanted);
  const out: string[] = [];
  for (const h of headers) if (sameName(h.name, wanted, ascii)) out.push(h.value);
  return out;
}

/** Field values combined as RFC 9110 §5.3 allows (", "), or undefined when absent. */
export function getCombined(headers: HeaderList, name: string): string | undefined {
  const all = getAll(headers, name);
  return all.length ? all.join(', ') : undefined;
}

export function has(headers: HeaderList, name: string): boolean {
  const wanted = name.toLowerCase();
  const ascii = isAscii(wanted);
  for (const h of headers) if (sameName(h.name, wanted, ascii)) return true;
  return false;
}

/** From a plain object ({name: value | value[]}) to a HeaderList. */
export function fromRecord(record: Record<string, string | string[] | undefined>): HeaderList {
  const out: HeaderList = [];
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) out.push({ name, value: v });
    else out.push({ name, value });
  }
  return out;
}

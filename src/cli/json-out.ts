/**
 * One explanation as JSON text, exactly what `safeJson(JSON.stringify(e))` writes, without serialising the same
 * objects over and over:
 * - a finding sits both in its area's list and in the explanation's merged list (the same object): it is written
 *   once per explanation and its text reused;
 * - the engine shares deep-frozen, read-only values between explanations (the explained directives of a
 *   Cache-Control value, the Vary sentences, findings without parameters, empty lists): their text is kept, keyed
 *   by the object, for as long as the object lives.
 * Everything else goes through JSON.stringify as before. safeJson is a per-character rewrite, so applying it to
 * each piece gives the same text as applying it to the whole.
 */
import { safeJson } from './sanitize';

type Obj = Record<string, unknown>;

/** The text of deep-frozen shared values; `null` for a value found not to be deep-frozen (never kept). */
const FROZEN_TEXT = new WeakMap<object, string | null>();
/** Key texts (`"name":`), bounded: keys come from the explanation schema and a few page-made maps. */
const KEY_TEXT = new Map<string, string>();

function keyText(k: string): string {
  let t = KEY_TEXT.get(k);
  if (t === undefined) {
    t = `${safeJson(JSON.stringify(k))}:`;
    if (KEY_TEXT.size < 4096) KEY_TEXT.set(k, t);
  }
  return t;
}

function deepFrozen(v: object, depth: number): boolean {
  if (!Object.isFrozen(v) || depth > 8) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x !== null && typeof x === 'object' && !deepFrozen(x, depth + 1)) return false;
    }
    return true;
  }
  for (const k of Object.keys(v)) {
    const x = (v as Obj)[k];
    if (x !== null && typeof x === 'object' && !deepFrozen(x, depth + 1)) return false;
  }
  return true;
}

/** The text of a frozen value, remembered when it is deep-frozen (it cannot change while the object lives). */
function frozenText(v: object): string | undefined {
  const hit = FROZEN_TEXT.get(v);
  if (hit !== undefined) return hit ?? undefined;
  if (!deepFrozen(v, 0)) {
    FROZEN_TEXT.set(v, null);
    return undefined;
  }
  const t = safeJson(JSON.stringify(v));
  FROZEN_TEXT.set(v, t);
  return t;
}

/**
 * How deep the walk goes before handing a value to JSON.stringify whole: the explanation (0), its areas (1), their
 * lists (2) and the items of those lists (3, findings among them).
 */
const WALK_DEPTH = 3;

/**
 * The text of one value, as pieces pushed onto `out` (none for a value JSON skips: undefined, a function, a symbol;
 * then the return is false). Pieces, not one string: each piece is a flat string as JSON.stringify made it, so a
 * writer can encode them one by one (see run.ts) without first copying them all into one string, and the one piece
 * holding a character beyond Latin-1 (a "−" in a rule) does not make the whole text a two-byte string.
 */
function write(v: unknown, depth: number, seen: Map<object, string>, out: string[]): boolean {
  if (v === null || typeof v !== 'object') {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return false;
    out.push(typeof v === 'string' ? safeJson(JSON.stringify(v)) : JSON.stringify(v));
    return true;
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    const t = JSON.stringify(v);
    if (t === undefined) return false;
    out.push(safeJson(t));
    return true;
  }
  if (Object.isFrozen(v)) {
    const t = frozenText(v);
    if (t !== undefined) {
      out.push(t);
      return true;
    }
  }
  const again = seen.get(v);
  if (again !== undefined) {
    out.push(again);
    return true;
  }
  if (depth >= WALK_DEPTH) {
    const t = safeJson(JSON.stringify(v));
    // Only the items of lists repeat within one explanation (findings in their area and in the merged list).
    seen.set(v, t);
    out.push(t);
    return true;
  }
  if (Array.isArray(v)) {
    out.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i) out.push(',');
      if (!write(v[i], depth + 1, seen, out)) out.push('null');
    }
    out.push(']');
  } else {
    out.push('{');
    let first = true;
    for (const k of Object.keys(v)) {
      const at = out.length;
      out.push(first ? keyText(k) : `,${keyText(k)}`);
      if (write((v as Obj)[k], depth + 1, seen, out)) first = false;
      else out.length = at;
    }
    out.push('}');
  }
  return true;
}

/** The pieces of `safeJson(JSON.stringify(value))`, with the shared and repeated parts written from memory. */
export function explanationPieces(value: unknown, out: string[] = []): string[] {
  if (!write(value, 0, new Map(), out)) out.push('null');
  return out;
}

/** `safeJson(JSON.stringify(value))`, with the shared and repeated parts written from memory. */
export function explanationJson(value: unknown): string {
  return explanationPieces(value).join('');
}

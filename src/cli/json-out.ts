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

function write(v: unknown, depth: number, seen: Map<object, string>): string | undefined {
  if (v === null || typeof v !== 'object')
    return v === undefined || typeof v === 'function' || typeof v === 'symbol' ? undefined : safeJson(JSON.stringify(v));
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return safeJson(JSON.stringify(v));
  if (Object.isFrozen(v)) {
    const t = frozenText(v);
    if (t !== undefined) return t;
  }
  const again = seen.get(v);
  if (again !== undefined) return again;
  let t: string;
  if (depth >= WALK_DEPTH) t = safeJson(JSON.stringify(v));
  else if (Array.isArray(v)) {
    t = '[';
    for (let i = 0; i < v.length; i++) {
      if (i) t += ',';
      t += write(v[i], depth + 1, seen) ?? 'null';
    }
    t += ']';
  } else {
    t = '{';
    let first = true;
    for (const k of Object.keys(v)) {
      const x = write((v as Obj)[k], depth + 1, seen);
      if (x === undefined) continue;
      t += first ? keyText(k) : `,${keyText(k)}`;
      t += x;
      first = false;
    }
    t += '}';
  }
  // Only the items of lists repeat within one explanation (findings in their area and in the merged list).
  if (depth >= 2) seen.set(v, t);
  return t;
}

/** `safeJson(JSON.stringify(value))`, with the shared and repeated parts written from memory. */
export function explanationJson(value: unknown): string {
  return write(value, 0, new Map()) ?? 'null';
}

/**
 * Reading header fields from a wire-order list: names compared case-insensitively (RFC 9110 §5.1), and field lines
 * that a recorder joined with "\n" (Firefox's webRequest, chrome-har, CDP) split back into lines here, once.
 */
import type { HeaderList } from '../types';

/** Every field line of `name` (lower-case), in order; "\n"-joined lines split and trimmed. */
export function fieldValues(headers: HeaderList | undefined, name: string): string[] {
  const out: string[] = [];
  if (!Array.isArray(headers)) return out;
  for (const h of headers) {
    if (!h || typeof h.name !== 'string' || h.name.length !== name.length) continue;
    if (h.name !== name && h.name.toLowerCase() !== name) continue;
    const value = typeof h.value === 'string' ? h.value : String(h.value ?? '');
    if (value.indexOf('\n') < 0) out.push(value);
    else for (const part of value.split('\n', 64)) out.push(part.trim());
  }
  return out;
}

/** The first field line of `name` (lower-case), or null. */
export function firstField(headers: HeaderList | undefined, name: string): string | null {
  const all = fieldValues(headers, name);
  return all.length ? all[0] : null;
}

import type { HeaderList } from './types';

/** Case-insensitive header access over a wire-order list (RFC 9110 §5.1: field names are case-insensitive). */
export function getAll(headers: HeaderList, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const h of headers) if (h.name.toLowerCase() === wanted) out.push(h.value);
  return out;
}

/** Field values combined as RFC 9110 §5.3 allows (", "), or undefined when absent. */
export function getCombined(headers: HeaderList, name: string): string | undefined {
  const all = getAll(headers, name);
  return all.length ? all.join(', ') : undefined;
}

export function has(headers: HeaderList, name: string): boolean {
  const wanted = name.toLowerCase();
  return headers.some((h) => h.name.toLowerCase() === wanted);
}

/** From a plain object ({name: value | value[]}) to a HeaderList. */
export function fromRecord(record: Record<string, string | string[] | undefined>): HeaderList {
  const out: HeaderList = [];
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) out.push({ name, value: String(v) });
    else out.push({ name, value: String(value) });
  }
  return out;
}

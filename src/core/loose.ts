/**
 * Small typed readers for input that the engine's types promise but a caller may break: records from storage or a
 * hand-written HAR, holes in a list, a context missing from a call made outside TypeScript (see LooseRecord in
 * types.ts). Each one returns what the engine's defensive code used to compute inline, so behaviour is unchanged.
 */
import type { EngineContext, HeaderList, LooseRecord } from './types';

/** Array.isArray that keeps the element type (on a readonly list, Array.isArray narrows to any[]). */
export function isList<T>(value: readonly T[] | null | undefined): value is readonly T[] {
  return Array.isArray(value);
}

const NO_CONTEXT: Partial<EngineContext> = Object.freeze({});
const NO_RECORD: LooseRecord = Object.freeze({});

/** The context as given, or an empty one where none was (its fields are then undefined, as `ctx?.now` read them). */
export function contextOf(ctx: Partial<EngineContext> | null | undefined): Partial<EngineContext> {
  return ctx ?? NO_CONTEXT;
}

/** The record as given, or an empty one for a hole in a list (its fields are then undefined, as `x?.url` read them). */
export function recordOf(x: LooseRecord | null | undefined): LooseRecord {
  return x ?? NO_RECORD;
}

/** A record's header list, or a new empty list where the record has none. */
export function orEmpty(headers: HeaderList | null | undefined): HeaderList {
  return headers ?? [];
}

/** String() of any value, as a reader of untyped input means it ("[object Object]" for an object included). */
export function anyText(value: unknown): string {
  return String(value);
}

/** Text of a field whose type a damaged record breaks: String() of it, `fallback` for null or undefined. */
export function textOr(value: unknown, fallback: string): string {
  return anyText(value ?? fallback);
}

/**
 * A header value that is not a string (a recorder or a hand-written HAR may put a number, a boolean or null there) as
 * text: String() of it, with null and undefined as ''. Callers keep the string case inline (`typeof v === 'string' ?
 * v : valueText(v)`), the usual one.
 */
export function valueText(value: unknown): string {
  return anyText(value ?? '');
}

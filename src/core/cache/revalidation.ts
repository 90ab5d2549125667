/**
 * Tie a revalidation to the earlier response it revalidated (RFC 9111 §4.3).
 * Both browsers report a 304-revalidated response to webRequest as "200 from cache" with the refreshed Date/Age
 * and without the conditional request headers (../shared/notes/browser-testing.md), so a cached response whose Date
 * moved on is taken as an inferred revalidation.
 */
import type { RevalidationLink } from '../explanation';
import { isList, valueText } from '../loose';
import type { ExchangeRecord, HeaderList, LooseHeaderList, LooseRecord } from '../types';
import { fill } from '../notes';
import { parseETag, parseHttpDate } from './parsers';

export const REVALIDATION_TEXT = {
  matched: 'Revalidated with {validator} {value}: the server answered 304, so the stored body was reused.',
  inferred:
    'Served from cache with a newer Date than the stored copy: the browser revalidated it with {validator} and the server answered 304 (inferred: the browser hides the 304 from extensions).',
  changed: 'The {validator} changed from {previous} to {current}: the resource was modified and downloaded again in full.',
} as const;

/** Per history array: URL → indices, extended as the array grows (the composer passes the same array repeatedly). */
interface UrlIndex {
  length: number;
  first: ExchangeRecord | undefined;
  byUrl: Map<string, number[]>;
}
const indexCache = new WeakMap<readonly ExchangeRecord[], UrlIndex>();

function indicesFor(earlier: readonly ExchangeRecord[], url: string): number[] {
  if (earlier.length <= 64) {
    // Short histories (the composer passes the same-URL exchanges only): a scan beats building an index.
    const out: number[] = [];
    for (let k = 0; k < earlier.length; k++) if (earlier[k]?.url === url) out.push(k);
    return out;
  }
  let idx = indexCache.get(earlier);
  if (!idx || idx.length > earlier.length || idx.first !== earlier[0]) {
    idx = { length: 0, first: earlier[0], byUrl: new Map() };
    indexCache.set(earlier, idx);
  }
  for (let k = idx.length; k < earlier.length; k++) {
    const e = earlier[k];
    if (!e || typeof e.url !== 'string') continue;
    const list = idx.byUrl.get(e.url);
    if (list) list.push(k);
    else idx.byUrl.set(e.url, [k]);
  }
  idx.length = earlier.length;
  return idx.byUrl.get(url) ?? [];
}

function first(headers: LooseHeaderList | null | undefined, name: string): string | null {
  if (!isList(headers)) return null;
  // Same length first: `name` is lower-case ASCII, and only A-Z and U+212A (to "k") lower-case to ASCII, one for one.
  for (const h of headers) {
    if (h && typeof h.name === 'string' && h.name.length === name.length && (h.name === name || h.name.toLowerCase() === name)) {
      return valueText(h.value);
    }
  }
  return null;
}

function dateOf(x: LooseRecord): number | null {
  const raw = first(x.responseHeaders, 'date');
  return raw === null ? null : parseHttpDate(raw, (x.responseTimeMs || 0) / 1000).time;
}

function isStoredResponse(e: LooseRecord): boolean {
  const method = e.method ?? 'GET';
  const status = e.status ?? 0; // a missing status compares as null did (as 0), failing the first test
  return status >= 200 && status !== 304 && status < 600 && (method === 'GET' || method.toUpperCase() !== 'POST');
}

type Validator = { validator: 'etag' | 'last-modified'; value: string };

/**
 * Each exchange is looked at as the earlier response of every later one with its URL (up to HISTORY_CAP of them), so
 * its validator is read once and kept with its header list (and the list's length, should lines be added to it).
 * The kept value is read-only: callers copy its fields.
 */
const VALIDATORS = new WeakMap<LooseHeaderList, { lines: number; v: Validator | null }>();

function validatorOf(e: LooseRecord): Validator | null {
  const headers = e.responseHeaders;
  if (!isList(headers)) return readValidator(e);
  const kept = VALIDATORS.get(headers);
  if (kept !== undefined && kept.lines === headers.length) return kept.v;
  const v = readValidator(e);
  VALIDATORS.set(headers, { lines: headers.length, v });
  return v;
}

function readValidator(e: LooseRecord): Validator | null {
  const etag = first(e.responseHeaders, 'etag');
  if (etag !== null && etag.trim() !== '') return { validator: 'etag', value: etag.trim().slice(0, 200) };
  const lm = first(e.responseHeaders, 'last-modified');
  if (lm !== null && lm.trim() !== '') return { validator: 'last-modified', value: lm.trim().slice(0, 200) };
  return null;
}

export interface LinkResult {
  link: RevalidationLink;
  previous: ExchangeRecord;
}

/** Like linkRevalidation, also returning the earlier exchange (the 304's stored response). */
export function findRevalidation(x: LooseRecord | null | undefined, earlier: readonly ExchangeRecord[] | undefined): LinkResult | null {
  if (!x || !isList(earlier) || earlier.length === 0 || typeof x.url !== 'string') return null;
  const candidates = indicesFor(earlier, x.url);
  if (candidates.length === 0) return null;
  const method = (x.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return null;

  // The latest earlier exchange with a body and a validator: the one a conditional request would refer to.
  let previous: ExchangeRecord | null = null;
  let prevValidator: ReturnType<typeof validatorOf> = null;
  for (let k = candidates.length - 1; k >= 0; k--) {
    const e = earlier[candidates[k]!]!; // candidates index records whose url matched
    if (e === x || !isStoredResponse(e)) continue;
    const v = validatorOf(e);
    if (v) {
      previous = e;
      prevValidator = v;
      break;
    }
  }
  if (!previous || !prevValidator) return null;

  const explicit = x.status === 304 || x.source === 'revalidated';
  if (explicit) {
    const inm = first(x.requestHeaders, 'if-none-match');
    const ims = first(x.requestHeaders, 'if-modified-since');
    const used =
      inm !== null
        ? { validator: 'etag' as const, value: inm.trim().slice(0, 200) }
        : ims !== null
          ? { validator: 'last-modified' as const, value: ims.trim().slice(0, 200) }
          : prevValidator;
    const inferred = x.status !== 304;
    return {
      previous,
      link: {
        previousId: previous.id,
        inferred,
        validator: used.validator,
        validatorValue: used.value,
        matched: true,
        plain: fill(inferred ? REVALIDATION_TEXT.inferred : REVALIDATION_TEXT.matched, {
          validator: used.validator === 'etag' ? 'If-None-Match' : 'If-Modified-Since',
          value: used.value,
        }),
      },
    };
  }

  if (x.source === 'disk-cache' || x.source === 'memory-cache') {
    // A pure cache hit keeps the stored Date; a later Date means the stored copy was freshened by a 304.
    const d = dateOf(x);
    const prevDate = dateOf(previous);
    if (d !== null && prevDate !== null && d > prevDate) {
      return {
        previous,
        link: {
          previousId: previous.id,
          inferred: true,
          validator: prevValidator.validator,
          validatorValue: prevValidator.value,
          matched: true,
          plain: fill(REVALIDATION_TEXT.inferred, {
            validator: prevValidator.validator === 'etag' ? 'If-None-Match' : 'If-Modified-Since',
          }),
        },
      };
    }
    return null;
  }

  const status = x.status ?? 0; // a missing status compares as null did (as 0)
  if (x.source === 'network' && status >= 200 && status < 300) {
    const now = validatorOf(x);
    if (!now || now.validator !== prevValidator.validator) return null;
    const same =
      now.validator === 'etag'
        ? parseETag(now.value).value.replace(/^w\//i, '') === parseETag(prevValidator.value).value.replace(/^w\//i, '')
        : now.value === prevValidator.value;
    if (same) return null;
    return {
      previous,
      link: {
        previousId: previous.id,
        inferred: first(x.requestHeaders, now.validator === 'etag' ? 'if-none-match' : 'if-modified-since') === null,
        validator: now.validator,
        validatorValue: prevValidator.value,
        matched: false,
        plain: fill(REVALIDATION_TEXT.changed, {
          validator: now.validator === 'etag' ? 'ETag' : 'Last-Modified',
          previous: prevValidator.value,
          current: now.value,
        }),
      },
    };
  }
  return null;
}

/** RFC 9111 §4.3: which earlier exchange `x` revalidated (or found changed), or null. `earlier` oldest first. */
export function linkRevalidation(x: ExchangeRecord, earlier: ExchangeRecord[]): RevalidationLink | null {
  return findRevalidation(x, earlier)?.link ?? null;
}

/** RFC 9111 §3.2: the stored headers updated with those of the 304 (Content-Length excepted). */
export function mergeHeaders(stored: LooseHeaderList, update: LooseHeaderList): HeaderList {
  // Each update name is lower-cased once (kept beside its field); no filtered copies of either list.
  const updates: HeaderList = [];
  const lowered: string[] = [];
  const replaced = new Set<string>();
  if (isList(update)) {
    for (const h of update) {
      if (!isField(h)) continue;
      const n = h.name.toLowerCase();
      updates.push(h);
      lowered.push(n);
      if (n !== 'content-length') replaced.add(n);
    }
  }
  const out: HeaderList = [];
  if (isList(stored)) for (const h of stored) if (isField(h) && !replaced.has(h.name.toLowerCase())) out.push(h);
  for (let k = 0; k < updates.length; k++) if (replaced.has(lowered[k]!)) out.push(updates[k]!);
  return out;
}

function isField(h: unknown): h is { name: string; value: string } {
  return !!h && typeof (h as { name?: unknown }).name === 'string';
}

/**
 * The filter box's language: DevTools' Network filter terms where they exist, ours beside them.
 *   word              URL, status or method contains it (as before)
 *   /re/              a regular expression over the URL (case-insensitive)
 *   -term             negation of any term
 *   status-code:404   domain:*.example.com   method:POST   mime-type:text/css   resource-type:script
 *   has-response-header:etag   has-request-header:cookie   larger-than:10k (Content-Length)
 *   cookie-name:sid (sent)   set-cookie-name:sid (set)
 *   cdn:cloudflare   purpose:marketing   finding:no-validator (a finding's id or words)
 * Values are case-insensitive substrings, `*` wildcards, or /regex/. Terms are ANDed, as in DevTools. Cookie,
 * CDN, purpose and finding terms read the engine's explanation; the others read the record.
 */
import type { Explanation } from '../core/explanation';
import type { ExchangeRecord } from '../core/types';

export const QUERY_KEYS = [
  'status-code',
  'domain',
  'method',
  'mime-type',
  'resource-type',
  'has-response-header',
  'has-request-header',
  'larger-than',
  'cookie-name',
  'set-cookie-name',
  'cdn',
  'purpose',
  'finding',
] as const;
export type QueryKey = (typeof QUERY_KEYS)[number];
const EXPLAINED = new Set<QueryKey>(['cookie-name', 'set-cookie-name', 'cdn', 'purpose', 'finding']);

export interface QueryTerm {
  key: QueryKey | null;
  negate: boolean;
  /** Tests one candidate string. */
  test: (s: string) => boolean;
  raw: string;
  /** larger-than: bytes. */
  bytes?: number;
}

export interface Query {
  terms: QueryTerm[];
  needsExplain: boolean;
  /** A term that could not be read (a bad regex), for the filter box's hint. */
  error: string | null;
}

function matcher(value: string, exact: boolean): { test: (s: string) => boolean; error: string | null } {
  const re = /^\/(.+)\/([a-z]*)$/.exec(value);
  if (re) {
    try {
      const source = re[1]!; // (.+) and ([a-z]*) always take part in a match
      const flags = re[2]!;
      const r = new RegExp(source, flags.includes('i') ? flags : flags + 'i');
      return { test: (s) => r.test(s), error: null };
    } catch (err) {
      return { test: () => false, error: `${value}: ${(err as Error).message}` };
    }
  }
  const v = value.toLowerCase();
  if (v.includes('*')) {
    const r = new RegExp(
      '^' +
        v
          .split('*')
          .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*') +
        '$',
      'i',
    );
    return { test: (s) => r.test(s), error: null };
  }
  return exact ? { test: (s) => s.toLowerCase() === v, error: null } : { test: (s) => s.toLowerCase().includes(v), error: null };
}

function bytes(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(k|kb|m|mb)?$/i.exec(v.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  return unit.startsWith('m') ? n * 1024 * 1024 : unit.startsWith('k') ? n * 1024 : n;
}

export function parseQuery(text: string): Query {
  const terms: QueryTerm[] = [];
  let error: string | null = null;
  for (let token of text.trim().split(/\s+/)) {
    if (!token) continue;
    let negate = false;
    if (token.startsWith('-') && token.length > 1) {
      negate = true;
      token = token.slice(1);
    }
    const colon = token.indexOf(':');
    const maybeKey = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
    if ((QUERY_KEYS as readonly string[]).includes(maybeKey)) {
      const key = maybeKey as QueryKey;
      const value = token.slice(colon + 1);
      if (key === 'larger-than') {
        const b = bytes(value);
        if (Number.isNaN(b)) error ??= `${token}: a size like 10k or 2m`;
        terms.push({ key, negate, test: () => true, raw: token, bytes: b });
        continue;
      }
      const exact =
        key === 'status-code' ||
        key === 'method' ||
        key === 'has-response-header' ||
        key === 'has-request-header' ||
        key === 'cookie-name' ||
        key === 'set-cookie-name';
      const m = matcher(value, exact);
      error ??= m.error;
      terms.push({ key, negate, test: m.test, raw: token });
    } else {
      const m = matcher(token, false);
      error ??= m.error;
      terms.push({ key: null, negate, test: m.test, raw: token });
    }
  }
  return { terms, needsExplain: terms.some((t) => t.key !== null && EXPLAINED.has(t.key)), error };
}

function host(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function header(x: ExchangeRecord, name: string): string | null {
  const h = x.responseHeaders.find((h) => h.name.toLowerCase() === name);
  return h ? h.value : null;
}

/** The candidate strings a term is tested against (any one matching is a match). */
function candidates(
  t: QueryTerm,
  x: ExchangeRecord,
  e: () => Explanation | null,
  purposeOf: (name: string, domain: string) => string,
): string[] | boolean {
  switch (t.key) {
    case null: {
      const re = /^\/(.+)\/[a-z]*$/.test(t.raw.replace(/^-/, ''));
      return re ? [x.url] : [x.url, String(x.status), x.method];
    }
    case 'status-code':
      return [String(x.status)];
    case 'domain':
      return [host(x.url)];
    case 'method':
      return [x.method];
    case 'mime-type':
      return [(header(x, 'content-type') ?? '').split(';')[0]!.trim()];
    case 'resource-type':
      return [x.resourceType ?? 'other'];
    case 'has-response-header':
      return x.responseHeaders.map((h) => h.name);
    case 'has-request-header':
      return x.requestHeaders.map((h) => h.name);
    case 'larger-than': {
      const len = Number(header(x, 'content-length'));
      return Number.isFinite(len) && len > (t.bytes ?? Infinity);
    }
    case 'cookie-name': {
      const c = e()?.cookies;
      return c ? (c.send ? c.send.sent.map((s) => s.cookie.name) : c.requestCookies.map((r) => r.name)) : [];
    }
    case 'set-cookie-name':
      return (e()?.cookies.setCookies ?? []).map((s) => s.cookie?.name ?? s.raw.split(/[=;]/)[0]!.trim());
    case 'cdn': {
      const name = e()?.cdn.cdnName;
      return name ? [name] : [];
    }
    case 'purpose': {
      const c = e()?.cookies;
      if (!c) return [];
      const out = c.setCookies.map((s) => s.purpose?.category ?? purposeOf(s.cookie?.name ?? '', s.cookie?.domain ?? host(x.url)));
      const sent = c.send ? c.send.sent.map((s) => s.cookie) : c.requestCookies.map((r) => ({ name: r.name, domain: host(x.url) }));
      for (const s of sent) out.push(purposeOf(s.name, s.domain));
      return out;
    }
    case 'finding': {
      const ex = e();
      return ex ? ex.findings.flatMap((f) => [f.id, f.summary]) : [];
    }
  }
}

export function matchQuery(
  q: Query,
  x: ExchangeRecord,
  e: () => Explanation | null,
  purposeOf: (name: string, domain: string) => string,
): boolean {
  for (const t of q.terms) {
    const c = candidates(t, x, e, purposeOf);
    const hit = typeof c === 'boolean' ? c : c.some((s) => t.test(s));
    if (hit === t.negate) return false;
  }
  return true;
}

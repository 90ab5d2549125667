/** Small pure formatters shared by the store and components (no DOM). */
import type { ExchangeRecord, ResponseSource, Severity } from '../core/types';
import type { Explanation, LoadPrediction, NextUse, NextUseAction } from '../core/explanation';

export function duration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400 * 2) return `${Math.round(s / 3600)} h`;
  if (s < 86400 * 365) return `${Math.round(s / 86400)} d`;
  return `${Math.round(s / (86400 * 365))} y`;
}

/** Precise countdown "1 h 02 min 05 s" for the live timer. */
export function countdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h > 48) return `${Math.floor(h / 24)} d ${h % 24} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min ${String(r).padStart(2, '0')} s`;
  if (m > 0) return `${m} min ${String(r).padStart(2, '0')} s`;
  return `${r} s`;
}

export const SOURCE_LABEL: Record<ResponseSource, string> = {
  network: 'network',
  'disk-cache': 'disk cache',
  'memory-cache': 'memory cache',
  'service-worker': 'service worker',
  revalidated: 'revalidated',
  unknown: 'unknown',
};

/**
 * Where the response came from, as the engine decided it: a revalidation the engine linked (seen or inferred) or the
 * record's own source (the adapters mark a 304 `revalidated`). Before the engine has loaded, the record's source.
 * Nothing here looks at status codes or headers: the panel renders the engine's decision, it does not make one.
 */
export function servedFrom(x: ExchangeRecord, e: Explanation | null): ResponseSource {
  if (!e) return x.source;
  return e.cache.revalidation ? 'revalidated' : e.source;
}

export function sourceLabel(x: ExchangeRecord, e: Explanation | null): string {
  const from = servedFrom(x, e);
  // A source this build does not know (a record from a newer background) shows as it came.
  const labels: Partial<Record<string, string>> = SOURCE_LABEL;
  if (from !== 'revalidated') return labels[from] ?? from;
  if (e?.cache.revalidation?.inferred) return 'revalidated (inferred)';
  return (e?.status ?? x.status) === 304 ? 'revalidated (304)' : 'revalidated';
}

/** What a use of this response turned out to be, in the engine's terms (for "what actually happened next"). */
export function servedAs(x: ExchangeRecord, e: Explanation | null): NextUseAction {
  const from = servedFrom(x, e);
  if (from === 'revalidated') return 'revalidate';
  if (from === 'disk-cache' || from === 'memory-cache') return 'from-cache';
  return 'download';
}

export function cdnLabel(e: Explanation | null): string {
  if (!e?.cdn.cdnName) return '';
  const status = e.cdn.cacheStatus && e.cdn.cacheStatus !== 'unknown' ? ` ${e.cdn.cacheStatus.toUpperCase()}` : '';
  const parts = [`${e.cdn.cdnName}${status}`];
  if (e.cdn.pop) parts.push(e.cdn.pop);
  return parts.join(' · ');
}

/**
 * The list's Freshness cell: the engine's private-cache view at the moment it was judged (storable, fresh,
 * remaining, must revalidate), put in a few words. No freshness rule is applied here.
 */
export function freshnessLabel(e: Explanation | null): string {
  if (!e) return '';
  const p = e.cache.private;
  if (!p.storable) return 'not stored';
  if (p.fresh) return p.mustRevalidate ? 'revalidate each use' : `fresh ${duration(p.remaining ?? 0)}`;
  return p.remaining !== null && p.remaining < 0 ? `stale ${duration(-p.remaining)}` : 'stale';
}

/** The same cell in a sentence, for its tooltip. */
export function freshnessTitle(e: Explanation | null): string {
  if (!e) return '';
  const p = e.cache.private;
  if (!p.storable) return p.storableWhy;
  return `Judged at ${dateTime(e.cache.now)}. ${e.cache.nextUse.plain}`;
}

export type LoadKind = 'navigation' | 'reload';
/** The engine's per-load prediction (src/core/explanation.ts, decided by the cache model). */
export type { LoadPrediction };
/** NextUse as the engine gives it: `loads` and `appliesTo` are optional in the schema (older JSON lacks them). */
export type NextUseWithLoads = NextUse;

export interface NextLoads {
  /** The prediction that applies to this exchange's next use (the lead sentence). */
  applies: LoadPrediction & { kind: LoadKind };
  /** The other kind of load, shown on request; null when the engine gives only a reload sentence (`reload`). */
  other: (LoadPrediction & { kind: LoadKind }) | null;
  /** The engine's reload sentence when it has no per-load predictions (NextUse.onReload). */
  reload: string | null;
}

/** The engine's next-use predictions, the one that applies first. Renders `loads` when the engine has it. */
export function nextLoads(n: NextUseWithLoads): NextLoads {
  if (n.loads) {
    const kind: LoadKind = n.appliesTo ?? 'navigation';
    const otherKind: LoadKind = kind === 'navigation' ? 'reload' : 'navigation';
    return { applies: { kind, ...n.loads[kind] }, other: { kind: otherKind, ...n.loads[otherKind] }, reload: null };
  }
  return {
    applies: { kind: 'navigation', action: n.action, plain: n.plain, conditionalHeaders: n.conditionalHeaders },
    other: null,
    reload: n.onReload,
  };
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, good: 3 };

export function worstSeverity(e: Explanation | null): Severity | null {
  if (!e || e.findings.length === 0) return null;
  let worst: Severity = 'good';
  for (const f of e.findings) if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}

export interface CookieCounts {
  set: number;
  rejected: number;
  sent: number;
  notSent: number;
}

/**
 * Not-sent reasons worth a mark in the list: the ones that surprise people (SameSite, Secure, partition,
 * third-party blocking, expiry). A cookie scoped to another path or host not being sent is the scope working.
 */
const ROUTINE_NOT_SENT = new Set(['domain-mismatch', 'path-mismatch']);

export function cookieCounts(e: Explanation | null): CookieCounts {
  if (!e) return { set: 0, rejected: 0, sent: 0, notSent: 0 };
  const c = e.cookies;
  return {
    set: c.setCookies.length,
    rejected: c.setCookies.filter((s) => !s.stored).length,
    sent: c.send ? c.send.sent.length : c.requestCookies.length,
    notSent: c.send ? c.send.notSent.filter((n) => !ROUTINE_NOT_SENT.has(n.reason)).length : 0,
  };
}

export function hasCookieProblems(e: Explanation | null): boolean {
  const k = cookieCounts(e);
  return k.rejected > 0 || k.notSent > 0 || (e?.cookies.findings.some((f) => f.severity === 'error' || f.severity === 'warning') ?? false);
}

/** Last path segment, or host for "/". */
export function shortName(url: string): string {
  // data: URLs have no path segment worth showing (Firefox reports `data:,` requests): name them by their type
  if (/^data:/i.test(url)) return `data:${url.slice(5).split(/[;,]/)[0] || 'text/plain'}`;
  try {
    const u = new URL(url);
    const seg = u.pathname.split('/').filter(Boolean).pop();
    return decodeForDisplay((seg ?? u.host) + u.search);
  } catch {
    return url;
  }
}

/** Percent-decoded for reading (as DevTools shows names); rendered as text, so decoding is safe. */
function decodeForDisplay(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Only our own documentation links become anchors: https:// and nothing else. */
export function safeHref(link: string | undefined | null): string | null {
  if (!link || !/^https:\/\/[^\s"'<>]+$/.test(link)) return null;
  return link;
}

export { mask } from './redact';

export function dateTime(epochSec: number): string {
  const d = new Date(epochSec * 1000);
  return isNaN(d.getTime())
    ? ''
    : d
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
}

/** The list's Cookies cell: "↓set ↑sent", a "!" after a part with rejected / surprisingly not-sent cookies; zero parts left out. */
export function cookieCell(k: CookieCounts): string {
  const parts: string[] = [];
  if (k.set) parts.push(`↓${k.set}${k.rejected ? '!' : ''}`);
  if (k.sent || k.notSent) parts.push(`↑${k.sent}${k.notSent ? '!' : ''}`);
  return parts.join(' ');
}

/** The same in words, for the cell's tooltip and screen readers. */
export function cookieCellWords(k: CookieCounts): string {
  if (!k.set && !k.sent && !k.notSent) return 'No cookies set or sent';
  const plural = (n: number, what: string) => `${n} cookie${n === 1 ? '' : 's'} ${what}`;
  const parts: string[] = [];
  if (k.set) parts.push(plural(k.set, 'set') + (k.rejected ? `, ${k.rejected} rejected` : ''));
  if (k.sent || k.notSent) parts.push(plural(k.sent, 'sent') + (k.notSent ? `, ${k.notSent} in the jar not sent` : ''));
  return parts.join('; ');
}

/** webRequest resource types as DevTools' Network panel names them (the raw type stays in the tooltip and filter). */
const TYPE_LABEL: Record<string, string> = {
  main_frame: 'document',
  sub_frame: 'iframe',
  xmlhttprequest: 'xhr/fetch',
  stylesheet: 'css',
  image: 'img',
  imageset: 'img',
  csp_report: 'csp report',
};
export function typeLabel(type: string | undefined | null): string {
  return type ? (TYPE_LABEL[type] ?? type) : '';
}

/** Where a freshness lifetime comes from, as a phrase ("from max-age"); null when there is none. */
export function lifetimeSource(source: string, heuristic: boolean): string | null {
  switch (source) {
    case 'max-age':
      return 'set by max-age';
    case 's-maxage':
      return 'set by s-maxage (shared caches only)';
    case 'expires':
      return 'set by Expires';
    case 'heuristic':
      return 'guessed by the browser from Last-Modified';
    case 'none':
      return null;
    default:
      return heuristic ? 'guessed by the browser' : `set by ${source}`;
  }
}

/**
 * A request the recorder has seen go out but whose response has not arrived (no status, no error, no end time).
 * The engine is not asked about it yet: its row says "pending".
 */
export function isPending(x: ExchangeRecord): boolean {
  return x.status === 0 && !x.error && x.endTimeMs === undefined && x.responseHeaders.length === 0;
}

/** The Caching tab's first words: where the response came from, as the engine decided, in a sentence. */
export function sourceSentence(x: ExchangeRecord, e: Explanation | null): string {
  const from = servedFrom(x, e);
  switch (from) {
    case 'network':
      return 'Downloaded from the server.';
    case 'disk-cache':
      return 'Served from the disk cache, without asking the server.';
    case 'memory-cache':
      return 'Served from the memory cache, without asking the server.';
    case 'service-worker':
      return "Answered by the page's service worker.";
    case 'revalidated':
      if (e?.cache.revalidation?.inferred)
        return 'Revalidated (inferred from the stored validators): the server confirmed the stored copy, which was reused.';
      return (e?.status ?? x.status) === 304
        ? 'Revalidated: the server answered 304 Not Modified and the stored copy was reused.'
        : 'Revalidated with the server.';
    default:
      return 'Where this response came from is not known.';
  }
}

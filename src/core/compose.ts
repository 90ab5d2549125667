/**
 * The composer behind explain(): runs the four areas, merges their findings worst first and fills `hidden`.
 * Kept apart from src/core/explain.ts (which wires in the real engines) so it can be tested with stand-in engines.
 *
 * Contract: never throws. An area that throws (or returns something that is not an explanation) becomes an
 * 'engine-error' finding plus a safe empty area; the other areas are unaffected.
 */
import type {
  CacheExplanation,
  CacheKind,
  CacheView,
  CdnExplanation,
  CookieExplanation,
  Explanation,
  ProxyExplanation,
} from './explanation';
import { ENGINE_FIXES, ENGINE_NOTES } from './engine-notes';
import { applyNote, SEVERITY_ORDER } from './notes';
import { recordOf, textOr } from './loose';
import type { EngineContext, ExchangeRecord, Finding, HeaderList, LooseHeader } from './types';

export interface Engines {
  explainCache(x: ExchangeRecord, ctx: EngineContext, history?: readonly ExchangeRecord[]): CacheExplanation;
  explainCookies(x: ExchangeRecord, ctx: EngineContext): CookieExplanation;
  explainCdn(x: ExchangeRecord, ctx: EngineContext): CdnExplanation;
  explainProxy(x: ExchangeRecord): ProxyExplanation;
}

export const EXPLANATION_SCHEMA = 'cache-lens/explanation/1' as const;

/** How many earlier same-URL exchanges explainAll hands to the cache area (revalidation looks at the latest ones). */
export const HISTORY_CAP = 32;

// ------------------------------------------------------------------------------------------------ safe empty areas

function emptyView(kind: CacheKind): CacheView {
  return {
    kind,
    storable: false,
    storableWhy: 'Not analysed (see the engine-error finding).',
    freshnessLifetime: null,
    freshnessSource: 'none',
    heuristic: false,
    currentAge: 0,
    fresh: false,
    freshUntil: null,
    remaining: null,
    mustRevalidate: false,
    staleWhileRevalidate: null,
    staleIfError: null,
    mayServeStale: false,
    browserNotes: [],
  };
}

export function emptyCache(ctx: EngineContext): CacheExplanation {
  return {
    browser: ctx.browser,
    now: ctx.now,
    responseDirectives: [],
    requestDirectives: [],
    private: emptyView('private'),
    shared: emptyView('shared'),
    date: null,
    expires: null,
    lastModified: null,
    age: null,
    etag: null,
    vary: [],
    varyExplained: [],
    immutable: false,
    nextUse: { action: 'download', conditionalHeaders: [], plain: 'Unknown: the cache analysis did not finish.', onReload: '' },
    revalidation: null,
    findings: [],
  };
}

export function emptyCookies(): CookieExplanation {
  return { setCookies: [], requestCookies: [], send: null, sameSiteContext: 'same-site', thirdParty: false, findings: [] };
}

export function emptyCdn(): CdnExplanation {
  return {
    cdn: null,
    cdnName: null,
    evidence: [],
    cacheStatus: null,
    rawCacheStatus: null,
    pop: null,
    popCity: null,
    age: null,
    cacheStatusEntries: [],
    cdnCacheControl: [],
    ipOwner: null,
    plain: [],
    findings: [],
  };
}

export function emptyProxy(): ProxyExplanation {
  return { via: [], forwarded: [], xForwardedFor: [], xForwardedProto: null, xForwardedHost: null, xRealIp: null, plain: [], findings: [] };
}

// ------------------------------------------------------------------------------------------------ hidden headers

/**
 * Request headers Chrome's webRequest does not show an extension, in plain words. Without 'extraHeaders' it leaves
 * out Cookie, Referer, Accept-Language; and the cache adds conditional headers below webRequest, so they are never
 * seen. https://developer.chrome.com/docs/extensions/reference/api/webRequest#concepts (and ../shared/notes/browser-testing.md)
 */
const HIDDEN_REQUEST_HEADERS: Array<{ names: string[]; plain: string }> = [
  {
    names: ['if-none-match', 'if-modified-since'],
    plain:
      'If-None-Match / If-Modified-Since: the browser cache adds these after extensions see the request, so a revalidation answered with 304 shows up here as a 200 from cache.',
  },
  {
    names: ['cookie'],
    plain: 'Cookie: the cookies actually sent are hidden; which cookies went out is worked out from the cookie jar instead.',
  },
  {
    names: ['cache-control', 'pragma'],
    plain:
      'Cache-Control / Pragma: a reload or hard reload adds these to the request, but they are not shown, so the request is treated as a normal one.',
  },
  {
    names: ['authorization'],
    plain: 'Authorization: whether credentials were sent is unknown (it changes what a shared cache may store).',
  },
  { names: ['referer'], plain: 'Referer: the referring page is not shown.' },
];

/** Shared, frozen empty lists (read-only): no hidden headers (most exchanges) and no earlier exchanges. */
const NONE_HIDDEN: readonly string[] = Object.freeze([]);
const NO_HISTORY: readonly ExchangeRecord[] = Object.freeze([]);

/** Said instead of the list above when the request's headers never reached the recorder (ExchangeRecord.requestHeadersLost). */
export const REQUEST_HEADERS_LOST =
  "The request's headers were not recorded: the browser stopped the extension's background worker while this request was under way. Which cookies and validators it sent is unknown, not none.";
const LOST: readonly string[] = Object.freeze([REQUEST_HEADERS_LOST]);

export function hiddenHeaders(x: ExchangeRecord): readonly string[] {
  if (x.requestHeadersLost === true && safeHeaders(x.requestHeaders).length === 0) return LOST;
  if (!x.requestHeadersIncomplete) return NONE_HIDDEN;
  const present = new Set<string>();
  for (const h of safeHeaders(x.requestHeaders)) present.add(h.name.toLowerCase());
  return HIDDEN_REQUEST_HEADERS.filter((e) => !e.names.some((n) => present.has(n))).map((e) => e.plain);
}

// ------------------------------------------------------------------------------------------------ composition

function safeHeaders(h: unknown): HeaderList {
  if (!Array.isArray(h)) return [];
  return (h as unknown[]).filter((e): e is { name: string; value: string } => {
    const line = e as LooseHeader | null | undefined; // any value: a property of a primitive reads as undefined
    return !!line && typeof line.name === 'string' && typeof line.value === 'string';
  });
}

function shortMessage(e: unknown): string {
  let m: string;
  try {
    m = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } catch {
    m = 'unprintable error';
  }
  m = m.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return m.length > 200 ? `${m.slice(0, 197)}...` : m;
}

type Area = 'cache' | 'cookies' | 'cdn' | 'proxy';

/** An area's answer as it came, or a TypeError when it is not an explanation (which the caller's catch turns into a finding). */
function checked<T extends { findings: Finding[] }>(out: T | null | undefined): T {
  if (!out || typeof out !== 'object' || !Array.isArray(out.findings)) throw new TypeError('the area returned no explanation');
  return out;
}

/** The 'engine-error' finding of an area that threw. */
function engineError(area: Area, e: unknown): Finding {
  return { ...applyNote(ENGINE_NOTES, 'engine-error', { area, message: shortMessage(e) }), fix: ENGINE_FIXES['engine-error'] };
}

/** Severities worst first (SEVERITY_ORDER's order); a finding with any other severity is dropped. */
const SEVERITIES = (Object.keys(SEVERITY_ORDER) as Array<keyof typeof SEVERITY_ORDER>).sort(
  (a, b) => SEVERITY_ORDER[a] - SEVERITY_ORDER[b],
);

/** Findings of one list with a known severity (junk entries dropped). */
function countKnown(list: readonly Finding[]): number {
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    const f = list[i];
    if (f && typeof f === 'object' && SEVERITIES.includes(f.severity)) n++;
  }
  return n;
}

/** Appends the findings of `list` with this severity to out from index at; returns the next index. */
function place(list: readonly Finding[], severity: string, out: Finding[], at: number): number {
  for (let i = 0; i < list.length; i++) {
    const f = list[i];
    if (f && typeof f === 'object' && f.severity === severity) out[at++] = f;
  }
  return at;
}

const SOURCES: ReadonlySet<string> = new Set(['network', 'disk-cache', 'memory-cache', 'service-worker', 'revalidated', 'unknown']);

export interface Explainer {
  explain(x: ExchangeRecord, ctx: EngineContext, history?: readonly ExchangeRecord[]): Explanation;
  explainAll(records: ExchangeRecord[], ctx: EngineContext): Explanation[];
}

export function createExplainer(engines: Engines): Explainer {
  function explain(x: ExchangeRecord, ctx: EngineContext, history?: readonly ExchangeRecord[]): Explanation {
    // Each area guarded in turn (no closures per call): one that throws or answers with something else becomes an
    // engine-error finding and its safe empty area.
    const errors: Finding[] = [];
    let cache: CacheExplanation;
    try {
      cache = checked(engines.explainCache(x, ctx, history));
    } catch (e) {
      errors.push(engineError('cache', e));
      cache = emptyCache(ctx);
    }
    let cookies: CookieExplanation;
    try {
      cookies = checked(engines.explainCookies(x, ctx));
    } catch (e) {
      errors.push(engineError('cookies', e));
      cookies = emptyCookies();
    }
    let cdn: CdnExplanation;
    try {
      cdn = checked(engines.explainCdn(x, ctx));
    } catch (e) {
      errors.push(engineError('cdn', e));
      cdn = emptyCdn();
    }
    let proxy: ProxyExplanation;
    try {
      proxy = checked(engines.explainProxy(x));
    } catch (e) {
      errors.push(engineError('proxy', e));
      proxy = emptyProxy();
    }
    // Worst first; within a severity, engine errors, then the areas in the order cache, cookies, cdn, proxy (what a
    // stable sort by severity gives), placed by one pass per severity into a list sized to fit.
    const c1 = cache.findings;
    const c2 = cookies.findings;
    const c3 = cdn.findings;
    const c4 = proxy.findings;
    const total = countKnown(errors) + countKnown(c1) + countKnown(c2) + countKnown(c3) + countKnown(c4);
    const findings: Finding[] = total === 0 ? [] : new Array<Finding>(total);
    let at = 0;
    for (let k = 0; k < SEVERITIES.length && at < total; k++) {
      const severity = SEVERITIES[k]!; // k < length
      at = place(errors, severity, findings, at);
      at = place(c1, severity, findings, at);
      at = place(c2, severity, findings, at);
      at = place(c3, severity, findings, at);
      at = place(c4, severity, findings, at);
    }
    let hidden: readonly string[] = NONE_HIDDEN;
    try {
      hidden = hiddenHeaders(x);
    } catch {
      hidden = NONE_HIDDEN;
    }
    const rec = recordOf(x);
    return {
      schema: EXPLANATION_SCHEMA,
      exchangeId: textOr(rec.id, ''),
      url: textOr(rec.url, ''),
      method: textOr(rec.method, ''),
      status: typeof rec.status === 'number' && Number.isFinite(rec.status) ? rec.status : 0,
      source: typeof rec.source === 'string' && SOURCES.has(rec.source) ? rec.source : 'unknown',
      cache,
      cookies,
      cdn,
      proxy,
      findings,
      hidden,
    };
  }

  /**
   * Explains records in the order given (oldest first). Each gets the earlier exchanges for the same URL as its
   * history (the latest HISTORY_CAP of them), found through a URL index, so the walk stays linear.
   */
  function explainAll(records: ExchangeRecord[], ctx: EngineContext): Explanation[] {
    const byUrl = new Map<string, ExchangeRecord[]>();
    const out = new Array<Explanation>(records.length);
    for (let i = 0; i < records.length; i++) {
      // A hole (or junk) in the list goes on to explain() as before: every area runs guarded (runArea).
      const x = records[i] as ExchangeRecord;
      const url = recordOf(x).url;
      const key = typeof url === 'string' ? url : '';
      const earlier = byUrl.get(key);
      // The index's own list when it is short enough (the areas read history during the call and keep none of it).
      const history = earlier ? (earlier.length <= HISTORY_CAP ? earlier : earlier.slice(-HISTORY_CAP)) : NO_HISTORY;
      out[i] = explain(x, ctx, history);
      // A URL seen once (most of them) keeps a list sized for one; only a repeated URL's list grows.
      if (!earlier) byUrl.set(key, [x]);
      else {
        earlier.push(x);
        // Keep the index bounded too: only the tail is ever handed out.
        if (earlier.length > HISTORY_CAP * 2) earlier.splice(0, earlier.length - HISTORY_CAP);
      }
    }
    return out;
  }

  return { explain, explainAll };
}

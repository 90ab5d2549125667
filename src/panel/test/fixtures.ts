/**
 * Test fixtures for the panel: records and hand-built explanations, so component tests pin what the panel shows
 * without depending on the engine's wording. NOW is fixed; records are received at NOW - 60 s.
 */
import type { CacheView, Explanation } from '../../core/explanation';
import type { ExchangeRecord } from '../../core/types';
import { emptyCdn, emptyCookies, emptyProxy } from '../../core/compose';
import { createStore, type Explainer } from '../store';
import type { PageRecord } from '../../shared/protocol';

export const NOW_MS = Date.UTC(2026, 10, 21, 12, 0, 0);
export const NOW = NOW_MS / 1000;

export function record(over: Partial<ExchangeRecord> & { id: string }): ExchangeRecord {
  return {
    url: `https://example.com/${over.id}.js`,
    method: 'GET',
    status: 200,
    requestHeaders: [{ name: 'Accept', value: '*/*' }],
    responseHeaders: [{ name: 'Cache-Control', value: 'max-age=3600' }],
    requestTimeMs: NOW_MS - 61_000,
    responseTimeMs: NOW_MS - 60_000,
    source: 'network',
    resourceType: 'script',
    pageId: 'p1',
    ...over,
  };
}

function view(kind: 'private' | 'shared', over: Partial<CacheView> = {}): CacheView {
  return {
    kind,
    storable: true,
    storableWhy: 'It is a 200 with max-age.',
    freshnessLifetime: 3600,
    freshnessSource: 'max-age',
    heuristic: false,
    currentAge: 60,
    fresh: true,
    freshUntil: NOW + 3540,
    remaining: 3540,
    mustRevalidate: false,
    staleWhileRevalidate: null,
    staleIfError: null,
    mayServeStale: true,
    browserNotes: [],
    ...over,
  };
}

/**
 * A hand-built explanation judged at `now` (epoch s, default NOW): a max-age=3600 response received at NOW - 60, so
 * fresh until NOW + 3540. Like the engine, the time-dependent fields (age, fresh, remaining, the next-use sentence)
 * follow `now`, so tests can move the panel's clock.
 */
export function explanation(x: ExchangeRecord, over: Partial<Explanation> = {}, now = NOW): Explanation {
  const freshUntil = NOW + 3540;
  const remaining = freshUntil - now;
  const fresh = remaining > 0;
  const timed: Partial<CacheView> = { currentAge: now - (NOW - 60), fresh, remaining, mustRevalidate: !fresh };
  const base: Explanation = {
    schema: 'cache-lens/explanation/1',
    exchangeId: x.id,
    url: x.url,
    method: x.method,
    status: x.status,
    source: x.source,
    cache: {
      browser: 'chrome',
      now,
      responseDirectives: [
        {
          name: 'max-age',
          value: '3600',
          known: true,
          plain: 'Any cache may reuse this response for 1 hour without asking the server.',
          rule: 'RFC 9111 §5.2.2.1: max-age sets the freshness lifetime in seconds.',
          link: 'https://www.rfc-editor.org/rfc/rfc9111#section-5.2.2.1',
        },
      ],
      requestDirectives: [],
      private: view('private', timed),
      shared: view('shared', timed),
      date: NOW - 60,
      expires: null,
      lastModified: null,
      age: null,
      etag: { value: '"v1"', weak: false, valid: true },
      vary: [],
      varyExplained: [],
      immutable: false,
      nextUse: fresh
        ? {
            action: 'from-cache',
            conditionalHeaders: [],
            plain: `Fresh for another ${remaining} s: next time it will come from the cache without a request.`,
            onReload: 'On reload Chrome reuses it from the disk cache.',
          }
        : {
            action: 'revalidate',
            conditionalHeaders: ['If-None-Match: "v1"'],
            plain: 'Stale: the next use sends a conditional request.',
            onReload: 'A reload revalidates it.',
          },
      revalidation: null,
      findings: [],
    },
    cookies: emptyCookies(),
    cdn: emptyCdn(),
    proxy: emptyProxy(),
    findings: [],
    hidden: [],
  };
  return { ...base, ...over };
}

/** An explainer that looks up per-id overrides; counts calls so tests can check laziness. Judges at ctx.now. */
export function fakeExplainer(overrides: Record<string, (x: ExchangeRecord) => Partial<Explanation>> = {}) {
  const calls: string[] = [];
  const fn: Explainer = (x, ctx) => {
    calls.push(x.id);
    const o = overrides[x.id]?.(x) ?? {};
    return explanation(x, o, ctx.now);
  };
  return { fn, calls };
}

export function makeStore(explain: Explainer = fakeExplainer().fn) {
  const sent: unknown[] = [];
  const store = createStore({ explain, clock: () => NOW_MS, send: (m) => sent.push(m) });
  store.tabId.value = 7;
  return { store, sent };
}

export function snapshot(
  exchanges: ExchangeRecord[],
  pages: PageRecord[] = [{ id: 'p1', tabId: 7, url: 'https://example.com/', startedMs: NOW_MS - 70_000, dropped: 0 }],
  hasHostAccess = true,
) {
  return {
    type: 'bg>panel:snapshot' as const,
    v: 1 as const,
    tabId: 7,
    pages,
    exchanges,
    retention: { droppedForTab: 0, droppedTotal: 0, maxPerTab: 10000, maxTotal: 50000 },
    hasHostAccess,
    preserveLog: false,
  };
}

/** n synthetic records on one page. */
export function manyRecords(n: number): ExchangeRecord[] {
  const out: ExchangeRecord[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      record({
        id: `r${i}`,
        url: `https://example.com/asset-${i}.${i % 3 === 0 ? 'css' : 'js'}`,
        requestTimeMs: NOW_MS - 100_000 + i,
        responseTimeMs: NOW_MS - 99_000 + i,
        resourceType: i % 3 === 0 ? 'stylesheet' : 'script',
      }),
    );
  return out;
}

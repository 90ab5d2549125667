/**
 * Adapter for ../shared/reference/cache-cases.json (format cache-cases/1): builds an ExchangeRecord from a case,
 * runs the public explainCache() under the case's `browser` profile (rfc when absent) and reports the fields the format defines.
 */
import type { HeaderList } from '../types';
import type { ExchangeRecord } from '../types';
import { explainCache } from './index';

function toHeaderList(headers: unknown): HeaderList {
  const out: HeaderList = [];
  if (Array.isArray(headers)) {
    for (const h of headers) {
      if (h && typeof h === 'object' && 'name' in h) out.push({ name: String(h.name), value: String(h.value ?? '') });
    }
    return out;
  }
  if (headers && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const v of value) out.push({ name, value: String(v) });
      else out.push({ name, value: String(value) });
    }
  }
  return out;
}

function seconds(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function runCacheCase(c: any): Record<string, unknown> {
  const now = seconds(c?.now, 0);
  const responseTime = seconds(c?.responseTime, now);
  const requestTime = seconds(c?.requestTime, responseTime);
  const x: ExchangeRecord = {
    id: String(c?.id ?? 'case'),
    url: typeof c?.url === 'string' ? c.url : (c?.request?.url ?? 'https://example.com/resource'),
    method: String(c?.request?.method ?? 'GET'),
    status: Number(c?.response?.status ?? 200),
    requestHeaders: toHeaderList(c?.request?.headers),
    responseHeaders: toHeaderList(c?.response?.headers),
    requestTimeMs: requestTime * 1000,
    responseTimeMs: responseTime * 1000,
    source: 'network',
  };
  const browser = c?.browser === 'chrome' || c?.browser === 'firefox' ? c.browser : 'rfc';
  const e = explainCache(x, { browser, now });
  const view = c?.cache === 'shared' ? e.shared : e.private;
  return {
    storablePrivate: e.private.storable,
    storableShared: e.shared.storable,
    freshnessLifetime: view.freshnessLifetime,
    freshnessSource: view.freshnessSource,
    currentAge: view.currentAge,
    fresh: view.fresh,
    mustRevalidate: view.mustRevalidate,
    heuristic: view.heuristic,
    mayServeStale: view.mayServeStale,
  };
}

/**
 * Adapter for ../shared/reference/cache-cases.json (format cache-cases/1): builds an ExchangeRecord from a case,
 * runs the public explainCache() under the case's `browser` profile (rfc when absent) and reports the fields the format defines.
 * A case is whatever a case file holds (`unknown`), read through the small readers below.
 */
import { anyText, valueText } from '../loose';
import type { HeaderList } from '../types';
import type { ExchangeRecord } from '../types';
import { explainCache } from './index';

/** An object's fields, or none for anything else (a case file may hold any JSON value). */
function fieldsOf(v: unknown): Readonly<Record<string, unknown>> {
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

function toHeaderList(headers: unknown): HeaderList {
  const out: HeaderList = [];
  if (Array.isArray(headers)) {
    for (const h of headers as unknown[]) {
      if (h && typeof h === 'object' && 'name' in h) {
        const line = h as { name: unknown; value?: unknown };
        out.push({ name: anyText(line.name), value: valueText(line.value) });
      }
    }
    return out;
  }
  if (headers && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const v of value as unknown[]) out.push({ name, value: anyText(v) });
      else out.push({ name, value: anyText(value) });
    }
  }
  return out;
}

function seconds(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function runCacheCase(raw: unknown): Record<string, unknown> {
  const c = fieldsOf(raw);
  const request = fieldsOf(c.request);
  const response = fieldsOf(c.response);
  const now = seconds(c.now, 0);
  const responseTime = seconds(c.responseTime, now);
  const requestTime = seconds(c.requestTime, responseTime);
  const x: ExchangeRecord = {
    id: valueText(c.id ?? 'case'),
    url: typeof c.url === 'string' ? c.url : ((request.url ?? 'https://example.com/resource') as string), // as the file has it
    method: valueText(request.method ?? 'GET'),
    status: Number(response.status ?? 200),
    requestHeaders: toHeaderList(request.headers),
    responseHeaders: toHeaderList(response.headers),
    requestTimeMs: requestTime * 1000,
    responseTimeMs: responseTime * 1000,
    source: 'network',
  };
  const browser = c.browser === 'chrome' || c.browser === 'firefox' ? c.browser : 'rfc';
  const e = explainCache(x, { browser, now });
  const view = c.cache === 'shared' ? e.shared : e.private;
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

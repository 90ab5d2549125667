/**
 * Adapter for ../shared/reference/cdn-cases.json (format cdn-cases/1): builds an ExchangeRecord from a case's
 * status and headers and reads the answer from the public explainCdn(). No per-case logic.
 */
import { anyText, textOr } from '../loose';
import type { ExchangeRecord, HeaderList } from '../types';
import { explainCdn } from './index';

function headerList(headers: unknown): HeaderList {
  const out: HeaderList = [];
  if (!headers || typeof headers !== 'object') return out;
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (Array.isArray(value)) for (const v of value as unknown[]) out.push({ name, value: anyText(v) });
    else if (value !== undefined && value !== null) out.push({ name, value: anyText(value) });
  }
  return out;
}

/** A cdn-cases/1 case as this adapter reads it (a case file's JSON, cast once: every field optional, checked here). */
interface CdnCase {
  id?: unknown;
  url?: unknown;
  status?: unknown;
  headers?: unknown;
  ip?: unknown;
  serverIp?: unknown;
}

export function runCdnCase(raw: unknown): Record<string, unknown> {
  const c = raw as CdnCase | null | undefined;
  const x: ExchangeRecord = {
    id: textOr(c?.id, 'cdn-case'),
    url: typeof c?.url === 'string' ? c.url : 'https://example.com/',
    method: 'GET',
    status: typeof c?.status === 'number' ? c.status : 200,
    requestHeaders: [],
    responseHeaders: headerList(c?.headers),
    requestTimeMs: 0,
    responseTimeMs: 0,
    source: 'network',
    // cdn-cases/1 `ip`: the address the browser connected to (older drafts called it serverIp).
    ...(typeof c?.ip === 'string' ? { serverIp: c.ip } : typeof c?.serverIp === 'string' ? { serverIp: c.serverIp } : {}),
  };
  const r = explainCdn(x, { browser: 'rfc', now: 0 });
  return { cdn: r.cdn, cacheStatus: r.cacheStatus, pop: r.pop, age: r.age };
}

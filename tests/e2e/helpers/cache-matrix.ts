/**
 * Browser-independent parts of the cache matrix e2e test (tests/e2e/cache-matrix.test.ts): what a step observed,
 * the history the engine gets (built from the lab origin's own log, never from the extension), and the engine's
 * next-use question (src/core/cache/model.ts predictNext).
 */
import type { ExchangeRecord, HeaderList } from '../../../src/core/types';
import type { MatrixDestination, MatrixLogEntry } from '../../lab/matrix';

// ---------------------------------------------------------------- the engine's contract (model.ts)
export { predictNext } from '../../../src/core/cache/model';
export type { NextRequest, Prediction, LoadKind, Destination } from '../../../src/core/cache/model';
/** What a use of a stored response came to (the engine's CacheAction without 'unavailable'). */
export type CacheAction = 'fresh' | 'stale-while-revalidate' | 'revalidate' | 'network';

// ---------------------------------------------------------------- observations
/** What the browser did for one use of a URL, as the origin's log and the browser's own report show it. */
export interface Observed {
  /** The action this maps to (null: the step did not use the URL at all, e.g. reloading a redirect's target). */
  action: CacheAction | null;
  /** Origin log entries for the URL during the step. */
  server: Array<Pick<MatrixLogEntry, 'seq' | 'kind' | 'status'>>;
  /** What the browser reported about the use (CDP / BiDi): 'disk-cache', 'memory-cache', 'network', or 'none'. */
  browser: 'disk-cache' | 'memory-cache' | 'network' | 'none';
  /** Conditional request headers the origin received for the URL in the step (name: value). */
  conditional: string[];
  /**
   * The browser's own view of the request it sent for a network use (CDP requestWillBeSentExtraInfo /
   * responseReceivedExtraInfo): did it carry validators, and the status on the wire. Absent when not reported.
   */
  wire?: { conditional: boolean; status: number | null };
  /** Set when the two witnesses disagree: the step cannot be judged. */
  inconsistent?: string;
}

const CONDITIONAL = ['if-none-match', 'if-modified-since'];

/**
 * Maps one step's witnesses to an action:
 *  - served from the browser's cache, no request reached the origin              → fresh
 *  - served from the browser's cache and a (background) request reached it       → stale-while-revalidate
 *  - a request carrying validators (answered 304, or 200 when the resource changed) → revalidate
 *  - a request without validators                                                 → network
 */
export function classify(server: MatrixLogEntry[], browser: Observed['browser'], wire?: Observed['wire']): Observed {
  const brief = server.map((e) => ({ seq: e.seq, kind: e.kind, status: e.status }));
  const conditional = server.flatMap((e) =>
    e.requestHeaders.filter((h) => CONDITIONAL.includes(h.name.toLowerCase())).map((h) => `${h.name}: ${h.value}`),
  );
  const out: Observed = { action: null, server: brief, browser, conditional };
  const cached = browser === 'disk-cache' || browser === 'memory-cache';
  if (browser === 'none') {
    if (server.length) out.inconsistent = 'the origin saw a request the browser did not report';
    return out;
  }
  if (cached) {
    out.action = server.length ? 'stale-while-revalidate' : 'fresh';
    return out;
  }
  if (!server.length) {
    out.inconsistent = 'the browser reports a network response but the origin saw no request';
    return out;
  }
  if (server.length > 1) out.inconsistent = `the origin saw ${server.length} requests for one use`;
  const first = server[0]!; // server.length checked above
  out.action = first.kind === 'full' ? 'network' : 'revalidate';
  if (wire) {
    out.wire = wire;
    if (wire.conditional !== (first.kind !== 'full'))
      out.inconsistent = `the browser says the request ${wire.conditional ? 'carried' : 'carried no'} validators, the origin says ${first.kind}`;
    else if (wire.status !== null && wire.status !== first.status)
      out.inconsistent = `the browser saw status ${wire.status} on the wire, the origin sent ${first.status}`;
  }
  return out;
}

// ---------------------------------------------------------------- the engine's input
const NOT_NEXT = new Set(['if-none-match', 'if-modified-since', 'cache-control', 'pragma']);

/** The origin's log entry as the engine's input record (what it received and sent, with its own times). */
export function toRecord(e: MatrixLogEntry, dest: MatrixDestination, origin: string): ExchangeRecord {
  return {
    id: `origin-${e.seq}`,
    url: origin + e.path,
    method: e.method,
    status: e.status,
    requestHeaders: e.requestHeaders,
    responseHeaders: e.responseHeaders,
    requestTimeMs: e.requestTimeMs,
    responseTimeMs: e.responseTimeMs,
    endTimeMs: e.endTimeMs ?? e.responseTimeMs,
    source: 'network',
    resourceType: { doc: 'main_frame', sub: 'xmlhttprequest', frame: 'sub_frame', script: 'script' }[dest],
    navigation: dest === 'doc' ? 'top-level' : 'subresource',
  };
}

/** The request headers the next use will carry, as far as they matter to the cache: the first request's, minus validators and cache directives. */
export function nextHeaders(first: MatrixLogEntry | undefined): HeaderList {
  return (first?.requestHeaders ?? []).filter((h) => !NOT_NEXT.has(h.name.toLowerCase()));
}

// ---------------------------------------------------------------- expected departures
export interface Departure {
  /** Matrix entry id. */
  id: string;
  dest: MatrixDestination;
  load: 'navigation' | 'reload';
  /** What the browser does instead. */
  observed: CacheAction;
  reason: string;
  /** source.chromium.org or a Chromium bug. */
  link: string;
}

export interface EngineBug {
  engineBug: true;
  id: string;
  dest: MatrixDestination;
  load: 'navigation' | 'reload';
  observed: CacheAction;
  predicted: CacheAction;
  evidence: string;
}

export const stepKey = (id: string, dest: MatrixDestination, load: string) => `${id}/${dest}/${load}`;

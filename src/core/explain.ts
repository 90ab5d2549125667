/**
 * explain(): one exchange in, one Explanation out, composed from the four areas (src/core/compose.ts does the work).
 * Never throws: an area that fails becomes an 'engine-error' finding and an empty area.
 */
import { explainCache } from './cache/index';
import { explainCdn } from './cdn/index';
import { createExplainer } from './compose';
import { explainCookies } from './cookies/index';
import { explainProxy } from './proxy/index';
import type { Explanation } from './explanation';
import type { EngineContext, ExchangeRecord } from './types';

export { EXPLANATION_SCHEMA, HISTORY_CAP, createExplainer, type Engines } from './compose';

const engine = createExplainer({ explainCache, explainCookies, explainCdn, explainProxy });

/** `history`: exchanges recorded before x (oldest first); the cache area links revalidations through it. */
export function explain(x: ExchangeRecord, ctx: EngineContext, history?: readonly ExchangeRecord[]): Explanation {
  return engine.explain(x, ctx, history);
}

/** Explains records oldest first, each with the earlier same-URL exchanges as its history. */
export function explainAll(records: ExchangeRecord[], ctx: EngineContext): Explanation[] {
  return engine.explainAll(records, ctx);
}

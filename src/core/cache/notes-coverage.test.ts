import { describe, expect, it } from 'vitest';
import type { EngineContext, ExchangeRecord } from '../types';
import { CACHE_NOTES } from './notes';
import { explainCache } from './index';
import file from './notes-scenarios.json';

// Each catalogue note is reachable: one self-contained scenario per note id, replayed here, so the check holds when
// this file runs alone, in any order, or shuffled (it used to depend on the side effects of other tests).
interface Scenario {
  record: ExchangeRecord;
  ctx: EngineContext;
  history?: ExchangeRecord[];
}
const scenarios = (file as unknown as { scenarios: Record<string, Scenario> }).scenarios;

describe('every cache note is produced by its scenario', () => {
  it('has a scenario for every note, and none for a note that no longer exists', () => {
    expect(Object.keys(CACHE_NOTES).filter((id) => !Object.hasOwn(scenarios, id))).toEqual([]);
    expect(Object.keys(scenarios).filter((id) => !Object.hasOwn(CACHE_NOTES, id))).toEqual([]);
  });
  for (const id of Object.keys(CACHE_NOTES)) {
    it(id, () => {
      const s = scenarios[id];
      if (!s) return; // reported by the first test
      const ids = explainCache(s.record, s.ctx, s.history).findings.map((f) => f.id);
      expect(ids).toContain(id);
    });
  }
});

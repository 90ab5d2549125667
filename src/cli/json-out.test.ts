import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainHar } from '../lib/explain-har';
import { explanationJson } from './json-out';
import { safeJson } from './sanitize';

const SHARED = resolve(process.env.CACHE_LENS_SHARED ?? join(import.meta.dirname, '../../../shared'));
const HARS = join(SHARED, 'fixtures/har');

describe('explanationJson', () => {
  it('writes exactly safeJson(JSON.stringify(e)) for every entry of the shared HARs', () => {
    const files = readdirSync(HARS).filter((f) => f.endsWith('.har'));
    expect(files.length).toBeGreaterThan(0);
    let n = 0;
    for (const f of files) {
      for (const e of explainHar(readFileSync(join(HARS, f)), {}).entries) {
        expect(explanationJson(e)).toBe(safeJson(JSON.stringify(e)));
        // twice: the second time from the remembered texts of shared values
        expect(explanationJson(e)).toBe(safeJson(JSON.stringify(e)));
        n++;
      }
    }
    expect(n).toBeGreaterThan(100);
  });

  it('never reuses the text of a frozen value that holds something mutable, and skips what JSON skips', () => {
    const inner = { a: 1 };
    const shallow = Object.freeze({ inner });
    const deep = Object.freeze({ s: 'x\u202e', list: Object.freeze([1, 'two']) });
    const finding = { id: 'f', n: 1 };
    const value = {
      a: { findings: [finding], shallow, deep, skip: undefined, fn: () => 1, date: new Date(0) },
      findings: [finding, undefined],
      nums: [NaN, -0, 1e300],
    };
    expect(explanationJson(value)).toBe(safeJson(JSON.stringify(value)));
    inner.a = 2;
    finding.n = 2;
    expect(explanationJson(value)).toBe(safeJson(JSON.stringify(value)));
    expect(explanationJson(value)).toContain('\\u202e');
  });
});

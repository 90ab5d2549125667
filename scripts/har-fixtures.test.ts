import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHar } from '../src/core/har';
import { sharedPath } from '../tests/support/shared';

// Lives in scripts/ because src/core tests may not touch Node APIs (eslint engine-purity rule).
const FIXTURES = sharedPath('fixtures', 'har');

describe('the shared HAR fixtures', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.har'));
  it('has the 16 fixtures', () => expect(files.length).toBe(16));
  for (const f of files) {
    it(`reads ${f}`, () => {
      const text = readFileSync(join(FIXTURES, f), 'utf8');
      const raw = JSON.parse(text.replace(/^\uFEFF/, '')) as { log: { entries: unknown[] } };
      const { records } = readHar(text);
      expect(records).toHaveLength(raw.log.entries.length);
      for (const r of records) {
        expect(r.url).toMatch(/^[a-z]+:/);
        expect(Number.isFinite(r.requestTimeMs) && r.responseTimeMs >= r.requestTimeMs).toBe(true);
        expect(['top-level', 'subresource']).toContain(r.navigation);
      }
    });
  }
});

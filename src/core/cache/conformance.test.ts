import { describe, expect, it } from 'vitest';
import { readSharedJson } from '../../../tests/support/shared';
import { runCacheCase } from './conformance';

// The shared reference file (../shared beside the repository, or CACHE_LENS_SHARED).
const file = readSharedJson('reference', 'cache-cases.json');

const reference = file as { format: string; cases: Array<{ id: string; expect: Record<string, unknown> }> };

describe('cache reference cases (RFC 9111 model)', () => {
  it('is the cache-cases/1 format with cases', () => {
    expect(reference.format).toBe('cache-cases/1');
    expect(reference.cases.length).toBeGreaterThanOrEqual(57);
  });
  // One test for the file: npm test counts each reference case once, in its conformance step.
  it('passes every case (each mismatch listed with its id)', () => {
    const mismatches = [];
    for (const c of reference.cases) {
      const actual = runCacheCase(c);
      const picked: Record<string, unknown> = {};
      for (const key of Object.keys(c.expect)) picked[key] = actual[key];
      if (JSON.stringify(picked) !== JSON.stringify(c.expect)) mismatches.push({ id: c.id, expected: c.expect, actual: picked });
    }
    expect(mismatches).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCacheCase } from './conformance';

const file = fileURLToPath(new URL('../../../../shared/reference/cache-cases.json', import.meta.url));
const reference = JSON.parse(readFileSync(file, 'utf8')) as { format: string; cases: Array<{ id: string; expect: Record<string, unknown> }> };

describe('cache reference cases (RFC 9111 model)', () => {
  it('is the cache-cases/1 format with cases', () => {
    expect(reference.format).toBe('cache-cases/1');
    expect(reference.cases.length).toBeGreaterThanOrEqual(57);
  });
  for (const c of reference.cases) {
    it(c.id, () => {
      const actual = runCacheCase(c);
      const picked: Record<string, unknown> = {};
      for (const key of Object.keys(c.expect)) picked[key] = actual[key];
      expect(picked).toEqual(c.expect);
    });
  }
});

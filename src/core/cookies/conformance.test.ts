import { describe, expect, it } from 'vitest';
// The shared reference file (../shared relative to the repository, as docs/ARCHITECTURE.md lays out).
import file from '../../../../shared/reference/cookie-cases.json';
import { runCookieCase } from './conformance';

const cases = (file as unknown as { cases: Array<{ id: string; expect: Record<string, unknown> }> }).cases;

describe('cookie-cases.json through the public API', () => {
  it('has the expected format', () => {
    expect(file.format).toBe('cookie-cases/1');
    expect(cases.length).toBeGreaterThanOrEqual(52);
  });
  for (const c of cases) {
    it(c.id, () => {
      const actual = runCookieCase(c);
      for (const key of Object.keys(c.expect)) expect(actual[key], key).toEqual(c.expect[key]);
    });
  }
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCookieCase } from './conformance';

const file = JSON.parse(readFileSync(new URL('../../../../shared/reference/cookie-cases.json', import.meta.url), 'utf8'));

describe('cookie-cases.json through the public API', () => {
  it('has the expected format', () => {
    expect(file.format).toBe('cookie-cases/1');
    expect(file.cases.length).toBeGreaterThanOrEqual(52);
  });
  for (const c of file.cases) {
    it(c.id, () => {
      const actual = runCookieCase(c);
      for (const key of Object.keys(c.expect)) expect(actual[key], key).toEqual(c.expect[key]);
    });
  }
});

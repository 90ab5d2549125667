/** The redactor's scan: longest match first, names kept, values that start alike (10,000 of them) found by string. */
import { describe, expect, it } from 'vitest';
import { makeRedactor } from './redact';

const r = (values: string[], names: string[] = []) => makeRedactor(true, { values: new Set(values), names: new Set(names) });

describe('makeRedactor', () => {
  it('masks the longest value that starts at a position; a name that contains a value stays a name', () => {
    const red = r(['S3CR3T2', 'S3CR3T2-longer'], ['xS3CR3T2']);
    expect(red('xS3CR3T2=S3CR3T2')).toBe('xS3CR3T2=•••••••');
    // the whole longer value is masked, not its first seven characters followed by the rest
    expect(red('a S3CR3T2-longer b')).toBe('a •••••••• b');
  });

  it('a string that is both a value and a name is masked', () => {
    expect(r(['both1'], ['both1'])('see both1')).toBe('see •••••');
  });

  it('10,000 values with one prefix: each found, other text untouched, in time linear in the text', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => `value-${i}-${'x'.repeat(i % 40)}`);
    const red = r(
      values,
      values.map((_, i) => `c${i}`),
    );
    const text = values.map((v, i) => `c${i}=${v}; valid value`).join('\n');
    const t0 = performance.now();
    const out = red(text);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(out).not.toMatch(/value-\d/);
    expect(out).toContain('c9999=');
    expect(out.split('\n')[5]).toBe('c5=••••••••; valid value');
  });
});

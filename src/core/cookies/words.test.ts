import { describe, expect, it } from 'vitest';
import { duration, isoDay, lifetimeWords } from './words';

describe('words', () => {
  it('isoDay agrees with Date for many instants', () => {
    for (let t = -2208988800; t < 4102444800; t += 7_777_777) expect(isoDay(t)).toBe(new Date(t * 1000).toISOString().slice(0, 10));
    expect(isoDay(951782400)).toBe('2000-02-29');
    expect(isoDay(Number.NaN)).toBe('an unrepresentable date');
  });
  it('durations pick a readable unit', () => {
    expect([duration(45), duration(600), duration(3 * 3600), duration(29 * 86400)]).toEqual([
      '45 seconds',
      '10 minutes',
      '3 hours',
      '29 days',
    ]);
  });
  it('lifetime words', () => {
    expect(lifetimeWords({ persistent: false, expires: null }, 0)).toBe('session cookie: gone when the browser closes');
    expect(lifetimeWords({ persistent: true, expires: 1766188800 + 29 * 86400 }, 1766188800)).toBe('expires in 29 days (2026-01-18)');
    expect(lifetimeWords({ persistent: true, expires: 5 }, 10)).toContain('already expired');
  });
});

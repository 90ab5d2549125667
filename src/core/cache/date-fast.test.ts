import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHttpDate, parseImfFixdateFast } from './parsers';

describe('parseImfFixdateFast (the in-place IMF-fixdate path)', () => {
  it('reads server-written dates in any letter case', () => {
    expect(parseImfFixdateFast('Sun, 06 Nov 1994 08:49:37 GMT')).toEqual({ time: 784111777, format: 'imf-fixdate' });
    expect(parseImfFixdateFast('SUN, 06 NOV 1994 08:49:37 gmt')).toEqual({ time: 784111777, format: 'imf-fixdate' });
  });
  it('leaves everything else to parseHttpDate (null), never a different answer', () => {
    expect(parseImfFixdateFast(' Sun, 06 Nov 1994 08:49:37 GMT')).toBeNull();
    expect(parseImfFixdateFast('Sunday, 06-Nov-94 08:49:37 GMT')).toBeNull();
    expect(parseImfFixdateFast('Sun, 06 N\u00f6v 1994 08:49:37 GMT')).toBeNull();
    expect(parseImfFixdateFast('Sun, 06 Nov 1994 08:49:37 UTC')).toBeNull();
  });
  it('agrees with parseHttpDate whenever it answers', () => {
    const date = fc.record({ t: fc.integer({ min: -5e10, max: 5e10 }), upper: fc.boolean() }).map(({ t, upper }) => {
      const s = new Date(t * 1000).toUTCString();
      return upper ? s.toUpperCase() : s;
    });
    // Mutations of real dates: one character replaced by anything (digits out of range, bad names, non-ASCII, ...).
    const mutated = fc
      .tuple(date, fc.nat(28), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }))
      .map(([s, at, ch]) => s.slice(0, at) + ch + s.slice(at + 1));
    fc.assert(
      fc.property(fc.oneof(date, mutated, fc.string({ minLength: 29, maxLength: 29 })), (s) => {
        const fast = parseImfFixdateFast(s);
        if (fast !== null) expect(fast).toEqual(parseHttpDate(s, 0));
      }),
      { numRuns: 3000 },
    );
  });
});

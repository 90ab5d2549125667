import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getAll, getCombined, has } from './headers';

/** The definition getAll follows: a name matches when it lower-cases to the wanted one. */
function byLowerCase(headers: Array<{ name: string; value: string }>, name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === wanted).map((h) => h.value);
}

describe('header access', () => {
  it('matches names case-insensitively, KELVIN SIGN as "k" and dotted capital I as no ASCII letter', () => {
    const headers = [
      { name: 'Set-Cookie', value: 'a=1' },
      { name: 'set-cookie', value: 'b=2' },
      { name: 'SET-COOKIE', value: 'c=3' },
      { name: 'set-coo\u212aie', value: 'd=4' },
      { name: 'set-cookİe', value: 'e=5' },
      { name: 'set-cookies', value: 'f=6' },
      { name: 'Set-Cookie ', value: 'g=7' },
      { name: 'Cache-Control', value: 'max-age=1' },
    ];
    expect(getAll(headers, 'set-cookie')).toEqual(['a=1', 'b=2', 'c=3', 'd=4']);
    expect(getAll(headers, 'Set-Cookie')).toEqual(['a=1', 'b=2', 'c=3', 'd=4']);
    expect(getCombined(headers, 'cache-control')).toBe('max-age=1');
    expect(has(headers, 'CACHE-control')).toBe(true);
    expect(has(headers, 'age')).toBe(false);
    expect(getAll(headers, 'set-cookİe')).toEqual(byLowerCase(headers, 'set-cookİe'));
  });
  it('agrees with lower-casing every name, for any names', () => {
    const letters = fc.constantFrom('a', 'A', 'k', 'K', '\u212a', 'İ', 'i', '-', 'ß', 'é', 'É', 'z', 'Z', '[', '@');
    const name = fc.array(letters, { maxLength: 4 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 6 }), name, (names, wanted) => {
        const headers = names.map((n, i) => ({ name: n, value: String(i) }));
        expect(getAll(headers, wanted)).toEqual(byLowerCase(headers, wanted));
        expect(has(headers, wanted)).toBe(byLowerCase(headers, wanted).length > 0);
      }),
      { numRuns: 2000 },
    );
  });
});

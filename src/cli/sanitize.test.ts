import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean, cleanBlock, safeJson } from './sanitize';

// Everything that may act on a terminal or reorder text: C0 (but \n, \t in blocks), DEL, C1, bidi controls, separators.
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '\u001b',
      '[',
      '2J',
      '\u202e',
      '\u2066',
      '\u0085',
      '\u009b',
      '\n',
      '\t',
      '\r',
      '\u007f',
      '\ud800',
      '\udc00',
      '\ud83d\ude00',
      'é',
    ),
    fc.string({ unit: 'binary', maxLength: 3 }),
  ),
});

describe('sanitising page data', () => {
  it('clean(): one line, nothing unsafe, every unsafe character shown as an escape', () => {
    expect(clean('a\u001b[2Jb\u202ec\nd')).toBe('a\\x1b[2Jb\\u202ec\\x0ad');
    expect(clean('x'.repeat(10), 5)).toBe('xxxx…');
    expect(clean('\ud83d\ude00 ok')).toBe('\ud83d\ude00 ok'); // a real emoji stays
    expect(clean('a\ud800b')).toBe('a\\ud800b');
    fc.assert(fc.property(nasty, (s) => !UNSAFE_LINE.test(clean(s, 1e6)) && !LONE.test(clean(s, 1e6))));
  });
  it('cleanBlock(): keeps newlines and tabs, nothing else unsafe', () => {
    expect(cleanBlock('a\n\tb\u001bc\rd')).toBe('a\n\tb\\x1bc\\x0dd');
    fc.assert(fc.property(nasty, (s) => !UNSAFE_BLOCK.test(cleanBlock(s))));
  });
  it('safeJson(): nothing unsafe raw, and the data parses back unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), nasty, (v, s) => {
        const value = { v, s };
        const out = safeJson(JSON.stringify(value));
        expect(UNSAFE_BLOCK.test(out) || /[\n\t]/.test(out)).toBe(false);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});

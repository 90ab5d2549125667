import { describe, expect, it } from 'vitest';
import { applyNote, fill, type NoteCatalog } from './notes';

describe('fill (precompiled templates)', () => {
  it('fills known keys, keeps unknown ones, repeats and odd braces', () => {
    expect(fill('a {x} b {y} c', { x: 1 })).toBe('a 1 b {y} c');
    expect(fill('{x}{x}', { x: 'q' })).toBe('qq');
    expect(fill('{ x } {} {x', { x: 1 })).toBe('{ x } {} {x');
    expect(fill('no placeholders', { x: 1 })).toBe('no placeholders');
    expect(fill('{x}', undefined)).toBe('{x}');
  });
  it('does not re-expand placeholders or $ patterns inside values', () => {
    expect(fill('{a}-{b}', { a: '{b}', b: '$&$1' })).toBe('{b}-$&$1');
  });
  it('gives the same text on repeated calls (the compiled template is reused)', () => {
    const t = 'x={x}, y={y}.';
    for (let i = 0; i < 3; i++) expect(fill(t, { x: i, y: 'z' })).toBe(`x=${i}, y=z.`);
  });
  it('applyNote fills summary and rule and keeps params', () => {
    const cat: NoteCatalog = { n: { topic: 'cache', severity: 'info', summary: 'S {a}', rule: 'R {b}', link: 'https://x' } };
    expect(applyNote(cat, 'n', { a: 1, b: 'two' })).toEqual({
      id: 'n',
      topic: 'cache',
      severity: 'info',
      summary: 'S 1',
      rule: 'R two',
      link: 'https://x',
      params: { a: 1, b: 'two' },
    });
  });
});

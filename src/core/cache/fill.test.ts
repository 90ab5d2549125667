import { describe, expect, it } from 'vitest';
import { fill } from '../notes';

describe('fill', () => {
  it('fills known keys, keeps unknown ones and odd braces', () => {
    expect(fill('a {x} b {y} c', { x: 1 })).toBe('a 1 b {y} c');
    expect(fill('{x}{x}', { x: 'q' })).toBe('qq');
    expect(fill('no braces', { x: 1 })).toBe('no braces');
    expect(fill('weird {not a key} then {x}', { x: 2 })).toBe('weird {not a key} then 2');
    expect(fill('open { only', { x: 2 })).toBe('open { only');
  });
});

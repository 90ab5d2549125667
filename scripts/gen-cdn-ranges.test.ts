import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRanges, generate, OUTPUT_PATH } from './gen-cdn-ranges';
import { parseIPv4 } from '../src/core/cdn/ip';

describe('scripts/gen-cdn-ranges.ts', () => {
  it('regenerating yields the committed file byte for byte', () => {
    expect(generate()).toBe(readFileSync(OUTPUT_PATH, 'utf8'));
  });
  it('flattens nested blocks so the inner owner wins and the outer one resumes after it', () => {
    const g = buildRanges({ source: 's', cdn: { outer: ['10.0.0.0/8'], inner: ['10.1.0.0/16'] } });
    const names = g.providers.map((p) => p.id);
    expect(g.v4.map(([s, e, p]) => [s, e, names[p]])).toEqual([
      [parseIPv4('10.0.0.0'), parseIPv4('10.0.255.255'), 'outer'],
      [parseIPv4('10.1.0.0'), parseIPv4('10.1.255.255'), 'inner'],
      [parseIPv4('10.2.0.0'), parseIPv4('10.255.255.255'), 'outer'],
    ]);
  });
});

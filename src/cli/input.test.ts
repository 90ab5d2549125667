import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandArgs, expandGlob } from './input';

const dir = mkdtempSync(join(tmpdir(), 'cache-lens-glob-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
for (const f of ['a.har', 'b.har', 'c.json', '.hidden.har', 'x/1.har', 'x/y/2.har', 'x/.git/3.har', 'node_modules/4.har', 'we[ird].har']) {
  mkdirSync(join(dir, f, '..'), { recursive: true });
  writeFileSync(join(dir, f), '{}');
}

describe('globs', () => {
  it('*, ?, [..] within a segment; hidden files only when the pattern names the dot', () => {
    expect(expandGlob('*.har', dir)).toEqual(['a.har', 'b.har', 'we[ird].har']);
    expect(expandGlob('?.har', dir)).toEqual(['a.har', 'b.har']);
    expect(expandGlob('[ac].*', dir)).toEqual(['a.har', 'c.json']);
    expect(expandGlob('[!a].har', dir)).toEqual(['b.har']);
    expect(expandGlob('.*.har', dir)).toEqual(['.hidden.har']);
  });
  it('** for any depth, skipping hidden folders and node_modules; absolute patterns stay absolute', () => {
    expect(expandGlob('**/*.har', dir)).toEqual(['a.har', 'b.har', 'we[ird].har', 'x/1.har', 'x/y/2.har']);
    expect(expandGlob('x/**/*.har', dir)).toEqual(['x/1.har', 'x/y/2.har']);
    expect(expandGlob(`${dir}/x/*.har`)).toEqual([`${dir}/x/1.har`]);
  });
  it('a name that exists is taken as it is, even with glob characters; an empty match is an error', () => {
    expect(expandArgs(['we[ird].har', 'nothing-*.har', 'plain.har'], dir)).toEqual([
      { file: 'we[ird].har' },
      { file: 'nothing-*.har', error: 'nothing-*.har: no file matches this pattern' },
      { file: 'plain.har' },
    ]);
  });
});

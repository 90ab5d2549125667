import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandArgs, expandGlob, StringPool } from './input';

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

describe('StringPool', () => {
  it('leaves every value of an entry as it was, whatever its type', () => {
    const make = () =>
      JSON.parse(
        JSON.stringify({
          pageref: 'p1',
          _ip_addr: 7,
          request: { url: 'https://a.example/', method: 'GET', headers: [{ name: 'Accept', value: '*/*' }, { name: 'X' }, null, 'odd'] },
          response: { statusText: 'OK', httpVersion: ['h2'], headers: [{ name: 'Cache-Control', value: 'x'.repeat(600) }] },
        }),
      ) as unknown;
    const pool = new StringPool();
    for (let i = 0; i < 3; i++) {
      const e = make();
      pool.entry(e);
      expect(e).toEqual(make());
    }
    for (const odd of [null, 1, 'x', [], { request: 5, response: { headers: {} } }])
      expect(() => {
        pool.entry(odd);
      }).not.toThrow();
  });

  it('starts over when full and still returns equal strings', () => {
    const pool = new StringPool();
    for (let i = 0; i < 200_010; i++) expect(pool.one(`v${i}`)).toBe(`v${i}`);
    expect(pool.one('v1')).toBe('v1');
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { matchesExpected, projectLike, runCaseFile, runFolder, type CaseRunner } from './conformance';

describe('matchesExpected', () => {
  it('compares primitives strictly', () => {
    expect(matchesExpected(60, 60)).toBe(true);
    expect(matchesExpected(60, '60')).toBe(false);
    expect(matchesExpected(null, null)).toBe(true);
    expect(matchesExpected(null, undefined)).toBe(false);
    expect(matchesExpected(false, 0)).toBe(false);
    expect(matchesExpected('max-age', 'max-age')).toBe(true);
  });

  it('checks only the keys the expected object lists, recursively', () => {
    expect(matchesExpected({ fresh: true }, { fresh: true, currentAge: 5 })).toBe(true);
    expect(matchesExpected({ fresh: true, currentAge: 4 }, { fresh: true, currentAge: 5 })).toBe(false);
    expect(matchesExpected({ a: { b: 1 } }, { a: { b: 1, c: 2 } })).toBe(true);
    expect(matchesExpected({ a: { b: 1 } }, { a: null })).toBe(false);
    expect(matchesExpected({ missing: null }, {})).toBe(false); // null expected is not "absent"
  });

  it('needs arrays of equal length, each element a subset match', () => {
    const expected = { cookies: [{ name: 'a', path: '/' }, { name: 'b' }] };
    expect(
      matchesExpected(expected, {
        cookies: [
          { name: 'a', path: '/', secure: false },
          { name: 'b', value: 'x' },
        ],
      }),
    ).toBe(true);
    expect(matchesExpected(expected, { cookies: [{ name: 'a', path: '/' }] })).toBe(false);
    expect(matchesExpected(expected, { cookies: [{ name: 'a', path: '/' }, { name: 'b' }, { name: 'c' }] })).toBe(false);
    expect(matchesExpected(expected, { cookies: [{ name: 'b' }, { name: 'a', path: '/' }] })).toBe(false);
    expect(matchesExpected({ sent: [] }, { sent: [] })).toBe(true);
    expect(matchesExpected({ sent: ['a'] }, { sent: 'a' })).toBe(false);
    expect(matchesExpected({ x: {} }, { x: [] })).toBe(false);
  });

  it('projectLike shows only what the expectation looks at', () => {
    expect(projectLike({ a: 1, l: [{ n: 1 }] }, { a: 2, b: 3, l: [{ n: 2, m: 0 }] })).toEqual({ a: 2, l: [{ n: 2 }] });
  });
});

describe('runner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // A synthetic format whose adapter doubles `x`; nothing depends on ids.
  const double: CaseRunner = (c) => ({ y: (c as { x: number }).x * 2, extra: 'ignored' });
  const adapters = { 'toy-cases/1': () => Promise.resolve(double) };

  writeFileSync(
    join(dir, 'good-cases.json'),
    JSON.stringify({
      format: 'toy-cases/1',
      cases: [
        { id: 'a', x: 1, expect: { y: 2 } },
        { id: 'b', x: 5, expect: { y: 10 } },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'bad-cases.json'),
    '\uFEFF' +
      JSON.stringify({
        format: 'toy-cases/1',
        cases: [
          { id: 'ok', x: 2, expect: { y: 4 } },
          { id: 'wrong', x: 3, expect: { y: 7 } },
          { id: 'noexpect', x: 1 },
        ],
      }),
  );
  writeFileSync(join(dir, 'notes.json'), '{}'); // not a *-cases.json: ignored

  it('counts a file that passes', async () => {
    const r = await runCaseFile(join(dir, 'good-cases.json'), adapters);
    expect(r).toMatchObject({ passed: 2, failed: 0, failures: [] });
  });

  it('reports failing ids with expected and actual, and exits non-zero', async () => {
    const lines: string[] = [];
    const code = await runFolder(dir, (l) => lines.push(l), adapters);
    expect(code).toBe(1);
    expect(lines).toContain('bad-cases.json: 1 passed, 2 failed');
    expect(lines).toContain('good-cases.json: 2 passed, 0 failed');
    expect(lines).toContain('FAIL bad-cases.json wrong');
    expect(lines).toContain('  expected: {"y":7}');
    expect(lines).toContain('  actual:   {"y":6}');
    expect(lines).toContain('FAIL bad-cases.json noexpect');
    expect(lines.some((l) => l.includes('notes.json'))).toBe(false);
  });

  it('exits 0 when every case passes', async () => {
    const only = mkdtempSync(join(tmpdir(), 'conformance-ok-'));
    writeFileSync(join(only, 'x-cases.json'), JSON.stringify({ format: 'toy-cases/1', cases: [{ id: 'a', x: 1, expect: { y: 2 } }] }));
    const lines: string[] = [];
    expect(await runFolder(only, (l) => lines.push(l), adapters)).toBe(0);
    expect(lines[0]).toBe('x-cases.json: 1 passed, 0 failed');
    rmSync(only, { recursive: true, force: true });
  });

  it('counts a throwing adapter as a failure, and refuses unknown formats', async () => {
    const nope: CaseRunner = () => {
      throw new Error('nope');
    };
    const throwing = { 'toy-cases/1': () => Promise.resolve(nope) };
    const r = await runCaseFile(join(dir, 'good-cases.json'), throwing);
    expect(r.failed).toBe(2);
    expect(r.failures[0]?.actual).toBe('threw nope');
    const u = await runCaseFile(join(dir, 'good-cases.json'), {});
    expect(u.error).toMatch(/unknown format "toy-cases\/1"/);
  });

  it('counts a file it cannot run as a failure, and its summary line cannot be mistaken for a file line', async () => {
    const lines: string[] = [];
    const code = await runFolder(dir, (l) => lines.push(l), { 'other-cases/1': () => Promise.resolve(double) });
    expect(code).toBe(1);
    expect(lines).toContain('good-cases.json: 0 passed, 1 failed');
    expect(lines.some((l) => /^NOT RUN good-cases\.json: unknown format/.test(l))).toBe(true);
    const fileLines = lines.filter((l) => /^(.+?): (\d+) passed, (\d+) failed$/.test(l));
    expect(fileLines).toHaveLength(2); // one per case file, no total line among them
  });
});

describe('cache-cases/1 browser profiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'conf-browser-'));
  const pragma = {
    id: 'pragma',
    request: { method: 'GET', headers: {} },
    response: { status: 200, headers: { date: 'Thu, 01 Jan 2026 00:00:00 GMT', 'cache-control': 'max-age=3600', pragma: 'no-cache' } },
    requestTime: 1767225600,
    responseTime: 1767225600,
    now: 1767225610,
    cache: 'private',
  };
  it('judges a file under its `browser` profile, and a case field wins over the file', async () => {
    writeFileSync(
      join(dir, 'b-cases.json'),
      JSON.stringify({
        format: 'cache-cases/1',
        browser: 'chrome',
        cases: [
          { ...pragma, id: 'chrome-file', expect: { mustRevalidate: true } },
          { ...pragma, id: 'rfc-case', browser: 'rfc', expect: { mustRevalidate: false } },
        ],
      }),
    );
    const r = await runCaseFile(join(dir, 'b-cases.json'));
    expect(r.failures).toEqual([]);
    expect(r.passed).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });
});

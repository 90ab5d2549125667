import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../tests/support/shared';
import type { ExplainHarResult } from '../src/lib/explain-har';
import { duration, MAX_HAR_BYTES, parseArgs, parseNow, runCli } from './explain';

const ROOT = join(__dirname, '..');
const FIXTURES = sharedPath('fixtures', 'har');
const dir = mkdtempSync(join(tmpdir(), 'explain-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const entry = (url: string, started: string, headers: Array<{ name: string; value: string }> = [], status = 200) => ({
  startedDateTime: started,
  time: 10,
  request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [], cookies: [] },
  response: { status, statusText: '', httpVersion: 'HTTP/1.1', headers, cookies: [], redirectURL: '' },
  timings: { send: 1, wait: 5, receive: 4 },
});

describe('argument parsing', () => {
  it('reads options in any order, with = or a separate value', () => {
    expect(parseArgs(['a.har', '--json', '--browser=firefox', '--now', '2026-01-01T00:00:00Z'])).toMatchObject({
      files: ['a.har'],
      format: 'json',
      browser: 'firefox',
      now: 1767225600,
      failOn: null,
    });
    expect(parseArgs(['--fail-on', 'warning', 'a.har']).failOn).toBe('warning');
    expect(() => parseArgs(['a.har', '--fail-on', 'fatal'])).toThrow(/--fail-on must be one of/);
    expect(parseArgs(['a.har'])).toMatchObject({ format: 'text', browser: 'chrome', now: null });
    expect(parseArgs(['--', 'a.har']).files).toEqual(['a.har']);
    expect(parseArgs(['a.har', 'b.har', '--format', 'sarif']).files).toEqual(['a.har', 'b.har']);
  });
  it('accepts ISO dates and epoch seconds, refuses the rest', () => {
    expect(parseNow('2026-01-01')).toBe(1767225600);
    expect(parseNow('2026-01-01T01:00:00+01:00')).toBe(1767225600);
    expect(parseNow('1767225600')).toBe(1767225600);
    for (const bad of ['yesterday', '2026-13-01', '01/02/2026', '']) expect(() => parseNow(bad)).toThrow(/bad --now/);
  });
  it('formats durations', () => {
    expect([duration(30), duration(600), duration(7200), duration(86400 * 3), duration(-31536000 * 2)]).toEqual([
      '30s',
      '10m',
      '2h',
      '3d',
      '2y',
    ]);
  });
});

describe('bad input: one clear line on stderr, exit code 2', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['no file argument', () => [], /no HAR file given/],
    ['a missing file', () => [join(dir, 'nope.har')], /nope\.har: no such file/],
    ['a folder', () => [dir], /is a folder/],
    ['not JSON', () => [file('bad.har', '<html>')], /bad\.har: not JSON/],
    ['JSON but not a HAR', () => [file('nothar.har', '{"entries": []}')], /not a HAR: there is no "log" object/],
    [
      'an entry missing its URL',
      () => [
        file(
          'nourl.har',
          JSON.stringify({
            log: { entries: [{ request: { method: 'GET' }, response: { status: 200 }, startedDateTime: '2026-01-01T00:00:00Z' }] },
          }),
        ),
      ],
      /entry 0 is missing request\.url/,
    ],
    ['a bad --now', () => [file('ok.har', '{"log":{"entries":[]}}'), '--now', 'tomorrow'], /bad --now "tomorrow"/],
    ['a bad --browser', () => [file('ok2.har', '{"log":{"entries":[]}}'), '--browser', 'safari'], /--browser must be one of/],
    ['an unknown option', () => ['x.har', '--yaml'], /unknown option --yaml/],
  ];
  for (const [name, args, msg] of cases) {
    it(name, async () => {
      const r = await cli(...args());
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(msg);
      expect(r.err.split('\n')[0]).toMatch(/^explain: /);
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  it('no longer refuses a file over the old 150 MB limit: it streams it, and stops at the first bad byte (sparse 200 MB file)', async () => {
    const p = join(dir, 'huge.har');
    const fd = openSync(p, 'w');
    closeSync(fd);
    // truncate() to a larger size makes a sparse file: no 200 MB written to disk.
    const { truncateSync } = await import('node:fs');
    truncateSync(p, 200 * 1024 * 1024);
    expect(MAX_HAR_BYTES).toBeLessThan(200 * 1024 * 1024);
    const t = performance.now();
    const r = await cli(p);
    expect(performance.now() - t).toBeLessThan(3000); // it did not read 200 MB of zeros
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/huge\.har: not a HAR: the top level is not a JSON object/);
    expect(r.err).not.toMatch(/limit/);
  });
});

describe('as a subprocess', () => {
  it('exits 2 with a single line and no stack on bad input', () => {
    const p = file('sub.har', 'not json at all');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/explain.ts'), p], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/sub\.har: not JSON/);
  });
});

describe('explaining HARs', () => {
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'test', version: '1' },
      entries: [
        entry('https://a.example/app.js', '2026-01-01T00:00:00.000Z', [
          { name: 'Date', value: 'Thu, 01 Jan 2026 00:00:00 GMT' },
          { name: 'Cache-Control', value: 'public, max-age=3600' },
          { name: 'ETag', value: '"v1"' },
        ]),
        entry(
          'https://a.example/app.js',
          '2026-01-01T00:10:00.000Z',
          [
            { name: 'Date', value: 'Thu, 01 Jan 2026 00:10:00 GMT' },
            { name: 'ETag', value: '"v1"' },
          ],
          304,
        ),
      ],
    },
  };

  it('defaults --now to the last response, prints entries, findings and a summary line', async () => {
    const r = await cli(file('two.har', JSON.stringify(har)));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('judged at 2026-01-01T00:10:01.000Z (when the last response in the HAR arrived');
    expect(r.out).toMatch(/#1 200 GET https:\/\/a\.example\/app\.js {2}\[network\]/);
    expect(r.out).toMatch(/#2 304 GET https:\/\/a\.example\/app\.js {2}\[revalidated\]/);
    expect(r.out).toMatch(/browser cache: storable, lifetime 60m from max-age/);
    expect(r.out).toMatch(/^2 entries: \d+ storable by the browser, .* findings: \d+ errors/m);
    // the closing summary table: totals, then findings by id with their counts
    const summary = r.out.slice(r.out.indexOf('== summary =='));
    expect(summary).toMatch(/^1 file\(s\), 2 entries; findings: /m);
    expect(summary).toMatch(/^severity +finding +count +entries$/m);
    expect(summary).toMatch(/^good +revalidated-304 +1 +1$/m);
  });

  it('--json writes the documented envelope with one schema-complete Explanation per entry', async () => {
    const r = await cli(
      file('two-json.har', '\uFEFF' + JSON.stringify(har)),
      '--json',
      '--now',
      '2026-01-01T00:30:00Z',
      '--browser',
      'firefox',
    );
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n')).toHaveLength(1); // one envelope, one line
    const doc = JSON.parse(r.out) as ExplainHarResult;
    expect(doc).toMatchObject({
      schema: 'cache-lens/explain-cli/1',
      now: '2026-01-01T00:30:00.000Z',
      nowEpoch: 1767227400,
      browser: 'firefox',
    });
    expect(doc.entries).toHaveLength(2);
    for (const e of doc.entries) {
      expect(e.schema).toBe('cache-lens/explanation/1');
      for (const k of ['exchangeId', 'url', 'method', 'status', 'source', 'cache', 'cookies', 'cdn', 'proxy', 'findings', 'hidden'])
        expect(e).toHaveProperty(k);
    }
    expect(doc.entries[0]!.cache.private.freshnessLifetime).toBe(3600);
    expect(doc.entries[1]!.cache.revalidation?.previousId).toBe(doc.entries[0]!.exchangeId);
  });

  it('--fail-on exits 3 when a finding is that severe, 0 otherwise', async () => {
    const p = file('lint.har', JSON.stringify(har));
    const plain = await cli(p, '--json');
    const worst = (JSON.parse(plain.out) as ExplainHarResult).entries.flatMap((e) => e.findings.map((f) => f.severity));
    const failing = await cli(p, '--fail-on', 'good');
    expect(worst.length).toBeGreaterThan(0);
    expect(failing.code).toBe(3);
    expect(failing.err).toMatch(/finding\(s\) at severity good or worse/);
    if (!worst.includes('error')) expect((await cli(p, '--fail-on', 'error')).code).toBe(0);
  });

  const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.har'));
  for (const f of fixtures) {
    it(`runs clean on ${f}`, async () => {
      const r = await cli(join(FIXTURES, f), '--json');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.out) as ExplainHarResult;
      expect(doc.entries.length).toBeGreaterThan(0);
      expect(doc.entries.flatMap((e) => e.findings).filter((x) => x.id === 'engine-error')).toEqual([]);
      const text = await cli(join(FIXTURES, f));
      expect(text.code).toBe(0);
      expect(text.out).toMatch(new RegExp(`^${doc.entries.length} entries: `, 'm'));
    });
  }
});

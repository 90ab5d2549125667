import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../../tests/support/shared';
import { FORMATS } from './args';
import { runCli, type RunOptions } from './run';
import { cliJsonLines, type CliJson, type SarifLog } from './test-shapes';

const dir = mkdtempSync(join(tmpdir(), 'cache-lens-cli-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const ERROR_HAR = join(__dirname, 'fixtures/error-finding.har');

async function cli(argv: string[], ro: RunOptions = {}, tty = false) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t), errIsTTY: tty, cwd: dir }, ro);
  return { code, out, err };
}

function put(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return name;
}

const entry = (
  url: string,
  started: string,
  headers: Array<{ name: string; value: string }> = [],
  extra: Record<string, unknown> = {},
) => ({
  startedDateTime: started,
  time: 10,
  request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [], cookies: [] },
  response: {
    status: 200,
    statusText: 'OK',
    httpVersion: 'HTTP/1.1',
    headers,
    cookies: [],
    redirectURL: '',
    content: { size: 4, text: 'body' },
  },
  timings: { send: 1, wait: 5, receive: 4 },
  ...extra,
});
const har = (...entries: unknown[]) => JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries } });
const CC = (v: string) => [
  { name: 'Date', value: 'Thu, 01 Jan 2026 00:00:00 GMT' },
  { name: 'Cache-Control', value: v },
];
const simple = har(
  entry('https://a.example/app.js', '2026-01-01T00:00:00.000Z', CC('max-age=60')),
  entry('https://a.example/app.css', '2026-01-01T00:00:01.000Z', CC('no-store')),
);

/** What a terminal must never receive raw. */
const RAW_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('exit codes', () => {
  it('--fail-on error exits 3 on a HAR with a genuine error finding, and names the count on stderr', async () => {
    const r = await cli([ERROR_HAR, '--fail-on', 'error', '--format', 'json']);
    const errors = (JSON.parse(r.out) as CliJson).entries.flatMap((e) => e.findings).filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(new RegExp(`^cache-lens: ${errors.length} finding\\(s\\) at severity error or worse`));
  });
  it('without --fail-on findings do not change the exit code; --quiet silences the stderr note but not the code', async () => {
    expect((await cli([ERROR_HAR])).code).toBe(0);
    const q = await cli([ERROR_HAR, '--fail-on', 'error', '--quiet']);
    expect(q.code).toBe(3);
    expect(q.err).toBe('');
  });
  it('--only narrows what --fail-on sees: the fixture has no cache error', async () => {
    expect((await cli([ERROR_HAR, '--fail-on', 'error', '--only', 'cache'])).code).toBe(0);
    expect((await cli([ERROR_HAR, '--fail-on', 'error', '--only', 'cdn,proxy'])).code).toBe(3);
  });
  it('bad input is 2 and wins over 3; the good files are still explained', async () => {
    const bad = put('bad.har', '{"log":');
    const r = await cli([ERROR_HAR, bad, '--fail-on', 'error', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^cache-lens: bad\.har: not JSON/m);
  });
  it('"timings": {"wait": 1e16} is bad input (2), not an internal error', async () => {
    const f = put('wait.har', har(entry('https://a.example/', '2026-01-01T00:00:00Z', [], { timings: { wait: 1e16 } })));
    const r = await cli([f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/wait\.har: entry 0 has timings .* beyond any date/);
    expect(r.err).not.toMatch(/internal/);
    const t = put('time.har', har(entry('https://a.example/', '2026-01-01T00:00:00Z', [], { time: 1e300 })));
    expect((await cli([t])).code).toBe(2);
  });
  it('usage errors are 2 with the usage line; --help and --version are 0', async () => {
    for (const argv of [[], ['x.har', '--format', 'yaml'], ['x.har', '--only', 'dns'], ['x.har', '--bogus']]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
    }
    const h = await cli(['--help']);
    expect(h.code).toBe(0);
    for (const f of FORMATS) expect(h.out).toContain(f);
    expect(h.out).toMatch(/exit codes:[\s\S]*3 +--fail-on/);
    const v = await cli(['--version']);
    expect(v.out).toBe(`${(JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version}\n`);
  });
});

describe('files and globs', () => {
  it('explains several files and expands globs itself (sorted, ** for any depth); one JSON envelope per file and line', async () => {
    put('g/one.har', simple);
    put('g/deep/two.har', simple);
    put('g/deep/notes.txt', 'x');
    const r = await cli(['g/**/*.har', '--json']);
    expect(r.code).toBe(0);
    const docs = cliJsonLines(r.out);
    expect(docs.map((d) => d.file)).toEqual(['g/deep/two.har', 'g/one.har']);
    for (const d of docs) expect(d).toMatchObject({ schema: 'cache-lens/explain-cli/1', browser: 'chrome', creator: 't 1' });
    const none = await cli(['g/*.nothing', 'g/one.har']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/g\/\*\.nothing: no file matches this pattern/);
    expect(none.out).toMatch(/^g\/one\.har: 2 entries/m);
  });
  it('--url selects entries by substring or * pattern; the selection is in every format', async () => {
    const f = put('u.har', simple);
    const sub = JSON.parse((await cli([f, '--json', '--url', 'app.css'])).out) as CliJson;
    expect(sub.entries.map((e) => e.url)).toEqual(['https://a.example/app.css']);
    const star = JSON.parse((await cli([f, '--json', '--url', 'https://*.example/*.js'])).out) as CliJson;
    expect(star.entries.map((e) => e.url)).toEqual(['https://a.example/app.js']);
    const text = (await cli([f, '--url', 'app.css'])).out;
    expect(text).toMatch(/^1 entries: /m);
    expect(text).not.toContain('app.js');
  });
  it('--now and --browser reach the engine', async () => {
    const f = put('n.har', simple);
    const d = JSON.parse((await cli([f, '--json', '--now', '2026-01-01T01:00:00Z', '--browser', 'firefox'])).out) as CliJson;
    expect(d).toMatchObject({ now: '2026-01-01T01:00:00.000Z', nowEpoch: 1767229200, browser: 'firefox' });
    expect(d.entries[0]?.cache.browser).toBe('firefox');
    expect(d.entries[0]?.cache.private.fresh).toBe(false); // max-age=60, an hour later
  });
});

describe('encodings and big files', () => {
  const utf8 = simple.replace('app.js', 'app-é.js');
  it('reads UTF-16 BE and LE with a BOM, and UTF-8 with a BOM, exactly as UTF-8', async () => {
    const ref = (await cli([put('e8.har', utf8), '--json'])).out.replace(/"file":"[^"]*"/, '');
    const be = Buffer.from(utf8, 'utf16le').swap16();
    const variants = {
      'be.har': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      'le.har': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')]),
      'bom8.har': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8)]),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      for (const streamAbove of [undefined, 0]) {
        const r = await cli([put(name, bytes), '--json'], { streamAbove });
        expect(r.err).toBe('');
        expect(r.out.replace(/"file":"[^"]*"/, '')).toBe(ref);
      }
    }
    expect(ref).toContain('app-é.js');
  });
  it('"-" reads standard input, byte by byte (a BOM split over chunks), as a file would read', async () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf8, 'utf16le').swap16()]);
    // eslint-disable-next-line @typescript-eslint/require-await -- stdin is an async iterable; nothing to wait for here
    async function* oneByteAtATime() {
      for (const b of bytes) yield Uint8Array.of(b);
    }
    let out = '';
    const code = await runCli(['-', '--json'], { out: (t) => void (out += t), err: (t) => expect.fail(t), stdin: oneByteAtATime() });
    expect(code).toBe(0);
    const ref = (await cli([put('stdin-ref.har', utf8), '--json'])).out;
    expect(out.replace(/"file":"[^"]*"/, '')).toBe(ref.replace(/"file":"[^"]*"/, ''));
    expect((JSON.parse(out) as CliJson).file).toBe('-');
    const none = await cli(['-']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/-: no standard input here/);
  });
  it('a streamed file gives the same output as one read whole, in every format', async () => {
    const f = put('s.har', readFileSync(ERROR_HAR));
    for (const format of FORMATS) {
      const whole = await cli([f, '--format', format]);
      const streamed = await cli([f, '--format', format], { streamAbove: 0 });
      expect(streamed.out).toBe(whole.out);
      expect(streamed.code).toBe(whole.code);
    }
  });
  it('streamed and whole reads agree on every shared HAR (the streamed entries keep all the adapter reads)', async () => {
    const shared = sharedPath('fixtures', 'har');
    const hars = readdirSync(shared).filter((f) => f.endsWith('.har'));
    expect(hars.length).toBeGreaterThan(5);
    for (const h of hars) {
      const whole = await cli([join(shared, h), '--json']);
      const streamed = await cli([join(shared, h), '--json'], { streamAbove: 0 });
      expect(streamed.code, h).toBe(0);
      expect(streamed.out === whole.out, h).toBe(true);
    }
  }, 120000);
  it('shows a progress line on stderr only when it is a terminal', async () => {
    const f = put('p.har', simple);
    const tty = await cli([f, '--json'], { streamAbove: 0, progressAbove: 0 }, true);
    expect(tty.err).toMatch(/\rcache-lens: reading p\.har \d+% of/);
    expect(tty.err.endsWith('\r\x1b[K')).toBe(true); // cleared at the end
    expect((JSON.parse(tty.out) as CliJson).entries).toHaveLength(2); // stdout untouched
    expect((await cli([f, '--json'], { streamAbove: 0, progressAbove: 0 }, false)).err).toBe('');
    expect((await cli([f, '--json', '--quiet'], { streamAbove: 0, progressAbove: 0 }, true)).err).toBe('');
  });
});

describe('nothing from the page acts on the terminal', () => {
  const evilUrl = 'https://evil.example/\u001b[2J\u001b]0;pwned\u0007/\u202Egnp.exe\u2066x\u2069?\u009b31m|<script>`*_';
  const evil = har(
    entry(evilUrl, '2026-01-01T00:00:00.000Z', [
      ...CC('max-age=\u001b[31m60'),
      { name: 'Set-Cookie', value: 'a\u202e=1; SameSite=\u001b[2JNone' },
    ]),
  );
  it('in every format: no control character, ANSI escape or bidi override is written raw', async () => {
    const f = put('evil\u001b[2J\u202e.har', evil);
    for (const format of FORMATS) {
      const r = await cli([f, '--format', format]);
      expect(r.code, format).toBe(0);
      expect(RAW_UNSAFE.test(r.out), `${format} stdout: ${JSON.stringify(r.out.match(RAW_UNSAFE))}`).toBe(false);
      expect(RAW_UNSAFE.test(r.err), `${format} stderr`).toBe(false);
    }
  });
  it('JSON and SARIF escape them instead: the data parses back unchanged', async () => {
    const f = put('evil.har', evil);
    const doc = JSON.parse((await cli([f, '--json'])).out) as CliJson;
    expect(doc.entries[0]?.url).toBe(evilUrl);
    const sarif = JSON.parse((await cli([f, '--format', 'sarif'])).out) as SarifLog;
    expect(sarif.runs[0].results[0]?.locations[0].logicalLocations[0].name).not.toMatch(RAW_UNSAFE);
  });
  it('in errors too: a file starting with ESC[2J, and a file name with U+202E', async () => {
    const f = put('x\u202etxt.har', '\u001b[2J\u001b[31mhello');
    const r = await cli([f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/x\\u202etxt\.har: not JSON/);
    expect(RAW_UNSAFE.test(r.err)).toBe(false);
    expect(r.err).toContain('\\x1b');
  });
});

describe('formats', () => {
  it('text: a block per entry, a line per file, and the closing summary table with worst offenders', async () => {
    const r = await cli([ERROR_HAR]);
    expect(r.out).toMatch(/^#3 502 GET https:\/\/cdn\.shop\.example\/api\/stock {2}\[network\]$/m);
    expect(r.out).toMatch(/^== summary ==\n1 file\(s\), 3 entries; findings: \d+ errors, /m);
    expect(r.out).toMatch(/^error +cloudfront-error +1 +1$/m);
    const worst = r.out.slice(r.out.indexOf('worst offenders:')).trim().split('\n');
    expect(worst.slice(0, 2).join('\n')).toMatch(/^worst offenders:\nerrors +warnings +top finding +entry$/);
    const rows = worst
      .slice(3)
      .map((l) => /^ *(\d+) +(\d+) +(CloudFront error|[a-z][\w ,()-]*?) +\S*error-finding\.har #(\d) GET (\S+)$/.exec(l));
    expect(rows.every(Boolean)).toBe(true);
    expect(rows.map((m) => m![4]).sort()).toEqual(['1', '3']);
    expect(rows.some((m) => m![3] === 'CloudFront error')).toBe(true); // the 502's headline finding is named // entry 2 has no error or warning
    const keys = rows.map((m) => Number(m![1]) * 1000 + Number(m![2]));
    expect(keys).toEqual([...keys].sort((a, b) => b - a)); // worst first
    const quiet = await cli([ERROR_HAR, '--quiet']);
    expect(quiet.out.startsWith('== summary ==')).toBe(true);
  });
  it('markdown: tables whose cells cannot break out (pipes, HTML, autolinks escaped)', async () => {
    const f = put('md.har', har(entry('https://a.example/x|y<b>z', '2026-01-01T00:00:00.000Z', CC('no-cache'))));
    const r = await cli([f, '--format', 'markdown']);
    expect(r.out).toMatch(/^## Cache Lens/);
    expect(r.out).toContain('| # | severity | finding | entry | what |');
    const row = r.out.split('\n').find((l) => l.includes('no-cache-no-validator') && l.startsWith('| 1 |'))!;
    expect(row).toContain('x\\|y&lt;b&gt;z');
    expect(row.split(/(?<!\\)\|/)).toHaveLength(7); // 5 cells, no extra pipe from the URL
    expect(r.out).toMatch(/### Summary/);
  });
  it('junit: one test case per entry, a failure for findings at --fail-on (default warning) or worse', async () => {
    // the engine's severities may be retuned: count the expected failures from the JSON
    const { entries } = JSON.parse((await cli([ERROR_HAR, '--json'])).out) as CliJson;
    const failing = (sev: string[]) => entries.filter((e) => e.findings.some((f) => sev.includes(f.severity))).length;
    expect(failing(['error'])).toBeGreaterThan(0);
    expect(failing(['error', 'warning'])).toBeLessThan(3); // entry 2 only has info and good findings
    const r = await cli([ERROR_HAR, '--format', 'junit']);
    expect(r.out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cache-lens">')).toBe(true);
    expect(r.out.match(/<testcase /g)).toHaveLength(3);
    expect(r.out).toMatch(
      new RegExp(`<testsuite name="[^"]*error-finding\\.har" tests="3" failures="${failing(['error', 'warning'])}" errors="0"`),
    );
    const strict = await cli([ERROR_HAR, '--format', 'junit', '--fail-on', 'error']);
    expect(strict.out).toMatch(new RegExp(`tests="3" failures="${failing(['error'])}"`));
    const bad = await cli([put('j.har', 'nope'), '--format', 'junit']);
    expect(bad.out).toMatch(
      /<testsuite name="j\.har" tests="1" failures="0" errors="1"[\s\S]*<error type="bad-input" message="j\.har: not JSON/,
    );
  });
  it('github: one workflow command per finding, data and properties escaped', async () => {
    const f = put('gh,a:b%.har', readFileSync(ERROR_HAR));
    const r = await cli([f, '--format', 'github']);
    const lines = r.out.trim().split('\n');
    const entry3 =
      readFileSync(ERROR_HAR, 'utf8')
        .split('\n')
        .findIndex(
          (l, i, all) =>
            l.trim() === '{' &&
            all
              .slice(i, i + 8)
              .join('')
              .includes('cdn.shop.example/api/stock'),
        ) + 1;
    expect(entry3).toBeGreaterThan(1);
    expect(
      lines.filter((l) =>
        l.startsWith(
          `::error file=gh%2Ca%3Ab%25.har,line=${entry3},title=cloudfront-error (entry 3)::GET https://cdn.shop.example/api/stock: `,
        ),
      ),
    ).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('::warning '))).toBe(true);
    expect(lines.some((l) => l.includes('cacheable-with-validator'))).toBe(false); // good practice is no annotation
    expect(lines.pop()).toMatch(/^cache-lens: 1 file\(s\), 3 entries: \d+ errors/);
  });
});

describe('bad input never crashes', () => {
  it('any bytes, any JSON, any odd entry: exit 0 or 2, never 1, in both readers', async () => {
    const fc = (await import('fast-check')).default;
    const oddEntry = fc.record(
      {
        startedDateTime: fc.oneof(fc.constant('2026-01-01T00:00:00Z'), fc.string(), fc.integer()),
        time: fc.oneof(fc.double(), fc.constant(1e300), fc.string()),
        request: fc.oneof(
          fc.record({
            method: fc.oneof(fc.constant('GET'), fc.string()),
            url: fc.oneof(fc.webUrl(), fc.string()),
            headers: fc.oneof(fc.array(fc.record({ name: fc.string(), value: fc.jsonValue() })), fc.jsonValue()),
          }),
          fc.jsonValue(),
        ),
        response: fc.oneof(
          fc.record({
            status: fc.oneof(fc.integer({ min: -5, max: 1200 }), fc.string()),
            headers: fc.array(
              fc.record({
                name: fc.constantFrom('Cache-Control', 'Set-Cookie', 'Date', 'Age', 'Vary', 'Via', 'ETag', 'X-Cache'),
                value: fc.string(),
              }),
            ),
          }),
          fc.jsonValue(),
        ),
        timings: fc.oneof(fc.record({ wait: fc.oneof(fc.double(), fc.constant(1e16), fc.constant(-1)) }), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    const doc = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.array(oddEntry, { maxLength: 4 }).map((entries) => JSON.stringify({ log: { entries } })),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(doc, fc.constantFrom(undefined, 0), async (text, streamAbove) => {
        const f = put(`fuzz-${n++}.har`, text);
        const r = await cli([f, '--format', 'sarif'], { streamAbove });
        expect([0, 2], r.err).toContain(r.code);
        JSON.parse(r.out); // still one valid SARIF document
      }),
      { numRuns: 150 },
    );
  }, 120000);
});

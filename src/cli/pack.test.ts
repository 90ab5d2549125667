/**
 * The package as users get it: `npm pack` of the project, installed into an empty folder, `npx cache-lens` and
 * `import 'cache-lens'` run there. Builds dist/npm afresh into a temporary staging copy (never the shared dist/),
 * so it tests the code as it is now and runs safely beside another checkout's test. Takes some seconds.
 */
import Ajv from 'ajv';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../../tests/support/shared';
import { buildNpm } from './build.mjs';
import type { CliJson } from './test-shapes';

const require = createRequire(import.meta.url);
const ROOT = resolve(__dirname, '../..');
const SHARED_HAR = sharedPath('fixtures', 'har', 'pagexray-http2-chrome.har');
const ERROR_HAR = join(__dirname, 'fixtures/error-finding.har');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  exports: Record<string, string>;
};
/** `npm pack --json` of one package: what it wrote, and the files in it. */
type NpmPackJson = [{ filename: string; files: Array<{ path: string }> }];
const work = mkdtempSync(join(tmpdir(), 'cache-lens-pack-'));
const stage = join(work, 'stage');
const app = join(work, 'app');
let tarball = '';
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });

/** What the tarball may hold: the builds, README, licences (ours, bundled packages', the data's), the schema doc. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICEN[CS]E(\.\w+)?$/,
  /^data\/[\w.-]+\.LICENSE$/,
  /^docs\/explanation-schema\.md$/,
  /^dist\/npm\/(cli\.js|index\.js|index\.d\.ts|cache-lens\.global\.js|THIRD-PARTY-LICENSES\.txt)$/,
  /^dist\/npm\/types\/[\w/.-]+\.d\.ts$/,
];

beforeAll(async () => {
  // A staging copy of exactly what "files" names, with dist/npm built from the current source.
  mkdirSync(stage, { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(stage, 'package.json'));
  cpSync(join(ROOT, 'README.md'), join(stage, 'README.md'));
  cpSync(join(ROOT, 'docs/explanation-schema.md'), join(stage, 'docs/explanation-schema.md'));
  for (const f of readdirSync(join(ROOT, 'data'))) cpSync(join(ROOT, 'data', f), join(stage, 'data', f));
  for (const f of readdirSync(ROOT).filter((f) => /^LICEN[CS]E/.test(f))) cpSync(join(ROOT, f), join(stage, f));
  await buildNpm({ quiet: true, outDir: join(stage, 'dist/npm') });
  const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], stage)) as NpmPackJson;
  tarball = join(work, packed.filename);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--omit=dev', tarball], app);
}, 240000);

function npx(args: string[], env: Record<string, string> = {}) {
  return spawnSync('npx', ['--no-install', 'cache-lens', ...args], {
    cwd: app,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, npm_config_update_notifier: 'false', ...env },
  });
}

describe('npm pack → install → npx cache-lens', { timeout: 120000 }, () => {
  it('the tarball of the real tree holds only built files, README, licences and data licences', () => {
    const [dry] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT)) as NpmPackJson;
    const files = dry.files.map((f) => f.path);
    expect(files.filter((f) => !ALLOWED.some((re) => re.test(f)))).toEqual([]);
    for (const f of ['package.json', 'README.md', 'data/open-cookie-database.LICENSE', 'data/cdn-ip-ranges.LICENSE'])
      expect(files).toContain(f);
    expect(pkg.bin['cache-lens']).toBe('dist/npm/cli.js');
  });

  it('the staged tarball has the bin, the library, its types, the classic script and the bundled licences', () => {
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((f) => f.replace(/^package\//, ''));
    for (const f of [
      'dist/npm/cli.js',
      'dist/npm/index.js',
      'dist/npm/index.d.ts',
      'dist/npm/cache-lens.global.js',
      'dist/npm/THIRD-PARTY-LICENSES.txt',
    ])
      expect(listed).toContain(f);
    expect(listed.filter((f) => !ALLOWED.some((re) => re.test(f)))).toEqual([]);
    const licences = readFileSync(join(stage, 'dist/npm/THIRD-PARTY-LICENSES.txt'), 'utf8');
    expect(licences).toMatch(/^tldts \S+ \(MIT\)$/m);
    expect(licences).toMatch(/^structured-headers \S+ \(MIT\)$/m);
  });

  it('npx cache-lens explains a shared HAR (plain bundled JS: no tsx, no TypeScript)', () => {
    const cli = readFileSync(join(app, 'node_modules/cache-lens/dist/npm/cli.js'), 'utf8');
    expect(cli.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(cli).not.toMatch(/from ["'](tsx|typescript|esbuild|vite)/);
    const r = npx([SHARED_HAR, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as CliJson;
    expect(doc.schema).toBe('cache-lens/explain-cli/1');
    expect(doc.entries.length).toBe((JSON.parse(readFileSync(SHARED_HAR, 'utf8')) as { log: { entries: unknown[] } }).log.entries.length);
    const text = npx([SHARED_HAR]);
    expect(text.stdout).toMatch(/^== summary ==$/m);
    expect(npx(['--version']).stdout.trim()).toBe(pkg.version);
  });

  it('two threads write exactly what one thread writes (json, text, filters, --fail-on, several files)', () => {
    const bbc = sharedPath('fixtures', 'har', 'perfcascade-www.bbc.co.uk.160529_8V_7R3.har');
    const nyt = sharedPath('fixtures', 'har', 'pagexray-www.nytimes.com.har');
    const runs: string[][] = [
      [bbc, '--format', 'json'],
      [bbc],
      [bbc, nyt, ERROR_HAR, '--format', 'json', '--url', '*.js', '--browser', 'firefox'],
      [bbc, '--url', 'no-such-url.example', '--format', 'json'],
      [bbc, '--url', 'no-such-url.example'],
      [nyt, bbc, '--only', 'cookies,cdn', '--fail-on', 'warning'],
      [bbc, '--quiet', '--fail-on', 'error', '--now', '2016-06-01T00:00:00Z'],
    ];
    for (const args of runs) {
      const one = npx(args, { CACHE_LENS_THREADS: '1' });
      // every file on two threads, in chunks of a few entries, so the worker takes part and chunks interleave
      const two = npx(args, { CACHE_LENS_THREADS: '2', CACHE_LENS_PARALLEL_ABOVE: '0', CACHE_LENS_CHUNK: '5' });
      expect(two.stderr, args.join(' ')).toBe(one.stderr);
      expect(two.status, args.join(' ')).toBe(one.status);
      expect(one.status === 0 || one.status === 3, args.join(' ')).toBe(true);
      expect(two.stdout === one.stdout, args.join(' ')).toBe(true);
      expect(one.stdout.length).toBeGreaterThan(0);
    }
  });

  it('--fail-on error exits 3 on the error fixture; bad input exits 2', () => {
    expect(npx([ERROR_HAR, '--fail-on', 'error', '--quiet']).status).toBe(3);
    const bad = npx([join(app, 'package.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^cache-lens: .*package\.json: not a HAR: there is no "log" object$/m);
  });

  it('--format sarif from the installed bin validates against SARIF 2.1.0', () => {
    const r = npx([ERROR_HAR, '--format', 'sarif']);
    const ajv = new Ajv({ schemaId: 'id', allErrors: true, format: 'full', logger: false });
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json') as object);
    const validate = ajv.compile(JSON.parse(readFileSync(join(__dirname, 'vendor/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object);
    expect(validate(JSON.parse(r.stdout) as object) ? [] : validate.errors).toEqual([]);
  });

  it("import { explainHar, explain, readHar } from 'cache-lens' works, and its types check under nodenext", () => {
    writeFileSync(
      join(app, 'use.mjs'),
      `import { explainHar, explain, readHar, EXPLANATION_SCHEMA, CLI_SCHEMA } from 'cache-lens';
import { readFileSync } from 'node:fs';
const text = readFileSync(${JSON.stringify(SHARED_HAR)}, 'utf8');
const r = explainHar(text, { browser: 'firefox' });
const { records } = readHar(text);
const one = explain(records[0], { browser: 'rfc', now: r.nowEpoch });
console.log(JSON.stringify({ n: r.entries.length, schema: r.schema, browser: r.browser, one: one.schema, s: [EXPLANATION_SCHEMA, CLI_SCHEMA] }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: app, encoding: 'utf8' })) as { n: number };
    expect(out).toMatchObject({
      schema: 'cache-lens/explain-cli/1',
      browser: 'firefox',
      one: 'cache-lens/explanation/1',
      s: ['cache-lens/explanation/1', 'cache-lens/explain-cli/1'],
    });
    expect(out.n).toBeGreaterThan(0);
    writeFileSync(
      join(app, 'use.ts'),
      `import { explainHar, readHar, type Explanation, type ExplainHarResult } from 'cache-lens';
const r: ExplainHarResult = explainHar('{}', { browser: 'chrome', only: ['cache'] });
const e: Explanation | undefined = r.entries[0];
const n: number = readHar({}).records.length;
// @ts-expect-error browser is checked
explainHar('{}', { browser: 'safari' });
export const x = [e?.cache.private.freshnessLifetime, n];
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
          lib: ['es2022', 'dom'],
        },
        files: ['use.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('the classic script is in the package as cache-lens/global', () => {
    expect(existsSync(join(app, 'node_modules/cache-lens/dist/npm/cache-lens.global.js'))).toBe(true);
    expect(pkg.exports['./global']).toBe('./dist/npm/cache-lens.global.js');
  });
});

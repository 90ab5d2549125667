#!/usr/bin/env node
// The README's test command. Runs every suite, tallies one figure across them, and ends with a plain
// `N passed, N failed` line (CI reads that line, not vitest's summary).
//   npm test                 everything: typecheck, lint, unit, conformance, build, web-ext lint, e2e
//   npm test -- --no-e2e     skip the build and the real-browser tests
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const shared = resolve(root, process.env.CACHE_LENS_SHARED ?? '../shared');
const args = new Set(process.argv.slice(2));
const withE2e = !args.has('--no-e2e');

const tally = { passed: 0, failed: 0 };
const lines = [];

function run(cmd, cmdArgs, opts = {}) {
  process.stdout.write(`\n$ ${cmd} ${cmdArgs.join(' ')}\n`);
  const r = spawnSync(cmd, cmdArgs, {
    cwd: root,
    stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
  });
  if (opts.capture) process.stdout.write(r.stdout ?? '');
  return r;
}

/** A step that is one check: it passes or fails as a whole. */
function step(name, cmd, cmdArgs, opts) {
  const r = run(cmd, cmdArgs, opts);
  const ok = r.status === 0;
  tally[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${name}: ${ok ? 'passed' : 'FAILED'}`);
  return ok;
}

/** A vitest run: count its tests from the JSON report. */
function vitest(name, config) {
  const out = join(tmp, `${name}.json`);
  const cfg = config ? ['-c', config] : [];
  const r = run('npx', ['vitest', 'run', ...cfg, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  let passed = 0;
  let failed = 0;
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed = report.numPassedTests ?? 0;
    failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0) - 0;
    // a suite that failed to load has no tests: count it once
    failed =
      (report.numFailedTests ?? 0) +
      (report.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0).length;
  }
  if (r.status !== 0 && failed === 0) failed = 1; // crashed before reporting
  tally.passed += passed;
  tally.failed += failed;
  lines.push(`${name}: ${passed} passed, ${failed} failed`);
}

/** The conformance runner prints `<file>: N passed, N failed` per case file. */
function conformance() {
  const r = run('npx', ['tsx', 'scripts/conformance.ts', shared + '/reference'], { capture: true });
  let seen = false;
  for (const m of (r.stdout ?? '').matchAll(/^(.+?): (\d+) passed, (\d+) failed$/gm)) {
    seen = true;
    tally.passed += Number(m[2]);
    tally.failed += Number(m[3]);
    lines.push(`conformance ${m[1]}: ${m[2]} passed, ${m[3]} failed`);
  }
  if (!seen || (r.status !== 0 && !/failed/.test(r.stdout ?? ''))) {
    tally.failed += 1;
    lines.push('conformance: FAILED to run');
  }
}

/**
 * The world's suites (tests/world/<suite>/run.ts): each prints one `<suite>: N passed, N failed` line per suite it
 * runs (counted), and may print figures on other lines (shown, not counted).
 */
function worldSuites() {
  const dir = join(root, 'tests', 'world');
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const script = join(dir, name, 'run.ts');
    if (!existsSync(script)) continue;
    const r = run('npx', ['tsx', script], { capture: true, env: { CACHE_LENS_SHARED: shared } });
    let seen = false;
    for (const m of (r.stdout ?? '').matchAll(/^(.+?): (\d+) passed, (\d+) failed$/gm)) {
      seen = true;
      tally.passed += Number(m[2]);
      tally.failed += Number(m[3]);
      lines.push(`world ${m[1]}: ${m[2]} passed, ${m[3]} failed`);
    }
    for (const m of (r.stdout ?? '').matchAll(/^FIGURE (.+)$/gm)) lines.push(`  ${m[1]}`);
    if (!seen || r.status !== 0) {
      if (!seen) tally.failed += 1;
      lines.push(`world ${name}: ${seen ? 'exited with ' + r.status : 'FAILED to run'}`);
      if (seen && r.status !== 0 && !/[1-9]\d* failed/.test(r.stdout ?? '')) tally.failed += 1;
    }
  }
}

step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
step('typecheck (strict: src, scripts, bench, unit tests, lab, e2e tests, world suites)', 'npx', [
  'tsc',
  '-p',
  'tsconfig.strict.json',
  '--noEmit',
]);
step('lint', 'npx', ['eslint', 'src', 'scripts', 'tests', 'bench']);
step('format (prettier --check; npm run format fixes it)', 'npm', ['run', '-s', 'format:check']);
vitest('unit');
conformance();
worldSuites();
if (withE2e) {
  if (step('build', 'npm', ['run', '-s', 'build'])) {
    step('web-ext lint (dist/firefox)', 'npx', ['web-ext', 'lint', '-s', 'dist/firefox']);
    vitest('e2e', 'vitest.e2e.config.ts');
  }
}

const summary = `${tally.passed} passed, ${tally.failed} failed`;
console.log('\n' + lines.join('\n'));
writeFileSync(join(tmp, 'summary.txt'), summary + '\n');
console.log(summary);
process.exit(tally.failed === 0 ? 0 : 1);

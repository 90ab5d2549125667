/**
 * npm run bench [-- --entries 10000 --iterations 7]
 *
 * On one deterministic synthetic HAR (bench/har-gen.ts): HAR import, full explanation (explainAll), and side by side
 * in the same run our cache work vs http-cache-semantics (storable + timeToLive) and our Set-Cookie parsing vs
 * set-cookie-parser; then the CLI end to end as a subprocess, and peak memory. Medians and best runs over several
 * timed iterations after warm-up; ours and the library's runs alternate, so load from other processes hits both
 * alike. A benchmark, not a test: it prints, it does not judge (except the goal notes: issue 7's 200 ms and at least
 * the library's speed, issue 11's CLI ratios).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import CachePolicy from 'http-cache-semantics';
import { parse as parseSetCookieLib } from 'set-cookie-parser';
import { buildFacts } from '../src/core/cache/facts';
import { computeView } from '../src/core/cache/freshness';
import { explainCache, PROFILES } from '../src/core/cache/index';
import { explainCdn } from '../src/core/cdn/index';
import { explainCookies, parseSetCookie } from '../src/core/cookies/index';
import { explainProxy } from '../src/core/proxy/index';
import { explainAll } from '../src/core/explain';
import { readHar } from '../src/core/har';
import { anyText } from '../src/core/loose';
import type { EngineContext, ExchangeRecord } from '../src/core/types';
import { generateHar } from './har-gen';

// not import.meta.dirname: undefined before Node 20.11 (package.json allows any Node 20)
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : dflt;
}

const ENTRIES = arg('entries', 10_000);
const ITERATIONS = arg('iterations', 7);
const WARMUP = 2;
/** Issue 7: the full explanation of the 10,000-entry bench HAR in at most 200 ms on the 2-core machine. */
const GOAL_MS = 200;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; // m >= 1 when the length is even
}

/** Median and best wall time (ms) of a timed function. */
/** spawnSync's stderr: null, not '', when the command could not be started (ENOENT), whatever its type says. */
function stderrText(r: { stderr: string | null }): string {
  return r.stderr ?? '';
}

interface Timing {
  med: number;
  best: number;
}

/** Median wall time (ms) of fn over ITERATIONS runs after WARMUP runs. `_sink` keeps results alive (never read). */
let _sink: unknown;
function time(fn: () => unknown): Timing {
  return timeTogether([fn])[0];
}

/**
 * Several functions timed in alternation (a, b, c, a, b, c, ...), so a load spike from other processes hits each of
 * them alike and their ratio stays fair on a busy machine.
 */
function timeTogether<F extends Array<() => unknown>>(fns: [...F], iterations = ITERATIONS): { [K in keyof F]: Timing } {
  for (let i = 0; i < WARMUP; i++) for (const fn of fns) _sink = fn();
  const runs: number[][] = fns.map(() => []);
  for (let i = 0; i < iterations; i++) {
    fns.forEach((fn, k) => {
      const t = performance.now();
      _sink = fn();
      runs[k]!.push(performance.now() - t); // one list per function
    });
  }
  return runs.map((r) => ({ med: median(r), best: Math.min(...r) })) as { [K in keyof F]: Timing };
}

const rows: Array<[string, string, string, string, string]> = [];
const perSecond = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
function row(what: string, t: Timing, n: number, note = '') {
  rows.push([what, `${t.med.toFixed(1)} ms`, `${t.best.toFixed(1)} ms`, perSecond(n, t.med), note]);
}

// ------------------------------------------------------------------------------------------------ data

const t0 = performance.now();
const har = generateHar(ENTRIES, 42);
const harText = JSON.stringify(har);
const genMs = performance.now() - t0;
const records = readHar(harText).records;
const lastResponseS = Math.ceil(Math.max(...records.map((r) => r.responseTimeMs)) / 1000);
const ctx: EngineContext = { browser: 'chrome', now: lastResponseS };

// Inputs for the libraries, built outside the timed loops (their lower-case header objects), so only their
// work is timed; ours reads the HeaderList as recorded.
function toObject(headers: ExchangeRecord['requestHeaders']): Record<string, string> {
  const o: Record<string, string> = {};
  for (const h of headers) {
    const k = h.name.toLowerCase();
    o[k] = k in o ? `${o[k]}, ${h.value}` : h.value;
  }
  return o;
}
const libInputs = records.map((r) => ({
  req: { url: new URL(r.url).pathname, method: r.method, headers: toObject(r.requestHeaders) },
  res: { status: r.status, headers: toObject(r.responseHeaders.filter((h) => h.name.toLowerCase() !== 'set-cookie')) },
}));
const setCookieLines = records.map((r) => r.responseHeaders.filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value));
const totalLines = setCookieLines.reduce((s, l) => s + l.length, 0);

// ------------------------------------------------------------------------------------------------ timings

const parseT = time(() => readHar(harText).records.length);
row('HAR import (readHar, JSON.parse included)', parseT, ENTRIES);

const fullT = time(() => explainAll(records, ctx).length);
const fullMs = fullT.med;
row(
  'full explanation (explainAll: cache+cookies+cdn+proxy)',
  fullT,
  ENTRIES,
  `goal <= ${GOAL_MS} ms (median): ${fullMs <= GOAL_MS ? 'met' : 'NOT met'}`,
);

const ourCache = () => {
  let n = 0;
  for (const r of records) if (explainCache(r, ctx).private.storable) n++;
  return n;
};
const libCache = () => {
  let n = 0;
  for (const { req, res } of libInputs) {
    const p = new CachePolicy(req, res);
    if (p.storable()) n++;
    n += p.timeToLive() > 0 ? 1 : 0;
  }
  return n;
};
// The same as a private (browser) cache: CachePolicy with {shared: false}, against our private view under the
// browser profile of the context.
const libCachePrivate = () => {
  let n = 0;
  for (const { req, res } of libInputs) {
    const p = new CachePolicy(req, res, { shared: false });
    if (p.storable()) n++;
    n += p.timeToLive() > 0 ? 1 : 0;
  }
  return n;
};
// The like-for-like part of our cache work: parse the fields, decide storable, lifetime and age for ONE view, without
// the explanations and findings: the shared view (CachePolicy's default) and, timed apart, the private view.
const ourCacheCore = (kind: 'shared' | 'private') => () => {
  let n = 0;
  const profile = kind === 'shared' ? PROFILES.rfc : PROFILES[ctx.browser];
  for (const r of records) {
    const v = computeView(buildFacts(r, r.status, r.responseHeaders, ctx.now), kind, profile, ctx.now).view;
    if (v.storable) n++;
    n += (v.remaining ?? 0) > 0 ? 1 : 0;
  }
  return n;
};
// Each comparison is ~10-30 ms a run, so it gets 3x the iterations: a steadier median on a busy machine. Only the
// like-for-like pairs alternate: explainCache leaves far more garbage, whose collection would land on whatever runs
// next, so it is timed on its own and set against the library's time from the pairs.
const [ourCacheCoreT, libCacheT, ourCachePrivateT, libCachePrivateT] = timeTogether(
  [ourCacheCore('shared'), libCache, ourCacheCore('private'), libCachePrivate],
  ITERATIONS * 3,
);
const ourCacheT = time(ourCache);
const speed = (lib: Timing, ours: Timing) =>
  `${(lib.med / ours.med).toFixed(2)}x the library's speed (best runs: ${(lib.best / ours.best).toFixed(2)}x)`;
// Issue 7: the cache core at least as fast as http-cache-semantics on the same entries (median ratio >= 1).
const coreGoal = (lib: Timing, ours: Timing) => `${speed(lib, ours)}; goal >= 1x: ${lib.med / ours.med >= 1 ? 'met' : 'NOT met'}`;
row('  ours: explainCache (both views, directives, findings)', ourCacheT, ENTRIES, speed(libCacheT, ourCacheT));
row('  ours: cache core, shared view only (buildFacts + computeView)', ourCacheCoreT, ENTRIES, coreGoal(libCacheT, ourCacheCoreT));
row('  http-cache-semantics: new CachePolicy + storable + timeToLive (shared)', libCacheT, ENTRIES);
row(
  `  ours: cache core, private view only (${ctx.browser} profile)`,
  ourCachePrivateT,
  ENTRIES,
  coreGoal(libCachePrivateT, ourCachePrivateT),
);
row('  http-cache-semantics: the same with {shared: false}', libCachePrivateT, ENTRIES);

const [ourCookieT, libCookieT] = timeTogether([
  () => {
    let n = 0;
    for (const lines of setCookieLines) for (const l of lines) n += parseSetCookie(l, ctx.now).name.length;
    return n;
  },
  () => {
    let n = 0;
    for (const lines of setCookieLines) if (lines.length) n += parseSetCookieLib(lines).length;
    return n;
  },
]);
const ourCookieFullT = time(() => {
  let n = 0;
  for (const r of records) n += explainCookies(r, ctx).setCookies.length;
  return n;
});
row(`  ours: parseSetCookie (${totalLines} lines)`, ourCookieT, ENTRIES, speed(libCookieT, ourCookieT));
row('  set-cookie-parser: parse(all lines of each entry)', libCookieT, ENTRIES);
row('  ours: explainCookies (parse + store model + words + purposes)', ourCookieFullT, ENTRIES);

// Each area alone, to see where the full explanation's time goes (the rest is the composer and GC of the results).
const cdnT = time(() => {
  let n = 0;
  for (const r of records) n += explainCdn(r, ctx).findings.length;
  return n;
});
const proxyT = time(() => {
  let n = 0;
  for (const r of records) n += explainProxy(r).findings.length;
  return n;
});
row('  ours: explainCdn', cdnT, ENTRIES);
row('  ours: explainProxy', proxyT, ENTRIES);
rows.push([
  '  full explanation minus the four areas alone (composer, history, GC)',
  `${(fullMs - ourCacheT.med - ourCookieFullT.med - cdnT.med - proxyT.med).toFixed(1)} ms`,
  `${(fullT.best - ourCacheT.best - ourCookieFullT.best - cdnT.best - proxyT.best).toFixed(1)} ms`,
  '',
  '',
]);

// ------------------------------------------------------------------------------------------------ CLI end to end

const dir = mkdtempSync(join(tmpdir(), 'cache-lens-bench-'));
const harPath = join(dir, `bench-${ENTRIES}.har`);
writeFileSync(harPath, harText);
const cli = join(ROOT, 'scripts/explain.ts');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
for (const mode of [['--json'], []] as string[][]) {
  const cmd: [string, ...string[]] = [process.execPath, '--import', 'tsx', cli, harPath, ...mode];
  const runs: number[] = [];
  let rssKb = NaN;
  let status: number | null = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = timeBin
      ? spawnSync(timeBin, ['-f', '%M', ...cmd], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 20 })
      : spawnSync(cmd[0], cmd.slice(1), { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    runs.push(performance.now() - t);
    status = r.status;
    const m = timeBin ? /(\d+)\s*$/.exec(stderrText(r)) : null;
    if (m) rssKb = Math.max(Number.isFinite(rssKb) ? rssKb : 0, Number(m[1]));
  }
  const ms = median(runs);
  rows.push([
    `CLI end to end: npm run explain ${mode.join(' ') || '(text)'} (subprocess, tsx startup included)`,
    `${ms.toFixed(0)} ms`,
    `${Math.min(...runs).toFixed(0)} ms`,
    perSecond(ENTRIES, ms),
    `exit ${status}${Number.isFinite(rssKb) ? `, peak RSS ${(rssKb / 1024).toFixed(0)} MB` : ''}`,
  ]);
}
{
  // What the CLI figures include before any work: node + tsx start-up and loading the engine.
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./src/core/explain.ts')"], { cwd: ROOT, stdio: 'ignore' });
    runs.push(performance.now() - t);
  }
  rows.push([
    '  of which start-up: node + tsx + loading the engine',
    `${median(runs).toFixed(0)} ms`,
    `${Math.min(...runs).toFixed(0)} ms`,
    '',
    '',
  ]);
}
rmSync(dir, { recursive: true, force: true });

// ------------------------------------------------------------------------------------------------ report

const mem = process.memoryUsage();
const maxRssKb = process.resourceUsage().maxRSS;
const HEAD = ['what', 'median', 'best', 'entries', 'note'];
const w = HEAD.map((h, i) => Math.max(...rows.map((r) => (r[i] ?? '').length), h.length));
const line = (r: string[]) => r.map((c, i) => (i >= 1 && i <= 3 ? c.padStart(w[i] ?? 0) : c.padEnd(w[i] ?? 0))).join('  ');
console.log(
  `Cache Lens bench: ${ENTRIES} synthetic entries (seed 42, ${(harText.length / 1048576).toFixed(1)} MB HAR, ${totalLines} Set-Cookie lines, generated in ${genMs.toFixed(0)} ms)`,
);
console.log(
  `${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (other processes slow every figure)`,
);
console.log(
  `node ${process.version}, ${WARMUP} warm-up + ${ITERATIONS} timed iterations (library comparisons interleaved run by run), median and best; judged at ${new Date(ctx.now * 1000).toISOString()} (${ctx.browser})\n`,
);
console.log(line(HEAD));
console.log(line(w.map((n) => '-'.repeat(n))));
for (const r of rows) console.log(line(r));
console.log(
  `\nbench process: peak RSS ${(maxRssKb / 1024).toFixed(0)} MB (resourceUsage().maxRSS), now rss ${(mem.rss / 1048576).toFixed(0)} MB, heapUsed ${(mem.heapUsed / 1048576).toFixed(0)} MB`,
);

// ------------------------------------------------------------------------------------------------ cache-lens bin (issue 11)
// Appended by the CLI owner: the installed-package command against the floor, and its memory on a big HAR.
await benchCacheLensBin();

/**
 * The `cache-lens` bin (dist/npm/cli.js, built by `npm run build`) on the shared BBC capture repeated ten times
 * (10,500 entries), side by side with the floor: node reading the same file and JSON.parse-ing it. Runs alternate
 * (floor, bin, floor, bin ...) so load from other processes hits both. Then peak RSS on a ~133 MB HAR (the capture
 * repeated until that size; `--big-mb N` for another size, e.g. 1024), against the file size.
 * Goals (issue 11): at most 2x the floor; memory at most 3x the file.
 *
 * Where the bin's time goes (CPU profile, 26 Nov, idle machine, 1.09 s in all): JSON.stringify of the entries 202 ms
 * and their UTF-8 encoding 84 ms (the output is 98.6 MB, 2.4x the input: the plain-language texts repeat), garbage
 * collection 152 ms, JSON.parse 120 ms, reading and decoding 40 ms, the engine about 400 ms across its functions,
 * start-up ~50 ms. Tried, not kept: a serializer writing straight into the output buffer with the bytes of shared
 * frozen objects and repeated strings cached (180-250 ms against 220-260 ms for stringify plus encode, same run:
 * within the noise, and a second JSON encoder to keep identical to V8's); a larger young generation
 * (--max-semi-space-size 32/64/128: 1.02-1.11 s against 1.04-1.10 s); a second thread (src/cli/parallel.ts, opt-in:
 * 1.32-1.43 s against 0.97-1.08 s: two copies of this memory-bound work slow each other, and the one thread's
 * collector already uses the second core: two single-thread runs side by side take 1.65 s each against 1.07 s
 * alone, while two pure-arithmetic loops scale perfectly). Writing the documented output costs about what the floor
 * does, so 2x needs a smaller output, which is a schema decision, not a speed fix.
 */
async function benchCacheLensBin(): Promise<void> {
  const { createWriteStream, readFileSync: read, statSync } = await import('node:fs');
  const shared = resolve(ROOT, process.env.CACHE_LENS_SHARED ?? '../shared');
  const bbc = join(shared, 'fixtures/har/perfcascade-www.bbc.co.uk.160529_8V_7R3.har');
  let bin = join(ROOT, 'dist/npm/cli.js');
  const work = mkdtempSync(join(tmpdir(), 'cache-lens-bin-bench-'));
  try {
    if (!existsSync(bin)) {
      const { buildNpm } = await import('../src/cli/build.mjs');
      await buildNpm({ quiet: true, types: false, outDir: join(work, 'npm') });
      bin = join(work, 'npm/cli.js');
    }
    if (!existsSync(bbc)) {
      console.log(`\ncache-lens bin: skipped (${bbc} is missing)`);
      return;
    }
    const har = JSON.parse(read(bbc, 'utf8')) as {
      log: { pages?: Array<Record<string, unknown>>; entries: Array<Record<string, unknown>> } & Record<string, unknown>;
    };
    /** The capture repeated `times` times, each copy an hour later with its own page ids; written piece by piece. */
    const repeat = async (file: string, times: number) => {
      const out = createWriteStream(file);
      const write = (s: string) => new Promise<void>((ok) => (out.write(s) ? ok() : out.once('drain', () => ok())));
      const shift = (iso: unknown, k: number) => new Date(Date.parse(String(iso)) + k * 3_600_000).toISOString();
      const { entries: _e, pages: _p, ...rest } = har.log;
      await write(`{"log":${JSON.stringify(rest).slice(0, -1)},"pages":[`);
      let first = true;
      for (let k = 0; k < times; k++) {
        for (const p of har.log.pages ?? []) {
          await write(
            `${first ? '' : ','}${JSON.stringify({ ...p, id: `${String(p.id)}-${k}`, startedDateTime: shift(p.startedDateTime, k) })}`,
          );
          first = false;
        }
      }
      await write('],"entries":[');
      first = true;
      for (let k = 0; k < times; k++) {
        for (const e of har.log.entries) {
          await write(
            `${first ? '' : ','}${JSON.stringify({ ...e, pageref: e.pageref ? `${anyText(e.pageref)}-${k}` : e.pageref, startedDateTime: shift(e.startedDateTime, k) })}`,
          );
          first = false;
        }
      }
      await write(']}}');
      await new Promise<void>((ok) => out.end(ok));
      return statSync(file).size;
    };
    const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
    const run = (cmd: [string, ...string[]], env: Record<string, string> = {}) => {
      const t = performance.now();
      const r = timeBin
        ? spawnSync(timeBin, ['-f', '%M', ...cmd], {
            stdio: ['ignore', 'ignore', 'pipe'],
            encoding: 'utf8',
            env: { ...process.env, ...env },
          })
        : spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, ...env } });
      const ms = performance.now() - t;
      const m = timeBin ? /(\d+)\s*$/.exec(stderrText(r)) : null;
      return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN, status: r.status };
    };
    const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

    const ten = join(work, 'bbc-x10.har');
    const tenSize = await repeat(ten, 10);
    const floorCmd: [string, ...string[]] = [
      process.execPath,
      '-e',
      'JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"))',
      ten,
    ];
    const binCmd: [string, ...string[]] = [process.execPath, bin, ten, '--format', 'json'];
    const floor: number[] = [];
    const ours: number[] = [];
    const one: number[] = [];
    const two: number[] = [];
    let status: number | null = 0;
    run(floorCmd); // warm the page cache
    const loadBefore = loadavg()[0]!;
    for (let i = 0; i < 5; i++) {
      floor.push(run(floorCmd).ms);
      const r = run(binCmd);
      ours.push(r.ms);
      status = r.status;
      // the two ways the bin can run a file this big, side by side: one thread, and always two (parallel.ts)
      one.push(run(binCmd, { CACHE_LENS_THREADS: '1' }).ms);
      two.push(run(binCmd, { CACHE_LENS_THREADS: '2' }).ms);
    }
    const f = median(floor);
    const o = median(ours);
    console.log(
      `\ncache-lens bin (${bin.startsWith(ROOT) ? 'dist/npm/cli.js' : 'built for this run'}), ${har.log.entries.length * 10} entries (BBC capture x10, ${mb(tenSize)}), 5 alternating runs, median (best), load average ${loadBefore.toFixed(1)} then ${loadavg()[0]!.toFixed(1)}:`,
    );
    console.log(`  floor: node + readFileSync + JSON.parse        ${f.toFixed(0)} ms (${Math.min(...floor).toFixed(0)} ms)`);
    console.log(`  cache-lens --format json > /dev/null           ${o.toFixed(0)} ms (${Math.min(...ours).toFixed(0)} ms), exit ${status}`);
    console.log(
      `  ratio to the floor: ${(o / f).toFixed(2)}x (best runs ${(Math.min(...ours) / Math.min(...floor)).toFixed(2)}x; goal at most 2x)`,
    );
    const rel = (xs: number[]) => `${median(xs).toFixed(0)} ms = ${(median(xs) / f).toFixed(2)}x the floor`;
    console.log(`  of which: one thread (CACHE_LENS_THREADS=1) ${rel(one)}; two threads (=2) ${rel(two)}`);
    console.log('  (one thread by default; CACHE_LENS_THREADS=2 opts in to the second)');

    const bigMb = arg('big-mb', 133);
    const big = join(work, 'big.har');
    const bigSize = await repeat(big, Math.max(1, Math.round((bigMb * 1048576) / (tenSize / 10))));
    for (const [label, env] of [
      ['streamed (default above 64 MB)', {}],
      ['read whole (CACHE_LENS_STREAM_ABOVE=1e12)', { CACHE_LENS_STREAM_ABOVE: '1e12' }],
    ] as Array<[string, Record<string, string>]>) {
      if (bigSize > 400 * 1048576 && env.CACHE_LENS_STREAM_ABOVE) continue; // one string that long is past V8's limit
      const r = run([process.execPath, bin, big, '--format', 'json'], env);
      console.log(
        `  memory on a ${mb(bigSize)} HAR, ${label}: peak RSS ${Number.isFinite(r.rssMb) ? `${r.rssMb.toFixed(0)} MB = ${((r.rssMb * 1048576) / bigSize).toFixed(2)}x the file` : 'unknown (no /usr/bin/time)'} in ${(r.ms / 1000).toFixed(1)} s, exit ${r.status} (goal at most 3x)`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

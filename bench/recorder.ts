/**
 * Recorder benchmark: the lab page /burst?n=N fires N fetches at once in real Chromium with dist/chrome loaded.
 * Reports recorded vs served, background time per event (measured in the worker with performance.now() around each
 * listener body), the time until everything is in IndexedDB, the worker's JS heap, and the burst's wall time with
 * and without the extension.
 *   npx tsx bench/recorder.ts [--n 2000] [--runs 3] [--json] [--profile] [--compare DIR[,DIR...]] [--build DIR] [--floor]
 *     --compare: other chrome-e2e builds, each measured once per run beside this one, the order rotating between runs;
 *     --build DIR: this one (default dist/chrome-e2e), e.g. a copy, so that a rebuild of dist/ during the run changes
 *     nothing
 *     --floor: two more builds made from this one, measured the same way: every listener registered as shipped but
 *     with an empty body ('extraHeaders' included), and the same without 'extraHeaders': what the page pays for the
 *     browser delivering the events at all, which no recorder can go below
 *   npx tsx bench/recorder.ts --long [--tabs 20] [--per-tab 2500]   (memory over a long session, see longSession)
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab } from '../tests/lab/server';
import { launchChromium, waitFor, type LaunchedChromium } from '../tests/e2e/helpers/browser';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const N = opt('n', 2000);
const RUNS = opt('runs', 3);
const asJson = args.includes('--json');
/** --profile: a CPU profile of the extension's worker over each measured burst; self time by function printed. */
const profile = args.includes('--profile');

/** A reply from a target, as Target.receivedMessageFromTarget carries it (JSON): the answer to our call `id`. */
interface TargetReply {
  id?: number;
  result?: unknown;
}

/** Runtime.getHeapUsage of the extension's service worker (non-flat attach: Playwright has no flat child sessions). */
async function workerHeap(chromium: LaunchedChromium): Promise<{ usedMB: number; totalMB: number }> {
  const session = await chromium.browserCdp();
  const { targetInfos } = await session.send('Target.getTargets');
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${chromium.extensionId}/`));
  if (!sw) return { usedMB: NaN, totalMB: NaN };
  const { sessionId } = await session.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
  const send = (method: string) =>
    new Promise<unknown>((resolve) => {
      const id = Math.floor(Math.random() * 1e9);
      const onMessage = (e: { message: string }) => {
        const m = JSON.parse(e.message) as TargetReply;
        if (m.id === id) {
          session.off('Target.receivedMessageFromTarget', onMessage);
          resolve(m.result);
        }
      };
      session.on('Target.receivedMessageFromTarget', onMessage);
      void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  // Live objects only: what the recorder keeps, not garbage waiting for the next collection.
  await send('HeapProfiler.collectGarbage');
  // CDP Runtime.getHeapUsage's answer
  const reply = (await send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
  await session.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  return { usedMB: reply.usedSize / 2 ** 20, totalMB: reply.totalSize / 2 ** 20 };
}

/** A non-flat CDP session on the extension's service worker (Playwright has no flat child sessions). */
async function workerSession(chromium: LaunchedChromium) {
  const session = await chromium.browserCdp();
  const { targetInfos } = await session.send('Target.getTargets');
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${chromium.extensionId}/`));
  if (!sw) throw new Error('no worker target');
  const { sessionId } = await session.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
  let next = 1;
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = next++;
      const onMessage = (e: { message: string }) => {
        const m = JSON.parse(e.message) as TargetReply;
        if (m.id === id) {
          session.off('Target.receivedMessageFromTarget', onMessage);
          resolve(m.result);
        }
      };
      session.on('Target.receivedMessageFromTarget', onMessage);
      void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  return { send, detach: () => session.send('Target.detachFromTarget', { sessionId }).catch(() => {}) };
}

/** A CPU profile (CDP Profiler.Profile): the parts summariseProfile reads. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (and per category) of a CPU profile, largest first. */
function summariseProfile(p: CpuProfile) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId.get(p.samples[i]!)!;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    if (f.functionName !== '(idle)') total += dt;
  }
  return { busyMs: total, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, 25) };
}

/**
 * CPU time (ms, user + system, from /proc: Linux only) of the browser's processes: the browser process and all its
 * descendants, found by the profile directory on the browser's command line; `extension`: the extension's own
 * renderer (--extension-process), where its service worker runs. Less at the mercy of the machine's load than wall
 * time: what the extension adds to the browser's work, wherever it is done.
 */
function browserCpu(userDataDir: string): { totalMs: number; extensionMs: number; byKind: Record<string, number> } {
  const tick = 10; // USER_HZ 100
  const procs: Array<{ pid: number; ppid: number; ms: number; cmd: string }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      procs.push({ pid: Number(name), ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * tick, cmd });
    } catch {
      /* gone meanwhile */
    }
  }
  const root = procs.find((p) => p.cmd.includes(`--user-data-dir=${userDataDir}`) && !p.cmd.includes('--type='));
  if (!root) return { totalMs: NaN, extensionMs: NaN, byKind: {} };
  const tree = new Set([root.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs)
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
  }
  let totalMs = 0;
  let extensionMs = 0;
  const byKind: Record<string, number> = {};
  for (const p of procs) {
    if (!tree.has(p.pid)) continue;
    totalMs += p.ms;
    if (p.cmd.includes('--extension-process')) extensionMs += p.ms;
    const type = /--type=(\S+)/.exec(p.cmd)?.[1];
    const kind = p.cmd.includes('--extension-process')
      ? 'extension'
      : type === 'utility'
        ? (/--utility-sub-type=(\w+)/.exec(p.cmd)?.[1] ?? 'utility')
        : (type ?? 'browser');
    byKind[kind] = (byKind[kind] ?? 0) + p.ms;
  }
  return { totalMs, extensionMs, byKind };
}

async function burst(chromium: LaunchedChromium, origin: string, tag: string) {
  const page = await chromium.context.newPage();
  const cpu0 = browserCpu(chromium.userDataDir);
  const t0 = performance.now();
  await page.goto(`${origin}/burst?n=${N}&${tag}`, { waitUntil: 'commit' });
  await waitFor(async () => (await page.textContent('#burst-status'))?.startsWith('done'), {
    timeout: 120000,
    interval: 20,
    what: 'burst done',
  });
  const wall = performance.now() - t0;
  const cpu1 = browserCpu(chromium.userDataDir);
  const cpuByKind = Object.fromEntries(Object.entries(cpu1.byKind).map(([k, ms]) => [k, ms - (cpu0.byKind[k] ?? 0)]));
  return { wall, page, cpuMs: cpu1.totalMs - cpu0.totalMs, extensionCpuMs: cpu1.extensionMs - cpu0.extensionMs, cpuByKind };
}

/** JS heap of a page (the panel), after a collection. */
async function pageHeap(chromium: LaunchedChromium, page: import('playwright-core').Page): Promise<number> {
  const session = await chromium.context.newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  await session.detach();
  return usedSize / 2 ** 20;
}

/** One line of --long: the state after a group of tabs. */
interface LongRow {
  requests: number;
  workerHeapMB: number;
  memory: Record<string, number>;
  storedRecords: number;
  panelHeapMB: number;
}

/**
 * --long: a long session, `--tabs` tabs (default 20) each firing `--per-tab` requests (default 2,500: 50,000 in all),
 * four tabs at a time, every tab left open, a pop-out panel subscribed to the first tab. After each group: the
 * worker's heap (after a collection), what it holds per structure (Recorder.memoryCounts), the records in IndexedDB,
 * and the panel's heap. The bounds these show are named in docs/recorder.md ("Memory").
 */
async function longSession(lab: Awaited<ReturnType<typeof startLab>>): Promise<void> {
  const tabs = opt('tabs', 20);
  const perTab = opt('per-tab', 2500);
  const chromium = await launchChromium();
  const hook = <T>(fn: string) => chromium.currentServiceWorker().then((w) => w.evaluate<T>(`globalThis.__cacheLens.${fn}`));
  const rows: LongRow[] = [];
  const measure = async (done: number, panel: import('playwright-core').Page | null) => {
    await waitFor(async () => (await hook<number>('pending()')) === 0, { timeout: 120000, interval: 100, what: 'writes done' });
    const heap = await workerHeap(chromium);
    rows.push({
      requests: done,
      workerHeapMB: heap.usedMB,
      memory: await hook<Record<string, number>>('memory()'),
      storedRecords: await hook<number>("storedCount('/burst/item/')"),
      panelHeapMB: panel ? await pageHeap(chromium, panel) : NaN,
    });
    if (!asJson) {
      const r = rows.at(-1)!; // pushed just above
      console.log(
        `${String(r.requests).padStart(6)} requests  worker heap ${r.workerHeapMB.toFixed(1)} MB  stored ${r.storedRecords}  panel heap ${r.panelHeapMB.toFixed(1)} MB  held: ${JSON.stringify(r.memory)}`,
      );
    }
  };
  let panel: import('playwright-core').Page | null = null;
  try {
    await measure(0, null);
    let done = 0;
    for (let first = 0; first < tabs; first += 4) {
      const group = await Promise.all(
        Array.from({ length: Math.min(4, tabs - first) }, async (_, k) => {
          const page = await chromium.context.newPage();
          await page.goto(`${lab.httpOrigin}/?long-tab=${first + k}`);
          return page;
        }),
      );
      if (!panel) {
        const { tabIdOf, openPanelPage } = await import('../tests/e2e/helpers/browser');
        panel = await openPanelPage(chromium.context, chromium.extensionId, await tabIdOf(chromium.serviceWorker, group[0]!)); // a group has 1 to 4 tabs
      }
      await Promise.all(
        group.map(async (page, k) => {
          await page.goto(`${lab.httpOrigin}/burst?n=${perTab}&c=64&long=${first + k}`, { waitUntil: 'commit' });
          await waitFor(async () => (await page.textContent('#burst-status'))?.startsWith('done'), {
            timeout: 300000,
            interval: 100,
            what: 'burst done',
          });
        }),
      );
      done += group.length * perTab;
      await measure(done, panel);
    }
  } finally {
    if (asJson) console.log(JSON.stringify({ tabs, perTab, rows }, null, 2));
    await chromium.close();
  }
}

const lab = await startLab({ quiet: true });
if (args.includes('--long')) {
  try {
    console.log(
      `Recorder long session: ${opt('tabs', 20)} tabs x ${opt('per-tab', 2500)} requests, 4 tabs at a time, all left open; panel on the first tab`,
    );
    await longSession(lab);
  } finally {
    await lab.close();
  }
  process.exit(0);
}
/** One measured burst of one build (--json prints these as they are). */
interface RunResult {
  run: number;
  build: string;
  floor: boolean;
  bareBurstWallMs: number;
  ratio: number;
  n: number;
  served: number;
  recorded: number;
  equal: boolean;
  events: number;
  perEventMeanMs: number;
  perEventMedianMs: number;
  perEventP99Ms: number;
  perEventMaxMs: number;
  byEventMeanMs: Record<string, number>;
  flushes: number;
  putsPerRecord: number;
  journalWrites: number;
  flushWorkMs: number;
  perEventWithWritesMs: number;
  perRequestMs: number;
  burstWallMs: number;
  burstCpuMs: number;
  extensionCpuMs: number;
  bareCpuMs: number;
  navigationToAllStoredMs: number;
  lastEventToLastFlushMs: number;
  heapBeforeMB: number;
  heapAfterMB: number;
}
const results: RunResult[] = [];
try {
  // Baseline: the same burst with no extension at all, measured in every run beside the extension (alternately:
  // the machine's load drifts within minutes), and with --compare, other builds of the extension too.
  const bareBurst = async (tag: string) => {
    const bare = await launchChromium({ extensionPath: null });
    const { wall, cpuMs, cpuByKind } = await burst(bare, lab.httpOrigin, tag);
    await bare.close();
    if (!asJson) console.log(`bare burst ${tag}: ${wall.toFixed(0)} ms, CPU ${cpuMs} ms ${JSON.stringify(cpuByKind)}`);
    bareCpus.push(cpuMs);
    return wall;
  };
  const bareCpus: number[] = [];
  // --compare DIR[,DIR...]: other builds; every run measures each once, the order rotating from run to run.
  const compareDirs = args.includes('--compare') ? (args[args.indexOf('--compare') + 1] ?? '').split(',').filter(Boolean) : [];
  const buildDir = args.includes('--build') ? args[args.indexOf('--build') + 1] : undefined;
  const builds: Array<string | undefined> = [buildDir, ...compareDirs];
  // --floor: copies of this build whose worker runs a module first that sets the floor mode (src/background/index.ts)
  const floorLabel = new Map<string, string>();
  const floorRoot = args.includes('--floor') ? mkdtempSync(join(tmpdir(), 'cache-lens-floor-')) : null;
  if (floorRoot) {
    for (const [mode, label] of [
      ['listen', 'floor: empty listeners, extraHeaders'],
      ['listen-no-extra', 'floor: empty listeners, no extraHeaders'],
    ] as const) {
      const dir = join(floorRoot, mode);
      cpSync(buildDir ?? 'dist/chrome-e2e', dir, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { background: { service_worker: string } };
      const loader = join(dir, manifest.background.service_worker);
      writeFileSync(join(dir, 'bench-floor.js'), `globalThis.__cacheLensBenchFloor = ${JSON.stringify(mode)};\n`);
      // module imports run in order: the mode is set before the worker's own code
      writeFileSync(loader, `import '/bench-floor.js';\n${readFileSync(loader, 'utf8')}`);
      builds.push(dir);
      floorLabel.set(dir, label);
    }
  }
  const bareWalls: number[] = [];

  for (let i = 0; i < RUNS * builds.length; i++) {
    const run = Math.floor(i / builds.length);
    const slot = i % builds.length;
    const dir = builds[(slot + run) % builds.length];
    // One bare burst per run, right before its first build.
    let bareWall = NaN;
    if (slot === 0) bareWalls.push((bareWall = await bareBurst(`bare${i}`)));
    const chromium = await launchChromium(dir ? { extensionPath: dir } : {});
    const hook = <T>(fn: string) => chromium.serviceWorker.evaluate<T>(`globalThis.__cacheLens.${fn}`);
    // Warm up (first navigation, store opened) then measure from a clean slate.
    const warm = await chromium.context.newPage();
    await warm.goto(`${lab.httpOrigin}/`);
    await warm.close();
    await hook('flush()');
    const heapBefore = await workerHeap(chromium);
    await hook('resetStats()');
    await hook('resetFlushWork()');
    lab.resetCounts();

    const tag = `run${run}`;
    const prof = profile ? await workerSession(chromium) : null;
    if (prof) {
      await prof.send('Profiler.enable');
      await prof.send('Profiler.setSamplingInterval', { interval: 200 });
      await prof.send('Profiler.start');
    }
    const t0 = performance.now();
    const { wall, page, cpuMs, extensionCpuMs, cpuByKind } = await burst(chromium, lab.httpOrigin, tag);
    if (!asJson) console.log(`run ${run} ${dir ?? 'dist/chrome-e2e'}: ${wall.toFixed(0)} ms, CPU ${cpuMs} ms ${JSON.stringify(cpuByKind)}`);
    const served = lab.served('/burst/item/');
    const waitFrom = performance.now();
    const stored = await waitFor(
      async () => {
        const count = await hook<number>(`storedCount('/burst/item/')`);
        // A build that stores nothing (an experiment measuring the listeners alone) is not waited for.
        if (count === 0 && (floorLabel.has(dir ?? '') || performance.now() - waitFrom > 5000)) throw new Error('nothing stored');
        return count >= served && (await hook<number>('pending()')) === 0 ? count : 0;
      },
      { timeout: 60000, interval: 10, what: 'all burst records in IndexedDB' },
    ).catch(() => hook<number>(`storedCount('/burst/item/')`));
    const allStoredMs = performance.now() - t0;
    if (prof) {
      const { profile: cpu } = (await prof.send('Profiler.stop')) as { profile: CpuProfile };
      await prof.detach();
      const { busyMs, top } = summariseProfile(cpu);
      console.log(`run ${run} worker profile: busy ${busyMs.toFixed(0)} ms (not idle), self time by function:`);
      for (const [k, ms] of top) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${k}`);
    }
    const timing = await hook<{
      lastEventAt: number;
      lastFlushAt: number;
      flushWorkMs: number;
      flushes: number;
      puts?: number;
      journalWrites?: number;
    }>('timing()');
    const stats = await hook<{
      events: number;
      medianMs: number;
      p99Ms: number;
      maxMs: number;
      meanMs: number;
      totalMs: number;
      perEvent: Record<string, number>;
      perEventMs: Record<string, number>;
    }>('stats()');
    const heapAfter = await workerHeap(chromium);
    await page.close();
    if (Number.isNaN(bareWall)) bareWall = bareWalls[bareWalls.length - 1] ?? NaN;
    results.push({
      run,
      build: floorLabel.get(dir ?? '') ?? dir ?? 'dist/chrome-e2e',
      floor: floorLabel.has(dir ?? ''),
      bareBurstWallMs: bareWall,
      ratio: wall / bareWall,
      n: N,
      served,
      recorded: stored,
      equal: served === stored,
      events: stats.events,
      perEventMeanMs: stats.meanMs,
      perEventMedianMs: stats.medianMs,
      perEventP99Ms: stats.p99Ms,
      perEventMaxMs: stats.maxMs,
      /** Mean listener time per event name (ms). */
      byEventMeanMs: Object.fromEntries(Object.entries(stats.perEventMs).map(([k, ms]) => [k, ms / Math.max(1, stats.perEvent[k] ?? 1)])),
      flushes: timing.flushes,
      /** IndexedDB puts of exchange records (structured clones) per record stored; journal (storage.session) writes. */
      putsPerRecord: (timing.puts ?? NaN) / Math.max(1, stored),
      journalWrites: timing.journalWrites ?? NaN,
      flushWorkMs: timing.flushWorkMs,
      /** Listener time plus the synchronous part of the batched writes, spread over all events. */
      perEventWithWritesMs: (stats.totalMs + timing.flushWorkMs) / Math.max(1, stats.events),
      /** Listener time plus the writes' synchronous part per request served (comparable between builds that listen to different events). */
      perRequestMs: (stats.totalMs + timing.flushWorkMs) / Math.max(1, served),
      burstWallMs: wall,
      /** CPU time of all the browser's processes over the burst, that of the extension's renderer, and the bare run's. */
      burstCpuMs: cpuMs,
      extensionCpuMs,
      bareCpuMs: bareCpus[bareCpus.length - 1] ?? NaN,
      navigationToAllStoredMs: allStoredMs,
      lastEventToLastFlushMs: Math.max(0, timing.lastFlushAt - timing.lastEventAt),
      heapBeforeMB: heapBefore.usedMB,
      heapAfterMB: heapAfter.usedMB,
    });
    await chromium.close();
  }

  const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN; // NaN for none
  if (asJson) console.log(JSON.stringify({ bareBurstWallMs: bareWalls, results }, null, 2));
  else {
    console.log(
      `Recorder benchmark: /burst?n=${N}, ${RUNS} runs, Chromium (dist/chrome-e2e: the shipped build plus the read-only test hook); bare bursts without extension ${bareWalls.map((w) => f(w, 0)).join(', ')} ms`,
    );
    console.log(
      'run  served recorded equal  events  mean ms  median ms  p99 ms  max ms  +writes ms (flushes)  burst ms  nav→all-in-IDB ms  last-event→flushed ms  heap MB before→after',
    );
    for (const r of results) {
      console.log(
        `${String(r.run).padEnd(4)} ${String(r.served).padStart(6)} ${String(r.recorded).padStart(8)} ${String(r.equal).padEnd(5)} ${String(r.events).padStart(7)}  ${f(r.perEventMeanMs, 4)}   ${f(r.perEventMedianMs)}     ${f(r.perEventP99Ms)}   ${f(r.perEventMaxMs, 1)}   ${f(r.perEventWithWritesMs, 4)} (${r.flushes})   ${f(r.burstWallMs, 0).padStart(6)}   ${f(r.navigationToAllStoredMs, 0).padStart(10)}          ${f(r.lastEventToLastFlushMs, 1).padStart(8)}             ${f(r.heapBeforeMB, 1)}→${f(r.heapAfterMB, 1)}`,
      );
    }
    for (const r of results)
      console.log(
        `run ${r.run} ${r.build}: burst ${f(r.burstWallMs, 0)} ms against ${f(r.bareBurstWallMs, 0)} ms bare: ${f(r.ratio, 2)}x; ${f(r.perEventMeanMs, 4)} ms per event, ${f(r.perEventWithWritesMs, 4)} with writes; ${f(r.putsPerRecord, 2)} puts per record, ${r.journalWrites} journal writes; CPU ${f(r.burstCpuMs, 0)} ms (extension renderer ${f(r.extensionCpuMs, 0)}) against ${f(r.bareCpuMs, 0)} bare: +${f(r.burstCpuMs - r.bareCpuMs, 0)} ms`,
      );
    for (const build of new Set(results.map((r) => r.build))) {
      const rs = results.filter((r) => r.build === build);
      console.log(
        `median of ${rs.length} (${build}): ratio ${f(median(rs.map((r) => r.ratio)), 2)}x (${f(Math.min(...rs.map((r) => r.ratio)), 2)}-${f(Math.max(...rs.map((r) => r.ratio)), 2)}), ${f(median(rs.map((r) => r.perEventMeanMs)), 4)} ms per event, ${f(median(rs.map((r) => r.perEventWithWritesMs)), 4)} with writes, ${f(median(rs.map((r) => r.perRequestMs)), 3)} ms per request; CPU +${f(median(rs.map((r) => r.burstCpuMs - r.bareCpuMs)), 0)} ms over bare (extension renderer ${f(median(rs.map((r) => r.extensionCpuMs)), 0)} ms)`,
      );
    }
    for (const r of results)
      console.log(
        `run ${r.run} mean ms by event: ${Object.entries(r.byEventMeanMs)
          .map(([k, v]) => `${k} ${v.toFixed(3)}`)
          .join(', ')}`,
      );
    console.log(
      'Note: performance.now() in a non-isolated service worker ticks in 100 µs steps, so median/p99 are quantised; the mean over all events is the precise figure.',
    );
  }
  if (results.some((r) => !r.equal && !r.floor)) process.exitCode = 1;
  if (floorRoot) rmSync(floorRoot, { recursive: true, force: true });
} finally {
  await lab.close();
}

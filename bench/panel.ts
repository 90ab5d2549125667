/**
 * Panel benchmark in real Chromium with 10,000 records:
 *   - time from HAR import (10,000 synthetic entries, bench/har-gen.ts) to the first rows, and to the first explained rows;
 *   - time to open the panel page until it is interactive (empty recording);
 *   - time per filter keystroke (goal < 50 ms), the first "explain everything" filter, scroll frame time;
 *   - the panel page's JS heap;
 *   - the panel's JS size gzipped (initial load vs. the lazily loaded engine chunk), from the built dist.
 * Run: npx tsx bench/panel.ts [--dist <unpacked extension dir>]   (default: dist/chrome, built if missing)
 */
import { mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join, dirname, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateHar } from './har-gen';
import { readHar } from '../src/core/har';
import { ensureBuilt, launchChromium, REPO_ROOT, tabIdOf } from '../tests/e2e/helpers/browser';

const distArg = process.argv.indexOf('--dist');
const dist = distArg > 0 ? process.argv[distArg + 1] : ensureBuilt();
const N = 10_000;

// ---------------------------------------------------------------- bundle size
function chunkImports(file: string): { statics: string[]; dynamics: string[] } {
  const src = readFileSync(file, 'utf8');
  const rel = (p: string) => posix.join(posix.dirname(file), p);
  const statics = [...src.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)].map((m) => rel(m[1]));
  const dynamics = [...src.matchAll(/import\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g)].map((m) => rel(m[1]));
  return { statics, dynamics };
}

function bundleSizes() {
  const html = readFileSync(join(dist, 'src/panel/index.html'), 'utf8');
  const entries = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => join(dist, m[1]));
  const initial = new Set<string>();
  const lazy = new Set<string>();
  const walk = (f: string, set: Set<string>) => {
    if (initial.has(f) || set.has(f)) return;
    set.add(f);
    const { statics, dynamics } = chunkImports(f);
    for (const s of statics) walk(s, set);
    for (const d of dynamics) walk(d, lazy);
  };
  for (const e of entries) walk(e, initial);
  for (const f of initial) lazy.delete(f);
  const gz = (files: Set<string>) => [...files].reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  const css = readdirSync(join(dist, 'assets')).filter((f) => f.startsWith('panel') && f.endsWith('.css'));
  return {
    initialFiles: [...initial].map((f) => f.slice(dist.length + 1)),
    initialGzKB: gz(initial) / 1024,
    lazyFiles: [...lazy].map((f) => f.slice(dist.length + 1)),
    lazyGzKB: gz(lazy) / 1024,
    cssGzKB: css.reduce((n, f) => n + gzipSync(readFileSync(join(dist, 'assets', f)), { level: 9 }).length, 0) / 1024,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

async function main() {
  const sizes = bundleSizes();
  const harFile = join(REPO_ROOT, '.tmp', 'bench-panel-10k.har');
  mkdirSync(dirname(harFile), { recursive: true });
  writeFileSync(harFile, JSON.stringify(generateHar(N, 42)));

  const chromium = await launchChromium({ extensionPath: dist });
  try {
    const blank = await chromium.context.newPage();
    await blank.goto('about:blank#cache-lens-bench');
    const tabId = await tabIdOf(chromium.serviceWorker, blank);
    const panel = await chromium.context.newPage();
    await panel.setViewportSize({ width: 1280, height: 800 });

    const tOpen = Date.now();
    await panel.goto(`chrome-extension://${chromium.extensionId}/src/panel/index.html?tabId=${tabId}`);
    await panel.getByText('No requests recorded yet').waitFor();
    const openMs = Date.now() - tOpen;
    // wait for the engine chunk, so the import below measures rendering, not the download
    // (resource timing does not list chrome-extension:// module loads, so just give it a second)
    await panel.waitForTimeout(1000);
    // tsx (esbuild keepNames) wraps named functions in __name(); define it in the page for the evaluated code
    await panel.evaluate('window.__name = (f) => f');

    // ------------------------------------------------ import -> first rows
    await panel.evaluate(() => {
      const w = window as unknown as Record<string, number>;
      w.__t0 = 0;
      w.__firstRow = 0;
      w.__firstExplained = 0;
      const grid = () => document.querySelector('.request-list');
      const obs = new MutationObserver(() => {
        if (!w.__t0) return;
        const row = grid()?.querySelector('.row.exchange');
        if (row && !w.__firstRow) w.__firstRow = performance.now();
        const fresh = row?.children[6]?.textContent;
        if (row && fresh && !w.__firstExplained) {
          w.__firstExplained = performance.now();
          obs.disconnect();
        }
      });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      document.querySelector('input[type=file]')!.addEventListener('change', () => (w.__t0 = performance.now()), { capture: true });
    });
    await panel.setInputFiles('input[type=file]', harFile);
    await panel.waitForFunction(() => (window as unknown as Record<string, number>).__firstExplained > 0, null, { timeout: 60000 });
    const importTimes = await panel.evaluate(() => {
      const w = window as unknown as Record<string, number>;
      return { firstRow: w.__firstRow - w.__t0, firstExplained: w.__firstExplained - w.__t0 };
    });
    const harPhases = await panel.evaluate(() => {
      const w = window as unknown as Record<string, number>;
      const mark = (n: string) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
      return { readFile: mark('cache-lens:har-text') - w.__t0, parseHar: mark('cache-lens:har-parsed') - mark('cache-lens:har-text'), render: w.__firstRow - mark('cache-lens:har-parsed') };
    });
    const rowCount = await panel.locator('.row.exchange').count();
    const total = await panel.locator('.count').innerText();

    // ------------------------------------------------ filter keystrokes
    const typed = await panel.evaluate(async (query: string) => {
      const input = document.querySelector('input[type=search]') as HTMLInputElement;
      const times: number[] = [];
      for (const phase of ['type', 'erase']) {
        const steps = phase === 'type' ? [...query].map((_, i) => query.slice(0, i + 1)) : [...query].map((_, i) => query.slice(0, query.length - 1 - i));
        for (const value of steps) {
          const t0 = performance.now();
          input.value = value;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((r) => setTimeout(r, 0)); // Preact renders in a microtask; this waits for it
          void document.body.offsetHeight; // style + layout of the new rows
          times.push(performance.now() - t0);
          await new Promise((r) => requestAnimationFrame(() => r(null)));
        }
      }
      return times;
    }, 'static.js');

    // ------------------------------------------------ scrolling: wheel-like (3 rows per frame) and random jumps
    await panel.evaluate(() => {
      const input = document.querySelector('input[type=search]') as HTMLInputElement;
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const scroll = await panel.evaluate(async () => {
      const grid = document.querySelector('.request-list') as HTMLElement;
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      const wheel: number[] = [];
      let last = await frame();
      for (let i = 0; i < 240; i++) {
        grid.scrollTop += 60;
        const t = await frame();
        wheel.push(t - last);
        last = t;
      }
      const jumps: number[] = [];
      last = await frame();
      for (let i = 0; i < 60; i++) {
        grid.scrollTop = ((i * 7919) % 60) * (grid.scrollHeight / 60);
        const t = await frame();
        jumps.push(t - last);
        last = t;
      }
      return { wheel, jumps };
    });

    // ------------------------------------------------ a 10,000-record snapshot, as the background sends it (test hook)
    const records = readHar(readFileSync(harFile, 'utf8')).records;
    const snap = await panel.evaluate(async (exchanges) => {
      const hook = (window as unknown as { __cacheLensPanel?: { receive(m: unknown): void } }).__cacheLensPanel;
      if (!hook) return null;
      hook.receive({ type: 'bg>panel:cleared', v: 1, tabId: -1 });
      await new Promise((r) => setTimeout(r, 50));
      const t0 = performance.now();
      const tab = new URLSearchParams(location.search).get('tabId');
      hook.receive({ type: 'bg>panel:snapshot', v: 1, tabId: Number(tab), pages: [], exchanges, retention: { droppedForTab: 0, droppedTotal: 0, maxPerTab: 10000, maxTotal: 50000 }, hasHostAccess: true, preserveLog: true });
      const t1 = performance.now();
      await new Promise((r) => setTimeout(r, 0));
      void document.body.offsetHeight;
      const t2 = performance.now();
      return { receiveMs: t1 - t0, toFirstRowsMs: t2 - t0, rows: document.querySelectorAll('.row.exchange').length };
    }, records);

    const cdp = await chromium.context.newCDPSession(panel);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((m: { name: string }) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1048576;
    };
    await cdp.send('Performance.enable');
    const heapAfterImport = await heap();

    // ------------------------------------------------ a filter that needs every explanation (severity)
    const t0 = Date.now();
    await panel.getByLabel('Findings severity').selectOption('warning');
    await panel.locator('.count').filter({ hasNotText: `${N} / ${N}` }).waitFor({ timeout: 60000 });
    const explainAllMs = Date.now() - t0;
    const tSecond = Date.now();
    await panel.getByLabel('Findings severity').selectOption('error');
    await panel.waitForTimeout(0);
    const secondSeverityMs = Date.now() - tSecond;
    await cdp.send('HeapProfiler.collectGarbage');
    const heapAllExplained = await heap();

    // ------------------------------------------------ DevTools' search box over every row (the hook onSearch reaches)
    await panel.getByLabel('Findings severity').selectOption('');
    const search = await panel.evaluate(async () => {
      const hook = (window as unknown as { __cacheLensSearch(action: string, q?: string): void }).__cacheLensSearch;
      const frame = () => new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
      await frame();
      const t0 = performance.now();
      hook('performSearch', 'max-age');
      const t1 = performance.now();
      const t2 = await frame();
      const status = document.querySelector('.search-status')?.textContent ?? '';
      const t3 = performance.now();
      hook('nextSearchResult');
      const t4 = await frame();
      hook('cancelSearch');
      return { performMs: t1 - t0, performToPaintMs: t2 - t0, nextToPaintMs: t4 - t3, status };
    });

    const report = {
      records: N,
      panelOpenToEmptyStateMs: openMs,
      snapshotToFirstRowsMs: snap ? +snap.toFirstRowsMs.toFixed(1) : 'no test hook (use an e2e build)',
      snapshotStoreReceiveMs: snap ? +snap.receiveMs.toFixed(1) : null,
      importToFirstRowsMs: Math.round(importTimes.firstRow),
      importPhasesMs: { readFile: Math.round(harPhases.readFile), parseHar: Math.round(harPhases.parseHar), storeAndRender: Math.round(harPhases.render) },
      importToFirstExplainedRowsMs: Math.round(importTimes.firstExplained),
      rowsInDom: rowCount,
      countLabel: total,
      filterKeystrokeMs: { median: +median(typed).toFixed(1), p95: +p95(typed).toFixed(1), max: +Math.max(...typed).toFixed(1), n: typed.length },
      scrollFrameIntervalMs: {
        wheel3RowsPerFrame: { median: +median(scroll.wheel).toFixed(1), p95: +p95(scroll.wheel).toFixed(1) },
        randomJumps: { median: +median(scroll.jumps).toFixed(1), p95: +p95(scroll.jumps).toFixed(1) },
      },
      severityFilterFirstTimeMs: explainAllMs,
      severityFilterAgainMs: secondSeverityMs,
      devtoolsSearch: { performMs: +search.performMs.toFixed(1), performToPaintMs: +search.performToPaintMs.toFixed(1), nextToPaintMs: +search.nextToPaintMs.toFixed(1), status: search.status },
      jsHeapMB: { afterImport: +heapAfterImport.toFixed(1), allExplained: +heapAllExplained.toFixed(1) },
      bundle: {
        initialJsGzKB: +sizes.initialGzKB.toFixed(1),
        engineChunkGzKB: +sizes.lazyGzKB.toFixed(1),
        cssGzKB: +sizes.cssGzKB.toFixed(1),
        initialFiles: sizes.initialFiles,
        lazyFiles: sizes.lazyFiles,
      },
      goals: { firstRowsUnder300ms: snap ? snap.toFirstRowsMs < 300 : importTimes.firstRow < 300, keystrokeUnder50ms: median(typed) < 50, initialJsUnder60KB: sizes.initialGzKB <= 60 },
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await chromium.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * Benchmark (not a test): a response with N Set-Cookie lines in the real panel page, real Chromium, e2e build.
 *   npx tsx src/panel/bench/cookies.ts [--dist dist/chrome-e2e] [--n 3000,10000]
 * For each N: the time from the click on the Cookies tab to the first cookie row painted, from the click on
 * "Hide values" to the masked rows painted, from the click on the Headers tab to its first rows, the DOM size, and
 * the longest main-thread task (PerformanceObserver 'longtask') in each step. Writes artifacts/panel-cookies-bench.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROME_E2E_DIST, ensureBuilt, launchChromium, REPO_ROOT, tabIdOf } from '../../../tests/e2e/helpers/browser';
import type { ExchangeRecord } from '../../core/types';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dist = arg('--dist') ?? ensureBuilt(CHROME_E2E_DIST);
const SIZES = (arg('--n') ?? '3000,10000').split(',').map(Number);

function bigRecord(n: number, tabId: number): ExchangeRecord {
  const now = Date.now();
  const setCookies = Array.from({ length: n }, (_, i) => ({
    name: 'Set-Cookie',
    value: i % 50 === 0 ? `_ga_${i}=GA1.1.${i}.${now}; Path=/; Max-Age=3600; SameSite=None; Secure` : `c${i}=value-${i}-${'x'.repeat(i % 40)}; Path=/; Max-Age=${60 + i}`,
  }));
  return {
    id: `big-${n}`,
    tabId,
    pageId: 'bench',
    url: `https://example.com/many-cookies-${n}`,
    method: 'GET',
    status: 200,
    requestHeaders: [{ name: 'Cookie', value: Array.from({ length: 50 }, (_, i) => `s${i}=v${i}`).join('; ') }],
    responseHeaders: [{ name: 'Date', value: new Date(now).toUTCString() }, { name: 'Cache-Control', value: 'no-store' }, ...setCookies],
    requestTimeMs: now - 200,
    responseTimeMs: now - 100,
    source: 'network',
    resourceType: 'main_frame',
  } as ExchangeRecord;
}

async function main() {
  const chromium = await launchChromium({ extensionPath: dist });
  const results: Record<string, unknown>[] = [];
  try {
    const blank = await chromium.context.newPage();
    await blank.goto('about:blank#cookies-bench');
    const tabId = await tabIdOf(chromium.serviceWorker, blank);
    for (const n of SIZES) {
      const panel = await chromium.context.newPage();
      await panel.setViewportSize({ width: 1280, height: 800 });
      await panel.goto(`chrome-extension://${chromium.extensionId}/src/panel/index.html?tabId=${tabId}`);
      await panel.evaluate('window.__name = (f) => f');
      await panel.waitForFunction(() => (window as unknown as { __cacheLensPanel?: { store: { engineReady: { value: boolean } } } }).__cacheLensPanel?.store.engineReady.value);
      const record = bigRecord(n, tabId);
      await panel.evaluate(
        ({ record, tabId }) => {
          const hook = (window as unknown as { __cacheLensPanel: { receive(m: unknown): void; store: { select(id: string): void } } }).__cacheLensPanel;
          hook.receive({ type: 'bg>panel:snapshot', v: 1, tabId, pages: [], exchanges: [record], retention: { droppedForTab: 0, droppedTotal: 0, maxPerTab: 10000, maxTotal: 50000 }, hasHostAccess: true, preserveLog: false });
          hook.store.select(record.id);
          const w = window as unknown as { __long: number[] };
          w.__long = [];
          new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: 'longtask', buffered: false });
        },
        { record, tabId },
      );
      await panel.locator('.tab-panel').waitFor();
      await panel.waitForTimeout(1500);

      /** Click, then wait for `done` and two animation frames (painted); the longest task in between. */
      const step = async (click: string, done: string) =>
        panel.evaluate(
          async ({ click, done }) => {
            const w = window as unknown as { __long: number[] };
            w.__long = [];
            const t0 = performance.now();
            (document.querySelector(click) as HTMLElement).click();
            await new Promise<void>((resolve) => {
              // no eval under the panel's CSP: the conditions are named here
              const q = (sel: string) => document.querySelector(sel);
              const conditions: Record<string, () => unknown> = {
                cookies: () => q('.vlist .vrow, .cookie-card'),
                masked: () => q('.vlist .vrow .value')?.textContent?.includes('•'),
                headers: () => q('#panel-headers .vlist .vrow'),
                unmasked: () => !q('#panel-headers .vlist .vrow')?.textContent?.includes('•'),
              };
              const check = () => (conditions[done]() ? resolve() : requestAnimationFrame(check));
              check();
            });
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            const ms = performance.now() - t0;
            await new Promise((r) => setTimeout(r, 50));
            return { ms: Math.round(ms), longestTaskMs: Math.round(Math.max(0, ...w.__long)), domNodes: document.getElementsByTagName('*').length };
          },
          { click, done },
        );
      const cookiesTab = await step('#tab-cookies', 'cookies');
      const hide = await step('input[name=hide-values]', 'masked');
      const headersTab = await step('#tab-headers', 'headers');
      const unhide = await step('input[name=hide-values]', 'unmasked');
      results.push({ n, cookiesTab, hide, headersTab, unhide });
      await panel.close();
    }
  } finally {
    await chromium.close();
  }
  console.log(JSON.stringify(results, null, 2));
  mkdirSync(join(REPO_ROOT, 'artifacts'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'artifacts/panel-cookies-bench.json'), JSON.stringify(results, null, 2));
}

void main();

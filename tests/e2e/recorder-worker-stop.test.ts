/**
 * No loss at worker stops: a 3,000-request burst with the extension's service worker stopped three times
 * (ServiceWorker.stopAllWorkers) at even points. The page's own CDP Network events are the ground truth of what was
 * requested and finished; the e2e build's delivery trace (E2E_TRACE_KEY) says which events reached a worker. The
 * issue's numbers, DevTools closed: 0 records missing, at most 1 without its response among the requests whose
 * completion reached a worker; the rest must be requests CDP saw finish whose onCompleted no worker ever got (Chrome
 * dropped it), and those are marked and counted for the panel.
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
    const traceLog = new Map<string, string[]>();
    const listen = (w: Worker) =>
      w.on('console', (m) => {
        const [tag, event, , p, startedMs, state] = m.text().split(' ');
        if (tag !== 'cl-trace') return;
        let log = traceLog.get(p);
        if (!log) traceLog.set(p, (log = []));
        log.push(`${event}@${startedMs}:${state}`);
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
    // Which events reached a worker (the trace) beside what the page's network log says happened (CDP).
    const reached = (p: string, event: string) => received.get(p)?.has(event) ?? false;
    const completionReached = noResponse.filter((r) => reached(path(r), 'completed'));
    const notDelivered = noResponse.filter((r) => !reached(path(r), 'completed'));
    const finishedPaths = new Set([...finished].map((id) => requested.get(id)).filter(Boolean));
    console.log(
      `without response: ${noResponse.length}; completion reached a worker: ${completionReached.length}; never delivered: ${notDelivered.length} ` +
        `(of which CDP saw finish: ${notDelivered.filter((r) => finishedPaths.has(path(r))).length}); traced ${received.size} paths`,
    );
    for (const r of completionReached.slice(0, 8)) console.log('reached, not stored:', path(r), JSON.stringify({ status: r.status, end: r.endTimeMs }), traceLog.get(path(r))?.join(' '));
    expect(wanted.size).toBe(N);
    // Nothing is missing: every request the page made has its record (the first number).
    expect(missing).toEqual([]);
    expect(stored.length).toBe(N);
    // At most one record without its response among the requests whose completion reached a worker.
    expect(completionReached.length).toBeLessThanOrEqual(1);
    // The rest are Chrome's: the page's network log saw them finish, yet no worker instance got onCompleted.
    expect(notDelivered.every((r) => finishedPaths.has(path(r)))).toBe(true);
    // The restart sweep marks exactly those, so none stays "in flight" and no complete one is marked, and the count
    // of requests that may be incomplete is kept for the panel ("n requests may be incomplete").
    const marked = await worker.evaluate(() => (globalThis as any).__cacheLens.markInterrupted());
    const after = (await readStoredRecords(worker, tabId)).filter((r) => path(r).startsWith('/burst/item/'));
    const lost = after.filter((r) => r.error?.startsWith('cache-lens: response events lost'));
    expect(lost.map(path).sort()).toEqual(noResponse.map(path).sort());
    expect(marked).toBe(noResponse.length);
    expect(after.filter((r) => !r.endTimeMs && !r.error)).toEqual([]);
    await page.close();
  });
});

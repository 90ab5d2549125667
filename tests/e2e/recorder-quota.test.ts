/**
 * A full disk: the extension's origin gets 1 MB of room over CDP (Storage.overrideQuotaForOrigin), then a burst far
 * larger than that. The store must meet the QuotaExceededError by dropping its oldest records and writing again, keep
 * recording to the end of the burst, and the panel must say so.
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/recorder-quota.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../lab/server';
import {
  flushRecords,
  launchChromium,
  openPanelPage,
  readStoredRecords,
  tabIdOf,
  waitFor,
  type LaunchedChromium,
  closeStarted,
  type HookGlobal,
} from './helpers/browser';

let lab: Lab;
let chromium: LaunchedChromium;

/**
 * Room for the database beyond what the origin already uses (the worker's own script cache is ~320 KB). 1 MB, not the
 * issue's 400 KB: at 400 KB LevelDB's own transient files (log, compaction output) decide more refusals than the
 * records do, and runs differed too much to assert anything.
 */
const ROOM = 1024 * 1024;
const N = 3000;
/** Fetches the burst page keeps in flight (its default `c`): how far request order may stray from item order. */
const IN_FLIGHT = 256;

/** A worker read that must answer: bounded so that one which never does fails here, saying which, not at vitest's limit. */
async function answered<T>(what: string, read: Promise<T>, ms = 30000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer from the worker in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Was opt-in until 26 Nov: 14 of 15 runs passed, the failure a hang after the burst. Cause: near the quota several
 * ExchangeStore.flush() calls ran at once (callers waiting on the flush under way all passed its lock, an `await` sat
 * between the wait and the claim), so `pending` said 0 while hundreds of IndexedDB transactions were still queued in
 * the browser, and reading the stored records waited behind them for over a minute (measured 63 s). Fixed in
 * store.ts (unit test "runs one flush at a time"); docs/recorder.md, Quota.
 */
describe('storage quota', () => {
  beforeAll(async () => {
    lab = await startLab({ quiet: true });
    chromium = await launchChromium();
  });

  afterAll(async () => {
    await closeStarted(chromium, lab);
  });

  it('keeps recording through quota errors, oldest dropped first, and the panel says so', async () => {
    // Storage.* acts on the storage partition of the session's page target (the browser target answers "Internal error").
    const cdp = await chromium.cdp();
    const origin = `chrome-extension://${chromium.extensionId}`;
    const before = (await cdp.send('Storage.getUsageAndQuota', { origin })) as { usage: number };
    const QUOTA = before.usage + ROOM;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: QUOTA });
    const worker = chromium.serviceWorker;
    const health = () =>
      answered(
        'storageHealth',
        worker.evaluate(() => (globalThis as HookGlobal).__cacheLens.storageHealth()),
      );
    const stored = (tabId: number) => answered('readStoredRecords', readStoredRecords(worker, tabId));
    /** Flushes, then says whether nothing is left to write (`pending` counts what the browser has not committed). */
    const settled = async () => {
      await answered('flush', flushRecords(worker));
      return (
        (await answered(
          'pending',
          worker.evaluate(() => (globalThis as HookGlobal).__cacheLens.pending()),
        )) === 0
      );
    };

    const page = await chromium.context.newPage();
    await page.goto(`${lab.httpOrigin}/?quota-target`);
    const tabId = await tabIdOf(worker, page);
    const panel = await openPanelPage(chromium.context, chromium.extensionId, tabId);
    lab.resetCounts();
    await page.goto(`${lab.httpOrigin}/burst?n=${N}&c=${IN_FLIGHT}&quota`);
    await waitFor(async () => (await page.textContent('#burst-status'))?.startsWith('done'), { what: 'burst finished', timeout: 60000 });
    expect(lab.served('/burst/item/')).toBe(N);

    // The quota was hit (the test is about nothing otherwise), and the backlog empties: written or dropped oldest first.
    await waitFor(async () => ((await health())?.quotaErrors ?? 0) > 0, { what: 'a quota refusal' });
    await waitFor(settled, { what: 'the write queue empty', timeout: 20000 });
    const h = await health();
    if (!h) throw new Error('the store is not open');
    const burst = (await stored(tabId)).filter((r) => r.url.includes('/burst/item/'));
    const kept = burst.map((r) => Number(r.url.slice(r.url.lastIndexOf('/') + 1))).sort((a, b) => a - b);
    console.log(`quota: ${JSON.stringify(h)}; burst records stored ${kept.length} of ${N}, oldest kept item ${kept[0]}`);
    // Space was made by dropping records, and the database is held to what fitted.
    expect(h.trimmedForQuota).toBeGreaterThan(0);
    expect(h.quotaCap).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(h.quotaCap!);
    // Oldest first: what is kept is the newest of the burst. Items are requested in order, IN_FLIGHT at a time, so a
    // kept item is among the newest `kept + IN_FLIGHT`. (Nothing kept at all is allowed: the cap may be below what the
    // pages loaded around the burst hold.)
    for (const i of kept) expect(i).toBeGreaterThanOrEqual(N - kept.length - IN_FLIGHT);

    // Recording goes on after the refusals: a page loaded now reaches IndexedDB whole.
    const after = await chromium.context.newPage();
    await after.goto(`${lab.httpOrigin}/cookies/set-several?after-quota`);
    const afterTab = await tabIdOf(worker, after);
    const late = await waitFor(
      async () => ((await settled()) ? (await stored(afterTab)).find((r) => r.url.endsWith('?after-quota') && r.endTimeMs) : undefined),
      { what: 'a page loaded after the quota refusals, in IndexedDB', timeout: 30000 },
    );
    expect(late.responseHeaders.filter((hd) => hd.name.toLowerCase() === 'set-cookie')).toHaveLength(5);
    const usage = (await cdp.send('Storage.getUsageAndQuota', { origin })) as { usage: number; quota: number };
    expect(usage.quota).toBe(QUOTA);
    await after.close();

    // The panel, open on the tab throughout, says the storage is full, how many were dropped and about how many are kept.
    const line = panel.locator('[data-storage="quota"]');
    const said = await waitFor(
      async () =>
        ((await line.count()) > 0 ? await line.textContent() : null)?.match(
          /storage for Cache Lens is full: the oldest (\d+) recorded requests were dropped to keep recording \(about (\d+) are kept\)/,
        ),
      { what: "the panel's storage line, with both figures" },
    );
    const [dropped, keptSaid] = [Number(said[1]), Number(said[2])];
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThanOrEqual((await health())!.trimmedForQuota);
    expect(keptSaid).toBeGreaterThan(0);
    expect(keptSaid).toBeLessThan(N);
    await panel.close();
    await page.close();
  });
});

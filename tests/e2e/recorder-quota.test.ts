/**
 * A full disk: the extension's origin gets 400 KB of room over CDP (Storage.overrideQuotaForOrigin), then a burst far
 * larger than that. The store must meet the QuotaExceededError by dropping its oldest records and writing again, keep
 * recording to the end of the burst, and the panel must say so.
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/recorder-quota.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../lab/server';
import { flushRecords, launchChromium, openPanelPage, readStoredRecords, tabIdOf, waitFor, type LaunchedChromium } from './helpers/browser';

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

/** Room for the database: 400 KB beyond what the origin already uses (the worker's own script cache is ~320 KB). */
const ROOM = 400 * 1024;
const N = 3000;

describe('storage quota', () => {
  it('keeps recording through quota errors, oldest dropped first, and the panel says so', async () => {
    // Storage.* acts on the storage partition of the session's page target (the browser target answers "Internal error").
    const cdp = await chromium.cdp();
    const origin = `chrome-extension://${chromium.extensionId}`;
    const before = (await cdp.send('Storage.getUsageAndQuota', { origin })) as { usage: number };
    const QUOTA = before.usage + ROOM;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: QUOTA });
    const worker = chromium.serviceWorker;
    const health = () => worker.evaluate(() => (globalThis as any).__cacheLens.storageHealth());

    const page = await chromium.context.newPage();
    await page.goto(`${lab.httpOrigin}/?quota-target`);
    const tabId = await tabIdOf(worker, page);
    const panel = await openPanelPage(chromium.context, chromium.extensionId, tabId);
    lab.resetCounts();
    await page.goto(`${lab.httpOrigin}/burst?n=${N}&quota`);
    await waitFor(async () => (await page.textContent('#burst-status'))?.startsWith('done'), { what: 'burst finished', timeout: 60000 });
    expect(lab.served('/burst/item/')).toBe(N);
    console.log('burst done', await page.textContent('#burst-status'), JSON.stringify(await health()));

    // The quota was hit (the test is about nothing otherwise)...
    await waitFor(async () => (await health())?.quotaErrors > 0, { what: 'a quota refusal' });
    // ...and the writes went on: everything queued reaches IndexedDB, the backlog empties.
    await waitFor(
      async () => {
        await Promise.race([flushRecords(worker), new Promise((r) => setTimeout(r, 2000))]);
        return (await worker.evaluate(() => (globalThis as any).__cacheLens.pending())) === 0;
      },
      { what: 'the write queue empty', timeout: 20000 },
    );
    const stored = (await readStoredRecords(worker, tabId)).filter((r) => r.url.includes('/burst/item/'));
    const index = (url: string) => Number(new URL(url).pathname.split('/').pop());
    const kept = new Set(stored.map((r) => index(r.url)));
    // The last requests of the burst, long after the first refusal, are stored complete: recording never stopped.
    for (let i = N - 5; i < N; i++) expect(kept.has(i), `burst item ${i} stored`).toBe(true);
    // Nothing stored looks unfinished: a record whose final version had to go took its earlier version with it.
    expect(stored.filter((r) => !(r.status === 200 && r.endTimeMs)).map((r) => r.url)).toEqual([]);
    // Oldest first: the earliest items made way.
    expect(kept.has(0)).toBe(false);
    const h = await health();
    console.log(`quota: ${JSON.stringify(h)}, stored ${stored.length} of ${N}`);
    expect(h.trimmedForQuota).toBeGreaterThan(0);
    expect(stored.length).toBeGreaterThanOrEqual(5);
    const usage = (await cdp.send('Storage.getUsageAndQuota', { origin })) as { usage: number; quota: number };
    expect(usage.quota).toBe(QUOTA);

    // The panel, open on the tab throughout, says the storage is full and what is kept.
    await waitFor(async () => (await panel.locator('[data-storage="quota"]').count()) > 0, { what: 'the panel\'s storage line' });
    expect(await panel.locator('[data-storage="quota"]').textContent()).toMatch(/storage for Cache Lens is full: the oldest \d+ recorded requests were dropped/);
    await panel.close();
    await page.close();
  });
});

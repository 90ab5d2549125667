/**
 * Never invent (issue 10): no phantom rows from DevTools' own refetches, and a request that completes after a worker
 * restart is not left marked "response events lost".
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/recorder-never-invent.test.ts
 */
import { chromium as pwChromium, type Worker } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../src/core/types';
import { startLab, type Lab } from '../lab/server';
import {
  CHROME_E2E_DIST,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  flushRecords,
  launchChromium,
  openPanelPage,
  readRecords,
  readStoredRecords,
  tabIdOf,
  waitFor,
  type LaunchedChromium,
  closeStarted,
  type HookGlobal,
} from './helpers/browser';

let lab: Lab;
let chromium: LaunchedChromium;

beforeAll(async () => {
  lab = await startLab({ quiet: true });
  chromium = await launchChromium();
});

afterAll(async () => {
  await closeStarted(chromium, lab);
});

const refetches = async () =>
  (await chromium.currentServiceWorker()).evaluate(() => (globalThis as HookGlobal).__cacheLens.devtoolsRefetches());

describe("DevTools refetches are not the page's", () => {
  for (const scheme of ['https', 'http'] as const) {
    it(`${scheme}: CSS.enable / Page.getResourceContent refetch the document; no row for it`, async () => {
      const page = await chromium.context.newPage();
      const url = `${scheme === 'https' ? lab.httpsOrigin : lab.httpOrigin}/cache/max-age?never-invent=${scheme}`;
      await page.goto(url);
      const tabId = await tabIdOf(chromium.serviceWorker, page);
      const sw = await chromium.currentServiceWorker();
      await waitFor(async () => (await readRecords(sw, tabId)).some((r) => r.url === url && r.endTimeMs), {
        what: 'the document recorded',
      });
      const before = await refetches();
      // What DevTools does when it opens the Elements/Sources panels (Blink's InspectorResourceContentLoader).
      const cdp = await chromium.context.newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { frameTree } = await cdp.send('Page.getResourceTree');
      await cdp.send('Page.getResourceContent', { frameId: frameTree.frame.id, url }).catch(() => {});
      // The refetch reached the recorder (it was seen and recognised), and made no record.
      await waitFor(async () => (await refetches()) > before, { what: 'the refetch seen by the recorder' });
      await flushRecords(sw);
      const forDoc = (await readRecords(sw, tabId)).filter((r: ExchangeRecord) => r.url === url);
      expect(forDoc.map((r) => r.resourceType)).toEqual(['main_frame']);
      const [doc] = forDoc;
      if (!doc) throw new Error(`no record of ${url}`);
      expect(doc.error).toBeUndefined();
      expect((await readRecords(sw, tabId)).filter((r) => r.resourceType === 'other')).toEqual([]);
      await cdp.detach();
      await page.close();
    });
  }
});

describe('a request that completes after a worker restart', () => {
  it('is not left marked "response events lost" by the restart sweep', async () => {
    const page = await chromium.context.newPage();
    const key = `k${Date.now()}`;
    await page.goto(`${lab.httpOrigin}/recorder/held?key=${key}`);
    const tabId = await tabIdOf(chromium.serviceWorker, page);
    const isHeld = (r: ExchangeRecord) => r.url.includes(`/recorder/held-item?key=${key}`);
    // The request is under way (the lab holds its answer) and its record is in IndexedDB.
    await waitFor(() => lab.served('/recorder/held-item') > 0, { what: 'the held request at the lab' });
    await waitFor(async () => (await readStoredRecords(await chromium.currentServiceWorker(), tabId)).some(isHeld), {
      what: 'the held record stored',
    });
    const startedMs = (w: Worker) => w.evaluate(() => (globalThis as HookGlobal).__cacheLens.workerStartedMs());
    const first = await startedMs(await chromium.currentServiceWorker());
    await (await chromium.cdp()).send('ServiceWorker.stopAllWorkers');
    // Wake a new worker (any network event does) and run its restart sweep now, before the response comes.
    const other = await chromium.context.newPage();
    await other.goto(`${lab.httpOrigin}/?wake=${key}`);
    const sw = await waitFor(
      async () => {
        const w = await chromium.currentServiceWorker();
        return (await startedMs(w).catch(() => first)) !== first ? w : null;
      },
      { what: 'a new worker' },
    );
    await sw.evaluate(() => (globalThis as HookGlobal).__cacheLens.markInterrupted());
    const marked = (await readStoredRecords(sw, tabId)).find(isHeld);
    expect(marked?.error).toMatch(/response events lost/);
    // The panel says so ("1 request may be missing"), and, DevTools being closed, that memory-cache hits are unseen.
    const panel = await openPanelPage(chromium.context, chromium.extensionId, tabId);
    await expect
      .poll(() => panel.locator('[data-recording="lost"]').textContent(), { timeout: 10000 })
      .toMatch(/^1 request may be missing/);
    expect(await panel.locator('[data-recording="memory-cache"]').count()).toBe(1);
    // Now the response comes: the completion reaches the new worker and clears the mark.
    await other.goto(`${lab.httpOrigin}/recorder/release?key=${key}`);
    await waitFor(async () => (await page.textContent('#held-status'))?.startsWith('done'), { what: 'the held fetch done' });
    const done = await waitFor(
      async () => {
        const w = await chromium.currentServiceWorker();
        await flushRecords(w);
        return (await readStoredRecords(w, tabId)).find((r) => isHeld(r) && r.endTimeMs);
      },
      { what: 'the completed record' },
    );
    expect(done.status).toBe(200);
    expect(done.error).toBeUndefined();
    // ...and the panel no longer counts it.
    await expect.poll(() => panel.locator('[data-recording="lost"]').count(), { timeout: 10000 }).toBe(0);
    await panel.close();
    await other.close();
    await page.close();
  });
});

describe('a page loaded before recording began', () => {
  it('is said to predate the recording, with a reload that records it', async () => {
    // The extension installed while the page is open: a browser without it, then Extensions.loadUnpacked (needs
    // --enable-unsafe-extension-debugging, and Playwright's default --disable-extensions left out).
    const ctx = await pwChromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cache-lens-predates-')), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, '--enable-unsafe-extension-debugging'],
      ignoreDefaultArgs: ['--disable-extensions'],
    });
    try {
      const page = await ctx.newPage();
      const url = `${lab.httpOrigin}/cache/etag?predates=${Date.now()}`;
      await page.goto(url);
      const installed = ctx.waitForEvent('serviceworker', { timeout: 20000 });
      const { id } = (await (
        await ctx.browser()!.newBrowserCDPSession()
      ).send('Extensions.loadUnpacked' as any, { path: CHROME_E2E_DIST })) as { id: string };
      const sw = await installed;
      await sw.evaluate(() => (globalThis as HookGlobal).__cacheLens.ready());
      const tabId = await tabIdOf(sw, page);
      const panel = await openPanelPage(ctx, id, tabId);
      const notice = panel.locator('[data-recording="predates"]');
      await expect.poll(() => notice.count(), { timeout: 10000 }).toBe(1);
      expect(await readRecords(sw, tabId)).toEqual([]);
      await notice.locator('button').click();
      // The reload is recorded, and the notice goes.
      await waitFor(async () => (await readRecords(sw, tabId)).some((r) => r.url === url && r.resourceType === 'main_frame'), {
        what: 'the reloaded page recorded',
      });
      await expect.poll(() => notice.count(), { timeout: 10000 }).toBe(0);
    } finally {
      await ctx.close();
    }
  });
});

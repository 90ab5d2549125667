/**
 * The fragile route: DevTools open (--auto-open-devtools-for-tabs), so the extension's devtools page forwards
 * devtools.network.onRequestFinished HAR entries and the background merges them into the webRequest records.
 * Brings what webRequest never shows: memory-cache hits and the conditional request headers of a real 304.
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/recorder-devtools.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../src/core/types';
import { startLab, type Lab } from '../lab/server';
import { launchChromium, readRecords, tabIdOf, waitFor, type LaunchedChromium, closeStarted } from './helpers/browser';

let lab: Lab;
let chromium: LaunchedChromium;

beforeAll(async () => {
  lab = await startLab({ quiet: true });
  chromium = await launchChromium({ args: ['--auto-open-devtools-for-tabs'] });
});

afterAll(async () => {
  await closeStarted(chromium, lab);
});

const path = (r: ExchangeRecord) => new URL(r.url).pathname;
const has = (r: ExchangeRecord, name: string) => r.requestHeaders.some((h) => h.name.toLowerCase() === name);

/** How many of our devtools pages are running (one per open DevTools window). */
async function devtoolsPages(): Promise<number> {
  const session = await chromium.browserCdp();
  const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: Array<{ url: string }> };
  return targetInfos.filter((t) => t.url.startsWith(`chrome-extension://${chromium.extensionId}/src/devtools/devtools.html`)).length;
}

/** A new tab whose DevTools (auto-opened) has loaded our devtools page, so it sees the tab's requests. */
async function pageWithDevtools() {
  const before = await devtoolsPages();
  const page = await chromium.context.newPage();
  // A closing tab's DevTools can linger in the count, so this wait is only a hint; the reload loop below decides.
  await waitFor(async () => (await devtoolsPages()) > before, { what: 'the devtools page', timeout: 5000, interval: 100 }).catch(() => {});
  // The devtools page connects its port right after it loads; give its listener a moment.
  await new Promise((r) => setTimeout(r, 300));
  await page.goto(`${lab.httpOrigin}/?devtools-warmup=${Math.random()}`);
  const tabId = await tabIdOf(chromium.serviceWorker, page);
  const forwarding = () => readRecords(chromium.serviceWorker, tabId).then((rs) => rs.some((r) => r.origins?.includes('devtools-har')));
  // The count above may have been another tab's DevTools finishing late; reload until ours reports.
  for (let attempt = 0; attempt < 6 && !(await waitFor(forwarding, { timeout: 3000, what: 'HAR entries' }).catch(() => false)); attempt++) {
    await page.reload();
  }
  expect(await forwarding()).toBe(true);
  return { page, tabId, records: () => readRecords(chromium.serviceWorker, tabId) };
}

describe('recorder with DevTools open (HAR merge)', () => {
  it('merges the real 304 with its If-None-Match into the webRequest record', async () => {
    const { page, records } = await pageWithDevtools();
    await page.goto(`${lab.httpOrigin}/cache/etag`);
    await waitFor(async () => (await records()).find((r) => path(r) === '/cache/res/etag.js' && r.origins?.includes('devtools-har')), {
      what: 'first etag.js merged',
    });
    await page.goto(`${lab.httpOrigin}/cache/etag?again`);
    const revalidation = await waitFor(
      async () =>
        (await records()).find((r) => path(r) === '/cache/res/etag.js' && r.status === 304 && r.origins?.includes('devtools-har')),
      { what: 'the 304 from the HAR' },
    );
    expect(revalidation.source).toBe('revalidated');
    expect(revalidation.origins).toEqual(['webRequest', 'devtools-har']); // merged, not a second record
    expect(has(revalidation, 'if-none-match')).toBe(true); // webRequest never shows it
    expect(revalidation.requestHeadersIncomplete).toBe(false);
    const etagRecords = (await records()).filter((r) => path(r) === '/cache/res/etag.js');
    expect(etagRecords).toHaveLength(2);
    await page.close();
  });

  it('records a memory-cache hit that only DevTools sees', async () => {
    const { page, records } = await pageWithDevtools();
    await page.goto(`${lab.httpOrigin}/cache/max-age`);
    await waitFor(async () => (await records()).find((r) => path(r) === '/cache/res/max-age.css'), { what: 'first css' });
    // Same renderer, same document URL again: Blink serves the stylesheet from its memory cache.
    await page.goto(`${lab.httpOrigin}/cache/max-age?again`);
    const hit = await waitFor(
      async () => (await records()).find((r) => path(r) === '/cache/res/max-age.css' && r.source === 'memory-cache'),
      {
        what: 'memory-cache hit from the HAR',
      },
    );
    expect(hit.origins).toEqual(['devtools-har']);
    expect(hit.status).toBe(200);
    expect(hit.pageId).toBeTruthy();
    await page.close();
  });
});

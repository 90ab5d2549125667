/**
 * Firefox smoke test: puppeteer-core over WebDriver BiDi, firefox-esr, the e2e build (dist/firefox-e2e).
 * BiDi can neither evaluate in the background nor open moz-extension:// pages, so the e2e build's background opens
 * the panel page itself when the tab visits E2E_OPEN_PANEL_PATH, and answers E2E_READ_RECORDS from that page
 * (src/background/e2e.ts).
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/firefox.test.ts
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../src/core/types';
import { E2E_OPEN_PANEL_PATH } from '../../src/background/e2e';
import { startLab, type Lab } from '../lab/server';
import { HAS_FIREFOX, askRecords, launchFirefoxWithExtension } from './helpers/firefox';
import { waitFor, closeStarted } from './helpers/browser';

const UUID = '3c1e7d2a-5b7f-4c0e-9a51-cache1e5e2e0';

let lab: Lab;
let browser: Browser;

beforeAll(async () => {
  lab = await startLab({ quiet: true });
  browser = await launchFirefoxWithExtension(UUID);
});

afterAll(async () => {
  await closeStarted(browser, lab);
});

/** Opens the panel page through the e2e trigger and asks the background for the records of `tabUrl`'s tab. */
async function readRecordsVia(page: Page): Promise<{ tabId: number; records: ExchangeRecord[] }> {
  await page.goto(`${lab.httpOrigin}${E2E_OPEN_PANEL_PATH}`).catch(() => {});
  // BiDi keeps reporting the extension tab as about:blank; its own location tells the truth.
  const prefix = `moz-extension://${UUID}/src/panel/index.html`;
  const found = await waitFor(
    async () => {
      for (const p of await browser.pages()) {
        const href = await p.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(prefix)) return { panel: p, href };
      }
      return null;
    },
    { what: 'the panel tab the e2e build opens', interval: 200 },
  );
  const { panel } = found;
  const tabId = Number(new URL(found.href).searchParams.get('tabId'));
  const ask = () => askRecords(panel, tabId);
  const reply = await waitFor(
    async () => {
      const r = await ask();
      return r.records?.some((x) => x.url.includes('/cookies/set-several') && x.endTimeMs) ? r : null;
    },
    { what: 'Firefox records of the set-several page' },
  );
  await panel.close();
  return { tabId, records: reply.records! }; // waitFor returned a reply with records
}

describe.skipIf(!HAS_FIREFOX)('Firefox (WebDriver BiDi)', () => {
  it('installs, records a lab page and splits its Set-Cookie lines', async () => {
    const page = await browser.newPage();
    await page.goto(`${lab.httpOrigin}/cookies/set-several`);
    const { tabId, records } = await readRecordsVia(page);
    const doc = records.find((r) => new URL(r.url).pathname === '/cookies/set-several')!;
    expect(doc).toMatchObject({ tabId, status: 200, navigation: 'top-level', resourceType: 'main_frame', source: 'network' });
    // Firefox hands the five Set-Cookie lines over joined by "\n"; the adapter splits them again.
    const setCookies = doc.responseHeaders.filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
    expect(setCookies).toHaveLength(5);
    expect(setCookies.every((v) => !v.includes('\n'))).toBe(true);
    expect(setCookies.find((v) => v.startsWith('several_dated=3'))).toMatch(/Expires=\w{3}, \d\d \w{3} \d{4} [\d:]+ GMT$/);
    // Firefox shows the request headers in full: nothing marked hidden.
    expect(doc.requestHeadersIncomplete).toBeUndefined();
    expect(doc.jarSnapshot?.map((c) => c.name).sort()).toEqual(
      expect.arrayContaining(['several_a', 'several_b', 'several_dated', 'several_lax', 'several_short']),
    );
    await page.close();
  });
});

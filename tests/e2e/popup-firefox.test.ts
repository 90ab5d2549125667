/**
 * The toolbar badge and popup in firefox-esr (puppeteer-core over WebDriver BiDi, dist/firefox-e2e). BiDi neither
 * evaluates in the background nor opens moz-extension:// pages, so the e2e build's trigger opens the panel page for
 * a tab (src/background/e2e.ts); from that extension page the test reads the tab's badge (chrome.action) and loads
 * the popup in a frame (src/popup/index.html?tab=N) to read what it says.
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/popup-firefox.test.ts
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_OPEN_PANEL_PATH } from '../../src/background/e2e';
import { startLab, type Lab } from '../lab/server';
import { HAS_FIREFOX, launchFirefoxWithExtension } from './helpers/firefox';
import { waitFor, closeStarted } from './helpers/browser';

const UUID = '7a4c1e2b-3d5f-4a6b-9c8d-cache1e5b0d9e';

let lab: Lab;
let browser: Browser;

beforeAll(async () => {
  if (!HAS_FIREFOX) return;
  lab = await startLab({ quiet: true });
  browser = await launchFirefoxWithExtension(UUID);
});

afterAll(async () => {
  await closeStarted(browser, lab);
});

/** A tab plus the extension page the e2e build opens for it (BiDi reports it as about:blank; its location tells). */
async function tabWithExtensionPage(): Promise<{ page: Page; ext: Page; tabId: number }> {
  const page = await browser.newPage();
  const before = new Set(await browser.pages());
  await page.goto(`${lab.httpOrigin}${E2E_OPEN_PANEL_PATH}`).catch(() => {});
  const prefix = `moz-extension://${UUID}/src/panel/index.html`;
  const ext = await waitFor(
    async () => {
      for (const p of await browser.pages()) {
        if (before.has(p)) continue;
        const href = await p.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(prefix)) return p;
      }
      return null;
    },
    { what: 'the extension page the e2e build opens', interval: 200 },
  );
  const tabId = await ext.evaluate(() => Number(new URLSearchParams(location.search).get('tabId')));
  return { page, ext, tabId };
}

describe.skipIf(!HAS_FIREFOX)('toolbar badge and popup (Firefox)', () => {
  it("sets the badge from the page's CDN cache status, and the popup reads the page", async () => {
    const { page, ext, tabId } = await tabWithExtensionPage();
    await page.goto(`${lab.httpOrigin}/cdn/fastly?firefox=1`);
    const badge = await waitFor(
      async () => {
        const b = await ext.evaluate(async (id) => {
          const action = (globalThis as unknown as { chrome: typeof chrome }).chrome.action;
          return { text: await action.getBadgeText({ tabId: id }), title: await action.getTitle({ tabId: id }) };
        }, tabId);
        return b.text ? b : null;
      },
      { what: 'the badge', timeout: 15000 },
    );
    expect(badge.text).toBe('HIT');
    expect(badge.title).toMatch(/Fastly at Frankfurt \(FRA\) served from its cache/);

    const popup = await waitFor(
      () =>
        ext.evaluate((id) => {
          let frame = document.getElementById('popup-under-test') as HTMLIFrameElement | null;
          if (!frame) {
            frame = document.createElement('iframe');
            frame.id = 'popup-under-test';
            frame.src = `/src/popup/index.html?tab=${id}`;
            document.body.append(frame);
          }
          const doc = frame.contentDocument;
          const text = (sel: string) => (doc?.querySelector(sel) as HTMLElement | null)?.innerText ?? '';
          return text('.verdict') ? { cdn: text('.cdn'), badge: text('.status .badge'), pop: text('.pop'), how: text('.how') } : null;
        }, tabId),
      { what: 'the popup in a frame', timeout: 15000 },
    );
    expect(popup).toMatchObject({ cdn: 'Fastly', badge: 'HIT', pop: 'Frankfurt (FRA)' });
    expect(popup.how).toContain('Cache Lens');
    await page.close();
    await ext.close();
  });
});

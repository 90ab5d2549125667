/**
 * The toolbar badge and popup in real Chromium: visit lab pages that imitate CDNs, read the tab's badge through the
 * extension's service worker (chrome.action.getBadgeText/getTitle/getBadgeBackgroundColor), and open the popup page
 * as an ordinary tab (src/popup/index.html?tab=N) to read what it says. Screenshot: artifacts/popup-fastly.png.
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/popup.test.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../lab/server';
import { launchChromium, REPO_ROOT, tabIdOf, type LaunchedChromium, closeStarted } from './helpers/browser';

let lab: Lab;
let chromium: LaunchedChromium;
const ARTIFACTS = join(REPO_ROOT, 'artifacts');

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  lab = await startLab({ quiet: true });
  chromium = await launchChromium(process.env.CACHE_LENS_PANEL_DIST ? { extensionPath: process.env.CACHE_LENS_PANEL_DIST } : {});
});

afterAll(async () => {
  await closeStarted(chromium, lab);
});

async function visit(url: string) {
  const page = await chromium.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return { page, tabId: await tabIdOf(chromium.serviceWorker, page) };
}

const badgeOf = (tabId: number) =>
  chromium.serviceWorker.evaluate(
    async (id) => ({
      text: await chrome.action.getBadgeText({ tabId: id }),
      title: await chrome.action.getTitle({ tabId: id }),
      color: await chrome.action.getBadgeBackgroundColor({ tabId: id }),
    }),
    tabId,
  );

async function openPopup(tabId: number) {
  const popup = await chromium.context.newPage();
  await popup.setViewportSize({ width: 380, height: 420 });
  await popup.goto(`chrome-extension://${chromium.extensionId}/src/popup/index.html?tab=${tabId}`);
  return popup;
}

describe('toolbar badge and popup (Chromium)', () => {
  it("shows the page's CDN cache status on the badge and the page at a glance in the popup", async () => {
    const { page, tabId } = await visit(`${lab.httpOrigin}/cdn/fastly?popup=1`);
    await expect.poll(async () => (await badgeOf(tabId)).text, { timeout: 15000 }).toBe('HIT');
    const badge = await badgeOf(tabId);
    expect(badge.title).toMatch(/Fastly at Frankfurt \(FRA\) served from its cache/);
    expect(badge.color).toEqual([0x18, 0x80, 0x38, 255]);

    const popup = await openPopup(tabId);
    await popup.locator('.verdict').waitFor();
    expect(await popup.locator('.cdn').innerText()).toBe('Fastly');
    expect(await popup.locator('.status .badge').innerText()).toBe('HIT');
    expect(await popup.locator('.status .raw').innerText()).toContain('MISS, HIT');
    expect(await popup.locator('.pop').innerText()).toBe('Frankfurt (FRA)');
    expect(await popup.locator('.page-url').innerText()).toBe(`${lab.httpOrigin}/cdn/fastly?popup=1`);
    expect(await popup.locator('.verdict').innerText()).toMatch(/^In the browser: \S.+\.$/);
    expect(await popup.locator('.cookies').innerText()).toMatch(/^Cookies: (the page's \d+ responses|the document) set no cookies\.$/);
    expect(await popup.locator('.worst').count()).toBe(1);
    const how = await popup.locator('.how').innerText();
    expect(how).toContain('F12');
    expect(how).toContain('Cache Lens');
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-fastly.png') });

    // "Open the panel in a tab" opens the pop-out panel for this tab
    const opened = chromium.context.waitForEvent('page');
    await popup.locator('button.open-panel').click();
    const panel = await opened;
    expect(panel.url()).toBe(`chrome-extension://${chromium.extensionId}/src/panel/index.html?tabId=${tabId}`);
    await panel.locator('.row.exchange').first().waitFor();
    await panel.close();
    await page.close();
  });

  it('DYN for a dynamic Cloudflare page; page data stays text', async () => {
    const { page, tabId } = await visit(`${lab.httpOrigin}/cdn/cloudflare?x=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E`);
    await expect.poll(async () => (await badgeOf(tabId)).text, { timeout: 15000 }).toBe('DYN');
    expect((await badgeOf(tabId)).title).toMatch(/Cloudflare at Frankfurt \(FRA\) did not consider it cacheable/);
    const popup = await openPopup(tabId);
    await popup.locator('.verdict').waitFor();
    expect(await popup.locator('.status .badge').innerText()).toBe('DYN');
    expect(await popup.locator('.page-url').innerText()).toContain('x=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
    expect(await popup.locator('img').count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it("counts the cookies the page set and rejected, and names the page's worst finding", async () => {
    const { page, tabId } = await visit(`${lab.httpOrigin}/cookies/sticky?popup=1`);
    const popup = await openPopup(tabId);
    // the recording arrives as the panel's does: wait for the page's responses to be explained
    await expect
      .poll(
        () =>
          popup
            .locator('.cookies')
            .innerText()
            .catch(() => ''),
        { timeout: 15000 },
      )
      .toMatch(/set 3 cookies, 1 rejected/);
    expect(await popup.locator('.worst strong').innerText()).toMatch(/^Error/);
    expect(await popup.locator('.worst').innerText()).toContain('AWSALBCORS');
    await popup.close();
    await page.close();
  });

  it('the badge follows the tab to its next page, and a tab without a recording says so', async () => {
    const { page, tabId } = await visit(`${lab.httpOrigin}/cdn/fastly?follow=1`);
    await expect.poll(async () => (await badgeOf(tabId)).text, { timeout: 15000 }).toBe('HIT');
    await page.goto(`${lab.httpOrigin}/cache/max-age?follow=2`, { waitUntil: 'load' });
    // no CDN on the lab origin: no badge text, and the title says so
    await expect.poll(async () => (await badgeOf(tabId)).title, { timeout: 15000 }).toMatch(/No CDN or cache on the way announced itself/);
    expect((await badgeOf(tabId)).text).toBe('');
    const blank = await chromium.context.newPage();
    await blank.goto('about:blank#popup-empty');
    const blankId = await tabIdOf(chromium.serviceWorker, blank);
    const popup = await openPopup(blankId);
    await expect.poll(() => popup.locator('.empty').innerText()).toContain('web pages (http and https) only');
    await popup.close();
    await blank.close();
    await page.close();
  });
});

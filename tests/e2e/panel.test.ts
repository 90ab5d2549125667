/**
 * The panel page in real Chromium against the lab: visit a lab page, open the panel for that tab (the documented
 * pop-out URL chrome-extension://ID/src/panel/index.html?tabId=N) and assert what a user sees.
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/panel.test.ts
 * CACHE_LENS_PANEL_DIST=<dir> tests another build than dist/chrome. Screenshots go to artifacts/ (gitignored).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startLab, type Lab } from '../lab/server';
import { XSS_PAYLOADS } from '../lab/pages';
import { launchChromium, openPanelPage, REPO_ROOT, tabIdOf, type LaunchedChromium, closeStarted } from './helpers/browser';

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
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
  const tabId = await tabIdOf(chromium.serviceWorker, page);
  return { page, tabId };
}

async function panelFor(tabId: number, theme?: 'dark' | 'light', size = { width: 1280, height: 760 }): Promise<Page> {
  const panel = await openPanelPage(chromium.context, chromium.extensionId, tabId);
  await panel.setViewportSize(size);
  if (theme) await panel.goto(panel.url() + `&theme=${theme}`);
  await panel.locator('.row.exchange').first().waitFor();
  return panel;
}

/** Clicks the first row whose name cell contains `name` (waits until the recording has it). */
async function openRow(panel: Page, name: string | RegExp, tab?: string) {
  const row = panel.locator('.row.exchange', { has: panel.locator('.name', { hasText: name }) }).first();
  await row.waitFor({ timeout: 15000 });
  await row.click();
  if (tab) await panel.getByRole('tab', { name: tab }).click();
  return row;
}

const tabText = (panel: Page) => panel.locator('.tab-panel').innerText();

describe('panel page (Chromium, pop-out URL)', () => {
  it('explains max-age in plain words, with the rule and a link, and counts down', async () => {
    const { page, tabId } = await visit(`${lab.httpOrigin}/cache/max-age?panel=1`);
    const panel = await panelFor(tabId);
    const row = await openRow(panel, 'max-age.css');
    await expect.poll(() => row.innerText()).toMatch(/fresh \d+ min/);
    const text = await tabText(panel);
    expect(text).toContain('max-age=300');
    expect(text).toContain('Any cache may reuse this response without asking the server for 300 seconds.');
    expect(text).toMatch(/RFC 9111/);
    expect(text).toMatch(/Fresh for another [45] min/);
    expect(await panel.locator('.tab-panel a[href^="https://www.rfc-editor.org/rfc/rfc9111"]').count()).toBeGreaterThan(0);
    await panel.screenshot({ path: join(ARTIFACTS, 'panel-caching-light.png') });
    await panel.close();
    const dark = await panelFor(tabId, 'dark');
    await openRow(dark, 'max-age.css');
    await dark.screenshot({ path: join(ARTIFACTS, 'panel-caching-dark.png') });
    await dark.setViewportSize({ width: 560, height: 700 });
    await dark.screenshot({ path: join(ARTIFACTS, 'panel-caching-dark-narrow.png') });
    await dark.close();
    await page.close();
  });

  it('pop-out without &theme follows the system colour scheme while open', async () => {
    const { page, tabId } = await visit(`${lab.httpOrigin}/cache/max-age?panel=scheme`);
    const panel = await panelFor(tabId);
    const theme = () => panel.evaluate(() => document.documentElement.dataset.theme);
    await panel.emulateMedia({ colorScheme: 'light' });
    await expect.poll(theme).toBe('light');
    await panel.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme).toBe('dark');
    expect(await panel.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(32, 33, 36)');
    await panel.close();
    await page.close();
  });

  it('tells the revalidation story of etag.js after a reload and links back to the first response', async () => {
    const { page, tabId } = await visit(`${lab.httpOrigin}/cache/etag?panel=1`);
    await page.reload({ waitUntil: 'load' });
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    const panel = await panelFor(tabId);
    await panel.getByLabel('Preserve log').check();
    const rows = panel.locator('.row.exchange', { has: panel.locator('.name', { hasText: 'etag.js' }) });
    await expect.poll(() => rows.count(), { timeout: 15000 }).toBe(2);
    await expect.poll(() => rows.nth(1).innerText()).toMatch(/revalidated/);
    await rows.nth(1).click();
    const text = await tabText(panel);
    expect(text).toContain('Revalidation story');
    expect(text).toMatch(/lab-etag-v1/);
    await panel.getByRole('button', { name: 'Go to the response it revalidated' }).click();
    await expect.poll(() => rows.nth(0).getAttribute('aria-selected')).toBe('true');
    expect(await tabText(panel)).toContain('What actually happened next');
    await panel.close();
    await page.close();
  });

  it('shows "rejected" for a Secure cookie set over http, with the reason', async () => {
    const { page, tabId } = await visit(`${lab.httpOrigin}/cookies/secure?panel=1`);
    const panel = await panelFor(tabId);
    await openRow(panel, /^secure\?panel=1$/, 'Cookies');
    const card = panel.locator('.cookie-card', { hasText: 'secure_cookie' });
    await expect.poll(() => card.innerText()).toContain('rejected');
    expect(await card.innerText()).toContain('Only an HTTPS page (or localhost) may set a Secure cookie');
    expect(await panel.locator('.cookie-card', { hasText: 'plain_cookie' }).innerText()).toContain('stored');
    await panel.screenshot({ path: join(ARTIFACTS, 'panel-cookies-light.png') });
    await panel.setViewportSize({ width: 560, height: 700 });
    await panel.screenshot({ path: join(ARTIFACTS, 'panel-cookies-light-narrow.png') });
    await panel.close();
    await page.close();
  });

  it('shows a SameSite=Lax cookie not sent on a cross-site subresource', async () => {
    const setter = await visit(`${lab.httpsOrigin}/cookies/samesite`);
    await setter.page.close();
    const { page, tabId } = await visit(`${lab.otherHttpsOrigin}/cross/samesite?panel=1`);
    const panel = await panelFor(tabId, 'dark');
    // the image on other.test pointing at lab.test is a cross-site subresource
    await openRow(panel, 'pixel.svg?from=cross-site-img', 'Cookies');
    // The recorder snapshots the jar only when a request sends or sets cookies; else the panel checks the jar now.
    const check = panel.getByRole('button', { name: 'Check against the current jar' });
    if (await check.count()) await check.click();
    await expect.poll(() => tabText(panel)).toMatch(/ss_lax\s+not sent/);
    const text = await tabText(panel);
    expect(text).toMatch(/ss_lax\s+not sent: SameSite=Lax cookies go cross-site only on top-level navigations/);
    await panel.screenshot({ path: join(ARTIFACTS, 'panel-cookies-dark.png') });
    await panel.close();
    await page.close();
  });

  it('shows "Cloudflare HIT · FRA" in the list and the chain in the CDN tab', async () => {
    const { page, tabId } = await visit(`${lab.httpOrigin}/cdn/cloudflare?panel=1`);
    const panel = await panelFor(tabId);
    // The CDN column shows while no detail pane is open (the split view drops it, like DevTools' Network panel).
    const row = panel.locator('.row.exchange', { has: panel.locator('.name', { hasText: 'style.css' }) }).first();
    await expect.poll(() => row.innerText(), { timeout: 15000 }).toContain('Cloudflare HIT · FRA');
    await panel.screenshot({ path: join(ARTIFACTS, 'panel-list-light.png') });
    // The Cookies column's legend opens on keyboard focus too (Tab from the list), and Esc hides it.
    await panel.locator('.request-list').focus();
    // Tab order from the list: the Freshness glossary term, then the Cookies legend.
    for (
      let i = 0;
      i < 3 && !(await panel.evaluate(() => document.activeElement?.getAttribute('aria-describedby') === 'cookies-legend'));
      i++
    )
      await panel.keyboard.press('Tab');
    const legend = panel.locator('#cookies-legend');
    await expect.poll(() => legend.isVisible()).toBe(true);
    expect(await legend.innerText()).toContain('cookies this response set');
    await panel.screenshot({ path: join(ARTIFACTS, 'panel-list-legend-light.png') });
    await panel.keyboard.press('Escape');
    await expect.poll(() => legend.isVisible()).toBe(false);
    await openRow(panel, 'style.css', 'CDN & proxies');
    const text = await tabText(panel);
    expect(text).toMatch(/Served through Cloudflare at FRA.*; its cache reported HIT/);
    expect(text).toContain('Browser');
    expect(text).toContain('Origin');
    await openRow(panel, 'profile', 'CDN & proxies');
    expect((await tabText(panel)).toUpperCase()).toContain('DYNAMIC');
    await panel.screenshot({ path: join(ARTIFACTS, 'panel-cdn-light.png') });
    await panel.close();
    await page.close();
  });

  it('XSS page: nothing executes, payloads show verbatim as text', async () => {
    const dialogs: string[] = [];
    chromium.context.on('page', (p) => p.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss())));
    const xssUrl = `${lab.httpOrigin}/xss/${encodeURIComponent(XSS_PAYLOADS.html)}?q=${encodeURIComponent(XSS_PAYLOADS.script)}`;
    const { page, tabId } = await visit(xssUrl);
    page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
    const panel = await panelFor(tabId);
    panel.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
    await panel.locator('.row.exchange').first().click();
    for (const tab of ['Caching', 'Cookies', 'CDN & proxies', 'Headers']) {
      await panel.getByRole('tab', { name: tab }).click();
      await panel.waitForTimeout(100);
    }
    const text = await tabText(panel);
    expect(text).toContain(XSS_PAYLOADS.html);
    expect(text).toContain(XSS_PAYLOADS.attr);
    await panel.getByRole('tab', { name: 'Cookies' }).click();
    await panel.waitForTimeout(200);
    // nothing injected: our DOM has no img/svg/script/iframe elements at all
    expect(await panel.locator('img, svg, iframe, body script').count()).toBe(0);
    const hrefs = await panel.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.every((h) => h!.startsWith('https://'))).toBe(true);
    expect(await panel.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs.filter((d) => /^[1-5]$/.test(d))).toEqual([]);
    await panel.screenshot({ path: join(ARTIFACTS, 'panel-xss-light.png') });
    await panel.close();
    await page.close();
  });
});

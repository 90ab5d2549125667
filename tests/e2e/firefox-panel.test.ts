/**
 * The panel page in firefox-esr (puppeteer-core over WebDriver BiDi, dist/firefox-e2e): the pop-out panel is opened
 * for a tab through the e2e build's trigger (src/background/e2e.ts: visiting E2E_OPEN_PANEL_PATH makes the background
 * open src/panel/index.html?tabId=N), then that same tab visits lab pages while the panel follows it live.
 * Asserts visible text and takes screenshots (artifacts/firefox-panel-*.png).
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/firefox-panel.test.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_OPEN_PANEL_PATH } from '../../src/background/e2e';
import { startLab, type Lab } from '../lab/server';
import { HAS_FIREFOX, launchFirefoxWithExtension } from './helpers/firefox';
import { REPO_ROOT, waitFor, closeStarted } from './helpers/browser';

const UUID = '5d2f8e3b-6c8a-4d1f-8b62-cache1e5pa7e';
const ARTIFACTS = join(REPO_ROOT, 'artifacts');

let lab: Lab;
let browser: Browser;

beforeAll(async () => {
  if (!HAS_FIREFOX) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  lab = await startLab({ quiet: true });
  browser = await launchFirefoxWithExtension(UUID);
});

afterAll(async () => {
  await closeStarted(browser, lab);
});

/** A tab plus the panel page the e2e build opens for it (BiDi reports the extension tab as about:blank; its location tells). */
async function tabWithPanel(): Promise<{ page: Page; panel: Page }> {
  const page = await browser.newPage();
  const before = new Set(await browser.pages());
  await page.goto(`${lab.httpOrigin}${E2E_OPEN_PANEL_PATH}`).catch(() => {});
  const prefix = `moz-extension://${UUID}/src/panel/index.html`;
  const panel = await waitFor(
    async () => {
      for (const p of await browser.pages()) {
        if (before.has(p)) continue;
        const href = await p.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(prefix)) return p;
      }
      return null;
    },
    { what: 'the panel tab the e2e build opens', interval: 200 },
  );
  await panel.setViewport({ width: 1200, height: 720 });
  return { page, panel };
}

const text = (panel: Page, selector: string) => panel.evaluate((s) => document.querySelector<HTMLElement>(s)?.innerText ?? '', selector);

/** Clicks the first list row whose name cell matches, then (optionally) a detail tab by its label. */
async function openRow(panel: Page, name: RegExp, tab?: string) {
  await waitFor(
    () =>
      panel.evaluate(
        (src: string, flags: string) => {
          const re = new RegExp(src, flags);
          const row = [...document.querySelectorAll<HTMLElement>('.row.exchange')].find((r) =>
            re.test(r.querySelector('.name')?.textContent ?? ''),
          );
          row?.click();
          return !!row;
        },
        name.source,
        name.flags,
      ),
    { what: `a row named ${name}` },
  );
  if (tab)
    await panel.evaluate((label: string) => {
      [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((t) => t.textContent === label)?.click();
    }, tab);
}

describe.skipIf(!HAS_FIREFOX)('panel page (Firefox, pop-out URL through the e2e trigger)', () => {
  it('explains max-age and parses Set-Cookie lines, live as the tab navigates', async () => {
    const { page, panel } = await tabWithPanel();
    // Keep both lab pages in the list: the tab navigates twice while the panel is open.
    await panel.evaluate(() => {
      const box = [...document.querySelectorAll('label')].find((l) => l.textContent.includes('Preserve log'))?.querySelector('input');
      if (box && !box.checked) box.click();
    });
    await page.goto(`${lab.httpOrigin}/cache/max-age?ff=1`);

    await openRow(panel, /^max-age\.css$/);
    await waitFor(async () => /max-age=300/.test(await text(panel, '.tab-panel')), { what: 'the Caching tab for max-age.css' });
    const caching = await text(panel, '.tab-panel');
    expect(caching).toContain('Any cache may reuse this response without asking the server for 300 seconds.');
    expect(caching).toMatch(/RFC 9111/);
    expect(caching).toMatch(/Fresh for another [45] min/);
    const row = await text(panel, '.row.exchange.selected');
    expect(row).toMatch(/fresh \d+ min/);
    await panel.screenshot({ path: join(ARTIFACTS, 'firefox-panel-caching.png') });

    await page.goto(`${lab.httpOrigin}/cookies/set-several?ff=1`);
    await openRow(panel, /^set-several\?ff=1$/, 'Cookies');
    await waitFor(async () => /several_dated/.test(await text(panel, '.tab-panel')), { what: 'the Cookies tab for set-several' });
    const cookies = await text(panel, '.tab-panel');
    // Firefox joins the five Set-Cookie lines with "\n"; the panel shows each one parsed, as its own card.
    const cards = await panel.evaluate(() => [...document.querySelectorAll<HTMLElement>('.cookie-card')].map((c) => c.innerText));
    for (const name of ['several_a', 'several_b', 'several_dated', 'several_lax', 'several_short'])
      expect(cards.some((c) => c.includes(name))).toBe(true);
    expect(cookies).toMatch(/stored/);
    expect(cards.find((c) => c.includes('several_lax'))).toMatch(/SameSite/);
    await panel.screenshot({ path: join(ARTIFACTS, 'firefox-panel-cookies.png') });

    // Keyboard: arrows move the selection in the list, Esc closes the detail pane.
    await panel.focus('.request-list');
    const selectedBefore = await text(panel, '.row.exchange.selected .name');
    await panel.keyboard.press('ArrowUp');
    await waitFor(async () => (await text(panel, '.row.exchange.selected .name')) !== selectedBefore, {
      what: 'ArrowUp moves the selection',
    });
    await panel.keyboard.press('Escape');
    await waitFor(async () => !(await panel.$('.detail')), { what: 'Esc closes the detail pane' });

    // Dark theme through the URL (pop-out mode).
    const href = await panel.evaluate(() => location.href);
    await panel.evaluate((h: string) => location.replace(h + '&theme=dark'), href);
    await waitFor(
      () => panel.evaluate(() => document.documentElement.dataset.theme === 'dark' && !!document.querySelector('.row.exchange')),
      { what: 'dark panel' },
    );
    await openRow(panel, /^max-age\.css$/);
    await panel.screenshot({ path: join(ARTIFACTS, 'firefox-panel-caching-dark.png') });
    await panel.close();
    await page.close();
  });
});

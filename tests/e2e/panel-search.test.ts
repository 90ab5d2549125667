/**
 * DevTools' search box in the panel page (real Chromium): the devtools page forwards ExtensionPanel.onSearch to the
 * panel's `window.__cacheLensSearch(action, query)`; this calls that same hook and checks what a user sees: rows
 * marked, matching text highlighted (CSS Custom Highlight API) in the list and the detail pane (screenshot artifacts/panel-search.png), next/previous
 * selecting the matches, cancel clearing it all. The DevTools search box itself (Ctrl+F in DevTools, onSearch) is
 * driven in panel-devtools.test.ts.
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/panel-search.test.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startLab, type Lab } from '../lab/server';
import { launchChromium, openPanelPage, REPO_ROOT, tabIdOf, type LaunchedChromium, closeStarted } from './helpers/browser';

let lab: Lab;
let chromium: LaunchedChromium;

beforeAll(async () => {
  mkdirSync(join(REPO_ROOT, 'artifacts'), { recursive: true });
  lab = await startLab({ quiet: true });
  chromium = await launchChromium(process.env.CACHE_LENS_PANEL_DIST ? { extensionPath: process.env.CACHE_LENS_PANEL_DIST } : {});
});

afterAll(async () => {
  await closeStarted(chromium, lab);
});

const search = (panel: Page, action: string, query?: string) =>
  panel.evaluate(([a, q]) => (window as unknown as { __cacheLensSearch(a: string, q?: string): void }).__cacheLensSearch(a, q), [
    action,
    query,
  ] as const);

/** The text of every range in the search highlight, in document order. */
const highlighted = (panel: Page) =>
  panel.evaluate(() => {
    const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('cache-lens-search');
    return h ? [...h].map((r) => r.toString()) : [];
  });

describe("DevTools' search box in the panel", () => {
  it('highlights the matches in the list and the detail pane and moves between them', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${lab.httpOrigin}/cache/expires?search=1`, { waitUntil: 'load' });
    const tabId = await tabIdOf(chromium.serviceWorker, page);
    const panel = await openPanelPage(chromium.context, chromium.extensionId, tabId);
    await panel.setViewportSize({ width: 1280, height: 760 });
    // wait for the recording: the three stylesheets
    await expect.poll(() => panel.locator('.row.exchange .name', { hasText: /^expires.*\.css$/ }).count(), { timeout: 15000 }).toBe(3);
    const rowsBefore = await panel.locator('.row.exchange').count();

    await search(panel, 'performSearch', 'expires-');
    // not a filter: every row stays; the two matching ones are marked, the first is opened
    await expect
      .poll(() => panel.locator('.row.exchange.search-hit .name').allInnerTexts())
      .toEqual(['expires-past.css', 'expires-and-max-age.css']);
    expect(await panel.locator('.row.exchange').count()).toBe(rowsBefore);
    await expect.poll(() => panel.locator('.detail-url').innerText()).toContain('expires-past.css');
    await expect.poll(() => panel.locator('.search-status').innerText()).toContain('1 of 2 matching requests');
    // the text is painted in the list and in the detail pane
    await expect.poll(async () => (await highlighted(panel)).length).toBeGreaterThanOrEqual(3);
    expect(new Set((await highlighted(panel)).map((t) => t.toLowerCase()))).toEqual(new Set(['expires-']));
    const inDetail = await panel.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('cache-lens-search')!;
      return [...h].filter((r) => (r.startContainer.parentElement as Element).closest('.detail')).length;
    });
    expect(inDetail).toBeGreaterThan(0);
    await panel.screenshot({ path: join(REPO_ROOT, 'artifacts', 'panel-search.png') });

    await search(panel, 'nextSearchResult');
    await expect.poll(() => panel.locator('.detail-url').innerText()).toContain('expires-and-max-age.css');
    await expect.poll(() => panel.locator('.row.exchange.selected .name').innerText()).toBe('expires-and-max-age.css');
    await search(panel, 'nextSearchResult'); // wraps
    await expect.poll(() => panel.locator('.detail-url').innerText()).toContain('expires-past.css');
    await search(panel, 'previousSearchResult');
    await expect.poll(() => panel.locator('.detail-url').innerText()).toContain('expires-and-max-age.css');

    await search(panel, 'cancelSearch');
    await expect.poll(() => panel.locator('.search-hit').count()).toBe(0);
    await expect.poll(async () => (await highlighted(panel)).length).toBe(0);
    expect(await panel.locator('.search-status').count()).toBe(0);
    await panel.close();
    await page.close();
  });
});

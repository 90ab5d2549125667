/**
 * One live answer: in real Chromium, the panel page (pop-out URL) watches a lab response with Cache-Control:
 * max-age=3 go stale. The lead sentence of the Caching tab, the list's Freshness column and the timeline must say
 * fresh together before, and stale together after, without a reload: none of them may freeze.
 *   npm run -s build -- --e2e && npx vitest run -c vitest.e2e.config.ts tests/e2e/panel-live.test.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startLab, type Lab } from '../lab/server';
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

interface Surfaces {
  lead: string;
  cell: string;
  timeline: string;
}

/** The three surfaces as a user sees them (innerText: glossary cards stay hidden), read in one task of the page. */
function readSurfaces(panel: Page, name: string): Promise<Surfaces> {
  return panel.evaluate((n) => {
    const text = (el: Element | null | undefined) => (el as HTMLElement | null | undefined)?.innerText.trim() ?? '';
    const row = [...document.querySelectorAll('.row.exchange')].find((r) => r.querySelector('.name')?.textContent === n);
    return {
      lead: text(document.querySelector('.tab-panel .lead')),
      cell: text(row?.querySelector('.col-fresh')),
      timeline: text(document.querySelector('.tab-panel .lane .countdown')),
    };
  }, name);
}

describe('panel page: one live answer (Chromium)', () => {
  it('lead sentence, Freshness column and timeline go from fresh to stale together as max-age=3 runs out', async () => {
    // The panel is open before the response arrives, so the row can be opened well inside its 3 s of freshness.
    const page = await chromium.context.newPage();
    await page.goto(`${lab.httpOrigin}/?panel-live`, { waitUntil: 'load' });
    const tabId = await tabIdOf(chromium.serviceWorker, page);
    const panel = await openPanelPage(chromium.context, chromium.extensionId, tabId);
    await panel.setViewportSize({ width: 1280, height: 760 });
    await panel.locator('.row.exchange').first().waitFor();

    await page.goto(`${lab.httpOrigin}/cache/short?panel-live`, { waitUntil: 'load' });
    const rows = panel.locator('.row.exchange', { has: panel.locator('.name', { hasText: /^short\.css$/ }) });
    const row = rows.first();
    await row.waitFor({ timeout: 15000 });
    // the engine fills the cell in once it has explained the row
    await expect.poll(() => row.locator('.col-fresh').innerText()).not.toBe('');
    await row.click();
    await panel.locator('.tab-panel .lead').waitFor();

    const before = await readSurfaces(panel, 'short.css');
    expect(before.lead).toMatch(/^Downloaded from the server\. Fresh for another \d s/);
    expect(before.cell).toMatch(/^fresh \d s$/);
    expect(before.timeline).toMatch(/^Fresh for another \d s/);
    await panel.screenshot({ path: join(ARTIFACTS, 'panel-live-fresh.png') });

    // Nothing is reloaded: only the panel's clock moves on. Wait for the lead to change, then all three must agree.
    await expect.poll(async () => (await readSurfaces(panel, 'short.css')).lead, { timeout: 15000 }).not.toMatch(/Fresh for another/);
    const after = await readSurfaces(panel, 'short.css');
    expect(after.lead).toMatch(/^Downloaded from the server\. .*conditional request/);
    expect(after.cell).toMatch(/^stale \d+ s$/);
    expect(after.timeline).toMatch(/^Stale for \d+ s/);
    // the next use and the reload are the same engine answer: a conditional request with the ETag
    expect(await panel.locator('.tab-panel').innerText()).toContain('If-None-Match: "lab-short-v1"');

    // and it keeps moving: the staleness grows while the panel is open
    const staleFor = (s: Surfaces) => Number(/Stale for (\d+) s/.exec(s.timeline)?.[1] ?? NaN);
    const first = staleFor(after);
    await expect.poll(async () => staleFor(await readSurfaces(panel, 'short.css')), { timeout: 15000 }).toBeGreaterThan(first);
    await panel.screenshot({ path: join(ARTIFACTS, 'panel-live-stale.png') });

    // A reload now revalidates it: "what actually happened next" is the engine's account of that request, against
    // the engine's prediction at the moment it was made.
    await panel.getByLabel('Preserve log').check();
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => rows.count(), { timeout: 15000 }).toBe(2);
    await expect.poll(() => rows.nth(1).locator('.col-from').innerText(), { timeout: 15000 }).toMatch(/^revalidated/);
    await rows.nth(0).click();
    await expect
      .poll(() => panel.locator('.tab-panel .what-happened').innerText(), { timeout: 15000 })
      .toMatch(/^What actually happened next: a conditional request \(revalidation\) .*As predicted for that moment\./s);
    await panel.screenshot({ path: join(ARTIFACTS, 'panel-live-what-happened.png') });
    await panel.close();
    await page.close();
  });
});

/**
 * The panel as people use it (issue 9), real Chromium against the lab: Hide values leaves no value anywhere, an
 * imported HAR stays apart from live traffic, the Cookies overview answers "which cookies track me", the filter
 * terms, and the layout at 400, 480 and 1040 px (geometry checked; screenshots in artifacts/panel-views-*.png).
 *   npm run -s build -- --e2e && npx vitest run -c vitest.e2e.config.ts tests/e2e/panel-views.test.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

async function visit(url: string) {
  const page = await chromium.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
  const tabId = await tabIdOf(chromium.serviceWorker, page);
  return { page, tabId };
}

async function panelFor(tabId: number, size = { width: 1280, height: 760 }): Promise<Page> {
  const panel = await openPanelPage(chromium.context, chromium.extensionId, tabId);
  await panel.setViewportSize(size);
  await panel.locator('.row.exchange').first().waitFor();
  return panel;
}

async function openRow(panel: Page, name: string | RegExp, tab?: string) {
  const row = panel.locator('.row.exchange', { has: panel.locator('.name', { hasText: name }) }).first();
  await row.waitFor({ timeout: 15000 });
  await row.click();
  if (tab) await panel.getByRole('tab', { name: tab }).click();
  return row;
}

/** The whole document as markup (attributes included) and as text, with every <details> open. */
const everything = (panel: Page) =>
  panel.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    return document.documentElement.outerHTML + '\n' + document.body.innerText;
  });

/**
 * Elements drawn past the right edge of the window without a scrolling or clipping ancestor to hold them: what a
 * user sees cut off.
 */
const cutOff = (panel: Page) =>
  panel.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out: string[] = [];
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (/(auto|scroll|hidden)/.test(s.overflowX) && p.getBoundingClientRect().right <= w + 1) return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      if (r.right > w + 1 && !clipped(el))
        out.push(`${el.tagName.toLowerCase()}.${(el as HTMLElement).className} right=${Math.round(r.right)}`);
    }
    return { width: w, scrollWidth: document.documentElement.scrollWidth, out: out.slice(0, 10) };
  });

describe('panel views (Chromium, pop-out URL)', () => {
  it('Hide values: no cookie value in any tab, attribute, the overview or the HAR export', async () => {
    const { page, tabId } = await visit(`${lab.httpOrigin}/cookies/hide-values`);
    const panel = await panelFor(tabId);
    await openRow(panel, 'hide-values', 'Cookies');
    await expect.poll(() => panel.locator('.tab-panel').innerText()).toContain('LABVAL3');
    await panel.getByLabel('Hide values').check();
    const names = (s: string) => s.replaceAll('xLABVAL2', 'NAME');
    for (const tab of ['Caching', 'Cookies', 'CDN & proxies', 'Headers']) {
      await panel.getByRole('tab', { name: tab }).click();
      expect(names(await everything(panel)), tab).not.toMatch(/LABVAL/);
    }
    await panel.getByRole('tab', { name: 'Cookies' }).click();
    expect(await panel.locator('.tab-panel').innerText()).toMatch(/xLABVAL2=•+/);
    await panel.getByRole('button', { name: 'Show jar' }).click();
    await panel.locator('table.jar').waitFor();
    expect(names(await everything(panel))).not.toMatch(/LABVAL/);
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export HAR' }).click()]);
    const har = readFileSync(await download.path(), 'utf8');
    expect(har).toContain('hide-values');
    expect(names(har)).not.toMatch(/LABVAL/);
    await panel.getByRole('button', { name: 'Cookies overview' }).click();
    await panel.getByRole('region', { name: 'Cookies overview' }).waitFor();
    expect(names(await everything(panel))).not.toMatch(/LABVAL/);
    await panel.close();
    await page.close();
  });

  it('an imported HAR stays apart from live traffic until "Back to live traffic"', async () => {
    const { page, tabId } = await visit(`${lab.httpOrigin}/cache/max-age?isolation=1`);
    const panel = await panelFor(tabId);
    const harFile = join(REPO_ROOT, '.tmp', 'panel-views-import.har');
    mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
    writeFileSync(
      harFile,
      JSON.stringify({
        log: {
          version: '1.2',
          creator: { name: 'test', version: '1' },
          pages: [],
          entries: [
            {
              startedDateTime: '2015-06-01T10:00:00.000Z',
              time: 10,
              request: {
                method: 'GET',
                url: 'https://old.example/imported.js',
                httpVersion: 'HTTP/1.1',
                headers: [],
                queryString: [],
                cookies: [],
                headersSize: -1,
                bodySize: 0,
              },
              response: {
                status: 200,
                statusText: 'OK',
                httpVersion: 'HTTP/1.1',
                headers: [{ name: 'Cache-Control', value: 'max-age=600' }],
                cookies: [],
                content: { size: 0, mimeType: 'text/javascript' },
                redirectURL: '',
                headersSize: -1,
                bodySize: 0,
              },
              cache: {},
              timings: { send: 0, wait: 5, receive: 5 },
            },
          ],
        },
      }),
    );
    await panel.setInputFiles('input[type=file]', harFile);
    await panel.getByText('panel-views-import.har').waitFor();
    const names = () => panel.locator('.row.exchange .name').allInnerTexts();
    expect(await names()).toEqual(['imported.js']);
    // live traffic in the inspected tab: a navigation and its subresources
    await page.goto(`${lab.httpOrigin}/cookies/sticky?isolation=2`, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    await panel.waitForTimeout(1500);
    expect(await names()).toEqual(['imported.js']);
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export HAR' }).click()]);
    const har = JSON.parse(readFileSync(await download.path(), 'utf8')) as { log: { entries: Array<{ request: { url: string } }> } };
    const entries = har.log.entries;
    expect(entries.map((e) => e.request.url)).toEqual(['https://old.example/imported.js']);
    await panel.getByRole('button', { name: 'Back to live traffic' }).click();
    await expect.poll(names, { timeout: 15000 }).toContain('sticky?isolation=2');
    expect(await names()).not.toContain('imported.js');
    await panel.close();
    await page.close();
  });

  it('the Cookies overview marks a third-party marketing cookie as tracking, and why', async () => {
    const { page, tabId } = await visit(`${lab.httpsOrigin}/cookies/tracker`);
    await page.goto(`${lab.httpOrigin}/cookies/sticky`, { waitUntil: 'load' });
    const panel = await panelFor(tabId);
    await panel.getByLabel('Preserve log').check();
    await page.goto(`${lab.httpsOrigin}/cookies/tracker?again=1`, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    await panel.getByRole('button', { name: 'Cookies overview' }).click();
    const view = panel.getByRole('region', { name: 'Cookies overview' });
    const ide = view.locator('tr[data-cookie="__gads"]');
    await ide.waitFor({ timeout: 15000 });
    expect(await ide.innerText()).toMatch(/tracking[\s\S]*other\.test[\s\S]*Marketing[\s\S]*third-party/);
    expect(await ide.locator('.ov-why').innerText()).toMatch(/^Tracking: Marketing in the Open Cookie Database/);
    const awsalb = view.locator('tr[data-cookie="AWSALB"]');
    expect(await awsalb.innerText()).toMatch(/Load balancing[\s\S]*first-party/);
    await view.getByLabel('Tracking only').check();
    expect(await view.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cookie')))).toEqual(['__gads']);
    await panel.screenshot({ path: join(ARTIFACTS, 'panel-views-overview.png') });
    // docked at 400 px each cookie is a card: nothing scrolls sideways, the reason is in view
    await panel.setViewportSize({ width: 400, height: 700 });
    await panel.screenshot({ path: join(ARTIFACTS, 'panel-views-overview-400.png') });
    expect(await panel.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(400);
    const overview = await panel.locator('.overview').evaluate((el): [number, number] => [el.scrollWidth, el.clientWidth]);
    expect(overview[0], 'overview scrolls sideways').toBeLessThanOrEqual(overview[1]);
    const why = (await ide.locator('.ov-why').boundingBox())!;
    expect(why.x + why.width).toBeLessThanOrEqual(400);
    await panel.setViewportSize({ width: 1280, height: 760 });
    await panel.getByRole('button', { name: 'Requests' }).click();
    await panel.getByLabel('Filter text').fill('purpose:marketing -status-code:304');
    await expect.poll(() => panel.locator('.row.exchange .name').allInnerTexts()).toEqual(expect.arrayContaining(['pixel.gif']));
    await panel.getByLabel('Filter text').fill('set-cookie-name:SERVERID');
    await expect.poll(() => panel.locator('.row.exchange .name').allInnerTexts()).toEqual(['sticky']);
    // page groups without a match are left out
    expect(await panel.locator('.page-row').count()).toBe(1);
    await panel.close();
    await page.close();
  });

  it.each([
    [400, 700],
    [480, 700],
    [1040, 700],
  ])('lays out at %i px: toolbar in two rows at most, nothing cut off, the jar by content', async (width, height) => {
    const { page, tabId } = await visit(`${lab.httpOrigin}/cookies/sticky?w=${width}`);
    const panel = await panelFor(tabId, { width, height });
    await openRow(panel, `sticky?w=${width}`, 'Cookies');
    await panel.getByRole('button', { name: 'Show jar' }).click();
    await panel.locator('table.jar tbody tr').first().waitFor();
    await panel.screenshot({ path: join(ARTIFACTS, `panel-views-${width}.png`) });
    const toolbar = await panel.locator('.toolbar').boundingBox();
    expect(toolbar!.height).toBeLessThanOrEqual(62);
    const jar = await panel.evaluate(() => {
      const cells = [...document.querySelectorAll('table.jar tbody tr:first-child td')] as HTMLElement[];
      const first = cells[0];
      if (!first) throw new Error('the jar has no first row');
      const line = parseFloat(getComputedStyle(first).lineHeight) || 17;
      // the height of each cell's content (cells stretch to the row; their text does not)
      const contentHeight = (c: HTMLElement) => {
        const r = document.createRange();
        r.selectNodeContents(c);
        return r.getBoundingClientRect().height;
      };
      return { heights: cells.map((c, i) => ({ i, h: contentHeight(c), cls: c.className })), line };
    });
    // Name, Domain, Path and Delete hold one line each (the value may wrap)
    for (const c of jar.heights.filter((c) => c.cls !== 'value' && c.cls !== 'jar-wrap' && c.cls !== 'jar-purpose'))
      expect(c.h, `jar cell ${c.i}`).toBeLessThan(jar.line * 2 + 6);
    // the panel never scrolls as a whole: the toolbar stays in view, the list and the details scroll inside
    expect(await panel.evaluate(() => [document.scrollingElement!.scrollHeight, innerHeight])).toEqual([height, height]);
    expect((await panel.locator('.toolbar').boundingBox())!.y).toBe(0);
    // the list's columns fit its pane (beside or above the details): no sideways scrolling to reach Findings
    const list = await panel.locator('.request-list').evaluate((el): [number, number] => [el.scrollWidth, el.clientWidth]);
    expect(list[0], 'request list scrolls sideways').toBeLessThanOrEqual(list[1]);
    const cut = await cutOff(panel);
    expect(cut.out, JSON.stringify(cut)).toEqual([]);
    expect(cut.scrollWidth).toBeLessThanOrEqual(cut.width);
    if (width < 700) {
      // details below the list
      const list = await panel.locator('.list-pane').boundingBox();
      const detail = await panel.locator('.detail').boundingBox();
      expect(detail!.y).toBeGreaterThanOrEqual(list!.y + list!.height - 1);
    }
    // every detail tab is in full view
    for (const name of ['Caching', 'Cookies', 'CDN & proxies', 'Headers']) {
      const box = (await panel.getByRole('tab', { name }).boundingBox())!;
      expect(box.x + box.width, name).toBeLessThanOrEqual(width);
    }
    // the filter in one key
    await panel.locator('.request-list').focus();
    await panel.keyboard.press('/');
    expect(await panel.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Filter text');
    await panel.close();
    await page.close();
  });
});

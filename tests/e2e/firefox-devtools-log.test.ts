/**
 * Firefox's DevTools log, in firefox-esr with the toolbox open (issue 9's Firefox oddities). Firefox starts with
 * `--devtools`: the toolbox opens on the first tab and runs the extension's devtools page, which forwards each
 * finished request's HAR entry to the background (src/devtools/devtools.ts). What that log holds and webRequest does
 * not, measured here: a page's `data:,` favicon (it became a row named ","), and on a reload the image Firefox serves
 * from its image cache, with status 200, no server address and no response headers, no `_resourceType` and no
 * `_fromCache` (it became a row without a Type, shown as "network" with "no Date header").
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/firefox-devtools-log.test.ts
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../src/core/types';
import { explain } from '../../src/core/explain';
import { E2E_OPEN_PANEL_PATH } from '../../src/background/e2e';
import { startLab, type Lab } from '../lab/server';
import { HAS_FIREFOX, askRecords, launchFirefoxWithExtension } from './helpers/firefox';
import { waitFor, closeStarted } from './helpers/browser';

const UUID = '2e8b6f4d-9a1c-4b7e-8d35-cache1e5d7a1';

let lab: Lab;
let browser: Browser;
/** The tab the toolbox inspects (the first one), and the extension page that reads the recording for it. */
let inspected: Page;
let panel: Page;
let tabId: number;

beforeAll(async () => {
  if (!HAS_FIREFOX) return;
  lab = await startLab({ quiet: true });
  browser = await launchFirefoxWithExtension(UUID, {
    args: ['--devtools'],
    // The Network panel shown, so the netmonitor collects from the start.
    prefs: { 'devtools.toolbox.selectedTool': 'netmonitor' },
  });
  const [first] = await browser.pages();
  if (!first) throw new Error('Firefox started with no page to inspect');
  inspected = first;
  await inspected.goto(`${lab.httpOrigin}${E2E_OPEN_PANEL_PATH}`).catch(() => {});
  const prefix = `moz-extension://${UUID}/src/panel/index.html`;
  const found = await waitFor(
    async () => {
      for (const p of await browser.pages()) {
        const href = await p.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(prefix)) return { p, href };
      }
      return null;
    },
    { what: 'the panel tab the e2e build opens', interval: 200, timeout: 30000 },
  );
  panel = found.p;
  tabId = Number(new URL(found.href).searchParams.get('tabId'));
});

afterAll(async () => {
  await closeStarted(browser, lab);
});

async function recorded(): Promise<ExchangeRecord[]> {
  const reply = await askRecords(panel, tabId);
  if (!reply.records) throw new Error(`reading the records failed: ${reply.error}`);
  return reply.records;
}

const fromDevtools = (r: ExchangeRecord) => !!r.origins?.includes('devtools-har');

describe.skipIf(!HAS_FIREFOX)('Firefox DevTools log (--devtools)', () => {
  it('a reloaded image from the image cache is an image from memory with its headers; no row for the data: favicon', async () => {
    // The devtools page is live once the trigger page's record has its HAR entry merged in.
    await waitFor(async () => (await recorded()).find((r) => r.url.includes(E2E_OPEN_PANEL_PATH) && fromDevtools(r)), {
      what: 'the DevTools log reaching the background',
      timeout: 30000,
    });
    const page = `${lab.httpOrigin}/cache/heuristic`;
    const svg = `${lab.httpOrigin}/cache/res/heuristic.svg`;
    await inspected.goto(page);
    // The first load: webRequest's record, merged with its DevTools entry.
    const first = await waitFor(async () => (await recorded()).find((r) => r.url === svg && r.endTimeMs && fromDevtools(r)), {
      what: 'the first load of the image, with its DevTools entry',
      timeout: 30000,
    });
    expect(first).toMatchObject({ source: 'network', resourceType: 'image', status: 200 });

    await inspected.reload();
    // The reload: the image comes from Firefox's image cache; only DevTools reports it.
    const hit = await waitFor(async () => (await recorded()).find((r) => r.url === svg && r.id !== first.id), {
      what: 'the reload of the image, from the DevTools log',
      timeout: 30000,
    });
    expect(hit.origins).toEqual(['devtools-har']);
    expect(hit).toMatchObject({ status: 200, source: 'memory-cache', resourceType: 'image', navigation: 'subresource' });
    // Firefox showed no headers for it; the record carries those of the response the cache holds.
    const date = (r: ExchangeRecord) => r.responseHeaders.find((h) => h.name.toLowerCase() === 'date')?.value;
    expect(date(hit)).toBeDefined();
    expect(date(hit)).toBe(date(first));
    const findings = explain(hit, { now: Date.now() / 1000, browser: 'firefox' }).cache.findings.map((f) => f.id);
    expect(findings).not.toContain('date-missing');

    // What the panel (the page the e2e build opened for this tab, following it live) shows for the two loads.
    const rows = await waitFor(
      async () => {
        const cells = await panel.evaluate((url: string) => {
          const out: Array<{ type: string; from: string }> = [];
          for (const row of document.querySelectorAll('.row.exchange')) {
            if (row.querySelector<HTMLElement>('.name')?.title !== url) continue;
            out.push({
              type: (row.querySelector('.col-type') as HTMLElement).innerText.trim(),
              from: (row.querySelector('.col-from') as HTMLElement).innerText.trim(),
            });
          }
          return out;
        }, svg);
        return cells.length === 2 ? cells : null;
      },
      { what: 'both image rows in the panel', timeout: 30000 },
    );
    expect(rows).toEqual([
      { type: 'img', from: 'network' },
      { type: 'img', from: 'memory cache' },
    ]);

    // The data: favicon of both loads: DevTools listed it (before the next page's entries, in order over one port),
    // the recorder made no row of it.
    const next = `${lab.httpOrigin}/cache/short`;
    await inspected.goto(next);
    await waitFor(async () => (await recorded()).find((r) => r.url === next && r.endTimeMs && fromDevtools(r)), {
      what: 'the next page, with its DevTools entry',
      timeout: 30000,
    });
    expect((await recorded()).filter((r) => !/^https?:/.test(r.url)).map((r) => r.url)).toEqual([]);
  });
});

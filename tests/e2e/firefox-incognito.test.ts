/**
 * Private browsing never reaches disk, in Firefox ESR (issue 10, "Incognito airtight"). Firefox runs one background
 * for both modes ("incognito": "spanning" is all it supports), so the recorder judges each request: a private
 * window's page by its tab, and the requests of that page's service worker, which belong to no tab (tabId -1), by
 * the event's own `incognito` / `cookieStoreId` ("firefox-private"), keeping them in memory (adapter.ts incognitoOf).
 *
 * The extension is allowed in private windows through BiDi's "moz:allowPrivateBrowsing" install parameter (see
 * FirefoxLaunchOptions in helpers/firefox.ts); the private window is opened by the extension's own panel page
 * (windows.create({incognito: true})), since BiDi has no private-window command. The lab's /sw/ page registers a
 * service worker that fetches /sw/from-worker.json?tag=... by itself; it is loaded in a normal tab (the control,
 * which must reach IndexedDB and the profile's files) and in the private window (which must reach neither).
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/firefox-incognito.test.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../src/core/types';
import { E2E_OPEN_PANEL_PATH } from '../../src/background/e2e';
import { startLab, type Lab } from '../lab/server';
import { HAS_FIREFOX, askRecords, filesContaining, launchFirefoxWithExtension, type ExtensionPageGlobal } from './helpers/firefox';
import { waitFor, closeStarted } from './helpers/browser';

const UUID = '7a4c2e19-3d5b-4f8a-9c61-cache1e5b01d';

let lab: Lab;
let browser: Browser;
let profile: string;
let panel: Page;

beforeAll(async () => {
  if (!HAS_FIREFOX) return;
  lab = await startLab({ quiet: true });
  profile = mkdtempSync(join(tmpdir(), 'cache-lens-firefox-private-'));
  browser = await launchFirefoxWithExtension(UUID, { allowPrivateBrowsing: true, userDataDir: profile });
  // An extension page in a normal window: it reads the records (E2E_READ_RECORDS), the extension's IndexedDB
  // directly, and opens / closes the private window.
  const opener = await browser.newPage();
  await opener.goto(`${lab.httpOrigin}${E2E_OPEN_PANEL_PATH}`).catch(() => {});
  const prefix = `moz-extension://${UUID}/src/panel/index.html`;
  panel = await waitFor(
    async () => {
      for (const p of await browser.pages()) if ((await p.evaluate(() => location.href).catch(() => '')).startsWith(prefix)) return p;
      return null;
    },
    { what: 'the panel tab the e2e build opens', interval: 200 },
  );
});

afterAll(async () => {
  await closeStarted(browser, lab);
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A tag no other text in a record shares four letters with, so it survives IndexedDB's snappy compression as is. */
const tag = (prefix: string) => prefix + [...randomBytes(20)].map((b) => String.fromCharCode(65 + (b % 26))).join('');

/** What the recorder holds, in memory (incognito) and in IndexedDB (the rest), after flushing its write queue. */
async function recorded(tabId?: number): Promise<ExchangeRecord[]> {
  const reply = await askRecords(panel, tabId);
  if (!reply.records) throw new Error(`reading the records failed: ${reply.error}`);
  return reply.records;
}

/** Everything in the extension's `cache-lens` database, every object store, read with IndexedDB itself. */
function databaseText(): Promise<string> {
  return panel.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('cache-lens');
        open.onerror = () => {
          reject(open.error ?? new Error('IndexedDB: cache-lens did not open'));
        };
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const name of names) {
            const req = tx.objectStore(name).getAll();
            req.onsuccess = () => void (out[name] = req.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(JSON.stringify(out));
          };
          tx.onerror = () => {
            reject(tx.error ?? new Error('IndexedDB: the read failed'));
          };
        };
      }),
  );
}

const fromWorker = (t: string) => (r: ExchangeRecord) => r.url.endsWith(`/sw/from-worker.json?tag=${t}`) && !!r.endTimeMs;

describe.skipIf(!HAS_FIREFOX)('Firefox private windows ("incognito": "spanning")', () => {
  it('keeps a private page and its service worker in memory; a normal page with its worker reaches IndexedDB and disk', async () => {
    // Service workers need a secure context: http on 127.0.0.1 is one (lab.test is not).
    const origin = lab.httpOrigin.replace('lab.test', '127.0.0.1');
    const regularTag = tag('REGULAR');
    const privateTag = tag('PRIVATE');

    // The control: the same page in a normal window. Its worker's fetch (tabId -1) is regular traffic, stored.
    const regular = await browser.newPage();
    await regular.goto(`${origin}/sw/?tag=${regularTag}`);
    const regularFetch = await waitFor(async () => (await recorded(-1)).find(fromWorker(regularTag)), {
      what: 'the normal window worker fetch',
      timeout: 30000,
    });
    expect(regularFetch).toMatchObject({ tabId: -1, status: 200 });
    expect(regularFetch.incognito).toBeFalsy();

    // A private window with the page.
    const opened = await panel.evaluate(async (url: string) => {
      const w = (await (globalThis as ExtensionPageGlobal).browser.windows.create({ incognito: true, url }))!;
      return { windowId: w.id!, tabId: w.tabs![0]!.id!, incognito: w.incognito };
    }, `${origin}/sw/?tag=${privateTag}`);
    expect(opened.incognito).toBe(true);

    // The recorder saw it all, page and worker, and marked it private: Firefox's details say incognito: true also
    // for the worker's requests, which belong to no tab (WebRequest.sys.mjs: the channel's privateBrowsingId).
    const privateFetch = await waitFor(async () => (await recorded(-1)).find(fromWorker(privateTag)), {
      what: 'the private worker fetch, in memory',
      timeout: 30000,
    });
    expect(privateFetch).toMatchObject({ tabId: -1, status: 200, incognito: true });
    const privateScript = (await recorded(-1)).filter((r) => r.url.endsWith('/sw/worker.js') && r.incognito);
    expect(privateScript.length).toBeGreaterThan(0);
    const privatePage = await waitFor(
      async () => (await recorded(opened.tabId)).find((r) => r.url.endsWith(`/sw/?tag=${privateTag}`) && r.endTimeMs),
      {
        what: 'the private page, in memory',
        timeout: 30000,
      },
    );
    expect(privatePage.incognito).toBe(true);

    // IndexedDB, read by the extension's own page after the write queue was flushed (recorded() flushes): the normal
    // window's page and worker fetch are there, nothing of the private window is, in any object store.
    await recorded();
    const db = await databaseText();
    expect(db.includes(`/sw/from-worker.json?tag=${regularTag}`), 'the normal window worker fetch in IndexedDB').toBe(true);
    expect(db.includes(`/sw/?tag=${regularTag}`), 'the normal window page in IndexedDB').toBe(true);
    expect(db.includes(privateTag), 'the private window tag in IndexedDB').toBe(false);

    // The profile on disk: the control's tag reaches the extension's IndexedDB files (so the search can see a
    // record), the private tag no file at all.
    const extensionStorage = join(profile, 'storage', 'default');
    await waitFor(() => filesContaining(extensionStorage, regularTag).some((f) => f.startsWith(`moz-extension+++${UUID}`)) || null, {
      what: 'the normal window tag in the extension IndexedDB files',
      timeout: 30000,
    });
    expect(filesContaining(profile, privateTag)).toEqual([]);

    // Closing the private window ends its recording: the no-tab private records go with the last private tab.
    await panel.evaluate((id: number) => (globalThis as ExtensionPageGlobal).browser.windows.remove(id), opened.windowId);
    await waitFor(async () => !(await recorded()).some((r) => r.url.includes(privateTag)) || null, {
      what: 'the private records forgotten',
      timeout: 30000,
    });
    expect((await recorded(-1)).some(fromWorker(regularTag))).toBe(true);
    expect((await databaseText()).includes(privateTag), 'the private window tag in IndexedDB after closing').toBe(false);
    expect(filesContaining(profile, privateTag)).toEqual([]);
    await regular.close();
  });
});

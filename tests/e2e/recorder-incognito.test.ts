/**
 * Incognito never on disk. Chrome runs the extension "incognito": "split": incognito traffic goes to a second
 * instance in the off-the-record profile, which keeps every record in memory, including what an incognito page's own
 * service worker fetches (webRequest: tabId -1, no incognito flag). The regular instance never sees it.
 * Allowing the extension in incognito is a user toggle; chrome://extensions' own developerPrivate API flips it here
 * (which disables and reloads the unpacked extension, so it is enabled again with chrome.management).
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/recorder-incognito.test.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../src/core/types';
import { startLab, type Lab } from '../lab/server';
import {
  flushRecords,
  launchChromium,
  readRecords,
  readStoredRecords,
  tabIdOf,
  waitFor,
  type LaunchedChromium,
  closeStarted,
  type HookGlobal,
} from './helpers/browser';
import { attachTarget, listTargets, type RemoteTarget } from './helpers/cdp-target';

let lab: Lab;
let chromium: LaunchedChromium;
let worker: Worker;
let browserCdp: CDPSession;

beforeAll(async () => {
  lab = await startLab({ quiet: true });
  chromium = await launchChromium();
  browserCdp = await chromium.browserCdp();
  const settings = await chromium.context.newPage();
  await settings.goto('chrome://extensions');
  await settings.evaluate(async (id) => {
    // chrome://extensions' own API (not in @types/chrome): what its "Allow in Incognito" toggle calls.
    const api = chrome as typeof chrome & {
      developerPrivate: { updateExtensionConfiguration(update: { extensionId: string; incognitoAccess: boolean }): Promise<void> };
    };
    await api.developerPrivate.updateExtensionConfiguration({ extensionId: id, incognitoAccess: true });
  }, chromium.extensionId);
  await waitFor(
    async () => (await settings.evaluate(async (id) => !(await chrome.management.get(id)).enabled, chromium.extensionId)) || null,
    {
      what: 'extension reloading',
      timeout: 5000,
    },
  ).catch(() => {});
  await settings.evaluate((id) => chrome.management.setEnabled(id, true), chromium.extensionId);
  // Any network event wakes the new worker.
  const wake = await chromium.context.newPage();
  await wake.goto(`${lab.httpOrigin}/?wake`);
  worker = await waitFor(
    () => chromium.context.serviceWorkers().find((w) => w !== chromium.serviceWorker && w.url().includes(chromium.extensionId)),
    {
      what: 'the reloaded worker',
    },
  );
  await worker.evaluate(() => (globalThis as HookGlobal).__cacheLens.ready());
});

afterAll(async () => {
  await closeStarted(chromium, lab);
});

/** Every file of the profile that contains `needle` (as Latin-1 or UTF-16 bytes, as V8 serialises strings). */
function filesContaining(dir: string, needle: string): string[] {
  const forms = [Buffer.from(needle, 'latin1'), Buffer.from(needle, 'utf16le')];
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue; // removed meanwhile
      }
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && st.size < 64 * 1024 * 1024) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(p);
        } catch {
          continue;
        }
        if (forms.some((f) => bytes.includes(f))) hits.push(p.slice(dir.length + 1));
      }
    }
  };
  walk(dir);
  return hits;
}

/** The extension's instance in the off-the-record profile (a service worker target Playwright does not track). */
async function incognitoInstance(): Promise<RemoteTarget> {
  return waitFor(
    async () => {
      const ours = (await listTargets(browserCdp)).filter(
        (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${chromium.extensionId}/`),
      );
      for (const info of ours) {
        const target = await attachTarget(browserCdp, info);
        const isIncognito = await target.evaluate<boolean>('chrome.extension.inIncognitoContext === true').catch(() => false);
        if (isIncognito) return target;
        await target.detach();
      }
      return null;
    },
    { what: 'the incognito instance of the extension' },
  );
}

const SW_DONE = (tag: string) => (r: ExchangeRecord) => r.url.endsWith(`/sw/from-worker.json?tag=${tag}`) && !!r.endTimeMs;

describe('incognito ("incognito": "split")', () => {
  it('records an incognito page and its service worker in memory only; nothing of it reaches the profile on disk', async () => {
    // Service workers need a secure context: http on 127.0.0.1 is one.
    const origin = lab.httpOrigin.replace('lab.test', '127.0.0.1');
    const stamp = Date.now().toString(36);
    const regularTag = `regular-sw-${stamp}`;
    const privateTag = `private-sw-${stamp}`;

    // Positive control first: the same page in a regular tab lands in IndexedDB (so the disk search below can see).
    const regular = await chromium.context.newPage();
    await regular.goto(`${origin}/sw/?tag=${regularTag}`);
    await waitFor(async () => (await readRecords(worker, -1)).find(SW_DONE(regularTag)), { what: 'the regular worker fetch' });
    const regularTab = await tabIdOf(worker, regular);

    // An incognito window; its instance starts with the off-the-record profile. (In split mode the regular instance
    // may open the window but gets no handle on it: windows.create resolves without the window.)
    await worker.evaluate(async (url) => {
      await chrome.windows.create({ incognito: true, url });
    }, `${lab.httpOrigin}/?incognito-warm-${stamp}`);
    const incognito = await incognitoInstance();
    await incognito.evaluate('globalThis.__cacheLens.ready()');
    const privateTab = await waitFor(
      async () =>
        incognito.evaluate<number | null>(
          `chrome.tabs.query({}).then((t) => (t.find((x) => x.incognito && (x.url || x.pendingUrl || '').includes('incognito-warm-${stamp}')) || {}).id ?? null)`,
        ),
      { what: 'the incognito tab, seen by the incognito instance' },
    );
    await incognito.evaluate(
      `chrome.tabs.update(${privateTab}, { url: ${JSON.stringify(`${origin}/sw/?tag=${privateTag}`)} }).then(() => true)`,
    );

    // The incognito instance recorded the page and what its service worker fetched (tabId -1), all marked incognito.
    const readIncognito = (tabId: number) => incognito.evaluate<ExchangeRecord[]>(`globalThis.__cacheLens.readRecords(${tabId})`);
    const fromWorker = await waitFor(async () => (await readIncognito(-1)).find(SW_DONE(privateTag)), {
      what: 'the incognito worker fetch in the incognito instance',
    });
    expect(fromWorker).toMatchObject({ tabId: -1, status: 200, incognito: true });
    const doc = await waitFor(
      async () => (await readIncognito(privateTab)).find((r) => r.url.endsWith(`/sw/?tag=${privateTag}`) && r.endTimeMs),
      { what: 'the incognito page' },
    );
    expect(doc.incognito).toBe(true);
    // Cookies set in incognito go to the incognito jar, and the record's snapshot is read from it.
    await incognito.evaluate(
      `chrome.tabs.update(${privateTab}, { url: ${JSON.stringify(`${lab.httpOrigin}/cookies/set-several?${privateTag}`)} }).then(() => true)`,
    );
    const setter = await waitFor(
      async () =>
        (await readIncognito(privateTab)).find(
          (r) => r.url.endsWith(`?${privateTag}`) && r.jarSnapshot?.some((c) => c.name === 'several_a'),
        ),
      { what: 'the incognito set-several record with its jar' },
    );
    expect(setter.incognito).toBe(true);
    expect(await worker.evaluate(() => chrome.cookies.getAll({ name: 'several_a' }))).toHaveLength(0);
    // ...and wrote none of it to its IndexedDB (which the off-the-record profile keeps in memory anyway).
    await incognito.evaluate('globalThis.__cacheLens.flush()');
    expect(await incognito.evaluate<number>(`globalThis.__cacheLens.storedCount(${JSON.stringify(privateTag)})`)).toBe(0);

    // The regular instance never saw the incognito traffic, in memory or in IndexedDB.
    await flushRecords(worker);
    const everything = [...(await readRecords(worker)), ...(await readStoredRecords(worker))];
    expect(everything.some((r) => r.url.includes(privateTag) || r.url.includes(`incognito-warm-${stamp}`))).toBe(false);
    expect(everything.some((r) => r.url.endsWith(`/sw/from-worker.json?tag=${regularTag}`))).toBe(true);
    expect((await readStoredRecords(worker, regularTab)).some((r) => r.url.endsWith(`/sw/?tag=${regularTag}`))).toBe(true);

    // On disk: the regular recording is in the extension's IndexedDB; the private tag is nowhere in the profile.
    const idbDir = join(chromium.userDataDir, 'Default', 'IndexedDB');
    expect(filesContaining(idbDir, regularTag).some((f) => f.includes(chromium.extensionId))).toBe(true);
    expect(filesContaining(chromium.userDataDir, privateTag)).toEqual([]);

    // Closing the window ends the incognito instance's recording with it; still nothing on disk.
    await incognito.evaluate(`chrome.tabs.get(${privateTab}).then((t) => chrome.windows.remove(t.windowId)).then(() => true)`).catch(() => {
      /* the instance may go before it answers */
    });
    await incognito.detach();
    await waitFor(async () => !(await listTargets(browserCdp)).some((t) => t.targetId === incognito.info.targetId), {
      what: 'the incognito instance gone with its window',
      timeout: 30000,
    });
    expect(filesContaining(chromium.userDataDir, privateTag)).toEqual([]);
    await regular.close();
  });
});

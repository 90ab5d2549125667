/**
 * Incognito ("incognito": "spanning"): recorded in memory only, never written to IndexedDB, gone with the window.
 * Allowing the extension in incognito is a user toggle; chrome://extensions' own developerPrivate API flips it here
 * (which disables and reloads the unpacked extension, so it is enabled again with chrome.management).
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/recorder-incognito.test.ts
 */
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../lab/server';
import { flushRecords, launchChromium, readRecords, readStoredRecords, waitFor, type LaunchedChromium } from './helpers/browser';

let lab: Lab;
let chromium: LaunchedChromium;
let worker: Worker;

beforeAll(async () => {
  lab = await startLab({ quiet: true });
  chromium = await launchChromium();
  const settings = await chromium.context.newPage();
  await settings.goto('chrome://extensions');
  await settings.evaluate(async (id) => {
    const api = (globalThis as any).chrome;
    await api.developerPrivate.updateExtensionConfiguration({ extensionId: id, incognitoAccess: true });
  }, chromium.extensionId);
  await waitFor(async () => (await settings.evaluate(async (id) => (await (globalThis as any).chrome.management.get(id)).enabled === false, chromium.extensionId)) || null, {
    what: 'extension reloading',
    timeout: 5000,
  }).catch(() => {});
  await settings.evaluate(async (id) => (globalThis as any).chrome.management.setEnabled(id, true), chromium.extensionId);
  // Any network event wakes the new worker.
  const wake = await chromium.context.newPage();
  await wake.goto(`${lab.httpOrigin}/?wake`);
  worker = await waitFor(async () => chromium.context.serviceWorkers().find((w) => w !== chromium.serviceWorker && w.url().includes(chromium.extensionId)), {
    what: 'the reloaded worker',
  });
  await worker.evaluate(async () => (globalThis as any).__cacheLens.ready());
});

afterAll(async () => {
  await chromium?.close();
  await lab?.close();
});

describe('incognito', () => {
  it('keeps incognito traffic in memory only, with the incognito jar, and drops it when the window closes', async () => {
    const win = await worker.evaluate(async (url) => {
      const w = (await chrome.windows.create({ incognito: true, url }))!;
      return { windowId: w.id!, tabId: w.tabs![0].id!, incognito: w.incognito };
    }, `${lab.httpOrigin}/cookies/set-several?incognito`);
    expect(win.incognito).toBe(true);
    const doc = await waitFor(async () => (await readRecords(worker, win.tabId)).find((r) => r.url.endsWith('?incognito') && r.jarSnapshot), {
      what: 'incognito record',
    });
    expect(doc.incognito).toBe(true);
    expect(doc.status).toBe(200);
    expect(doc.jarSnapshot!.map((c) => c.name)).toContain('several_a');
    await flushRecords(worker);
    const stored = await readStoredRecords(worker);
    expect(stored.some((r) => r.url.includes('?incognito') || r.incognito)).toBe(false);
    // The regular jar never saw the incognito cookies.
    expect(await worker.evaluate(() => chrome.cookies.getAll({ name: 'several_a' }))).toHaveLength(0);
    await worker.evaluate((id) => chrome.windows.remove(id), win.windowId);
    await waitFor(async () => (await readRecords(worker, win.tabId)).length === 0, { what: 'incognito records dropped' });
  });
});

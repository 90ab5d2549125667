/**
 * Launching Debian's Chromium with the built extension (recipe: ../shared/notes/browser-testing.md) and reading what
 * the background recorded through the test hook it exposes on globalThis (src/background/test-hook.ts).
 */
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { ExchangeRecord } from '../../../src/core/types';

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium';
export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const CHROME_DIST = join(REPO_ROOT, 'dist/chrome');
export const FIREFOX_E2E_DIST = join(REPO_ROOT, 'dist/firefox-e2e');

/** Builds dist/* once per test run when missing (or always with CACHE_LENS_REBUILD=1). */
export function ensureBuilt(dir = CHROME_DIST): string {
  if (process.env.CACHE_LENS_REBUILD === '1' || !existsSync(join(dir, 'manifest.json'))) {
    execFileSync(process.execPath, ['scripts/build.mjs', '--e2e', '--quiet'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  return dir;
}

export interface LaunchOptions {
  /** Unpacked extension directory; default dist/chrome (built if missing). Pass null for no extension. */
  extensionPath?: string | null;
  headless?: boolean;
  args?: string[];
}

export interface LaunchedChromium {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** A browser-level CDP session (ServiceWorker.*, Target.*). */
  cdp(): Promise<CDPSession>;
  /** The current extension service worker (a new one after the old one was stopped). */
  currentServiceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP *.test 127.0.0.1',
  '--ignore-certificate-errors',
];

export async function launchChromium(opts: LaunchOptions = {}): Promise<LaunchedChromium> {
  const extensionPath = opts.extensionPath === undefined ? ensureBuilt() : opts.extensionPath;
  const userDataDir = mkdtempSync(join(tmpdir(), 'cache-lens-chromium-'));
  const args = [...CHROMIUM_ARGS, ...(opts.args ?? [])];
  if (extensionPath) args.push(`--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    args,
  });
  const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://');
  let serviceWorker = context.serviceWorkers().find(isOurs);
  if (extensionPath && !serviceWorker) serviceWorker = await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 20000 });
  const extensionId = serviceWorker ? new URL(serviceWorker.url()).host : '';
  let browserSession: CDPSession | null = null;
  return {
    context,
    extensionId,
    serviceWorker: serviceWorker!,
    async cdp() {
      if (browserSession) return browserSession;
      const browser = context.browser();
      if (browser) browserSession = await browser.newBrowserCDPSession();
      else {
        const page = context.pages()[0] ?? (await context.newPage());
        browserSession = await context.newCDPSession(page);
      }
      return browserSession;
    },
    async currentServiceWorker() {
      const live = context.serviceWorkers().filter(isOurs);
      if (live.length) return live[live.length - 1];
      return context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 20000 });
    },
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Every record the background has (memory + IndexedDB), optionally for one tab (-1: the no-tab bucket). */
export async function readRecords(serviceWorker: Worker, tabId?: number): Promise<ExchangeRecord[]> {
  return serviceWorker.evaluate(async (t) => {
    const hook = (globalThis as any).__cacheLens;
    if (!hook) throw new Error('Cache Lens test hook missing on the background');
    return hook.readRecords(t);
  }, tabId);
}

/** Records read from IndexedDB only (what survives a stopped worker). */
export async function readStoredRecords(serviceWorker: Worker, tabId?: number): Promise<ExchangeRecord[]> {
  return serviceWorker.evaluate(async (t) => (globalThis as any).__cacheLens.readStoredRecords(t), tabId);
}

/** Waits until the background has flushed its write queue to IndexedDB. */
export async function flushRecords(serviceWorker: Worker): Promise<void> {
  await serviceWorker.evaluate(async () => (globalThis as any).__cacheLens.flush());
}

/** The tab id of a page, found by the background via tabs.query on the page's URL (make URLs unique per test). */
export async function tabIdOf(serviceWorker: Worker, page: Page): Promise<number> {
  const url = page.url();
  const id = await serviceWorker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const hit = tabs.filter((t) => t.url === u);
    return hit.length === 1 ? hit[0].id! : hit.length === 0 ? -2 : -3;
  }, url);
  if (id === -2) throw new Error(`no tab with URL ${url}`);
  if (id === -3) throw new Error(`several tabs with URL ${url}; make it unique`);
  return id;
}

/** Opens the panel page as an ordinary tab for one tab's recording (the documented pop-out URL). */
export async function openPanelPage(context: BrowserContext, extensionId: string, tabId: number): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/src/panel/index.html?tabId=${tabId}`);
  return page;
}

/** Polls until `check` returns a truthy value (or throws on timeout with the last value). */
export async function waitFor<T>(check: () => Promise<T>, { timeout = 15000, interval = 100, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

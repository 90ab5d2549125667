/**
 * Launching Debian's Chromium with the built extension (recipe: ../shared/notes/browser-testing.md) and reading what
 * the background recorded through the test hook it exposes on globalThis (src/background/test-hook.ts).
 */
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { mkdtempSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { ExchangeRecord } from '../../../src/core/types';
import type { CacheLensTestHook } from '../../../src/background/test-hook';
import type { BgToPanel } from '../../../src/shared/protocol';

/**
 * The background's globalThis in an e2e build, with the test hook src/background/test-hook.ts installs. A type only:
 * inside a `serviceWorker.evaluate(() => ...)` callback (serialised, run in the worker) write
 * `(globalThis as HookGlobal).__cacheLens.flush()`.
 */
export type HookGlobal = typeof globalThis & { __cacheLens: CacheLensTestHook };
/** The same before the hook may be installed (a build without it, or the worker still starting). */
export type MaybeHookGlobal = typeof globalThis & { __cacheLens?: CacheLensTestHook };

/** One background-to-panel message of the given type (src/shared/protocol.ts). */
export type BgMessage<T extends BgToPanel['type']> = Extract<BgToPanel, { type: T }>;
/** A guard for `messages.find(isBg('bg>panel:snapshot'))`. */
export const isBg =
  <T extends BgToPanel['type']>(type: T) =>
  (m: BgToPanel): m is BgMessage<T> =>
    m.type === type;

/**
 * Closes, in order, what a beforeAll started. One it never assigned (it failed before) is skipped: the declared
 * types (`let lab: Lab`) cannot say "maybe unset", this parameter type does.
 */
export async function closeStarted(...started: ({ close(): Promise<unknown> } | undefined)[]): Promise<void> {
  for (const s of started) if (s) await s.close();
}

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium';
export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
/** The shipped Chrome build (no test hooks). */
export const CHROME_DIST = join(REPO_ROOT, 'dist/chrome');
/** The same build with the test-only hooks compiled in (globalThis.__cacheLens, the e2e triggers): what launchChromium() loads. */
export const CHROME_E2E_DIST = join(REPO_ROOT, 'dist/chrome-e2e');
export const FIREFOX_E2E_DIST = join(REPO_ROOT, 'dist/firefox-e2e');

const mtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : 0);

/**
 * Builds dist/* (with the e2e variants) when `dir` is missing, when an e2e variant is older than the regular build
 * (`npm run build` refreshed dist/chrome|firefox only), or always with CACHE_LENS_REBUILD=1.
 */
export function ensureBuilt(dir = CHROME_DIST): string {
  const manifest = join(dir, 'manifest.json');
  const regular = join(dir.replace(/-e2e$/, ''), 'manifest.json');
  if (process.env.CACHE_LENS_REBUILD === '1' || !existsSync(manifest) || mtime(manifest) < mtime(regular)) {
    execFileSync(process.execPath, ['scripts/build.mjs', '--e2e', '--quiet'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  return dir;
}

export interface LaunchOptions {
  /**
   * Unpacked extension directory; default dist/chrome-e2e (built if missing or stale), whose background has the
   * read-only __cacheLens hook the readers below use. Pass CHROME_DIST for the shipped build, null for no extension.
   */
  extensionPath?: string | null;
  headless?: boolean;
  args?: string[];
}

export interface LaunchedChromium {
  context: BrowserContext;
  extensionId: string;
  /** The profile directory (removed by close()). */
  userDataDir: string;
  serviceWorker: Worker;
  /** A CDP session on a blank helper page: the ServiceWorker domain lives on page targets, not the browser target. */
  cdp(): Promise<CDPSession>;
  /** A browser-level CDP session (Target.*, Browser.*). */
  browserCdp(): Promise<CDPSession>;
  /** ServiceWorker.stopAllWorkers; resolves once a new worker instance runs (or after 15 s if nothing woke it). */
  stopServiceWorkers(): Promise<void>;
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
  const extensionPath = opts.extensionPath === undefined ? ensureBuilt(CHROME_E2E_DIST) : opts.extensionPath;
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
  if (serviceWorker) {
    // On a fresh profile the extension installs while the browser starts; requests made before the worker has run
    // its top-level addListener calls (and the browser has registered them) are not reported to it at all.
    await serviceWorker.evaluate(() => (globalThis as MaybeHookGlobal).__cacheLens?.ready());
    await new Promise((r) => setTimeout(r, 500));
  }
  let browserSession: CDPSession | null = null;
  let pageSession: CDPSession | null = null;
  /** Workers Playwright lists but that are gone for good. */
  const stale = new WeakSet<Worker>();
  const launched: LaunchedChromium = {
    context,
    extensionId,
    userDataDir,
    serviceWorker: serviceWorker!,
    async cdp() {
      if (pageSession) return pageSession;
      const page = await context.newPage();
      await page.goto('about:blank');
      pageSession = await context.newCDPSession(page);
      await pageSession.send('ServiceWorker.enable');
      return pageSession;
    },
    async browserCdp() {
      browserSession ??= await context.browser()!.newBrowserCDPSession();
      return browserSession;
    },
    async stopServiceWorkers() {
      const session = await launched.cdp();
      const startedMs = () =>
        Promise.race([
          launched.currentServiceWorker().then((w) => w.evaluate(() => (globalThis as HookGlobal).__cacheLens.workerStartedMs())),
          new Promise<number>((r) => setTimeout(() => r(-1), 1000)),
        ]).catch(() => -1);
      const before = await startedMs();
      await session.send('ServiceWorker.stopAllWorkers');
      // The target id survives a restart; the worker's own start time tells the new instance from the old one.
      // (Any network event wakes the stopped worker again at once.)
      await waitFor(
        async () => {
          const now = await startedMs();
          return now !== before && now !== -1;
        },
        { what: 'service worker restarted', timeout: 15000, interval: 50 },
      ).catch(() => {
        /* no event woke it yet: it stays stopped, which is what was asked */
      });
    },
    async currentServiceWorker() {
      const live = context.serviceWorkers().filter((w) => isOurs(w) && !stale.has(w));
      if (live.length) return live[live.length - 1]!;
      return context.waitForEvent('serviceworker', { predicate: (w) => isOurs(w) && !stale.has(w), timeout: 20000 });
    },
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return launched;
}

/** Every record the background has (memory + IndexedDB), optionally for one tab (-1: the no-tab bucket). */
export async function readRecords(serviceWorker: Worker, tabId?: number): Promise<ExchangeRecord[]> {
  return serviceWorker.evaluate((t) => {
    const hook = (globalThis as MaybeHookGlobal).__cacheLens;
    if (!hook) throw new Error('Cache Lens test hook missing on the background');
    return hook.readRecords(t);
  }, tabId);
}

/** Records read from IndexedDB only (what survives a stopped worker). */
export async function readStoredRecords(serviceWorker: Worker, tabId?: number): Promise<ExchangeRecord[]> {
  return serviceWorker.evaluate((t) => (globalThis as HookGlobal).__cacheLens.readStoredRecords(t), tabId);
}

/** Waits until the background has flushed its write queue to IndexedDB. */
export async function flushRecords(serviceWorker: Worker): Promise<void> {
  await serviceWorker.evaluate(() => (globalThis as HookGlobal).__cacheLens.flush());
}

/** The tab id of a page, found by the background via tabs.query on the page's URL (make URLs unique per test). */
export async function tabIdOf(serviceWorker: Worker, page: Page): Promise<number> {
  const url = page.url();
  const id = await serviceWorker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const hit = tabs.filter((t) => t.url === u);
    return hit.length === 1 ? hit[0]!.id! : hit.length === 0 ? -2 : -3;
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
export async function waitFor<T>(
  check: () => T | Promise<T>,
  { timeout = 15000, interval = 100, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last value: ${(JSON.stringify(last) as string | undefined)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

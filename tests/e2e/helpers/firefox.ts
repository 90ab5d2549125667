/**
 * firefox-esr with the e2e build installed, driven by puppeteer-core 24 over WebDriver BiDi
 * (../shared/notes/browser-testing.md: geckodriver is not available here; BiDi installs the extension).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Browser as WebExtensionApi } from 'webextension-polyfill';
import { GECKO_ID } from '../../../manifest.config';
import { E2E_READ_RECORDS } from '../../../src/background/e2e';
import type { ExchangeRecord } from '../../../src/core/types';
import { LAB_HOSTS } from '../../lab/server';
import { FIREFOX_E2E_DIST, ensureBuilt } from './browser';

/**
 * An extension page's globalThis in Firefox, with its `browser` namespace (webextension-polyfill's types describe
 * it). A type only: inside `page.evaluate(() => ...)` write `(globalThis as ExtensionPageGlobal).browser.windows...`.
 */
export type ExtensionPageGlobal = typeof globalThis & { browser: WebExtensionApi };

/** The e2e build's answer to `{type: E2E_READ_RECORDS}` (src/background/e2e.ts): the records, or why not. */
export interface ReadRecordsReply {
  records?: ExchangeRecord[];
  stats?: unknown;
  error?: string;
}

/**
 * Asks the background, from one of the extension's own pages, for its records (one tab's, or all without `tabId`),
 * after it flushed its write queue.
 */
export function askRecords(extensionPage: Page, tabId?: number): Promise<ReadRecordsReply> {
  return extensionPage.evaluate(
    (type: string, id: number | null) =>
      (globalThis as ExtensionPageGlobal).browser.runtime.sendMessage<unknown, ReadRecordsReply>({
        type,
        tabId: id ?? undefined,
        flush: true,
      }),
    E2E_READ_RECORDS,
    tabId ?? null,
  );
}

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const HAS_FIREFOX = existsSync(FIREFOX);

export interface FirefoxLaunchOptions {
  /**
   * Allow the extension in private windows. Firefox does not run extensions there unless the user allows it, and the
   * old pref `extensions.allowPrivateBrowsingByDefault` is gone. Firefox's BiDi `webExtension.install` takes the
   * vendor parameter "moz:allowPrivateBrowsing" (remote/webdriver-bidi/modules/root/webExtension.sys.mjs in
   * Firefox 153's omni.ja; it grants the "internal:privateBrowsingAllowed" permission, what about:addons' "Run in
   * Private Windows" sets), also for a temporary add-on. puppeteer's installExtension() does not pass it, so the
   * command is sent on puppeteer's BiDi connection.
   */
  allowPrivateBrowsing?: boolean;
  /** Profile directory (puppeteer fills it with its prefs); default a temporary one puppeteer removes on close. */
  userDataDir?: string;
  /** Extra Firefox prefs. */
  prefs?: Record<string, unknown>;
  /** Extra command-line arguments (e.g. `--devtools`: the toolbox opens on the first tab, with the extension's devtools page). */
  args?: string[];
}

/** Launches Firefox with dist/firefox-e2e installed under a fixed moz-extension:// UUID (so pages have known URLs). */
export async function launchFirefoxWithExtension(uuid: string, opts: FirefoxLaunchOptions = {}): Promise<Browser> {
  ensureBuilt(FIREFOX_E2E_DIST);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    ...(opts.userDataDir ? { userDataDir: opts.userDataDir } : {}),
    ...(opts.args ? { args: opts.args } : {}),
    extraPrefsFirefox: {
      // The lab's *.test names resolve to loopback (Chromium uses --host-resolver-rules instead).
      'network.dns.localDomains': LAB_HOSTS.join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      ...opts.prefs,
    },
  });
  if (opts.allowPrivateBrowsing) {
    const connection = (browser as unknown as { connection: { send(method: string, params: object): Promise<unknown> } }).connection;
    await connection.send('webExtension.install', {
      extensionData: { type: 'path', path: FIREFOX_E2E_DIST },
      'moz:allowPrivateBrowsing': true,
    });
  } else {
    await browser.installExtension(FIREFOX_E2E_DIST);
  }
  return browser;
}

/**
 * Every file under `dir` (relative paths) whose bytes contain `needle` as Latin-1 or UTF-16 (how SpiderMonkey
 * serialises strings into IndexedDB). Files vanishing meanwhile are skipped.
 */
export function filesContaining(dir: string, needle: string): string[] {
  const forms = [Buffer.from(needle, 'latin1'), Buffer.from(needle, 'utf16le')];
  const hits: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(d, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
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

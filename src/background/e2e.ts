/**
 * Test-only triggers, compiled in only when __CACHE_LENS_E2E__ (scripts/build.mjs --e2e -> dist/*-e2e).
 * Firefox over WebDriver BiDi cannot evaluate in the background nor navigate a tab to a moz-extension:// page
 * (../shared/notes/browser-testing.md), so:
 *  - visiting any http(s) URL whose path is E2E_OPEN_PANEL_PATH makes the background open the panel page for that tab;
 *  - the extension's own pages may ask for the records with runtime.sendMessage({type: E2E_READ_RECORDS, tabId}).
 */
import type { Browser, Runtime } from 'webextension-polyfill';
import type { Recorder } from './recorder';
import { isOwnExtensionPage } from './messaging';

/** The e2e helpers take webextension-polyfill's `browser` from index.ts: the e2e tests import this module's constants
 * in Node, where the polyfill cannot load. */
type E2eApi = Pick<Browser, 'runtime' | 'tabs' | 'storage'>;

export const E2E_OPEN_PANEL_PATH = '/__cache-lens-e2e__/open-panel';
export const E2E_READ_RECORDS = 'cache-lens-e2e:read-records';

export function maybeOpenPanelForE2e(browser: E2eApi, details: { url: string; type?: string; tabId: number }): void {
  if (details.type !== 'main_frame' || !details.url.includes(E2E_OPEN_PANEL_PATH)) return;
  browser.tabs.create({ url: browser.runtime.getURL(`src/panel/index.html?tabId=${details.tabId}&e2e=1`) }).then(
    () => {},
    (err: unknown) => console.error('cache-lens-e2e could not open the panel tab', String(err)),
  );
}

/** What an extension page may send: `{type: E2E_READ_RECORDS, tabId?, flush?}`. */
interface ReadRecordsMessage {
  type: typeof E2E_READ_RECORDS;
  tabId?: unknown;
  flush?: unknown;
}

function isReadRecords(message: unknown): message is ReadRecordsMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === E2E_READ_RECORDS;
}

export function installE2eMessages(browser: E2eApi, recorder: Recorder, ready: Promise<void>): void {
  // The answer is the listener's promise (the polyfill's form, also Firefox's own); anything else gets none.
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isReadRecords(message)) return undefined;
    if (!isOwnExtensionPage(sender, browser.runtime.id, browser.runtime.getURL(''))) return undefined;
    return ready
      .then(async () => {
        const store = recorder.store!;
        if (message.flush) await store.flush();
        const records = typeof message.tabId === 'number' ? await store.exchangesForTab(message.tabId) : await store.allExchanges();
        return { records, stats: recorder.stats.summary() };
      })
      .catch((err: unknown) => ({ error: String(err) }));
  });
}

/** storage.session key: when true, the e2e build logs every webRequest event of /burst/item/ URLs it receives. */
export const E2E_TRACE_KEY = 'cacheLens.e2eTrace';

/**
 * Delivery trace for the worker-stop e2e test: console lines ("cl-trace <event> <requestId> <path>") leave the worker
 * as each event arrives, so they outlive a worker that is stopped before it could store the event. Loaded before
 * the recorder handles its first event (also in a restarted worker).
 */
export function installE2eTrace(browser: E2eApi, recorder: Recorder): Promise<void> {
  let on = false;
  recorder.trace = (event, details) => {
    const d = details as { url?: string; requestId?: string } | undefined;
    if (!on || typeof d?.url !== 'string' || !d.url.includes('/burst/item/')) return;
    console.debug(
      `cl-trace ${event} ${d.requestId} ${new URL(d.url).pathname} ${recorder.workerStartedMs} ${recorder.isReady ? 'ready' : 'queued'}`,
    );
  };
  // Not storage.session.onChanged: that would bring each journal write back to the worker (index.ts). Polled instead;
  // `globalThis.__cacheLensTrace` tells the test when this worker has seen the switch.
  const poll = () =>
    browser.storage.session.get(E2E_TRACE_KEY).then(
      (v) => void ((globalThis as { __cacheLensTrace?: boolean }).__cacheLensTrace = on = !!v[E2E_TRACE_KEY]),
      () => {},
    );
  setInterval(() => void poll(), 250);
  return poll();
}

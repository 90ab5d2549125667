/**
 * The devtools page: creates the Cache Lens panel and, while DevTools is open, forwards every finished request's
 * HAR entry to the background, which merges it into the webRequest record (memory-cache hits, real 304s and the
 * request headers webRequest hides). The port comes from webextension-polyfill's runtime.connect (the native
 * `browser` where there is one, else `chrome.runtime.connect` passed through); DevTools' own API does not, for the
 * reasons in devtools-api.ts.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { DEVTOOLS_PORT_PREFIX, PROTOCOL_VERSION, type DevtoolsToBg } from '../shared/protocol';
import { createPanel, inspectedTabId, onRequestFinished } from './devtools-api';
import { toHarEntryLike } from './har-forward';
import { forwardSearch } from './search-forward';
import iconUrl from './icon.svg?no-inline';

const tabId = inspectedTabId();

// Paths are extension-root absolute: Chrome resolves them against the extension root, Firefox against this page.
// DevTools' search box (Ctrl+F while the panel is shown) reaches the panel through onSearch; Firefox has none
// (see search-forward.ts).
createPanel('Cache Lens', iconUrl, '/src/panel/index.html').then(
  (panel) => forwardSearch(panel),
  (err: unknown) => {
    console.error('Cache Lens: panel not created', err);
  },
);

let port: Runtime.Port | null = null;
const pending: DevtoolsToBg[] = [];
/**
 * Entries posted on the current port in the last RESEND_MS. A port message to a service worker that is being stopped
 * is lost with it (measured with ServiceWorker.stopAllWorkers mid-burst, tests/e2e/recorder-worker-stop.test.ts), so
 * when the port goes they are sent again to the next worker, which ignores the ones it already merged.
 */
const RESEND_MS = 3000;
let posted: Array<{ at: number; message: DevtoolsToBg }> = [];

function connect(): Runtime.Port {
  const p = browser.runtime.connect({ name: `${DEVTOOLS_PORT_PREFIX}${tabId}` });
  p.onDisconnect.addListener(() => {
    // The background's service worker was stopped (or reloaded): what it may not have got goes to the next one, lazily.
    if (port !== p) return;
    port = null;
    const since = Date.now() - RESEND_MS;
    const again = posted.filter((x) => x.at >= since).map((x) => x.message);
    posted = [];
    // Sent with the next entry (reconnecting at once would wake the worker while it is still being stopped).
    pending.unshift(...again);
  });
  p.postMessage({ type: 'devtools>bg:hello', v: PROTOCOL_VERSION, tabId } satisfies DevtoolsToBg);
  return p;
}

function send(message: DevtoolsToBg): void {
  pending.push(message);
  flush();
}

function flush(): void {
  for (let attempt = 0; attempt < 2 && pending.length; attempt++) {
    try {
      port ??= connect();
      const now = Date.now();
      while (posted.length && posted[0]!.at < now - RESEND_MS) posted.shift();
      while (pending.length) {
        const message = pending[0]!; // length checked
        port.postMessage(message);
        posted.push({ at: now, message: pending.shift()! });
      }
    } catch {
      port = null; // a stale port throws; retry once with a fresh one
    }
  }
}

port = connect();
onRequestFinished((entry) => {
  send({ type: 'devtools>bg:har-entry', v: PROTOCOL_VERSION, tabId, entry: toHarEntryLike(entry) });
});

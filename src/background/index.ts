/**
 * Background entry (Chrome: service worker; Firefox: event page). Every listener is registered synchronously at the
 * top level so a stopped worker is woken by, and receives, the event that needs it
 * (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/events#declare-events).
 */
// The extension API: webextension-polyfill's `browser`. Firefox and Chromium 156 (measured) have a `browser` of their
// own, which the polyfill hands back as it is; an older Chrome gets its wrapper over chrome.*, which gives promises for
// the methods its metadata lists. Nothing of it runs per event either way: addListener reaches the browser's own event
// objects (it wraps the listeners of runtime.onMessage and devtools.network.onRequestFinished only), and
// storage.session, absent from its metadata, is the browser's own promise API (webextension-polyfill 0.12.0,
// dist/browser-polyfill.js: wrapObject, staticWrappers).
import browser, { type Tabs, type WebNavigation, type WebRequest } from 'webextension-polyfill';
import type { WebRequestDetails } from './adapter';
import { ToolbarBadge } from './badge';
import { installE2eMessages, installE2eTrace, maybeOpenPanelForE2e } from './e2e';
import { PanelHub } from './messaging';
import { Recorder, browserRecorderApi } from './recorder';
import { DEFAULT_RETENTION, ExchangeStore, type RetentionSettings } from './store';
import { installTestHook } from './test-hook';
import { Journal, sessionJournalApi } from './journal';

const BROWSER = typeof __CACHE_LENS_BROWSER__ === 'string' ? __CACHE_LENS_BROWSER__ : 'chrome';
const E2E = typeof __CACHE_LENS_E2E__ === 'boolean' && __CACHE_LENS_E2E__;
const SETTINGS_KEY = 'cacheLens.retention';
/** Chrome's incognito instance ("incognito": "split" in manifest.config.ts): it records in memory only. */
const INCOGNITO_CONTEXT = (browser.extension as { inIncognitoContext?: boolean } | undefined)?.inIncognitoContext === true;

// eslint-disable-next-line prefer-const
let hub: PanelHub;
// The toolbar badge for each tab's main document (badge.ts).
const badge = new ToolbarBadge(BROWSER, browser.action, browser.storage.session);
const recorder = new Recorder(
  BROWSER,
  {
    onRecord: (record) => {
      hub.recordChanged(record);
      badge.recordChanged(record);
    },
    onPage: (page) => hub.pageStarted(page),
    onCleared: (tabId) => hub.cleared(tabId),
    onLost: () => hub.storageChanged(),
  },
  browserRecorderApi(browser),
  { incognitoContext: INCOGNITO_CONTEXT, journal: new Journal(sessionJournalApi(browser.storage.session)) },
);
/** The retention settings stored under SETTINGS_KEY (an object's fields over the defaults; anything else: defaults). */
function retentionFrom(saved: unknown): RetentionSettings {
  return { ...DEFAULT_RETENTION, ...(typeof saved === 'object' && saved !== null ? (saved as Partial<RetentionSettings>) : {}) };
}
async function loadRetention(): Promise<RetentionSettings> {
  return retentionFrom((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

const ready = recorder.start(
  async () =>
    // A quota refusal (the store trims the oldest and writes again) is told to the panels at once.
    ExchangeStore.open({
      retention: await loadRetention(),
      // Finished records are protected by the journal; IndexedDB takes them with the next-task batch (store.ts).
      finalAtOnce: false,
      // One commit per 16 ms at most during a burst (docs/recorder.md, Speed): what the retention counts used to pace.
      minCommitGapMs: 16,
      onFlushed: (ids, takenAt) => recorder.journal?.committed(ids, takenAt),
      onStorageHealth: () => hub.storageChanged(),
    }),
  E2E ? installE2eTrace(browser, recorder) : undefined,
);
ready.catch((err: unknown) => console.error('Cache Lens: recorder failed to start', err));
hub = new PanelHub(recorder, ready, browser);

// ------------------------------------------------------------------------------------------------ webRequest

/**
 * No onResponseStarted: in Chromium 156 it follows onHeadersReceived for every response, disk-cache hits included,
 * and carries nothing that event and onCompleted do not (docs/recorder.md, Speed); each listener costs the browser
 * an event dispatch per request.
 *
 * Chrome hides Set-Cookie, Cookie, Referer... unless 'extraHeaders' is asked for; Firefox rejects that option and
 * shows them anyway (https://developer.chrome.com/docs/extensions/reference/api/webRequest#life-cycle-of-requests).
 */
/**
 * `bench/recorder.ts --floor`, e2e builds only (a module run before this one sets the global): 'listen' registers every
 * webRequest listener as shipped but with an empty body, 'listen-no-extra' the same without 'extraHeaders'. What the
 * page pays for the browser delivering the events alone, beside the full recorder (docs/recorder.md, Speed).
 */
const BENCH_FLOOR: unknown = E2E ? (globalThis as { __cacheLensBenchFloor?: unknown }).__cacheLensBenchFloor : undefined;
/**
 * Feature detection of 'extraHeaders' through chrome.*: the enum object Chrome exposes for it is data, not an API, and
 * neither the polyfill's types nor Firefox have it (Firefox rejects the option)
 * (https://developer.chrome.com/docs/extensions/reference/api/webRequest#type-OnHeadersReceivedOptions).
 */
const chromeWebRequest = chrome.webRequest as { OnHeadersReceivedOptions?: { EXTRA_HEADERS?: string } };
const EXTRA: 'extraHeaders'[] =
  chromeWebRequest.OnHeadersReceivedOptions?.EXTRA_HEADERS && BENCH_FLOOR !== 'listen-no-extra' ? ['extraHeaders'] : [];
const filter: WebRequest.RequestFilter = { urls: ['<all_urls>'] };
const wr = browser.webRequest;

/**
 * The recorder's listener for one webRequest event, typed by that event's details (each of which carries what the
 * adapter reads: WebRequestDetails). The browser calls it directly: nothing of the polyfill sits in between.
 */
const on = <D extends WebRequestDetails>(event: string, body: (d: D) => void): ((d: D) => void) =>
  BENCH_FLOOR === undefined ? recorder.listener<D>(event, body) : () => undefined;

wr.onBeforeRequest.addListener(
  on<WebRequest.OnBeforeRequestDetailsType>('beforeRequest', (d) => {
    if (E2E) maybeOpenPanelForE2e(browser, d);
    recorder.onBeforeRequest(d);
  }),
  filter,
);
wr.onSendHeaders.addListener(
  on<WebRequest.OnSendHeadersDetailsType>('sendHeaders', (d) => recorder.onSendHeaders(d)),
  filter,
  ['requestHeaders', ...EXTRA],
);
wr.onHeadersReceived.addListener(
  on<WebRequest.OnHeadersReceivedDetailsType>('headersReceived', (d) => recorder.onHeadersReceived(d)),
  filter,
  ['responseHeaders', ...EXTRA],
);
wr.onBeforeRedirect.addListener(
  on<WebRequest.OnBeforeRedirectDetailsType>('beforeRedirect', (d) => recorder.onBeforeRedirect(d)),
  filter,
  ['responseHeaders', ...EXTRA],
);
wr.onCompleted.addListener(
  on<WebRequest.OnCompletedDetailsType>('completed', (d) => recorder.onCompleted(d)),
  filter,
  ['responseHeaders', ...EXTRA],
);
wr.onErrorOccurred.addListener(
  on<WebRequest.OnErrorOccurredDetailsType>('errorOccurred', (d) => recorder.onErrorOccurred(d)),
  filter,
);

// ------------------------------------------------------------------------------------------------ tabs, navigation, cookies

browser.tabs.onCreated.addListener(recorder.listener<Tabs.Tab>('tabCreated', (tab) => recorder.onTabCreated(tab)));
browser.tabs.onRemoved.addListener((tabId) => recorder.listener<number>('tabRemoved', (id) => recorder.onTabRemoved(id))(tabId));
browser.tabs.onRemoved.addListener((tabId) => badge.tabRemoved(tabId));
browser.webNavigation.onCommitted.addListener(
  recorder.listener<WebNavigation.OnCommittedDetailsType>('navCommitted', (d) => {
    if (d.frameId === 0) recorder.onTopFrameCommitted(d.tabId, d.url);
    if (d.frameId === 0) badge.pageCommitted(d.tabId, d.url);
    recorder.onFrameDocument(d.tabId, d.frameId, d.url, true);
  }),
);
browser.webNavigation.onHistoryStateUpdated.addListener(
  recorder.listener<WebNavigation.OnHistoryStateUpdatedDetailsType>('historyState', (d) => {
    if (d.frameId === 0) recorder.onTopFrameCommitted(d.tabId, d.url);
    if (d.frameId === 0) badge.pageCommitted(d.tabId, d.url);
    recorder.onFrameDocument(d.tabId, d.frameId, d.url, false);
  }),
);
// The panel's "cannot record this page" banner follows the tab (messaging.ts tabNavigated).
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url) hub.tabNavigated(tabId);
});
browser.cookies.onChanged.addListener((change) => recorder.onCookiesChanged(change));

// storage.local's own event, not storage.onChanged: that one would also bring every journal write and removal in
// storage.session back to the worker, each with the whole record (journal.ts)
// (https://developer.chrome.com/docs/extensions/reference/api/storage#event-onChanged).
browser.storage.local.onChanged.addListener((changes) => {
  const change = changes[SETTINGS_KEY];
  if (!change) return;
  void ready.then(() => recorder.store!.setRetention(retentionFrom(change.newValue)));
});

// ------------------------------------------------------------------------------------------------ messaging

browser.runtime.onConnect.addListener((port) => hub.onConnect(port));

// Test-only: the read-only globalThis.__cacheLens hook and the e2e messages exist only in e2e builds (dist/*-e2e);
// __CACHE_LENS_E2E__ is a compile-time constant, so shipped builds do not even contain the code.
if (E2E) {
  installTestHook(recorder, ready);
  installE2eMessages(browser, recorder, ready);
}

/**
 * The recorder: webRequest events -> ExchangeRecords (through adapter.ts) -> store.ts, plus the tab bookkeeping
 * (top-level URL at each moment, pages per navigation, incognito) and live notifications for subscribed panels.
 *
 * Every listener body is synchronous and small (the hot path); IndexedDB writes, cookie snapshots and panel updates
 * happen later in batches.
 */
import type { ExchangeRecord } from '../core/types';
import type { HarEntryLike, PageRecord } from '../shared/protocol';
import {
  applyError,
  applyRequestHeaders,
  applyResponse,
  exchangeId,
  inferRevalidation,
  linkRedirect,
  markHeadersWithheld,
  matchHarEntry,
  mergeHarEntry,
  harStartMs,
  recordFromHar,
  recordFromWebRequest,
  sendsCookies,
  setsCookies,
  type RecorderBrowser,
  type TabContext,
  type WebRequestDetails,
} from './adapter';
import { JarCache, type JarReading } from './jar';
import { ListenerStats } from './listener-stats';
import type { ExchangeStore } from './store';

interface TabState {
  topLevelUrl?: string;
  pageId?: string;
  /** undefined: not known yet (Chrome's webRequest details do not say; tabs.get does). */
  incognito?: boolean;
  /** Keep earlier pages on navigation (default true: history per page until cleared). */
  preserveLog?: boolean;
}

interface Hop {
  current: ExchangeRecord | null;
  /** Set while the record is being reloaded from IndexedDB after the worker was restarted. */
  loading?: Promise<ExchangeRecord>;
  hop: number;
}

export interface RecorderEvents {
  /** A record changed (for live panel updates). */
  onRecord(record: ExchangeRecord): void;
  onPage(page: PageRecord): void;
  onCleared(tabId: number): void;
}

const RECENT_PER_TAB = 400;
const LAST_BY_URL_MAX = 5000;
const SESSION_KEY = 'cacheLens.session';
/** Well inside Chrome's 30 s idle limit, long after any event of a stopped worker's requests would have arrived. */
const INTERRUPTED_AFTER_MS = 20_000;
export const INTERRUPTED_ERROR = 'cache-lens: response events lost (the browser stopped the background worker mid-request)';

/**
 * `jarSnapshotMs` (epoch ms): the moment the record's `jarSnapshot` describes. The request's own time when the cached
 * reading was current then (read before the request, no change of the site's cookies reported since), else when the
 * cookies API was read (shortly after the request, or after a response that set cookies).
 */
export type RecordedExchange = ExchangeRecord;

const VALIDATOR_HEADERS = new Set(['date', 'etag', 'last-modified']);

/** A slim copy holding only what inferRevalidation() reads, so the per-URL memory stays small. */
function validatorsOf(record: ExchangeRecord): ExchangeRecord {
  return { ...record, requestHeaders: [], jarSnapshot: undefined, responseHeaders: record.responseHeaders.filter((h) => VALIDATOR_HEADERS.has(h.name.toLowerCase())) };
}

export class Recorder {
  readonly stats = new ListenerStats();
  store: ExchangeStore | null = null;
  sessionTag = '';
  private readonly hops = new Map<string, Hop>();
  private readonly tabs = new Map<number, TabState>();
  /** Recent records per tab, for matching DevTools HAR entries. */
  private readonly recent = new Map<number, ExchangeRecord[]>();
  /** Date and validators of the last 2xx response per URL, for inferring revalidations (bounded). */
  private readonly lastByUrl = new Map<string, ExchangeRecord>();
  /** Records of tabs whose incognito status is still being looked up: never written before we know. */
  private readonly awaitingTab = new Map<number, Array<{ record: ExchangeRecord; final: boolean }>>();
  readonly jars = new JarCache();
  /** Records whose jar waits for the tab's incognito status. */
  private readonly jarAfterTab = new WeakSet<ExchangeRecord>();
  private readonly queuedEvents: Array<() => void> = [];
  private ready = false;
  get isReady(): boolean {
    return this.ready;
  }
  private tabStateTimer: ReturnType<typeof setTimeout> | null = null;
  readonly workerStartedMs = Date.now();
  /**
   * True when this instance began a recording (no saved session: the extension was installed or reloaded, or the
   * browser started): requests already under way were started without our listeners, so their headers were withheld.
   * False in a worker restarted within a session, whose listeners (and 'extraHeaders') stayed registered.
   */
  freshRecording = false;
  private harCount = 0;
  /** performance.now() at the start of the last listener call (bench). */
  lastEventAt = 0;
  /** E2E builds only: sees every event as it arrives (tests/e2e/recorder-worker-stop.test.ts traces deliveries). */
  trace: ((event: string, details: unknown) => void) | null = null;

  /**
   * True in Chrome's incognito instance ("incognito": "split", chrome.extension.inIncognitoContext): everything this
   * instance sees is incognito traffic, tabId -1 included, so every record stays in memory.
   */
  readonly incognitoContext: boolean;

  constructor(
    readonly browser: RecorderBrowser,
    private readonly events: RecorderEvents,
    options: { incognitoContext?: boolean } = {},
  ) {
    this.incognitoContext = options.incognitoContext ?? false;
  }

  /** Opens the store and restores session state; events that arrive meanwhile are queued and replayed in order. */
  async start(openStore: () => Promise<ExchangeStore>, alsoBefore?: Promise<unknown>): Promise<void> {
    const [store, session] = await Promise.all([openStore(), chrome.storage.session.get(SESSION_KEY), alsoBefore]);
    this.store = store;
    const saved = session[SESSION_KEY] as { tag: string; tabs: Array<[number, TabState]> } | undefined;
    if (saved?.tag) {
      this.sessionTag = saved.tag;
      for (const [tabId, state] of saved.tabs) this.tabs.set(tabId, state);
    } else {
      this.freshRecording = true;
      // A new browser session (or the extension was reloaded): tab ids of older recordings mean nothing now.
      this.sessionTag = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
      await chrome.storage.session.set({ [SESSION_KEY]: { tag: this.sessionTag, tabs: [] } });
      void store.deleteOtherSessions(this.sessionTag).catch(() => {});
    }
    try {
      for (const tab of await chrome.tabs.query({})) {
        if (tab.id === undefined) continue;
        const state = this.tabs.get(tab.id) ?? {};
        state.incognito = tab.incognito;
        if (!state.topLevelUrl && tab.url) state.topLevelUrl = tab.url;
        this.tabs.set(tab.id, state);
      }
    } catch {
      /* tabs.query failing leaves incognito unknown; records then wait for tabs.get */
    }
    this.ready = true;
    for (const run of this.queuedEvents.splice(0)) run();
    // A restarted worker: requests of the previous instance that get no further event lost them with it.
    if (saved?.tag) setTimeout(() => void this.markInterrupted().catch(() => {}), INTERRUPTED_AFTER_MS);
  }

  /** Marks records the previous worker instance left in flight and nobody finished (see ExchangeStore.markInterrupted). */
  markInterrupted(): Promise<number> {
    const live = new Set<string>();
    for (const hop of this.hops.values()) if (hop.current) live.add(hop.current.id);
    return this.store!.markInterrupted(this.workerStartedMs - 3_600_000, this.workerStartedMs, (id) => live.has(id), INTERRUPTED_ERROR);
  }

  /** Wraps a listener: queue until ready, time the body, never throw into the browser. */
  listener<T>(event: string, body: (details: T) => void): (details: T) => void {
    return (details: T) => {
      this.trace?.(event, details);
      if (!this.ready) {
        this.queuedEvents.push(() => this.listener(event, body)(details));
        return;
      }
      const t0 = performance.now();
      this.lastEventAt = t0;
      try {
        body(details);
      } catch (err) {
        console.error(`Cache Lens: ${event} listener failed`, err);
      } finally {
        this.stats.record(event, performance.now() - t0);
      }
    };
  }

  // ---------------------------------------------------------------------------------------------- tabs

  private tabContext(tabId: number): TabContext {
    const state = this.tabs.get(tabId) ?? {};
    return this.incognitoContext ? { ...state, incognito: true } : state;
  }

  private tabState(tabId: number): TabState {
    let state = this.tabs.get(tabId);
    if (!state) this.tabs.set(tabId, (state = {}));
    return state;
  }

  /** Tab state survives a stopped worker in storage.session (written after changes, which are rare: navigations). */
  private saveTabState(): void {
    if (this.tabStateTimer) return;
    this.tabStateTimer = setTimeout(() => {
      this.tabStateTimer = null;
      void chrome.storage.session.set({ [SESSION_KEY]: { tag: this.sessionTag, tabs: [...this.tabs.entries()] } }).catch(() => {});
    }, 50);
  }

  onTabCreated(tab: chrome.tabs.Tab): void {
    if (tab.id === undefined) return;
    const state = this.tabState(tab.id);
    state.incognito = tab.incognito;
    this.releaseAwaiting(tab.id);
  }

  onTabRemoved(tabId: number): void {
    const state = this.tabs.get(tabId);
    if (state?.incognito) this.store?.forgetIncognitoTab(tabId);
    this.tabs.delete(tabId);
    // Private requests outside any tab (Firefox: a private page's service worker) go with the last private tab.
    if (state?.incognito && ![...this.tabs.values()].some((t) => t.incognito)) this.store?.forgetIncognitoTab(-1);
    this.recent.delete(tabId);
    this.saveTabState();
  }

  /** webNavigation.onCommitted, top frame: the document the tab now shows (also history/bfcache navigations). */
  onTopFrameCommitted(tabId: number, url: string): void {
    const state = this.tabState(tabId);
    if (state.topLevelUrl !== url) {
      state.topLevelUrl = url;
      this.saveTabState();
    }
  }

  setPreserveLog(tabId: number, preserve: boolean): void {
    this.tabState(tabId).preserveLog = preserve;
    this.saveTabState();
  }

  preserveLog(tabId: number): boolean {
    return this.tabs.get(tabId)?.preserveLog ?? true;
  }

  topLevelUrl(tabId: number): string | undefined {
    return this.tabs.get(tabId)?.topLevelUrl;
  }

  private releaseAwaiting(tabId: number): void {
    const waiting = this.awaitingTab.get(tabId);
    if (!waiting) return;
    this.awaitingTab.delete(tabId);
    const incognito = this.tabs.get(tabId)?.incognito ?? false;
    for (const { record, final } of waiting) {
      if (incognito) record.incognito = true;
      if (this.jarAfterTab.delete(record)) this.attachRequestJar(record);
      this.store!.put(record, final);
    }
  }

  // ---------------------------------------------------------------------------------------------- persistence

  private persist(record: ExchangeRecord, final = false): void {
    if (this.incognitoContext) record.incognito = true;
    const tabId = record.tabId ?? -1;
    if (tabId >= 0 && !record.incognito) {
      const incognito = this.tabs.get(tabId)?.incognito;
      if (incognito === undefined) {
        // Unknown tab: hold the record in memory until tabs.get says whether it is incognito.
        let list = this.awaitingTab.get(tabId);
        if (!list) {
          this.awaitingTab.set(tabId, (list = []));
          chrome.tabs.get(tabId).then(
            (tab) => {
              this.tabState(tabId).incognito = tab.incognito;
              this.releaseAwaiting(tabId);
            },
            () => {
              this.tabState(tabId).incognito = false; // tab already gone; a closed incognito tab would have said so
              this.releaseAwaiting(tabId);
            },
          );
        }
        list.push({ record, final });
        this.events.onRecord(record);
        return;
      }
      if (incognito) record.incognito = true;
    }
    this.store!.put(record, final);
    this.events.onRecord(record);
  }

  private remember(record: ExchangeRecord): void {
    const tabId = record.tabId ?? -1;
    let list = this.recent.get(tabId);
    if (!list) this.recent.set(tabId, (list = []));
    list.push(record);
    if (list.length > RECENT_PER_TAB) list.splice(0, list.length - RECENT_PER_TAB);
  }

  // ---------------------------------------------------------------------------------------------- webRequest

  /** Applies `fn` to the request's current hop record, recovering it from IndexedDB after a worker restart. */
  private withRecord(d: WebRequestDetails, fn: (record: ExchangeRecord) => void): void {
    const hop = this.hops.get(d.requestId);
    if (hop?.current) return fn(hop.current);
    if (hop?.loading) {
      hop.loading = hop.loading.then((r) => (fn(r), r));
      return;
    }
    // The worker was stopped after this request began: find its record by its deterministic id.
    const id = exchangeId(this.sessionTag, d.requestId, d.url);
    const entry: Hop = { current: null, hop: 0 };
    const fresh = () => {
      const record = recordFromWebRequest(id, d, this.tabContext(d.tabId), this.browser);
      // First seen after its start in a recording that has just begun: started before our listeners were in force.
      if (this.freshRecording) markHeadersWithheld(record, this.browser);
      return record;
    };
    entry.loading = this.store!.get(id).then(
      (stored) => stored ?? fresh(),
      () => fresh(),
    ).then((record) => {
      if (this.hops.get(d.requestId) === entry) {
        entry.current = record;
        entry.loading = undefined;
      }
      this.remember(record);
      fn(record);
      return record;
    });
    this.hops.set(d.requestId, entry);
  }

  onBeforeRequest(d: WebRequestDetails): void {
    const previous = this.hops.get(d.requestId);
    const isTop = d.type === 'main_frame';
    const tabId = d.tabId;
    if (isTop && tabId >= 0 && !previous) this.startPage(d);
    if (isTop && tabId >= 0) {
      this.tabState(tabId).topLevelUrl = d.url;
      this.saveTabState();
    }
    let hopIndex = 0;
    let id = exchangeId(this.sessionTag, d.requestId, d.url);
    if (previous) {
      hopIndex = previous.hop + 1;
      const prevId = previous.current?.id;
      if (prevId === id || this.sameUrlEarlierHop(previous, d.url)) id = exchangeId(this.sessionTag, d.requestId, d.url, hopIndex);
    }
    const record = recordFromWebRequest(id, d, this.tabContext(tabId), this.browser);
    if (previous?.current) {
      linkRedirect(previous.current, record);
      this.persist(previous.current, true);
    } else if (previous?.loading) {
      previous.loading.then((prev) => {
        linkRedirect(prev, record);
        this.persist(prev, true);
        this.persist(record);
      });
    }
    this.hops.set(d.requestId, { current: record, hop: hopIndex });
    this.remember(record);
    // The jar the request is made against answers "which cookies were not sent, and why", also (above all) when
    // nothing was sent. From the per-site cache: no cookies API call per request.
    this.attachRequestJar(record);
    this.persist(record);
  }

  private sameUrlEarlierHop(previous: Hop, url: string): boolean {
    return previous.current?.url === url;
  }

  private startPage(d: WebRequestDetails): void {
    const tabId = d.tabId;
    const state = this.tabState(tabId);
    const page: PageRecord = { id: `${this.sessionTag}:p:${d.requestId}:${Math.round(d.timeStamp)}`, tabId, url: d.url, startedMs: d.timeStamp, dropped: 0 };
    const previousPage = state.pageId;
    state.pageId = page.id;
    this.saveTabState();
    const incognito = this.incognitoContext || (d.incognito ?? state.incognito ?? false);
    this.store!.putPage(page, incognito);
    if (previousPage && !this.preserveLog(tabId)) {
      // Preserve log off: earlier pages go (DevTools-like). Tell panels first, so the new page survives the clear.
      this.recent.delete(tabId);
      this.events.onCleared(tabId);
      void this.store!.clearTab(tabId, page.id).catch(() => {});
    }
    this.events.onPage(page);
  }

  onSendHeaders(d: WebRequestDetails): void {
    this.withRecord(d, (record) => {
      applyRequestHeaders(record, d);
      this.persist(record);
    });
  }

  onHeadersReceived(d: WebRequestDetails): void {
    this.withRecord(d, (record) => {
      applyResponse(record, d, 'headers');
      this.persist(record);
    });
  }

  onResponseStarted(d: WebRequestDetails): void {
    this.withRecord(d, (record) => {
      applyResponse(record, d, 'started');
      this.persist(record);
    });
  }

  onBeforeRedirect(d: WebRequestDetails): void {
    this.withRecord(d, (record) => {
      applyResponse(record, d, 'redirect');
      this.persist(record, true);
      if (setsCookies(record)) this.attachJar(record, true);
      if (d.type === 'main_frame' && d.tabId >= 0 && d.redirectUrl) this.tabState(d.tabId).topLevelUrl = d.redirectUrl;
    });
  }

  onCompleted(d: WebRequestDetails): void {
    this.withRecord(d, (record) => {
      applyResponse(record, d, 'completed');
      // It did complete: a "lost" mark from a restart sweep that ran before this late event was wrong.
      if (record.error === INTERRUPTED_ERROR) delete record.error;
      const key = `${record.method} ${record.url}`;
      inferRevalidation(record, this.lastByUrl.get(key));
      if (record.status >= 200 && record.status < 300) {
        this.lastByUrl.delete(key);
        this.lastByUrl.set(key, validatorsOf(record));
        if (this.lastByUrl.size > LAST_BY_URL_MAX) this.lastByUrl.delete(this.lastByUrl.keys().next().value as string);
      }
      this.hops.delete(d.requestId);
      this.persist(record, true);
      if (setsCookies(record)) this.attachJar(record, true);
    });
  }

  onErrorOccurred(d: WebRequestDetails): void {
    this.withRecord(d, (record) => {
      applyError(record, d);
      this.hops.delete(d.requestId);
      this.persist(record, true);
    });
  }

  /** cookies.onChanged (with the change) or a change the extension made itself (without). */
  onCookiesChanged(change?: { cookie?: { domain?: string } }): void {
    this.jars.invalidate(change?.cookie);
  }

  private cookieStoreFor(record: ExchangeRecord): string | undefined {
    // Chrome's incognito cookie store is "1"; Firefox's private one "firefox-private".
    if (!record.incognito) return undefined;
    return this.browser === 'firefox' ? 'firefox-private' : '1';
  }

  /**
   * At before-request: the cached reading of the request's site when there is one (synchronous, stamped with the
   * request's time), else the site's one shared reading when it arrives. Only hosts with cookies get a snapshot.
   */
  private attachRequestJar(record: RecordedExchange): void {
    if (!record.url.startsWith('http')) return;
    const tabId = record.tabId ?? -1;
    if (tabId >= 0 && !record.incognito && this.tabs.get(tabId)?.incognito === undefined) {
      // Which cookie store (regular or incognito) is known only once tabs.get answers: see releaseAwaiting().
      this.jarAfterTab.add(record);
      return;
    }
    const store = this.cookieStoreFor(record);
    const cached = this.jars.peek(record.url, record.topLevelUrl, store);
    if (cached) {
      this.applyJar(record, cached.jar, Math.max(cached.takenMs, record.requestTimeMs));
      return;
    }
    this.jars.get(record.url, record.topLevelUrl, store).then(
      (reading) => {
        if (this.applyJar(record, reading.jar, Math.max(reading.takenMs, record.requestTimeMs))) this.persist(record, this.isDone(record));
      },
      () => {},
    );
  }

  /** After a response that set cookies: a reading taken after it, so the new cookies are in it. */
  private attachJar(record: RecordedExchange, afterSetCookie = false): void {
    this.jars.get(record.url, record.topLevelUrl, this.cookieStoreFor(record), afterSetCookie ? Date.now() : 0).then(
      (reading: JarReading) => {
        if (this.applyJar(record, reading.jar, reading.takenMs, true)) this.persist(record, this.isDone(record));
      },
      () => {},
    );
  }

  /** Sets the snapshot unless a later one is there already; an empty jar only where cookies went or came. */
  private applyJar(record: RecordedExchange, jar: JarReading['jar'], atMs: number, force = false): boolean {
    if (!jar.length && !force && !sendsCookies(record) && !setsCookies(record)) return false;
    if (record.jarSnapshot && (record.jarSnapshotMs ?? 0) > atMs) return false;
    record.jarSnapshot = jar;
    record.jarSnapshotMs = atMs;
    return true;
  }

  private isDone(record: ExchangeRecord): boolean {
    return record.endTimeMs !== undefined || record.error !== undefined;
  }

  /** For get-jar: the jar of a URL as seen from the tab's top-level site. */
  jarFor(tabId: number, url: string): Promise<import('../core/types').JarCookie[]> {
    const state = this.tabs.get(tabId);
    const store = state?.incognito ? (this.browser === 'firefox' ? 'firefox-private' : '1') : undefined;
    return this.jars.get(url, state?.topLevelUrl ?? url, store).then((r) => r.jar);
  }

  // ---------------------------------------------------------------------------------------------- DevTools HAR

  /** Merges a DevTools HAR entry into its webRequest record, or records it on its own (memory-cache hits). */
  mergeHar(tabId: number, entry: HarEntryLike): ExchangeRecord | null {
    const candidates = this.recent.get(tabId) ?? [];
    const match = matchHarEntry(entry, candidates);
    if (match) {
      mergeHarEntry(match, entry);
      this.persist(match, true);
      return match;
    }
    const start = harStartMs(entry);
    // Entries from before this worker started may belong to records we no longer hold in memory: skip rather than
    // duplicate them, unless only DevTools could have seen them (memory cache).
    if (entry._fromCache !== 'memory' && start < this.workerStartedMs) return null;
    const id = `${this.sessionTag}:har:${this.workerStartedMs.toString(36)}.${(++this.harCount).toString(36)}`;
    const record = recordFromHar(id, entry, tabId, this.tabContext(tabId));
    this.remember(record);
    this.persist(record, true);
    return record;
  }
}

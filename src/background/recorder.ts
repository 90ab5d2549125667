/**
 * The recorder: webRequest events -> ExchangeRecords (through adapter.ts) -> store.ts, plus live notifications for
 * subscribed panels. The parts with state of their own are separate and unit-tested with the browser API passed in:
 * tab-registry.ts (what is known of each tab), hop-tracker.ts (which record an event belongs to, across worker
 * restarts), jar-attacher.ts (the cookie jar each record was made against).
 *
 * Every listener body is synchronous and small (the hot path); IndexedDB writes, cookie snapshots and panel updates
 * happen later in batches.
 */
import type { Browser, Storage, Tabs } from 'webextension-polyfill';
import type { ExchangeRecord } from '../core/types';
import type { HarEntryLike, PageRecord } from '../shared/protocol';
import {
  applyError,
  applyRequestHeaders,
  applyResponse,
  inferRevalidation,
  isDevtoolsRefetch,
  isDevtoolsRefetchHar,
  linkRedirect,
  markHeadersWithheld,
  matchHarEntry,
  mergeHarEntry,
  alreadyHasHar,
  harOnly,
  harEntryIsHttp,
  harStartMs,
  ORIGIN_HAR,
  recordFromHar,
  recordFromWebRequest,
  setsCookies,
  type RecorderBrowser,
  type WebRequestDetails,
} from './adapter';
import { HopTracker } from './hop-tracker';
import { JarCache, cookiesJarFetcher, type JarFetcher } from './jar';
import { JarAttacher } from './jar-attacher';
import { fillFrom, markRequestHeadersLost, type Journal } from './journal';
import { ListenerStats } from './listener-stats';
import type { ExchangeStore } from './store';
import { TabRegistry, browserTabApi, type TabApi, type TabState } from './tab-registry';

export interface RecorderEvents {
  /** A record changed (for live panel updates). */
  onRecord(record: ExchangeRecord): void;
  onPage(page: PageRecord): void;
  onCleared(tabId: number): void;
  /** The restart sweep marked records whose last events were lost (panels say "n requests may be incomplete"). */
  onLost?(): void;
}

/**
 * Memory bounds of the worker (docs/recorder.md "Memory"): recent records kept for HAR matching, per tab and over all
 * tabs.
 */
const RECENT_PER_TAB = 400;
const RECENT_TOTAL = 2000;
/** Events kept while the store opens (normally a few; a few thousand if opening hangs). */
const MAX_QUEUED_EVENTS = 10_000;
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

/**
 * The browser calls the recorder makes itself: `browserRecorderApi(browser)` in index.ts (webextension-polyfill), fakes
 * in unit tests.
 */
export interface RecorderApi {
  tabs: TabApi;
  /** storage.session: the recording's session tag and the tab states. */
  session: Pick<Storage.StorageArea, 'get' | 'set'>;
  /** One site's cookie jar (jar.ts snapshotJar). */
  fetchJar: JarFetcher;
}

export function browserRecorderApi(browser: Pick<Browser, 'tabs' | 'storage' | 'cookies'>): RecorderApi {
  return { tabs: browserTabApi(browser, SESSION_KEY), session: browser.storage.session, fetchJar: cookiesJarFetcher(browser.cookies) };
}

const VALIDATOR_HEADERS = new Set(['date', 'etag', 'last-modified']);

/** A slim copy holding only what inferRevalidation() reads, so the per-URL memory stays small. */
function validatorsOf(record: ExchangeRecord): ExchangeRecord {
  return {
    ...record,
    requestHeaders: [],
    jarSnapshot: undefined,
    responseHeaders: record.responseHeaders.filter((h) => VALIDATOR_HEADERS.has(h.name.toLowerCase())),
  };
}

export class Recorder {
  readonly stats = new ListenerStats();
  store: ExchangeStore | null = null;
  readonly tabs: TabRegistry;
  readonly hops: HopTracker;
  readonly jars: JarCache;
  readonly jar: JarAttacher;
  /** Recent records per tab, for matching DevTools HAR entries. */
  private readonly recent = new Map<number, ExchangeRecord[]>();
  /** Date and validators of the last 2xx response per URL, for inferring revalidations (bounded). */
  private readonly lastByUrl = new Map<string, ExchangeRecord>();
  private readonly queuedEvents: Array<() => void> = [];
  /** tabId -> frameId -> the URL of the document the frame loads (frame 0: the tab registry's top-level URL). */
  private readonly frameDocs = new Map<number, Map<number, string>>();
  /** Requests that are not the page's (DevTools' own refetches): their later events are dropped too. Bounded. */
  private readonly ignored = new Set<string>();
  /** How many requests were recognised as DevTools' own refetches and kept out of the recording. */
  devtoolsRefetches = 0;
  /** Records this worker took over from the journal at start. */
  journalReplayed = 0;
  /** Events dropped (oldest first) while more than MAX_QUEUED_EVENTS waited for the store to open. */
  eventsDroppedBeforeReady = 0;
  private ready = false;
  get isReady(): boolean {
    return this.ready;
  }
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
   * True in Chrome's incognito instance ("incognito": "split", extension.inIncognitoContext): everything this
   * instance sees is incognito traffic, tabId -1 included, so every record stays in memory.
   */
  readonly incognitoContext: boolean;
  /** Finished records also go here, in the event's task, until IndexedDB has them (journal.ts). */
  readonly journal: Journal | null;

  constructor(
    readonly browser: RecorderBrowser,
    private readonly events: RecorderEvents,
    private readonly api: RecorderApi,
    options: { incognitoContext?: boolean; journal?: Journal } = {},
  ) {
    this.incognitoContext = options.incognitoContext ?? false;
    this.journal = this.incognitoContext ? null : (options.journal ?? null);
    this.tabs = new TabRegistry(api.tabs, this.incognitoContext);
    this.jars = new JarCache(api.fetchJar);
    this.hops = new HopTracker({
      sessionTag: () => this.sessionTag,
      // A stored version found by a restarted worker: when it has no request headers, they went to the stopped worker
      // with its onSendHeaders (an onSendHeaders still to come clears the mark).
      load: (id) =>
        this.store!.get(id).then((stored) => {
          if (stored) markRequestHeadersLost(stored);
          return stored;
        }),
      create: (id, d, late) => {
        const record = recordFromWebRequest(id, d, this.tabs.context(d.tabId), this.browser);
        // First seen after its start in a recording that has just begun: started before our listeners were in force.
        if (late && this.freshRecording) markHeadersWithheld(record, this.browser);
        // First seen after its start in a restarted worker: its earlier events went to the stopped one, whose writes
        // did not last (else the store would have had it). An onSendHeaders still to come clears this.
        else if (late) markRequestHeadersLost(record);
        return record;
      },
      follow: (record) => this.remember(record),
    });
    this.jar = new JarAttacher({
      jars: this.jars,
      browser,
      storeKnown: (record) => {
        const tabId = record.tabId ?? -1;
        return tabId < 0 || !!record.incognito || this.tabs.known(tabId);
      },
      changed: (record) => this.persist(record, this.isDone(record)),
    });
  }

  get sessionTag(): string {
    return this.tabs.sessionTag;
  }

  /** Opens the store and restores session state; events that arrive meanwhile are queued and replayed in order. */
  async start(openStore: () => Promise<ExchangeStore>, alsoBefore?: Promise<unknown>): Promise<void> {
    const [store, session] = await Promise.all([openStore(), this.api.session.get(SESSION_KEY), alsoBefore]);
    this.store = store;
    const saved = session[SESSION_KEY] as { tag: string; tabs: Array<[number, TabState]> } | undefined;
    if (saved?.tag) {
      this.tabs.sessionTag = saved.tag;
      this.tabs.restore(saved.tabs);
    } else {
      this.freshRecording = true;
      // A new browser session (or the extension was reloaded): tab ids of older recordings mean nothing now.
      this.tabs.sessionTag = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
      await this.api.session.set({ [SESSION_KEY]: { tag: this.sessionTag, tabs: [] } });
      void store.deleteOtherSessions(this.sessionTag).catch(() => {});
    }
    // What the previous worker finished but IndexedDB did not commit before it was stopped: stored before any event.
    await this.replayJournal();
    try {
      await this.tabs.learnOpenTabs();
    } catch {
      /* tabs.query failing leaves incognito unknown; records then wait for tabs.get */
    }
    this.ready = true;
    for (const run of this.queuedEvents.splice(0)) run();
    // A restarted worker: requests of the previous instance that get no further event lost them with it.
    if (saved?.tag) {
      setTimeout(() => {
        this.markInterrupted().then(
          (n) => n > 0 && this.events.onLost?.(),
          () => {},
        );
      }, INTERRUPTED_AFTER_MS);
    }
  }

  /**
   * Stores what a stopped worker journaled and IndexedDB did not commit. At start, and again before the restart
   * sweep: the stopped worker's last storage.session writes can land after this worker first read the journal.
   */
  private async replayJournal(): Promise<void> {
    if (!this.journal || !this.store) return;
    try {
      const left = await this.journal.leftOver();
      for (const entry of left) this.store.put(fillFrom(entry, await this.store.get(entry.id)));
      if (left.length) await this.store.flush();
      this.journalReplayed += left.length;
    } catch {
      /* storage.session unreadable: nothing to replay */
    }
  }

  /** Marks records the previous worker instance left in flight and nobody finished (see ExchangeStore.markInterrupted). */
  async markInterrupted(): Promise<number> {
    await this.replayJournal();
    const live = this.hops.liveIds();
    return this.store!.markInterrupted(this.workerStartedMs - 3_600_000, this.workerStartedMs, (id) => live.has(id), INTERRUPTED_ERROR);
  }

  /** Wraps a listener: queue until ready, time the body, never throw into the browser. */
  listener<T>(event: string, body: (details: T) => void): (details: T) => void {
    return (details: T) => {
      this.trace?.(event, details);
      if (!this.ready) {
        // Bounded: a database that never opens must not grow the worker's memory without end.
        if (this.queuedEvents.length >= MAX_QUEUED_EVENTS) {
          this.queuedEvents.shift();
          this.eventsDroppedBeforeReady++;
        }
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

  onTabCreated(tab: Tabs.Tab): void {
    if (tab.id !== undefined) this.tabs.created(tab.id, tab.incognito);
  }

  onTabRemoved(tabId: number): void {
    const { state, privateLeft } = this.tabs.removed(tabId);
    if (state?.incognito) this.store?.forgetIncognitoTab(tabId);
    this.forgetRecent(tabId);
    this.frameDocs.delete(tabId);
    // Private requests outside any tab (Firefox: a private page's service worker) go with the last private tab.
    if (state?.incognito && !privateLeft) this.store?.forgetIncognitoTab(-1);
  }

  /** webNavigation.onCommitted, top frame: the document the tab now shows (also history/bfcache navigations). */
  onTopFrameCommitted(tabId: number, url: string): void {
    this.tabs.committed(tabId, url);
  }

  /**
   * webNavigation.onCommitted / onHistoryStateUpdated, any frame: the URL of the document the frame now shows (for
   * telling DevTools' refetches of it apart, see isDevtoolsRefetch). pushState changes the document's URL too.
   */
  onFrameDocument(tabId: number, frameId: number, url: string, newDocument: boolean): void {
    this.setFrameDocument(tabId, frameId, url, newDocument);
  }

  setPreserveLog(tabId: number, preserve: boolean): void {
    this.tabs.setPreserveLog(tabId, preserve);
  }

  preserveLog(tabId: number): boolean {
    return this.tabs.preserveLog(tabId);
  }

  topLevelUrl(tabId: number): string | undefined {
    return this.tabs.get(tabId)?.topLevelUrl;
  }

  // ---------------------------------------------------------------------------------------------- persistence

  private persist(record: ExchangeRecord, final = false): void {
    if (this.incognitoContext) record.incognito = true;
    const tabId = record.tabId ?? -1;
    if (tabId >= 0 && !record.incognito && !this.tabs.known(tabId)) {
      // Unknown tab: hold the record in memory until tabs.get says whether it is incognito.
      this.tabs.whenKnown(tabId, (incognito) => {
        if (incognito) record.incognito = true;
        this.jar.storeNowKnown(record);
        if (final && !record.incognito) this.journal?.write(record);
        this.store!.put(record, final);
      });
      this.events.onRecord(record);
      return;
    }
    if (tabId >= 0 && this.tabs.get(tabId)?.incognito) record.incognito = true;
    if (final && !record.incognito) this.journal?.write(record, this.trace ? () => this.trace?.('journaled', record) : undefined);
    this.store!.put(record, final);
    this.events.onRecord(record);
  }

  /** Records in `recent` over all tabs (kept at most RECENT_TOTAL). */
  private recentTotal = 0;

  private remember(record: ExchangeRecord): void {
    const tabId = record.tabId ?? -1;
    let list = this.recent.get(tabId);
    if (!list) this.recent.set(tabId, (list = []));
    list.push(record);
    this.recentTotal++;
    if (list.length > RECENT_PER_TAB) this.recentTotal -= list.splice(0, list.length - RECENT_PER_TAB).length;
    if (this.recentTotal > RECENT_TOTAL) {
      // Many busy tabs: the one holding the most gives up its oldest tenth.
      let biggest: ExchangeRecord[] = list;
      for (const l of this.recent.values()) if (l.length > biggest.length) biggest = l;
      this.recentTotal -= biggest.splice(0, Math.max(1, Math.ceil(biggest.length / 10))).length;
    }
  }

  private forgetRecent(tabId: number): void {
    this.recentTotal -= this.recent.get(tabId)?.length ?? 0;
    this.recent.delete(tabId);
  }

  /** What the worker holds in memory, in entries (bench/recorder.ts --long; docs/recorder.md "Memory"). */
  memoryCounts(): Record<string, number> {
    return {
      recent: this.recentTotal,
      lastByUrl: this.lastByUrl.size,
      inFlight: this.hops.size,
      frameDocs: [...this.frameDocs.values()].reduce((n, m) => n + m.size, 0),
      ignored: this.ignored.size,
      jarCache: this.jars.size,
      queued: this.store?.pending ?? 0,
      journal: this.journal?.size ?? 0,
    };
  }

  // ---------------------------------------------------------------------------------------------- webRequest

  /** The URL of the document a frame loads, as far as this worker knows (after a restart: frame 0 only). */
  private frameDocument(tabId: number, frameId: number | undefined): string | undefined {
    if (frameId === undefined || frameId < 0) return undefined;
    return this.frameDocs.get(tabId)?.get(frameId) ?? (frameId === 0 ? this.tabs.get(tabId)?.topLevelUrl : undefined);
  }

  private setFrameDocument(tabId: number, frameId: number | undefined, url: string, newDocument = true): void {
    if (tabId < 0 || frameId === undefined || frameId < 0) return;
    let frames = this.frameDocs.get(tabId);
    if (!frames) this.frameDocs.set(tabId, (frames = new Map<number, string>()));
    if (frameId === 0 && newDocument) frames.clear();
    frames.set(frameId, url);
    if (frames.size > 200) frames.delete(frames.keys().next().value as number);
  }

  /**
   * Not the page's request: DevTools' own refetch of a frame's document (adapter.ts isDevtoolsRefetch). Remembered by
   * requestId, and judged again from the details after a worker restart, so no later event makes a record of it.
   */
  private notThePages(d: WebRequestDetails): boolean {
    if (this.ignored.has(d.requestId)) return true;
    if (!isDevtoolsRefetch(d, this.frameDocument(d.tabId, d.frameId), this.browser)) return false;
    if (this.ignored.size >= 1000) this.ignored.delete(this.ignored.values().next().value as string);
    this.ignored.add(d.requestId);
    this.devtoolsRefetches++;
    return true;
  }

  /** Applies `fn` to the request's record unless the request is not the page's. */
  private withRecord(d: WebRequestDetails, fn: (record: ExchangeRecord) => void): void {
    if (this.notThePages(d)) return;
    this.hops.with(d, fn);
  }

  private endIgnored(d: WebRequestDetails): boolean {
    if (!this.notThePages(d)) return false;
    this.ignored.delete(d.requestId);
    return true;
  }

  onBeforeRequest(d: WebRequestDetails): void {
    const isTop = d.type === 'main_frame';
    const tabId = d.tabId;
    if (this.notThePages(d)) return;
    if (isTop || d.type === 'sub_frame') this.setFrameDocument(tabId, d.frameId, d.url);
    // The page first, so the new hop's record belongs to it.
    if (isTop && tabId >= 0 && !this.hops.has(d.requestId)) this.startPage(d);
    if (isTop && tabId >= 0) this.tabs.setTopLevelUrl(tabId, d.url);
    const { record, previous, previousLater } = this.hops.begin(d);
    if (previous) {
      linkRedirect(previous, record);
      this.persist(previous, true);
    } else if (previousLater) {
      void previousLater.then((prev) => {
        if (prev.id === record.id) {
          this.sameHop(prev, record);
          return;
        }
        linkRedirect(prev, record);
        this.persist(prev, true);
        this.persist(record);
      });
    }
    // The jar the request is made against answers "which cookies were not sent, and why", also (above all) when
    // nothing was sent. From the per-site cache: no cookies API call per request.
    this.jar.forRequest(record);
    this.persist(record);
  }

  /**
   * Not a redirect: a restarted worker can get a request's queued events out of order (measured in
   * recorder-worker-stop: onCompleted, then onBeforeRequest), so a later event reloaded the record and onBeforeRequest
   * began a fresh one under the same id. They are one exchange. The fresh object is the one later events and the jar
   * reading hold, so it takes the reloaded one's facts (all of them when that one is finished) and is what is written.
   */
  private sameHop(reloaded: ExchangeRecord, record: ExchangeRecord): void {
    if (!reloaded.requestHeaders.length) reloaded.requestHeaders = record.requestHeaders;
    if (!reloaded.jarSnapshot && record.jarSnapshot) {
      reloaded.jarSnapshot = record.jarSnapshot;
      reloaded.jarSnapshotMs = record.jarSnapshotMs;
    }
    if (this.isDone(reloaded)) {
      Object.assign(record, reloaded);
      this.persist(record, true);
      return;
    }
    if (!record.requestHeaders.length) record.requestHeaders = reloaded.requestHeaders;
    if (!record.status && reloaded.status) {
      for (const key of ['status', 'statusText', 'httpVersion', 'responseHeaders', 'responseTimeMs', 'serverIp', 'source'] as const)
        (record as unknown as Record<string, unknown>)[key] = reloaded[key];
    }
    this.persist(record);
  }

  private startPage(d: WebRequestDetails): void {
    const tabId = d.tabId;
    const state = this.tabs.state(tabId);
    const page: PageRecord = {
      id: `${this.sessionTag}:p:${d.requestId}:${Math.round(d.timeStamp)}`,
      tabId,
      url: d.url,
      startedMs: d.timeStamp,
      dropped: 0,
    };
    const previousPage = state.pageId;
    state.pageId = page.id;
    this.tabs.save();
    const incognito = this.incognitoContext || (d.incognito ?? state.incognito ?? false);
    this.store!.putPage(page, incognito);
    if (previousPage && !this.preserveLog(tabId)) {
      // Preserve log off: earlier pages go (DevTools-like). Tell panels first, so the new page survives the clear.
      this.forgetRecent(tabId);
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

  onBeforeRedirect(d: WebRequestDetails): void {
    if ((d.type === 'main_frame' || d.type === 'sub_frame') && d.redirectUrl) this.setFrameDocument(d.tabId, d.frameId, d.redirectUrl);
    this.withRecord(d, (record) => {
      applyResponse(record, d, 'redirect');
      this.persist(record, true);
      if (setsCookies(record)) this.jar.afterResponse(record);
      if (d.type === 'main_frame' && d.tabId >= 0 && d.redirectUrl) this.tabs.state(d.tabId).topLevelUrl = d.redirectUrl;
    });
  }

  onCompleted(d: WebRequestDetails): void {
    if (this.endIgnored(d)) return;
    this.hops.with(d, (record) => {
      applyResponse(record, d, 'completed');
      // It did complete: a "lost" mark from a restart sweep that ran before this late event was wrong.
      if (record.error === INTERRUPTED_ERROR) {
        delete record.error;
        this.lostCleared(record);
      }
      const key = `${record.method} ${record.url}`;
      inferRevalidation(record, this.lastByUrl.get(key));
      if (record.status >= 200 && record.status < 300) {
        this.lastByUrl.delete(key);
        this.lastByUrl.set(key, validatorsOf(record));
        if (this.lastByUrl.size > LAST_BY_URL_MAX) this.lastByUrl.delete(this.lastByUrl.keys().next().value as string);
      }
      this.hops.end(d.requestId);
      this.persist(record, true);
      if (setsCookies(record)) this.jar.afterResponse(record);
    });
  }

  onErrorOccurred(d: WebRequestDetails): void {
    if (this.endIgnored(d)) return;
    this.hops.with(d, (record) => {
      applyError(record, d);
      this.hops.end(d.requestId);
      this.persist(record, true);
    });
  }

  /** cookies.onChanged (with the change) or a change the extension made itself (without). */
  onCookiesChanged(change?: { cookie?: { domain?: string } }): void {
    this.jars.invalidate(change?.cookie);
  }

  private lostCleared(record: ExchangeRecord): void {
    this.store!.lostCleared(record).then(
      () => this.events.onLost?.(),
      () => {},
    );
  }

  private isDone(record: ExchangeRecord): boolean {
    return record.endTimeMs !== undefined || record.error !== undefined;
  }

  /** For get-jar: the jar of a URL as seen from the tab's top-level site. */
  jarFor(tabId: number, url: string): Promise<import('../core/types').JarCookie[]> {
    const state = this.tabs.get(tabId);
    const store = this.jar.cookieStoreFor({ incognito: this.incognitoContext || state?.incognito });
    return this.jars.get(url, state?.topLevelUrl ?? url, store).then((r) => r.jar);
  }

  // ---------------------------------------------------------------------------------------------- DevTools HAR

  /** A tab's stored records (queue included), for matching late HAR entries: one reading in flight at a time. */
  private storedForHar: { tabId: number; atMs: number; pending: boolean; records: Promise<ExchangeRecord[]> } | null = null;

  /**
   * The tab's stored records as read at `afterMs` or later. Readings are shared: while one is in flight, callers
   * wait for it (and then for at most one more), so a burst of late entries costs a reading every few hundred ms,
   * not one per entry.
   */
  private async storedAfter(tabId: number, afterMs: number): Promise<ExchangeRecord[]> {
    for (;;) {
      const snap = this.storedForHar;
      if (snap && snap.tabId === tabId && snap.atMs >= afterMs) return snap.records;
      if (snap?.pending) {
        await snap.records.catch(() => {});
        continue;
      }
      const next = { tabId, atMs: Date.now(), pending: true, records: this.store!.exchangesForTab(tabId) };
      this.storedForHar = next;
      void next.records.finally(() => (next.pending = false)).catch(() => {});
      return next.records;
    }
  }

  /**
   * A HAR entry whose record is not among the recent ones in memory (a restarted worker, or DevTools' log running far
   * behind a burst): the stored record is completed from it (a request whose last events a stopped worker never got),
   * never duplicated. Only when no record matches, not even in a reading taken after the request ended, is it a
   * request webRequest never reported (its events died with a stopping worker) and recorded from the HAR alone.
   */
  private async mergeHarIntoStored(tabId: number, entry: HarEntryLike): Promise<void> {
    const start = harStartMs(entry);
    const endMs = (Number.isNaN(start) ? 0 : start) + (entry.time ?? 0);
    // A restarted worker may still be reloading (or creating late) the record of this very request: wait for it.
    await this.hops.settled();
    const recent = matchHarEntry(entry, this.recent.get(tabId) ?? []);
    if (recent) {
      mergeHarEntry(recent, entry);
      this.persist(recent, true);
      return;
    }
    let stored = await this.storedAfter(tabId, Date.now() - 2000);
    let match = matchHarEntry(entry, stored);
    // Not there: look again in a reading taken after the request ended (its record may be younger than the last one).
    if (!match) match = matchHarEntry(entry, (stored = await this.storedAfter(tabId, endMs + 100)));
    if (!match) {
      // Sent again by the devtools page (after a worker stop) and already merged: nothing new.
      if (alreadyHasHar(entry, this.recent.get(tabId) ?? []) || alreadyHasHar(entry, stored)) return;
      this.recordHarOnly(tabId, entry);
      return;
    }
    // The snapshot may be older than the record: merge into its latest version, and mark the snapshot's copy merged.
    const current = (await this.store!.get(match.id)) ?? match;
    if (current !== match) match.origins = [...(match.origins ?? []), ORIGIN_HAR];
    const lostMark = current.error === INTERRUPTED_ERROR;
    if (lostMark) delete current.error;
    mergeHarEntry(current, entry);
    if (lostMark && !current.endTimeMs) current.error = INTERRUPTED_ERROR;
    else if (lostMark) this.lostCleared(current);
    this.persist(current, true);
  }

  private recordHarOnly(tabId: number, entry: HarEntryLike): ExchangeRecord {
    const id = `${this.sessionTag}:har:${this.workerStartedMs.toString(36)}.${(++this.harCount).toString(36)}`;
    const record = recordFromHar(id, entry, tabId, this.tabs.context(tabId), { browser: this.browser, earlier: this.recent.get(tabId) });
    this.remember(record);
    this.persist(record, true);
    return record;
  }

  /** Merges a DevTools HAR entry into its webRequest record, or records it on its own (memory-cache hits). */
  mergeHar(tabId: number, entry: HarEntryLike): ExchangeRecord | null {
    // DevTools' refetch of the document (see onBeforeRequest) is in its own log too: not the page's either.
    if (this.browser === 'chrome' && isDevtoolsRefetchHar(entry, this.frameDocument(tabId, 0))) return null;
    // Not HTTP (Firefox's DevTools lists a page's `data:` favicon): webRequest reports no such request either.
    if (!harEntryIsHttp(entry)) return null;
    const candidates = this.recent.get(tabId) ?? [];
    const match = harOnly(entry, this.browser) ? undefined : matchHarEntry(entry, candidates);
    if (match) {
      mergeHarEntry(match, entry);
      this.persist(match, true);
      return match;
    }
    if (harOnly(entry, this.browser)) {
      if (alreadyHasHar(entry, candidates)) return null;
      return this.recordHarOnly(tabId, entry);
    }
    void this.mergeHarIntoStored(tabId, entry).catch(() => {});
    return null;
  }
}

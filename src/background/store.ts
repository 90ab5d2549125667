/**
 * The recording's storage: IndexedDB through idb. In-memory maps here are only caches/queues of the database, except
 * for incognito traffic, which never touches IndexedDB (it lives in `incognito` below and dies with its tab).
 *
 * Writes are batched off the webRequest hot path: put() only updates a queue; the queue is written in one transaction
 * after `flushDelayMs` (in-flight updates) or `completedFlushDelayMs` (a record reached a final state), or at once when
 * `maxBatch` records wait. In-flight records are written too, so a service worker stopped mid-request loses at most
 * the last few milliseconds, and the next event for the request finds its record again by id.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { ExchangeRecord } from '../core/types';
import type { PageRecord, RetentionStats } from '../shared/protocol';
import { markRequestHeadersLost } from './journal';

export const DB_NAME = 'cache-lens';
export const DB_VERSION = 1;

export interface StoredExchange {
  id: string;
  tabId: number;
  /** requestTimeMs, the retention order (oldest first). */
  t: number;
  record: ExchangeRecord;
}

export interface RetentionMeta {
  key: 'retention';
  droppedTotal: number;
  droppedPerTab: Record<string, number>;
}

interface CacheLensDB extends DBSchema {
  exchanges: { key: string; value: StoredExchange; indexes: { 'tab-t': [number, number]; t: number } };
  pages: { key: string; value: PageRecord; indexes: { tabId: number } };
  meta: { key: string; value: RetentionMeta | LostMeta };
}

export interface RetentionSettings {
  maxPerTab: number;
  maxTotal: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { maxPerTab: 5000, maxTotal: 50000 };

/** Records waiting for IndexedDB at most (a database failing for another reason than quota); oldest dropped. */
export const MAX_QUEUED = 20_000;

/**
 * How the database copes with its quota (sent to panels inside `retention`, an added optional field: see
 * RetentionStatus). A write refused for quota makes the store drop its oldest records and write again.
 */
export interface StorageHealth {
  /** Writes the browser refused for quota (QuotaExceededError). */
  quotaErrors: number;
  /** Records dropped, oldest first, to make room after such a refusal (also counted in droppedTotal). */
  trimmedForQuota: number;
  /** Epoch ms of the last refusal. */
  lastQuotaErrorMs?: number;
  /** After a refusal: the most records the database is kept to (what fitted), below maxTotal. */
  quotaCap?: number;
  /** Records in IndexedDB when last counted. */
  stored?: number;
}

/** RetentionStats plus `storage` and `recorder` (optional, so panels that do not know them ignore them). */
export interface RetentionStatus extends RetentionStats {
  storage?: StorageHealth;
  recorder?: RecordingFacts;
}

/**
 * What the panel should say about the recording of a tab (src/panel/components/RecordingNotice.tsx), sent inside
 * `retention` (PanelHub.retentionFor) again whenever it changes.
 */
export interface RecordingFacts {
  /** Requests of the tab whose last events died with a stopped background worker: they may be incomplete or missing. */
  lost?: number;
  /** A DevTools window on the tab forwards its network log (memory-cache hits, real 304s) to the recorder. */
  devtoolsOpen?: boolean;
  /** Chrome reports memory-cache hits only to DevTools: without it they cannot be seen. */
  memoryCacheHidden?: boolean;
  /** The page the tab shows was loaded before this recording began (extension installed or started after it). */
  pagePredatesRecording?: boolean;
}

/** Counts of records the restart sweep marked, per tab and page (meta key "lost"). */
export interface LostMeta {
  key: 'lost';
  perTab: Record<string, Record<string, number>>;
}

/** A copy of `record` without `key` (the meta objects are plain records, written back whole). */
function without<T>(record: Record<string, T>, key: string | number): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

/** IndexedDB's refusal for quota: a QuotaExceededError DOMException on the request, transaction or commit. */
export function isQuotaError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { name, message } = err as { name?: unknown; message?: unknown };
  return name === 'QuotaExceededError' || (typeof message === 'string' && /quota/i.test(message));
}

export interface StoreOptions {
  dbName?: string;
  /** For tests (fake-indexeddb); defaults to globalThis.indexedDB. */
  indexedDB?: IDBFactory;
  flushDelayMs?: number;
  completedFlushDelayMs?: number;
  maxBatch?: number;
  /**
   * Commit at once, in the event's own task, when a record reaches a final state (completed, failed, redirected):
   * a worker stopped right after the event then still has the write (see commitNow). Default false (tests of the
   * delays). The background leaves it off: measured, the journal (journal.ts) protects finished records as well, and
   * a transaction per completion cost 0.3 ms of worker time per completion and about 1.2 s of page time on the
   * 2,000-request burst (docs/recorder.md "Speed").
   */
  finalAtOnce?: boolean;
  /**
   * A commit begins at least this long after the previous one began (except at `maxBatch`): fewer, larger
   * transactions. 0: on the next task.
   */
  minCommitGapMs?: number;
  retention?: RetentionSettings;
  /** Called after each commit with the ids written and when (performance.now()) their batch was taken. */
  onFlushed?: (ids: string[], takenAt: number) => void;
  /** Called when the storage health changed (a quota refusal and the trim after it). */
  onStorageHealth?: (health: StorageHealth) => void;
}

/** Schema upgrades, one step per version, so any older database reaches DB_VERSION. */
export function upgradeSchema(db: IDBPDatabase<CacheLensDB>, oldVersion: number): void {
  if (oldVersion < 1) {
    const exchanges = db.createObjectStore('exchanges', { keyPath: 'id' });
    exchanges.createIndex('tab-t', ['tabId', 't']);
    exchanges.createIndex('t', 't');
    const pages = db.createObjectStore('pages', { keyPath: 'id' });
    pages.createIndex('tabId', 'tabId');
    db.createObjectStore('meta', { keyPath: 'key' });
  }
  // Version 2 and later: add `if (oldVersion < 2) { ... }` here; never edit the steps above.
}

const tabRange = (tabId: number) => IDBKeyRange.bound([tabId, -Infinity], [tabId, Infinity]);

export class ExchangeStore {
  private constructor(
    private readonly db: IDBPDatabase<CacheLensDB>,
    private readonly factory: IDBFactory,
    private readonly dbName: string,
    private readonly opts: Required<Omit<StoreOptions, 'dbName' | 'indexedDB' | 'onFlushed' | 'onStorageHealth'>> &
      Pick<StoreOptions, 'onFlushed' | 'onStorageHealth'>,
  ) {}

  /** Exchanges waiting to be written, latest version per id. */
  private readonly queue = new Map<string, StoredExchange>();
  private readonly pageQueue = new Map<string, PageRecord>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerDue = Infinity;
  private flushing: Promise<void> | null = null;
  /** Records taken from the queue by the flush under way (still pending until it commits or puts them back). */
  private inFlight = 0;
  /** Incognito: memory only. tabId -> id -> record. */
  private readonly incognito = new Map<number, Map<string, ExchangeRecord>>();
  private readonly incognitoPages = new Map<number, PageRecord[]>();
  private retentionMeta: RetentionMeta | null = null;
  readonly health: StorageHealth = { quotaErrors: 0, trimmedForQuota: 0 };
  /** Quota refusals in a row (reset by a write that fits): each one trims more. */
  private quotaStreak = 0;
  /** Ids dropped from the queue for quota (bounded), so a request dropped at several events counts once. */
  private readonly droppedQueued = new Set<string>();
  /** Ids to delete with the next write (dropped from the queue for quota). */
  private readonly deleteQueue = new Set<string>();
  /** Records dropped from the queue past MAX_QUEUED (never written). */
  droppedUnwritten = 0;
  /** performance.now() when the last flush committed (bench: time until all is in IndexedDB). */
  lastFlushAt = 0;
  /** Synchronous main-thread time spent queuing writes into transactions, and how many flushes (bench). */
  flushWorkMs = 0;
  flushes = 0;
  /** Exchange puts issued in those flushes (each one a structured clone of the record; bench). */
  puts = 0;

  static async open(options: StoreOptions = {}): Promise<ExchangeStore> {
    const factory = options.indexedDB ?? globalThis.indexedDB;
    const saved = globalThis.indexedDB;
    // idb calls the global indexedDB; swap in the one given for this open (tests pass fake-indexeddb).
    if (factory !== saved) (globalThis as { indexedDB: IDBFactory }).indexedDB = factory;
    try {
      const db = await openDB<CacheLensDB>(options.dbName ?? DB_NAME, DB_VERSION, {
        upgrade: (database, oldVersion) => upgradeSchema(database, oldVersion),
      });
      return new ExchangeStore(db, factory, options.dbName ?? DB_NAME, {
        flushDelayMs: options.flushDelayMs ?? 0,
        completedFlushDelayMs: options.completedFlushDelayMs ?? 0,
        maxBatch: options.maxBatch ?? 200,
        finalAtOnce: options.finalAtOnce ?? false,
        minCommitGapMs: options.minCommitGapMs ?? 0,
        retention: options.retention ?? DEFAULT_RETENTION,
        onFlushed: options.onFlushed,
        onStorageHealth: options.onStorageHealth,
      });
    } finally {
      if (factory !== saved) (globalThis as { indexedDB: IDBFactory }).indexedDB = saved;
    }
  }

  get retention(): RetentionSettings {
    return this.opts.retention;
  }

  setRetention(settings: Partial<RetentionSettings>): void {
    this.opts.retention = { ...this.opts.retention, ...settings };
  }

  /** Hot path: queue the record (or keep it in memory when incognito). `final` = completed / failed / redirected. */
  put(record: ExchangeRecord, final = false): void {
    const tabId = record.tabId ?? -1;
    if (record.incognito) {
      let bucket = this.incognito.get(tabId);
      if (!bucket) this.incognito.set(tabId, (bucket = new Map<string, ExchangeRecord>()));
      bucket.set(record.id, record);
      this.trimIncognito(tabId, bucket);
      return;
    }
    this.queue.set(record.id, { id: record.id, tabId, t: record.requestTimeMs, record });
    // A database that keeps failing (not for quota: that trims) must not grow the queue without end: oldest go.
    if (this.queue.size > MAX_QUEUED) {
      this.queue.delete(this.queue.keys().next().value as string);
      this.droppedUnwritten++;
    }
    if (final && this.opts.finalAtOnce) this.commitNow();
    else if (this.queue.size >= this.opts.maxBatch) this.schedule(0, false);
    else this.schedule(final ? this.opts.completedFlushDelayMs : this.opts.flushDelayMs);
  }

  putPage(page: PageRecord, incognito = false): void {
    if (incognito) {
      const list = this.incognitoPages.get(page.tabId) ?? [];
      const i = list.findIndex((p) => p.id === page.id);
      if (i >= 0) list[i] = page;
      else list.push(page);
      this.incognitoPages.set(page.tabId, list);
      return;
    }
    this.pageQueue.set(page.id, page);
    this.schedule(this.opts.completedFlushDelayMs);
  }

  /** Number of records not yet in IndexedDB. */
  get pending(): number {
    return this.queue.size + this.pageQueue.size + this.deleteQueue.size + this.inFlight + this.directInFlight;
  }

  /** Records in commits started by commitNow() and not yet committed. */
  private directInFlight = 0;
  /** Those commits, for flush() to wait on. */
  private readonly directCommits = new Set<Promise<void>>();
  /** Tabs written since retention was last enforced (commitNow defers it, see retentionSoon). */
  private readonly retentionTabs = new Set<number>();
  private retentionTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Upper bounds on what is stored, so that retention counts (IDBObjectStore.count walks the records in Chromium: the
   * worker's largest IndexedDB cost after the puts in the burst bench's CPU profile) only when a limit may be passed:
   * the last count plus every id put since that this store had not put before (an update counts again once
   * `seenIds` was cleared: over, never under). Deletions only lower the truth.
   */
  private countedTotal: number | null = null;
  /** performance.now() when the last batched commit began (minCommitGapMs). */
  private lastCommitAt = -Infinity;
  private readonly countedTab = new Map<number, number>();
  private addedTotal = 0;
  private readonly addedTab = new Map<number, number>();
  private readonly seenIds = new Set<string>();

  /**
   * Writes everything queued in a transaction begun and committed (IDBTransaction.commit()) within the calling task,
   * so the writes and the commit request leave the worker with the event that caused them. Measured with
   * ServiceWorker.stopAllWorkers mid-burst (recorder-worker-stop.test.ts): the next-task batch lost the completions
   * that reached a worker about to be stopped; a commit requested in the event's own task keeps them. Transactions
   * on the same store run in the order they were created
   * (https://w3c.github.io/IndexedDB/#transaction-scheduling), so a later version is never overwritten by an
   * earlier one. Near the quota it leaves the writing to flush(), which makes room first.
   */
  private commitNow(): void {
    if (this.quotaStreak > 0 || this.health.quotaCap !== undefined || this.deleteQueue.size > 0) {
      this.schedule(0);
      return;
    }
    const takenAt = performance.now();
    const batch = [...this.queue.values()];
    const pages = [...this.pageQueue.values()];
    this.queue.clear();
    this.pageQueue.clear();
    const n = batch.length + pages.length;
    this.directInFlight += n;
    const t0 = performance.now();
    let tx: IDBPTransaction<CacheLensDB, ('exchanges' | 'pages')[], 'readwrite'>;
    try {
      tx = this.db.transaction(['exchanges', 'pages'], 'readwrite', { durability: 'relaxed' });
      const exchanges = tx.objectStore('exchanges');
      const pageStore = tx.objectStore('pages');
      this.noteAdded(batch);
      for (const item of batch) exchanges.put(item).catch(() => {});
      for (const page of pages) pageStore.put(page).catch(() => {});
      // Not in every browser's idb typings' lib: feature-detected (Chrome 76+, Firefox 74+).
      (tx as unknown as { commit?: () => void }).commit?.();
    } catch (err) {
      this.directInFlight -= n;
      this.putBack(batch, pages);
      this.schedule(0);
      console.error('Cache Lens: write failed', err);
      return;
    }
    this.flushWorkMs += performance.now() - t0;
    this.flushes++;
    this.puts += batch.length;
    const done: Promise<void> = tx.done
      .then(
        () => {
          this.lastFlushAt = performance.now();
          for (const item of batch) this.retentionTabs.add(item.tabId);
          this.retentionSoon();
          this.opts.onFlushed?.(
            batch.map((b) => b.id),
            takenAt,
          );
        },
        () => {
          // Refused (quota) or aborted: the serialized flush writes them again, making room first if needed.
          this.putBack(batch, pages);
          this.schedule(0);
        },
      )
      .finally(() => {
        this.directInFlight -= n;
        this.directCommits.delete(done);
      });
    this.directCommits.add(done);
  }

  /** Queues a failed batch again unless a newer version is queued (the records are the live objects: current). */
  private putBack(batch: StoredExchange[], pages: PageRecord[]): void {
    for (const item of batch) if (!this.queue.has(item.id)) this.queue.set(item.id, item);
    for (const page of pages) if (!this.pageQueue.has(page.id)) this.pageQueue.set(page.id, page);
  }

  /** Retention after direct commits: at most every 500 ms, not per commit (it counts records per tab). */
  private retentionSoon(): void {
    this.retentionTimer ??= setTimeout(() => {
      this.retentionTimer = null;
      const tabs = new Set(this.retentionTabs);
      this.retentionTabs.clear();
      this.enforceRetention(tabs).catch((err: unknown) => {
        if (!isQuotaError(err)) console.error('Cache Lens: retention failed', err);
      });
    }, 500);
  }

  private schedule(delay: number, paced = true): void {
    if (paced && this.opts.minCommitGapMs)
      delay = Math.max(delay, Math.ceil(this.lastCommitAt + this.opts.minCommitGapMs - performance.now()));
    const due = Date.now() + delay;
    if (this.timer && due >= this.timerDue) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerDue = Infinity;
      void this.flush().catch((err: unknown) => console.error('Cache Lens: flush failed', err));
    }, delay);
  }

  /**
   * Writes everything queued; resolves when it is committed. Safe to call concurrently: one write runs at a time.
   * Callers waiting for the one under way resume together, so between the wait and the claim (`this.flushing = ...`)
   * there must be no `await`: before this was so, several ran at once near the quota (dropOldestQueued awaited in
   * between), each queuing its own IndexedDB transactions, and `pending` said 0 while hundreds were still queued in the
   * browser, which made reads wait behind them for over a minute (recorder-quota.test.ts).
   */
  async flush(): Promise<void> {
    for (;;) {
      if (this.flushing)
        await this.flushing.catch(() => {}); // its own caller reports its failure
      else if (this.directCommits.size) await Promise.all([...this.directCommits]);
      else break;
    }
    if (this.queue.size === 0 && this.pageQueue.size === 0 && this.deleteQueue.size === 0) return;
    let failed = false;
    this.flushing = this.writeQueued();
    try {
      await this.flushing;
    } catch (err) {
      failed = true;
      throw err;
    } finally {
      this.flushing = null;
      this.inFlight = 0;
      // Whatever was put back is written again (later after a failure), never left waiting for the next event.
      if (this.queue.size || this.pageQueue.size || this.deleteQueue.size) this.schedule(failed ? 1000 : 0);
    }
  }

  /** The body of flush(): only ever one at a time (flush() waits for the one under way before it starts another). */
  private async writeQueued(): Promise<void> {
    if (this.health.quotaCap !== undefined && this.queue.size > this.health.quotaCap)
      await this.dropOldestQueued(this.queue.size - this.health.quotaCap);
    const takenAt = performance.now();
    const batch = [...this.queue.values()];
    const pages = [...this.pageQueue.values()];
    const deletes = [...this.deleteQueue].filter((id) => !this.queue.has(id));
    this.deleteQueue.clear();
    this.queue.clear();
    this.pageQueue.clear();
    this.inFlight = batch.length + pages.length + deletes.length;
    try {
      if (deletes.length) {
        // Apart from the writes: a delete-only transaction is one a full database still accepts.
        const del = this.db.transaction('exchanges', 'readwrite');
        for (const id of deletes) void del.store.delete(id);
        await del.done;
      }
      const t0 = performance.now();
      // relaxed: the commit resolves once the browser holds the data, without waiting for a disk flush
      // (https://developer.mozilla.org/docs/Web/API/IDBDatabase/transaction#durability); a stopped worker is not a
      // crashed browser, so what the browser holds survives it.
      const tx = this.db.transaction(['exchanges', 'pages'], 'readwrite', { durability: 'relaxed' });
      this.lastCommitAt = t0;
      const exchanges = tx.objectStore('exchanges');
      const pageStore = tx.objectStore('pages');
      this.noteAdded(batch);
      for (const item of batch) void exchanges.put(item);
      for (const page of pages) void pageStore.put(page);
      this.flushWorkMs += performance.now() - t0;
      this.flushes++;
      this.puts += batch.length;
      await tx.done;
    } catch (err) {
      // Put them back (unless a newer version was queued meanwhile) so nothing is lost on a transient failure.
      for (const item of batch) if (!this.queue.has(item.id)) this.queue.set(item.id, item);
      for (const page of pages) if (!this.pageQueue.has(page.id)) this.pageQueue.set(page.id, page);
      for (const id of deletes) this.deleteQueue.add(id);
      if (!isQuotaError(err)) throw err;
      // Full: make room (oldest first) and let the retry below write the batch again. Recording goes on.
      await this.makeRoom();
      return;
    }
    this.quotaStreak = 0;
    // Quiet for 10 s after a refusal: let the cap grow back a little with each write that fits.
    const cap = this.health.quotaCap;
    if (cap !== undefined && Date.now() - (this.health.lastQuotaErrorMs ?? 0) > 10_000) {
      const grown = Math.ceil(cap * 1.1) + 1;
      this.health.quotaCap = grown >= this.opts.retention.maxTotal ? undefined : grown;
    }
    this.lastFlushAt = performance.now();
    try {
      await this.enforceRetention(new Set(batch.map((b) => b.tabId)));
    } catch (err) {
      // Its bookkeeping writes (meta, page counts) may be refused near the quota: the next pass does it again.
      if (!isQuotaError(err)) throw err;
    }
    this.opts.onFlushed?.(
      batch.map((b) => b.id),
      takenAt,
    );
  }

  /**
   * After a quota refusal: drop the oldest records (a fifth of what is stored, more with each refusal in a row) and
   * keep the database to what is left from now on (`quotaCap`). With nothing left to drop, the oldest half of the
   * queue goes instead, so a batch larger than the whole quota cannot block recording.
   */
  private async makeRoom(): Promise<void> {
    this.quotaStreak++;
    this.health.quotaErrors++;
    this.health.lastQuotaErrorMs = Date.now();
    let dropped = 0;
    if (this.quotaStreak > 1) {
      // The first refusal only compacts: earlier deletions (retention) may be all that fills the quota.
      const stored = await this.db.count('exchanges');
      if (stored > 0) {
        dropped = await this.dropOldest(Math.min(stored, Math.max(20, Math.ceil(stored / 5))));
        this.health.quotaCap = Math.max(10, stored - dropped);
        this.health.stored = stored - dropped;
      } else if (this.queue.size > 1) {
        await this.dropOldestQueued(Math.ceil(this.queue.size / 2)); // counts itself
        this.health.quotaCap = 10;
      }
    }
    await this.compact();
    this.health.trimmedForQuota += dropped;
    this.opts.onStorageHealth?.({ ...this.health });
    // Give the browser's compaction a moment before the next try (longer after several refusals in a row).
    await new Promise((r) => setTimeout(r, Math.min(2000, 250 * this.quotaStreak)));
  }

  /**
   * Deleted records free no quota by themselves: Chromium's IndexedDB (LevelDB) counts the files, and deletions only
   * add tombstones to the log until it is compacted, which a small database never triggers (measured in Chromium 156:
   * deleting half, or clear(), left usage growing and writes refused). Deleting a database does compact: a scratch
   * database opened and deleted again frees the space within about a second. The cache-lens database is untouched.
   */
  private lastCompactMs = 0;

  private async compact(): Promise<void> {
    this.lastCompactMs = Date.now();
    const name = `${this.dbName}-compact`;
    await new Promise<void>((resolve) => {
      const open = this.factory.open(name, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('x');
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => resolve();
      open.onblocked = () => resolve();
    });
    await new Promise<void>((resolve) => {
      const del = this.factory.deleteDatabase(name);
      del.onsuccess = del.onerror = del.onblocked = () => resolve();
    });
  }

  /**
   * Near the quota, queued records older than the newest `quotaCap` would be trimmed right after being written (oldest
   * first): they go before the write instead, so a long backlog never makes a transaction larger than what fits.
   */
  private async dropOldestQueued(n: number): Promise<number> {
    const oldest = [...this.queue.values()].sort((a, b) => a.t - b.t).slice(0, n);
    const meta = await this.loadRetentionMeta();
    let counted = 0;
    for (const item of oldest) {
      this.queue.delete(item.id);
      // An earlier (in-flight) version may be stored: it goes too, rather than stay looking unfinished.
      this.deleteQueue.add(item.id);
      // A request still in flight is queued again by its next event (and may go again): count it once.
      if (this.droppedQueued.has(item.id)) continue;
      if (this.droppedQueued.size > 20_000) this.droppedQueued.clear();
      this.droppedQueued.add(item.id);
      this.countDropped(meta, item);
      counted++;
    }
    this.health.trimmedForQuota += counted;
    return oldest.length;
  }

  private countDropped(meta: RetentionMeta, item: StoredExchange, pages?: Map<string, number>): void {
    meta.droppedTotal++;
    meta.droppedPerTab[item.tabId] = (meta.droppedPerTab[item.tabId] ?? 0) + 1;
    const pageId = item.record.pageId;
    if (pageId && pages) pages.set(pageId, (pages.get(pageId) ?? 0) + 1);
  }

  /** Deletes the `n` oldest records in a delete-only transaction (one a full database still accepts); counts them. */
  private async dropOldest(n: number): Promise<number> {
    const meta = await this.loadRetentionMeta();
    const pages = new Map<string, number>();
    const tx = this.db.transaction('exchanges', 'readwrite');
    let cursor = await tx.store.index('t').openCursor();
    let left = n;
    while (cursor && left > 0) {
      this.countDropped(meta, cursor.value, pages);
      await cursor.delete();
      left--;
      cursor = await cursor.continue();
    }
    await tx.done;
    // The per-page counts and the meta record are small writes that may be refused too: best effort.
    try {
      const tx2 = this.db.transaction(['pages', 'meta'], 'readwrite');
      for (const [pageId, k] of pages) {
        const page = await tx2.objectStore('pages').get(pageId);
        if (page) await tx2.objectStore('pages').put({ ...page, dropped: page.dropped + k });
      }
      await tx2.objectStore('meta').put(meta);
      await tx2.done;
    } catch {
      /* kept in memory (retentionMeta); written with the next retention pass */
    }
    return n - left;
  }

  private async loadRetentionMeta(): Promise<RetentionMeta> {
    if (!this.retentionMeta) {
      this.retentionMeta = ((await this.db.get('meta', 'retention')) as RetentionMeta | undefined) ?? {
        key: 'retention',
        droppedTotal: 0,
        droppedPerTab: {},
      };
    }
    return this.retentionMeta;
  }

  /** Bookkeeping for the retention bounds, before the puts are issued (a count begun later includes them). */
  private noteAdded(batch: StoredExchange[]): void {
    for (const item of batch) {
      if (this.seenIds.has(item.id)) continue;
      this.seenIds.add(item.id);
      this.addedTotal++;
      this.addedTab.set(item.tabId, (this.addedTab.get(item.tabId) ?? 0) + 1);
    }
    // Bounded memory: forgetting only makes later updates count again (an over-estimate).
    if (this.seenIds.size > 5000) this.seenIds.clear();
    if (this.countedTab.size > 1000) this.countedTab.clear();
  }

  /** Oldest first, per tab then overall; every dropped exchange is counted (per tab, per page, total). */
  private async enforceRetention(tabs: Set<number>): Promise<void> {
    const { maxPerTab } = this.opts.retention;
    const maxTotal = Math.min(this.opts.retention.maxTotal, this.health.quotaCap ?? Infinity);
    const over: Array<{ tabId: number; excess: number }> = [];
    for (const tabId of tabs) {
      const known = this.countedTab.get(tabId);
      const added = this.addedTab.get(tabId) ?? 0;
      if (known !== undefined && known + added <= maxPerTab) continue;
      const count = await this.db.countFromIndex('exchanges', 'tab-t', tabRange(tabId));
      this.countedTab.set(tabId, count);
      this.addedTab.set(tabId, (this.addedTab.get(tabId) ?? 0) - added);
      if (count > maxPerTab) over.push({ tabId, excess: count - maxPerTab });
    }
    const addedTotal = this.addedTotal;
    if (over.length === 0 && !this.health.quotaErrors && this.countedTotal !== null && this.countedTotal + addedTotal <= maxTotal) return;
    const total = await this.db.count('exchanges');
    this.countedTotal = total;
    this.addedTotal -= addedTotal;
    if (this.health.quotaErrors) this.health.stored = total;
    let totalExcess = total - maxTotal;
    if (over.length === 0 && totalExcess <= 0) return;
    const meta = await this.loadRetentionMeta();
    const droppedPages = new Map<string, number>();
    const tx = this.db.transaction(['exchanges', 'pages', 'meta'], 'readwrite');
    const drop = (item: StoredExchange) => this.countDropped(meta, item, droppedPages);
    for (const { tabId, excess } of over) {
      let left = excess;
      let cursor = await tx.objectStore('exchanges').index('tab-t').openCursor(tabRange(tabId));
      while (cursor && left > 0) {
        drop(cursor.value);
        await cursor.delete();
        left--;
        totalExcess--;
        cursor = await cursor.continue();
      }
    }
    if (totalExcess > 0) {
      let cursor = await tx.objectStore('exchanges').index('t').openCursor();
      while (cursor && totalExcess > 0) {
        drop(cursor.value);
        await cursor.delete();
        totalExcess--;
        cursor = await cursor.continue();
      }
    }
    for (const [pageId, n] of droppedPages) {
      const page = await tx.objectStore('pages').get(pageId);
      if (page) await tx.objectStore('pages').put({ ...page, dropped: page.dropped + n });
    }
    await tx.objectStore('meta').put(meta);
    await tx.done;
    // Near the quota, the deletions must be compacted away to free anything (see compact()).
    if (this.health.quotaCap !== undefined && Date.now() - this.lastCompactMs > 2000) await this.compact();
  }

  private trimIncognito(tabId: number, bucket: Map<string, ExchangeRecord>): void {
    if (bucket.size <= this.opts.retention.maxPerTab) return;
    const oldest = bucket.keys().next().value as string;
    bucket.delete(oldest);
    const meta = this.retentionMeta ?? { key: 'retention' as const, droppedTotal: 0, droppedPerTab: {} };
    this.retentionMeta = meta;
    meta.droppedTotal++;
    meta.droppedPerTab[tabId] = (meta.droppedPerTab[tabId] ?? 0) + 1;
  }

  /** One record: the queue first (newest), then the database, then incognito memory. */
  async get(id: string): Promise<ExchangeRecord | undefined> {
    const queued = this.queue.get(id);
    if (queued) return queued.record;
    for (const bucket of this.incognito.values()) {
      const r = bucket.get(id);
      if (r) return r;
    }
    return (await this.db.get('exchanges', id))?.record;
  }

  /** A tab's exchanges (tabId -1: the no-tab bucket), oldest first, queued versions overriding stored ones. */
  async exchangesForTab(tabId: number): Promise<ExchangeRecord[]> {
    const stored = await this.db.getAllFromIndex('exchanges', 'tab-t', tabRange(tabId));
    const byId = new Map<string, StoredExchange>();
    for (const s of stored) byId.set(s.id, s);
    for (const q of this.queue.values()) if (q.tabId === tabId) byId.set(q.id, q);
    const out = [...byId.values()].sort((a, b) => a.t - b.t).map((s) => s.record);
    const memory = this.incognito.get(tabId);
    if (memory) out.push(...memory.values());
    return out;
  }

  /** Every exchange (all tabs), for tests and export. */
  async allExchanges(): Promise<ExchangeRecord[]> {
    const stored = await this.db.getAllFromIndex('exchanges', 't');
    const byId = new Map<string, StoredExchange>();
    for (const s of stored) byId.set(s.id, s);
    for (const q of this.queue.values()) byId.set(q.id, q);
    const out = [...byId.values()].sort((a, b) => a.t - b.t).map((s) => s.record);
    for (const bucket of this.incognito.values()) out.push(...bucket.values());
    return out;
  }

  /** Only what is committed to IndexedDB (what a stopped worker would find). */
  async storedExchanges(tabId?: number): Promise<ExchangeRecord[]> {
    const stored =
      tabId === undefined
        ? await this.db.getAllFromIndex('exchanges', 't')
        : await this.db.getAllFromIndex('exchanges', 'tab-t', tabRange(tabId));
    return stored.map((s) => s.record);
  }

  async pagesForTab(tabId: number): Promise<PageRecord[]> {
    const stored = await this.db.getAllFromIndex('pages', 'tabId', tabId);
    const byId = new Map<string, PageRecord>();
    for (const p of stored) byId.set(p.id, p);
    for (const p of this.pageQueue.values()) if (p.tabId === tabId) byId.set(p.id, p);
    const out = [...byId.values()];
    out.push(...(this.incognitoPages.get(tabId) ?? []));
    return out.sort((a, b) => a.startedMs - b.startedMs);
  }

  async retentionStats(tabId: number): Promise<RetentionStatus> {
    const meta = await this.loadRetentionMeta();
    return {
      droppedForTab: meta.droppedPerTab[tabId] ?? 0,
      droppedTotal: meta.droppedTotal,
      maxPerTab: this.opts.retention.maxPerTab,
      maxTotal: this.opts.retention.maxTotal,
      ...(this.health.quotaErrors ? { storage: { ...this.health } } : {}),
    };
  }

  /** Removes a tab's exchanges and pages (and its dropped count); `exceptPageId` keeps one page (preserve-log off). */
  async clearTab(tabId: number, exceptPageId?: string): Promise<void> {
    for (const [id, q] of this.queue) if (q.tabId === tabId && (!exceptPageId || q.record.pageId !== exceptPageId)) this.queue.delete(id);
    for (const [id, p] of this.pageQueue) if (p.tabId === tabId && p.id !== exceptPageId) this.pageQueue.delete(id);
    const memory = this.incognito.get(tabId);
    if (memory) for (const [id, r] of memory) if (!exceptPageId || r.pageId !== exceptPageId) memory.delete(id);
    if (!exceptPageId) this.incognitoPages.delete(tabId);
    else
      this.incognitoPages.set(
        tabId,
        (this.incognitoPages.get(tabId) ?? []).filter((p) => p.id === exceptPageId),
      );
    const meta = await this.loadRetentionMeta();
    const tx = this.db.transaction(['exchanges', 'pages', 'meta'], 'readwrite');
    let cursor = await tx.objectStore('exchanges').index('tab-t').openCursor(tabRange(tabId));
    while (cursor) {
      if (!exceptPageId || cursor.value.record.pageId !== exceptPageId) await cursor.delete();
      cursor = await cursor.continue();
    }
    let pageCursor = await tx.objectStore('pages').index('tabId').openCursor(tabId);
    while (pageCursor) {
      if (pageCursor.value.id !== exceptPageId) await pageCursor.delete();
      pageCursor = await pageCursor.continue();
    }
    if (!exceptPageId) {
      meta.droppedTotal -= meta.droppedPerTab[tabId] ?? 0;
      meta.droppedPerTab = without(meta.droppedPerTab, tabId);
      await tx.objectStore('meta').put(meta);
    }
    await tx.done;
    await this.forgetLost(tabId, exceptPageId);
  }

  async clearAll(): Promise<void> {
    this.queue.clear();
    this.pageQueue.clear();
    this.incognito.clear();
    this.incognitoPages.clear();
    this.retentionMeta = { key: 'retention', droppedTotal: 0, droppedPerTab: {} };
    const tx = this.db.transaction(['exchanges', 'pages', 'meta'], 'readwrite');
    await Promise.all([tx.objectStore('exchanges').clear(), tx.objectStore('pages').clear(), tx.objectStore('meta').clear(), tx.done]);
  }

  /** Incognito tab closed: its traffic is gone. */
  forgetIncognitoTab(tabId: number): void {
    this.incognito.delete(tabId);
    this.incognitoPages.delete(tabId);
  }

  /** Drops records of earlier browser sessions (ids start with another session tag): their tab ids mean nothing now. */
  async deleteOtherSessions(sessionTag: string): Promise<number> {
    const prefix = `${sessionTag}:`;
    const tx = this.db.transaction(['exchanges', 'pages'], 'readwrite');
    let deleted = 0;
    let cursor = await tx.objectStore('exchanges').openCursor();
    while (cursor) {
      if (!cursor.value.id.startsWith(prefix)) {
        await cursor.delete();
        deleted++;
      }
      cursor = await cursor.continue();
    }
    let pageCursor = await tx.objectStore('pages').openCursor();
    while (pageCursor) {
      if (!pageCursor.value.id.startsWith(prefix)) await pageCursor.delete();
      pageCursor = await pageCursor.continue();
    }
    await tx.done;
    return deleted;
  }

  /**
   * Records started before `beforeMs` (and after `sinceMs`) that never completed and are not `live`: their last events
   * died with a stopped worker. They get `error` so they do not look in flight forever. Returns how many.
   */
  async markInterrupted(sinceMs: number, beforeMs: number, live: (id: string) => boolean, error: string): Promise<number> {
    await this.flush();
    const tx = this.db.transaction(['exchanges', 'meta'], 'readwrite');
    let marked = 0;
    const lost = ((await tx.objectStore('meta').get('lost')) as LostMeta | undefined) ?? { key: 'lost', perTab: {} };
    let cursor = await tx
      .objectStore('exchanges')
      .index('t')
      .openCursor(IDBKeyRange.bound(sinceMs, beforeMs, false, true));
    while (cursor) {
      const item = cursor.value;
      if (!item.record.endTimeMs && !item.record.error && !live(item.id)) {
        item.record.error = error;
        // Its request headers never arrived either (onSendHeaders went to the stopped worker): say so, not "none".
        markRequestHeadersLost(item.record);
        await cursor.update(item);
        marked++;
        let pages = lost.perTab[item.tabId];
        if (!pages) lost.perTab[item.tabId] = pages = {};
        const pageId = item.record.pageId ?? '';
        pages[pageId] = (pages[pageId] ?? 0) + 1;
      }
      cursor = await cursor.continue();
    }
    if (marked) await tx.objectStore('meta').put(lost);
    await tx.done;
    return marked;
  }

  /** Records of the tab the restart sweep marked ("n requests may be incomplete"), its cleared pages left out. */
  async lostForTab(tabId: number): Promise<number> {
    const lost = (await this.db.get('meta', 'lost')) as LostMeta | undefined;
    return Object.values(lost?.perTab[tabId] ?? {}).reduce((a, b) => a + b, 0);
  }

  /** A marked record did end after all (a late completion, or DevTools' log): one fewer that may be missing. */
  async lostCleared(record: ExchangeRecord): Promise<void> {
    const lost = (await this.db.get('meta', 'lost')) as LostMeta | undefined;
    const pages = lost?.perTab[record.tabId ?? -1];
    const pageId = record.pageId ?? '';
    if (!lost || !pages?.[pageId]) return;
    if (--pages[pageId] <= 0) lost.perTab[record.tabId ?? -1] = without(pages, pageId);
    await this.db.put('meta', lost);
  }

  private async forgetLost(tabId: number, exceptPageId?: string): Promise<void> {
    const lost = (await this.db.get('meta', 'lost')) as LostMeta | undefined;
    const pages = lost?.perTab[tabId];
    if (!lost || !pages) return;
    if (exceptPageId && pages[exceptPageId]) lost.perTab[tabId] = { [exceptPageId]: pages[exceptPageId] };
    else lost.perTab = without(lost.perTab, tabId);
    await this.db.put('meta', lost);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.retentionTimer) clearTimeout(this.retentionTimer);
    this.db.close();
  }
}

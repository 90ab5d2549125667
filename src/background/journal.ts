/**
 * A write-ahead journal of finished records in storage.session, for the last events a stopped worker got.
 *
 * Measured (recorder-worker-stop.test.ts, Chromium 156): events Chrome delivers to a worker that
 * ServiceWorker.stopAllWorkers is stopping reach the listeners, but IndexedDB transactions begun then are aborted
 * with the worker's connection, even with commit() called in the event's own task: a few to a few dozen requests per
 * stop kept their in-flight version only. A storage.session write is a call handled by the browser process once it
 * is sent, whatever becomes of the worker (https://developer.chrome.com/docs/extensions/reference/api/storage#property-session),
 * so each finished record is also put there, in the event's task, and taken out once IndexedDB has committed it. A
 * new worker puts what is left into the store before it handles any event (Recorder.start).
 * Never used for incognito records (the journal is not needed for them: they live in the worker's memory only).
 */
import type { Storage } from 'webextension-polyfill';
import type { ExchangeRecord } from '../core/types';

export const JOURNAL_PREFIX = 'cacheLens.j:';

export interface JournalApi {
  set(items: Record<string, unknown>): Promise<void>;
  get(): Promise<Record<string, unknown>>;
  remove(keys: string[]): Promise<void>;
}

/**
 * The journal in `browser.storage.session` (index.ts passes it). The polyfill has no metadata for storage.session, so
 * this is the browser's own promise API, not a wrapper: the write on the hot path costs what it did before.
 */
export const sessionJournalApi = (session: Pick<Storage.StorageArea, 'set' | 'get' | 'remove'>): JournalApi => ({
  set: (items) => session.set(items),
  get: () => session.get(null),
  remove: (keys) => session.remove(keys),
});

/** Journal entries at most (about 1.5 KB each); past it, writes are skipped. */
const MAX_ENTRIES = 4000;
/**
 * Approximate bytes the waiting entries may take: storage.session holds 10 MB for the whole extension
 * (https://developer.chrome.com/docs/extensions/reference/api/storage#property-session), and the tab registry's state
 * lives there too, so the journal keeps well under it (a record with thousands of Set-Cookie lines is large).
 */
const MAX_BYTES = 4 * 2 ** 20;

/** A cheap over-estimate of a record's size in storage (no serialization on the hot path). */
export function approxBytes(record: ExchangeRecord): number {
  let n = 600 + record.url.length * 2;
  for (const h of record.requestHeaders) n += h.name.length + h.value.length + 16;
  for (const h of record.responseHeaders) n += h.name.length + h.value.length + 16;
  n += (record.jarSnapshot?.length ?? 0) * 300;
  return n;
}

/**
 * What goes into the journal: the whole record. An earlier version left out the request headers and jar snapshot
 * (filled from the stored in-flight version at replay), but a request that finishes before its in-flight version
 * commits (most of a burst: commits are at least 16 ms apart) then lost them at a stop with nothing to fill them from,
 * and the gain was within noise (a storage.session call costs per call, not per byte: docs/recorder.md).
 */
export function journalEntry(record: ExchangeRecord): ExchangeRecord {
  return record;
}

/**
 * A journal entry made whole again: entries of that earlier slim form take the stored version's request headers and
 * jar; when there is none, the record says its request headers were lost instead of showing none.
 */
export function fillFrom(entry: ExchangeRecord, stored: ExchangeRecord | undefined): ExchangeRecord {
  const { journalSlim, ...record } = entry as ExchangeRecord & { journalSlim?: boolean };
  if (!journalSlim) return record;
  if (stored?.requestHeaders.length) {
    record.requestHeaders = stored.requestHeaders;
    if (stored.jarSnapshot) record.jarSnapshot = stored.jarSnapshot;
    const withMs = stored as ExchangeRecord & { jarSnapshotMs?: number };
    if (withMs.jarSnapshotMs !== undefined) (record as ExchangeRecord & { jarSnapshotMs?: number }).jarSnapshotMs = withMs.jarSnapshotMs;
  } else {
    markRequestHeadersLost(record);
  }
  return record;
}

/** The request's headers never reached a worker that could keep them (cleared when a later event brings them). */
export function markRequestHeadersLost(record: ExchangeRecord): void {
  if (record.requestHeaders.length) return;
  record.requestHeadersLost = true;
  record.requestHeadersIncomplete = true;
}

export class Journal {
  /** id -> performance.now() of its last journal write. */
  private readonly written = new Map<string, number>();
  /** id -> approxBytes of its waiting entry, and their sum. */
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  private readonly toRemove = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Writes skipped because MAX_ENTRIES were waiting (the store is far behind). */
  skipped = 0;
  writes = 0;

  constructor(
    private readonly api: JournalApi,
    private readonly removeDelayMs = 250,
  ) {}

  get size(): number {
    return this.written.size;
  }

  /**
   * Hot path: the finished record goes to the journal now (one storage call, not awaited; `stored` runs once the
   * browser holds it: the e2e trace).
   */
  write(record: ExchangeRecord, stored?: () => void): void {
    const size = approxBytes(record);
    const grows = size - (this.sizes.get(record.id) ?? 0);
    if ((this.written.size >= MAX_ENTRIES && !this.written.has(record.id)) || this.bytes + grows > MAX_BYTES) {
      this.skipped++;
      return;
    }
    this.sizes.set(record.id, size);
    this.bytes += grows;
    this.written.set(record.id, performance.now());
    this.toRemove.delete(record.id);
    this.writes++;
    this.api.set({ [JOURNAL_PREFIX + record.id]: journalEntry(record) }).then(stored, () => {});
  }

  /**
   * IndexedDB committed these ids in a batch taken at `takenAt` (performance.now()): their journal entries go, unless
   * written again since (a newer version whose commit is still to come).
   */
  committed(ids: Iterable<string>, takenAt: number): void {
    for (const id of ids) {
      const at = this.written.get(id);
      if (at === undefined || at > takenAt) continue;
      this.written.delete(id);
      this.bytes -= this.sizes.get(id) ?? 0;
      this.sizes.delete(id);
      this.toRemove.add(id);
    }
    if (this.toRemove.size && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        const keys = [...this.toRemove].map((id) => JOURNAL_PREFIX + id);
        this.toRemove.clear();
        this.api.remove(keys).catch(() => {});
      }, this.removeDelayMs);
    }
  }

  /** What a stopped worker left (read at start). */
  async leftOver(): Promise<ExchangeRecord[]> {
    const all = await this.api.get();
    const out: ExchangeRecord[] = [];
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(JOURNAL_PREFIX) || !value || typeof value !== 'object') continue;
      const record = value as ExchangeRecord;
      // Written by this worker: its own queue or database has this version, or a newer one.
      if ((this.written.get(record.id) ?? -1) >= 0) continue;
      out.push(record);
      this.written.set(record.id, -1);
    }
    return out;
  }
}

/**
 * A read-only hook on the background's globalThis for the e2e tests and the benchmark
 * (serviceWorker.evaluate(() => globalThis.__cacheLens.readRecords(tabId))). Installed only in e2e builds
 * (scripts/build.mjs --e2e -> dist/*-e2e, see index.ts); shipped builds do not contain it.
 */
import type { ExchangeRecord } from '../core/types';
import type { Recorder } from './recorder';

export interface CacheLensTestHook {
  ready(): Promise<void>;
  readRecords(tabId?: number): Promise<ExchangeRecord[]>;
  readStoredRecords(tabId?: number): Promise<ExchangeRecord[]>;
  flush(): Promise<void>;
  pending(): number;
  stats(): ReturnType<Recorder['stats']['summary']>;
  resetStats(): void;
  sessionTag(): string;
  workerStartedMs(): number;
  /** Runs the interrupted-record sweep now (normally 20 s after a worker restart). */
  markInterrupted(): Promise<number>;
  /** Records committed to IndexedDB whose URL contains `part`. */
  storedCount(part: string): Promise<number>;
  /** performance.now() of the last listener call and of the last committed flush. */
  timing(): {
    lastEventAt: number;
    lastFlushAt: number;
    now: number;
    flushWorkMs: number;
    flushes: number;
    puts: number;
    journalWrites: number;
  };
  resetFlushWork(): void;
  /** cookies API readings the jar cache has made (one per site, top-level site and store until a cookie changes). */
  jarReadings(): number;
  /** Requests recognised as DevTools' own refetches and kept out of the recording (adapter.ts isDevtoolsRefetch). */
  devtoolsRefetches(): number;
  /** The write-ahead journal (journal.ts): writes, entries waiting, records taken over at start, writes skipped. */
  journal(): { writes: number; waiting: number; replayed: number; skipped: number };
  /** Entries the worker holds in memory, per structure (Recorder.memoryCounts). */
  memory(): Record<string, number>;
  /** The store's quota bookkeeping (store.ts StorageHealth). */
  storageHealth(): import('./store').StorageHealth | null;
}

export function installTestHook(recorder: Recorder, ready: Promise<void>): void {
  const hook: CacheLensTestHook = {
    ready: () => ready,
    async readRecords(tabId) {
      await ready;
      const store = recorder.store!;
      return tabId === undefined ? store.allExchanges() : store.exchangesForTab(tabId);
    },
    async readStoredRecords(tabId) {
      await ready;
      return recorder.store!.storedExchanges(tabId);
    },
    async flush() {
      await ready;
      await recorder.store!.flush();
    },
    pending: () => recorder.store?.pending ?? 0,
    stats: () => recorder.stats.summary(),
    resetStats: () => recorder.stats.reset(),
    sessionTag: () => recorder.sessionTag,
    workerStartedMs: () => recorder.workerStartedMs,
    async markInterrupted() {
      await ready;
      return recorder.markInterrupted();
    },
    async storedCount(part) {
      await ready;
      return (await recorder.store!.storedExchanges()).filter((r) => r.url.includes(part)).length;
    },
    timing: () => ({
      lastEventAt: recorder.lastEventAt,
      lastFlushAt: recorder.store?.lastFlushAt ?? 0,
      now: performance.now(),
      flushWorkMs: recorder.store?.flushWorkMs ?? 0,
      flushes: recorder.store?.flushes ?? 0,
      puts: recorder.store?.puts ?? 0,
      journalWrites: recorder.journal?.writes ?? 0,
    }),
    jarReadings: () => recorder.jars.fetches,
    devtoolsRefetches: () => recorder.devtoolsRefetches,
    memory: () => recorder.memoryCounts(),
    journal: () => ({
      writes: recorder.journal?.writes ?? 0,
      waiting: recorder.journal?.size ?? 0,
      replayed: recorder.journalReplayed,
      skipped: recorder.journal?.skipped ?? 0,
    }),
    storageHealth: () => (recorder.store ? { ...recorder.store.health } : null),
    resetFlushWork() {
      if (!recorder.store) return;
      recorder.store.flushWorkMs = 0;
      recorder.store.flushes = 0;
      recorder.store.puts = 0;
      if (recorder.journal) recorder.journal.writes = 0;
    },
  };
  (globalThis as { __cacheLens?: CacheLensTestHook }).__cacheLens = hook;
}

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../core/types';
import { DB_VERSION, ExchangeStore } from './store';

let n = 0;
function record(tabId: number, over: Partial<ExchangeRecord> = {}): ExchangeRecord {
  n++;
  return {
    id: `s:${n}`,
    url: `https://a.test/${n}`,
    method: 'GET',
    status: 200,
    requestHeaders: [],
    responseHeaders: [],
    requestTimeMs: 1_000_000 + n,
    responseTimeMs: 1_000_000 + n,
    source: 'network',
    tabId,
    ...over,
  };
}

const stores: ExchangeStore[] = [];
async function open(factory = new IDBFactory(), opts: Parameters<typeof ExchangeStore.open>[0] = {}) {
  const store = await ExchangeStore.open({ indexedDB: factory, ...opts });
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

describe('ExchangeStore', () => {
  it('creates the versioned schema (stores and indexes) on first open', async () => {
    const factory = new IDBFactory();
    const store = await open(factory);
    store.close();
    const raw: IDBDatabase = await new Promise((resolve, reject) => {
      const req = factory.open('cache-lens');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('open failed'));
    });
    expect(raw.version).toBe(DB_VERSION);
    expect([...raw.objectStoreNames].sort()).toEqual(['exchanges', 'meta', 'pages']);
    const tx = raw.transaction('exchanges');
    expect([...tx.objectStore('exchanges').indexNames].sort()).toEqual(['t', 'tab-t']);
    raw.close();
  });

  it('batches writes off the hot path: nothing in IndexedDB until the flush, then everything', async () => {
    const store = await open(undefined, { flushDelayMs: 10_000, completedFlushDelayMs: 10_000, maxBatch: 1000 });
    const a = record(1);
    store.put(a);
    store.put(record(1));
    expect(await store.storedExchanges()).toHaveLength(0);
    expect(store.pending).toBe(2);
    // Reads see queued records before they are written.
    expect((await store.exchangesForTab(1)).map((r) => r.id)).toContain(a.id);
    await store.flush();
    expect(await store.storedExchanges()).toHaveLength(2);
    expect(store.pending).toBe(0);
  });

  it('flushes by itself after the short delay for completed records', async () => {
    const store = await open(undefined, { flushDelayMs: 10_000, completedFlushDelayMs: 5 });
    store.put(record(1), true);
    await new Promise((r) => setTimeout(r, 60));
    expect(await store.storedExchanges()).toHaveLength(1);
  });

  it('flushes at once when maxBatch records wait', async () => {
    const store = await open(undefined, { flushDelayMs: 10_000, completedFlushDelayMs: 10_000, maxBatch: 5 });
    for (let i = 0; i < 5; i++) store.put(record(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(await store.storedExchanges()).toHaveLength(5);
  });

  it('keeps the latest version of a record that changed several times before a flush', async () => {
    const store = await open();
    const r = record(1, { status: 0 });
    store.put(r);
    store.put({ ...r, status: 304 });
    await store.flush();
    expect((await store.get(r.id))?.status).toBe(304);
    expect(await store.storedExchanges()).toHaveLength(1);
  });

  it('survives a reopen (a stopped service worker): what was flushed is there', async () => {
    const factory = new IDBFactory();
    const first = await open(factory);
    const r = record(3);
    first.put(r, true);
    await first.flush();
    first.close();
    const second = await open(factory);
    expect((await second.exchangesForTab(3)).map((x) => x.id)).toEqual([r.id]);
  });

  it('separates tabs, and the no-tab bucket (-1)', async () => {
    const store = await open();
    store.put(record(1));
    store.put(record(2));
    store.put(record(-1));
    await store.flush();
    expect(await store.exchangesForTab(1)).toHaveLength(1);
    expect(await store.exchangesForTab(2)).toHaveLength(1);
    expect(await store.exchangesForTab(-1)).toHaveLength(1);
  });

  it('never writes incognito records to IndexedDB, and forgets them when their tab closes', async () => {
    const store = await open();
    store.put(record(9, { incognito: true }), true);
    store.putPage({ id: 'pi', tabId: 9, url: 'https://a.test/', startedMs: 1, dropped: 0 }, true);
    await store.flush();
    expect(await store.storedExchanges()).toHaveLength(0);
    expect(await store.exchangesForTab(9)).toHaveLength(1);
    expect(await store.pagesForTab(9)).toHaveLength(1);
    store.forgetIncognitoTab(9);
    expect(await store.exchangesForTab(9)).toHaveLength(0);
  });

  it('bounds retention per tab, oldest first, and counts what it dropped (tab, page, total)', async () => {
    const store = await open(undefined, { retention: { maxPerTab: 3, maxTotal: 100 } });
    store.putPage({ id: 'p1', tabId: 1, url: 'https://a.test/', startedMs: 0, dropped: 0 });
    const rs = Array.from({ length: 5 }, () => record(1, { pageId: 'p1' }));
    for (const r of rs) store.put(r);
    store.put(record(2));
    await store.flush();
    expect((await store.exchangesForTab(1)).map((r) => r.id)).toEqual(rs.slice(2).map((r) => r.id));
    expect(await store.retentionStats(1)).toEqual({ droppedForTab: 2, droppedTotal: 2, maxPerTab: 3, maxTotal: 100 });
    expect((await store.retentionStats(2)).droppedForTab).toBe(0);
    expect((await store.pagesForTab(1))[0]?.dropped).toBe(2);
  });

  it('bounds retention overall, oldest first across tabs', async () => {
    const store = await open(undefined, { retention: { maxPerTab: 100, maxTotal: 4 } });
    const oldest = record(1);
    store.put(oldest);
    for (let i = 0; i < 4; i++) store.put(record(i % 2 ? 1 : 2));
    await store.flush();
    const all = await store.storedExchanges();
    expect(all).toHaveLength(4);
    expect(all.map((r) => r.id)).not.toContain(oldest.id);
    expect((await store.retentionStats(1)).droppedTotal).toBe(1);
  });

  it('retention limits can be changed at run time', async () => {
    const store = await open(undefined, { retention: { maxPerTab: 100, maxTotal: 100 } });
    for (let i = 0; i < 4; i++) store.put(record(1));
    await store.flush();
    store.setRetention({ maxPerTab: 2 });
    store.put(record(1));
    await store.flush();
    expect(await store.exchangesForTab(1)).toHaveLength(2);
    expect((await store.retentionStats(1)).droppedForTab).toBe(3);
  });

  it('keeps pages per navigation until cleared; clears per tab (optionally keeping the current page) and all', async () => {
    const store = await open();
    store.putPage({ id: 'p1', tabId: 1, url: 'https://a.test/1', startedMs: 1, dropped: 0 });
    store.putPage({ id: 'p2', tabId: 1, url: 'https://a.test/2', startedMs: 2, dropped: 0 });
    store.put(record(1, { pageId: 'p1' }));
    store.put(record(1, { pageId: 'p2' }));
    store.put(record(2));
    await store.flush();
    expect((await store.pagesForTab(1)).map((p) => p.id)).toEqual(['p1', 'p2']);
    await store.clearTab(1, 'p2');
    expect((await store.pagesForTab(1)).map((p) => p.id)).toEqual(['p2']);
    expect((await store.exchangesForTab(1)).map((r) => r.pageId)).toEqual(['p2']);
    await store.clearTab(1);
    expect(await store.exchangesForTab(1)).toHaveLength(0);
    expect(await store.exchangesForTab(2)).toHaveLength(1);
    await store.clearAll();
    expect(await store.storedExchanges()).toHaveLength(0);
  });

  it('marks records a stopped worker left in flight, but not live or finished ones', async () => {
    const store = await open();
    const stuck = record(1, { endTimeMs: undefined, status: 0 });
    const live = record(1, { endTimeMs: undefined, status: 0 });
    const done = record(1, { endTimeMs: 5 });
    const later = record(1, { endTimeMs: undefined, requestTimeMs: 9_000_000 });
    for (const r of [stuck, live, done, later]) store.put(r);
    expect(await store.markInterrupted(0, 5_000_000, (id) => id === live.id, 'lost')).toBe(1);
    expect((await store.get(stuck.id))?.error).toBe('lost');
    // No request headers reached the stopped worker either: the record says they were lost.
    expect(await store.get(stuck.id)).toMatchObject({ requestHeadersLost: true, requestHeadersIncomplete: true });
    expect((await store.get(live.id))?.error).toBeUndefined();
    expect((await store.get(done.id))?.error).toBeUndefined();
    expect((await store.get(later.id))?.error).toBeUndefined();
  });

  it('keeps the request headers a stopped worker did get, without a lost mark', async () => {
    const store = await open();
    const stuck = record(1, { endTimeMs: undefined, status: 0, requestHeaders: [{ name: 'Accept', value: '*/*' }] });
    store.put(stuck);
    expect(await store.markInterrupted(0, 5_000_000, () => false, 'lost')).toBe(1);
    const after = await store.get(stuck.id);
    expect(after?.requestHeaders).toEqual(stuck.requestHeaders);
    expect(after?.requestHeadersLost).toBeUndefined();
  });

  it("drops other browser sessions' records by id prefix", async () => {
    const store = await open();
    store.put(record(1, { id: 'old:1' }));
    store.put(record(1, { id: 'new:1' }));
    await store.flush();
    expect(await store.deleteOtherSessions('new')).toBe(1);
    expect((await store.storedExchanges()).map((r) => r.id)).toEqual(['new:1']);
  });
});

/**
 * A database that holds at most `limit` exchanges: a write transaction that would go over fails as Chrome's does,
 * with a QuotaExceededError when it commits (nothing of it written). Deletes always go through.
 */
/** The part of the store's idb database the quota fake replaces or calls. */
interface QuotaDb {
  transaction(names: string | string[], mode?: IDBTransactionMode): QuotaTx;
  getAllKeys(store: string): Promise<IDBValidKey[]>;
}
interface QuotaTx {
  objectStore(name: string): { put(value: unknown): Promise<unknown> };
  done: Promise<void>;
}

function withQuota(store: ExchangeStore, limit: { n: number }) {
  const db = (store as unknown as { db: QuotaDb }).db;
  const real = db.transaction.bind(db);
  let refused = 0;
  db.transaction = (names: string | string[], mode?: IDBTransactionMode): QuotaTx => {
    const list = Array.isArray(names) ? names : [names];
    if (mode !== 'readwrite' || list.join() !== 'exchanges,pages') return real(names, mode);
    const puts: Array<[string, unknown]> = [];
    const done = (async () => {
      const ids = new Set(puts.filter(([s]) => s === 'exchanges').map(([, v]) => (v as { id: string }).id));
      const existing = new Set((await db.getAllKeys('exchanges')) as string[]);
      const after = existing.size + [...ids].filter((id) => !existing.has(id)).length;
      if (after > limit.n) {
        refused++;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      const tx = real(names, mode);
      for (const [s, v] of puts) void tx.objectStore(s).put(v);
      await tx.done;
    })();
    done.catch(() => {});
    return { objectStore: (s: string) => ({ put: (v: unknown) => (puts.push([s, v]), Promise.resolve()) }), done };
  };
  return { refused: () => refused };
}

describe('ExchangeStore under a quota', () => {
  it('on a quota refusal drops the oldest records, writes again, keeps recording and reports it', async () => {
    const health: unknown[] = [];
    const store = await open(new IDBFactory(), { maxBatch: 10, flushDelayMs: 0, onStorageHealth: (h) => health.push(h) });
    const limit = { n: 100 };
    const quota = withQuota(store, limit);
    const all: ExchangeRecord[] = [];
    for (let i = 0; i < 400; i++) {
      const r = record(1);
      all.push(r);
      store.put(r, true);
      if (i % 10 === 9) await store.flush();
    }
    for (let i = 0; i < 20 && store.pending; i++) await store.flush();
    expect(quota.refused()).toBeGreaterThan(0);
    const stored = await store.storedExchanges();
    // Recording went on: the newest records are in, the oldest made way, and the database stayed within the quota.
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThanOrEqual(100);
    const ids = new Set(stored.map((r) => r.id));
    expect(ids.has(all.at(-1)!.id)).toBe(true);
    expect(ids.has(all[0]!.id)).toBe(false);
    // Oldest first: what is kept is a run of the newest.
    const kept = all.filter((r) => ids.has(r.id));
    expect(kept).toEqual(all.slice(all.length - kept.length));
    const stats = await store.retentionStats(1);
    expect(stats.storage?.quotaErrors).toBe(quota.refused());
    expect(stats.storage?.trimmedForQuota).toBeGreaterThan(0);
    expect(stats.droppedForTab).toBe(400 - stored.length);
    expect(stats.storage?.quotaCap).toBeLessThanOrEqual(100);
    expect(health.length).toBe(quota.refused());
  });

  it('says nothing about storage while every write fits', async () => {
    const store = await open();
    store.put(record(2), true);
    await store.flush();
    expect((await store.retentionStats(2)).storage).toBeUndefined();
  });

  it('gives up the oldest queued records when even an empty database cannot take the batch', async () => {
    const store = await open(new IDBFactory(), { maxBatch: 1000, flushDelayMs: 0 });
    const limit = { n: 4 };
    withQuota(store, limit);
    const all = Array.from({ length: 30 }, () => record(3));
    for (const r of all) store.put(r, true);
    for (let i = 0; i < 20 && store.pending; i++) await store.flush();
    expect(store.pending).toBe(0);
    const stored = await store.storedExchanges();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.map((r) => r.id)).toContain(all.at(-1)!.id);
  });
  it('runs one flush at a time, however many callers wait, so pending is 0 only once all is written', async () => {
    const store = await open(new IDBFactory(), { maxBatch: 1000, flushDelayMs: 0 });
    withQuota(store, { n: 50 });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 60; i++) store.put(record(4), true);
      for (let i = 0; i < 20 && store.pending; i++) await store.flush();
    }
    const cap = store.health.quotaCap;
    if (cap === undefined) throw new Error('no quota cap after the refusals');
    // Count the write transactions open at once from here on.
    const db = (store as unknown as { db: { transaction: (...a: unknown[]) => { done: Promise<void> } } }).db;
    const real = db.transaction.bind(db);
    let openTx = 0;
    let most = 0;
    db.transaction = (...a: unknown[]) => {
      const tx = real(...a);
      if (a[1] === 'readwrite') {
        most = Math.max(most, ++openTx);
        tx.done.then(
          () => openTx--,
          () => openTx--,
        );
      }
      return tx;
    };
    for (let i = 0; i < 10; i++) store.put(record(4), true);
    const first = store.flush();
    // A backlog larger than the cap (the queue is trimmed before the write) and several callers waiting meanwhile.
    for (let i = 0; i < cap + 30; i++) store.put(record(4), true);
    const waiting = [store.flush(), store.flush(), store.flush()];
    await Promise.all([first, ...waiting]);
    expect(most).toBe(1);
    expect(store.pending).toBe(0);
  });
});

describe("ExchangeStore finalAtOnce (the background's setting)", () => {
  it('commits a finished record in the calling task, with whatever was queued, and reports the batch time', async () => {
    const flushed: Array<{ ids: string[]; takenAt: number }> = [];
    const store = await open(undefined, {
      finalAtOnce: true,
      flushDelayMs: 10_000,
      completedFlushDelayMs: 10_000,
      onFlushed: (ids, takenAt) => flushed.push({ ids, takenAt }),
    });
    const inFlight = record(1);
    const done = record(1);
    const before = performance.now();
    store.put(inFlight);
    store.put(done, true);
    // Taken from the queue at once (a commit is under way), not left for the 10 s timer.
    expect(store.pending).toBe(2);
    await store.flush();
    expect((await store.storedExchanges()).map((r) => r.id).sort()).toEqual([inFlight.id, done.id].sort());
    expect(flushed).toHaveLength(1);
    expect(flushed[0]!.ids.sort()).toEqual([inFlight.id, done.id].sort());
    expect(flushed[0]!.takenAt).toBeGreaterThanOrEqual(before);
    expect(store.pending).toBe(0);
  });

  it('a later version committed at once is never overwritten by an earlier one', async () => {
    const store = await open(undefined, { finalAtOnce: true });
    const r = record(2, { status: 0 });
    store.put({ ...r });
    store.put({ ...r, status: 200, endTimeMs: 5 }, true);
    store.put({ ...r, status: 200, endTimeMs: 5, statusText: 'OK' }, true);
    await store.flush();
    expect(await store.get(r.id)).toMatchObject({ status: 200, statusText: 'OK' });
  });
});

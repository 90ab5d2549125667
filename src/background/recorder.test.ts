import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { INTERRUPTED_ERROR, Recorder } from './recorder';
import { ExchangeStore } from './store';
import type { TabApi } from './tab-registry';

const tabApi: TabApi = { getTab: async () => ({ incognito: false }), queryTabs: async () => [], saveSession: async () => {} };
const events = { onRecord: () => {}, onPage: () => {}, onCleared: () => {} };

describe('Recorder before its store opens', () => {
  it('queues events, but no more than 10,000 (the oldest go first and are counted)', () => {
    const recorder = new Recorder('chrome', events, { tabApi });
    const seen: number[] = [];
    const on = recorder.listener<number>('x', (n) => void seen.push(n));
    for (let i = 0; i < 10_005; i++) on(i);
    expect(seen).toEqual([]);
    expect(recorder.eventsDroppedBeforeReady).toBe(5);
  });
});

describe('Recorder: DevTools log after a worker restart', () => {
  it('completes the stored record whose last events the stopped worker never got, and clears its lost mark', async () => {
    const store = await ExchangeStore.open({ indexedDB: new IDBFactory() });
    const startedBefore = Date.now() - 5000;
    const url = 'https://a.test/burst/item/7';
    store.put({ id: 's:7:x', url, method: 'GET', status: 0, requestHeaders: [], responseHeaders: [], requestTimeMs: startedBefore, responseTimeMs: 0, source: 'unknown', tabId: 3, error: INTERRUPTED_ERROR });
    store.put({ id: 's:8:y', url: 'https://a.test/other', method: 'GET', status: 0, requestHeaders: [], responseHeaders: [], requestTimeMs: startedBefore, responseTimeMs: 0, source: 'unknown', tabId: 3 });
    await store.flush();
    const recorder = new Recorder('chrome', events, { tabApi });
    recorder.store = store;
    const entry = {
      startedDateTime: new Date(startedBefore + 2).toISOString(),
      time: 40,
      request: { method: 'GET', url, headers: [{ name: 'Accept', value: '*/*' }] },
      response: { status: 200, statusText: 'OK', headers: [{ name: 'Content-Type', value: 'application/json' }] },
    };
    // Nothing new is recorded for it (no duplicate row)...
    expect(recorder.mergeHar(3, entry)).toBeNull();
    // ...the stored one is completed instead.
    let done: Awaited<ReturnType<typeof store.get>>;
    for (let i = 0; i < 50 && !(done = await store.get('s:7:x'))?.endTimeMs; i++) await new Promise((r) => setTimeout(r, 10));
    expect(done!).toMatchObject({ status: 200, endTimeMs: startedBefore + 2 + 40 });
    expect(done!.error).toBeUndefined();
    expect((await store.exchangesForTab(3))).toHaveLength(2);
    expect((await store.get('s:8:y'))?.endTimeMs).toBeUndefined();
    store.close();
  });
});

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../core/types';
import { JOURNAL_PREFIX, Journal, approxBytes, fillFrom, journalEntry, type JournalApi } from './journal';
import { Recorder } from './recorder';
import { ExchangeStore } from './store';
import type { TabApi } from './tab-registry';

function memoryApi(): JournalApi & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    set: (items) => {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
      return Promise.resolve();
    },
    get: () => Promise.resolve(Object.fromEntries(data)),
    remove: (keys) => {
      for (const k of keys) data.delete(k);
      return Promise.resolve();
    },
  };
}

const rec = (id: string, extra: Partial<ExchangeRecord> = {}): ExchangeRecord => ({
  id,
  url: `https://a.test/${id}`,
  method: 'GET',
  status: 200,
  requestHeaders: [],
  responseHeaders: [],
  requestTimeMs: 1000,
  responseTimeMs: 1001,
  endTimeMs: 1002,
  source: 'network',
  tabId: 4,
  ...extra,
});
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('Journal', () => {
  it('keeps a finished record until IndexedDB committed it, and a newer write past an older commit', async () => {
    const api = memoryApi();
    const j = new Journal(api, 0);
    j.write(rec('a'));
    const takenAt = performance.now();
    j.write(rec('b'));
    await tick();
    expect([...api.data.keys()].sort()).toEqual([JOURNAL_PREFIX + 'a', JOURNAL_PREFIX + 'b']);
    // The batch taken between the two writes committed both ids: "b" was written after it was taken, so it stays.
    j.committed(['a', 'b'], takenAt);
    await tick();
    expect([...api.data.keys()]).toEqual([JOURNAL_PREFIX + 'b']);
  });

  it('keeps storage.session room: records past about 4 MB waiting are not journaled (and counted)', () => {
    const api = memoryApi();
    const j = new Journal(api, 0);
    const big = (id: string) =>
      rec(id, {
        responseHeaders: Array.from({ length: 3000 }, (_, i) => ({ name: 'Set-Cookie', value: `c${i}=${'x'.repeat(200)}; Path=/` })),
      });
    expect(approxBytes(big('x'))).toBeGreaterThan(600_000);
    for (let i = 0; i < 10; i++) j.write(big(`b${i}`));
    expect(j.skipped).toBeGreaterThan(0);
    expect(j.size).toBeLessThan(10);
    // Committed entries free their room.
    j.committed(
      [...Array(10).keys()].map((i) => `b${i}`),
      performance.now(),
    );
    j.write(big('later'));
    expect(j.size).toBe(1);
  });

  it('journals the whole record: a request that finished before its in-flight version committed keeps its request side', () => {
    const jar = [
      {
        name: 'a',
        value: '1',
        domain: 'a.test',
        hostOnly: true,
        path: '/',
        secure: false,
        httpOnly: false,
        sameSite: 'lax' as const,
        partitioned: false,
        persistent: false,
        expires: null,
      },
    ];
    const full = rec('s:2:y', {
      requestHeaders: [{ name: 'Cookie', value: 'a=1' }],
      jarSnapshot: jar,
      responseHeaders: [{ name: 'Set-Cookie', value: 'b=2' }],
    });
    const entry = structuredClone(journalEntry(full));
    // Nothing stored: the journal alone has it, whole.
    expect(fillFrom(entry, undefined)).toEqual(full);
    expect(fillFrom(entry, undefined).requestHeadersLost).toBeUndefined();
  });

  it('an entry of the earlier slim form is filled from the stored version, or says its request headers were lost', () => {
    const slim = rec('s:3:z', { requestHeaders: [], responseHeaders: [{ name: 'Set-Cookie', value: 'b=2' }] });
    (slim as { journalSlim?: boolean }).journalSlim = true;
    const stored = rec('s:3:z', {
      status: 0,
      endTimeMs: undefined,
      requestHeaders: [{ name: 'Cookie', value: 'a=1' }],
      responseHeaders: [],
    });
    const filled = fillFrom(structuredClone(slim), stored);
    expect(filled.requestHeaders).toEqual(stored.requestHeaders);
    expect('journalSlim' in filled).toBe(false);
    expect(filled.requestHeadersLost).toBeUndefined();
    const lost = fillFrom(structuredClone(slim), undefined);
    expect(lost).toMatchObject({ status: 200, requestHeaders: [], requestHeadersLost: true, requestHeadersIncomplete: true });
  });

  it('a new worker stores what the stopped one journaled but never committed, before any event', async () => {
    const api = memoryApi();
    const dying = new Journal(api, 0);
    dying.write(rec('s:1:x', { status: 200, endTimeMs: 5000 }));
    await tick();
    const store = await ExchangeStore.open({ indexedDB: new IDBFactory() });
    // The stopped worker's IndexedDB holds the in-flight version only.
    store.put(rec('s:1:x', { status: 0, endTimeMs: undefined }));
    await store.flush();
    const tabApi: TabApi = {
      getTab: () => Promise.resolve({ incognito: false }),
      queryTabs: () => Promise.resolve([]),
      saveSession: () => Promise.resolve(),
    };
    const journal = new Journal(api, 0);
    const session = { get: () => Promise.resolve({ 'cacheLens.session': { tag: 's', tabs: [] } }), set: () => Promise.resolve() };
    const recorder = new Recorder(
      'chrome',
      { onRecord: () => {}, onPage: () => {}, onCleared: () => {} },
      { tabs: tabApi, session, fetchJar: () => Promise.resolve([]) },
      { journal },
    );
    await recorder.start(() => Promise.resolve(store));
    expect(recorder.journalReplayed).toBe(1);
    await store.flush();
    expect((await store.storedExchanges()).map((r) => [r.status, r.endTimeMs])).toEqual([[200, 5000]]);
    journal.committed(['s:1:x'], performance.now());
    await tick();
    expect(api.data.size).toBe(0);
    store.close();
  });
});

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { Tabs } from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import { INTERRUPTED_ERROR, Recorder, type RecorderApi } from './recorder';
import { ExchangeStore } from './store';
import type { TabApi } from './tab-registry';
import type { WebRequestDetails } from './adapter';

const tabApi: TabApi = {
  getTab: () => Promise.resolve({ incognito: false }),
  queryTabs: () => Promise.resolve([]),
  saveSession: () => Promise.resolve(),
};
const api: RecorderApi = {
  tabs: tabApi,
  session: { get: () => Promise.resolve({}), set: () => Promise.resolve() },
  fetchJar: () => Promise.resolve([]),
};
const events = { onRecord: () => {}, onPage: () => {}, onCleared: () => {} };

describe('Recorder before its store opens', () => {
  it('queues events, but no more than 10,000 (the oldest go first and are counted)', () => {
    const recorder = new Recorder('chrome', events, api);
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
    store.put({
      id: 's:7:x',
      url,
      method: 'GET',
      status: 0,
      requestHeaders: [],
      responseHeaders: [],
      requestTimeMs: startedBefore,
      responseTimeMs: 0,
      source: 'unknown',
      tabId: 3,
      error: INTERRUPTED_ERROR,
    });
    store.put({
      id: 's:8:y',
      url: 'https://a.test/other',
      method: 'GET',
      status: 0,
      requestHeaders: [],
      responseHeaders: [],
      requestTimeMs: startedBefore,
      responseTimeMs: 0,
      source: 'unknown',
      tabId: 3,
    });
    await store.flush();
    const recorder = new Recorder('chrome', events, api);
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
    expect(await store.exchangesForTab(3)).toHaveLength(2);
    expect((await store.get('s:8:y'))?.endTimeMs).toBeUndefined();
    store.close();
  });
});

async function started(): Promise<{ recorder: Recorder; store: ExchangeStore }> {
  const store = await ExchangeStore.open({ indexedDB: new IDBFactory() });
  const recorder = new Recorder('chrome', events, api);
  recorder.store = store;
  (recorder as unknown as { ready: boolean }).ready = true;
  recorder.tabs.sessionTag = 's';
  recorder.onTabCreated({ id: 5, incognito: false } as Tabs.Tab);
  return { recorder, store };
}

const ev = (d: Partial<WebRequestDetails>): WebRequestDetails => ({
  requestId: '1',
  url: 'https://a.test/',
  tabId: 5,
  frameId: 0,
  parentFrameId: -1,
  type: 'main_frame',
  timeStamp: 1000,
  ...d,
});

describe('Recorder: never invent', () => {
  it("keeps DevTools' refetch of the document out of the recording, also when its last event reaches a restarted worker", async () => {
    const { recorder, store } = await started();
    recorder.onBeforeRequest(ev({}));
    recorder.onCompleted(ev({ statusCode: 200, timeStamp: 1010 }));
    // DevTools (CSS.enable, Sources) fetches the document again: type "other", the frame's own URL.
    const refetch = ev({ requestId: '2', type: 'other', timeStamp: 2000 });
    recorder.onBeforeRequest(refetch);
    recorder.onSendHeaders({ ...refetch, requestHeaders: [{ name: 'Sec-Fetch-Dest', value: 'empty' }] });
    recorder.onErrorOccurred({ ...refetch, error: 'net::ERR_CACHE_MISS' });
    // A new worker (nothing in memory but the tab state) gets only the refetch's last event.
    const restarted = new Recorder('chrome', events, api);
    restarted.store = store;
    restarted.tabs.sessionTag = 's';
    restarted.tabs.restore([[5, { incognito: false, topLevelUrl: 'https://a.test/' }]]);
    restarted.onErrorOccurred(ev({ requestId: '3', type: 'other', error: 'net::ERR_CACHE_MISS', timeStamp: 3000 }));
    // The page's own fetch of its URL is the page's.
    recorder.onBeforeRequest(ev({ requestId: '4', type: 'xmlhttprequest', timeStamp: 4000 }));
    await new Promise((r) => setTimeout(r, 20));
    await store.flush();
    const urls = (await store.exchangesForTab(5)).map((r) => `${r.resourceType}`);
    expect(urls).toEqual(['main_frame', 'xmlhttprequest']);
    expect(recorder.devtoolsRefetches).toBe(1);
    expect(restarted.devtoolsRefetches).toBe(1);
    store.close();
  });

  it('a completion that reaches a restarted worker after the sweep clears the "lost" mark', async () => {
    const { recorder, store } = await started();
    recorder.onBeforeRequest(ev({ requestId: '9', url: 'https://a.test/slow', type: 'xmlhttprequest' }));
    await store.flush();
    const restarted = new Recorder('chrome', events, api);
    restarted.store = store;
    restarted.tabs.sessionTag = 's';
    expect(await store.markInterrupted(0, 10_000, () => false, INTERRUPTED_ERROR)).toBe(1);
    restarted.onCompleted(ev({ requestId: '9', url: 'https://a.test/slow', type: 'xmlhttprequest', statusCode: 200, timeStamp: 36_000 }));
    await new Promise((r) => setTimeout(r, 20));
    await store.flush();
    const [r] = await store.exchangesForTab(5);
    expect(r).toMatchObject({ status: 200, endTimeMs: 36_000 });
    expect(r?.error).toBeUndefined();
    store.close();
  });
});

describe('Recorder: events out of order after a worker restart', () => {
  it("a completion replayed before its request's onBeforeRequest: one finished record, not a redirect to itself", async () => {
    const { recorder, store } = await started();
    const d = { requestId: '30', url: 'https://a.test/item', type: 'xmlhttprequest' as const };
    const accept = [{ name: 'Accept', value: '*/*' }];
    recorder.onBeforeRequest(ev({ ...d, timeStamp: 1000 }));
    recorder.onSendHeaders(ev({ ...d, timeStamp: 1001, requestHeaders: accept }));
    await store.flush();
    // The worker is stopped; the next one gets the request's queued events, the completion first.
    const restarted = new Recorder('chrome', events, api);
    restarted.store = store;
    restarted.tabs.sessionTag = 's';
    restarted.tabs.restore([[5, { incognito: false, topLevelUrl: 'https://a.test/' }]]);
    const response = { statusCode: 200, statusLine: 'HTTP/1.1 200 OK', responseHeaders: [{ name: 'Content-Type', value: 'text/plain' }] };
    restarted.onCompleted(ev({ ...d, ...response, timeStamp: 1010 }));
    restarted.onBeforeRequest(ev({ ...d, timeStamp: 1000 }));
    restarted.onSendHeaders(ev({ ...d, timeStamp: 1001, requestHeaders: accept }));
    restarted.onHeadersReceived(ev({ ...d, ...response, timeStamp: 1005 }));
    await restarted.hops.settled();
    await new Promise((r) => setTimeout(r, 20));
    await store.flush();
    const rows = (await store.storedExchanges(5)).filter((r) => r.url === d.url);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 200, endTimeMs: 1010, requestHeaders: accept });
    expect(rows[0]?.redirectedFromId).toBeUndefined();
    expect(rows[0]?.redirectedToId).toBeUndefined();
    store.close();
  });
});

describe('Recorder: a request whose early events died with the stopped worker', () => {
  it('is stored with its response and says its request headers were lost; a later onSendHeaders clears that', async () => {
    const { store } = await started();
    const restarted = new Recorder('chrome', events, api);
    restarted.store = store;
    restarted.tabs.sessionTag = 's';
    restarted.tabs.restore([[5, { incognito: false, topLevelUrl: 'https://a.test/' }]]);
    const response = { statusCode: 200, statusLine: 'HTTP/1.1 200 OK', responseHeaders: [{ name: 'Content-Type', value: 'text/plain' }] };
    const d = { requestId: '40', url: 'https://a.test/lost', type: 'xmlhttprequest' as const };
    restarted.onCompleted(ev({ ...d, ...response, timeStamp: 1010 }));
    const e = { requestId: '41', url: 'https://a.test/later', type: 'xmlhttprequest' as const };
    restarted.onHeadersReceived(ev({ ...e, ...response, timeStamp: 1005 }));
    await restarted.hops.settled();
    restarted.onSendHeaders(ev({ ...e, timeStamp: 1006, requestHeaders: [{ name: 'Accept', value: '*/*' }] }));
    restarted.onCompleted(ev({ ...e, ...response, timeStamp: 1010 }));
    await new Promise((r) => setTimeout(r, 20));
    await store.flush();
    const rows = await store.storedExchanges(5);
    const lost = rows.find((r) => r.url === d.url);
    expect(lost).toMatchObject({ status: 200, requestHeaders: [], requestHeadersLost: true, requestHeadersIncomplete: true });
    const later = rows.find((r) => r.url === e.url);
    expect(later?.requestHeaders).toEqual([{ name: 'Accept', value: '*/*' }]);
    expect(later?.requestHeadersLost).toBeUndefined();
    store.close();
  });

  it('its stored in-flight version without request headers, completed by a restarted worker, says they were lost', async () => {
    const { recorder, store } = await started();
    const d = { requestId: '42', url: 'https://a.test/half', type: 'xmlhttprequest' as const };
    recorder.onBeforeRequest(ev({ ...d, timeStamp: 1000 }));
    await store.flush();
    // onSendHeaders went to the stopped worker; the next one gets the completion.
    const restarted = new Recorder('chrome', events, api);
    restarted.store = store;
    restarted.tabs.sessionTag = 's';
    restarted.tabs.restore([[5, { incognito: false, topLevelUrl: 'https://a.test/' }]]);
    const response = { statusCode: 200, statusLine: 'HTTP/1.1 200 OK', responseHeaders: [{ name: 'Content-Type', value: 'text/plain' }] };
    restarted.onCompleted(ev({ ...d, ...response, timeStamp: 1010 }));
    await restarted.hops.settled();
    await new Promise((r) => setTimeout(r, 20));
    await store.flush();
    const [row] = (await store.storedExchanges(5)).filter((r) => r.url === d.url);
    expect(row).toMatchObject({ status: 200, requestHeaders: [], requestHeadersLost: true });
    store.close();
  });
});

describe('Recorder: memory-cache hits from the DevTools log', () => {
  it('a memory hit is its own row, never merged into the earlier load of the URL that DevTools missed', async () => {
    const { recorder, store } = await started();
    const css = 'https://a.test/style.css';
    // First load in a new tab: webRequest sees it, DevTools (not listening yet) does not.
    recorder.onBeforeRequest(ev({ requestId: '20', url: css, type: 'stylesheet', timeStamp: Date.now() - 500 }));
    recorder.onCompleted(
      ev({ requestId: '20', url: css, type: 'stylesheet', statusCode: 200, fromCache: false, timeStamp: Date.now() - 480 }),
    );
    // The first reload: Blink serves it from memory, only DevTools reports it.
    const hit = recorder.mergeHar(5, {
      startedDateTime: new Date().toISOString(),
      time: 0,
      request: { method: 'GET', url: css, headers: [] },
      response: { status: 200, headers: [] },
      _fromCache: 'memory',
      _resourceType: 'stylesheet',
    });
    expect(hit?.source).toBe('memory-cache');
    await store.flush();
    const rows = (await store.exchangesForTab(5)).filter((r) => r.url === css);
    expect(rows.map((r) => r.source).sort()).toEqual(['memory-cache', 'network']);
    store.close();
  });
});

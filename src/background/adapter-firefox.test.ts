/**
 * Firefox's DevTools log (issue 9's Firefox oddities): what only Firefox's HAR shows, turned into records.
 * Shapes measured in Firefox ESR 153 on the lab (tests/e2e/firefox-har.test.ts drives the real thing).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { Tabs } from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../core/types';
import type { HarEntryLike } from '../shared/protocol';
import { explain } from '../core/explain';
import { harEntryIsHttp, recordFromHar, resourceTypeFromContentType, type WebRequestDetails } from './adapter';
import { Recorder, type RecorderApi } from './recorder';
import { ExchangeStore } from './store';
import type { TabApi } from './tab-registry';

const SVG = 'http://lab.test:8080/cache/res/heuristic.svg';
const DATE = 'Thu, 26 Nov 2026 01:30:00 GMT';
const LAST_MODIFIED = 'Mon, 16 Nov 2026 01:30:00 GMT';

/** The first load of the image, as webRequest recorded it. */
const firstLoad: ExchangeRecord = {
  id: 's:20:a',
  url: SVG,
  method: 'GET',
  status: 200,
  statusText: 'OK',
  httpVersion: 'HTTP/1.1',
  requestHeaders: [],
  responseHeaders: [
    { name: 'content-type', value: 'image/svg+xml' },
    { name: 'last-modified', value: LAST_MODIFIED },
    { name: 'Date', value: DATE },
  ],
  requestTimeMs: Date.parse(DATE),
  responseTimeMs: Date.parse(DATE) + 5,
  endTimeMs: Date.parse(DATE) + 6,
  source: 'network',
  resourceType: 'image',
  navigation: 'subresource',
  serverIp: '127.0.0.1',
  tabId: 5,
};

/** Firefox's HAR entry of the reload's image-cache hit: no _resourceType, no _fromCache, no address, no headers. */
const imageCacheHit = (startMs: number): HarEntryLike => ({
  startedDateTime: new Date(startMs).toISOString(),
  time: 0,
  request: { method: 'GET', url: SVG, headers: [{ name: 'Accept', value: 'image/avif,image/webp,*/*' }], httpVersion: 'HTTP/1.1' },
  response: { status: 200, statusText: 'OK', headers: [], httpVersion: 'HTTP/1.1' },
  timings: { blocked: 0, dns: 0, connect: 0, send: 0, wait: 0, receive: 0 },
});

describe('recordFromHar: Firefox entries no webRequest event matched', () => {
  it('an image-cache hit is a memory-cache image with the headers of the load the cache holds', () => {
    const r = recordFromHar('h1', imageCacheHit(firstLoad.requestTimeMs + 3000), 5, {}, { browser: 'firefox', earlier: [firstLoad] });
    expect(r).toMatchObject({ source: 'memory-cache', resourceType: 'image', navigation: 'subresource', status: 200 });
    expect(r.responseHeaders).toEqual(firstLoad.responseHeaders);
    expect(r.responseHeaders).not.toBe(firstLoad.responseHeaders);
    const findings = explain(r, { now: Date.parse(DATE) / 1000 + 10, browser: 'firefox' }).cache.findings.map((f) => f.id);
    expect(findings).not.toContain('date-missing');
  });

  it('without an earlier load of the URL, the type comes from Content-Type; no headers are made up', () => {
    const css = recordFromHar(
      'h2',
      {
        ...imageCacheHit(0),
        request: { method: 'GET', url: 'http://lab.test:8080/cache/res/max-age.css', headers: [] },
        response: {
          status: 200,
          statusText: 'OK',
          headers: [
            { name: 'content-type', value: 'text/css; charset=utf-8' },
            { name: 'Date', value: DATE },
          ],
        },
      },
      5,
      {},
      { browser: 'firefox', earlier: [firstLoad] },
    );
    expect(css).toMatchObject({ source: 'memory-cache', resourceType: 'stylesheet' });
    const lone = recordFromHar('h3', imageCacheHit(0), 5, {}, { browser: 'firefox' });
    expect(lone).toMatchObject({ source: 'memory-cache', responseHeaders: [] });
    expect(lone.resourceType).toBeUndefined();
  });

  it('an entry with a server address came from the network; a later load is never the source of headers', () => {
    const net = recordFromHar(
      'h4',
      { ...imageCacheHit(firstLoad.requestTimeMs + 3000), serverIPAddress: '127.0.0.1' },
      5,
      {},
      { browser: 'firefox', earlier: [firstLoad] },
    );
    expect(net).toMatchObject({ source: 'network', resourceType: 'image', responseHeaders: [] });
    const before = recordFromHar('h5', imageCacheHit(firstLoad.requestTimeMs - 3000), 5, {}, { browser: 'firefox', earlier: [firstLoad] });
    expect(before.responseHeaders).toEqual([]);
    expect(before.resourceType).toBeUndefined();
  });

  it('Chrome entries (and calls without a browser) are taken as they are', () => {
    for (const ctx of [{ browser: 'chrome' as const, earlier: [firstLoad] }, {}]) {
      const r = recordFromHar('h6', imageCacheHit(firstLoad.requestTimeMs + 3000), 5, {}, ctx);
      expect(r).toMatchObject({ source: 'network', responseHeaders: [] });
      expect(r.resourceType).toBeUndefined();
    }
  });
});

describe('harEntryIsHttp and resourceTypeFromContentType', () => {
  it('only http(s) entries are exchanges', () => {
    const at = (url: string) => ({ ...imageCacheHit(0), request: { method: 'GET', url, headers: [] } });
    expect(harEntryIsHttp(at('data:,'))).toBe(false);
    expect(harEntryIsHttp(at('data:image/png;base64,AAAA'))).toBe(false);
    expect(harEntryIsHttp(at('blob:http://lab.test/1'))).toBe(false);
    expect(harEntryIsHttp(at('HTTPS://lab.test/'))).toBe(true);
    expect(harEntryIsHttp(at(SVG))).toBe(true);
  });

  it('maps the media types that imply a webRequest type, and no others', () => {
    expect(resourceTypeFromContentType('image/svg+xml')).toBe('image');
    expect(resourceTypeFromContentType('Text/CSS; charset=utf-8')).toBe('stylesheet');
    expect(resourceTypeFromContentType('application/javascript')).toBe('script');
    expect(resourceTypeFromContentType('text/javascript')).toBe('script');
    expect(resourceTypeFromContentType('font/woff2')).toBe('font');
    expect(resourceTypeFromContentType('video/mp4')).toBe('media');
    expect(resourceTypeFromContentType('text/html')).toBeUndefined();
    expect(resourceTypeFromContentType('application/json')).toBeUndefined();
    expect(resourceTypeFromContentType(undefined)).toBeUndefined();
    expect(resourceTypeFromContentType('')).toBeUndefined();
  });
});

describe('Recorder (Firefox): the DevTools log of a reload', () => {
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
  const ev = (d: Partial<WebRequestDetails>): WebRequestDetails => ({
    requestId: '1',
    url: SVG,
    tabId: 5,
    frameId: 0,
    parentFrameId: -1,
    type: 'image',
    timeStamp: 1000,
    ...d,
  });

  it('records the image-cache hit as an image from memory with its headers, and no row for a data: favicon', async () => {
    const store = await ExchangeStore.open({ indexedDB: new IDBFactory() });
    const recorder = new Recorder('firefox', events, api);
    recorder.store = store;
    (recorder as unknown as { ready: boolean }).ready = true;
    recorder.tabs.sessionTag = 's';
    recorder.onTabCreated({ id: 5, incognito: false } as Tabs.Tab);
    const t0 = Date.now() - 5000;
    const headers = firstLoad.responseHeaders.map((h) => ({ name: h.name, value: h.value }));
    recorder.onBeforeRequest(ev({ requestId: '20', timeStamp: t0 }));
    recorder.onCompleted(
      ev({
        requestId: '20',
        statusCode: 200,
        statusLine: 'HTTP/1.1 200 OK',
        responseHeaders: headers,
        fromCache: false,
        ip: '127.0.0.1',
        timeStamp: t0 + 6,
      }),
    );
    // DevTools' entry of that first load merges into it.
    recorder.mergeHar(5, {
      ...imageCacheHit(t0 + 1),
      time: 6,
      serverIPAddress: '127.0.0.1',
      response: { status: 200, statusText: 'OK', headers },
    });
    // The reload: only DevTools reports the image (and the page's data: favicon).
    expect(
      recorder.mergeHar(5, {
        ...imageCacheHit(t0 + 3000),
        request: { method: 'GET', url: 'data:,', headers: [] },
        response: { status: 200, statusText: '0K', headers: [] },
      }),
    ).toBeNull();
    recorder.mergeHar(5, imageCacheHit(t0 + 3000));
    let rows: ExchangeRecord[] = [];
    for (let i = 0; i < 100 && rows.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await store.flush();
      rows = await store.exchangesForTab(5);
    }
    expect(rows.map((r) => r.url)).toEqual([SVG, SVG]);
    const hit = rows.find((r) => r.id !== rows[0]!.id && r.requestTimeMs > t0 + 100)!;
    expect(hit).toMatchObject({ source: 'memory-cache', resourceType: 'image' });
    expect(hit.responseHeaders.find((h) => h.name === 'Date')?.value).toBe(DATE);
    store.close();
  });
});

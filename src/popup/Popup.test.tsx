// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { explain } from '../core/explain';
import type { ExchangeRecord } from '../core/types';
import { createStore } from '../panel/store';
import { PopupApp, currentPage } from './Popup';

afterEach(cleanup);

const NOW_MS = Date.UTC(2026, 10, 21, 12, 0, 0);

function rec(over: Partial<ExchangeRecord> & { id: string; url: string }): ExchangeRecord {
  return {
    method: 'GET',
    status: 200,
    requestHeaders: [],
    responseHeaders: [],
    requestTimeMs: NOW_MS - 2000,
    responseTimeMs: NOW_MS - 1900,
    source: 'network',
    tabId: 7,
    ...over,
  };
}

const page1 = { id: 'p1', tabId: 7, url: 'https://old.example/', startedMs: NOW_MS - 60_000, dropped: 0 };
const page2 = { id: 'p2', tabId: 7, url: 'https://www.example.com/', startedMs: NOW_MS - 3000, dropped: 0 };
const records = [
  rec({
    id: 'old',
    url: 'https://old.example/',
    pageId: 'p1',
    resourceType: 'main_frame',
    requestTimeMs: NOW_MS - 60_000,
    responseTimeMs: NOW_MS - 59_000,
  }),
  rec({
    id: 'hop',
    url: 'http://www.example.com/',
    pageId: 'p2',
    resourceType: 'main_frame',
    status: 301,
    redirectUrl: 'https://www.example.com/',
    requestTimeMs: NOW_MS - 2900,
  }),
  rec({
    id: 'doc',
    url: 'https://www.example.com/',
    pageId: 'p2',
    resourceType: 'main_frame',
    responseHeaders: [
      { name: 'Cache-Control', value: 'public, max-age=300' },
      { name: 'ETag', value: '"v1"' },
      { name: 'X-Cache', value: 'MISS, HIT' },
      { name: 'X-Served-By', value: 'cache-iad-kiad7000025-IAD, cache-fra-eddf8230045-FRA' },
    ],
  }),
  rec({
    id: 'api',
    url: 'https://www.example.com/api/session',
    pageId: 'p2',
    resourceType: 'xmlhttprequest',
    requestTimeMs: NOW_MS - 1500,
    responseTimeMs: NOW_MS - 1400,
    responseHeaders: [
      { name: 'Cache-Control', value: 'no-store' },
      { name: 'Set-Cookie', value: 'sid=1; Secure; HttpOnly; SameSite=Lax' },
      { name: 'Set-Cookie', value: 'bad=1; Domain=other.test' },
    ],
  }),
];

function storeWith(list = records) {
  const store = createStore({ explain, clock: () => NOW_MS });
  store.receive({
    type: 'bg>panel:snapshot',
    v: 1,
    tabId: 7,
    pages: [page1, page2],
    exchanges: list,
    retention: { droppedForTab: 0, droppedTotal: 0, maxPerTab: 1, maxTotal: 1 },
    hasHostAccess: true,
    preserveLog: true,
  });
  return store;
}

describe('popup', () => {
  it("explains the current page's document and counts the page's cookies and worst finding", () => {
    const store = storeWith();
    const { doc, page } = currentPage(store);
    expect(doc?.id).toBe('doc');
    expect(page.map((x) => x.id)).toEqual(['hop', 'doc', 'api']);
    render(<PopupApp store={store} fallback={null} webPage />);
    const text = (sel: string) => document.querySelector(sel)!.textContent;
    expect(text('.cdn')).toBe('Fastly');
    expect(text('.status .badge')).toBe('HIT');
    expect(text('.pop')).toBe('Frankfurt (FRA)');
    expect(text('.verdict')).toBe(`In the browser: ${explain(records[2]!, { browser: 'chrome', now: NOW_MS / 1000 }).cache.nextUse.plain}`);
    expect(text('.cookies')).toBe("Cookies: the page's 3 responses set 2 cookies, 1 rejected.");
    // the worst finding of the page, and where it is
    expect(document.querySelector('.worst')!.className).toContain('sev-error');
    expect(text('.worst strong')).toBe('Error (session):');
  });

  it('falls back to the document the badge kept; says so when there is nothing, and for pages it cannot record', () => {
    const store = storeWith([]);
    render(<PopupApp store={store} fallback={null} webPage />);
    expect(document.querySelector('.empty')!.textContent).toContain('Nothing recorded for this page yet');
    cleanup();
    render(<PopupApp store={store} fallback={records[2]!} webPage />);
    expect(document.querySelector('.status .badge')!.textContent).toBe('HIT');
    expect(document.querySelector('.cookies')!.textContent).toBe('Cookies: the document set no cookies.');
    cleanup();
    render(<PopupApp store={store} fallback={null} webPage={false} />);
    expect(document.querySelector('.empty')!.textContent).toBe('Cache Lens records web pages (http and https) only.');
  });
});

import { describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../core/types';
import { glanceKey, ToolbarBadge } from './badge';

const NOW_MS = Date.UTC(2026, 10, 21, 12, 0, 0);

function doc(over: Partial<ExchangeRecord> = {}): ExchangeRecord {
  return {
    id: 'd1',
    url: 'https://lab.test/cdn/fastly',
    method: 'GET',
    status: 200,
    requestHeaders: [],
    responseHeaders: [
      { name: 'Cache-Control', value: 'public, max-age=300' },
      { name: 'X-Cache', value: 'MISS, HIT' },
      { name: 'X-Served-By', value: 'cache-iad-kiad7000025-IAD, cache-fra-eddf8230045-FRA' },
    ],
    requestTimeMs: NOW_MS - 1000,
    responseTimeMs: NOW_MS - 900,
    source: 'network',
    resourceType: 'main_frame',
    tabId: 4,
    ...over,
  };
}

function fake() {
  const calls: Array<[string, unknown]> = [];
  const session = new Map<string, unknown>();
  const action = {
    setBadgeText: (d: unknown) => void calls.push(['text', d]),
    setBadgeBackgroundColor: (d: unknown) => void calls.push(['color', d]),
    setBadgeTextColor: (d: unknown) => void calls.push(['textColor', d]),
    setTitle: (d: unknown) => void calls.push(['title', d]),
  };
  const area = {
    set: (items: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(items)) session.set(k, v);
      return Promise.resolve();
    },
    remove: (k: string) => {
      session.delete(k);
      return Promise.resolve();
    },
  };
  return { badge: new ToolbarBadge('chrome', action, area, () => NOW_MS), calls, session };
}

describe('ToolbarBadge', () => {
  it("sets the tab's badge from the engine's verdict on its main document, and keeps the record for the popup", async () => {
    const { badge, calls, session } = fake();
    badge.recordChanged(doc());
    expect(calls).toContainEqual(['text', { tabId: 4, text: 'HIT' }]);
    expect(calls).toContainEqual(['color', { tabId: 4, color: '#188038' }]);
    const title = calls.find(([k]) => k === 'title')![1] as { title: string };
    expect(title.title).toMatch(/Fastly.*served from its cache/);
    await Promise.resolve();
    expect((session.get(glanceKey(4)) as ExchangeRecord).id).toBe('d1');
    // a commit of that document sets it again (Chrome clears per-tab action state on navigation); another does not
    calls.length = 0;
    badge.pageCommitted(4, 'https://lab.test/cdn/fastly#top');
    expect(calls).toContainEqual(['text', { tabId: 4, text: 'HIT' }]);
    calls.length = 0;
    badge.pageCommitted(4, 'https://lab.test/other');
    expect(calls).toEqual([]);
    badge.tabRemoved(4);
    await Promise.resolve();
    expect(session.has(glanceKey(4))).toBe(false);
  });

  it('ignores subresources, redirect hops, other tabs than real ones and requests still pending; explains a record once per change', () => {
    const { badge, calls } = fake();
    badge.recordChanged(doc({ resourceType: 'script' }));
    badge.recordChanged(doc({ redirectUrl: 'https://lab.test/x', status: 301 }));
    badge.recordChanged(doc({ tabId: -1 }));
    badge.recordChanged(doc({ status: 0, responseHeaders: [] }));
    expect(calls).toEqual([]);
    badge.recordChanged(doc());
    badge.recordChanged(doc());
    expect(calls.filter(([k]) => k === 'text')).toHaveLength(1);
    badge.recordChanged(
      doc({
        id: 'd2',
        responseHeaders: [
          { name: 'Cache-Control', value: 'no-store' },
          { name: 'Server', value: 'cloudflare' },
          { name: 'CF-Cache-Status', value: 'DYNAMIC' },
          { name: 'CF-Ray', value: '8a-LHR' },
        ],
      }),
    );
    expect(calls.filter(([k]) => k === 'text').at(-1)).toEqual(['text', { tabId: 4, text: 'DYN' }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../core/types';
import { exchangeId, type WebRequestDetails } from './adapter';
import { HopTracker } from './hop-tracker';

const d = (over: Partial<WebRequestDetails> = {}): WebRequestDetails => ({
  requestId: '7',
  url: 'https://a.test/x',
  tabId: 1,
  timeStamp: 1000,
  type: 'script',
  ...over,
});

function tracker(stored: Record<string, ExchangeRecord> = {}) {
  const created: Array<{ id: string; late: boolean }> = [];
  const followed: string[] = [];
  let loads = 0;
  const t = new HopTracker({
    sessionTag: () => 's',
    load: (id) => (loads++, Promise.resolve(stored[id])),
    create: (id, det, late) => {
      created.push({ id, late });
      return {
        id,
        url: det.url,
        method: 'GET',
        status: 0,
        requestHeaders: [],
        responseHeaders: [],
        requestTimeMs: det.timeStamp,
        responseTimeMs: 0,
        source: 'unknown',
        tabId: det.tabId,
      };
    },
    follow: (r) => void followed.push(r.id),
  });
  return { t, created, followed, loads: () => loads };
}

describe('HopTracker', () => {
  it('follows a request from onBeforeRequest to its end, one record', () => {
    const { t, created } = tracker();
    const { record, isNewRequest } = t.begin(d());
    expect(isNewRequest).toBe(true);
    expect(record.id).toBe(exchangeId('s', '7', 'https://a.test/x'));
    let seen: ExchangeRecord | null = null;
    t.with(d(), (r) => (seen = r));
    expect(seen).toBe(record);
    expect(t.liveIds()).toEqual(new Set([record.id]));
    t.end('7');
    expect(t.has('7')).toBe(false);
    expect(created).toEqual([{ id: record.id, late: false }]);
  });

  it('gives each redirect hop its own record and hands back the previous one (same URL again: a hop index)', () => {
    const { t } = tracker();
    const first = t.begin(d({ url: 'https://a.test/r' })).record;
    const second = t.begin(d({ url: 'https://a.test/done' }));
    expect(second.previous).toBe(first);
    expect(second.isNewRequest).toBe(false);
    const third = t.begin(d({ url: 'https://a.test/done' }));
    expect(third.record.id).toBe(exchangeId('s', '7', 'https://a.test/done', 2));
    expect(third.record.id).not.toBe(second.record.id);
  });

  it('after a worker restart, finds the stored record by id once and queues the events meanwhile in order', async () => {
    const id = exchangeId('s', '7', 'https://a.test/x');
    const stored = {
      id,
      url: 'https://a.test/x',
      method: 'GET',
      status: 0,
      requestHeaders: [{ name: 'Accept', value: '*/*' }],
      responseHeaders: [],
      requestTimeMs: 900,
      responseTimeMs: 0,
      source: 'unknown',
    } as ExchangeRecord;
    const { t, created, followed, loads } = tracker({ [id]: stored });
    const order: string[] = [];
    t.with(d(), (r) => order.push(`headers:${r === stored}`));
    t.with(d(), (r) => order.push(`completed:${r === stored}`));
    expect(order).toEqual([]);
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['headers:true', 'completed:true']);
    expect(loads()).toBe(1);
    expect(created).toEqual([]);
    expect(followed).toEqual([id]);
  });

  it('a request never seen nor stored gets a record created late (so its withheld headers can be marked)', async () => {
    const { t, created } = tracker();
    const got: ExchangeRecord[] = [];
    t.with(d({ requestId: '9' }), (r) => got.push(r));
    await new Promise((r) => setTimeout(r, 0));
    expect(created).toEqual([{ id: exchangeId('s', '9', 'https://a.test/x'), late: true }]);
    expect(got).toHaveLength(1);
  });
});

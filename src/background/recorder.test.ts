import { describe, expect, it } from 'vitest';
import { Recorder } from './recorder';
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

import { describe, expect, it, vi } from 'vitest';
import { TabRegistry, type TabApi } from './tab-registry';

function fakeApi(tabs: Record<number, { incognito: boolean } | 'gone'> = {}) {
  const saved: unknown[] = [];
  const gets: number[] = [];
  let release: Array<() => void> = [];
  const api: TabApi = {
    getTab: (id) => {
      gets.push(id);
      return new Promise((resolve, reject) => {
        release.push(() => {
          const t = tabs[id];
          if (!t || t === 'gone') reject(new Error('No tab with id'));
          else resolve(t);
        });
      });
    },
    queryTabs: () =>
      Promise.resolve(
        Object.entries(tabs).flatMap(([id, t]) =>
          t === 'gone' ? [] : [{ id: Number(id), incognito: t.incognito, url: `https://t${id}.test/` }],
        ),
      ),
    saveSession: (v) => {
      saved.push(v);
      return Promise.resolve();
    },
  };
  const answer = async () => {
    for (const r of release.splice(0)) r();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { api, saved, gets, answer, reset: () => (release = []) };
}

describe('TabRegistry', () => {
  it('learns open tabs (incognito, URL) and gives records their context', async () => {
    const { api } = fakeApi({ 1: { incognito: false }, 2: { incognito: true } });
    const reg = new TabRegistry(api);
    await reg.learnOpenTabs();
    expect(reg.context(1)).toEqual({ incognito: false, topLevelUrl: 'https://t1.test/' });
    expect(reg.context(2).incognito).toBe(true);
    expect(reg.known(1) && reg.known(2)).toBe(true);
    expect(reg.known(3)).toBe(false);
  });

  it('in the incognito instance, every tab (and tabId -1) is incognito', () => {
    const reg = new TabRegistry(fakeApi().api, true);
    expect(reg.context(-1).incognito).toBe(true);
    expect(reg.context(9).incognito).toBe(true);
  });

  it('asks tabs.get once per unknown tab, however many records wait, and answers them all', async () => {
    const f = fakeApi({ 5: { incognito: true } });
    const reg = new TabRegistry(f.api);
    const seen: boolean[] = [];
    reg.whenKnown(5, (i) => seen.push(i));
    reg.whenKnown(5, (i) => seen.push(i));
    expect(f.gets).toEqual([5]);
    expect(seen).toEqual([]);
    await f.answer();
    expect(seen).toEqual([true, true]);
    // Known now: at once, no call.
    reg.whenKnown(5, (i) => seen.push(i));
    expect(seen).toEqual([true, true, true]);
    expect(f.gets).toEqual([5]);
  });

  it('a tab gone before tabs.get answers counts as regular; tabs.onCreated answers waiting records too', async () => {
    const f = fakeApi({ 6: 'gone' });
    const reg = new TabRegistry(f.api);
    const seen: Array<[number, boolean]> = [];
    reg.whenKnown(6, (i) => seen.push([6, i]));
    reg.whenKnown(7, (i) => seen.push([7, i]));
    reg.created(7, true);
    expect(seen).toEqual([[7, true]]);
    await f.answer();
    expect(seen).toEqual([
      [7, true],
      [6, false],
    ]);
  });

  it('saves tab state to storage.session once per burst of changes, and restores it', async () => {
    vi.useFakeTimers();
    try {
      const f = fakeApi();
      const reg = new TabRegistry(f.api, false, 50);
      reg.sessionTag = 's1';
      reg.setTopLevelUrl(1, 'https://a.test/');
      reg.committed(1, 'https://b.test/');
      reg.setPreserveLog(1, false);
      expect(f.saved).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(60);
      expect(f.saved).toEqual([{ tag: 's1', tabs: [[1, { topLevelUrl: 'https://b.test/', preserveLog: false }]] }]);
      const again = new TabRegistry(f.api);
      again.restore((f.saved[0] as { tabs: Array<[number, object]> }).tabs);
      expect(again.preserveLog(1)).toBe(false);
      expect(again.preserveLog(2)).toBe(true);
      expect(again.get(1)?.topLevelUrl).toBe('https://b.test/');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says whether a private tab is left when one closes', () => {
    const reg = new TabRegistry(fakeApi().api);
    reg.created(1, true);
    reg.created(2, true);
    reg.created(3, false);
    expect(reg.removed(1).privateLeft).toBe(true);
    expect(reg.removed(2)).toMatchObject({ state: { incognito: true }, privateLeft: false });
  });
});

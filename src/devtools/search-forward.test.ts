import { describe, expect, it, vi } from 'vitest';
import { forwardSearch } from './search-forward';

function fakePanel(withSearch: boolean) {
  const listeners: Record<string, (...a: any[]) => void> = {};
  const ev = (name: string) => ({ addListener: (cb: (...a: any[]) => void) => void (listeners[name] = cb) });
  return { panel: { onShown: ev('shown'), ...(withSearch ? { onSearch: ev('search') } : {}) }, listeners };
}

describe('forwardSearch', () => {
  it("forwards DevTools' search calls to the panel window it was shown in", () => {
    const { panel, listeners } = fakePanel(true);
    expect(forwardSearch(panel)).toBe(true);
    const hook = vi.fn();
    // before the panel was shown there is no window: nothing happens, nothing throws
    listeners.search('performSearch', 'x');
    listeners.shown({ __cacheLensSearch: hook } as unknown as Window);
    listeners.search('performSearch', 'etag');
    listeners.search('nextSearchResult');
    listeners.search('cancelSearch');
    expect(hook.mock.calls).toEqual([
      ['performSearch', 'etag'],
      ['nextSearchResult', undefined],
      ['cancelSearch', undefined],
    ]);
  });

  it('reports a browser without onSearch (Firefox)', () => {
    const { panel } = fakePanel(false);
    expect(forwardSearch(panel)).toBe(false);
  });
});

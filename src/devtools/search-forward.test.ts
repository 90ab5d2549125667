import { describe, expect, it, vi } from 'vitest';
import { forwardSearch } from './search-forward';

function fakePanel(withSearch: boolean) {
  const listeners: Record<string, (...a: any[]) => void> = {};
  const ev = (name: string) => ({ addListener: (cb: (...a: any[]) => void) => void (listeners[name] = cb) });
  /** Call the listener registered for `name`; fails plainly when none was. */
  const fire = (name: string, ...a: unknown[]) => {
    const cb = listeners[name];
    if (!cb) throw new Error(`no ${name} listener`);
    cb(...a);
  };
  return { panel: { onShown: ev('shown'), ...(withSearch ? { onSearch: ev('search') } : {}) }, listeners, fire };
}

describe('forwardSearch', () => {
  it("forwards DevTools' search calls to the panel window it was shown in", () => {
    const { panel, fire } = fakePanel(true);
    expect(forwardSearch(panel)).toBe(true);
    const hook = vi.fn();
    // before the panel was shown there is no window: nothing happens, nothing throws
    fire('search', 'performSearch', 'x');
    fire('shown', { __cacheLensSearch: hook });
    fire('search', 'performSearch', 'etag');
    fire('search', 'nextSearchResult');
    fire('search', 'cancelSearch');
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

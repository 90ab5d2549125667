import { describe, expect, it, vi } from 'vitest';
import { forwardSearch } from './search-forward';

function fakePanel(withSearch: boolean) {
  let shown: ((win: Window) => void) | undefined;
  let search: ((action: string, query?: string) => void) | undefined;
  const panel = {
    onShown: { addListener: (cb: (win: Window) => void) => void (shown = cb) },
    ...(withSearch ? { onSearch: { addListener: (cb: (action: string, query?: string) => void) => void (search = cb) } } : {}),
  };
  /** Call the listener registered for onShown / onSearch; fails plainly when none was. */
  const show = (win: object) => {
    if (!shown) throw new Error('no onShown listener');
    shown(win as Window);
  };
  const searchFor = (action: string, query?: string) => {
    if (!search) throw new Error('no onSearch listener');
    search(action, query);
  };
  return { panel, show, searchFor };
}

describe('forwardSearch', () => {
  it("forwards DevTools' search calls to the panel window it was shown in", () => {
    const { panel, show, searchFor } = fakePanel(true);
    expect(forwardSearch(panel)).toBe(true);
    const hook = vi.fn();
    // before the panel was shown there is no window: nothing happens, nothing throws
    searchFor('performSearch', 'x');
    show({ __cacheLensSearch: hook });
    searchFor('performSearch', 'etag');
    searchFor('nextSearchResult');
    searchFor('cancelSearch');
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

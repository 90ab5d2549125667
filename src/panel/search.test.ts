import { describe, expect, it } from 'vitest';
import { panelSearch } from './search';
import { searchPattern } from './store/search';
import { explanation, fakeExplainer, makeStore, record, snapshot } from './test/fixtures';

function setup() {
  const ex = fakeExplainer({
    cf: (x) => ({ cdn: { ...explanation(x).cdn, cdnName: 'Cloudflare', cacheStatus: 'hit' } }),
  });
  const { store } = makeStore(ex.fn);
  store.receive(
    snapshot([
      record({ id: 'a', url: 'https://example.com/a.js' }),
      record({ id: 'b', url: 'https://example.com/b.css', responseHeaders: [{ name: 'ETag', value: '"v-secret-7"' }] }),
      record({ id: 'c', url: 'https://example.com/c.js' }),
      record({ id: 'cf', url: 'https://example.com/cf.png' }),
    ]),
  );
  return { store, search: panelSearch(store) };
}

describe("DevTools' search box", () => {
  it('highlights matches without filtering, selects the first, moves through them both ways (wrapping), and ends', () => {
    const { store, search } = setup();
    store.view.value = 'cookies';
    search('performSearch', '/\\.js$/');
    expect(store.view.value).toBe('requests');
    // the list is not filtered: every row stays, the matches are marked
    expect(store.filtered.value).toHaveLength(4);
    expect(store.search.matches.value).toEqual(['a', 'c']);
    expect(store.selectedId.value).toBe('a');
    search('nextSearchResult');
    expect(store.selectedId.value).toBe('c');
    search('nextSearchResult');
    expect(store.selectedId.value).toBe('a');
    search('previousSearchResult');
    expect(store.selectedId.value).toBe('c');
    search('cancelSearch');
    expect(store.search.matches.value).toEqual([]);
    expect(store.search.pattern.value).toBeNull();
    expect(store.filters.value.text).toBe('');
  });

  it('finds text in headers and in what the engine said (CDN), not in header values while they are hidden', () => {
    const { store, search } = setup();
    search('performSearch', 'secret-7');
    expect(store.search.matches.value).toEqual(['b']);
    expect(store.selectedId.value).toBe('b');
    store.hideValues.value = true;
    expect(store.search.matches.value).toEqual([]);
    search('performSearch', 'cloudflare');
    expect(store.search.matches.value).toEqual(['cf']);
  });

  it('reads filter terms too, and a search that matches nothing leaves the selection alone', () => {
    const { store, search } = setup();
    store.select('c');
    search('performSearch', 'has-response-header:etag');
    expect(store.search.matches.value).toEqual(['b']);
    search('performSearch', 'nothing-like-this');
    expect(store.search.matches.value).toEqual([]);
    expect(store.selectedId.value).toBe('b');
    search('nextSearchResult');
    expect(store.selectedId.value).toBe('b');
  });

  it('turns the search into the text pattern painted on screen', () => {
    expect(searchPattern('a.b')!.test('xA.Bx')).toBe(true);
    expect(searchPattern('a.b')!.source).toBe('a\\.b');
    expect(searchPattern('/max-age=\\d+/')!.flags).toBe('gi');
    expect(searchPattern('status-code:404')).toBeNull();
    expect(searchPattern('/(/')).toBeNull();
    expect(searchPattern('  ')).toBeNull();
  });
});

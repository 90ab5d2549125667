import { describe, expect, it } from 'vitest';
import { panelSearch } from './search';
import { makeStore, record, snapshot } from './test/fixtures';

describe("DevTools' search box", () => {
  it('sets the filter, moves through the matches, and clears', () => {
    const { store } = makeStore();
    store.receive(snapshot([record({ id: 'a', url: 'https://example.com/a.js' }), record({ id: 'b', url: 'https://example.com/b.css' }), record({ id: 'c', url: 'https://example.com/c.js' })]));
    store.view.value = 'cookies';
    const search = panelSearch(store);
    search('performSearch', '/\\.js$/');
    expect(store.view.value).toBe('requests');
    expect(store.filtered.value.map((x) => x.id)).toEqual(['a', 'c']);
    search('nextSearchResult');
    expect(store.selectedId.value).toBe('a');
    search('nextSearchResult');
    expect(store.selectedId.value).toBe('c');
    search('previousSearchResult');
    expect(store.selectedId.value).toBe('a');
    search('cancelSearch');
    expect(store.filtered.value).toHaveLength(3);
  });
});

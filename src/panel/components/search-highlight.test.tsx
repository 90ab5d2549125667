// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render } from '@testing-library/preact';
import { App } from './App';
import { searchRanges } from './SearchHighlight';
import { panelSearch } from '../search';
import { makeStore, record, snapshot } from '../test/fixtures';

afterEach(cleanup);

describe('search on screen', () => {
  it('marks the matching rows, says which match is shown, and opens it in the detail pane', async () => {
    const { store } = makeStore();
    store.receive(
      snapshot([
        record({ id: 'a', url: 'https://example.com/app.js' }),
        record({ id: 'b', url: 'https://example.com/b.css' }),
        record({ id: 'c', url: 'https://example.com/app.css' }),
      ]),
    );
    render(<App store={store} />);
    const search = panelSearch(store);
    await act(() => search('performSearch', 'app'));
    const hits = [...document.querySelectorAll('.row.exchange.search-hit .name')].map((n) => n.textContent);
    expect(hits).toEqual(['app.js', 'app.css']);
    expect(document.querySelector('.search-status')!.textContent).toContain('1 of 2 matching requests');
    expect(document.querySelector('.detail-url')!.textContent).toContain('app.js');
    await act(() => search('nextSearchResult'));
    expect(document.querySelector('.search-status')!.textContent).toContain('2 of 2');
    expect(document.querySelector('.detail-url')!.textContent).toContain('app.css');
    await act(() => search('cancelSearch'));
    expect(document.querySelectorAll('.search-hit')).toHaveLength(0);
    expect(document.querySelector('.search-status')).toBeNull();
  });

  it('finds every occurrence of the text, outside hidden tooltips', () => {
    const root = document.createElement('div');
    const add = (tag: string, text: string, cls?: string) => {
      const el = document.createElement(tag);
      el.textContent = text;
      if (cls) el.className = cls;
      root.append(el);
    };
    add('p', 'max-age and MAX-AGE');
    add('span', 'max-age', 'term-card');
    add('b', 'no');
    const ranges = searchRanges([root], /max-age/gi);
    expect(ranges.map((r) => r.toString())).toEqual(['max-age', 'MAX-AGE']);
  });
});

/**
 * DevTools' own search box (Ctrl+F while the panel is shown) for this panel. Chrome delivers it to the devtools page
 * as `ExtensionPanel.onSearch(action, queryString)`; the panel object lives there (src/devtools/devtools.ts), which
 * forwards each call to the panel window it got from `onShown`: `win.__cacheLensSearch(action, q)`. Firefox has no
 * onSearch (see devtools.ts). The search does not filter: it highlights the matching rows and the text on screen
 * (store/search.ts, components/SearchHighlight.tsx); next/previous select the matches in turn.
 */
import type { PanelStore } from './store';

export type SearchAction = 'performSearch' | 'cancelSearch' | 'nextSearchResult' | 'previousSearchResult';

export function panelSearch(store: PanelStore) {
  // DevTools' onSearch passes any string: a SearchAction or something newer, which is ignored.
  return (action: string, query?: string) => {
    switch (action) {
      case 'performSearch':
        store.view.value = 'requests';
        store.search.perform(query ?? '');
        break;
      case 'cancelSearch':
        store.search.cancel();
        break;
      case 'nextSearchResult':
        store.search.next();
        break;
      case 'previousSearchResult':
        store.search.previous();
        break;
    }
  };
}

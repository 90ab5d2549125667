/**
 * DevTools' own search box (Ctrl+F while the panel is shown) for this panel. Chrome and Firefox deliver it to the
 * devtools page as `ExtensionPanel.onSearch(action, queryString)`; the panel object lives there (src/devtools), so
 * the devtools page forwards each call to the panel window it got from `onShown`: `win.__cacheLensSearch(action, q)`.
 * The search is the filter box: "performSearch" sets it (all its terms work), "cancelSearch" clears it,
 * "nextSearchResult"/"previousSearchResult" move the selection through the matches.
 */
import type { PanelStore } from './store';

export type SearchAction = 'performSearch' | 'cancelSearch' | 'nextSearchResult' | 'previousSearchResult';

export function panelSearch(store: PanelStore) {
  return (action: SearchAction | string, query?: string) => {
    switch (action) {
      case 'performSearch':
        store.view.value = 'requests';
        store.setFilter('text', query ?? '');
        break;
      case 'cancelSearch':
        store.setFilter('text', '');
        break;
      case 'nextSearchResult':
        store.moveSelection(1);
        break;
      case 'previousSearchResult':
        store.moveSelection(-1);
        break;
    }
  };
}

/**
 * DevTools' own search box for the Cache Lens panel: Chrome calls `ExtensionPanel.onSearch(action, queryString)` on
 * the devtools page while the panel is shown (https://developer.chrome.com/docs/extensions/reference/api/devtools/panels#type-ExtensionPanel);
 * this forwards each call to the panel window `onShown` handed over, where src/panel/search.ts handles it.
 * Firefox has no `onSearch` on its ExtensionPanel
 * (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/devtools/panels/ExtensionPanel#browser_compatibility):
 * there the panel's own filter box (Ctrl+F or "/" inside the panel) is the search.
 */

/** The hook the panel window exposes (src/panel/main.tsx). */
export type PanelSearchHook = (action: string, query?: string) => void;

interface PanelEvents {
  onShown: { addListener(cb: (win: Window) => void): void };
  onSearch?: { addListener(cb: (action: string, query?: string) => void): void };
}

/** Returns false when the browser has no onSearch (Firefox). */
export function forwardSearch(panel: PanelEvents): boolean {
  let win: (Window & { __cacheLensSearch?: PanelSearchHook }) | null = null;
  panel.onShown.addListener((w) => (win = w as typeof win));
  if (!panel.onSearch?.addListener) return false;
  panel.onSearch.addListener((action, query) => {
    try {
      win?.__cacheLensSearch?.(action, query);
    } catch (err) {
      // the panel window was closed or reloaded under us
      console.warn('Cache Lens: search not forwarded', err);
    }
  });
  return true;
}

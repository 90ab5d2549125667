/**
 * The panel's small wrapper over chrome.devtools.*, the one namespace it does not take from webextension-polyfill
 * (runtime, tabs and permissions do: connection.ts, host-access.ts). Why it cannot serve here:
 * - Chrome 148-152 turned the native `browser` namespace off for extensions with a devtools page, and the note that
 *   records it says to call `chrome.devtools.*` in the devtools page and panel rather than rely on the polyfill there
 *   (../shared/notes/browser-testing.md).
 * - The polyfill's types follow Firefox's schema, without Chrome's panels.setThemeChangeHandler used below.
 * - The polyfill throws when loaded without `chrome.runtime.id`, and unit tests load this module with only
 *   `chrome.devtools` stubbed (theme.test.ts).
 */
type ThemeListener = (name: string) => void;

/**
 * The part of `chrome` the panel uses, as it may be at run time: chrome.devtools exists only inside DevTools (not in a
 * pop-out page or a plain tab), and what the browsers put in it differs, so every level is optional and every value
 * read from it is checked.
 */
interface Chromeish {
  devtools?: {
    inspectedWindow?: { tabId?: unknown; reload?: (options: object) => void };
    panels?: {
      themeName?: unknown;
      onThemeChanged?: { addListener?(l: ThemeListener): void; removeListener(l: ThemeListener): void };
      /** Newer Chrome only, and not in its types. */
      setThemeChangeHandler?: (l: ThemeListener | null) => void;
    };
  };
}

function chromeApi(): Chromeish | undefined {
  return (globalThis as { chrome?: Chromeish }).chrome;
}

/** The inspected tab inside DevTools, else null (a pop-out page or a plain tab). */
export function inspectedTabId(): number | null {
  try {
    const id = chromeApi()?.devtools?.inspectedWindow?.tabId;
    return typeof id === 'number' ? id : null;
  } catch {
    return null;
  }
}

export type Theme = 'dark' | 'light';

/** Maps a DevTools theme name to ours: Chrome says 'default' | 'dark', Firefox 'light' | 'dark' | 'firebug'. */
export function themeFromName(name: unknown): Theme | null {
  if (typeof name !== 'string' || !name) return null;
  return name === 'dark' ? 'dark' : 'light';
}

/** DevTools' theme; null outside DevTools (pop-out page or plain tab). */
export function devtoolsTheme(): Theme | null {
  try {
    return themeFromName(chromeApi()?.devtools?.panels?.themeName);
  } catch {
    return null;
  }
}

/**
 * Calls `cb` when DevTools' theme changes while the panel is open; returns an unsubscribe function.
 * - Firefox: devtools.panels.onThemeChanged
 *   (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/devtools/panels/onThemeChanged).
 * - Chrome documents only devtools.panels.themeName, read once at load
 *   (https://developer.chrome.com/docs/extensions/reference/api/devtools/panels#property-themeName); newer Chrome has
 *   an undocumented-in-types panels.setThemeChangeHandler(cb), used when present. Otherwise a theme switch in Chrome
 *   DevTools shows the next time DevTools opens.
 */
export function onDevtoolsThemeChange(cb: (theme: Theme) => void): () => void {
  try {
    const panels = chromeApi()?.devtools?.panels;
    if (!panels) return () => {};
    const listener = (name: string) => {
      const t = themeFromName(name);
      if (t) cb(t);
    };
    if (panels.onThemeChanged?.addListener) {
      panels.onThemeChanged.addListener(listener);
      return () => panels.onThemeChanged?.removeListener(listener);
    }
    if (typeof panels.setThemeChangeHandler === 'function') {
      panels.setThemeChangeHandler(listener);
      return () => panels.setThemeChangeHandler?.(null);
    }
  } catch {
    /* no DevTools API here */
  }
  return () => {};
}

/**
 * Reloads the inspected tab through DevTools when the panel is inside DevTools on `tabId` and returns true (also when
 * the tab is gone); false elsewhere (a pop-out page or a plain tab), where the caller uses the tabs API.
 */
export function reloadInspectedTab(tabId: number): boolean {
  try {
    const inspected = chromeApi()?.devtools?.inspectedWindow;
    if (typeof inspected?.reload !== 'function' || inspectedTabId() !== tabId) return false;
    inspected.reload({});
  } catch {
    /* the tab is gone */
  }
  return true;
}

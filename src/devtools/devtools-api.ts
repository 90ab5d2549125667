/**
 * A small promise wrapper over chrome.devtools.*, the one namespace the devtools page does not take from
 * webextension-polyfill (its port does: devtools.ts). Why it cannot serve here:
 * - Chrome 148-152 turned the native `browser` namespace off for extensions with a devtools page, and the note that
 *   records it says to call `chrome.devtools.*` in the devtools page and panel rather than rely on the polyfill there
 *   (../shared/notes/browser-testing.md). (Chromium 156 on this machine does have `browser.devtools` in this page,
 *   checked November 2026; `chrome.devtools` is there in every version, and in Firefox.)
 * - The polyfill's types follow Firefox's schema: its ExtensionPanel has no onSearch (Chrome's DevTools search box,
 *   search-forward.ts) and its devtools.network.Request has only getContent(), none of the HAR fields forwarded
 *   (har-forward.ts). @types/chrome types what is used here.
 */

type DevtoolsNamespace = typeof chrome.devtools;

function api(): DevtoolsNamespace {
  const ns = (globalThis as { chrome?: { devtools?: DevtoolsNamespace } }).chrome?.devtools;
  if (!ns) throw new Error('chrome.devtools is not available in this context');
  return ns;
}

export function inspectedTabId(): number {
  return api().inspectedWindow.tabId;
}

export function createPanel(title: string, iconPath: string, pagePath: string): Promise<chrome.devtools.panels.ExtensionPanel> {
  return new Promise((resolve, reject) => {
    try {
      api().panels.create(title, iconPath, pagePath, (panel) => resolve(panel));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

export type FinishedRequest = chrome.devtools.network.Request;

export function onRequestFinished(listener: (entry: FinishedRequest) => void): () => void {
  const network = api().network;
  network.onRequestFinished.addListener(listener);
  return () => network.onRequestFinished.removeListener(listener);
}

export function onNavigated(listener: (url: string) => void): void {
  api().network.onNavigated.addListener(listener);
}

/**
 * A small promise wrapper over chrome.devtools.*. Chrome 148-152 turned the native `browser` namespace off for
 * extensions with a devtools page (see ../shared/notes/browser-testing.md), so the devtools page does not rely on
 * webextension-polyfill; Firefox also exposes `chrome.devtools` with the same callback shape.
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

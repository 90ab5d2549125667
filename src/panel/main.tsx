/**
 * The panel page. Inside DevTools it follows chrome.devtools.inspectedWindow.tabId; opened on its own (pop-out) it
 * reads the tab from its URL: chrome-extension://<id>/src/panel/index.html?tabId=N (optional &theme=dark|light).
 */
import { render } from 'preact';
import { createStore } from './store';
import { connect } from './connection';
import { devtoolsTheme, inspectedTabId, onDevtoolsThemeChange } from './devtools-api';
import { requestHostAccess } from './host-access';
import { followTheme } from './theme';
import { harActions } from './har-actions';
import { App } from './components/App';
import { startPanelClock } from './clock';
import { panelSearch } from './search';
import './styles.css';

declare const __CACHE_LENS_BROWSER__: 'chrome' | 'firefox' | undefined;
declare const __CACHE_LENS_E2E__: boolean | undefined;

const params = new URLSearchParams(location.search);
const browser = typeof __CACHE_LENS_BROWSER__ !== 'undefined' && __CACHE_LENS_BROWSER__ === 'firefox' ? 'firefox' : 'chrome';
const store = createStore({ browser });
// The engine (with its cookie-purpose and CDN-range tables) is a separate chunk: the list shows raw columns at once
// and fills in the explained ones when it arrives.
void import('../core/explain').then(
  (engine) => store.setExplainer(engine.explain),
  (err: unknown) => (store.notice.value = `The explanation engine failed to load: ${String(err)}`),
);

void import('../core/cookies/purposes').then(
  (p) => store.setPurposeLookup(p.lookupPurpose),
  () => {},
);

// Theme: DevTools' own (followed while open), else the URL's, else the system's (followed live): see theme.ts.
followTheme(store.theme, {
  devtools: devtoolsTheme(),
  onDevtoolsChange: onDevtoolsThemeChange,
  fromUrl: params.get('theme'),
  media: matchMedia('(prefers-color-scheme: dark)'),
});

const fromUrl = Number(params.get('tabId'));
const tabId = inspectedTabId() ?? (params.has('tabId') && Number.isInteger(fromUrl) && fromUrl >= 0 ? fromUrl : null);

let link: ReturnType<typeof connect> | null = null;
if (tabId === null) store.status.value = 'no-tab';
else {
  store.tabId.value = tabId;
  link = connect(store, tabId);
  store.setSender((msg) => link!.send(msg));
}

function currentOrigin(): string | null {
  const pages = store.pages.value;
  const url = pages.length ? pages[pages.length - 1]!.url : store.records.value.at(-1)?.url;
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

function requestAccess() {
  const origin = currentOrigin();
  if (!origin) {
    store.notice.value = 'Load the page once so Cache Lens knows which site to ask for.';
    return;
  }
  void requestHostAccess(origin).then((granted) => {
    store.notice.value = granted ? 'Access granted. Reload the page to record it.' : 'Access was not granted.';
    if (granted) store.hasHostAccess.value = true;
  });
}

// Test-only hook (e2e builds only): lets bench/panel.ts feed a 10,000-record snapshot as the background would.
if (typeof __CACHE_LENS_E2E__ !== 'undefined' && __CACHE_LENS_E2E__)
  (globalThis as { __cacheLensPanel?: unknown }).__cacheLensPanel = { receive: store.receive, store };

// DevTools' search box, forwarded by the devtools page (see search.ts).
(globalThis as { __cacheLensSearch?: unknown }).__cacheLensSearch = panelSearch(store);

// One clock for the whole panel: every cache sentence on screen is the engine's answer at store.judgedAtSec.
startPanelClock(store, document);

render(<App store={store} har={harActions(store)} requestAccess={requestAccess} />, document.getElementById('app')!);

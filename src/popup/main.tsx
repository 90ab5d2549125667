/**
 * The toolbar popup (manifest action.default_popup). The tab is the active one, or `?tab=<id>` (the e2e test opens
 * src/popup/index.html?tab=N as a page). It subscribes to the tab's recording exactly as the panel does (the panel's
 * store and port, src/panel/connection.ts) and explains the current page with the engine when it opens; when the
 * recording has no main document for the page, it falls back to the one the badge kept in storage.session
 * (src/background/badge.ts). tabs, storage and runtime come from webextension-polyfill (the native `browser` where
 * there is one, else the polyfill over `chrome`).
 */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { PopupApp } from './Popup';
import { glanceKey } from './glance';
import type { ExchangeRecord } from '../core/types';
import { createStore } from '../panel/store';
import { connect } from '../panel/connection';
import './popup.css';

declare const __CACHE_LENS_BROWSER__: 'chrome' | 'firefox' | undefined;
const browserName = typeof __CACHE_LENS_BROWSER__ !== 'undefined' && __CACHE_LENS_BROWSER__ === 'firefox' ? 'firefox' : 'chrome';

const root = document.getElementById('app')!;

async function currentTab(): Promise<{ id: number; url?: string } | null> {
  const params = new URLSearchParams(location.search);
  const fromUrl = Number(params.get('tab'));
  if (params.has('tab') && Number.isInteger(fromUrl) && fromUrl >= 0) {
    const tab = await browser.tabs.get(fromUrl).catch(() => null);
    return { id: fromUrl, url: tab?.url };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id !== undefined ? { id: tab.id, url: tab.url } : null;
}

async function main() {
  const tab = await currentTab();
  const web = !!tab && (!tab.url || /^https?:/i.test(tab.url));
  const store = createStore({ browser: browserName });
  if (!tab || !web) {
    store.status.value = 'no-tab';
    render(<PopupApp store={store} fallback={null} webPage={false} />, root);
    return;
  }
  // The engine is a separate chunk (as in the panel).
  void import('../core/explain').then((engine) => store.setExplainer(engine.explain));
  store.tabId.value = tab.id;
  const link = connect(store, tab.id);
  store.setSender((msg) => link.send(msg));
  const key = glanceKey(tab.id);
  // storage.session is not in the polyfill's API table (0.12): where the polyfill wraps `chrome`, this is
  // chrome.storage.session itself, which returns a promise (MV3).
  const saved: Record<string, unknown> = await browser.storage.session.get(key).catch(() => ({}));
  const fallback = (saved[key] as ExchangeRecord | undefined) ?? null;
  const openPanel = () => {
    void browser.tabs.create({ url: browser.runtime.getURL(`src/panel/index.html?tabId=${tab.id}`) }).then(() => window.close());
  };
  render(<PopupApp store={store} fallback={fallback} webPage openPanel={openPanel} />, root);
}

main().catch((err: unknown) => render(<p class="error">Cache Lens could not read this tab: {String(err)}</p>, root));

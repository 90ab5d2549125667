/**
 * The toolbar popup (manifest action.default_popup). The tab is the active one, or `?tab=<id>` (the e2e test opens
 * popup.html?tab=N as a page). Reads the tab's main-document record that the background keeps in storage.session
 * (src/background/badge.ts) and explains it with the engine at the moment the popup opens.
 */
import { render } from 'preact';
import { Popup, type PopupState } from './Popup';
import { glanceKey, glanceOf } from './glance';
import type { ExchangeRecord } from '../core/types';
import './popup.css';

declare const __CACHE_LENS_BROWSER__: 'chrome' | 'firefox' | undefined;
const browser = typeof __CACHE_LENS_BROWSER__ !== 'undefined' && __CACHE_LENS_BROWSER__ === 'firefox' ? 'firefox' : 'chrome';

const root = document.getElementById('app')!;

async function currentTab(): Promise<{ id: number; url?: string } | null> {
  const fromUrl = Number(new URLSearchParams(location.search).get('tab'));
  if (new URLSearchParams(location.search).has('tab') && Number.isInteger(fromUrl) && fromUrl >= 0) {
    const tab = await chrome.tabs.get(fromUrl).catch(() => null);
    return { id: fromUrl, url: tab?.url };
  }
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id !== undefined ? { id: tab.id, url: tab.url } : null;
}

function show(state: PopupState, tabId: number | null) {
  const openPanel =
    tabId === null
      ? undefined
      : () => {
          void chrome.tabs.create({ url: chrome.runtime.getURL(`src/panel/index.html?tabId=${tabId}`) }).then(() => window.close());
        };
  render(<Popup state={state} openPanel={openPanel} />, root);
}

async function main() {
  show({ kind: 'loading' }, null);
  const tab = await currentTab();
  if (!tab) return show({ kind: 'empty', reason: 'No tab to show.' }, null);
  const key = glanceKey(tab.id);
  const stored = (await chrome.storage.session.get(key))[key] as ExchangeRecord | undefined;
  if (!stored) {
    const web = !tab.url || /^https?:/i.test(tab.url);
    return show(
      { kind: 'empty', reason: web ? 'Nothing recorded for this page yet: reload it to see how it is cached.' : 'Cache Lens records web pages (http and https) only.' },
      web ? tab.id : null,
    );
  }
  // The engine is a separate chunk (as in the panel).
  const { explain } = await import('../core/explain');
  show({ kind: 'ready', glance: glanceOf(explain(stored, { browser, now: Date.now() / 1000 })) }, tab.id);
}

main().catch((err) => show({ kind: 'error', message: `Cache Lens could not read this tab: ${String(err)}` }, null));

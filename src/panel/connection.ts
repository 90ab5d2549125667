/**
 * The port to the background: named PANEL_PORT_PREFIX + tabId, subscribes explicitly (sender.tab is undefined in
 * DevTools pages), feeds every message into the store, and reconnects when the service worker restarts.
 * runtime.connect comes from webextension-polyfill: the native `browser` where there is one (Firefox; Chromium 156),
 * else, as in Chrome 148-152 for an extension with a devtools page (../shared/notes/browser-testing.md), the
 * polyfill over `chrome`, which passes `chrome.runtime.connect` through as it is (it returns a port, not a promise).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { isMessage, PANEL_PORT_PREFIX, PROTOCOL_VERSION, type BgToPanel, type PanelToBg } from '../shared/protocol';
import type { PanelStore } from './store';

export function connect(store: PanelStore, tabId: number): { send(msg: PanelToBg): void; close(): void } {
  let port: Runtime.Port | null = null;
  let closed = false;
  let attempts = 0;

  function open() {
    let p: Runtime.Port;
    try {
      p = browser.runtime.connect({ name: `${PANEL_PORT_PREFIX}${tabId}` });
    } catch {
      // "Extension context invalidated": the extension was reloaded under us.
      store.status.value = 'disconnected';
      return;
    }
    port = p;
    p.onMessage.addListener((msg: unknown) => {
      if (!isMessage(msg) || !msg.type.startsWith('bg>panel:')) return;
      attempts = 0;
      store.receive(msg as BgToPanel);
    });
    p.onDisconnect.addListener(() => {
      if (port === p) port = null;
      if (closed) return;
      // MV3 service workers stop when idle; reconnecting wakes them. Give up after a few quick failures.
      if (++attempts > 5) {
        store.status.value = 'disconnected';
        return;
      }
      setTimeout(open, 200 * attempts);
    });
    p.postMessage({ type: 'panel>bg:subscribe', v: PROTOCOL_VERSION, tabId } satisfies PanelToBg);
  }

  open();
  return {
    send(msg) {
      if (!port) open();
      port?.postMessage(msg);
    },
    close() {
      closed = true;
      port?.disconnect();
    },
  };
}

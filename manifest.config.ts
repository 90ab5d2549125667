/**
 * The one manifest definition. Per-browser differences are isolated in `forBrowser()`.
 * crxjs rewrites `background` for each browser (service_worker for Chrome, scripts for Firefox).
 */
import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

export type TargetBrowser = 'chrome' | 'firefox';

/** Strict CSP for every extension page: only our own bundled scripts, no plugins, no <base> tricks. */
export const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export const GECKO_ID = 'cache-lens@cache-lens.invalid';

export function manifestFor(browser: TargetBrowser) {
  const common = {
    manifest_version: 3 as const,
    name: 'Cache Lens',
    short_name: 'Cache Lens',
    version: pkg.version,
    description: 'A DevTools panel that explains how every response is cached, what it does with cookies, and what CDNs and proxies did.',
    // See docs/permissions.md for why each one is needed.
    permissions: ['webRequest', 'cookies', 'storage', 'tabs', 'webNavigation'],
    host_permissions: ['<all_urls>'],
    // Store and extensions-page icons, rendered by scripts/gen-icons.mjs.
    icons: { 16: 'src/icons/icon-16.png', 32: 'src/icons/icon-32.png', 48: 'src/icons/icon-48.png', 128: 'src/icons/icon-128.png' },
    devtools_page: 'src/devtools/devtools.html',
    // The toolbar button: a badge with the CDN cache status of the tab's page (src/background/badge.ts) and a popup
    // with the page at a glance (src/popup). MV3 calls it "action" in both browsers (Firefox 109+); MV2's
    // browser_action is not used. https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/manifest.json/action
    action: {
      default_title: 'Cache Lens',
      default_popup: 'src/popup/index.html',
      default_icon: { 16: 'src/icons/icon-16.png', 32: 'src/icons/icon-32.png' },
    },
    background: { service_worker: 'src/background/index.ts', type: 'module' as const },
    // Chrome: "split" gives incognito its own extension instance in the off-the-record profile, whose storage
    // (IndexedDB included) never touches disk, and which alone sees incognito traffic (also a service worker's,
    // which webRequest reports with tabId -1 and no incognito flag). Firefox knows only "spanning": there the one
    // background judges each request by its context and keeps private ones in memory (src/background/recorder.ts).
    // https://developer.chrome.com/docs/extensions/reference/manifest/incognito
    incognito: 'split' as 'split' | 'spanning',
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
  };
  if (browser === 'firefox') {
    return {
      ...common,
      // https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/manifest.json/incognito ("split" unsupported)
      incognito: 'spanning' as const,
      // Firefox MV3 has no service workers for extensions: an event page with background.scripts.
      background: { scripts: ['src/background/index.ts'], type: 'module' as const },
      browser_specific_settings: {
        gecko: {
          id: GECKO_ID,
          // data_collection_permissions is understood from Firefox 140 on.
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
        // Firefox for Android understands data_collection_permissions from 142 on.
        gecko_android: { strict_min_version: '142.0' },
      },
    };
  }
  return { ...common, minimum_chrome_version: '120' };
}

export default function manifest(browser: TargetBrowser) {
  // crxjs types `background` as the Chrome shape; it emits `scripts` for Firefox itself.
  return defineManifest(manifestFor(browser) as Parameters<typeof defineManifest>[0]);
}

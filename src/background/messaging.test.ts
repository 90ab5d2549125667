import { describe, expect, it } from 'vitest';
import { hostAccessForUrl, isOwnExtensionPage } from './messaging';

describe('isOwnExtensionPage', () => {
  const origin = 'chrome-extension://abc/';
  it("accepts this extension's own pages", () => {
    expect(isOwnExtensionPage({ id: 'abc', url: 'chrome-extension://abc/src/panel/index.html?tabId=3' }, 'abc', origin)).toBe(true);
  });
  it('rejects other extensions, web pages (content scripts) and missing senders', () => {
    expect(isOwnExtensionPage({ id: 'evil', url: 'chrome-extension://evil/x.html' }, 'abc', origin)).toBe(false);
    expect(isOwnExtensionPage({ id: 'abc', url: 'https://example.com/' }, 'abc', origin)).toBe(false);
    expect(isOwnExtensionPage({ id: 'abc' }, 'abc', origin)).toBe(false);
    expect(isOwnExtensionPage(undefined, 'abc', origin)).toBe(false);
  });
});

describe('hostAccessForUrl', () => {
  const api = (granted: boolean, file?: boolean) => ({
    hasOrigin: (o: string) => Promise.resolve(o === 'https://lab.test/*' ? granted : true),
    fileAccess: () => Promise.resolve(file),
    ownOrigin: 'chrome-extension://abc',
  });
  it('web pages: whatever is granted, with no note (granting fixes it)', async () => {
    expect(await hostAccessForUrl('https://lab.test/x', api(true))).toEqual({ hasHostAccess: true });
    expect(await hostAccessForUrl('https://lab.test/x', api(false))).toEqual({ hasHostAccess: false });
  });
  it('browser pages, other extensions and the web stores: false with a reason, whatever is granted', async () => {
    for (const url of [
      'chrome://newtab/',
      'about:blank',
      'about:debugging',
      'edge://settings',
      'view-source:https://lab.test/',
      'chrome-extension://other/p.html',
      'moz-extension://u/p.html',
      'data:text/html,hi',
      'https://chromewebstore.google.com/detail/x',
      'https://addons.mozilla.org/',
    ]) {
      const a = await hostAccessForUrl(url, api(true));
      expect(a.hasHostAccess, url).toBe(false);
      expect(a.accessNote, url).toMatch(/extensions/);
    }
  });
  it('its own pages: true; file: only with file access switched on', async () => {
    expect(await hostAccessForUrl('chrome-extension://abc/src/panel/index.html', api(false))).toEqual({ hasHostAccess: true });
    expect(await hostAccessForUrl('file:///tmp/a.html', api(true, true))).toEqual({ hasHostAccess: true });
    expect((await hostAccessForUrl('file:///tmp/a.html', api(true, false))).accessNote).toMatch(/file URLs/);
  });
});

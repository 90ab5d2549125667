import { describe, expect, it } from 'vitest';
import { isOwnExtensionPage } from './messaging';

describe('isOwnExtensionPage', () => {
  const origin = 'chrome-extension://abc/';
  it('accepts this extension\'s own pages', () => {
    expect(isOwnExtensionPage({ id: 'abc', url: 'chrome-extension://abc/src/panel/index.html?tabId=3' }, 'abc', origin)).toBe(true);
  });
  it('rejects other extensions, web pages (content scripts) and missing senders', () => {
    expect(isOwnExtensionPage({ id: 'evil', url: 'chrome-extension://evil/x.html' }, 'abc', origin)).toBe(false);
    expect(isOwnExtensionPage({ id: 'abc', url: 'https://example.com/' }, 'abc', origin)).toBe(false);
    expect(isOwnExtensionPage({ id: 'abc' }, 'abc', origin)).toBe(false);
    expect(isOwnExtensionPage(undefined, 'abc', origin)).toBe(false);
  });
});

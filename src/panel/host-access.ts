/**
 * Asks for host access to the inspected site, through webextension-polyfill's permissions.request: Firefox's native
 * promise, or in Chrome the polyfill's promise around chrome.permissions.request, which it calls at once, so the call
 * still runs inside the click's user gesture. Only main.tsx imports this: the polyfill throws when loaded outside an
 * extension (as in unit tests).
 */
import browser from 'webextension-polyfill';

/** Asks for host access to one origin. Must run inside a click handler (user gesture). */
export function requestHostAccess(origin: string): Promise<boolean> {
  try {
    return browser.permissions.request({ origins: [`${origin}/*`] }).then(
      (granted) => granted,
      () => false,
    );
  } catch {
    return Promise.resolve(false);
  }
}

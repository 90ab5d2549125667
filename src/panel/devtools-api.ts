/**
 * The panel's small promise wrapper over chrome.devtools.* and chrome.permissions. Chrome 148-152 turned the native
 * `browser` namespace off for extensions with a devtools page (../shared/notes/browser-testing.md), so the panel
 * calls `chrome.*` directly; Firefox exposes the same callback-style `chrome` namespace.
 */
type Chromeish = typeof chrome;

function chromeApi(): Chromeish | undefined {
  return (globalThis as { chrome?: Chromeish }).chrome;
}

/** The inspected tab inside DevTools, else null (a pop-out page or a plain tab). */
export function inspectedTabId(): number | null {
  try {
    const id = chromeApi()?.devtools?.inspectedWindow?.tabId;
    return typeof id === 'number' ? id : null;
  } catch {
    return null;
  }
}

/** DevTools' theme: 'dark' or 'default' (light); null outside DevTools. */
export function devtoolsTheme(): 'dark' | 'light' | null {
  try {
    const name = chromeApi()?.devtools?.panels?.themeName;
    if (!name) return null;
    return name === 'dark' ? 'dark' : 'light';
  } catch {
    return null;
  }
}

/** Asks for host access to one origin. Must run inside a click handler (user gesture). */
export function requestHostAccess(origin: string): Promise<boolean> {
  const permissions = chromeApi()?.permissions;
  if (!permissions) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      const ret = permissions.request({ origins: [`${origin}/*`] }, (granted) => resolve(!!granted)) as unknown;
      // Firefox's chrome.* returns a promise and may ignore the callback.
      if (ret && typeof (ret as Promise<boolean>).then === 'function') (ret as Promise<boolean>).then((g) => resolve(!!g), () => resolve(false));
    } catch {
      resolve(false);
    }
  });
}

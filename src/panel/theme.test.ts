// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { signal } from '@preact/signals';
import { followTheme } from './theme';
import { onDevtoolsThemeChange, devtoolsTheme, type Theme } from './devtools-api';

function fakeMedia(matches: boolean) {
  const listeners = new Set<() => void>();
  return {
    matches,
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
    flip(to: boolean) {
      this.matches = to;
      for (const l of listeners) l();
    },
    get count() {
      return listeners.size;
    },
  };
}

const html = () => document.documentElement.dataset.theme;

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('theme', () => {
  it('pop-out without ?theme follows prefers-color-scheme changes while open, and stops when disposed', () => {
    const theme = signal<Theme>('light');
    const media = fakeMedia(false);
    const stop = followTheme(theme, { devtools: null, fromUrl: null, media: media as never });
    expect(theme.value).toBe('light');
    expect(html()).toBe('light');
    media.flip(true);
    expect(theme.value).toBe('dark');
    expect(html()).toBe('dark');
    stop();
    expect(media.count).toBe(0);
  });

  it('?theme=light in the URL wins over the system', () => {
    const theme = signal<Theme>('dark');
    const media = fakeMedia(true);
    followTheme(theme, { devtools: null, fromUrl: 'light', media: media as never });
    expect(html()).toBe('light');
    media.flip(false);
    media.flip(true);
    expect(theme.value).toBe('light');
  });

  it("inside DevTools follows DevTools' theme and its changes (Firefox onThemeChanged), not the system", () => {
    const listeners: Array<(n: string) => void> = [];
    (globalThis as { chrome?: unknown }).chrome = {
      devtools: {
        panels: {
          themeName: 'light',
          onThemeChanged: { addListener: (l: (n: string) => void) => listeners.push(l), removeListener: () => {} },
        },
      },
    };
    const theme = signal<Theme>('light');
    const media = fakeMedia(true);
    followTheme(theme, { devtools: devtoolsTheme(), onDevtoolsChange: onDevtoolsThemeChange, fromUrl: 'dark', media: media as never });
    expect(html()).toBe('light');
    expect(listeners).toHaveLength(1);
    listeners[0]!('dark');
    expect(theme.value).toBe('dark');
    expect(html()).toBe('dark');
    listeners[0]!('firebug'); // Firefox's third theme is a light one
    expect(html()).toBe('light');
    media.flip(true);
    expect(html()).toBe('light');
  });

  it("Chrome: 'default' is light; a setThemeChangeHandler, when Chrome has one, is used", () => {
    let handler: ((n: string) => void) | null | undefined;
    (globalThis as { chrome?: unknown }).chrome = {
      devtools: { panels: { themeName: 'default', setThemeChangeHandler: (h?: ((n: string) => void) | null) => (handler = h) } },
    };
    expect(devtoolsTheme()).toBe('light');
    const seen: Theme[] = [];
    const off = onDevtoolsThemeChange((t) => seen.push(t));
    handler!('dark');
    expect(seen).toEqual(['dark']);
    off();
    expect(handler).toBeNull();
  });

  it('outside DevTools there is no DevTools theme and subscribing is a no-op', () => {
    expect(devtoolsTheme()).toBeNull();
    expect(() => onDevtoolsThemeChange(() => {})()).not.toThrow();
  });
});

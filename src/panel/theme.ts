/**
 * The panel's light/dark theme, and how it follows changes while open. Precedence:
 * DevTools' own theme (inside DevTools; kept up to date through onDevtoolsThemeChange) > `&theme=dark|light` in the
 * pop-out URL > the system's prefers-color-scheme (followed live). Writes the store's signal and <html data-theme>.
 */
import type { Signal } from '@preact/signals';
import type { Theme } from './devtools-api';

export interface ThemeSources {
  /** DevTools' theme at load, or null outside DevTools. */
  devtools: Theme | null;
  /** Subscribes to DevTools theme changes (returns an unsubscribe). */
  onDevtoolsChange?: (cb: (t: Theme) => void) => () => void;
  /** `theme` from the page URL. */
  fromUrl: string | null;
  /** matchMedia('(prefers-color-scheme: dark)'). */
  media: Pick<MediaQueryList, 'matches'> & Partial<Pick<MediaQueryList, 'addEventListener' | 'removeEventListener'>>;
  root?: HTMLElement;
}

export function followTheme(theme: Signal<Theme>, src: ThemeSources): () => void {
  let devtools = src.devtools;
  const urlTheme: Theme | null = src.fromUrl === 'dark' || src.fromUrl === 'light' ? src.fromUrl : null;
  const root = src.root ?? document.documentElement;
  const apply = () => {
    theme.value = devtools ?? urlTheme ?? (src.media.matches ? 'dark' : 'light');
    root.dataset.theme = theme.value;
  };
  apply();
  const onMedia = () => apply();
  src.media.addEventListener?.('change', onMedia);
  const off = src.onDevtoolsChange?.((t) => {
    devtools = t;
    apply();
  });
  return () => {
    src.media.removeEventListener?.('change', onMedia);
    off?.();
  };
}

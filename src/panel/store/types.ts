/** Shapes shared by the panel's sub-stores. */
import type { BrowserProfile, ExchangeRecord, JarCookie } from '../../core/types';
import type { Explanation } from '../../core/explanation';

export type Explainer = (x: ExchangeRecord, ctx: { browser: BrowserProfile; now: number }, history?: ExchangeRecord[]) => Explanation;

export type PanelStatus = 'loading' | 'ready' | 'no-tab' | 'disconnected' | 'imported';
export type DetailTab = 'caching' | 'cookies' | 'cdn' | 'headers';
/** The main view: the request list, or the overview of every cookie seen. */
export type MainView = 'requests' | 'cookies';

export interface JarState {
  url: string;
  requestId: string;
  loading: boolean;
  cookies: JarCookie[];
  error?: string;
}

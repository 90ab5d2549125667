/**
 * What the recorder knows of each tab: the top-level URL at each moment, the current page, incognito, preserve log.
 * It survives a stopped worker in storage.session. The browser API comes in (`TabApi`), so vitest drives it with fakes.
 */
import type { Browser } from 'webextension-polyfill';
import type { TabContext } from './adapter';

export interface TabState {
  topLevelUrl?: string;
  pageId?: string;
  /** undefined: not known yet (Chrome's webRequest details do not say; tabs.get does). */
  incognito?: boolean;
  /** Keep earlier pages on navigation (default true: history per page until cleared). */
  preserveLog?: boolean;
}

/** The browser calls the registry makes (browser.tabs / browser.storage.session, or fakes in tests). */
export interface TabApi {
  getTab(tabId: number): Promise<{ incognito: boolean }>;
  queryTabs(): Promise<Array<{ id?: number; incognito: boolean; url?: string }>>;
  saveSession(value: unknown): Promise<void>;
}

/** The registry's calls through webextension-polyfill's `browser` (index.ts passes it). */
export function browserTabApi(browser: Pick<Browser, 'tabs' | 'storage'>, key: string): TabApi {
  return {
    getTab: (tabId) => browser.tabs.get(tabId),
    queryTabs: () => browser.tabs.query({}),
    saveSession: (value) => browser.storage.session.set({ [key]: value }),
  };
}

export class TabRegistry {
  private readonly tabs = new Map<number, TabState>();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Tabs whose incognito status is being looked up, with what waits for the answer. */
  private readonly lookups = new Map<number, Array<(incognito: boolean) => void>>();
  sessionTag = '';

  constructor(
    private readonly api: TabApi,
    /** Chrome's incognito instance ("incognito": "split"): every tab it sees is incognito. */
    readonly incognitoContext = false,
    private readonly saveDelayMs = 50,
  ) {}

  /** Restores the saved states of a restarted worker. */
  restore(saved: Array<[number, TabState]>): void {
    for (const [tabId, state] of saved) this.tabs.set(tabId, state);
  }

  /** Learns every open tab's incognito status and URL (at start). */
  async learnOpenTabs(): Promise<void> {
    for (const tab of await this.api.queryTabs()) {
      if (tab.id === undefined) continue;
      const state = this.state(tab.id);
      state.incognito = tab.incognito;
      if (!state.topLevelUrl && tab.url) state.topLevelUrl = tab.url;
    }
  }

  get(tabId: number): TabState | undefined {
    return this.tabs.get(tabId);
  }

  state(tabId: number): TabState {
    let state = this.tabs.get(tabId);
    if (!state) this.tabs.set(tabId, (state = {}));
    return state;
  }

  /** What a new record of the tab gets (incognito forced in the incognito instance). */
  context(tabId: number): TabContext {
    const state = this.tabs.get(tabId) ?? {};
    return this.incognitoContext ? { ...state, incognito: true } : state;
  }

  /** Tab state survives a stopped worker in storage.session (written after changes, which are rare: navigations). */
  save(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.api.saveSession({ tag: this.sessionTag, tabs: [...this.tabs.entries()] }).catch(() => {});
    }, this.saveDelayMs);
  }

  created(tabId: number, incognito: boolean): void {
    this.state(tabId).incognito = incognito;
    this.resolveLookup(tabId, incognito);
  }

  /** Returns the state the tab had, and whether a private tab is left at all. */
  removed(tabId: number): { state: TabState | undefined; privateLeft: boolean } {
    const state = this.tabs.get(tabId);
    this.tabs.delete(tabId);
    this.save();
    return { state, privateLeft: [...this.tabs.values()].some((t) => t.incognito) };
  }

  /** webNavigation.onCommitted, top frame: the document the tab now shows (also history/bfcache navigations). */
  committed(tabId: number, url: string): void {
    const state = this.state(tabId);
    if (state.topLevelUrl !== url) {
      state.topLevelUrl = url;
      this.save();
    }
  }

  setTopLevelUrl(tabId: number, url: string): void {
    this.state(tabId).topLevelUrl = url;
    this.save();
  }

  setPreserveLog(tabId: number, preserve: boolean): void {
    this.state(tabId).preserveLog = preserve;
    this.save();
  }

  preserveLog(tabId: number): boolean {
    return this.tabs.get(tabId)?.preserveLog ?? true;
  }

  /** Is the tab's incognito status known? (Records of an unknown tab wait: never written before we know.) */
  known(tabId: number): boolean {
    return this.tabs.get(tabId)?.incognito !== undefined;
  }

  /**
   * Calls `then(incognito)` once the tab's status is known: at once if it is, else after one tabs.get per tab
   * (shared by everything that waits). A tab already gone counts as regular: a closed incognito tab would have said.
   */
  whenKnown(tabId: number, then: (incognito: boolean) => void): void {
    const known = this.tabs.get(tabId)?.incognito;
    if (known !== undefined) {
      then(known);
      return;
    }
    let waiting = this.lookups.get(tabId);
    if (waiting) {
      waiting.push(then);
      return;
    }
    this.lookups.set(tabId, (waiting = [then]));
    this.api.getTab(tabId).then(
      (tab) => this.resolveLookup(tabId, tab.incognito),
      () => this.resolveLookup(tabId, false),
    );
  }

  private resolveLookup(tabId: number, incognito: boolean): void {
    const state = this.state(tabId);
    if (state.incognito === undefined) state.incognito = incognito;
    const waiting = this.lookups.get(tabId);
    if (!waiting) return;
    this.lookups.delete(tabId);
    for (const then of waiting) then(state.incognito);
  }
}

/**
 * The toolbar badge: for each tab, the engine's verdict on its main document (src/popup/glance.ts renders the
 * engine's explain()), set when that record changes. The main document's record is kept in storage.session (memory
 * only, survives a stopped service worker) so the popup (src/popup) explains it again at the moment it opens.
 * Called from the recorder's onRecord (index.ts); owns no other state.
 */
import { explain } from '../core/explain';
import type { BrowserProfile, ExchangeRecord } from '../core/types';
import { glanceKey, glanceOf, type BadgeLook } from '../popup/glance';
export { glanceKey };

export interface BadgeApi {
  setBadgeText(d: { tabId: number; text: string }): Promise<void> | void;
  setBadgeBackgroundColor(d: { tabId: number; color: string }): Promise<void> | void;
  setBadgeTextColor?(d: { tabId: number; color: string }): Promise<void> | void;
  setTitle(d: { tabId: number; title: string }): Promise<void> | void;
}

export interface SessionArea {
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

/** The final hop of a top-level navigation with a response (redirect hops and pending requests are not the page). */
export function isPageDocument(x: ExchangeRecord): boolean {
  return x.resourceType === 'main_frame' && (x.tabId ?? -1) >= 0 && !x.redirectUrl && (x.status > 0 || !!x.error);
}

export class ToolbarBadge {
  /** Per tab: what the badge was last set from, so repeated upserts of one record cost one explain(). */
  private shown = new Map<number, string>();
  /** Per tab: the last badge and the document it describes, to set again once the navigation commits. */
  private last = new Map<number, { url: string; look: BadgeLook }>();

  constructor(
    private browser: BrowserProfile,
    private action: BadgeApi | undefined,
    private session: SessionArea | undefined,
    private now: () => number = () => Date.now(),
  ) {}

  recordChanged(x: ExchangeRecord): void {
    if (!isPageDocument(x) || !this.action) return;
    const tabId = x.tabId!;
    const key = `${x.id}|${x.status}|${x.source}|${x.responseHeaders.length}|${x.error ?? ''}`;
    if (this.shown.get(tabId) === key) return;
    this.shown.set(tabId, key);
    try {
      const g = glanceOf(explain(x, { browser: this.browser, now: this.now() / 1000 }));
      this.last.set(tabId, { url: x.url, look: g.badge });
      this.apply(tabId, g.badge);
      void this.session?.set({ [glanceKey(tabId)]: x }).catch(() => {});
    } catch (err) {
      console.warn('Cache Lens: badge not set', err);
    }
  }

  /**
   * The tab's top frame committed `url`. Chrome clears a tab's action settings when a navigation commits
   * (https://developer.chrome.com/docs/extensions/reference/api/action#per-tab_state: "reset when the tab navigates"),
   * which is after the response headers the badge was set from; so it is set again here for that document.
   */
  pageCommitted(tabId: number, url: string): void {
    const l = this.last.get(tabId);
    if (l && l.url.split('#')[0] === url.split('#')[0]) this.apply(tabId, l.look);
  }

  private apply(tabId: number, look: BadgeLook): void {
    const a = this.action!;
    void Promise.all([
      a.setBadgeText({ tabId, text: look.text }),
      a.setBadgeBackgroundColor({ tabId, color: look.color }),
      a.setBadgeTextColor?.({ tabId, color: '#ffffff' }),
      a.setTitle({ tabId, title: look.title }),
    ]).catch(() => {
      /* the tab is gone */
    });
  }

  tabRemoved(tabId: number): void {
    this.shown.delete(tabId);
    this.last.delete(tabId);
    void this.session?.remove(glanceKey(tabId)).catch(() => {});
  }
}

/**
 * The background side of src/shared/protocol.ts. Ports are named by tab (PANEL_PORT_PREFIX / DEVTOOLS_PORT_PREFIX +
 * tabId); the tabId is also sent explicitly because sender.tab is undefined for DevTools pages.
 * Every port must come from this extension's own pages.
 */
import type { Browser, Cookies, Runtime } from 'webextension-polyfill';
import type { ExchangeRecord } from '../core/types';
import {
  DEVTOOLS_PORT_PREFIX,
  PANEL_PORT_PREFIX,
  PROTOCOL_VERSION,
  isMessage,
  type BgToPanel,
  type PageRecord,
  type PanelToBg,
} from '../shared/protocol';
import type { Recorder } from './recorder';
import type { RecordingFacts, RetentionStatus } from './store';

/** Only this extension's own pages (panel, devtools page) may talk to the background. */
export function isOwnExtensionPage(sender: Runtime.MessageSender | undefined, runtimeId: string, extensionOrigin: string): boolean {
  if (!sender || sender.id !== runtimeId) return false;
  const url = sender.url ?? '';
  return url.startsWith(extensionOrigin);
}

/**
 * The browser calls the hub makes (webextension-polyfill's `browser`, from index.ts). extension.isAllowedFileSchemeAccess
 * is taken as possibly missing (kept defensive: then nothing is said about file access).
 */
export type HubApi = Pick<Browser, 'runtime' | 'tabs' | 'cookies' | 'permissions'> & {
  extension?: { isAllowedFileSchemeAccess?: () => Promise<boolean> };
};

const UPSERT_INTERVAL_MS = 100;
const SNAPSHOT_CHUNK = 2000;

export class PanelHub {
  /** tabId -> subscribed panel ports. */
  private readonly subscribers = new Map<number, Set<Runtime.Port>>();
  /** tabId -> changed records not yet sent. */
  private readonly dirty = new Map<number, Map<string, ExchangeRecord>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Ports whose snapshot is still being read: their live changes wait here, so nothing newer is overwritten. */
  private readonly held = new Map<string, Map<string, ExchangeRecord>>();
  private readonly portKeys = new WeakMap<Runtime.Port, string>();
  /** Per port: the tabs it subscribed to (for re-sending a snapshot). */
  private readonly portTabs = new WeakMap<Runtime.Port, Set<number>>();
  /** Per port and tab: the host access last sent ("true" / "false:<note>"), so a navigation that changes it re-sends. */
  private readonly sentAccess = new Map<string, string>();
  private portSeq = 0;

  private heldKey(port: Runtime.Port, tabId: number): string {
    let key = this.portKeys.get(port);
    if (!key) this.portKeys.set(port, (key = String(++this.portSeq)));
    return `${key}/${tabId}`;
  }

  constructor(
    private readonly recorder: Recorder,
    private readonly ready: Promise<void>,
    private readonly api: HubApi,
  ) {}

  hasSubscribers(tabId: number): boolean {
    return (this.subscribers.get(tabId)?.size ?? 0) > 0;
  }

  /** Hot path: remember the record for the next coalesced upsert, only when someone listens to its tab. */
  recordChanged(record: ExchangeRecord): void {
    const tabId = record.tabId ?? -1;
    if (!this.hasSubscribers(tabId)) return;
    let changed = this.dirty.get(tabId);
    if (!changed) this.dirty.set(tabId, (changed = new Map<string, ExchangeRecord>()));
    changed.set(record.id, record);
    this.timer ??= setTimeout(() => this.sendUpserts(), UPSERT_INTERVAL_MS);
  }

  private sendUpserts(): void {
    this.timer = null;
    for (const [tabId, changed] of this.dirty) {
      const exchanges = [...changed.values()];
      for (const port of this.subscribers.get(tabId) ?? []) {
        const held = this.held.get(this.heldKey(port, tabId));
        if (held) for (const r of exchanges) held.set(r.id, r);
        else safePost(port, { type: 'bg>panel:upsert', v: PROTOCOL_VERSION, tabId, exchanges });
      }
    }
    this.dirty.clear();
  }

  pageStarted(page: PageRecord): void {
    this.broadcast(page.tabId, { type: 'bg>panel:page', v: PROTOCOL_VERSION, tabId: page.tabId, page });
    this.recordingChanged(page.tabId);
  }

  private storageTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * The store's health changed (a quota refusal, and the trim after it): every subscribed panel gets its tab's
   * retention again, whose added `storage` field says so (see RetentionStatus in store.ts). At most every 500 ms.
   */
  storageChanged(): void {
    this.storageTimer ??= setTimeout(() => {
      this.storageTimer = null;
      const store = this.recorder.store;
      if (!store) return;
      for (const tabId of this.subscribers.keys()) {
        if (!this.hasSubscribers(tabId)) continue;
        void this.retentionFor(tabId).then(
          (retention) => this.broadcast(tabId, { type: 'bg>panel:retention', v: PROTOCOL_VERSION, tabId, retention }),
          () => {},
        );
      }
    }, 500);
  }

  /**
   * The tab shows another URL (tabs.onUpdated): when what the recorder can see there changed (about: -> a web page,
   * a granted site -> chrome://), subscribed panels get a fresh snapshot, whose hasHostAccess/accessNote their
   * banner follows. No new message: the snapshot already carries both.
   */
  tabNavigated(tabId: number): void {
    if (!this.hasSubscribers(tabId)) return;
    void this.ready
      .then(() => hostAccessFor(tabId, this.api))
      .then((access) => {
        for (const port of this.subscribers.get(tabId) ?? []) {
          const key = this.heldKey(port, tabId);
          if (!this.sentAccess.has(key) || this.sentAccess.get(key) === accessKey(access)) continue;
          const tabs = this.portTabs.get(port);
          if (tabs) void this.handlePanel(port, { type: 'panel>bg:subscribe', v: PROTOCOL_VERSION, tabId }, tabs).catch(() => {});
        }
      })
      .catch(() => {});
  }

  cleared(tabId: number): void {
    this.dirty.delete(tabId);
    this.broadcast(tabId, { type: 'bg>panel:cleared', v: PROTOCOL_VERSION, tabId });
  }

  private broadcast(tabId: number, message: BgToPanel): void {
    for (const port of this.subscribers.get(tabId) ?? []) safePost(port, message);
  }

  /** runtime.onConnect. Synchronous: a port's first message arrives right after connect, and a message with no
   * listener attached yet is dropped, so listeners go on now and the handlers wait for the store. */
  onConnect(port: Runtime.Port): void {
    if (!isOwnExtensionPage(port.sender, this.api.runtime.id, this.api.runtime.getURL(''))) {
      port.disconnect();
      return;
    }
    if (port.name.startsWith(PANEL_PORT_PREFIX)) this.acceptPanel(port);
    else if (port.name.startsWith(DEVTOOLS_PORT_PREFIX)) this.acceptDevtools(port);
    else port.disconnect();
  }

  /** Tab -> open DevTools ports forwarding its network log. */
  private readonly devtools = new Map<number, number>();

  /** The tab's retention stats plus what the panel should say about its recording (RecordingFacts in store.ts). */
  async retentionFor(tabId: number): Promise<RetentionStatus> {
    const store = this.recorder.store!;
    const [retention, lost] = await Promise.all([store.retentionStats(tabId), store.lostForTab(tabId)]);
    const devtoolsOpen = (this.devtools.get(tabId) ?? 0) > 0;
    const state = this.recorder.tabs.get(tabId);
    const url = state?.topLevelUrl ?? '';
    const facts: RecordingFacts = {
      devtoolsOpen,
      // Chrome's memory-cache hits never reach webRequest (../shared/notes/browser-testing.md); Firefox reports them.
      memoryCacheHidden: this.recorder.browser === 'chrome' && !devtoolsOpen,
      // A web page the tab shows but whose navigation this recording never saw: it was there before we started.
      pagePredatesRecording: tabId >= 0 && /^https?:/.test(url) && !state?.pageId,
    };
    if (lost) facts.lost = lost;
    return { ...retention, recorder: facts };
  }

  /** The recording facts of a tab changed (a page began, DevTools opened or closed): its panels get them again. */
  recordingChanged(tabId: number): void {
    if (!this.hasSubscribers(tabId)) return;
    void this.ready
      .then(() => this.retentionFor(tabId))
      .then((retention) => this.broadcast(tabId, { type: 'bg>panel:retention', v: PROTOCOL_VERSION, tabId, retention }))
      .catch(() => {});
  }

  private acceptDevtools(port: Runtime.Port): void {
    const tabId = Number(port.name.slice(DEVTOOLS_PORT_PREFIX.length));
    if (Number.isInteger(tabId)) {
      this.devtools.set(tabId, (this.devtools.get(tabId) ?? 0) + 1);
      this.recordingChanged(tabId);
      port.onDisconnect.addListener(() => {
        const left = (this.devtools.get(tabId) ?? 1) - 1;
        if (left > 0) this.devtools.set(tabId, left);
        else this.devtools.delete(tabId);
        this.recordingChanged(tabId);
      });
    }
    port.onMessage.addListener((message: unknown) => {
      if (!isMessage(message) || message.type !== 'devtools>bg:har-entry') return;
      // isMessage checks `type` and `v` only: the rest is checked as what a port may really carry.
      const wire: { tabId: unknown; entry?: { request?: { url?: unknown } } } = message;
      if (!Number.isInteger(wire.tabId) || !wire.entry?.request?.url) return;
      const { tabId, entry } = message;
      this.recorder.trace?.('har', { url: entry.request.url, requestId: 'har' });
      void this.ready.then(() => this.recorder.mergeHar(tabId, entry));
    });
  }

  private acceptPanel(port: Runtime.Port): void {
    const tabs = new Set<number>();
    this.portTabs.set(port, tabs);
    port.onDisconnect.addListener(() => {
      for (const tabId of tabs) {
        this.subscribers.get(tabId)?.delete(port);
        this.held.delete(this.heldKey(port, tabId));
        this.sentAccess.delete(this.heldKey(port, tabId));
      }
    });
    port.onMessage.addListener((message: unknown) => {
      if (!isMessage(message) || !message.type.startsWith('panel>bg:')) return;
      void this.ready
        .then(() => this.handlePanel(port, message as PanelToBg, tabs))
        .catch((err: unknown) => console.error('Cache Lens: panel message failed', err));
    });
  }

  private async handlePanel(port: Runtime.Port, message: PanelToBg, tabs: Set<number>): Promise<void> {
    const store = this.recorder.store!;
    switch (message.type) {
      case 'panel>bg:subscribe': {
        const tabId = message.tabId;
        if (!Number.isInteger(tabId)) return;
        // Subscribe first so no change falls between the snapshot and the live updates (upserts are idempotent).
        tabs.add(tabId);
        let set = this.subscribers.get(tabId);
        if (!set) this.subscribers.set(tabId, (set = new Set()));
        set.add(port);
        this.held.set(this.heldKey(port, tabId), new Map());
        const [pages, exchanges, retention, access] = await Promise.all([
          store.pagesForTab(tabId),
          store.exchangesForTab(tabId),
          this.retentionFor(tabId),
          hostAccessFor(tabId, this.api),
        ]);
        const preserveLog = this.recorder.preserveLog(tabId);
        this.sentAccess.set(this.heldKey(port, tabId), accessKey(access));
        // Very large recordings go out as one snapshot plus upserts, to keep each message moderate.
        safePost(port, {
          type: 'bg>panel:snapshot',
          v: PROTOCOL_VERSION,
          tabId,
          pages,
          exchanges: exchanges.slice(0, SNAPSHOT_CHUNK),
          retention,
          hasHostAccess: access.hasHostAccess,
          ...(access.accessNote ? { accessNote: access.accessNote } : {}),
          preserveLog,
        });
        for (let i = SNAPSHOT_CHUNK; i < exchanges.length; i += SNAPSHOT_CHUNK) {
          safePost(port, { type: 'bg>panel:upsert', v: PROTOCOL_VERSION, tabId, exchanges: exchanges.slice(i, i + SNAPSHOT_CHUNK) });
        }
        // Changes that happened while the snapshot was read go out after it.
        const held = this.held.get(this.heldKey(port, tabId));
        this.held.delete(this.heldKey(port, tabId));
        if (held?.size) safePost(port, { type: 'bg>panel:upsert', v: PROTOCOL_VERSION, tabId, exchanges: [...held.values()] });
        return;
      }
      case 'panel>bg:clear': {
        if (message.tabId === 'all') {
          await store.clearAll();
          for (const tabId of this.subscribers.keys()) this.cleared(tabId);
        } else if (Number.isInteger(message.tabId)) {
          await store.clearTab(message.tabId);
          this.cleared(message.tabId);
          safePost(port, {
            type: 'bg>panel:retention',
            v: PROTOCOL_VERSION,
            tabId: message.tabId,
            retention: await this.retentionFor(message.tabId),
          });
        }
        return;
      }
      case 'panel>bg:set-preserve-log': {
        // As sent, not as typed (isMessage checks `type` and `v` only).
        const wire: { preserve?: unknown } = message;
        if (Number.isInteger(message.tabId)) this.recorder.setPreserveLog(message.tabId, !!wire.preserve);
        return;
      }
      case 'panel>bg:get-jar': {
        try {
          const wire: { url?: unknown } = message; // as sent, not as typed
          const cookies = await this.recorder.jarFor(message.tabId, String(wire.url));
          safePost(port, { type: 'bg>panel:jar', v: PROTOCOL_VERSION, requestId: message.requestId, cookies });
        } catch (err) {
          safePost(port, { type: 'bg>panel:jar', v: PROTOCOL_VERSION, requestId: message.requestId, cookies: [], error: String(err) });
        }
        return;
      }
      case 'panel>bg:delete-cookie': {
        const c = message.cookie;
        try {
          const url = `${c.secure ? 'https' : 'http'}://${c.domain}${c.path || '/'}`;
          const details: Cookies.RemoveDetailsType = { url, name: c.name };
          if (c.partitionKey) details.partitionKey = { topLevelSite: c.partitionKey };
          const removed = await this.api.cookies.remove(details);
          this.recorder.onCookiesChanged();
          safePost(port, { type: 'bg>panel:deleted', v: PROTOCOL_VERSION, requestId: message.requestId, ok: !!removed });
        } catch (err) {
          safePost(port, { type: 'bg>panel:deleted', v: PROTOCOL_VERSION, requestId: message.requestId, ok: false, error: String(err) });
        }
        return;
      }
    }
  }
}

function safePost(port: Runtime.Port, message: BgToPanel): void {
  try {
    port.postMessage(message);
  } catch {
    /* the panel went away */
  }
}

const accessKey = (a: HostAccess) => (a.hasHostAccess ? 'true' : `false:${a.accessNote ?? ''}`);

export interface HostAccess {
  hasHostAccess: boolean;
  /** Why access is impossible (not a missing grant): see the snapshot message in src/shared/protocol.ts. */
  accessNote?: string;
}

/**
 * Can the recorder see the traffic of what this URL shows? Pure (the browser calls are passed in) for the unit tests.
 * Web pages: when host access to the origin is granted (Firefox 127+ and Chrome users can withhold it). Browser
 * pages (chrome://, about:, edge://, view-source:, devtools://), other extensions' pages and the web stores: never,
 * whatever is granted (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns,
 * https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/Match_patterns). file: only with "Allow access
 * to file URLs" (Chrome: extension.isAllowedFileSchemeAccess).
 */
export async function hostAccessForUrl(
  url: string,
  api: { hasOrigin(origin: string): Promise<boolean>; fileAccess(): Promise<boolean | undefined>; ownOrigin: string },
): Promise<HostAccess> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { hasHostAccess: false, accessNote: 'The tab shows no address Cache Lens can read.' };
  }
  if (u.protocol === 'http:' || u.protocol === 'https:') {
    if (PROTECTED_HOSTS.has(u.hostname)) {
      return { hasHostAccess: false, accessNote: `Browsers do not let extensions see the traffic of ${u.hostname}.` };
    }
    return { hasHostAccess: await api.hasOrigin(`${u.origin}/*`) };
  }
  if (u.protocol === 'file:') {
    const allowed = await api.fileAccess();
    if (allowed === false)
      return {
        hasHostAccess: false,
        accessNote: 'Local files are recorded only after "Allow access to file URLs" is switched on in the extension\'s details.',
      };
    return { hasHostAccess: true };
  }
  if (`${u.protocol}//${u.host}` === api.ownOrigin) return { hasHostAccess: true };
  const kind =
    u.protocol === 'chrome-extension:' || u.protocol === 'moz-extension:'
      ? "another extension's page"
      : u.protocol === 'data:' || u.protocol === 'blob:'
        ? `a ${u.protocol} document`
        : `a browser page (${u.protocol})`;
  return {
    hasHostAccess: false,
    accessNote: `This tab shows ${kind}. Browsers do not let extensions see its traffic; open a web page to record it.`,
  };
}

/** Store pages extensions may never read (Chrome Web Store, addons.mozilla.org). */
const PROTECTED_HOSTS = new Set(['chrome.google.com', 'chromewebstore.google.com', 'addons.mozilla.org']);

/** Does the extension see the tab's traffic? (see hostAccessForUrl) */
export async function hostAccessFor(tabId: number, browser: HubApi): Promise<HostAccess> {
  if (tabId < 0) return { hasHostAccess: true };
  try {
    const tab = await browser.tabs.get(tabId);
    const url = tab.url ?? tab.pendingUrl;
    // No URL yet (a tab still starting), or no "tabs" access to it: nothing to say.
    if (!url) return { hasHostAccess: true };
    const extension = browser.extension;
    return await hostAccessForUrl(url, {
      hasOrigin: (origin) => browser.permissions.contains({ origins: [origin] }),
      fileAccess: () => (extension?.isAllowedFileSchemeAccess ? extension.isAllowedFileSchemeAccess() : Promise.resolve(undefined)),
      ownOrigin: new URL(browser.runtime.getURL('')).origin,
    });
  } catch {
    return { hasHostAccess: false };
  }
}

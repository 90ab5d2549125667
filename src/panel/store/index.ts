/**
 * The panel's state: small @preact/signals sub-stores. Components read signals and call actions; nothing here
 * touches the DOM or chrome.*: the connection (../connection.ts) feeds messages in, actions send messages out.
 * Explanations are computed lazily (visible rows, the selected row, or when a filter needs them) and memoized by
 * record id + version, so a snapshot of 10,000 records costs nothing until it is looked at.
 */
import { batch, computed, signal } from '@preact/signals';
import type { BrowserProfile, ExchangeRecord, JarCookie } from '../../core/types';
import type { Explanation } from '../../core/explanation';
import type { BgToPanel, PageRecord, PanelToBg, RetentionStats } from '../../shared/protocol';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { createListStore, type ListItem } from './filters';
import { createSearchStore } from './search';
export { EMPTY_FILTERS, type Filters, type ListItem } from './filters';
import { buildOverview, purposeFor, type OverviewPurpose, type PurposeLookup } from '../cookie-overview';

export type Explainer = (
  x: ExchangeRecord,
  ctx: { browser: BrowserProfile; now: number },
  history?: ExchangeRecord[],
) => Explanation;

export type PanelStatus = 'loading' | 'ready' | 'no-tab' | 'disconnected' | 'imported';
/** What clock an imported HAR is judged at: when it was captured (as the CLI does), or the current time. */
export type JudgeAt = 'capture' | 'now';

/** The moment an imported recording is judged at: the engine's one rule (src/core/har.ts), shared with the CLI. */
import { captureTimeSec } from '../../core/har';
export { captureTimeSec };
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

export interface StoreOptions {
  /** The engine's explain(); may arrive later (setExplainer) since the panel loads the engine as a separate chunk. */
  explain?: Explainer;
  browser?: BrowserProfile;
  send?: (msg: PanelToBg) => void;
  /** Current time in ms (tests pin it). */
  clock?: () => number;
}


export function createStore(opts: StoreOptions) {
  const clock = opts.clock ?? (() => Date.now());
  let send = opts.send ?? (() => {});
  const browser: BrowserProfile = opts.browser ?? 'chrome';

  // ---- connection / meta
  const tabId = signal<number | null>(null);
  const status = signal<PanelStatus>('loading');
  const hasHostAccess = signal(true);
  /** Why access is impossible (browser pages, other extensions, stores); null when granting would fix it. */
  const accessNote = signal<string | null>(null);
  const retention = signal<RetentionStats | null>(null);
  const preserveLog = signal(false);
  const live = signal(true);
  const hideValues = signal(false);
  const theme = signal<'light' | 'dark'>('light');
  /** The wall clock (ms), ticked once a second while the panel is visible (../clock.ts). */
  const nowMs = signal(clock());
  /** For an imported HAR: judge at its capture time (default) or now. Live traffic is always judged now. */
  const judgeAt = signal<JudgeAt>('now');
  /** Capture time of the imported HAR (epoch s), see captureTimeSec. */
  const captureSec = signal<number | null>(null);

  // ---- data
  const pages = signal<PageRecord[]>([]);
  const records = signal<ExchangeRecord[]>([]);
  const byId = new Map<string, ExchangeRecord>();
  const versions = new Map<string, number>();
  /** Upserts received while live updates are paused. */
  const pending = signal<ExchangeRecord[]>([]);

  // ---- UI
  const selectedId = signal<string | null>(null);
  const detailTab = signal<DetailTab>('caching');
  const jar = signal<JarState | null>(null);
  const notice = signal<string | null>(null);
  const view = signal<MainView>('requests');
  /** The engine's cookie-purpose lookup (Open Cookie Database), loaded with the engine chunk. */
  let purposeLookup: PurposeLookup | null = null;
  const purposesReady = signal(false);
  /** The imported HAR's file name, for its banner. */
  const importedName = signal<string | null>(null);

  /**
   * The clock every explanation in the panel is judged at (epoch s, the engine's `now`): the capture time of an
   * imported HAR unless the user switched to "now", otherwise the ticking wall clock. Every cache sentence (lead,
   * list, timeline, next use) is the engine's answer at this one moment.
   */
  const judgedAtSec = computed(() =>
    status.value === 'imported' && judgeAt.value === 'capture' && captureSec.value !== null ? captureSec.value : nowMs.value / 1000,
  );

  // ---- explanations, memoized by id + version + the moment they were judged at
  const memo = new Map<string, { v: number; at: number; e: Explanation | null }>();
  let explainFn: Explainer | null = opts.explain ?? null;
  /** Bumped when the engine arrives, so everything that rendered without explanations renders again. */
  const engineReady = signal(explainFn !== null);
  const byUrl = new Map<string, ExchangeRecord[]>();

  function indexUrl(x: ExchangeRecord) {
    const list = byUrl.get(x.url);
    if (!list) byUrl.set(x.url, [x]);
    else if (!list.includes(x)) {
      const i = list.findIndex((o) => o.id === x.id);
      if (i >= 0) list[i] = x;
      else list.push(x);
    }
  }

  function historyOf(x: ExchangeRecord): ExchangeRecord[] {
    const same = byUrl.get(x.url) ?? [];
    return same.filter((o) => o !== x && o.requestTimeMs <= x.requestTimeMs);
  }

  function runExplain(x: ExchangeRecord, at: number, withJar?: ExchangeRecord['jarSnapshot']): Explanation | null {
    if (!explainFn) return null;
    try {
      return withJar ? explainFn({ ...x, jarSnapshot: withJar }, { browser, now: at }) : explainFn(x, { browser, now: at }, historyOf(x));
    } catch (err) {
      console.warn('cache-lens: explain failed for', x.id, err);
      return null;
    }
  }

  /**
   * The engine's explanation of `x` at the panel's clock (judgedAtSec). Reading it subscribes the caller to that
   * clock, so a rendered row or detail pane is explained again as time passes; only what is rendered is.
   */
  function explainRecord(x: ExchangeRecord): Explanation | null {
    if (!engineReady.value || !explainFn) return null;
    const at = judgedAtSec.value;
    const v = versions.get(x.id) ?? 0;
    const hit = memo.get(x.id);
    if (hit && hit.v === v && hit.at === at) return hit.e;
    const e = runExplain(x, at);
    memo.set(x.id, { v, at, e });
    return e;
  }

  /**
   * For filters over every record: any explanation of the current version will do, whenever it was judged (the
   * filters ask about CDNs, cookies, findings and where a response came from), so 10,000 rows are explained once,
   * not on every tick of the clock. Does not subscribe to the clock.
   */
  function explainForFilter(x: ExchangeRecord): Explanation | null {
    if (!engineReady.value || !explainFn) return null;
    const v = versions.get(x.id) ?? 0;
    const hit = memo.get(x.id);
    if (hit && hit.v === v) return hit.e;
    const at = judgedAtSec.peek();
    const e = runExplain(x, at);
    memo.set(x.id, { v, at, e });
    return e;
  }

  /**
   * The engine's explanation of `x` at another moment (epoch s), e.g. its prediction at the time the next request
   * for the same URL was made. Not memoized: one call per render of the detail pane.
   */
  function explainAt(x: ExchangeRecord, atSec: number): Explanation | null {
    if (!engineReady.value || !explainFn) return null;
    return runExplain(x, atSec);
  }

  function explainById(id: string): Explanation | null {
    const x = byId.get(id);
    return x ? explainRecord(x) : null;
  }

  /**
   * When the recorder took no jar snapshot for an exchange (it neither sent nor set cookies), explain it against the
   * jar as it is now (fetched with panel>bg:get-jar) to answer "which cookies were not sent, and why".
   */
  let jarMemo: { key: string; e: Explanation | null } | null = null;
  function explainAgainstJar(x: ExchangeRecord): Explanation | null {
    const j = jar.value;
    if (!jarOffered.value) return null;
    if (!j || j.loading || j.error || j.url !== x.url || !engineReady.value || !explainFn) return null;
    const at = judgedAtSec.value;
    const key = `${j.requestId}|${x.id}|${versions.get(x.id) ?? 0}|${at}`;
    if (jarMemo?.key === key) return jarMemo.e;
    const e = runExplain(x, at, j.cookies);
    jarMemo = { key, e };
    return e;
  }

  /** Later exchanges of the same URL (to show "what actually happened" and who revalidated this one). */
  function laterSameUrl(x: ExchangeRecord): ExchangeRecord[] {
    return (byUrl.get(x.url) ?? []).filter((o) => o !== x && o.requestTimeMs > x.requestTimeMs);
  }

  // ---- derived
  /**
   * The browser's cookie jar describes the live browser now: offered only for a recorded tab, never for imported HAR
   * traffic (which came from another browser, another time).
   */
  const jarOffered = computed(() => status.value !== 'imported' && tabId.value !== null);

  // ---- filters and the visible list: a sub-store (./filters.ts)
  const list = createListStore({ records, pages, tabId, engineReady, explainForFilter, purposeOf });
  const { filters, query, filtered, items, collapsedPages, cdnScan, cdnNames, knownCdns, resourceTypes, setFilter, togglePage } = list;

  // ---- DevTools' search box: highlights and moves through matches of the visible list (./search.ts)
  const search = createSearchStore({ items, selectedId, hideValues, explainForFilter, purposeOf });

  const selected = computed(() => {
    const id = selectedId.value;
    if (!id) return null;
    // through records (not byId) so an upsert of the selected exchange re-renders the detail
    return records.value.find((x) => x.id === id) ?? null;
  });

  /** Every cookie seen, for the Cookies overview; computed only while that view reads it. */
  const overview = computed(() => {
    if (!engineReady.value) return [];
    void purposesReady.value;
    return buildOverview(records.value, explainForFilter, purposeLookup);
  });

  /** The purpose of a cookie shown outside a Set-Cookie card (sent, not sent, jar). */
  function purposeOf(name: string, domain: string): OverviewPurpose {
    void purposesReady.value;
    return purposeFor(name, null, purposeLookup, { host: domain, domain });
  }

  // ---- mutations
  function resetData() {
    byId.clear();
    versions.clear();
    memo.clear();
    byUrl.clear();
  }

  function setRecords(list: ExchangeRecord[]) {
    resetData();
    for (const x of list) {
      byId.set(x.id, x);
      versions.set(x.id, 0);
      indexUrl(x);
    }
    records.value = list.slice();
  }

  function applyUpserts(list: ExchangeRecord[]) {
    if (list.length === 0) return;
    const next = records.value.slice();
    let appended = false;
    for (const x of list) {
      const old = byId.get(x.id);
      versions.set(x.id, (versions.get(x.id) ?? -1) + 1);
      byId.set(x.id, x);
      indexUrl(x);
      if (old) {
        const i = next.indexOf(old);
        if (i >= 0) next[i] = x;
        // a newer record of the same URL may change older explanations' "what happened next"; they read it live
      } else {
        next.push(x);
        appended = true;
        // a new exchange of a URL can change how later ones of that URL are explained (revalidation link)
        for (const o of byUrl.get(x.url) ?? []) if (o !== x && o.requestTimeMs >= x.requestTimeMs) memo.delete(o.id);
      }
    }
    if (appended) next.sort((a, b) => a.requestTimeMs - b.requestTimeMs);
    records.value = next;
  }

  /** Live recording messages; while an imported HAR is shown they are set aside (see backToLive). */
  const LIVE_TRAFFIC = new Set<BgToPanel['type']>(['bg>panel:snapshot', 'bg>panel:upsert', 'bg>panel:page', 'bg>panel:cleared', 'bg>panel:retention']);

  function receive(msg: BgToPanel) {
    if (msg.v !== PROTOCOL_VERSION) return;
    if ('tabId' in msg && tabId.value !== null && msg.tabId !== tabId.value) return;
    // An imported HAR is shown alone: live traffic neither joins it nor reaches its export. "Back to live" asks the
    // background for a fresh snapshot of the tab.
    if (status.value === 'imported' && LIVE_TRAFFIC.has(msg.type)) return;
    batch(() => {
      switch (msg.type) {
        case 'bg>panel:snapshot':
          setRecords([...msg.exchanges].sort((a, b) => a.requestTimeMs - b.requestTimeMs));
          pages.value = msg.pages;
          retention.value = msg.retention;
          hasHostAccess.value = msg.hasHostAccess;
          accessNote.value = msg.accessNote ?? null;
          preserveLog.value = msg.preserveLog;
          pending.value = [];
          status.value = 'ready';
          break;
        case 'bg>panel:upsert':
          if (live.value) applyUpserts(msg.exchanges);
          else pending.value = [...pending.value, ...msg.exchanges];
          break;
        case 'bg>panel:page': {
          const others = pages.value.filter((p) => p.id !== msg.page.id);
          if (!preserveLog.value && !others.some((p) => p.id === msg.page.id)) {
            // Without "preserve log", a new navigation starts afresh (the background keeps history; we just hide it).
            const keep = records.value.filter((x) => x.pageId === msg.page.id);
            setRecords(keep);
            pages.value = [msg.page];
          } else pages.value = [...others, msg.page];
          break;
        }
        case 'bg>panel:cleared':
          setRecords([]);
          pages.value = [];
          pending.value = [];
          selectedId.value = null;
          break;
        case 'bg>panel:retention':
          retention.value = msg.retention;
          break;
        case 'bg>panel:jar':
          if (jar.value && jar.value.requestId === msg.requestId)
            jar.value = { ...jar.value, loading: false, cookies: msg.cookies, error: msg.error };
          break;
        case 'bg>panel:deleted':
          if (!msg.ok) notice.value = `Could not delete the cookie${msg.error ? `: ${msg.error}` : ''}.`;
          else if (jar.value) requestJar(jar.value.url);
          break;
      }
    });
  }

  let requestSeq = 0;
  function requestJar(url: string) {
    const t = tabId.value;
    const requestId = `jar-${++requestSeq}`;
    if (t === null || !jarOffered.value) {
      jar.value = { url, requestId, loading: false, cookies: [], error: 'No live tab: the jar is only available while recording a tab.' };
      return;
    }
    jar.value = { url, requestId, loading: true, cookies: jar.value?.url === url ? jar.value.cookies : [] };
    send({ type: 'panel>bg:get-jar', v: PROTOCOL_VERSION, tabId: t, url, requestId });
  }

  function deleteCookie(cookie: JarCookie) {
    const t = tabId.value;
    if (t === null || !jarOffered.value) return;
    send({
      type: 'panel>bg:delete-cookie',
      v: PROTOCOL_VERSION,
      tabId: t,
      requestId: `del-${++requestSeq}`,
      cookie: { name: cookie.name, domain: cookie.domain, path: cookie.path, secure: cookie.secure, partitionKey: cookie.partitionKey },
    });
  }

  /** Leave an imported HAR: drop it and ask the background for the tab's recording again. */
  function backToLive() {
    const t = tabId.value;
    batch(() => {
      setRecords([]);
      pages.value = [];
      pending.value = [];
      selectedId.value = null;
      captureSec.value = null;
      judgeAt.value = 'now';
      importedName.value = null;
      status.value = t === null ? 'no-tab' : 'loading';
    });
    if (t !== null) send({ type: 'panel>bg:subscribe', v: PROTOCOL_VERSION, tabId: t });
  }

  function clear() {
    const t = tabId.value;
    // Clearing an imported HAR leaves it; the tab's own recording is untouched.
    if (status.value === 'imported') return backToLive();
    batch(() => {
      setRecords([]);
      pages.value = [];
      pending.value = [];
      selectedId.value = null;
    });
    if (t !== null) send({ type: 'panel>bg:clear', v: PROTOCOL_VERSION, tabId: t });
  }

  function setPreserveLog(on: boolean) {
    preserveLog.value = on;
    const t = tabId.value;
    if (t !== null) send({ type: 'panel>bg:set-preserve-log', v: PROTOCOL_VERSION, tabId: t, preserve: on });
  }

  function setLive(on: boolean) {
    batch(() => {
      live.value = on;
      if (on && pending.value.length) {
        applyUpserts(pending.value);
        pending.value = [];
      }
    });
  }

  function importRecords(list: ExchangeRecord[], importedPages: PageRecord[] = [], name: string | null = null) {
    batch(() => {
      importedName.value = name;
      pending.value = [];
      setRecords([...list].sort((a, b) => a.requestTimeMs - b.requestTimeMs));
      pages.value = importedPages;
      selectedId.value = null;
      status.value = 'imported';
      captureSec.value = captureTimeSec(list);
      judgeAt.value = 'capture';
      jar.value = null;
      jarMemo = null;
      hasHostAccess.value = true;
    });
  }

  /** Move the selection by `delta` exchange rows within the visible list. */
  function moveSelection(delta: number) {
    const list = items.value.filter((i): i is Extract<ListItem, { kind: 'exchange' }> => i.kind === 'exchange');
    if (list.length === 0) return;
    const cur = list.findIndex((i) => i.record.id === selectedId.value);
    const next = cur < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, cur + delta));
    selectedId.value = list[next].record.id;
  }

  return {
    // signals
    tabId, status, hasHostAccess, accessNote, retention, preserveLog, live, hideValues, theme, nowMs, judgeAt, captureSec,
    pages, records, pending, filters, selectedId, detailTab, collapsedPages, jar, notice, importedName, view,
    // derived
    filtered, items, selected, query, cdnNames, cdnScan, resourceTypes, judgedAtSec, jarOffered, overview,
    // queries
    explainRecord, purposeOf, explainById, explainAt, explainAgainstJar, laterSameUrl, knownCdns, getRecord: (id: string) => byId.get(id) ?? null,
    // actions
    receive, requestJar, deleteCookie, clear, backToLive, setPreserveLog, setLive, importRecords, setFilter, togglePage,
    moveSelection,
    search,
    engineReady,
    setExplainer(fn: Explainer) {
      explainFn = fn;
      memo.clear();
      engineReady.value = true;
    },
    setPurposeLookup(fn: PurposeLookup) {
      purposeLookup = fn;
      purposesReady.value = true;
    },
    setSender(fn: (msg: PanelToBg) => void) {
      send = fn;
    },
    select(id: string | null) {
      selectedId.value = id;
    },
    tick() {
      nowMs.value = clock();
    },
  };
}

export type PanelStore = ReturnType<typeof createStore>;

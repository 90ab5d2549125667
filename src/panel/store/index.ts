/**
 * The panel's state, composed of small @preact/signals sub-stores (as preact-devtools does): records, clock,
 * explanations (the memo), filters, groups (the visible list), selection, search, cookie purposes and messages.
 * Components read signals and call actions; nothing here touches the DOM or chrome.*: the connection
 * (../connection.ts) feeds messages in, actions send messages out. Derived values are `computed` from signals;
 * nothing is recomputed by bumping a counter.
 */
import { computed, signal } from '@preact/signals';
import type { BrowserProfile } from '../../core/types';
import type { PanelToBg, RetentionStats } from '../../shared/protocol';
import { createClockStore } from './clock';
import { createRecordStore } from './records';
import { createExplanationStore } from './explanations';
import { createFilterStore } from './filters';
import { createGroupStore } from './groups';
import { createSelectionStore } from './selection';
import { createSearchStore } from './search';
import { createOverviewStore } from './overview';
import { createMessageStore } from './messages';
import type { Explainer, JarState, MainView, PanelStatus } from './types';

export { EMPTY_FILTERS, type Filters } from './filters';
export type { ListItem } from './groups';
export type { Explainer, PanelStatus, DetailTab, MainView, JarState } from './types';
export type { JudgeAt } from './clock';
/** The moment an imported recording is judged at: the engine's one rule (src/core/har.ts), shared with the CLI. */
export { captureTimeSec } from '../../core/har';

export interface StoreOptions {
  /** The engine's explain(); may arrive later (setExplainer) since the panel loads the engine as a separate chunk. */
  explain?: Explainer;
  browser?: BrowserProfile;
  send?: (msg: PanelToBg) => void;
  /** Current time in ms (tests pin it). */
  clock?: () => number;
}

export function createStore(opts: StoreOptions) {
  let send = opts.send ?? (() => {});
  const browser: BrowserProfile = opts.browser ?? 'chrome';

  // ---- connection and switches
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
  const notice = signal<string | null>(null);
  const view = signal<MainView>('requests');
  /** The imported HAR's file name, for its banner. */
  const importedName = signal<string | null>(null);
  const jar = signal<JarState | null>(null);
  /**
   * The browser's cookie jar describes the live browser now: offered only for a recorded tab, never for imported HAR
   * traffic (which came from another browser, another time).
   */
  const jarOffered = computed(() => status.value !== 'imported' && tabId.value !== null);

  // ---- sub-stores
  const clock = createClockStore({ clock: opts.clock ?? (() => Date.now()), status });
  // eslint-disable-next-line prefer-const -- the records store reports to the memo created after it
  let explanations: ReturnType<typeof createExplanationStore>;
  const data = createRecordStore({ onReset: () => explanations.clear(), onStale: (id) => explanations.forget(id) });
  explanations = createExplanationStore({ browser, explain: opts.explain, judgedAtSec: clock.judgedAtSec, data, jar, jarOffered });
  const { engineReady, explainForFilter } = explanations;
  const purposes = createOverviewStore({ records: data.records, engineReady, explainForFilter });
  const filters = createFilterStore({ records: data.records, engineReady, explainForFilter, purposeOf: purposes.purposeOf });
  const groups = createGroupStore({ filtered: filters.filtered, filtering: filters.filtering, pages: data.pages, tabId });
  const selection = createSelectionStore({ records: data.records, items: groups.items });
  // DevTools' search box: highlights and moves through matches of the visible list (./search.ts)
  const search = createSearchStore({
    items: groups.items,
    selectedId: selection.selectedId,
    hideValues,
    explainForFilter,
    purposeOf: purposes.purposeOf,
  });
  const messages = createMessageStore({
    send: () => send,
    data,
    tabId,
    status,
    hasHostAccess,
    accessNote,
    retention,
    preserveLog,
    live,
    notice,
    importedName,
    selectedId: selection.selectedId,
    jar,
    jarOffered,
    judgeAt: clock.judgeAt,
    captureSec: clock.captureSec,
    forgetJar: () => explanations.clear(),
  });

  return {
    // signals
    tabId,
    status,
    hasHostAccess,
    accessNote,
    retention,
    preserveLog,
    live,
    hideValues,
    theme,
    notice,
    importedName,
    view,
    jar,
    nowMs: clock.nowMs,
    judgeAt: clock.judgeAt,
    captureSec: clock.captureSec,
    pages: data.pages,
    records: data.records,
    pending: data.pending,
    filters: filters.filters,
    collapsedPages: groups.collapsedPages,
    cdnScan: filters.cdnScan,
    selectedId: selection.selectedId,
    detailTab: selection.detailTab,
    // derived
    filtered: filters.filtered,
    items: groups.items,
    selected: selection.selected,
    query: filters.query,
    cdnNames: filters.cdnNames,
    resourceTypes: filters.resourceTypes,
    judgedAtSec: clock.judgedAtSec,
    jarOffered,
    overview: purposes.overview,
    engineReady,
    // queries
    explainRecord: explanations.explainRecord,
    explainById: explanations.explainById,
    explainAt: explanations.explainAt,
    explainAgainstJar: explanations.explainAgainstJar,
    laterSameUrl: data.laterSameUrl,
    getRecord: data.getRecord,
    purposeOf: purposes.purposeOf,
    knownCdns: filters.knownCdns,
    // actions
    ...messages,
    setFilter: filters.setFilter,
    togglePage: groups.togglePage,
    moveSelection: selection.moveSelection,
    select: selection.select,
    search,
    setExplainer: explanations.setExplainer,
    setPurposeLookup: purposes.setPurposeLookup,
    setSender(fn: (msg: PanelToBg) => void) {
      send = fn;
    },
    tick: clock.tick,
  };
}

export type PanelStore = ReturnType<typeof createStore>;

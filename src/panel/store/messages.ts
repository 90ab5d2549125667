/**
 * The messages sub-store: what comes in from the background (snapshot, upserts, pages, jar answers) and the actions
 * that change what is shown as a whole (clear, pause, import a HAR, back to live), with what they send out.
 * An imported HAR is shown alone: live snapshots, upserts, page and clear messages are ignored while it is shown, so
 * they neither join it nor reach its export; "back to live" asks the background for a fresh snapshot of the tab.
 */
import { batch, type Signal, type ReadonlySignal } from '@preact/signals';
import type { ExchangeRecord, JarCookie } from '../../core/types';
import type { BgToPanel, PageRecord, PanelToBg, RetentionStats } from '../../shared/protocol';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { captureTimeSec } from '../../core/har';
import type { RecordStore } from './records';
import type { JudgeAt } from './clock';
import type { JarState, PanelStatus } from './types';

export interface MessageDeps {
  send: () => (msg: PanelToBg) => void;
  data: RecordStore;
  tabId: ReadonlySignal<number | null>;
  status: Signal<PanelStatus>;
  hasHostAccess: Signal<boolean>;
  accessNote: Signal<string | null>;
  retention: Signal<RetentionStats | null>;
  preserveLog: Signal<boolean>;
  live: Signal<boolean>;
  notice: Signal<string | null>;
  importedName: Signal<string | null>;
  selectedId: Signal<string | null>;
  jar: Signal<JarState | null>;
  jarOffered: ReadonlySignal<boolean>;
  judgeAt: Signal<JudgeAt>;
  captureSec: Signal<number | null>;
  /** The memo of explanations against the current jar is dropped with the data. */
  forgetJar: () => void;
}

/** Live recording messages; while an imported HAR is shown they are set aside (see backToLive). */
const LIVE_TRAFFIC = new Set<BgToPanel['type']>([
  'bg>panel:snapshot',
  'bg>panel:upsert',
  'bg>panel:page',
  'bg>panel:cleared',
  'bg>panel:retention',
]);

export function createMessageStore(d: MessageDeps) {
  const { data } = d;
  let requestSeq = 0;

  function receive(msg: BgToPanel) {
    // The message crossed a port: it may come from a background of another version, whatever its type says.
    const v: number = msg.v;
    if (v !== PROTOCOL_VERSION) return;
    if ('tabId' in msg && d.tabId.value !== null && msg.tabId !== d.tabId.value) return;
    if (d.status.value === 'imported' && LIVE_TRAFFIC.has(msg.type)) return;
    batch(() => {
      switch (msg.type) {
        case 'bg>panel:snapshot':
          data.setRecords([...msg.exchanges].sort((a, b) => a.requestTimeMs - b.requestTimeMs));
          data.pages.value = msg.pages;
          d.retention.value = msg.retention;
          d.hasHostAccess.value = msg.hasHostAccess;
          d.accessNote.value = msg.accessNote ?? null;
          d.preserveLog.value = msg.preserveLog;
          data.pending.value = [];
          d.status.value = 'ready';
          break;
        case 'bg>panel:upsert':
          if (d.live.value) data.applyUpserts(msg.exchanges);
          else data.pending.value = [...data.pending.value, ...msg.exchanges];
          break;
        case 'bg>panel:page': {
          const others = data.pages.value.filter((p) => p.id !== msg.page.id);
          if (!d.preserveLog.value && !others.some((p) => p.id === msg.page.id)) {
            // Without "preserve log", a new navigation starts afresh (the background keeps history; we just hide it).
            data.setRecords(data.records.value.filter((x) => x.pageId === msg.page.id));
            data.pages.value = [msg.page];
          } else data.pages.value = [...others, msg.page];
          break;
        }
        case 'bg>panel:cleared':
          data.setRecords([]);
          data.pages.value = [];
          data.pending.value = [];
          d.selectedId.value = null;
          break;
        case 'bg>panel:retention':
          d.retention.value = msg.retention;
          break;
        case 'bg>panel:jar':
          if (d.jar.value && d.jar.value.requestId === msg.requestId)
            d.jar.value = { ...d.jar.value, loading: false, cookies: msg.cookies, error: msg.error };
          break;
        case 'bg>panel:deleted':
          if (!msg.ok) d.notice.value = `Could not delete the cookie${msg.error ? `: ${msg.error}` : ''}.`;
          else if (d.jar.value) requestJar(d.jar.value.url);
          break;
      }
    });
  }

  function requestJar(url: string) {
    const t = d.tabId.value;
    const requestId = `jar-${++requestSeq}`;
    if (t === null || !d.jarOffered.value) {
      d.jar.value = { url, requestId, loading: false, cookies: [], error: 'No live tab: the jar is only available while recording a tab.' };
      return;
    }
    d.jar.value = { url, requestId, loading: true, cookies: d.jar.value?.url === url ? d.jar.value.cookies : [] };
    d.send()({ type: 'panel>bg:get-jar', v: PROTOCOL_VERSION, tabId: t, url, requestId });
  }

  function deleteCookie(cookie: JarCookie) {
    const t = d.tabId.value;
    if (t === null || !d.jarOffered.value) return;
    d.send()({
      type: 'panel>bg:delete-cookie',
      v: PROTOCOL_VERSION,
      tabId: t,
      requestId: `del-${++requestSeq}`,
      cookie: { name: cookie.name, domain: cookie.domain, path: cookie.path, secure: cookie.secure, partitionKey: cookie.partitionKey },
    });
  }

  /** Leave an imported HAR: drop it and ask the background for the tab's recording again. */
  function backToLive() {
    const t = d.tabId.value;
    batch(() => {
      data.setRecords([]);
      data.pages.value = [];
      data.pending.value = [];
      d.selectedId.value = null;
      d.captureSec.value = null;
      d.judgeAt.value = 'now';
      d.importedName.value = null;
      d.status.value = t === null ? 'no-tab' : 'loading';
    });
    if (t !== null) d.send()({ type: 'panel>bg:subscribe', v: PROTOCOL_VERSION, tabId: t });
  }

  function clear() {
    const t = d.tabId.value;
    // Clearing an imported HAR leaves it; the tab's own recording is untouched.
    if (d.status.value === 'imported') {
      backToLive();
      return;
    }
    batch(() => {
      data.setRecords([]);
      data.pages.value = [];
      data.pending.value = [];
      d.selectedId.value = null;
    });
    if (t !== null) d.send()({ type: 'panel>bg:clear', v: PROTOCOL_VERSION, tabId: t });
  }

  function setPreserveLog(on: boolean) {
    d.preserveLog.value = on;
    const t = d.tabId.value;
    if (t !== null) d.send()({ type: 'panel>bg:set-preserve-log', v: PROTOCOL_VERSION, tabId: t, preserve: on });
  }

  function setLive(on: boolean) {
    batch(() => {
      d.live.value = on;
      if (on && data.pending.value.length) {
        data.applyUpserts(data.pending.value);
        data.pending.value = [];
      }
    });
  }

  function importRecords(list: ExchangeRecord[], importedPages: PageRecord[] = [], name: string | null = null) {
    batch(() => {
      d.importedName.value = name;
      data.pending.value = [];
      data.setRecords([...list].sort((a, b) => a.requestTimeMs - b.requestTimeMs));
      data.pages.value = importedPages;
      d.selectedId.value = null;
      d.status.value = 'imported';
      d.captureSec.value = captureTimeSec(list);
      d.judgeAt.value = 'capture';
      d.jar.value = null;
      d.forgetJar();
      d.hasHostAccess.value = true;
    });
  }

  return { receive, requestJar, deleteCookie, backToLive, clear, setPreserveLog, setLive, importRecords };
}

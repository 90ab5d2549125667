/** The toolbar popup: the tab's page at a glance. Every value from the page is rendered as text. */
import type { Explanation } from '../core/explanation';
import type { ExchangeRecord } from '../core/types';
import type { PanelStore } from '../panel/store';
import { isPending } from '../panel/format';
import { glanceOf, type Glance } from './glance';

export type PopupState =
  { kind: 'loading' } | { kind: 'empty'; reason: string } | { kind: 'ready'; glance: Glance } | { kind: 'error'; message: string };

export interface PopupProps {
  state: PopupState;
  /** Opens the panel page for this tab in a tab of its own; absent when there is no tab. */
  openPanel?: () => void;
}

const SEVERITY_WORDS = { error: 'Error', warning: 'Warning', info: 'Note', good: 'Good' } as const;

export function Popup({ state, openPanel }: PopupProps) {
  return (
    <div class="popup">
      <h1>Cache Lens</h1>
      {state.kind === 'loading' && <p class="muted">Reading this tab's recording…</p>}
      {state.kind === 'empty' && <p class="muted empty">{state.reason}</p>}
      {state.kind === 'error' && <p class="error">{state.message}</p>}
      {state.kind === 'ready' && <GlanceView g={state.glance} />}
      <p class="how">
        Every request of the page, explained: open DevTools (<kbd>F12</kbd>, or <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>I</kbd>; on a Mac{' '}
        <kbd>⌥</kbd>
        <kbd>⌘</kbd>
        <kbd>I</kbd>) and pick the <strong>Cache Lens</strong> tab.
      </p>
      {openPanel && (
        <button type="button" class="open-panel" onClick={openPanel}>
          Open the panel in a tab
        </button>
      )}
    </div>
  );
}

function GlanceView({ g }: { g: Glance }) {
  const pop = g.pop ? (g.popCity ? `${g.popCity} (${g.pop})` : g.pop) : 'not named';
  return (
    <>
      <p class="page-url" title={g.url}>
        {g.url}
      </p>
      <dl class="facts">
        <dt>CDN</dt>
        <dd class="cdn">{g.cdnName ?? 'none announced'}</dd>
        <dt>Cache status</dt>
        <dd class="status">
          {g.badge.text ? (
            <span class="badge" style={{ backgroundColor: g.badge.color }}>
              {g.badge.text}
            </span>
          ) : (
            'none'
          )}
          {g.rawCacheStatus ? <span class="raw"> {g.rawCacheStatus}</span> : null}
        </dd>
        <dt>PoP</dt>
        <dd class="pop">{pop}</dd>
      </dl>
      <p class="cdn-sentence">{g.cdnSentence}</p>
      <p class="verdict">
        <strong>In the browser:</strong> {g.verdict}
      </p>
      <p class="cookies">
        <strong>Cookies:</strong> {g.requests > 1 ? `the page's ${g.requests} responses set` : 'the document set'}{' '}
        {g.cookiesSet === 0 ? 'no' : g.cookiesSet} cookie
        {g.cookiesSet === 1 ? '' : 's'}
        {g.cookiesSet > 0 ? `, ${g.cookiesRejected} rejected` : ''}.
      </p>
      {g.worst ? (
        <p class={`worst sev-${g.worst.severity}`}>
          <strong>
            {SEVERITY_WORDS[g.worst.severity]}
            {g.worst.where ? ` (${g.worst.where})` : ''}:
          </strong>{' '}
          {g.worst.summary}
          {g.worst.fix ? <span class="fix"> Fix: {g.worst.fix}</span> : null}
        </p>
      ) : (
        <p class="worst none">No findings.</p>
      )}
    </>
  );
}

/** The current page of the tab's recording: its responses and its main document (the last final top-level hop). */
export function currentPage(store: PanelStore): { doc: ExchangeRecord | null; page: ExchangeRecord[] } {
  const pages = store.pages.value;
  const latest = pages.length ? pages.reduce((a, b) => (b.startedMs >= a.startedMs ? b : a)) : null;
  const records = store.records.value;
  const page = (latest ? records.filter((x) => x.pageId === latest.id) : records).filter((x) => !isPending(x));
  const docs = page.filter((x) => x.resourceType === 'main_frame' && !x.redirectUrl);
  return { doc: docs.at(-1) ?? null, page };
}

/**
 * The popup over the panel's store: subscribed to the tab like the panel, it explains the current page's document
 * (and every response of the page for the cookie counts and the worst finding). `fallback`: the main document the
 * badge kept, for a page the recording no longer holds.
 */
export function PopupApp({
  store,
  fallback,
  webPage,
  openPanel,
}: {
  store: PanelStore;
  fallback: ExchangeRecord | null;
  webPage: boolean;
  openPanel?: () => void;
}) {
  return <Popup state={popupState(store, fallback, webPage)} openPanel={openPanel} />;
}

function popupState(store: PanelStore, fallback: ExchangeRecord | null, webPage: boolean): PopupState {
  if (!webPage) return { kind: 'empty', reason: 'Cache Lens records web pages (http and https) only.' };
  const status = store.status.value;
  if (status === 'disconnected')
    return { kind: 'error', message: 'Lost the connection to the extension; close and open this popup again.' };
  if (status === 'loading') return { kind: 'loading' };
  const { doc, page } = currentPage(store);
  if (!doc && !fallback) return { kind: 'empty', reason: 'Nothing recorded for this page yet: reload it to see how it is cached.' };
  if (!store.engineReady.value) return { kind: 'loading' };
  if (doc) {
    const e = store.explainRecord(doc);
    if (!e) return { kind: 'error', message: 'The engine could not explain this page.' };
    const all = page.map((x) => (x === doc ? e : store.explainRecord(x))).filter((x): x is Explanation => x !== null);
    return { kind: 'ready', glance: glanceOf(e, all) };
  }
  const e = store.explainAt(fallback!, store.judgedAtSec.value);
  return e ? { kind: 'ready', glance: glanceOf(e) } : { kind: 'error', message: 'The engine could not explain this page.' };
}

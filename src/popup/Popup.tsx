/** The toolbar popup: the tab's main document at a glance. Every value from the page is rendered as text. */
import type { Glance } from './glance';

export type PopupState =
  | { kind: 'loading' }
  | { kind: 'empty'; reason: string }
  | { kind: 'ready'; glance: Glance }
  | { kind: 'error'; message: string };

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
        <strong>Cookies:</strong> the document set {g.cookiesSet === 0 ? "no" : g.cookiesSet} cookie{g.cookiesSet === 1 ? "" : "s"}
        {g.cookiesSet > 0 ? `, ${g.cookiesRejected} rejected` : ''}.
      </p>
      {g.worst ? (
        <p class={`worst sev-${g.worst.severity}`}>
          <strong>{SEVERITY_WORDS[g.worst.severity]}:</strong> {g.worst.summary}
          {g.worst.fix ? <span class="fix"> Fix: {g.worst.fix}</span> : null}
        </p>
      ) : (
        <p class="worst none">No findings for the document.</p>
      )}
    </>
  );
}

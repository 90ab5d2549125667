/** The panel: toolbar, states, list and detail in a responsive split. */
import { useSignal } from '@preact/signals';
import type { PanelStore } from '../store';
import { Toolbar, type HarActions } from './Toolbar';
import { RequestList } from './RequestList';
import { DetailPane } from './DetailPane';
import { HarBanner } from './HarBanner';
import { RecordingNotice } from './RecordingNotice';
import { CookieOverview } from './CookieOverview';
import { SearchHighlight, SearchStatus } from './SearchHighlight';
import { dateTime } from '../format';
import { storageFullLine } from '../storage-line';

export interface AppProps {
  store: PanelStore;
  har?: HarActions;
  /** Asks for host access to the inspected site (chrome.permissions.request, needs the click's user gesture). */
  requestAccess?: () => void;
}

export function App({ store, har, requestAccess }: AppProps) {
  const dragging = useSignal(false);
  const hasSelection = store.selectedId.value !== null;

  return (
    <div
      class={`app${dragging.value ? ' dragging' : ''}`}
      onDragOver={(e) => {
        if (!har) return;
        e.preventDefault();
        dragging.value = true;
      }}
      onDragLeave={() => (dragging.value = false)}
      onDrop={(e) => {
        dragging.value = false;
        const file = e.dataTransfer?.files[0];
        if (!har || !file) return;
        e.preventDefault();
        har.importFile(file);
      }}
    >
      <Toolbar store={store} har={har} />
      <SearchHighlight store={store} />
      <Banners store={store} requestAccess={requestAccess} />
      {store.view.value === 'cookies' ? (
        <main class="split overview-view">
          <CookieOverview store={store} />
        </main>
      ) : (
        <main class={`split${hasSelection ? ' with-detail' : ''}`}>
          <div class="list-pane">
            <Body store={store} />
          </div>
          {hasSelection && <DetailPane store={store} />}
        </main>
      )}
    </div>
  );
}

function Banners({ store, requestAccess }: { store: PanelStore; requestAccess?: () => void }) {
  const r = store.retention.value;
  const storageLine = storageFullLine(r?.storage);
  return (
    <>
      {!store.hasHostAccess.value && store.accessNote.value && (
        <div class="banner info" role="status">
          Cache Lens cannot record this page: {store.accessNote.value}
        </div>
      )}
      {!store.hasHostAccess.value && !store.accessNote.value && (
        <div class="banner warn" role="alert">
          Cache Lens has no access to this site, so it cannot see its requests. Grant access, then reload the page.{' '}
          {requestAccess && (
            <button type="button" onClick={requestAccess}>
              Grant access to this site
            </button>
          )}
        </div>
      )}
      <HarBanner store={store} />
      <RecordingNotice store={store} />
      <SearchStatus store={store} />
      {r && r.droppedForTab > 0 && (
        <div class="banner info">
          {r.droppedForTab} older request{r.droppedForTab === 1 ? ' was' : 's were'} dropped to stay within the limit of {r.maxPerTab} per
          tab.
        </div>
      )}
      {storageLine ? (
        <div class="banner warn" role="status" data-storage="quota">
          {storageLine}
        </div>
      ) : null}
      {store.notice.value && (
        <div class="banner warn" role="status">
          {store.notice.value}{' '}
          <button type="button" onClick={() => (store.notice.value = null)}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}

/**
 * For imported traffic: the moment every explanation is judged at, and a switch between the capture time (the CLI's
 * default) and now.
 */
export function JudgedAt({ store }: { store: PanelStore }) {
  const capture = store.captureSec.value;
  if (capture === null) return null;
  const atCapture = store.judgeAt.value === 'capture';
  return (
    <span class="judged-at">
      <span>
        Judged at <strong>{dateTime(store.judgedAtSec.value)}</strong>
        {atCapture ? ' (when the last response in the HAR arrived, as npm run explain does)' : ' (now)'}.
      </span>{' '}
      <button type="button" aria-pressed={!atCapture} onClick={() => (store.judgeAt.value = atCapture ? 'now' : 'capture')}>
        {atCapture ? 'Judge at the current time' : 'Judge at capture time'}
      </button>
    </span>
  );
}

function Body({ store }: { store: PanelStore }) {
  const status = store.status.value;
  if (status === 'loading') return <Empty title="Loading the recording…" text="Asking the background for this tab's requests." />;
  if (status === 'no-tab')
    return (
      <Empty
        title="No tab to show"
        text="Open this page from DevTools, or add ?tabId=N to its URL (pop-out mode). You can also drop a HAR file here."
      />
    );
  if (status === 'disconnected')
    return (
      <Empty
        title="Lost the connection to the extension"
        text="The extension was reloaded or updated. Close and reopen DevTools (or this page)."
      />
    );
  if (store.records.value.length === 0)
    return (
      <Empty
        title="No requests recorded yet"
        text={
          status === 'imported'
            ? 'The HAR file held no entries.'
            : 'Reload the page to record its requests, or drop a HAR file here to explain it.'
        }
      />
    );
  if (store.filtered.value.length === 0)
    return <Empty title="No request matches the filters" text="Clear the filter text or pick “All” in the menus above." />;
  return <RequestList store={store} onOpen={() => document.querySelector<HTMLElement>('.tab-panel')?.focus()} />;
}

function Empty({ title, text }: { title: string; text: string }) {
  return (
    <div class="empty" role="status">
      <h2>{title}</h2>
      <p>{text}</p>
    </div>
  );
}

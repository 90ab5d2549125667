/**
 * What the recording of this tab cannot show, said in the panel (issue 10, "never invent"): requests a stopped
 * background worker may have left incomplete, memory-cache hits Chrome reports only to DevTools, and a page loaded
 * before recording began (with a reload). The facts come from the background inside `retention`
 * (RecordingFacts in src/background/store.ts).
 */
import type { PanelStore } from '../store';
import type { RetentionStatus } from '../../background/store';
import { inspectedTabId, reloadInspectedTab } from '../devtools-api';

/** Reloads the inspected tab: through DevTools when the panel is inside it, else the tabs API (pop-out page). */
function reloadTab(tabId: number): void {
  if (reloadInspectedTab(tabId)) return;
  // webextension-polyfill's tabs.reload. Imported here rather than at the top because the polyfill throws when loaded
  // outside an extension, as in this component's unit tests; the page has loaded it already (connection.ts), so the
  // import fetches nothing.
  import('webextension-polyfill')
    .then((ext) => ext.default.tabs.reload(tabId))
    .catch(() => {
      /* the tab is gone */
    });
}

export function RecordingNotice({ store }: { store: PanelStore }) {
  const status: RetentionStatus | null = store.retention.value;
  const facts = status?.recorder;
  const tabId = store.tabId.value;
  if (!facts || tabId === null || store.status.value === 'imported') return null;
  // Inside DevTools the network log is forwarded by definition; a pop-out page relies on what the background saw.
  const inDevtools = inspectedTabId() !== null;
  const lost = facts.lost ?? 0;
  return (
    <>
      {facts.pagePredatesRecording && store.hasHostAccess.value && (
        <div class="banner info" role="status" data-recording="predates">
          This page was loaded before Cache Lens started recording, so its requests are not here.{' '}
          <button type="button" onClick={() => reloadTab(tabId)}>
            Reload to record it
          </button>
        </div>
      )}
      {lost > 0 && (
        <div class="banner warn" role="status" data-recording="lost">
          {lost} request{lost === 1 ? '' : 's'} may be missing or incomplete: the browser stopped Cache Lens's background while{' '}
          {lost === 1 ? 'it was' : 'they were'} under way and did not pass on how {lost === 1 ? 'it' : 'they'} ended (marked "response
          events lost" in the list).
        </div>
      )}
      {facts.memoryCacheHidden && !inDevtools && (
        <div class="banner info" role="status" data-recording="memory-cache">
          Memory-cache hits cannot be seen while DevTools is closed on this tab: Chrome reports them only to DevTools. Open DevTools on the
          tab to record them too.
        </div>
      )}
    </>
  );
}

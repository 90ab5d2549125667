/** The banner over an imported HAR: what is shown, the moment it is judged at, and the way back to live traffic. */
import type { PanelStore } from '../store';
import { JudgedAt } from './App';

export function HarBanner({ store }: { store: PanelStore }) {
  if (store.status.value !== 'imported') return null;
  const name = store.importedName.value;
  const live = store.tabId.value !== null;
  return (
    <div class="banner info har-banner" role="status">
      <span>
        Showing {name ? <strong>{name}</strong> : 'an imported HAR file'} on its own:{' '}
        {live ? "this tab's live requests are kept apart until you go back" : 'no live tab is recorded here'}. Export HAR writes this file's
        requests only.
      </span>{' '}
      <JudgedAt store={store} />{' '}
      {live && (
        <button type="button" onClick={() => store.backToLive()}>
          Back to live traffic
        </button>
      )}
    </div>
  );
}

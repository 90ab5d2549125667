import type { StorageHealth } from '../background/store';

/**
 * The panel's line about a full disk (store.ts StorageHealth), or null when the browser never refused a write. Says
 * only what is known: the first refusal may drop nothing (the store compacts and retries first), and the number kept
 * is the store's cap after a refusal, else its last count.
 */
export function storageFullLine(s: StorageHealth | undefined): string | null {
  if (!s || s.quotaErrors <= 0) return null;
  const dropped =
    s.trimmedForQuota > 0
      ? `the oldest ${s.trimmedForQuota} recorded request${s.trimmedForQuota === 1 ? ' was' : 's were'} dropped to keep recording`
      : 'nothing has been dropped yet, and recording goes on';
  const kept = s.quotaCap ?? s.stored;
  return `The browser's storage for Cache Lens is full: ${dropped}${kept !== undefined ? ` (about ${kept} are kept)` : ''}.`;
}

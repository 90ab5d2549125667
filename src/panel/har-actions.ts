/** HAR import (pick or drop) and export, through the engine's HAR adapter (src/core/har.ts). */
import { HarError, MAX_HAR_BYTES, readHar, toHar } from '../core/har';
import type { PageRecord } from '../shared/protocol';
import type { PanelStore } from './store';
import { download } from './cookie-export';
import { redactRecords } from './redact';

export { MAX_HAR_BYTES };

export function importHarText(store: PanelStore, text: string, name = 'HAR'): void {
  try {
    performance.mark('cache-lens:har-text');
    const har = readHar(text);
    performance.mark('cache-lens:har-parsed');
    const pages: PageRecord[] = har.pages.map((p) => ({
      id: p.id,
      tabId: -1,
      url: p.title || p.id,
      startedMs: p.startedMs ?? 0,
      dropped: 0,
    }));
    store.importRecords(har.records, pages, name);
    store.notice.value = null;
  } catch (err) {
    store.notice.value = err instanceof HarError ? `${name} could not be read: ${err.message}.` : `${name} could not be read.`;
  }
}

export function harActions(store: PanelStore) {
  return {
    importFile(file: File) {
      if (file.size > MAX_HAR_BYTES) {
        store.notice.value = `${file.name} is too large (${Math.round(file.size / 1e6)} MB; the limit is 200 MB).`;
        return;
      }
      file.text().then(
        (text) => importHarText(store, text, file.name),
        () => (store.notice.value = `${file.name} could not be read.`),
      );
    },
    exportHar() {
      // "Hide values" covers the export too: cookie values are masked in the file.
      const har = toHar(store.hideValues.value ? redactRecords(store.records.value) : store.records.value);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      download(`cache-lens-${stamp}.har`, JSON.stringify(har, null, 2));
    },
  };
}

/**
 * The records sub-store: the recording (or imported HAR) as signals, with the indexes the explanations need: a
 * version per record (bumped by each upsert, the memo's key) and the records of each URL (history and "what
 * happened next").
 */
import { signal } from '@preact/signals';
import type { ExchangeRecord } from '../../core/types';
import type { PageRecord } from '../../shared/protocol';

export interface RecordEvents {
  /** Everything was replaced: forget every explanation. */
  onReset(): void;
  /** This record's explanation may have changed (an earlier exchange of its URL arrived). */
  onStale(id: string): void;
}

export function createRecordStore(events: RecordEvents) {
  const pages = signal<PageRecord[]>([]);
  const records = signal<ExchangeRecord[]>([]);
  /** Upserts received while live updates are paused. */
  const pending = signal<ExchangeRecord[]>([]);
  const byId = new Map<string, ExchangeRecord>();
  const versions = new Map<string, number>();
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

  function setRecords(list: ExchangeRecord[]) {
    byId.clear();
    versions.clear();
    byUrl.clear();
    events.onReset();
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
        for (const o of byUrl.get(x.url) ?? []) if (o !== x && o.requestTimeMs >= x.requestTimeMs) events.onStale(o.id);
      }
    }
    if (appended) next.sort((a, b) => a.requestTimeMs - b.requestTimeMs);
    records.value = next;
  }

  return {
    pages,
    records,
    pending,
    setRecords,
    applyUpserts,
    getRecord: (id: string) => byId.get(id) ?? null,
    version: (id: string) => versions.get(id) ?? 0,
    /** Earlier exchanges of the same URL (the engine's history for revalidation links). */
    historyOf: (x: ExchangeRecord) => (byUrl.get(x.url) ?? []).filter((o) => o !== x && o.requestTimeMs <= x.requestTimeMs),
    /** Later exchanges of the same URL (to show "what actually happened" and who revalidated this one). */
    laterSameUrl: (x: ExchangeRecord) => (byUrl.get(x.url) ?? []).filter((o) => o !== x && o.requestTimeMs > x.requestTimeMs),
  };
}

export type RecordStore = ReturnType<typeof createRecordStore>;

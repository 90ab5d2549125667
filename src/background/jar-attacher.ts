/**
 * Gives records the cookie jar they were made against: at before-request from the per-site cache (JarCache), again
 * after a response that set cookies. Which cookie store to read depends on the record's incognito status, which for
 * an unknown tab waits for the tab registry. Dependencies come in, so vitest drives it with a fake JarCache fetcher.
 */
import type { ExchangeRecord } from '../core/types';
import { sendsCookies, setsCookies, type RecorderBrowser } from './adapter';
import type { JarCache, JarReading } from './jar';

export interface JarAttacherDeps {
  jars: JarCache;
  browser: RecorderBrowser;
  /** Is the record's cookie store known yet? (An unknown tab's record waits: see TabRegistry.whenKnown.) */
  storeKnown(record: ExchangeRecord): boolean;
  /** The record changed after it was persisted (a snapshot arrived later). */
  changed(record: ExchangeRecord): void;
}

export class JarAttacher {
  /** Records whose request jar waits for their tab's incognito status (see whenStoreKnown). */
  private readonly waiting = new WeakSet<ExchangeRecord>();

  constructor(private readonly deps: JarAttacherDeps) {}

  /** Chrome's incognito cookie store is "1"; Firefox's private one "firefox-private". */
  cookieStoreFor(record: { incognito?: boolean }): string | undefined {
    if (!record.incognito) return undefined;
    return this.deps.browser === 'firefox' ? 'firefox-private' : '1';
  }

  /**
   * At before-request: the cached reading of the request's site when there is one (synchronous, stamped with the
   * request's time), else the site's one shared reading when it arrives. Only hosts with cookies get a snapshot.
   */
  forRequest(record: ExchangeRecord): void {
    if (!record.url.startsWith('http')) return;
    if (!this.deps.storeKnown(record)) {
      this.waiting.add(record);
      return;
    }
    const store = this.cookieStoreFor(record);
    const cached = this.deps.jars.peek(record.url, record.topLevelUrl, store);
    if (cached) {
      this.apply(record, cached.jar, Math.max(cached.takenMs, record.requestTimeMs));
      return;
    }
    this.deps.jars.get(record.url, record.topLevelUrl, store).then(
      (reading) => {
        if (this.apply(record, reading.jar, Math.max(reading.takenMs, record.requestTimeMs))) this.deps.changed(record);
      },
      () => {},
    );
  }

  /** The record's tab is known now: a request jar that waited for it is taken. */
  storeNowKnown(record: ExchangeRecord): void {
    if (this.waiting.delete(record)) this.forRequest(record);
  }

  /** After a response that set cookies: a reading taken after it, so the new cookies are in it. */
  afterResponse(record: ExchangeRecord): void {
    this.deps.jars.get(record.url, record.topLevelUrl, this.cookieStoreFor(record), Date.now()).then(
      (reading: JarReading) => {
        if (this.apply(record, reading.jar, reading.takenMs, true)) this.deps.changed(record);
      },
      () => {},
    );
  }

  /** Sets the snapshot unless a later one is there already; an empty jar only where cookies went or came. */
  apply(record: ExchangeRecord, jar: JarReading['jar'], atMs: number, force = false): boolean {
    if (!jar.length && !force && !sendsCookies(record) && !setsCookies(record)) return false;
    if (record.jarSnapshot && (record.jarSnapshotMs ?? 0) > atMs) return false;
    record.jarSnapshot = jar;
    record.jarSnapshotMs = atMs;
    return true;
  }
}

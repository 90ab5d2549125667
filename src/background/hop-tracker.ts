/**
 * Per-request hop state: which record each webRequest event belongs to. A request is one record per hop (redirects
 * make new hops); a worker restarted mid-request finds the record again by its deterministic id. Storage and record
 * creation come in, so vitest drives it with fakes.
 */
import type { ExchangeRecord } from '../core/types';
import { exchangeId, type WebRequestDetails } from './adapter';

interface Hop {
  current: ExchangeRecord | null;
  /** Set while the record is being reloaded from IndexedDB after the worker was restarted. */
  loading?: Promise<ExchangeRecord>;
  hop: number;
}

export interface HopDeps {
  /** The session tag of record ids. */
  sessionTag(): string;
  /** A stored record by id (after a worker restart). */
  load(id: string): Promise<ExchangeRecord | undefined>;
  /** A new record from the first event seen for a hop; `late` when that event is not onBeforeRequest. */
  create(id: string, d: WebRequestDetails, late: boolean): ExchangeRecord;
  /** Called with every record the tracker starts following (for the HAR matching list). */
  follow(record: ExchangeRecord): void;
}

/**
 * Requests followed at once, at most. A request whose last event never comes (its worker was stopped, or the browser
 * dropped it) would otherwise stay for the worker's life; past this, the oldest are let go (their records are stored,
 * and the restart sweep or a later event finds them by id).
 */
export const MAX_IN_FLIGHT = 5000;

export class HopTracker {
  private readonly hops = new Map<string, Hop>();

  constructor(private readonly deps: HopDeps) {}

  get size(): number {
    return this.hops.size;
  }

  has(requestId: string): boolean {
    return this.hops.has(requestId);
  }

  /** Ids of the records of requests still in flight in this worker. */
  liveIds(): Set<string> {
    const live = new Set<string>();
    for (const hop of this.hops.values()) if (hop.current) live.add(hop.current.id);
    return live;
  }

  /**
   * onBeforeRequest: a new hop record (`fresh` for the recorder to fill). Returns it, and the previous hop when this
   * is a redirect (`previous` now, or `previousLater` once it is reloaded from storage).
   */
  begin(d: WebRequestDetails): {
    record: ExchangeRecord;
    isNewRequest: boolean;
    previous?: ExchangeRecord;
    previousLater?: Promise<ExchangeRecord>;
  } {
    const previous = this.hops.get(d.requestId);
    const tag = this.deps.sessionTag();
    let hopIndex = 0;
    let id = exchangeId(tag, d.requestId, d.url);
    if (previous) {
      hopIndex = previous.hop + 1;
      if (previous.current?.id === id || previous.current?.url === d.url) id = exchangeId(tag, d.requestId, d.url, hopIndex);
    }
    const record = this.deps.create(id, d, false);
    this.hops.delete(d.requestId);
    this.hops.set(d.requestId, { current: record, hop: hopIndex });
    this.bound();
    this.deps.follow(record);
    return {
      record,
      isNewRequest: !previous,
      ...(previous?.current ? { previous: previous.current } : {}),
      ...(!previous?.current && previous?.loading ? { previousLater: previous.loading } : {}),
    };
  }

  /** Applies `fn` to the request's current hop record, recovering it from storage after a worker restart. */
  with(d: WebRequestDetails, fn: (record: ExchangeRecord) => void): void {
    const hop = this.hops.get(d.requestId);
    if (hop?.current) {
      fn(hop.current);
      return;
    }
    if (hop?.loading) {
      hop.loading = hop.loading.then((r) => (fn(r), r));
      return;
    }
    // The worker was stopped after this request began (or it began before the listeners): find it by its id.
    const id = exchangeId(this.deps.sessionTag(), d.requestId, d.url);
    const entry: Hop = { current: null, hop: 0 };
    entry.loading = this.deps
      .load(id)
      .then(
        (stored) => stored ?? this.deps.create(id, d, true),
        () => this.deps.create(id, d, true),
      )
      .then((record) => {
        if (this.hops.get(d.requestId) === entry) {
          entry.current = record;
          entry.loading = undefined;
        }
        this.deps.follow(record);
        fn(record);
        return record;
      });
    this.hops.set(d.requestId, entry);
    this.bound();
  }

  private bound(): void {
    while (this.hops.size > MAX_IN_FLIGHT) this.hops.delete(this.hops.keys().next().value as string);
  }

  /** Resolves once every record being reloaded (or created late) right now is followed. */
  async settled(): Promise<void> {
    const loading = [...this.hops.values()].map((h) => h.loading).filter((p): p is Promise<ExchangeRecord> => !!p);
    if (loading.length) await Promise.allSettled(loading);
  }

  /** The request is over (completed or failed). */
  end(requestId: string): void {
    this.hops.delete(requestId);
  }
}

/**
 * The explanation memo: the engine's explain() of a record, memoized by record id + version + the moment it was
 * judged at. Explanations are computed lazily (visible rows, the selected row, or when a filter needs them), so a
 * snapshot of 10,000 records costs nothing until it is looked at. The engine arrives later (a separate chunk):
 * `explainFn` is a signal, so everything that rendered without it renders again when it comes.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BrowserProfile, ExchangeRecord } from '../../core/types';
import type { Explanation } from '../../core/explanation';
import type { RecordStore } from './records';
import type { Explainer, JarState } from './types';

export interface ExplanationDeps {
  browser: BrowserProfile;
  explain?: Explainer;
  judgedAtSec: ReadonlySignal<number>;
  data: Pick<RecordStore, 'version' | 'historyOf' | 'getRecord'>;
  jar: ReadonlySignal<JarState | null>;
  jarOffered: ReadonlySignal<boolean>;
}

export function createExplanationStore({ browser, explain, judgedAtSec, data, jar, jarOffered }: ExplanationDeps) {
  const explainFn = signal<Explainer | null>(explain ?? null);
  const engineReady = computed(() => explainFn.value !== null);
  const memo = new Map<string, { v: number; at: number; e: Explanation | null }>();

  function run(x: ExchangeRecord, at: number, withJar?: ExchangeRecord['jarSnapshot']): Explanation | null {
    const fn = explainFn.value;
    if (!fn) return null;
    try {
      return withJar ? fn({ ...x, jarSnapshot: withJar }, { browser, now: at }) : fn(x, { browser, now: at }, data.historyOf(x));
    } catch (err) {
      console.warn('cache-lens: explain failed for', x.id, err);
      return null;
    }
  }

  /**
   * The engine's explanation of `x` at the panel's clock (judgedAtSec). Reading it subscribes the caller to that
   * clock, so a rendered row or detail pane is explained again as time passes; only what is rendered is.
   */
  function explainRecord(x: ExchangeRecord): Explanation | null {
    if (!explainFn.value) return null;
    const at = judgedAtSec.value;
    const v = data.version(x.id);
    const hit = memo.get(x.id);
    if (hit && hit.v === v && hit.at === at) return hit.e;
    const e = run(x, at);
    memo.set(x.id, { v, at, e });
    return e;
  }

  /**
   * For filters over every record: any explanation of the current version will do, whenever it was judged (the
   * filters ask about CDNs, cookies, findings and where a response came from), so 10,000 rows are explained once,
   * not on every tick of the clock. Does not subscribe to the clock.
   */
  function explainForFilter(x: ExchangeRecord): Explanation | null {
    if (!explainFn.value) return null;
    const v = data.version(x.id);
    const hit = memo.get(x.id);
    if (hit && hit.v === v) return hit.e;
    const at = judgedAtSec.peek();
    const e = run(x, at);
    memo.set(x.id, { v, at, e });
    return e;
  }

  /** At another moment (epoch s), e.g. the prediction when the next request for the URL was made. Not memoized. */
  function explainAt(x: ExchangeRecord, atSec: number): Explanation | null {
    return explainFn.value ? run(x, atSec) : null;
  }

  /**
   * When the recorder took no jar snapshot for an exchange (it neither sent nor set cookies), explain it against the
   * jar as it is now (fetched with panel>bg:get-jar) to answer "which cookies were not sent, and why".
   */
  let jarMemo: { key: string; e: Explanation | null } | null = null;
  function explainAgainstJar(x: ExchangeRecord): Explanation | null {
    const j = jar.value;
    if (!jarOffered.value) return null;
    if (!j || j.loading || j.error || j.url !== x.url || !explainFn.value) return null;
    const at = judgedAtSec.value;
    const key = `${j.requestId}|${x.id}|${data.version(x.id)}|${at}`;
    if (jarMemo?.key === key) return jarMemo.e;
    const e = run(x, at, j.cookies);
    jarMemo = { key, e };
    return e;
  }

  return {
    engineReady,
    explainRecord,
    explainForFilter,
    explainAt,
    explainAgainstJar,
    explainById: (id: string): Explanation | null => {
      const x = data.getRecord(id);
      return x ? explainRecord(x) : null;
    },
    setExplainer: (fn: Explainer) => {
      memo.clear();
      explainFn.value = fn;
    },
    /** Forget everything (new records, or an imported HAR). */
    clear() {
      memo.clear();
      jarMemo = null;
    },
    forget: (id: string) => void memo.delete(id),
  };
}

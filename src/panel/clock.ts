/**
 * The panel's one clock. Ticks store.nowMs once a second while the panel is visible (a hidden DevTools panel or a
 * background tab costs nothing) and once at once when it becomes visible again. Every explanation on screen is
 * judged at store.judgedAtSec, which follows this clock for live traffic, so the lead sentence, the list and the
 * timeline move on together. Rows that are not rendered are not explained again (see store.explainRecord).
 */
export interface ClockTarget {
  tick(): void;
}

export interface VisibilitySource {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', fn: () => void): void;
  removeEventListener(type: 'visibilitychange', fn: () => void): void;
}

export const TICK_MS = 1000;

/** Starts ticking; returns a function that stops it. */
export function startPanelClock(store: ClockTarget, doc: VisibilitySource, every = TICK_MS): () => void {
  let timer: ReturnType<typeof setInterval> | null = null;
  const sync = () => {
    if (doc.visibilityState === 'visible') {
      store.tick();
      if (timer === null) timer = setInterval(() => store.tick(), every);
    } else if (timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
  doc.addEventListener('visibilitychange', sync);
  sync();
  return () => {
    doc.removeEventListener('visibilitychange', sync);
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
}

/**
 * The clock sub-store: the one moment every explanation in the panel is judged at. Live traffic is judged at the
 * wall clock (`nowMs`, ticked once a second while the panel is visible by ../clock.ts); an imported HAR at its
 * capture time unless the user switched to now.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { PanelStatus } from './types';

/** What clock an imported HAR is judged at: when it was captured (as the CLI does), or the current time. */
export type JudgeAt = 'capture' | 'now';

export function createClockStore({ clock, status }: { clock: () => number; status: ReadonlySignal<PanelStatus> }) {
  const nowMs = signal(clock());
  /** For an imported HAR: judge at its capture time (default) or now. Live traffic is always judged now. */
  const judgeAt = signal<JudgeAt>('now');
  /** Capture time of the imported HAR (epoch s), see captureTimeSec. */
  const captureSec = signal<number | null>(null);
  /** The engine's `now` (epoch s) for every cache sentence on screen. */
  const judgedAtSec = computed(() =>
    status.value === 'imported' && judgeAt.value === 'capture' && captureSec.value !== null ? captureSec.value : nowMs.value / 1000,
  );
  return {
    nowMs,
    judgeAt,
    captureSec,
    judgedAtSec,
    tick: () => {
      nowMs.value = clock();
    },
  };
}

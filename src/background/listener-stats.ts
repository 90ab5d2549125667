/** Background time per event, measured with performance.now() around each listener body (for bench/recorder.ts). */
const CAPACITY = 1 << 16;

export class ListenerStats {
  private readonly samples = new Float64Array(CAPACITY);
  private count = 0;
  /** Calls per event name. */
  private readonly counts = new Map<string, number>();
  /** Total listener time per event name (ms). */
  private readonly totals = new Map<string, number>();

  record(event: string, ms: number): void {
    this.samples[this.count % CAPACITY] = ms;
    this.count++;
    this.counts.set(event, (this.counts.get(event) ?? 0) + 1);
    this.totals.set(event, (this.totals.get(event) ?? 0) + ms);
  }

  reset(): void {
    this.count = 0;
    this.counts.clear();
    this.totals.clear();
  }

  summary(): {
    events: number;
    medianMs: number;
    p99Ms: number;
    maxMs: number;
    meanMs: number;
    totalMs: number;
    perEvent: Record<string, number>;
    perEventMs: Record<string, number>;
  } {
    const n = Math.min(this.count, CAPACITY);
    const sorted = Array.from(this.samples.subarray(0, n)).sort((a, b) => a - b);
    const at = (q: number) => (n ? sorted[Math.min(n - 1, Math.floor(q * (n - 1)))]! : 0); // index in [0, n - 1]
    const sum = sorted.reduce((a, b) => a + b, 0);
    return {
      events: this.count,
      medianMs: at(0.5),
      p99Ms: at(0.99),
      maxMs: n ? sorted[n - 1]! : 0,
      meanMs: n ? sum / n : 0,
      totalMs: sum,
      perEvent: Object.fromEntries(this.counts),
      perEventMs: Object.fromEntries(this.totals),
    };
  }
}

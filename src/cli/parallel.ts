/**
 * One HAR explained by two threads: the main thread and one worker (the same cli.js, started as a worker) each read
 * the file's bytes from shared memory into the same records, then take chunks of entries from a shared counter until
 * none are left. The worker hands each chunk back as finished UTF-8 bytes (transferred, not copied) with the
 * chunk's totals; the main thread writes chunks in entry order and adds up the totals in that order, so the output
 * and the exit code are those of one thread explaining every entry in turn. For the formats whose entries are written
 * without state (json, text), and whole files (streamed files keep one thread: the memory of two record sets).
 */
import { availableParallelism, loadavg } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { BrowserProfile, ExchangeRecord, Severity } from '../core/types';
import { explainAt, historyIndex, selectFindings, urlMatcher, type Area } from '../lib/explain-har';
import type { Format } from './args';
import { reporter, type FileHead, type Reporter } from './formats';
import { harFromBytes } from './input';
import { OutBuffer } from './json-out';
import { addEntry, mergeStats, newFileStats, newStats, type FileStats, type RunStats } from './stats';

/** Entries per chunk: small enough that the two threads finish close together, large enough to cost little. */
export const CHUNK = 128;
/** Whole files from this size get the second thread (below it, the worker is ready only when most work is done). */
export const PARALLEL_ABOVE_BYTES = 16 * 1024 * 1024;
const PART_BYTES = 1 << 20;

/** What both threads explain with. */
export interface ExplainJob {
  file: string;
  format: Format;
  quiet: boolean;
  failOn: Severity | null;
  version: string;
  browser: BrowserProfile;
  only: Area[] | null;
  url: string[];
  /** Entries per chunk (default CHUNK). */
  chunk?: number;
}

interface WorkerData {
  cacheLensExplain: true;
  job: ExplainJob;
  bytes: SharedArrayBuffer;
  counter: SharedArrayBuffer;
  port: MessagePort;
}

/** One chunk of entries, written: `parts` start with the entry separator when the chunk is not empty. */
export interface ChunkResult {
  chunk: number;
  parts: Uint8Array[];
  empty: boolean;
  stats: RunStats;
  fileStats: FileStats;
}

/**
 * Whether a second thread can help: a second core that other work leaves idle (the one-minute load average below the
 * number of cores less one). The worker reads the whole file again and warms up its own copy of the engine, about 60%
 * more CPU time in all; only an idle core turns that into a shorter run. On a busy 2-core machine (load 11 to 17)
 * two threads took 2.71 s of CPU against 1.69 s and ran longer.
 */
export function canRunParallel(): boolean {
  const cores = availableParallelism();
  return cores >= 2 && loadavg()[0]! < cores - 1;
}

class Explainer {
  private readonly history: (i: number) => readonly ExchangeRecord[];
  private readonly match: ((url: string) => boolean) | null;
  readonly rep: Reporter;
  readonly chunks: number;
  readonly size: number;

  constructor(
    private readonly job: ExplainJob,
    private readonly records: readonly ExchangeRecord[],
    private readonly head: FileHead,
  ) {
    this.history = historyIndex(records);
    this.match = urlMatcher(job.url);
    this.rep = reporter(job.format, { quiet: job.quiet, failOn: job.failOn, version: job.version });
    this.size = job.chunk && job.chunk > 0 ? Math.floor(job.chunk) : CHUNK;
    this.chunks = Math.ceil(records.length / this.size);
  }

  run(chunk: number): ChunkResult {
    const { job, rep, head } = this;
    const parts: Uint8Array[] = [];
    const out = new OutBuffer((b) => void parts.push(b), !!rep.rawJson, PART_BYTES);
    const stats = newStats();
    const fileStats = newFileStats(job.file);
    const sep = rep.entrySep ?? '';
    const ctx = { browser: job.browser, now: head.now };
    let empty = true;
    const to = Math.min(this.records.length, (chunk + 1) * this.size);
    for (let i = chunk * this.size; i < to; i++) {
      const raw = explainAt(this.records, i, ctx, this.history);
      if (this.match && !this.match(raw.url)) continue;
      const e = selectFindings(raw, job.only);
      addEntry(stats, fileStats, e, i, e.findings, job.failOn);
      void out.add(sep);
      void out.add(rep.entry(head, e, i));
      empty = false;
    }
    void out.flush();
    return { chunk, parts, empty, stats, fileStats };
  }
}

/** The worker's side: called by bin.ts when cli.js starts as a worker with this data. */
export function isExplainWorker(data: unknown): data is WorkerData {
  return typeof data === 'object' && data !== null && (data as WorkerData).cacheLensExplain;
}

/** Slots of the shared control array. */
const NEXT_CHUNK = 0;
const BYTES = 1; // 0 not yet, 1 ready, 2 never (the main thread gave up)
const HEAD = 2; // 1 once the head (with the judging moment) is posted

export function runExplainWorker(data: WorkerData): void {
  const { port } = data;
  const ctl = new Int32Array(data.counter);
  // The bytes are there once the main thread says so; the judging moment comes once it has read them itself.
  Atomics.wait(ctl, BYTES, 0);
  if (Atomics.load(ctl, BYTES) !== 1) {
    port.close();
    return;
  }
  const har = harFromBytes(new Uint8Array(data.bytes));
  Atomics.wait(ctl, HEAD, 0);
  const msg = receiveMessageOnPort(port);
  if (!msg) {
    port.close();
    return;
  }
  const { head } = msg.message as { head: FileHead };
  const ex = new Explainer(data.job, har.records, head);
  for (;;) {
    const c = Atomics.add(ctl, NEXT_CHUNK, 1);
    if (c >= ex.chunks) break;
    const r = ex.run(c);
    const transfer = new Set<ArrayBuffer>();
    for (const p of r.parts) if (p.byteOffset === 0 && p.buffer.byteLength >= PART_BYTES) transfer.add(p.buffer as ArrayBuffer);
    port.postMessage(r, [...transfer]);
  }
  port.close();
}

/** The main thread's side of one file: started before the file is read, so the worker boots meanwhile. */
export class ParallelFile {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly ctl: Int32Array;
  private gone = false;

  constructor(
    script: URL | string,
    private readonly job: ExplainJob,
    bytes: SharedArrayBuffer,
  ) {
    const { port1, port2 } = new MessageChannel();
    const counter = new SharedArrayBuffer(16);
    this.ctl = new Int32Array(counter);
    this.port = port1;
    const data: WorkerData = { cacheLensExplain: true, job, bytes, counter, port: port2 };
    this.worker = new Worker(script, { workerData: data, transferList: [port2], stdout: false, stderr: false });
    this.worker.unref();
    this.worker.on('error', () => undefined); // a worker that fails leaves its chunks to the main thread
    this.worker.once('exit', () => {
      this.gone = true;
    });
  }

  /** The bytes are ready to read (false: they will not be; the worker stops). */
  go(ready: boolean): void {
    Atomics.store(this.ctl, BYTES, ready ? 1 : 2);
    Atomics.notify(this.ctl, BYTES);
    if (!ready) this.stop();
  }

  stop(): void {
    // a worker still waiting for bytes or the head wakes and leaves
    Atomics.store(this.ctl, NEXT_CHUNK, 0x3fffffff);
    if (Atomics.load(this.ctl, BYTES) === 0) Atomics.store(this.ctl, BYTES, 2);
    Atomics.store(this.ctl, HEAD, 1);
    Atomics.notify(this.ctl, BYTES);
    Atomics.notify(this.ctl, HEAD);
    this.port.close();
    void this.worker.terminate();
  }

  /**
   * Explains every entry with the worker, handing each chunk's bytes to `write` in entry order, and adding up the
   * totals as addEntry would have. `wrote` says whether an entry of this file is already out (none is: the head only).
   */
  async explain(
    records: readonly ExchangeRecord[],
    head: FileHead,
    stats: RunStats,
    fs: FileStats,
    write: (b: Uint8Array) => void | Promise<void>,
    progress?: (done: number, total: number) => void,
  ): Promise<void> {
    this.port.postMessage({ head: { ...head, lineOf: undefined } });
    Atomics.store(this.ctl, HEAD, 1);
    Atomics.notify(this.ctl, HEAD);
    const ex = new Explainer(this.job, records, head);
    const sepBytes = Buffer.byteLength(ex.rep.entrySep ?? '');
    const done = new Map<number, ChunkResult>();
    let next = 0;
    let wrote = false;
    const take = () => {
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const r = m.message as ChunkResult;
        done.set(r.chunk, r);
      }
    };
    const writeReady = async () => {
      for (let r = done.get(next); r; r = done.get(next)) {
        done.delete(next);
        next++;
        mergeStats(stats, fs, r.stats, r.fileStats);
        if (r.empty) continue;
        for (let k = 0; k < r.parts.length; k++) {
          let p = r.parts[k]!;
          if (k === 0 && !wrote) p = p.subarray(sepBytes);
          if (p.length) await write(p);
        }
        wrote = true;
        progress?.(Math.min(records.length, next * ex.size), records.length);
      }
    };
    try {
      for (;;) {
        const c = Atomics.add(this.ctl, NEXT_CHUNK, 1);
        if (c >= ex.chunks) break;
        done.set(c, ex.run(c));
        take();
        await writeReady();
      }
      // the chunks the worker took
      while (next < ex.chunks) {
        take();
        await writeReady();
        if (next >= ex.chunks) break;
        if (this.gone) {
          take();
          for (let c = next; c < ex.chunks; c++) if (!done.has(c)) done.set(c, ex.run(c));
          continue;
        }
        await new Promise((r) => setTimeout(r, 1));
      }
    } finally {
      this.stop();
    }
  }
}

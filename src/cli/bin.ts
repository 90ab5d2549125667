/**
 * The `cache-lens` executable: runs the CLI against the real process (stdout with backpressure, exit code). Started
 * as a worker by itself (parallel.ts), it explains its share of a big HAR instead.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { isExplainWorker, runExplainWorker } from './parallel';
import { runCli } from './run';

function out(text: string | Uint8Array): void | Promise<void> {
  if (process.stdout.write(text)) return;
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}

if (!isMainThread && isExplainWorker(workerData)) runExplainWorker(workerData);
else main();

function main(): void {
  // A reader that closes the pipe early (`cache-lens big.har | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

  const streamAbove = Number(process.env.CACHE_LENS_STREAM_ABOVE);
  // CACHE_LENS_THREADS=1: one thread for everything; =2: a second thread for every big json or text file even on a
  // busy machine (by default only when a core is idle: parallel.ts);
  // CACHE_LENS_PARALLEL_ABOVE: from how many bytes a file gets the second thread; CACHE_LENS_CHUNK: entries per
  // chunk of work (tests lower both)
  const oneThread = process.env.CACHE_LENS_THREADS === '1';
  const parallelAbove = Number(process.env.CACHE_LENS_PARALLEL_ABOVE);
  const chunk = Number(process.env.CACHE_LENS_CHUNK);
  // isTTY is undefined (not false) on a pipe
  const errIsTTY = process.stderr.isTTY === true; // eslint-disable-line @typescript-eslint/no-unnecessary-boolean-literal-compare
  runCli(
    process.argv.slice(2),
    { out, outBytes: out, err: (t) => void process.stderr.write(t), errIsTTY, stdin: process.stdin },
    {
      streamAbove: Number.isFinite(streamAbove) && streamAbove >= 0 ? streamAbove : undefined,
      worker: oneThread ? undefined : new URL(import.meta.url),
      forceParallel: process.env.CACHE_LENS_THREADS === '2',
      parallelAbove: Number.isFinite(parallelAbove) && parallelAbove >= 0 ? parallelAbove : undefined,
      chunk: Number.isFinite(chunk) && chunk >= 1 ? chunk : undefined,
    },
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`cache-lens: internal error: ${String((e as Error)?.message ?? e).replace(/[^\x20-\x7e]/g, '?')}\n`);
      process.exitCode = 1;
    },
  );
}

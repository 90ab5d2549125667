/**
 * The `cache-lens` executable: runs the CLI against the real process (stdout with backpressure, exit code). Started
 * as a worker by itself (parallel.ts), it explains its share of a big HAR instead.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { isExplainWorker, runExplainWorker } from './parallel';
import { errorText, runCli } from './run';

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
  // One thread unless CACHE_LENS_THREADS=2 (a second thread for every big json or text file): measured on a 2-core
  // machine with a core idle, two threads took 1.26-1.33 s against 0.98-1.08 s on the 10,500-entry bench HAR (the
  // worker reads the file again and warms its own engine: parallel.ts), so they stay opt-in until a machine shows a gain;
  // CACHE_LENS_PARALLEL_ABOVE: from how many bytes a file gets the second thread; CACHE_LENS_CHUNK: entries per
  // chunk of work (tests lower both)
  const twoThreads = process.env.CACHE_LENS_THREADS === '2';
  const parallelAbove = Number(process.env.CACHE_LENS_PARALLEL_ABOVE);
  const chunk = Number(process.env.CACHE_LENS_CHUNK);
  // isTTY is undefined (not false) on a pipe
  const errIsTTY = process.stderr.isTTY === true; // eslint-disable-line @typescript-eslint/no-unnecessary-boolean-literal-compare
  runCli(
    process.argv.slice(2),
    { out, outBytes: out, err: (t) => void process.stderr.write(t), errIsTTY, stdin: process.stdin },
    {
      streamAbove: Number.isFinite(streamAbove) && streamAbove >= 0 ? streamAbove : undefined,
      worker: twoThreads ? new URL(import.meta.url) : undefined,
      forceParallel: twoThreads,
      parallelAbove: Number.isFinite(parallelAbove) && parallelAbove >= 0 ? parallelAbove : undefined,
      chunk: Number.isFinite(chunk) && chunk >= 1 ? chunk : undefined,
    },
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`cache-lens: internal error: ${errorText(e).replace(/[^\x20-\x7e]/g, '?')}\n`);
      process.exitCode = 1;
    },
  );
}

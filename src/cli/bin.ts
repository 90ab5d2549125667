/** The `cache-lens` executable: runs the CLI against the real process (stdout with backpressure, exit code). */
import { runCli } from './run';

function out(text: string): void | Promise<void> {
  if (process.stdout.write(text)) return;
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}

// A reader that closes the pipe early (`cache-lens big.har | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const streamAbove = Number(process.env.CACHE_LENS_STREAM_ABOVE);
// isTTY is undefined (not false) on a pipe
const errIsTTY = process.stderr.isTTY === true; // eslint-disable-line @typescript-eslint/no-unnecessary-boolean-literal-compare
runCli(
  process.argv.slice(2),
  { out, err: (t) => void process.stderr.write(t), errIsTTY, stdin: process.stdin },
  {
    streamAbove: Number.isFinite(streamAbove) && streamAbove >= 0 ? streamAbove : undefined,
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

/**
 * npm run explain -- <file.har | glob>... [--json | --format f] [--now <ISO date>] [--browser chrome|firefox|rfc] ...
 *
 * The `cache-lens` command (src/cli/) run from a clone through tsx; every option of `cache-lens --help` works here.
 * Messages start with "explain:". The JSON (`--json`) is the documented envelope, one per file and line
 * (docs/explanation-schema.md). Exit codes: 0 explained; 1 internal error; 2 bad input or usage; 3 --fail-on.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MAX_HAR_BYTES } from '../src/core/har';
import { CLI_SCHEMA } from '../src/lib/explain-har';
import { parseArgs, parseNow, UsageError, HELP } from '../src/cli/args';
import { runCli as run, type CliIo } from '../src/cli/run';
import { duration, entryText } from '../src/cli/text';

export { CLI_SCHEMA, duration, entryText, HELP, MAX_HAR_BYTES, parseArgs, parseNow, UsageError, type CliIo };

export const USAGE =
  'usage: npm run explain -- <file.har | glob>... [--json | --format text|json|markdown|sarif|junit|github] [--now <ISO date>] [--browser chrome|firefox|rfc] [--only areas] [--url pattern] [--fail-on error|warning|info|good] [--quiet]';

export function runCli(argv: string[], io: CliIo): Promise<number> {
  return run(argv, io, { program: 'explain', usage: USAGE });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  // `npm run -s explain -- f.har --json | head` closing the pipe early is not an error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  // isTTY is undefined (not false) on a pipe or a file, whatever process.stderr's type says
  const isTTY = (stream: { isTTY?: boolean }) => stream.isTTY === true;
  void runCli(process.argv.slice(2), {
    out: (t) => (process.stdout.write(t) ? undefined : new Promise<void>((r) => process.stdout.once('drain', () => r()))),
    err: (t) => void process.stderr.write(t),
    errIsTTY: isTTY(process.stderr),
    stdin: process.stdin,
  }).then((code) => {
    process.exitCode = code;
  });
}

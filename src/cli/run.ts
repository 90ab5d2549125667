/**
 * `cache-lens` (and `npm run explain`): explains every entry of HAR files and writes one of six formats.
 * Exit codes: 0 explained; 1 internal error; 2 bad input or usage (one line on stderr per problem, no stack; other
 * files are still explained); 3 with --fail-on when a finding is at or above that severity. 1 wins over 2, 2 over 3.
 */
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { version as PACKAGE_VERSION } from '../../package.json';
import { HarError } from '../core/har';
import { explainRecords, judgingMoment, selectFindings, urlMatcher } from '../lib/explain-har';
import { HELP, parseArgs, UsageError, type CliOptions } from './args';
import { reporter, type FileHead } from './formats';
import { expandArgs, harFromBytes, readHarChunks, readHarFile, readInto, STREAM_ABOVE_BYTES, statOrThrow, type ReadResult } from './input';
import { OutBuffer } from './json-out';
import { canRunParallel, PARALLEL_ABOVE_BYTES, ParallelFile, type ExplainJob } from './parallel';
import { clean, cleanBlock } from './sanitize';
import { addEntry, newFileStats, newStats } from './stats';

export const VERSION: string = PACKAGE_VERSION;

export interface CliIo {
  /** May return a promise (stdout backpressure): the run waits for it before writing more. */
  out(text: string): void | Promise<void>;
  /** The same as out(), as UTF-8 bytes (each a whole UTF-8 text): used instead of out() when given. */
  outBytes?(bytes: Uint8Array): void | Promise<void>;
  err(text: string): void;
  /** stderr is a terminal: a progress line is shown for large files. */
  errIsTTY?: boolean;
  cwd?: string;
  /** Standard input, read when a file is named `-`. */
  stdin?: AsyncIterable<Uint8Array>;
}

export interface RunOptions {
  /** Name at the start of every stderr line. */
  program?: string;
  /** Files above this many bytes are streamed (tests lower it). */
  streamAbove?: number;
  /** Usage line shown on usage errors. */
  usage?: string;
  /** Files from this many bytes get a progress line when stderr is a terminal (tests lower it). */
  progressAbove?: number;
  /**
   * The script of a second thread (cli.js itself, see bin.ts): whole json and text files from `parallelAbove` bytes
   * are explained by this thread and a worker together (parallel.ts). Without it, one thread does everything.
   */
  worker?: URL | string;
  /** Default PARALLEL_ABOVE_BYTES (tests lower it). */
  parallelAbove?: number;
  /** Two threads whenever a file qualifies, however busy the machine is (tests). */
  forceParallel?: boolean;
  /** Entries per chunk of the two threads (default parallel.ts's CHUNK; tests lower it). */
  chunk?: number;
}

const PROGRESS_ABOVE = 16 * 1024 * 1024;
/** Output goes out in buffers of this many bytes (fewer, larger writes). */
const FLUSH_AT = 1 << 20;

/** A relative URI reference for a path (SARIF artifactLocation.uri): forward slashes, each segment percent-encoded. */
export function fileUri(file: string, cwd: string): string {
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || resolve(cwd, rel) !== abs) return pathToFileURL(abs).href;
  return rel
    .split(sep)
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** What was thrown, as text: its message when it has one (an Error), else the value itself. */
export function errorText(e: unknown): string {
  const message = e === null || e === undefined ? undefined : (e as { message?: unknown }).message;
  return String(message ?? e);
}

export async function runCli(argv: readonly string[], io: CliIo, ro: RunOptions = {}): Promise<number> {
  const program = ro.program ?? 'cache-lens';
  const cwd = io.cwd ?? process.cwd();
  // Every line on stderr is sanitised: file names and parser messages can carry page bytes.
  const err = (text: string) => {
    io.err(`${program}: ${cleanBlock(text).replace(/\n(?!$)/g, '\n  ')}${text.endsWith('\n') ? '' : '\n'}`);
  };
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(e.message);
      if (/^(no HAR file|unknown option)/.test(e.message))
        io.err(`${ro.usage ?? 'usage: cache-lens [options] <file.har | glob>...  (cache-lens --help)'}\n`);
      return 2;
    }
    err(`internal error: ${errorText(e)}`);
    return 1;
  }
  if (opts.help) {
    await io.out(HELP);
    return 0;
  }
  if (opts.version) {
    await io.out(`${VERSION}\n`);
    return 0;
  }

  const rep = reporter(opts.format, { quiet: opts.quiet, failOn: opts.failOn, version: VERSION });
  const sink = io.outBytes
    ? (b: Uint8Array) => io.outBytes!(b)
    : (b: Uint8Array) => io.out(Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8'));
  const out = new OutBuffer(sink, !!rep.rawJson, FLUSH_AT);
  const write = (s: string): void | Promise<void> => out.add(s);
  /** Bytes already made safe (a chunk from parallel.ts): after what is held. */
  const writeBytes = async (b: Uint8Array) => {
    await out.flush();
    await sink(b);
  };
  const flush = () => out.flush();

  const stats = newStats();
  const match = urlMatcher(opts.url);
  let code = 0;
  const showProgress = !!io.errIsTTY && !opts.quiet;
  const progressAbove = ro.progressAbove ?? PROGRESS_ABOVE;
  try {
    await write(rep.start());
    for (const { file, error } of expandArgs(opts.files, cwd)) {
      if (error) {
        err(error);
        stats.badFiles++;
        await write(rep.fileError(file, error));
        code = Math.max(code, 2);
        continue;
      }
      try {
        let lastShown = 0;
        const progress = showProgress
          ? (done: number, total: number) => {
              const t = Date.now();
              if (total < progressAbove || t - lastShown < 200) return;
              lastShown = t;
              io.err(
                `\r${program}: reading ${clean(file, 60)} ${Math.floor((done / total) * 100)}% of ${Math.round(total / 1048576)} MB\x1b[K`,
              );
            }
          : undefined;
        if (file === '-' && !io.stdin) throw new UsageError('-: no standard input here');
        const wantLines = opts.format === 'sarif' || opts.format === 'github';
        const abs = resolve(cwd, file);
        // json and text of a whole file big enough: this thread and a worker (parallel.ts), reading shared bytes
        let par = null as ParallelFile | null; // set by readWithWorker (a closure): not narrowed to null
        const readWithWorker = (): (ReadResult & { lines?: undefined }) | null => {
          if (!ro.worker || !rep.stateless || wantLines) return null;
          const size = statOrThrow(abs);
          if (
            size > (ro.streamAbove ?? STREAM_ABOVE_BYTES) ||
            size < (ro.parallelAbove ?? PARALLEL_ABOVE_BYTES) ||
            !(ro.forceParallel || canRunParallel())
          )
            return null;
          const shared = new SharedArrayBuffer(size);
          const job: ExplainJob = {
            file,
            format: opts.format,
            quiet: opts.quiet,
            failOn: opts.failOn,
            version: VERSION,
            browser: opts.browser,
            only: opts.only,
            url: opts.url,
            chunk: ro.chunk,
          };
          let p: ParallelFile;
          try {
            p = new ParallelFile(ro.worker, job, shared);
          } catch {
            return null; // no worker to be had: one thread
          }
          let ok = false;
          try {
            ok = readInto(abs, shared);
          } finally {
            p.go(ok);
          }
          if (!ok) return null;
          try {
            const har = harFromBytes(new Uint8Array(shared));
            par = p;
            return { har, bytes: size, streamed: false };
          } catch (e) {
            p.stop();
            throw e;
          }
        };
        const { har, bytes, lines } = await (
          file === '-'
            ? readHarChunks(io.stdin!, 'standard input').then((r) => ({ ...r, bytes: 0 }))
            : Promise.resolve()
                .then(readWithWorker)
                .then((r) => r ?? readHarFile(abs, { streamAbove: ro.streamAbove, progress, lines: wantLines }))
        ).catch((e: unknown) => {
          // name the file as given, not as resolved
          if (e instanceof UsageError) throw new UsageError(e.message.replace(resolve(cwd, file), file));
          throw e;
        });
        const { now, source } = judgingMoment(har.records, opts.now);
        const lineOf = (exchangeId: string): number | null => {
          const m = /^har-(\d+)$/.exec(exchangeId);
          return (m && lines?.[Number(m[1])]) || null;
        };
        const head: FileHead = {
          file,
          uri: fileUri(file, cwd),
          creator: har.creator,
          now,
          nowSource: source,
          browser: opts.browser,
          records: har.records.length,
          lineOf,
        };
        await write(rep.fileStart(head));
        const fs = newFileStats(file);
        const total = har.records.length;
        const explaining = (index: number) => {
          io.err(`\r${program}: explaining ${clean(file, 60)} ${index}/${total}\x1b[K`);
        };
        if (par !== null) {
          const shown = showProgress && bytes >= progressAbove ? explaining : undefined;
          await par.explain(
            har.records,
            head,
            stats,
            fs,
            writeBytes,
            shown &&
              ((done) => {
                shown(done);
              }),
          );
        } else {
          const sep = rep.entrySep ?? '';
          let first = true;
          let i = 0;
          for (const raw of explainRecords(har.records, { browser: opts.browser, now })) {
            const index = i++;
            if (showProgress && bytes >= progressAbove && index % 500 === 0) explaining(index);
            if (match && !match(raw.url)) continue;
            const e = selectFindings(raw, opts.only);
            addEntry(stats, fs, e, index, e.findings, opts.failOn);
            if (!first && sep) {
              const w = write(sep);
              if (w) await w;
            }
            first = false;
            const w = write(rep.entry(head, e, index));
            if (w) await w;
          }
        }
        if (showProgress && bytes >= progressAbove) io.err('\r\x1b[K');
        stats.files.push(fs);
        await write(rep.fileEnd(head, fs));
      } catch (e) {
        if (!(e instanceof UsageError || e instanceof HarError)) throw e;
        const message = e instanceof HarError ? `${file}: ${e.message}` : e.message;
        err(message);
        stats.badFiles++;
        await write(rep.fileError(file, message));
        code = Math.max(code, 2);
      }
    }
    await write(rep.end(stats));
    await flush();
  } catch (e) {
    await Promise.resolve()
      .then(flush)
      .catch(() => undefined);
    err(`internal error: ${errorText(e)}`);
    return 1;
  }
  if (opts.failOn && stats.failing > 0 && code === 0) {
    if (!opts.quiet) err(`${stats.failing} finding(s) at severity ${opts.failOn} or worse (--fail-on ${opts.failOn})`);
    code = 3;
  }
  return code;
}

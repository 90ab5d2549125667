/** Finding the HAR files named on the command line (globs included) and reading them: whole or as a stream. */
import { closeSync, createReadStream, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HarError, HarRecordBuilder, readHar, type HarImport } from '../core/har';
import { checkRecordTimes, decodeHarBytes, sniffBom } from '../lib/explain-har';
import { HarStreamParser } from '../lib/har-stream';
import { UsageError } from './args';

/**
 * Files up to this size are read whole and parsed with one JSON.parse (fastest); larger ones stream, entry by entry,
 * holding one entry at a time plus the records (no bodies). 150 MB was the old refusal limit.
 */
export const STREAM_ABOVE_BYTES = 64 * 1024 * 1024;

const GLOB_CHARS = /[*?[]/;

function segmentRegex(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        const body = seg.slice(i + 1, end).replace(/\\/g, '\\\\');
        re += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/**
 * Expands one glob (`*`, `?`, `[abc]` within a path segment, `**` for any depth). Hidden entries are matched only by
 * a pattern that names the dot. Sorted, so output order does not depend on the file system.
 */
export function expandGlob(pattern: string, cwd = process.cwd()): string[] {
  const norm = pattern.replace(/\\/g, '/');
  const absolute = norm.startsWith('/');
  const parts = norm.split('/').filter((p, i) => p !== '' || i === 0);
  let base = absolute ? '/' : cwd;
  let i = absolute ? 1 : 0;
  const fixed: string[] = [];
  for (let part = parts[i]; part !== undefined && !GLOB_CHARS.test(part); part = parts[++i]) fixed.push(part);
  if (i >= parts.length) return [norm];
  base = resolve(base, ...fixed);
  const prefix = fixed.length ? `${absolute ? '/' : ''}${fixed.join('/')}/` : absolute ? '/' : '';
  const out: string[] = [];
  const rest = parts.slice(i);
  const walk = (dir: string, rel: string, k: number, depth: number): void => {
    if (depth > 64) return;
    if (k === rest.length) {
      out.push(rel.replace(/\/$/, ''));
      return;
    }
    const seg = rest[k]!; // k < rest.length (returned above when equal)
    let names: Array<{ name: string; dir: boolean }>;
    try {
      names = readdirSync(dir, { withFileTypes: true }).map((d) => ({
        name: d.name,
        dir: d.isDirectory() || (d.isSymbolicLink() && isDir(join(dir, d.name))),
      }));
    } catch {
      return;
    }
    if (seg === '**') {
      walk(dir, rel, k + 1, depth + 1);
      for (const d of names)
        if (d.dir && !d.name.startsWith('.') && d.name !== 'node_modules') walk(join(dir, d.name), `${rel}${d.name}/`, k, depth + 1);
      return;
    }
    const re = segmentRegex(seg);
    for (const d of names) {
      if (d.name.startsWith('.') && !seg.startsWith('.')) continue;
      if (!re.test(d.name)) continue;
      if (k < rest.length - 1 && !d.dir) continue;
      walk(join(dir, d.name), `${rel}${d.name}${k < rest.length - 1 ? '/' : ''}`, k + 1, depth + 1);
    }
  };
  walk(base, prefix, 0, 0);
  return [...new Set(out)].sort();
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Each argument as files: a glob that matches nothing is a usage error, a plain name passes through. */
export function expandArgs(args: readonly string[], cwd = process.cwd()): Array<{ file: string; error?: string }> {
  const out: Array<{ file: string; error?: string }> = [];
  for (const a of args) {
    if (!GLOB_CHARS.test(a) || existsPlain(resolve(cwd, a))) {
      out.push({ file: a });
      continue;
    }
    const found = expandGlob(a, cwd).filter((f) => !isDir(resolve(cwd, f)));
    if (found.length === 0) out.push({ file: a, error: `${a}: no file matches this pattern` });
    else for (const f of found) out.push({ file: f });
  }
  return out;
}

function existsPlain(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

export interface ReadProgress {
  (done: number, total: number): void;
}

export interface ReadResult {
  har: HarImport;
  bytes: number;
  streamed: boolean;
  /** The 1-based line of each entry in the file, by entry index (streamed reads only). */
  lines?: number[];
}

/** The size of a HAR file to read; UsageError when it cannot be read (as readHarFile says it). */
export function statOrThrow(file: string): number {
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new UsageError(`${file} is a folder, not a HAR file`);
    return st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read it (${code ?? (e as Error).message})`);
  }
}

/** Reads and adapts one HAR. Throws UsageError (cannot read) or HarError (not a HAR); both mean exit 2. */
export async function readHarFile(
  file: string,
  opts: { streamAbove?: number; progress?: ReadProgress; lines?: boolean } = {},
): Promise<ReadResult> {
  const size = statOrThrow(file);
  // the streaming reader also says where each entry is (SARIF and annotations point at the line)
  const streamAbove = opts.lines ? -1 : (opts.streamAbove ?? STREAM_ABOVE_BYTES);
  let har: HarImport;
  let lines: number[] | undefined;
  if (size <= streamAbove) {
    let buf: Buffer;
    try {
      buf = readFileSync(file);
    } catch (e) {
      throw new UsageError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    har = readHar(decodeHarBytes(buf));
  } else {
    ({ har, lines } = await streamHar(file, size, opts.progress));
  }
  checkRecordTimes(har.records);
  return { har, bytes: size, streamed: size > streamAbove, lines };
}

/** HAR bytes (a whole file) as a HAR, as readHarFile reads a file it does not stream. */
export function harFromBytes(bytes: Uint8Array): HarImport {
  const har = readHar(decodeHarBytes(bytes));
  checkRecordTimes(har.records);
  return har;
}

/**
 * A whole file read into shared memory (another thread reads the same bytes), as many bytes as statOrThrow found.
 * False when the file no longer has that size (the caller reads it the ordinary way).
 */
export function readInto(file: string, shared: SharedArrayBuffer): boolean {
  const view = new Uint8Array(shared);
  const size = view.length;
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    let done = 0;
    while (done < size) {
      const n = readSync(fd, view, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    return done === size && readSync(fd, new Uint8Array(1), 0, 1, size) === 0;
  } catch (e) {
    throw new UsageError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

async function streamHar(file: string, size: number, progress?: ReadProgress): Promise<{ har: HarImport; lines: number[] }> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    return await readHarChunks(stream as AsyncIterable<Buffer>, file, size, progress);
  } finally {
    stream.destroy();
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One copy of each repeated string that a record keeps (header names and values, URL, method, page id, ...). JSON.parse
 * makes a new string for every value in the file, so the records of a big HAR would otherwise hold the same
 * "Cache-Control" or "Thu, 01 Jan 2026 ..." thousands of times: most of what a streamed read keeps. Bounded: strings up
 * to 512 characters, and the pool starts over when it holds 200,000 (strings shared until then stay shared).
 */
export class StringPool {
  private pool = new Map<string, string>();

  one(s: string): string {
    if (s.length > 512) return s;
    const had = this.pool.get(s);
    if (had !== undefined) return had;
    if (this.pool.size >= 200_000) this.pool = new Map();
    this.pool.set(s, s);
    return s;
  }

  private field(o: Obj, k: string): void {
    const v = o[k];
    if (typeof v === 'string') o[k] = this.one(v);
  }

  private headers(list: unknown): void {
    if (!Array.isArray(list)) return;
    for (const h of list) {
      if (!isObj(h)) continue;
      this.field(h, 'name');
      this.field(h, 'value');
    }
  }

  /** Shares the strings of a parsed HAR entry that its record keeps (in place; the values stay equal). */
  entry(e: unknown): void {
    if (!isObj(e)) return;
    for (const k of ['pageref', 'serverIPAddress', '_ip_addr', '_resourceType']) this.field(e, k);
    const req = e.request;
    if (isObj(req)) {
      for (const k of ['url', 'method', 'httpVersion']) this.field(req, k);
      this.headers(req.headers);
    }
    const res = e.response;
    if (isObj(res)) {
      for (const k of ['statusText', 'httpVersion', 'redirectURL']) this.field(res, k);
      this.headers(res.headers);
    }
  }
}

/** A HAR from any byte stream (a file, standard input), one entry at a time. */
export async function readHarChunks(
  chunks: AsyncIterable<Uint8Array>,
  name: string,
  size = 0,
  progress?: ReadProgress,
): Promise<{ har: HarImport; lines: number[] }> {
  // Each entry becomes its record as soon as it is parsed, and the entry goes: the records (headers and times, no
  // bodies) are all that is held. The first bad entry is remembered and reported once the whole text has been read,
  // so a broken file still gets the parser's message first, as when every entry was adapted at the end.
  const builder = new HarRecordBuilder();
  let badEntry: unknown = null;
  const lines: number[] = [];
  const strings = new StringPool();
  const parser = new HarStreamParser(
    (e, _i, line) => {
      lines.push(line);
      if (badEntry !== null) return;
      try {
        strings.entry(e);
        builder.add(e);
      } catch (error) {
        badEntry = error;
      }
    },
    { whole: true },
  );
  let decoder: TextDecoder | null = null;
  let done = 0;
  let head: Uint8Array = new Uint8Array(0);
  try {
    for await (const chunk of chunks) {
      let bytes: Uint8Array = chunk;
      if (!decoder) {
        // the BOM may be split over the first chunks of a pipe
        head = head.length ? Uint8Array.from([...head, ...bytes]) : bytes;
        if (head.length < 3) continue;
        const { encoding, bom } = sniffBom(head);
        decoder = new TextDecoder(encoding, { ignoreBOM: true });
        bytes = head.subarray(bom);
      }
      parser.push(decoder.decode(bytes, { stream: true }));
      done += chunk.length;
      if (size) progress?.(done, size);
    }
    if (!decoder) {
      const { encoding, bom } = sniffBom(head);
      decoder = new TextDecoder(encoding, { ignoreBOM: true });
      parser.push(decoder.decode(head.subarray(bom), { stream: true }));
    }
    parser.push(decoder.decode());
  } catch (e) {
    if (e instanceof HarError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${name}: cannot read it (${code ?? (e as Error).message})`);
  }
  const { log } = parser.end();
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the parser threw, as it was
  if (badEntry !== null) throw badEntry;
  const har = builder.finish(log);
  checkRecordTimes(har.records);
  return { har, lines };
}

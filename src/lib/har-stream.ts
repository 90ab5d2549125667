/**
 * A HAR read piece by piece: text goes in in chunks of any size, each element of `log.entries` comes out as a
 * parsed object as soon as its closing bracket arrives, and nothing else of the file is kept. Memory is bounded by
 * the largest single entry (plus the small `log` fields: version, creator, pages), not by the file, so a 1 GB
 * capture full of response bodies reads in a fraction of its size. Pure: no Node or DOM APIs.
 *
 * The scanner only tracks structure (objects, arrays, strings, escapes); each entry's text is checked and decoded
 * by JSON.parse, so an entry is read exactly as a whole-file JSON.parse would read it. Strings are skipped with a
 * native regex search rather than character by character, which is where the bytes of a HAR are (bodies, headers).
 */
import { HarError } from '../core/har';

type Frame = { array: boolean; key: string | null; expectKey: boolean };

/**
 * The vendor (`_`) fields the HAR adapter (src/core/har.ts) reads: a streamed entry keeps these and drops the other
 * vendor fields. WebPageTest writes about sixty per entry (`_full_url`, `_url`, `_host`, `_score_*`, timings again),
 * which would otherwise be a third of what a big HAR keeps in memory. A test in har-stream.test.ts reads the
 * adapter's source and fails when it reads a field missing here, so adding one there cannot silently lose it here.
 */
export const ADAPTER_VENDOR_FIELDS: ReadonlySet<string> = new Set([
  '_cacheLensSource',
  '_fromCache',
  '_resourceType',
  '_initiator',
  '_initiator_type',
  '_ip_addr',
  '_fetchedViaServiceWorker',
  '_error',
]);

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A copy of `o` without the dropped keys. Copying (rather than `delete`) keeps V8's compact object layout: an object
 * that loses properties by `delete` turns into a slower, larger dictionary, which on 100,000 entries costs more
 * memory than the fields saved.
 */
function copyWithout(o: Rec, drop: (k: string) => boolean, edit?: Record<string, (v: unknown) => unknown>): Rec {
  const out: Rec = {};
  for (const k of Object.keys(o)) {
    if (k === '__proto__' || drop(k)) continue;
    const v = o[k];
    const change = edit && Object.hasOwn(edit, k) ? edit[k] : undefined;
    out[k] = change ? change(v) : v;
  }
  return out;
}

const vendor = (k: string) => k.charCodeAt(0) === 0x5f && !ADAPTER_VENDOR_FIELDS.has(k);
const REQUEST_DROP = new Set(['postData', 'queryString', 'cookies']);
const RESPONSE_DROP = new Set(['cookies']);

/**
 * What a streamed entry keeps: everything the adapter reads. Bodies (response.content.text, request.postData),
 * cookie and query-string arrays (the adapter reads the headers they come from) and the vendor fields it does not
 * read go as soon as the entry is parsed.
 */
export function slimEntry(entry: unknown): unknown {
  if (!isRec(entry)) return entry;
  return copyWithout(entry, vendor, {
    request: (req) => (isRec(req) ? copyWithout(req, (k) => REQUEST_DROP.has(k) || vendor(k)) : req),
    response: (res) =>
      isRec(res)
        ? copyWithout(res, (k) => RESPONSE_DROP.has(k) || vendor(k), {
            content: (c) => (isRec(c) ? copyWithout(c, (k) => k === 'text') : c),
          })
        : res,
  });
}

export interface HarStreamResult {
  /** The `log` object with everything but entries (version, creator, pages, ...). */
  log: Record<string, unknown>;
  entries: number;
}

const STRING_STOP = /["\\]/g;
const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

export class HarStreamParser {
  private buf = '';
  private pos = 0;
  private stack: Frame[] = [];
  private inString = false;
  private stringStart = -1;
  /** Where the value being captured starts in buf, and at which depth it started; -1 when none. */
  private captureStart = -1;
  private captureDepth = -1;
  private captureIsEntry = false;
  private inLiteral = false;
  private literalStart = -1;
  private sawRoot = false;
  private sawLog = false;
  private sawEntries = false;
  private done = false;
  private count = 0;
  private readonly log: Record<string, unknown> = {};
  /** Characters consumed before buf[0], for messages. */
  private offset = 0;

  /** Characters held right now (the unfinished entry, at most): what bounds the parser's memory. */
  get buffered(): number {
    return this.buf.length;
  }

  /** Newlines counted so far, up to buf[lineScan]: gives each entry its line in the file (SARIF regions). */
  private lines = 0;
  private lineScan = 0;
  private entryLine = 1;

  /**
   * `line`: the 1-based line of the file where the entry's opening brace is. `options.whole`: hand each entry on as
   * parsed, without the slimmed copy (for a caller that adapts it at once and keeps nothing of it, as the CLI does).
   */
  constructor(
    private readonly onEntry: (entry: unknown, index: number, line: number) => void,
    private readonly options: { whole?: boolean } = {},
  ) {}

  /** Counts newlines up to buf[to]. */
  private countLines(to: number): void {
    let i = this.buf.indexOf('\n', this.lineScan);
    while (i >= 0 && i < to) {
      this.lines++;
      i = this.buf.indexOf('\n', i + 1);
    }
    this.lineScan = to;
  }

  push(chunk: string): void {
    if (this.done) {
      if (/\S/.test(chunk)) throw new HarError('not JSON: unexpected text after the end of the HAR');
      return;
    }
    this.buf += chunk;
    this.scan();
    this.compact();
  }

  end(): HarStreamResult {
    if (this.inLiteral && this.stack.length === 0) this.finishLiteral();
    if (!this.sawRoot) throw new HarError('not JSON: the input is empty');
    if (!this.done) throw new HarError('not JSON: the file ends in the middle of the HAR (truncated?)');
    if (!this.sawLog) throw new HarError('not a HAR: there is no "log" object');
    if (!this.sawEntries) throw new HarError('not a HAR: there is no log.entries array');
    return { log: this.log, entries: this.count };
  }

  private compact(): void {
    let keep = this.pos;
    if (this.captureStart >= 0) keep = Math.min(keep, this.captureStart);
    if (this.inString && this.stringStart >= 0 && this.keyNeeded()) keep = Math.min(keep, this.stringStart);
    if (this.inLiteral) keep = Math.min(keep, this.literalStart);
    if (keep > 0) {
      if (this.lineScan < keep) this.countLines(keep);
      this.lineScan -= keep;
      this.buf = this.buf.slice(keep);
      this.offset += keep;
      this.pos -= keep;
      if (this.captureStart >= 0) this.captureStart -= keep;
      if (this.stringStart >= 0) this.stringStart -= keep;
      if (this.literalStart >= 0) this.literalStart -= keep;
    }
  }

  /** Keys of the root and the log object are read; all other strings are only skipped. */
  private keyNeeded(): boolean {
    const top = this.stack[this.stack.length - 1];
    return !!top && !top.array && top.expectKey && this.stack.length <= 2 && this.captureStart < 0;
  }

  private bad(what: string): never {
    throw new HarError(`not JSON: ${what} at character ${this.offset + this.pos}`);
  }

  private scan(): void {
    const buf = this.buf;
    const n = buf.length;
    while (this.pos < n) {
      if (this.inString) {
        STRING_STOP.lastIndex = this.pos;
        let found = false;
        for (;;) {
          const m = STRING_STOP.exec(buf);
          if (!m) break;
          const i = m.index;
          if (buf.charCodeAt(i) === 0x5c) {
            if (i + 1 >= n) {
              this.pos = i; // resume at the backslash once the next chunk arrives
              return;
            }
            STRING_STOP.lastIndex = i + 2;
            continue;
          }
          this.pos = i + 1;
          found = true;
          break;
        }
        if (!found) {
          this.pos = n;
          return;
        }
        this.inString = false;
        this.endString();
        continue;
      }
      if (this.inLiteral) {
        let i = this.pos;
        while (i < n) {
          const c = buf.charCodeAt(i);
          if (c === 0x2c || c === 0x7d || c === 0x5d || WS.has(c)) break;
          i++;
        }
        if (i >= n) {
          this.pos = n;
          return;
        }
        this.pos = i;
        this.finishLiteral();
        continue;
      }
      const c = buf.charCodeAt(this.pos);
      if (WS.has(c)) {
        this.pos++;
        continue;
      }
      if (this.done) this.bad('unexpected text after the end of the HAR');
      const top = this.stack[this.stack.length - 1];
      if (c === 0x22) {
        // a string: a key or a value
        if (top && !top.array && !top.expectKey && !this.valueExpectedAfterColon) this.bad('a string where a ":" or "," belongs');
        if (!(top && !top.array && top.expectKey)) this.beginValue();
        this.valueExpectedAfterColon = false;
        this.inString = true;
        this.stringStart = this.pos;
        this.pos++;
        continue;
      }
      if (c === 0x3a) {
        // ':' after a key
        if (!top || top.array || !this.afterKey) this.bad('an unexpected ":"');
        this.afterKey = false;
        this.valueExpectedAfterColon = true;
        top.expectKey = false;
        this.pos++;
        continue;
      }
      if (c === 0x2c) {
        if (!top) this.bad('an unexpected ","');
        if (!top.array) top.expectKey = true;
        this.valueExpectedAfterColon = false;
        this.pos++;
        continue;
      }
      if (c === 0x7b || c === 0x5b) {
        this.beginValue();
        this.valueExpectedAfterColon = false;
        this.stack.push({ array: c === 0x5b, key: null, expectKey: c === 0x7b });
        this.pos++;
        continue;
      }
      if (c === 0x7d || c === 0x5d) {
        if (!top || top.array !== (c === 0x5d)) this.bad(`an unexpected "${String.fromCharCode(c)}"`);
        this.stack.pop();
        this.pos++;
        this.endValue();
        continue;
      }
      // number, true, false, null
      this.beginValue();
      this.valueExpectedAfterColon = false;
      this.inLiteral = true;
      this.literalStart = this.pos;
    }
  }

  private afterKey = false;
  private valueExpectedAfterColon = false;

  /** A value starts at this.pos at depth stack.length: decide what it is to us. */
  private beginValue(): void {
    const depth = this.stack.length;
    if (this.captureStart >= 0) return;
    if (depth === 0) {
      if (this.sawRoot) this.bad('unexpected text after the end of the HAR');
      this.sawRoot = true;
      if (this.buf.charCodeAt(this.pos) !== 0x7b) throw new HarError('not a HAR: the top level is not a JSON object');
      return;
    }
    const top = this.stack[depth - 1]!; // depth = stack.length > 0
    if (depth === 1 && top.key === 'log') {
      if (this.buf.charCodeAt(this.pos) !== 0x7b) throw new HarError('not a HAR: there is no "log" object');
      this.sawLog = true;
      return;
    }
    if (depth === 2 && this.inLog() && top.key === 'entries') {
      if (this.buf.charCodeAt(this.pos) !== 0x5b) throw new HarError('not a HAR: there is no log.entries array');
      this.sawEntries = true;
      return;
    }
    if (depth === 2 && this.inLog()) {
      this.startCapture(false);
      return;
    }
    if (depth === 3 && this.inEntries()) this.startCapture(true);
  }

  private inLog(): boolean {
    const [root, log] = this.stack;
    return root !== undefined && log !== undefined && root.key === 'log' && !log.array;
  }

  private inEntries(): boolean {
    const [, log, entries] = this.stack;
    return log !== undefined && entries !== undefined && this.inLog() && log.key === 'entries' && entries.array;
  }

  private startCapture(entry: boolean): void {
    if (entry) {
      this.countLines(this.pos);
      this.entryLine = this.lines + 1;
    }
    this.captureStart = this.pos;
    this.captureDepth = this.stack.length;
    this.captureIsEntry = entry;
  }

  private endString(): void {
    const top = this.stack[this.stack.length - 1];
    if (top && !top.array && top.expectKey && this.captureStart < 0) {
      // a key of the root or log object (or deeper, skipped)
      if (this.stack.length <= 2) {
        try {
          top.key = JSON.parse(this.buf.slice(this.stringStart, this.pos)) as string; // a whole string token
        } catch {
          this.bad('a bad string');
        }
      } else top.key = null;
      this.afterKey = true;
      this.stringStart = -1;
      return;
    }
    if (top && !top.array && top.expectKey) {
      this.afterKey = true; // a key inside a captured value
      this.stringStart = -1;
      return;
    }
    this.stringStart = -1;
    this.endValue();
  }

  private finishLiteral(): void {
    this.inLiteral = false;
    this.literalStart = -1;
    this.endValue();
  }

  /** A value just ended at this.pos (exclusive). */
  private endValue(): void {
    const depth = this.stack.length;
    if (depth === 0) {
      this.done = true;
      return;
    }
    if (this.captureStart >= 0 && depth === this.captureDepth) {
      const text = this.buf.slice(this.captureStart, this.pos);
      const isEntry = this.captureIsEntry;
      this.captureStart = -1;
      this.captureDepth = -1;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        const where = isEntry ? `entry ${this.count}` : `log.${this.stack[1]?.key ?? '?'}`;
        throw new HarError(`not JSON: ${where}: ${e instanceof Error ? e.message.slice(0, 200) : String(e)}`);
      }
      if (isEntry) this.onEntry(this.options.whole ? value : slimEntry(value), this.count++, this.entryLine);
      else {
        const key = this.stack[1]?.key;
        if (typeof key === 'string' && key !== 'entries' && !Object.hasOwn(this.log, key)) {
          Object.defineProperty(this.log, key, { value, enumerable: true, configurable: true, writable: true });
        }
      }
    }
  }
}

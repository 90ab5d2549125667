/**
 * The library's pure half (no Node or DOM APIs; also the body of the classic-script build): HAR text or bytes in,
 * explanations out, in the same envelope the command line writes with `--format json`.
 */
import { createExplainer, EXPLANATION_SCHEMA, HISTORY_CAP } from '../core/compose';
import { explainCache } from '../core/cache/index';
import { explainCdn } from '../core/cdn/index';
import { explainCookies } from '../core/cookies/index';
import { explainProxy } from '../core/proxy/index';
import { captureTimeSec, HarError, readHar, type HarImport } from '../core/har';
import type { Explanation } from '../core/explanation';
import type { BrowserProfile, EngineContext, ExchangeRecord, Finding, Severity } from '../core/types';

export { EXPLANATION_SCHEMA, HarError, readHar, captureTimeSec };
export type { HarImport };

/** The envelope `cache-lens --format json` writes per HAR file (docs/explanation-schema.md). */
export const CLI_SCHEMA = 'cache-lens/explain-cli/1';

/** The areas `--only` selects; a finding belongs to the area whose list produced it. */
export type Area = 'cache' | 'cookies' | 'cdn' | 'proxy';
export const AREAS: readonly Area[] = ['cache', 'cookies', 'cdn', 'proxy'];
export const BROWSERS: readonly BrowserProfile[] = ['chrome', 'firefox', 'rfc'];
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'good'];
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, good: 3 };

const engine = createExplainer({ explainCache, explainCookies, explainCdn, explainProxy });

/** One exchange in, one Explanation out (never throws: a failing area becomes an `engine-error` finding). */
export function explain(x: ExchangeRecord, ctx: EngineContext, history?: readonly ExchangeRecord[]): Explanation {
  return engine.explain(x, ctx, history);
}

/**
 * Explains records oldest first, one at a time, each with the earlier exchanges of the same URL as its history (the
 * same history the engine's explainAll hands out), so a caller can write each explanation out and drop it.
 */
export function* explainRecords(records: readonly ExchangeRecord[], ctx: EngineContext): Generator<Explanation> {
  const byUrl = new Map<string, ExchangeRecord[]>();
  const none: ExchangeRecord[] = [];
  for (const x of records) {
    // a JavaScript caller's list may hold junk: it goes on to the engine, which guards every area
    const url = (x as Partial<ExchangeRecord> | null | undefined)?.url;
    const key = typeof url === 'string' ? url : '';
    let earlier = byUrl.get(key);
    // The index's own list when it is short enough (the areas read history during the call and keep none of it).
    const history = earlier ? (earlier.length <= HISTORY_CAP ? earlier : earlier.slice(-HISTORY_CAP)) : none;
    yield engine.explain(x, ctx, history);
    if (!earlier) byUrl.set(key, (earlier = []));
    earlier.push(x);
    if (earlier.length > HISTORY_CAP * 2) earlier.splice(0, earlier.length - HISTORY_CAP);
  }
}

/**
 * The history explainRecords hands record `i`, for any `i` in any order: the latest HISTORY_CAP earlier records of
 * the same URL. Lets several threads explain slices of one HAR, each slice as explainRecords would.
 */
export function historyIndex(records: readonly ExchangeRecord[]): (i: number) => readonly ExchangeRecord[] {
  const byUrl = new Map<string, ExchangeRecord[]>();
  const listOf: ExchangeRecord[][] = new Array<ExchangeRecord[]>(records.length);
  const pos = new Int32Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const x = records[i]!;
    const url = (x as Partial<ExchangeRecord> | null | undefined)?.url;
    const key = typeof url === 'string' ? url : '';
    let list = byUrl.get(key);
    if (!list) byUrl.set(key, (list = []));
    listOf[i] = list;
    pos[i] = list.length;
    list.push(x);
  }
  const none: ExchangeRecord[] = [];
  return (i) => {
    const p = pos[i]!;
    return p === 0 ? none : listOf[i]!.slice(Math.max(0, p - HISTORY_CAP), p);
  };
}

/** One record explained as explainRecords explains it, given `historyIndex(records)`. */
export function explainAt(
  records: readonly ExchangeRecord[],
  i: number,
  ctx: EngineContext,
  history: (i: number) => readonly ExchangeRecord[],
): Explanation {
  return engine.explain(records[i]!, ctx, history(i));
}

/** The largest |epoch ms| a JavaScript Date holds (ECMA-262 §21.4.1.1). */
const MAX_DATE_MS = 8.64e15;

/**
 * A HAR whose times do not fit in a date (`"timings": {"wait": 1e16}`, `"time": 1e300`) is bad input, said so in
 * words, rather than a RangeError later when the judging moment is printed.
 */
export function checkRecordTimes(records: readonly ExchangeRecord[]): void {
  for (const r of records) {
    for (const [field, what] of [
      ['requestTimeMs', 'startedDateTime'],
      ['responseTimeMs', 'timings (blocked, dns, connect, send, wait)'],
      ['endTimeMs', 'time / timings.receive'],
    ] as const) {
      const v = r[field];
      if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > MAX_DATE_MS) {
        const i = /^har-(\d+)$/.exec(r.id)?.[1] ?? r.id;
        throw new HarError(`entry ${i} has ${what} beyond any date (over 275,000 years)`);
      }
    }
  }
}

/**
 * HAR bytes as text, the way a browser decodes a document with a byte order mark (WHATWG Encoding "decode": a
 * UTF-8, UTF-16LE or UTF-16BE BOM picks the encoding and is dropped; no BOM means UTF-8). Malformed bytes become
 * U+FFFD, never an exception.
 */
export function decodeHarBytes(bytes: Uint8Array): string {
  let enc = 'utf-8';
  let skip = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) skip = 3;
  else if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) [enc, skip] = ['utf-16le', 2];
  else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) [enc, skip] = ['utf-16be', 2];
  return new TextDecoder(enc, { ignoreBOM: true }).decode(bytes.subarray(skip));
}

/** The encoding named by a byte order mark at the start of `head`, and the BOM's length. */
export function sniffBom(head: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bom: number } {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: 'utf-8', bom: 0 };
}

export interface ExplainOptions {
  browser?: BrowserProfile;
  /** Epoch seconds, or a Date. Default: when the last response in the HAR arrived (as the CLI and panel judge). */
  now?: number | Date;
  /** Keep only findings from these areas (the areas themselves stay in each explanation). */
  only?: readonly Area[];
  /** Keep only entries whose URL matches: a substring, or a pattern with `*` wildcards matched against the whole URL. */
  url?: string | readonly string[];
}

export interface ExplainHarResult {
  schema: typeof CLI_SCHEMA;
  now: string;
  nowEpoch: number;
  browser: BrowserProfile;
  creator: string | null;
  entries: Explanation[];
}

/** The judging moment: the one given, else the capture time, else the clock (an empty HAR). */
export function judgingMoment(
  records: readonly ExchangeRecord[],
  now?: number | Date | null,
): { now: number; source: 'given' | 'capture' | 'clock' } {
  if (now instanceof Date) return { now: now.getTime() / 1000, source: 'given' };
  if (typeof now === 'number' && Number.isFinite(now)) return { now, source: 'given' };
  const captured = captureTimeSec(records);
  if (captured !== null) return { now: captured, source: 'capture' };
  return { now: Math.floor(Date.now() / 1000), source: 'clock' };
}

/** `--url` patterns as one predicate. */
export function urlMatcher(patterns: string | readonly string[] | undefined): ((url: string) => boolean) | null {
  const list = typeof patterns === 'string' ? [patterns] : (patterns ?? []);
  if (list.length === 0) return null;
  const tests = list.map((p) => {
    if (!p.includes('*')) return (u: string) => u.includes(p);
    const re = new RegExp(
      `^${p
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
      's',
    );
    return (u: string) => re.test(u);
  });
  return (u) => tests.some((t) => t(u));
}

/** The findings of the selected areas, in the explanation's order (worst first). */
export function findingsOf(e: Explanation, only: readonly Area[] | null | undefined): Finding[] {
  if (!only || only.length === 0 || only.length === AREAS.length) return e.findings;
  const keep = new Set<Finding>();
  for (const area of only) for (const f of (e as Partial<Pick<Explanation, Area>>)[area]?.findings ?? []) keep.add(f); // a hand-made one may lack an area
  return e.findings.filter((f) => keep.has(f) || (f.id === 'engine-error' && only.includes(f.params?.area as Area)));
}

/** Applies `only` to an explanation's top-level findings list (a shallow copy; the areas are untouched). */
export function selectFindings(e: Explanation, only: readonly Area[] | null | undefined): Explanation {
  const f = findingsOf(e, only);
  return f === e.findings ? e : { ...e, findings: f };
}

/**
 * A HAR (JSON text, bytes with or without a BOM, or a parsed object) explained entry by entry.
 * Throws HarError on input that is not a HAR; never on odd header values (those are findings).
 */
export function explainHar(input: string | Uint8Array | object, options: ExplainOptions = {}): ExplainHarResult {
  const har = readHar(input instanceof Uint8Array ? decodeHarBytes(input) : input);
  checkRecordTimes(har.records);
  const browser = options.browser ?? 'chrome';
  if (!BROWSERS.includes(browser)) throw new TypeError(`browser must be one of ${BROWSERS.join(', ')}`);
  const { now } = judgingMoment(har.records, options.now);
  if (!Number.isFinite(now) || Math.abs(now) * 1000 > MAX_DATE_MS) throw new TypeError('now is not a usable date');
  const match = urlMatcher(options.url);
  const entries: Explanation[] = [];
  for (const e of explainRecords(har.records, { browser, now })) {
    if (match && !match(e.url)) continue;
    entries.push(selectFindings(e, options.only));
  }
  return { schema: CLI_SCHEMA, now: new Date(now * 1000).toISOString(), nowEpoch: now, browser, creator: har.creator, entries };
}

/**
 * npm run explain -- <file.har> [--json] [--now <ISO date>] [--browser chrome|firefox|rfc]
 *
 * Explains every entry of a HAR 1.2 file: a readable summary per entry (text) or the Explanation objects (--json,
 * schema in docs/explanation-schema.md).
 * Exit codes: 0 explained; 2 bad input or usage (one line on stderr naming the problem, no stack); 1 internal error;
 * 3 with --fail-on <severity> when some finding is that severe or worse (for linting cache headers in CI).
 * Judged at --now, or by default at the moment the last response in the HAR arrived, so output is reproducible.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Explanation } from '../src/core/explanation';
import { captureTimeSec, HarError, MAX_HAR_BYTES, readHar } from '../src/core/har';
import { SEVERITY_ORDER } from '../src/core/notes';
import type { BrowserProfile, EngineContext, Finding, Severity } from '../src/core/types';

/** Larger files are refused before reading (one limit for the CLI and the panel). */
export { MAX_HAR_BYTES };
const BROWSERS: readonly BrowserProfile[] = ['chrome', 'firefox', 'rfc'];

export const CLI_SCHEMA = 'cache-lens/explain-cli/1';

export const USAGE =
  'usage: npm run explain -- <file.har> [--json] [--now <ISO date>] [--browser chrome|firefox|rfc] [--fail-on error|warning|info]';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Bad input or usage: reported as one line, exit code 2. */
export class UsageError extends Error {}

export interface CliOptions {
  file: string;
  json: boolean;
  now: number | null;
  browser: BrowserProfile;
  /** Exit 3 when any finding is at least this severe (for CI). */
  failOn: Severity | null;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'good'];

export function parseArgs(argv: string[]): CliOptions {
  let file: string | null = null;
  let json = false;
  let now: number | null = null;
  let browser: BrowserProfile = 'chrome';
  let failOn: Severity | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (a === '--') continue; // tolerate a literal separator (e.g. `tsx scripts/explain.ts -- file.har`)
    if (flag === '--json') json = true;
    else if (flag === '--now') now = parseNow(value());
    else if (flag === '--browser') {
      const b = value();
      if (!BROWSERS.includes(b as BrowserProfile)) throw new UsageError(`--browser must be one of ${BROWSERS.join(', ')} (got "${b}")`);
      browser = b as BrowserProfile;
    } else if (flag === '--fail-on') {
      const v = value();
      if (!SEVERITIES.includes(v as Severity)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} (got "${v}")`);
      failOn = v as Severity;
    } else if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}`);
    else if (file === null) file = a;
    else throw new UsageError(`one HAR file at a time (got "${file}" and "${a}")`);
  }
  if (file === null) throw new UsageError('no HAR file given');
  return { file, json, now, browser, failOn };
}

/** --now: an ISO 8601 date ("2026-01-31", "2026-01-31T12:00:00Z") or epoch seconds. Returns epoch seconds. */
export function parseNow(text: string): number {
  if (/^\d{9,11}(\.\d+)?$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return ms / 1000;
  }
  throw new UsageError(`bad --now "${text.slice(0, 60)}": give an ISO date such as 2026-01-31T12:00:00Z (or epoch seconds)`);
}

function readHarText(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new UsageError(`${file} is a folder, not a HAR file`);
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read it (${code ?? (e as Error).message})`);
  }
  if (size > MAX_HAR_BYTES) {
    const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
    throw new UsageError(
      `${file} is ${mb(size)}, over the ${mb(MAX_HAR_BYTES)} limit: export the HAR without response bodies ("Export HAR (sanitized)" / no content) or split it`,
    );
  }
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    throw new UsageError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // Some Windows tools save HARs as UTF-16 with a BOM.
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.toString('utf16le', 2);
  return buf.toString('utf8'); // readHar strips a UTF-8 BOM
}

// ------------------------------------------------------------------------------------------------ text output

/** Page data goes to a terminal: control characters (ANSI escapes included) are shown, not obeyed. */
function clean(s: string, max = 300): string {
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function duration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${Math.round(s / 3600)}h`;
  if (s < 63072000) return `${Math.round(s / 86400)}d`;
  return `${Math.round(s / 31536000)}y`;
}

const SEVERITY_MARK: Record<Finding['severity'], string> = { error: 'ERROR', warning: 'warn ', info: 'info ', good: 'good ' };

function viewLine(label: string, v: Explanation['cache']['private']): string {
  if (!v.storable) return `${label}: not storable (${clean(v.storableWhy.replace(/^not storable:\s*/i, ''), 120)})`;
  const life = v.freshnessLifetime === null ? 'no freshness lifetime' : `lifetime ${duration(v.freshnessLifetime)} from ${v.freshnessSource}${v.heuristic ? ' (heuristic)' : ''}`;
  const state = v.fresh
    ? `fresh${v.remaining !== null ? ` for ${duration(v.remaining)} more` : ''}`
    : `stale${v.remaining !== null && v.remaining < 0 ? ` for ${duration(v.remaining)}` : ''}`;
  return `${label}: storable, ${life}, age ${duration(v.currentAge)}, ${state}${v.mustRevalidate ? ', must revalidate' : ''}`;
}

export function entryText(e: Explanation, index: number): string[] {
  const lines = [`#${index + 1} ${e.status || '---'} ${clean(e.method, 20)} ${clean(e.url)}  [${e.source}]`];
  const c = e.cache;
  lines.push(`  ${viewLine('browser cache', c.private)}`);
  lines.push(`  ${viewLine('shared cache', c.shared)}`);
  lines.push(`  next use: ${c.nextUse.action}${c.nextUse.conditionalHeaders.length ? ` (${clean(c.nextUse.conditionalHeaders.join(', '), 160)})` : ''}`);
  if (c.revalidation) lines.push(`  revalidation: ${clean(c.revalidation.plain, 200)}`);
  const d = e.cdn;
  if (d.cdn || d.cacheStatus || d.ipOwner) {
    const parts = [d.cdnName ?? d.cdn ?? 'none named by the headers'];
    if (d.cacheStatus) parts.push(`${d.cacheStatus}${d.rawCacheStatus ? ` (${clean(d.rawCacheStatus, 60)})` : ''}`);
    if (d.pop) parts.push(`pop ${clean(d.pop, 30)}${d.popCity ? ` ${clean(d.popCity, 40)}` : ''}`);
    if (d.age !== null) parts.push(`age ${duration(d.age)}`);
    if (d.ipOwner && d.ipOwner !== d.cdn) parts.push(`server IP belongs to ${clean(d.ipOwner, 40)}`);
    lines.push(`  cdn: ${parts.join(', ')}`);
  }
  if (e.proxy.via.length) lines.push(`  via: ${e.proxy.via.map((h) => clean(`${h.protocol} ${h.received}`, 60)).join(' -> ')}`);
  const set = e.cookies.setCookies;
  if (set.length) {
    const stored = set.filter((s) => s.stored);
    const rejected = set.filter((s) => !s.stored);
    const name = (s: (typeof set)[number]) => clean(s.cookie?.name ?? s.raw.split('=')[0] ?? '', 40);
    let line = `  cookies: ${stored.length} set`;
    if (stored.length) line += ` (${stored.slice(0, 8).map(name).join(', ')}${stored.length > 8 ? ', …' : ''})`;
    if (rejected.length) {
      line += `, ${rejected.length} rejected (${rejected.slice(0, 8).map((s) => `${name(s)}: ${s.rejectReason ?? 'rejected'}`).join(', ')}${rejected.length > 8 ? ', …' : ''})`;
    }
    lines.push(line);
  }
  for (const f of e.findings) lines.push(`  ${SEVERITY_MARK[f.severity]} ${clean(f.summary, 400)} [${f.id}]`);
  for (const h of e.hidden) lines.push(`  hidden: ${h}`);
  return lines;
}

export function summaryText(all: Explanation[]): string {
  const count = (p: (e: Explanation) => boolean) => all.filter(p).length;
  const sev = { error: 0, warning: 0, info: 0, good: 0 };
  let set = 0;
  let rejected = 0;
  for (const e of all) {
    for (const f of e.findings) sev[f.severity]++;
    for (const s of e.cookies.setCookies) {
      if (s.stored) set++;
      else rejected++;
    }
  }
  return (
    `${all.length} entries: ${count((e) => e.cache.private.storable)} storable by the browser, ` +
    `${count((e) => e.cache.private.fresh)} fresh now, ${count((e) => e.cache.nextUse.action === 'revalidate')} to revalidate, ` +
    `${count((e) => e.cdn.cdn !== null)} via a CDN/cache, ${set} cookies set, ${rejected} rejected; ` +
    `findings: ${sev.error} errors, ${sev.warning} warnings, ${sev.info} info, ${sev.good} good`
  );
}

// ------------------------------------------------------------------------------------------------ main

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let file = 'input';
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const opts = parseArgs(argv);
    file = opts.file;
    const text = readHarText(opts.file);
    const har = readHar(text);
    const records = har.records;
    let nowSource = 'given with --now';
    let now = opts.now;
    if (now === null) {
      const captured = captureTimeSec(records);
      if (captured !== null) {
        now = captured;
        nowSource = 'when the last response in the HAR arrived; change with --now';
      } else {
        now = Math.floor(Date.now() / 1000);
        nowSource = 'the current time (the HAR has no entries)';
      }
    }
    const ctx: EngineContext = { browser: opts.browser, now };
    const { explainAll } = await import('../src/core/explain');
    const explanations = explainAll(records, ctx);
    const nowIso = new Date(now * 1000).toISOString();
    if (opts.json) {
      // Written entry by entry: one JSON.stringify of 10,000 explanations would build one huge string.
      const head = JSON.stringify({ schema: CLI_SCHEMA, now: nowIso, nowEpoch: now, browser: opts.browser, creator: har.creator });
      io.out(`${head.slice(0, -1)},"entries":[`);
      const CHUNK = 200;
      for (let i = 0; i < explanations.length; i += CHUNK) {
        const part = explanations.slice(i, i + CHUNK).map((e) => JSON.stringify(e)).join(',');
        io.out(i === 0 ? part : `,${part}`);
      }
      io.out(']}\n');
    } else {
      const lines = [
        `${clean(opts.file)}: ${records.length} entries${har.creator ? ` written by ${clean(har.creator, 80)}` : ''}`,
        `judged at ${nowIso} (${nowSource}), browser profile: ${opts.browser}`,
        '',
      ];
      explanations.forEach((e, i) => {
        lines.push(...entryText(e, i), '');
      });
      lines.push(summaryText(explanations));
      io.out(`${lines.join('\n')}\n`);
    }
    if (opts.failOn) {
      const limit = SEVERITY_ORDER[opts.failOn];
      const hits = explanations.reduce((n, e) => n + e.findings.filter((f) => SEVERITY_ORDER[f.severity] <= limit).length, 0);
      if (hits > 0) {
        io.err(`explain: ${hits} finding(s) at severity ${opts.failOn} or worse (--fail-on ${opts.failOn})\n`);
        return 3;
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`explain: ${e.message}\n${e.message.startsWith('no HAR file') || e.message.startsWith('unknown option') ? `${USAGE}\n` : ''}`);
      return 2;
    }
    if (e instanceof HarError) {
      io.err(`explain: ${clean(file)}: ${e.message}\n`);
      return 2;
    }
    io.err(`explain: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  }).then((code) => {
    process.exitCode = code;
  });
}

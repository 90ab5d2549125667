/** Running totals over every file and entry: the closing summaries of text and markdown, and the exit code. */
import { headline } from '../core/headline';
import type { Explanation } from '../core/explanation';
import type { Finding, Severity } from '../core/types';
import { SEVERITY_RANK } from '../lib/explain-har';

export interface FileStats {
  file: string;
  entries: number;
  storable: number;
  fresh: number;
  revalidate: number;
  viaCdn: number;
  cookiesSet: number;
  cookiesRejected: number;
  bySeverity: Record<Severity, number>;
}

export interface Offender {
  file: string;
  index: number;
  method: string;
  url: string;
  errors: number;
  warnings: number;
  /** The entry's most important finding, as the panel's list names it (src/core/headline.ts). */
  top: string;
}

export interface RunStats {
  files: FileStats[];
  badFiles: number;
  total: { entries: number; bySeverity: Record<Severity, number> };
  byId: Map<
    string,
    { id: string; severity: Severity; rank: number; count: number; entries: number; rule: string; link: string; summary: string }
  >;
  worst: Offender[];
  /** Findings at or above --fail-on. */
  failing: number;
}

const WORST = 5;

export function newStats(): RunStats {
  return {
    files: [],
    badFiles: 0,
    total: { entries: 0, bySeverity: { error: 0, warning: 0, info: 0, good: 0 } },
    byId: new Map(),
    worst: [],
    failing: 0,
  };
}

export function newFileStats(file: string): FileStats {
  return {
    file,
    entries: 0,
    storable: 0,
    fresh: 0,
    revalidate: 0,
    viaCdn: 0,
    cookiesSet: 0,
    cookiesRejected: 0,
    bySeverity: { error: 0, warning: 0, info: 0, good: 0 },
  };
}

export function addEntry(
  stats: RunStats,
  fs: FileStats,
  e: Explanation,
  index: number,
  findings: readonly Finding[],
  failOn: Severity | null,
): void {
  fs.entries++;
  stats.total.entries++;
  if (e.cache.private.storable) fs.storable++;
  if (e.cache.private.fresh) fs.fresh++;
  if (e.cache.nextUse.action === 'revalidate') fs.revalidate++;
  if (e.cdn.cdn !== null) fs.viaCdn++;
  for (const s of e.cookies.setCookies) {
    if (s.stored) fs.cookiesSet++;
    else fs.cookiesRejected++;
  }
  let errors = 0;
  let warnings = 0;
  const seen = new Set<string>();
  for (const f of findings) {
    const sev = f.severity;
    fs.bySeverity[sev]++;
    stats.total.bySeverity[sev]++;
    if (sev === 'error') errors++;
    else if (sev === 'warning') warnings++;
    if (failOn && SEVERITY_RANK[sev] <= SEVERITY_RANK[failOn]) stats.failing++;
    let row = stats.byId.get(f.id);
    if (!row)
      stats.byId.set(
        f.id,
        (row = { id: f.id, severity: sev, rank: SEVERITY_RANK[sev], count: 0, entries: 0, rule: f.rule, link: f.link, summary: f.summary }),
      );
    row.count++;
    if (!seen.has(f.id)) {
      seen.add(f.id);
      row.entries++;
    }
  }
  if (errors + warnings > 0) {
    const w = stats.worst;
    const worse = (a: Offender) => a.errors < errors || (a.errors === errors && a.warnings < warnings);
    const least = w.at(-1);
    if (w.length < WORST || (least !== undefined && worse(least))) {
      w.push({ file: fs.file, index, method: e.method, url: e.url, errors, warnings, top: headline(findings)?.label ?? '' });
      w.sort((a, b) => b.errors - a.errors || b.warnings - a.warnings);
      if (w.length > WORST) w.pop();
    }
  }
}

/**
 * Adds the totals of a later run of entries (`more`, `moreFile`: counted by addEntry from fresh stats, on entries
 * after every entry counted so far) to `stats` and `fs`: the same totals, finding rows (in first-seen order) and worst
 * offenders as addEntry on every entry in order. The worst list is the first WORST entries ordered by errors, then
 * warnings, then entry order, so it is the same whether taken over all entries or over the lists of two runs.
 */
export function mergeStats(stats: RunStats, fs: FileStats, more: RunStats, moreFile: FileStats): void {
  for (const k of ['entries', 'storable', 'fresh', 'revalidate', 'viaCdn', 'cookiesSet', 'cookiesRejected'] as const) fs[k] += moreFile[k];
  for (const s of ['error', 'warning', 'info', 'good'] as const) {
    fs.bySeverity[s] += moreFile.bySeverity[s];
    stats.total.bySeverity[s] += more.total.bySeverity[s];
  }
  stats.total.entries += more.total.entries;
  stats.failing += more.failing;
  for (const [id, row] of more.byId) {
    const have = stats.byId.get(id);
    if (have) {
      have.count += row.count;
      have.entries += row.entries;
    } else stats.byId.set(id, { ...row });
  }
  if (more.worst.length) {
    const w = [...stats.worst, ...more.worst];
    w.sort((a, b) => b.errors - a.errors || b.warnings - a.warnings);
    stats.worst = w.slice(0, WORST);
  }
}

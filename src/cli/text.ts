/** The readable text format: a block per entry, a line per file, and a closing summary table. */
import type { Explanation } from '../core/explanation';
import type { Finding } from '../core/types';
import { fixesText } from '../core/fixes/format';
import { clean } from './sanitize';
import type { RunStats } from './stats';

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
  const life =
    v.freshnessLifetime === null
      ? 'no freshness lifetime'
      : `lifetime ${duration(v.freshnessLifetime)} from ${v.freshnessSource}${v.heuristic ? ' (heuristic)' : ''}`;
  const state = v.fresh
    ? `fresh${v.remaining !== null ? ` for ${duration(v.remaining)} more` : ''}`
    : `stale${v.remaining !== null && v.remaining < 0 ? ` for ${duration(v.remaining)}` : ''}`;
  return `${label}: storable, ${life}, age ${duration(v.currentAge)}, ${state}${v.mustRevalidate ? ', must revalidate' : ''}`;
}

/** One entry as lines of text; `findings` defaults to all of the entry's findings. */
export function entryText(e: Explanation, index: number, findings: readonly Finding[] = e.findings): string[] {
  const lines = [`#${index + 1} ${e.status || '---'} ${clean(e.method, 20)} ${clean(e.url)}  [${e.source}]`];
  const c = e.cache;
  lines.push(`  ${viewLine('browser cache', c.private)}`);
  lines.push(`  ${viewLine('shared cache', c.shared)}`);
  lines.push(
    `  next use: ${c.nextUse.action}${c.nextUse.conditionalHeaders.length ? ` (${clean(c.nextUse.conditionalHeaders.join(', '), 160)})` : ''}`,
  );
  if (c.revalidation) lines.push(`  revalidation: ${clean(c.revalidation.plain, 200)}`);
  const d = e.cdn;
  if (d.cdn || d.cacheStatus || d.ipOwner) {
    const parts = [clean(d.cdnName ?? d.cdn ?? 'none named by the headers', 60)];
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
      line += `, ${rejected.length} rejected (${rejected
        .slice(0, 8)
        .map((s) => `${name(s)}: ${clean(s.rejectReason ?? 'rejected', 40)}`)
        .join(', ')}${rejected.length > 8 ? ', …' : ''})`;
    }
    lines.push(line);
  }
  for (const f of findings) lines.push(`  ${SEVERITY_MARK[f.severity]} ${clean(f.summary, 400)} [${clean(f.id, 60)}]`);
  for (const h of e.hidden) lines.push(`  hidden: ${clean(h, 200)}`);
  return lines;
}

/** The one-line summary of a file (its first words, "N entries: ", are what scripts look for). */
export function summaryLine(s: RunStats['files'][number]): string {
  const sev = s.bySeverity;
  return (
    `${s.entries} entries: ${s.storable} storable by the browser, ${s.fresh} fresh now, ${s.revalidate} to revalidate, ` +
    `${s.viaCdn} via a CDN/cache, ${s.cookiesSet} cookies set, ${s.cookiesRejected} rejected; ` +
    `findings: ${sev.error} errors, ${sev.warning} warnings, ${sev.info} info, ${sev.good} good`
  );
}

function table(head: string[], rows: string[][], right: boolean[] = []): string[] {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (right[i] ? c.padStart(w[i] ?? 0) : c.padEnd(w[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [fmt(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(fmt)];
}

/** The closing summary: totals, findings by id and severity, worst offenders. */
export function summaryTable(stats: RunStats): string[] {
  const t = stats.total;
  const lines = [
    '== summary ==',
    `${stats.files.length} file(s)${stats.badFiles ? `, ${stats.badFiles} unreadable` : ''}, ${t.entries} entries; ` +
      `findings: ${t.bySeverity.error} errors, ${t.bySeverity.warning} warnings, ${t.bySeverity.info} info, ${t.bySeverity.good} good`,
  ];
  const ids = [...stats.byId.values()].sort((a, b) => a.rank - b.rank || b.count - a.count || (a.id < b.id ? -1 : 1));
  if (ids.length) {
    lines.push(
      '',
      ...table(
        ['severity', 'finding', 'count', 'entries'],
        ids.map((r) => [r.severity, clean(r.id, 60), String(r.count), String(r.entries)]),
        [false, false, true, true],
      ),
    );
    const fixes = fixesText(ids.map((r) => r.id)); // src/core/fixes: once per id, table data only
    if (fixes.length) lines.push('', ...fixes);
  }
  if (stats.worst.length) {
    lines.push('', 'worst offenders:');
    lines.push(
      ...table(
        ['errors', 'warnings', 'top finding', 'entry'],
        stats.worst.map((w) => [
          String(w.errors),
          String(w.warnings),
          w.top,
          `${clean(w.file, 80)} #${w.index + 1} ${clean(w.method, 12)} ${clean(w.url, 140)}`,
        ]),
        [true, true, false, false],
      ),
    );
  }
  return lines;
}

/**
 * Severity report: on a folder of HARs (default ../shared/fixtures/har), under one browser profile (default chrome),
 * how many entries carry a warning or worse, and how many findings of each id at warning/error level.
 *
 *   npx tsx scripts/severity-report.ts [dir] [--browser chrome|firefox|rfc] [--json out.json] [--before before.json]
 *
 * Each HAR is judged at its capture time (captureTimeSec), as the CLI and the panel do. With --before (a file an
 * earlier run wrote with --json) it prints each id's count before and after. To compare two versions of the engine,
 * run it with --json in a checkout of the old one (git archive <rev> | tar -x -C dir) and with --before here.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sharedPath } from '../tests/support/shared';
import { explainAll } from '../src/core/explain';
import { captureTimeSec, readHar } from '../src/core/har';
import type { BrowserProfile } from '../src/core/types';

export interface SeverityReport {
  browser: BrowserProfile;
  hars: number;
  entries: number;
  /** Entries with at least one warning or error finding. */
  flagged: number;
  /** Finding id -> count, for findings at warning or error, as "id (severity)". */
  byId: Record<string, number>;
  /** Topic (cache, cookie, cdn, ...) -> entries with a warning or worse from that topic. */
  byTopic?: Record<string, number>;
}

export function severityReport(dir: string, browser: BrowserProfile): SeverityReport {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.har'))
    .sort();
  const report: SeverityReport = { browser, hars: files.length, entries: 0, flagged: 0, byId: {}, byTopic: {} };
  const byTopic = report.byTopic as Record<string, number>;
  for (const f of files) {
    const { records } = readHar(readFileSync(join(dir, f), 'utf8'));
    const now = captureTimeSec(records) ?? Math.floor(Date.now() / 1000);
    for (const ex of explainAll(records, { browser, now })) {
      report.entries++;
      let flagged = false;
      const topics = new Set<string>();
      // ex.findings holds every area's findings (worst first).
      for (const finding of ex.findings) {
        if (finding.severity !== 'warning' && finding.severity !== 'error') continue;
        flagged = true;
        topics.add(finding.topic);
        const key = `${finding.id} (${finding.severity})`;
        report.byId[key] = (report.byId[key] ?? 0) + 1;
      }
      if (flagged) report.flagged++;
      for (const t of topics) byTopic[t] = (byTopic[t] ?? 0) + 1;
    }
  }
  return report;
}

function pct(n: number, d: number): string {
  return d === 0 ? '0.0%' : `${((100 * n) / d).toFixed(1)}%`;
}

function main(argv: string[]): void {
  const args = argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const browser = (opt('--browser') ?? 'chrome') as BrowserProfile;
  const jsonOut = opt('--json');
  const beforeFile = opt('--before');
  const dir = resolve(args[0] ?? sharedPath('fixtures', 'har'));
  const r = severityReport(dir, browser);
  const before: SeverityReport | null = beforeFile ? (JSON.parse(readFileSync(beforeFile, 'utf8')) as SeverityReport) : null;
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(r, null, 2)}\n`);
  const ids = new Set([...Object.keys(r.byId), ...Object.keys(before?.byId ?? {})]);
  const rows = [...ids].map((id) => ({ id, before: before?.byId[id] ?? 0, after: r.byId[id] ?? 0 }));
  rows.sort((a, b) => b.after - a.after || b.before - a.before || a.id.localeCompare(b.id));
  console.log(`${r.hars} HARs, ${r.entries} entries, browser ${browser}`);
  if (before)
    console.log(
      `entries with a warning or worse: before ${before.flagged}/${before.entries} (${pct(before.flagged, before.entries)}), now ${r.flagged}/${r.entries} (${pct(r.flagged, r.entries)})`,
    );
  else console.log(`entries with a warning or worse: ${r.flagged}/${r.entries} (${pct(r.flagged, r.entries)})`);
  const topics = [...new Set([...Object.keys(r.byTopic ?? {}), ...Object.keys(before?.byTopic ?? {})])].sort();
  for (const t of topics) {
    const now = r.byTopic?.[t] ?? 0;
    console.log(
      before
        ? `entries with a ${t} warning or worse: ${before.byTopic?.[t] ?? 0} -> ${now}`
        : `entries with a ${t} warning or worse: ${now}`,
    );
  }
  for (const row of rows)
    console.log(
      before
        ? `${String(row.before).padStart(6)} -> ${String(row.after).padStart(6)}  ${row.id}`
        : `${String(row.after).padStart(6)}  ${row.id}`,
    );
}

if (process.argv[1] && /severity-report\.ts$/.test(process.argv[1])) {
  // Piped into head: stop quietly when the reader goes away.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  main(process.argv);
}

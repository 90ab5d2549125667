/**
 * The CDN engine against real captures labelled without it (captures.json, built by label.ts; sources in SOURCES.md).
 * Prints one counted line `cdn-captures: N passed, N failed` and FIGURE lines: identity recall, precision (no false
 * provider), PoP accuracy, cache-status accuracy, and agreement with WebPageTest's own DNS-based names.
 * A capture passes when the engine names the labelled provider and, where the label has them, the same PoP and cache
 * status. Disagreements must be in known-misses.json with a reason; an unlisted disagreement, or a listed one that
 * agrees now, is a failure (tests/world/README.md).
 *
 *   npx tsx tests/world/cdn-captures/run.ts            summary (npm test runs this)
 *   npx tsx tests/world/cdn-captures/run.ts --list     every disagreement, one per line
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainCdn } from '../../../src/core/cdn/index';
import type { ExchangeRecord } from '../../../src/core/types';
import { label, type Capture } from './label';

const here = dirname(fileURLToPath(import.meta.url));

/** WebPageTest's provider names (its CDN table) to our ids, for the cross-check figure only. */
const WPT_NAMES: Record<string, string> = {
  Akamai: 'akamai',
  'Amazon CloudFront': 'cloudfront',
  Cloudflare: 'cloudflare',
  Fastly: 'fastly',
  Google: 'google',
  Edgecast: 'edgio',
  Highwinds: 'highwinds',
  Twitter: 'twitter',
  Facebook: 'facebook',
  'Level 3': 'level3',
  Reapleaf: 'reapleaf',
  CDN: 'cdn',
};

interface Outcome {
  c: Capture;
  cdn: string | null;
  pop: string | null;
  cacheStatus: string | null;
  wrong: string[];
}

function judge(c: Capture): Outcome {
  const x: ExchangeRecord = {
    id: c.id,
    url: c.url,
    method: 'GET',
    status: c.status,
    requestHeaders: [],
    responseHeaders: c.headers.map(([name, value]) => ({ name, value })),
    requestTimeMs: 0,
    responseTimeMs: 0,
    source: 'network',
    ...(c.ip ? { serverIp: c.ip } : {}),
  };
  const r = explainCdn(x, { browser: 'rfc', now: 0 });
  const wrong: string[] = [];
  if (r.cdn !== c.label.cdn) wrong.push(`cdn ${r.cdn} (label ${c.label.cdn})`);
  if (c.label.pop !== null && r.pop !== c.label.pop) wrong.push(`pop ${r.pop} (label ${c.label.pop})`);
  if (c.label.cacheStatus !== null && r.cacheStatus !== c.label.cacheStatus)
    wrong.push(`status ${r.cacheStatus} (label ${c.label.cacheStatus})`);
  return { c, cdn: r.cdn, pop: r.pop, cacheStatus: r.cacheStatus, wrong };
}

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a';
}

function main(): number {
  const set = JSON.parse(readFileSync(join(here, 'captures.json'), 'utf8')) as { captures: Capture[] };
  const { misses: known } = JSON.parse(readFileSync(join(here, 'known-misses.json'), 'utf8')) as {
    misses: Record<string, { reason: string }>;
  };
  const outcomes = set.captures.map(judge);
  // The labeller never asks the engine: label.ts imports nothing from src/.
  if (/from\s+['"][^'"]*\/src\//.test(readFileSync(join(here, 'label.ts'), 'utf8'))) throw new Error('label.ts must not import the engine');
  // The stored labels must be what label.ts says for the stored fields: nobody edits a label by hand.
  const stale = set.captures.filter((c) => JSON.stringify(label(c.headers, c.url, c.ip)) !== JSON.stringify(c.label));

  let passed = 0;
  let failed = 0;
  const report: string[] = [];
  for (const o of outcomes) {
    const listed = Object.prototype.hasOwnProperty.call(known, o.c.id);
    if (!o.wrong.length) {
      if (listed) {
        failed++;
        report.push(`AGREES NOW ${o.c.id}: remove it from known-misses.json`);
      } else passed++;
    } else if (listed) passed++;
    else {
      failed++;
      report.push(`DISAGREES ${o.c.id} ${o.c.url} ${o.wrong.join('; ')}`);
    }
  }
  for (const id of Object.keys(known)) if (!outcomes.some((o) => o.c.id === id)) report.push(`LISTED BUT ABSENT ${id}`);
  for (const c of stale) {
    failed++;
    report.push(`LABEL NOT FROM label.ts ${c.id}: run npx tsx tests/world/cdn-captures/label.ts`);
  }

  const labelled = outcomes.filter((o) => o.c.label.cdn !== null);
  const found = labelled.filter((o) => o.cdn === o.c.label.cdn).length;
  const named = outcomes.filter((o) => o.cdn !== null);
  const falseProviders = named.filter((o) => o.cdn !== o.c.label.cdn).length;
  const pops = outcomes.filter((o) => o.c.label.pop !== null);
  const popsRight = pops.filter((o) => o.pop === o.c.label.pop).length;
  const statuses = outcomes.filter((o) => o.c.label.cacheStatus !== null);
  const statusRight = statuses.filter((o) => o.cacheStatus === o.c.label.cacheStatus).length;
  const wpt = outcomes.filter((o) => o.c.wpt);
  const wptAgree = wpt.filter((o) => WPT_NAMES[o.c.wpt!] !== undefined && WPT_NAMES[o.c.wpt!] === o.cdn).length;
  const wptNoEvidence = wpt.filter((o) => o.c.label.cdn === null).length;

  console.log(`cdn-captures: ${passed} passed, ${failed} failed`);
  console.log(`FIGURE cdn-captures identity recall: ${found}/${labelled.length} (${pct(found, labelled.length)})`);
  console.log(
    `FIGURE cdn-captures precision: ${named.length - falseProviders}/${named.length} (${pct(named.length - falseProviders, named.length)}), ${falseProviders} false provider(s)`,
  );
  console.log(`FIGURE cdn-captures PoP accuracy: ${popsRight}/${pops.length} (${pct(popsRight, pops.length)})`);
  console.log(`FIGURE cdn-captures cache-status accuracy: ${statusRight}/${statuses.length} (${pct(statusRight, statuses.length)})`);
  console.log(
    `FIGURE cdn-captures WebPageTest cross-check: engine agrees on ${wptAgree}/${wpt.length}; ${wptNoEvidence} of WebPageTest's names (from DNS) have no header, host or published-range evidence`,
  );
  const list = process.argv.includes('--list');
  for (const line of list ? report : report.slice(0, 40)) console.log(line);
  if (!list && report.length > 40) console.log(`... ${report.length - 40} more (--list)`);
  return failed ? 1 : 0;
}

process.exit(main());

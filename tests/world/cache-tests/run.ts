/**
 * http-tests/cache-tests against the engine's cache model, under four profiles:
 *   rfc private / rfc shared: every applicable test must pass (the suite's expectations are RFC 9111's);
 *   chrome / firefox: the model must do what the published browser run did (results/chrome.json, firefox.json),
 *   pass or fail alike.
 * Denominators: every applicable test (rfc) or every test with a published result (browsers), minus the committed
 * exclusions (exclusions.json, each with its reason). Disagreements must be listed in departures.json with their
 * reason and evidence; a disagreement not listed, or a listed one that agrees again, is a failure.
 *
 *   npx tsx tests/world/cache-tests/run.ts                 the summary lines (npm test runs this)
 *   npx tsx tests/world/cache-tests/run.ts --explain ID    one test under every profile, with the failure message
 *   npx tsx tests/world/cache-tests/run.ts --unlisted      unlisted disagreements as JSON (to review, then list)
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { simulate, type Outcome, type Profile, type TestDef } from './simulate';

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, 'vendor');

export const PROFILES: Array<Profile & { results?: string }> = [
  { name: 'rfc private', kind: 'private', browser: 'rfc', browserMode: true },
  { name: 'rfc shared', kind: 'shared', browser: 'rfc', browserMode: false },
  { name: 'chrome', kind: 'private', browser: 'chrome', browserMode: true, results: 'chrome.json' },
  { name: 'firefox', kind: 'private', browser: 'firefox', browserMode: true, results: 'firefox.json' },
];

interface Listed {
  reason: string;
  evidence?: string;
}
/** profile name (or "*") → test id → why it is left out. */
type ExclusionList = Record<string, Record<string, string>>;
/** profile name → test id → why the model departs from the expectation. */
type DepartureList = Record<string, Record<string, Listed>>;

export async function loadTests(): Promise<TestDef[]> {
  const index = (await import(pathToFileURL(join(vendor, 'tests', 'index.mjs')).href)) as { default: Array<{ tests: TestDef[] }> };
  const suites = index.default;
  return suites.flatMap((s) => s.tests);
}

/** A published browser run (vendor/results/<browser>.json): test id → outcome. */
function readResults(file: string): Record<string, Outcome> {
  return JSON.parse(readFileSync(join(vendor, 'results', file), 'utf8')) as Record<string, Outcome>;
}

function applies(test: TestDef, p: Profile): boolean {
  if (p.browserMode) return !test.cdn_only && !test.browser_skip;
  return !test.browser_only;
}

function passed(o: Outcome | undefined): boolean {
  return o === true;
}

export interface ProfileReport {
  profile: string;
  total: number;
  agree: number;
  listed: string[];
  unlisted: Array<{ id: string; expected: boolean; model: Outcome }>;
  fixed: string[];
  excluded: number;
}

export async function runAll(only?: string): Promise<ProfileReport[]> {
  const tests = await loadTests();
  const exclusions = JSON.parse(readFileSync(join(here, 'exclusions.json'), 'utf8')) as ExclusionList;
  const departures = JSON.parse(readFileSync(join(here, 'departures.json'), 'utf8')) as DepartureList;
  const reports: ProfileReport[] = [];
  for (const p of PROFILES) {
    const published = p.results ? readResults(p.results) : null;
    const excluded = { ...exclusions['*'], ...exclusions[p.name] };
    const listed = departures[p.name] ?? {};
    const report: ProfileReport = { profile: p.name, total: 0, agree: 0, listed: [], unlisted: [], fixed: [], excluded: 0 };
    for (const t of tests) {
      if (only && t.id !== only) continue;
      if (!applies(t, p)) continue;
      if (published && !(t.id in published)) continue;
      if (t.id in excluded || (!published && t.kind === 'check')) {
        report.excluded++;
        continue;
      }
      report.total++;
      const expected = published ? passed(published[t.id]) : true;
      const model = simulate(t, p);
      const agrees = passed(model) === expected;
      if (agrees) {
        report.agree++;
        if (t.id in listed) report.fixed.push(t.id);
      } else if (t.id in listed) report.listed.push(t.id);
      else report.unlisted.push({ id: t.id, expected, model });
    }
    reports.push(report);
  }
  return reports;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const explain = args.indexOf('--explain');
  if (explain >= 0) {
    const id = args[explain + 1];
    const tests = await loadTests();
    const t = tests.find((x) => x.id === id);
    if (!t) {
      console.log(`no test ${id}`);
      return 2;
    }
    console.log(JSON.stringify(t, null, 1));
    for (const p of PROFILES) {
      const published = p.results ? readResults(p.results)[t.id] : '(rfc: pass)';
      console.log(`${p.name}: applies=${applies(t, p)} model=${JSON.stringify(simulate(t, p))} published=${JSON.stringify(published)}`);
    }
    return 0;
  }
  const reports = await runAll();
  if (args.includes('--unlisted')) {
    const out: Record<string, Record<string, { expected: boolean; model: Outcome }>> = {};
    for (const r of reports) for (const u of r.unlisted) (out[r.profile] ??= {})[u.id] = { expected: u.expected, model: u.model };
    console.log(JSON.stringify(out, null, 1));
    return 0;
  }
  let bad = 0;
  for (const r of reports) {
    const failed = r.unlisted.length + r.fixed.length;
    bad += failed;
    console.log(`cache-tests (${r.profile}): ${r.agree + r.listed.length} passed, ${failed} failed`);
  }
  for (const r of reports) {
    const pct = r.total ? ((100 * r.agree) / r.total).toFixed(1) : '0';
    console.log(
      `FIGURE cache-tests (${r.profile}): ${r.agree}/${r.total} agree (${pct}%), ${r.listed.length} listed departures, ${r.excluded} excluded`,
    );
  }
  for (const r of reports) {
    for (const u of r.unlisted) {
      console.log(
        `DISAGREES ${r.profile} ${u.id}: expected ${u.expected ? 'pass' : 'fail'}, model ${u.model === true ? 'passes' : 'fails: ' + u.model.join(': ')}`,
      );
    }
    for (const id of r.fixed) console.log(`AGREES NOW ${r.profile} ${id}: remove it from departures.json`);
  }
  return bad ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}

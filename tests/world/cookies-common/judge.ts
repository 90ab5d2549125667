/**
 * Shared by the cookie suites under tests/world (http-state, cookies-wpt, ...): runs one committed
 * `*-cases.json` (cookie-cases/1, mostly parse-then-send) through scripts/conformance.ts and judges each
 * disagreement against the suite's committed `superseded.json`.
 *
 * A case that agrees with the engine passes. A disagreement passes only when the case is listed (its expectation is
 * not current RFC 6265bis / Chrome behaviour, with the reason written down). A disagreement that is not listed fails,
 * and so does a listed case that has started to agree (the list must stay the truth).
 */
import { existsSync, readFileSync } from 'node:fs';
import { runCaseFile } from '../../../scripts/conformance';
import { runCookieCase } from '../../../src/core/cookies/conformance';

export interface SupersededEntry {
  id: string;
  reason: string;
}

export function readSuperseded(path: string): SupersededEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return [];
  }
  const list = Array.isArray(doc)
    ? doc
    : Array.isArray((doc as { cases?: unknown } | null)?.cases)
      ? (doc as { cases: unknown[] }).cases
      : [];
  return list.filter(
    (e): e is SupersededEntry => !!e && typeof (e as SupersededEntry).id === 'string' && typeof (e as SupersededEntry).reason === 'string',
  );
}

/** Prints `<suite>: N passed, N failed`, a FIGURE line and the details; returns the number of failures. */
export async function judgeSuite(
  suite: string,
  casesPath: string,
  supersededPath: string,
  out: (l: string) => void = (l) => console.log(l),
): Promise<number> {
  const result = await runCaseFile(casesPath);
  if (result.error) {
    out(`${suite}: 0 passed, 1 failed`);
    out(`NOT RUN ${suite}: ${result.error}`);
    return 1;
  }
  const listed = new Map(readSuperseded(supersededPath).map((e) => [e.id, e.reason]));
  const disagreeing = new Map(result.failures.map((f) => [f.id, f]));
  const total = result.passed + result.failed;
  const problems: string[] = [];
  let knownDepartures = 0;
  for (const f of result.failures) {
    if (listed.has(f.id)) knownDepartures++;
    else {
      problems.push(`FAIL ${suite} ${f.id} (disagrees and is not on superseded.json)`);
      problems.push(`  expected: ${JSON.stringify(f.expected)}`);
      problems.push(`  actual:   ${JSON.stringify(f.actual)}`);
    }
  }
  const ids = new Set<string>();
  const doc = JSON.parse(readFileSync(casesPath, 'utf8')) as { cases: Array<{ id?: unknown } | null> };
  for (const c of doc.cases) if (typeof c?.id === 'string') ids.add(c.id);
  for (const [id, reason] of listed) {
    if (!ids.has(id)) problems.push(`FAIL ${suite} ${id} is on superseded.json but is not a case (${reason})`);
    else if (!disagreeing.has(id))
      problems.push(`FAIL ${suite} ${id} is on superseded.json but now agrees: take it off the list (${reason})`);
  }
  const failed = problems.filter((l) => l.startsWith('FAIL ')).length;
  out(`${suite}: ${total - failed} passed, ${failed} failed`);
  out(`FIGURE ${suite}: ${result.passed}/${total} agree, ${knownDepartures} listed as superseded`);
  for (const l of problems) out(l);
  if (process.env.VERBOSE) {
    for (const f of result.failures.filter((x) => listed.has(x.id))) {
      out(`SUPERSEDED ${f.id}: ${listed.get(f.id)}`);
      out(`  expected: ${JSON.stringify(f.expected)}`);
      out(`  actual:   ${JSON.stringify(f.actual)}`);
    }
  }
  return failed;
}

/**
 * Compares the engine with a recorded Chromium run (chromium-check.ts / chromium-replay.ts output: a
 * "chromium: <version>\tat <epoch s>" line, then "<id>\t(suite|case): <expected>\tchromium: <Cookie header>"), each
 * case judged at the time of the run. Returns the FIGURE text; shown, not counted.
 */
export function chromiumFigure(suite: string, casesPath: string, tsvPath: string): string {
  if (!existsSync(tsvPath)) return `${suite}: no recorded Chromium run`;
  const lines = readFileSync(tsvPath, 'utf8').split('\n');
  const head = /^chromium: (.+)\tat (\d+)$/.exec(lines[0] ?? '');
  if (!head) return `${suite}: the recorded Chromium run has no header`;
  const at = Number(head[2]);
  const cases = new Map<string, Record<string, unknown>>();
  for (const c of (JSON.parse(readFileSync(casesPath, 'utf8')) as { cases: Array<Record<string, unknown>> }).cases)
    cases.set(String(c.id), c);
  let agree = 0;
  let total = 0;
  const differ: string[] = [];
  for (const line of lines.slice(1)) {
    const m = /^([^\t]+)\t(?:suite|case): .*\tchromium: (.*)$/.exec(line);
    const c = m && cases.get(m[1]!);
    if (!m || !c) continue;
    total++;
    const engine =
      runCookieCase({ ...c, now: at, send: { ...((c.send as object | null | undefined) ?? {}), now: at } }).cookieHeader ?? null;
    if (JSON.stringify(engine) === m[2]) agree++;
    else differ.push(m[1]!);
  }
  const day = new Date(at * 1000).toISOString().slice(0, 10);
  return `${suite}: engine agrees with ${head[1]} (run recorded ${day}) on ${agree}/${total} replayed cases${differ.length ? `; differs on: ${differ.slice(0, 8).join(' | ')}` : ''}`;
}

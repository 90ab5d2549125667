/**
 * npx tsx tests/world/http-state/run.ts   (VERBOSE=1 also prints the listed departures)
 *
 * Runs http-state-cases.json (made by convert.ts from vendor/) through the engine and judges the disagreements
 * against superseded.json. Prints `http-state: N passed, N failed` and `http-state-dates: ...` (the cookie-date
 * tables, judged against superseded-dates.json), each with a FIGURE line; exits 1 on any failure.
 *
 * A last FIGURE line compares the engine with the Chromium run recorded in chromium-results.tsv (made by
 * chromium-check.ts), at the time of that run. Shown, not counted: it needs no browser, and a new Chromium may move.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCookieCase } from '../../../src/core/cookies/conformance';
import { judgeSuite } from '../cookies-common/judge';

const here = dirname(fileURLToPath(import.meta.url));

function chromiumFigure(): string {
  const lines = readFileSync(join(here, 'chromium-results.tsv'), 'utf8').split('\n');
  const head = /^chromium: (.+)\tat (\d+)$/.exec(lines[0] ?? '');
  if (!head) return 'http-state: no recorded Chromium run';
  const at = Number(head[2]);
  const cases = new Map<string, Record<string, unknown>>();
  for (const c of (JSON.parse(readFileSync(join(here, 'http-state-cases.json'), 'utf8')) as { cases: Array<Record<string, unknown>> }).cases) cases.set(String(c.id), c);
  let agree = 0;
  let total = 0;
  const differ: string[] = [];
  for (const line of lines.slice(1)) {
    const m = /^(\S+)\tsuite: .*\tchromium: (.*)$/.exec(line);
    const c = m && cases.get(m[1]);
    if (!m || !c) continue;
    total++;
    const engine = runCookieCase({ ...c, now: at, send: { ...(c.send as object), now: at } }).cookieHeader ?? null;
    if (JSON.stringify(engine) === m[2]) agree++;
    else differ.push(m[1]);
  }
  const day = new Date(at * 1000).toISOString().slice(0, 10);
  return `http-state: engine agrees with ${head[1]} (run recorded ${day}) on ${agree}/${total}${differ.length ? `, differs on ${differ.slice(0, 10).join(' ')}` : ''}`;
}

(async () => {
  const failed =
    (await judgeSuite('http-state', join(here, 'http-state-cases.json'), join(here, 'superseded.json'))) +
    (await judgeSuite('http-state-dates', join(here, 'http-state-dates-cases.json'), join(here, 'superseded-dates.json')));
  try {
    console.log(`FIGURE ${chromiumFigure()}`);
  } catch (e) {
    console.log(`FIGURE http-state: Chromium comparison not made (${(e as Error).message})`);
  }
  return failed;
})().then(
  (failed) => {
    process.exitCode = failed > 0 ? 1 : 0;
  },
  (e) => {
    console.log(`http-state: 0 passed, 1 failed`);
    console.log(`NOT RUN http-state: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);

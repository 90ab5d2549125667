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
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumFigure, judgeSuite } from '../cookies-common/judge';

const here = dirname(fileURLToPath(import.meta.url));

(async () => {
  const failed =
    (await judgeSuite('http-state', join(here, 'http-state-cases.json'), join(here, 'superseded.json'))) +
    (await judgeSuite('http-state-dates', join(here, 'http-state-dates-cases.json'), join(here, 'superseded-dates.json')));
  try {
    console.log(`FIGURE ${chromiumFigure('http-state', join(here, 'http-state-cases.json'), join(here, 'chromium-results.tsv'))}`);
  } catch (e) {
    console.log(`FIGURE http-state: Chromium comparison not made (${(e as Error).message})`);
  }
  return failed;
})().then(
  (failed) => {
    process.exitCode = failed > 0 ? 1 : 0;
  },
  (e: unknown) => {
    console.log(`http-state: 0 passed, 1 failed`);
    console.log(`NOT RUN http-state: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);

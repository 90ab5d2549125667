/**
 * npx tsx tests/world/http-state/run.ts   (VERBOSE=1 also prints the listed departures)
 *
 * Runs http-state-cases.json (made by convert.ts from vendor/) through the engine and judges the disagreements
 * against superseded.json. Prints `http-state: N passed, N failed` and `http-state-dates: ...` (the cookie-date tables, judged against
 * superseded-dates.json), each with a FIGURE line; exits 1 on any failure.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeSuite } from '../cookies-common/judge';

const here = dirname(fileURLToPath(import.meta.url));
(async () =>
  (await judgeSuite('http-state', join(here, 'http-state-cases.json'), join(here, 'superseded.json'))) +
  (await judgeSuite('http-state-dates', join(here, 'http-state-dates-cases.json'), join(here, 'superseded-dates.json'))))().then(
  (failed) => {
    process.exitCode = failed > 0 ? 1 : 0;
  },
  (e) => {
    console.log(`http-state: 0 passed, 1 failed`);
    console.log(`NOT RUN http-state: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);

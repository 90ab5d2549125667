/**
 * npx tsx tests/world/cookies-wpt/run.ts   (VERBOSE=1 also prints the listed departures)
 *
 * Runs cookies-wpt-cases.json (made by convert.ts from vendor/) through the engine and judges the disagreements
 * against superseded.json. Prints `cookies-wpt: N passed, N failed` and a FIGURE line; exits 1 on any failure.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeSuite } from '../cookies-common/judge';

const here = dirname(fileURLToPath(import.meta.url));
judgeSuite('cookies-wpt', join(here, 'cookies-wpt-cases.json'), join(here, 'superseded.json')).then(
  (failed) => {
    process.exitCode = failed > 0 ? 1 : 0;
  },
  (e) => {
    console.log(`cookies-wpt: 0 passed, 1 failed`);
    console.log(`NOT RUN cookies-wpt: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);

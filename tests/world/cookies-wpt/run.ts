/**
 * npx tsx tests/world/cookies-wpt/run.ts   (VERBOSE=1 also prints the listed departures)
 *
 * Runs cookies-wpt-cases.json (made by convert.ts from vendor/) through the engine and judges the disagreements
 * against superseded.json. Prints `cookies-wpt: N passed, N failed` and a FIGURE line; exits 1 on any failure.
 * A second FIGURE line compares the engine with the Chromium run recorded in chromium-results.tsv
 * (../cookies-common/chromium-replay.ts; http cases only), at the time of that run. Shown, not counted.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumFigure, judgeSuite } from '../cookies-common/judge';

const here = dirname(fileURLToPath(import.meta.url));
(async () => {
  const failed = await judgeSuite('cookies-wpt', join(here, 'cookies-wpt-cases.json'), join(here, 'superseded.json'));
  try {
    console.log(`FIGURE ${chromiumFigure('cookies-wpt', join(here, 'cookies-wpt-cases.json'), join(here, 'chromium-results.tsv'))}`);
  } catch (e) {
    console.log(`FIGURE cookies-wpt: Chromium comparison not made (${(e as Error).message})`);
  }
  return failed;
})().then(
  (failed) => {
    process.exitCode = failed > 0 ? 1 : 0;
  },
  (e: unknown) => {
    console.log(`cookies-wpt: 0 passed, 1 failed`);
    console.log(`NOT RUN cookies-wpt: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);

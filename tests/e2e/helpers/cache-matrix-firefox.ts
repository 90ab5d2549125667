/**
 * Firefox parts of the cache matrix (tests/e2e/cache-matrix-firefox.test.ts): a plain firefox-esr (no extension)
 * driven by puppeteer-core over WebDriver BiDi, with the prefs that keep what is counted to what the HTTP cache
 * (netwerk/cache2 + nsHttpChannel) decides, and the step classification from the origin's log plus BiDi's
 * network.responseCompleted (status, fromCache) as the second witness.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { LAB_HOSTS } from '../../lab/server';
import type { MatrixLogEntry } from '../../lab/matrix';
import type { Observed } from './cache-matrix';
import { FIREFOX } from './firefox';

/**
 * Prefs set for the matrix, each with why. Firefox's defaults are kept for everything the HTTP cache itself decides
 * (browser.cache.check_doc_frequency stays 3, "when the page is out of date"; stale-while-revalidate stays on).
 */
export const MATRIX_FIREFOX_PREFS: Record<string, unknown> = {
  // The lab's *.test names resolve to loopback.
  'network.dns.localDomains': LAB_HOSTS.join(','),
  // Race Cache With Network: when the cache is slow to open an entry Firefox may send the request anyway and use
  // whichever answers first, so a fresh hit could reach the origin. Off: every use is the cache's decision.
  // https://searchfox.org/mozilla-central/search?q=rcwn.enabled (nsHttpChannel::MaybeRaceCacheWithNetwork)
  'network.http.rcwn.enabled': false,
  // bfcache: only history traversals (back/forward) can be answered from it, and the matrix never traverses history
  // (a normal navigation is a new load from a neutral page, a reload is never served from bfcache). Off anyway so a
  // page left behind is discarded rather than frozen with loads of its own.
  'browser.sessionhistory.max_total_viewers': 0,
  // No speculative or predicted loads of matrix URLs behind the test's back.
  'network.predictor.enabled': false,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'network.dns.disablePrefetch': true,
};

/** A plain firefox-esr (no extension), headless, with MATRIX_FIREFOX_PREFS. */
export async function launchPlainFirefox(): Promise<Browser> {
  // acceptInsecureCerts: the lab's https origin has a self-signed certificate (the https run of immutable).
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: MATRIX_FIREFOX_PREFS,
  });
}

/** What BiDi reported for one response to a matrix URL (network.responseCompleted / fetchError via puppeteer). */
export interface BidiResponse {
  url: string;
  status: number;
  fromCache: boolean;
  /** Epoch ms when the test process received the event. */
  atMs: number;
  failed?: boolean;
}

const CONDITIONAL = ['if-none-match', 'if-modified-since'];

/**
 * One step's witnesses mapped to an action (same vocabulary as helpers/cache-matrix.ts `classify`). The origin's log
 * says whether a request came and whether it carried validators; BiDi says how the page's own use was answered
 * (Firefox reports a use answered from the cache as fromCache with the stored status, a revalidation as the 304 it
 * got, and a stale-while-revalidate background request afterwards under the same URL).
 *  - the origin saw nothing                                              → fresh
 *  - the page's use came from the cache (BiDi: fromCache, not a 304) and
 *    the origin saw a request anyway: the background revalidation        → stale-while-revalidate
 *  - the origin saw a conditional request (304, or 200 when changed)    → revalidate
 *  - the origin saw a request without validators                        → network
 * `bidi`: the responses BiDi reported for the URL during the step, in order (failed ones are left out: Firefox
 * reports a fetchError for the frame a reload tears down).
 */
export function classifyFirefox(server: MatrixLogEntry[], bidi: BidiResponse[]): Observed {
  const brief = server.map((e) => ({ seq: e.seq, kind: e.kind, status: e.status }));
  const conditional = server.flatMap((e) =>
    e.requestHeaders.filter((h) => CONDITIONAL.includes(h.name.toLowerCase())).map((h) => `${h.name}: ${h.value}`),
  );
  const reported = bidi.filter((b) => !b.failed);
  const use = reported[0];
  const cached = !!use && use.fromCache && use.status !== 304;
  const browser: Observed['browser'] = !use ? 'none' : cached ? 'disk-cache' : 'network';
  const out: Observed = { action: null, server: brief, browser, conditional };
  if (!use) {
    out.inconsistent = server.length ? 'the origin saw a request BiDi did not report' : 'BiDi reported no use of the URL';
    return out;
  }
  if (!server.length) {
    out.action = 'fresh';
    if (!cached) out.inconsistent = `BiDi reports a ${use.status} from the network but the origin saw no request`;
    return out;
  }
  if (server.length > 1) out.inconsistent = `the origin saw ${server.length} requests for one use`;
  const first = server[0]!; // server.length checked above
  if (cached) {
    out.action = 'stale-while-revalidate';
    return out;
  }
  out.action = first.kind === 'full' ? 'network' : 'revalidate';
  out.wire = { conditional: first.kind !== 'full', status: use.status };
  if (use.status !== first.status) out.inconsistent = `BiDi reports status ${use.status}, the origin sent ${first.status}`;
  return out;
}

/** A step that did not use the URL at all (reloading a redirect's target): nothing to judge. */
export function notUsed(server: MatrixLogEntry[], bidi: BidiResponse[]): Observed {
  const out: Observed = {
    action: null,
    server: server.map((e) => ({ seq: e.seq, kind: e.kind, status: e.status })),
    browser: 'none',
    conditional: [],
  };
  if (server.length || bidi.some((b) => !b.failed)) out.inconsistent = 'a reload of the redirect target used the redirecting URL';
  return out;
}

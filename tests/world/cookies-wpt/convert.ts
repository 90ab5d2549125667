/**
 * npx tsx tests/world/cookies-wpt/convert.ts
 *
 * Turns the vendored WPT cookie tables (vendor/cookies/**) into cookie-cases/1 `parse-then-send` cases in
 * cookies-wpt-cases.json (committed; run.ts reads that file).
 *
 * Each vendored page declares its table in an inline <script> and hands every row to a helper of
 * cookies/resources/cookie-test.js. The converter runs the page's inline scripts in a bare vm context where those
 * helpers only record their arguments (the vendored helper file is evaluated first so its pure helpers, such as
 * cookieStringWithNameAndValueLengths, are the real ones). `.sub.html` files get wptserve's default substitutions.
 *
 * How a recorded row becomes a case (what the helpers and wptserve do in a browser):
 * - httpCookieTest(cookie, expected, name, defaultPath = true): the page fetches
 *   /cookies/resources/cookie.py?set=..., whose response carries one Set-Cookie per string; then document.cookie is
 *   read on the page itself (defaultPath false) or in an iframe at /cookies/resources/echo-cookie.html.
 * - httpRedirectCookieTest(cookie, expected, name, location): the same fetch from the page's origin, then
 *   document.cookie is read in an iframe at `location`.
 * - domCookieTest: script-set cookies; the engine has no document.cookie model, so these rows are skipped.
 * - set_prefixed_cookie_via_http_test({prefix, params, origin, shouldExistViaHTTP}) (cookies/prefix/*.header*.html,
 *   helper in cookies/resources/cookie-helper.sub.js, not vendored): `origin`/cookies/resources/set.py answers with
 *   "Set-Cookie: <prefix>prefixtestcookie=<random>;<params>" (the query, URL-decoded), then a fetch of
 *   `origin`/cookies/resources/list.py must carry the cookie or not. The case expects `sent` to be [that name] or [].
 *   The helper file's constants are stood in for: CROSS_SITE_HOST = not-web-platform.test (wptserve's alt host),
 *   SECURE_CROSS_SITE_ORIGIN = https://not-web-platform.test:8443. set_prefixed_cookie_via_dom_test is skipped.
 * document.cookie has the Cookie header's shape ("a=b; c=d", nameless cookies as the bare value); no table here
 * sets HttpOnly, the one thing that would make them differ. An empty expectation means no cookie at all (null).
 * A Set-Cookie string holding CR, LF or NUL cannot cross HTTP as one header line: the line ends there, which is
 * what the browser's cookie parser receives, so the converter cuts it there.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { anyText } from '../../../src/core/loose';

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, 'vendor');
/** wptserve's default config: host and subdomains, first HTTP port. */
const HOST = 'web-platform.test';
const PORT = '8000';
const HTTPS_PORT = '8443';
const ALT_HOST = `not-${HOST}`;
const SUBSTITUTIONS: Record<string, string> = {
  '{{host}}': HOST,
  '{{domains[www]}}': `www.${HOST}`,
  '{{domains[www1]}}': `www1.${HOST}`,
  '{{domains[www2.www]}}': `www2.www.${HOST}`,
  '{{ports[http][0]}}': PORT,
};
/** 2026-01-01T00:00:00Z, the reference cases' now; the tables' future dates (2027, 2038) stay in the future. */
const NOW = 1767225600;

interface Row {
  helper: 'http' | 'redirect' | 'prefix';
  cookie: unknown;
  expected: unknown;
  name: unknown;
  defaultPath?: unknown;
  location?: unknown;
  /** set_prefixed_cookie_via_http_test's options. */
  options?: { prefix?: unknown; params?: unknown; origin?: unknown; shouldExistViaHTTP?: unknown };
}

function pages(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...pages(p));
    else if (f.endsWith('.html')) out.push(p);
  }
  return out;
}

function inlineScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) if (!/\ssrc=/.test(m[1] ?? '')) out.push(m[2]!);
  return out;
}

function rowsOf(file: string, helperSource: string, pageOrigin: string): Row[] {
  let html = readFileSync(file, 'utf8');
  if (file.includes('.sub.')) for (const [k, v] of Object.entries(SUBSTITUTIONS)) html = html.split(k).join(v);
  const rows: Row[] = [];
  const sandbox: Record<string, unknown> = {};
  vm.createContext(sandbox);
  vm.runInContext(helperSource, sandbox, { timeout: 2000 });
  sandbox.httpCookieTest = (cookie: unknown, expected: unknown, name: unknown, defaultPath?: unknown) =>
    rows.push({ helper: 'http', cookie, expected, name, defaultPath });
  sandbox.httpRedirectCookieTest = (cookie: unknown, expected: unknown, name: unknown, location: unknown) =>
    rows.push({ helper: 'redirect', cookie, expected, name, location });
  sandbox.domCookieTest = () => undefined;
  sandbox.set_prefixed_cookie_via_http_test = (options: Row['options']) =>
    rows.push({ helper: 'prefix', cookie: null, expected: null, name: (options as { title?: unknown } | undefined)?.title, options });
  sandbox.set_prefixed_cookie_via_dom_test = () => undefined;
  sandbox.self = { origin: pageOrigin };
  sandbox.document = { location: { hostname: new URL(pageOrigin).hostname } };
  sandbox.CROSS_SITE_HOST = ALT_HOST;
  sandbox.SECURE_CROSS_SITE_ORIGIN = `https://${ALT_HOST}:${HTTPS_PORT}`;
  for (const s of inlineScripts(html)) vm.runInContext(s, sandbox, { timeout: 2000 });
  return rows;
}

/** What reaches the cookie parser as one Set-Cookie line. */
function wireLine(s: string): string {
  const cut = s.search(/[\r\n\0]/);
  return cut < 0 ? s : s.slice(0, cut);
}

function uniqueId(rel: string, name: unknown): string {
  let id = `${rel}: ${String(name)}`;
  for (let n = 2; seen.has(id); n++) id = `${rel}: ${String(name)} (${n})`;
  seen.add(id);
  return id;
}

function prefixCase(row: Row, rel: string, pageUrl: string): unknown {
  const o = row.options ?? {};
  const name = `${String(o.prefix)}prefixtestcookie`;
  const origin = String(o.origin);
  return {
    id: uniqueId(rel, row.name),
    kind: 'parse-then-send',
    source: `web-platform-tests ${rel}`,
    requestUrl: `${origin}/cookies/resources/set.py`,
    navigation: 'subresource',
    topLevelUrl: pageUrl,
    setCookie: [wireLine(`${name}=0.5;${String(o.params)}`)],
    now: NOW,
    send: { requestUrl: `${origin}/cookies/resources/list.py`, navigation: 'subresource', topLevelUrl: pageUrl },
    expect: { sent: o.shouldExistViaHTTP === true ? [name] : [] },
  };
}

const helperSource = readFileSync(join(vendor, 'cookies', 'resources', 'cookie-test.js'), 'utf8');
const origin = `http://${HOST}:${PORT}`;
const cases: unknown[] = [];
const seen = new Set<string>();
for (const file of pages(join(vendor, 'cookies'))) {
  const rel = relative(vendor, file).split('\\').join('/');
  // The page a row runs on: *.www.* pages open on the www subdomain, and so does domain-child.sub.html (domain.sub.html
  // opens it there). Relative fetches and iframes stay on the page's origin.
  const onWww = rel.endsWith('domain-child.sub.html') || /\.www\./.test(rel);
  const pageOrigin = /\.https\./.test(rel)
    ? `https://${onWww ? 'www.' : ''}${HOST}:${HTTPS_PORT}`
    : onWww
      ? `http://www.${HOST}:${PORT}`
      : origin;
  const pageUrl = `${pageOrigin}/${rel}`;
  for (const row of rowsOf(file, helperSource, pageOrigin)) {
    if (row.helper === 'prefix') {
      cases.push(prefixCase(row, rel, pageUrl));
      continue;
    }
    const lines = (Array.isArray(row.cookie) ? row.cookie : [row.cookie]).map((c) => wireLine(String(c)));
    const set = `${pageOrigin}/cookies/resources/cookie.py?set=${encodeURIComponent(JSON.stringify(row.cookie))}`;
    const readAt =
      row.helper === 'redirect'
        ? String(row.location)
        : row.defaultPath === false
          ? pageUrl
          : `${pageOrigin}/cookies/resources/echo-cookie.html`;
    const id = uniqueId(rel, row.name);
    const expected = anyText(row.expected ?? '');
    cases.push({
      id,
      kind: 'parse-then-send',
      source: `web-platform-tests ${rel}`,
      requestUrl: set.length > 2000 ? `${pageOrigin}/cookies/resources/cookie.py?set=(long)` : set,
      navigation: 'subresource',
      topLevelUrl: pageUrl,
      setCookie: lines,
      now: NOW,
      send: { requestUrl: readAt },
      expect: { cookieHeader: expected === '' ? null : expected },
    });
  }
}

const doc = {
  format: 'cookie-cases/1',
  description: 'web-platform-tests cookie tables (vendor/cookies) as parse-then-send cases. Generated by convert.ts; do not edit.',
  conventions: {
    hosts: `wptserve defaults: ${HOST}, www.${HOST}, www1.${HOST}, www2.www.${HOST}, ${ALT_HOST}; port ${PORT} (http), ${HTTPS_PORT} (https).`,
    time: `now = ${NOW} (2026-01-01T00:00:00Z) for both steps.`,
    request:
      'The Set-Cookie response answers a same-site fetch from the test page; the cookies are then read (document.cookie) at the URL in send.requestUrl.',
    expect: 'cookieHeader: document.cookie as the test expects it, or null for an empty string.',
  },
  cases,
};
writeFileSync(join(here, 'cookies-wpt-cases.json'), JSON.stringify(doc, null, 1) + '\n');
console.log(`cookies-wpt: wrote ${cases.length} cases`);

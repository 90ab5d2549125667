// The cache matrix (issue 7 §3, "Ask the real browser"): header combinations, each served under its own URL per run,
// as a top-level document and as a subresource, with a per-URL log of what the origin received and answered.
// tests/e2e/cache-matrix.test.ts compares what Chromium did on the next use with the engine's prediction.
//
//   /matrix/                               index (a fresh run id each time it is shown)
//   /matrix/<run>/<id>/doc/res             the combination as a document
//   /matrix/<run>/<id>/sub/page            a no-store page that fetch()es /matrix/<run>/<id>/sub/res (default cache
//                                          mode; Blink's memory cache never answers fetch(), so the HTTP cache does)
//   /matrix/<run>/<id>/frame/page          a no-store page that shows /matrix/<run>/<id>/frame/res in an <iframe>
//   /matrix/<run>/<id>/script/page         a no-store page that loads /matrix/<run>/<id>/script/res with <script src>
//                                          (Blink's memory cache may answer it: same renderer, same URL)
//   /matrix/<run>/<id>/<dest>/target       where a redirect combination points (no-store)
//   /matrix/<run>/hop                      a neutral no-store page to navigate from
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderList } from '../../src/core/types';

/** Fields of a response in wire order; a name may repeat. */
export type Fields = Array<[string, string]>;

/** When the response is made: the values an entry's fields may depend on. */
export interface FieldContext {
  /** Epoch ms, now. */
  nowMs: number;
  /** The entry's ETag (strong, quoted). */
  etag: string;
  /** A Last-Modified ten days before the lab started (IMF-fixdate). */
  lastModified: string;
}

export interface MatrixEntry {
  id: string;
  /** One plain sentence: what the combination is. */
  title: string;
  /** Status of the full response (default 200). */
  status?: number;
  /** Fields of a full response (Date, Content-Type and Content-Length are added by the server; Location for redirects). */
  fields(c: FieldContext): Fields;
  /**
   * How the origin answers a conditional request (If-None-Match / If-Modified-Since).
   *  - 'match' (default): 304 when a validator matches, else the full response.
   *  - 'changed': the resource changed: always a full 200 with a new ETag.
   * `fields304` replaces or adds fields in the 304 (by name), e.g. a new Cache-Control: a 304 that changes headers.
   */
  conditional?: { answer?: 'match' | 'changed'; fields304?(c: FieldContext): Fields };
  /**
   * Seconds the stored response must have aged (since the origin last answered for this URL) before each later use:
   * for combinations that need the clock to go stale. The test waits on the clock for it.
   */
  ageBeforeUse?: number;
}

const DAY = 86400_000;
const startedAt = Date.now();
const LAST_MODIFIED = new Date(Math.floor(startedAt / 1000) * 1000 - 10 * DAY).toUTCString();

// ------------------------------------------------------------------ date spellings (valid and malformed)
const WKD = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');
function parts(ms: number) {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return {
    wkd: WKD[d.getUTCDay()],
    weekday: WEEKDAY[d.getUTCDay()],
    dd: p2(d.getUTCDate()),
    day: d.getUTCDate(),
    mon: MON[d.getUTCMonth()],
    yyyy: String(d.getUTCFullYear()),
    yy: p2(d.getUTCFullYear() % 100),
    hms: `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`,
  };
}
export const dateSpellings = {
  /** RFC 9110 IMF-fixdate (the preferred form). */
  imf: (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toUTCString(),
  /** Obsolete RFC 850 form (valid: recipients must accept it). */
  rfc850: (ms: number) => {
    const p = parts(ms);
    return `${p.weekday}, ${p.dd}-${p.mon}-${p.yy} ${p.hms} GMT`;
  },
  /** ANSI C asctime() form (valid: recipients must accept it). */
  asctime: (ms: number) => {
    const p = parts(ms);
    return `${p.wkd} ${p.mon} ${String(p.day).padStart(2, ' ')} ${p.hms} ${p.yyyy}`;
  },
  /** IMF layout with a two-digit year (not a valid HTTP-date). */
  twoDigitYear: (ms: number) => {
    const p = parts(ms);
    return `${p.wkd}, ${p.dd} ${p.mon} ${p.yy} ${p.hms} GMT`;
  },
  /** IMF without the comma after the day name (invalid). */
  noComma: (ms: number) => {
    const p = parts(ms);
    return `${p.wkd} ${p.dd} ${p.mon} ${p.yyyy} ${p.hms} GMT`;
  },
  /** IMF with dashes between day, month and four-digit year (invalid). */
  dashes: (ms: number) => {
    const p = parts(ms);
    return `${p.wkd}, ${p.dd}-${p.mon}-${p.yyyy} ${p.hms} GMT`;
  },
  /** IMF with a numeric zone instead of GMT (invalid). */
  numericZone: (ms: number) => {
    const p = parts(ms);
    return `${p.wkd}, ${p.dd} ${p.mon} ${p.yyyy} ${p.hms} +0000`;
  },
};

const cc = (v: string): [string, string] => ['Cache-Control', v];
const etag = (c: FieldContext): [string, string] => ['ETag', c.etag];
const lm = (c: FieldContext): [string, string] => ['Last-Modified', c.lastModified];
const inADay = (c: FieldContext) => c.nowMs + DAY;

/** The combinations. Ids are stable (tests and expected-departure lists name them). */
export const MATRIX: MatrixEntry[] = [
  // explicit lifetimes
  { id: 'max-age', title: 'Cache-Control: max-age=3600, no validator', fields: () => [cc('max-age=3600')] },
  { id: 'max-age-etag', title: 'max-age=3600 with an ETag', fields: (c) => [cc('max-age=3600'), etag(c)] },
  { id: 'max-age-0-etag', title: 'max-age=0 with an ETag (stale at once)', fields: (c) => [cc('max-age=0'), etag(c)] },
  { id: 'private', title: 'private, max-age=3600 (a browser cache may keep it)', fields: () => [cc('private, max-age=3600')] },
  {
    id: 's-maxage-etag',
    title: 's-maxage=3600 only, with an ETag (s-maxage is for shared caches)',
    fields: (c) => [cc('s-maxage=3600'), etag(c)],
  },
  {
    id: 's-maxage-lm',
    title: 's-maxage=3600 only, with Last-Modified (a browser may use the heuristic)',
    fields: (c) => [cc('s-maxage=3600'), lm(c)],
  },
  {
    id: 'set-cookie-max-age',
    title: 'max-age=3600 with a Set-Cookie',
    fields: () => [cc('max-age=3600'), ['Set-Cookie', 'matrix=1; Path=/matrix/']],
  },
  { id: 'immutable-etag', title: 'max-age=3600, immutable with an ETag', fields: (c) => [cc('max-age=3600, immutable'), etag(c)] },
  {
    id: 'must-revalidate-fresh',
    title: 'max-age=3600, must-revalidate (fresh: must-revalidate does not apply yet)',
    fields: (c) => [cc('max-age=3600, must-revalidate'), etag(c)],
  },
  { id: 'age-under', title: 'max-age=3600 with Age: 60 (still fresh)', fields: () => [cc('max-age=3600'), ['Age', '60']] },
  {
    id: 'age-over-etag',
    title: 'max-age=60 with Age: 120 (stale on arrival), with an ETag',
    fields: (c) => [cc('max-age=60'), ['Age', '120'], etag(c)],
  },
  { id: 'quoted-max-age-etag', title: 'max-age="3600" (quoted form) with an ETag', fields: (c) => [cc('max-age="3600"'), etag(c)] },
  {
    id: 'duplicate-max-age-etag',
    title: 'max-age=3600, max-age=0 (conflicting duplicates) with an ETag',
    fields: (c) => [cc('max-age=3600, max-age=0'), etag(c)],
  },
  {
    id: 'no-cache-qualified',
    title: 'no-cache="Set-Cookie", max-age=3600 (qualified no-cache) with an ETag',
    fields: (c) => [cc('no-cache="Set-Cookie", max-age=3600'), etag(c)],
  },

  // no-cache / no-store
  { id: 'no-cache-etag', title: 'no-cache with an ETag', fields: (c) => [cc('no-cache'), etag(c)] },
  { id: 'no-cache-lm', title: 'no-cache with Last-Modified', fields: (c) => [cc('no-cache'), lm(c)] },
  { id: 'no-cache-both', title: 'no-cache with ETag and Last-Modified', fields: (c) => [cc('no-cache'), etag(c), lm(c)] },
  { id: 'no-cache-none', title: 'no-cache without a validator', fields: () => [cc('no-cache')] },
  { id: 'no-cache-weak-etag', title: 'no-cache with a weak ETag', fields: (c) => [cc('no-cache'), ['ETag', `W/${c.etag}`]] },
  {
    id: 'no-cache-max-age-etag',
    title: 'max-age=3600, no-cache with an ETag (no-cache wins)',
    fields: (c) => [cc('max-age=3600, no-cache'), etag(c)],
  },
  { id: 'no-store', title: 'no-store', fields: () => [cc('no-store')] },
  {
    id: 'no-store-max-age-etag',
    title: 'no-store, max-age=3600 with an ETag (no-store wins)',
    fields: (c) => [cc('no-store, max-age=3600'), etag(c)],
  },

  // heuristics
  { id: 'heuristic-lm', title: 'Last-Modified ten days ago, no explicit lifetime (heuristic: about a day)', fields: (c) => [lm(c)] },
  { id: 'heuristic-lm-etag', title: 'Last-Modified ten days ago and an ETag, no explicit lifetime', fields: (c) => [lm(c), etag(c)] },
  { id: 'no-headers', title: 'no caching headers at all', fields: () => [] },

  // Expires, valid and malformed
  { id: 'expires-imf', title: 'Expires in a day (IMF-fixdate)', fields: (c) => [['Expires', dateSpellings.imf(inADay(c))]] },
  {
    id: 'expires-rfc850',
    title: 'Expires in a day, obsolete RFC 850 form (two-digit year, valid)',
    fields: (c) => [['Expires', dateSpellings.rfc850(inADay(c))]],
  },
  {
    id: 'expires-asctime',
    title: 'Expires in a day, asctime form (valid)',
    fields: (c) => [['Expires', dateSpellings.asctime(inADay(c))]],
  },
  {
    id: 'expires-two-digit-year',
    title: 'Expires in a day, IMF layout with a two-digit year (malformed)',
    fields: (c) => [['Expires', dateSpellings.twoDigitYear(inADay(c))]],
  },
  {
    id: 'expires-no-comma',
    title: 'Expires in a day without the comma (malformed)',
    fields: (c) => [['Expires', dateSpellings.noComma(inADay(c))]],
  },
  {
    id: 'expires-dashes',
    title: 'Expires in a day with dashes and a four-digit year (malformed)',
    fields: (c) => [['Expires', dateSpellings.dashes(inADay(c))]],
  },
  {
    id: 'expires-numeric-zone',
    title: 'Expires in a day with +0000 instead of GMT (malformed)',
    fields: (c) => [['Expires', dateSpellings.numericZone(inADay(c))]],
  },
  { id: 'expires-zero', title: 'Expires: 0 (invalid: already expired)', fields: () => [['Expires', '0']] },
  { id: 'expires-zero-lm', title: 'Expires: 0 with Last-Modified ten days ago', fields: (c) => [['Expires', '0'], lm(c)] },
  {
    id: 'expires-past-etag',
    title: 'Expires in the past with an ETag',
    fields: (c) => [['Expires', 'Thu, 01 Jan 2015 00:00:00 GMT'], etag(c)],
  },
  {
    id: 'expires-past-max-age',
    title: 'Expires in the past but max-age=3600 (max-age wins)',
    fields: () => [cc('max-age=3600'), ['Expires', 'Thu, 01 Jan 2015 00:00:00 GMT']],
  },

  // going stale with the clock
  { id: 'stale-etag', title: 'max-age=1, used when stale, with an ETag', fields: (c) => [cc('max-age=1'), etag(c)], ageBeforeUse: 1.2 },
  { id: 'stale-lm', title: 'max-age=1, used when stale, with Last-Modified', fields: (c) => [cc('max-age=1'), lm(c)], ageBeforeUse: 1.2 },
  { id: 'stale-none', title: 'max-age=1, used when stale, no validator', fields: () => [cc('max-age=1')], ageBeforeUse: 1.2 },
  {
    id: 'stale-etag-changed',
    title: 'max-age=1, used when stale; the resource changed, so the conditional request gets a full 200',
    fields: (c) => [cc('max-age=1'), etag(c)],
    conditional: { answer: 'changed' },
    ageBeforeUse: 1.2,
  },
  {
    id: 'must-revalidate-stale',
    title: 'max-age=1, must-revalidate, used when stale, with an ETag',
    fields: (c) => [cc('max-age=1, must-revalidate'), etag(c)],
    ageBeforeUse: 1.2,
  },
  {
    id: 'swr-inside-etag',
    title: 'max-age=1, stale-while-revalidate=60, used inside the window, with an ETag',
    fields: (c) => [cc('max-age=1, stale-while-revalidate=60'), etag(c)],
    ageBeforeUse: 1.2,
  },
  {
    id: 'swr-inside-none',
    title: 'max-age=1, stale-while-revalidate=60, used inside the window, no validator',
    fields: () => [cc('max-age=1, stale-while-revalidate=60')],
    ageBeforeUse: 1.2,
  },
  {
    id: 'swr-outside-etag',
    title: 'max-age=1, stale-while-revalidate=1, used after the window, with an ETag',
    fields: (c) => [cc('max-age=1, stale-while-revalidate=1'), etag(c)],
    ageBeforeUse: 2.3,
  },
  {
    id: 'swr-must-revalidate',
    title: 'max-age=1, must-revalidate, stale-while-revalidate=60, used when stale, with an ETag',
    fields: (c) => [cc('max-age=1, must-revalidate, stale-while-revalidate=60'), etag(c)],
    ageBeforeUse: 1.2,
  },

  // a 304 that changes headers
  {
    id: '304-new-max-age',
    title: 'no-cache with an ETag; the 304 says Cache-Control: max-age=3600',
    fields: (c) => [cc('no-cache'), etag(c)],
    conditional: { fields304: () => [cc('max-age=3600')] },
  },
  {
    id: '304-new-no-cache',
    title: 'max-age=1 with an ETag, used when stale; the 304 says Cache-Control: no-cache',
    fields: (c) => [cc('max-age=1'), etag(c)],
    conditional: { fields304: () => [cc('no-cache')] },
    ageBeforeUse: 1.2,
  },
  {
    id: '304-no-store',
    title: 'max-age=1 with an ETag, used when stale; the 304 says Cache-Control: no-store',
    fields: (c) => [cc('max-age=1'), etag(c)],
    conditional: { fields304: () => [cc('no-store')] },
    ageBeforeUse: 1.2,
  },
  {
    id: '304-new-etag',
    title: 'no-cache with an ETag; the 304 carries a different ETag',
    fields: (c) => [cc('no-cache'), etag(c)],
    conditional: { fields304: (c) => [['ETag', c.etag.replace(/"$/, '-b"')]] },
  },

  // Vary
  {
    id: 'vary-accept-encoding',
    title: 'max-age=3600, Vary: Accept-Encoding',
    fields: () => [cc('max-age=3600'), ['Vary', 'Accept-Encoding']],
  },
  { id: 'vary-star', title: 'max-age=3600, Vary: *', fields: () => [cc('max-age=3600'), ['Vary', '*']] },
  { id: 'vary-star-etag', title: 'max-age=3600, Vary: * with an ETag', fields: (c) => [cc('max-age=3600'), ['Vary', '*'], etag(c)] },

  // Pragma
  { id: 'pragma-etag', title: 'Pragma: no-cache only, with an ETag', fields: (c) => [['Pragma', 'no-cache'], etag(c)] },
  { id: 'pragma-lm', title: 'Pragma: no-cache only, with Last-Modified', fields: (c) => [['Pragma', 'no-cache'], lm(c)] },
  {
    id: 'pragma-max-age-etag',
    title: 'max-age=3600 and Pragma: no-cache, with an ETag',
    fields: (c) => [cc('max-age=3600'), ['Pragma', 'no-cache'], etag(c)],
  },

  // statuses
  { id: '301-max-age', title: '301 with max-age=3600', status: 301, fields: () => [cc('max-age=3600')] },
  { id: '301-plain', title: '301 without any lifetime', status: 301, fields: () => [] },
  { id: '302-max-age', title: '302 with max-age=3600', status: 302, fields: () => [cc('max-age=3600')] },
  { id: '302-plain', title: '302 without any lifetime', status: 302, fields: () => [] },
  { id: '308-plain', title: '308 without any lifetime', status: 308, fields: () => [] },
  { id: '404-max-age', title: '404 with max-age=3600', status: 404, fields: () => [cc('max-age=3600')] },
  { id: '404-lm', title: '404 with Last-Modified ten days ago, no explicit lifetime', status: 404, fields: (c) => [lm(c)] },
  { id: '410-plain', title: '410 without any lifetime', status: 410, fields: () => [] },
  { id: '410-max-age', title: '410 with max-age=3600', status: 410, fields: () => [cc('max-age=3600')] },
];

/** doc: the top-level document; sub: fetch() from a page; frame: an <iframe> in a page; script: <script src> in a page. */
export type MatrixDestination = 'doc' | 'sub' | 'frame' | 'script';
export const MATRIX_DESTINATIONS: readonly MatrixDestination[] = ['doc', 'sub', 'frame', 'script'];

export interface MatrixLogEntry {
  /** Order of arrival over the whole matrix. */
  seq: number;
  /** Path and query. */
  path: string;
  /** Absolute URL as the browser asked for it (scheme from the listener, Host header). */
  url: string;
  method: string;
  /** What the origin received, in wire order. */
  requestHeaders: HeaderList;
  status: number;
  /** What the origin sent, in wire order (Date included). */
  responseHeaders: HeaderList;
  /** Epoch ms: request received, response headers written, response finished. */
  requestTimeMs: number;
  responseTimeMs: number;
  endTimeMs: number | null;
  /** 'full': no validators in the request; 'conditional-304' / 'conditional-200': it carried If-None-Match or If-Modified-Since. */
  kind: 'full' | 'conditional-304' | 'conditional-200';
}

export interface Matrix {
  entries: readonly MatrixEntry[];
  /** Paths of one combination in one run. */
  paths(run: string, id: string, dest: MatrixDestination): { res: string; page: string; target: string; hop: string };
  /** The per-URL log: everything the origin received for `path` (path and query), oldest first. */
  log(path: string): MatrixLogEntry[];
  /** Every matrix request, oldest first. */
  all(): MatrixLogEntry[];
  /** Serves a /matrix/ request; false when the path is not the matrix's. */
  handle(req: IncomingMessage, res: ServerResponse, secure: boolean): boolean;
}

const PREFIX = '/matrix/';
const RUN_RE = /^[A-Za-z0-9_-]{1,40}$/;

function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function rawHeaders(req: IncomingMessage): HeaderList {
  const out: HeaderList = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) out.push({ name: req.rawHeaders[i]!, value: req.rawHeaders[i + 1]! }); // i + 1 < length
  return out;
}

/** Weak comparison (RFC 9110 §8.8.3.2): If-None-Match matches when the opaque tags agree, W/ or not. */
function inmMatches(header: string, current: string[]): boolean {
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  const wanted = new Set(current.map(strip));
  return header.split(',').some((t) => t.trim() === '*' || wanted.has(strip(t)));
}

function merge(base: Fields, changes: Fields): Fields {
  const names = new Set(changes.map(([n]) => n.toLowerCase()));
  return [...base.filter(([n]) => !names.has(n.toLowerCase())), ...changes];
}

export function createMatrix(): Matrix {
  const byPath = new Map<string, MatrixLogEntry[]>();
  const everything: MatrixLogEntry[] = [];
  const byId = new Map(MATRIX.map((e) => [e.id, e]));
  let seq = 0;

  const paths = (run: string, id: string, dest: MatrixDestination) => {
    const base = `${PREFIX}${run}/${id}/${dest}`;
    return { res: `${base}/res`, page: `${base}/page`, target: `${base}/target`, hop: `${PREFIX}${run}/hop` };
  };

  function write(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    fields: Fields,
    body: string,
    entry: MatrixLogEntry | null,
  ): void {
    const buf = Buffer.from(req.method === 'HEAD' ? '' : body);
    const all: Fields = [['Date', new Date().toUTCString()], ...fields];
    if (status !== 304) all.push(['Content-Length', String(Buffer.byteLength(body))]);
    const flat: string[] = [];
    for (const [n, v] of all) flat.push(n, v);
    res.writeHead(status, flat);
    if (entry) {
      entry.status = status;
      entry.responseHeaders = all.map(([name, value]) => ({ name, value }));
      entry.responseTimeMs = Date.now();
      res.once('finish', () => (entry.endTimeMs = Date.now()));
    }
    res.end(buf);
  }

  const html = (title: string, body: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`;

  function index(req: IncomingMessage, res: ServerResponse): void {
    const run = `r${Date.now().toString(36)}`;
    const rows = MATRIX.map((e) => {
      const d = paths(run, e.id, 'doc');
      const s = paths(run, e.id, 'sub');
      const f = paths(run, e.id, 'frame');
      const j = paths(run, e.id, 'script');
      return `<li><code>${esc(e.id)}</code>: ${esc(e.title)} · <a href="${esc(d.res)}">document</a> · <a href="${esc(s.page)}">fetched</a> · <a href="${esc(f.page)}">in an iframe</a> · <a href="${esc(j.page)}">as a script</a></li>`;
    }).join('');
    write(
      req,
      res,
      200,
      [
        ['Content-Type', 'text/html; charset=utf-8'],
        ['Cache-Control', 'no-store'],
      ],
      html(
        'Cache matrix',
        `<h1>Cache matrix (run ${esc(run)})</h1><p>Each combination has its own URL in this run, so your cache starts empty for it. Open one, then follow a link to it again or reload, and see in Cache Lens what the browser did.</p><ul>${rows}</ul>`,
      ),
      null,
    );
  }

  function handle(req: IncomingMessage, res: ServerResponse, secure: boolean): boolean {
    const raw = req.url ?? '/';
    if (!raw.startsWith(PREFIX) && raw !== '/matrix') return false;
    const url = new URL(raw, `${secure ? 'https' : 'http'}://${req.headers.host ?? 'lab.test'}`);
    const seg = url.pathname.slice(PREFIX.length).split('/');
    if (url.pathname === '/matrix' || url.pathname === PREFIX) {
      index(req, res);
      return true;
    }
    const entry: MatrixLogEntry = {
      seq: ++seq,
      path: url.pathname + url.search,
      url: url.href,
      method: req.method ?? 'GET',
      requestHeaders: rawHeaders(req),
      status: 0,
      responseHeaders: [],
      requestTimeMs: Date.now(),
      responseTimeMs: 0,
      endTimeMs: null,
      kind: req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined ? 'conditional-200' : 'full',
    };
    const list = byPath.get(entry.path) ?? [];
    list.push(entry);
    byPath.set(entry.path, list);
    everything.push(entry);

    const noStore: Fields = [['Cache-Control', 'no-store']];
    const [run, second, dest, leaf] = seg;
    if (run === undefined || !RUN_RE.test(run)) {
      write(req, res, 404, [['Content-Type', 'text/plain'], ...noStore], 'bad run id', entry);
      return true;
    }
    if (second === 'hop' && seg.length === 2) {
      write(req, res, 200, [['Content-Type', 'text/html; charset=utf-8'], ...noStore], html('hop', '<p>hop</p>'), entry);
      return true;
    }
    const m = byId.get(second ?? '');
    if (!m || !MATRIX_DESTINATIONS.includes(dest as MatrixDestination) || seg.length !== 4) {
      write(req, res, 404, [['Content-Type', 'text/plain'], ...noStore], 'no such matrix path', entry);
      return true;
    }
    const isDoc = dest === 'doc' || dest === 'frame';
    const type: [string, string] = ['Content-Type', isDoc ? 'text/html; charset=utf-8' : 'text/javascript'];
    const body = (what: string) =>
      isDoc
        ? html(`${m.id} ${what}`, `<p id="what">${esc(m.id)} ${esc(what)}</p>`)
        : `window.__matrix = (window.__matrix || []).concat(${JSON.stringify(`${m.id} ${what}`)});\n`;
    if (leaf === 'page' && dest !== 'doc') {
      // window.__matrixDone: true once the resource has loaded (or failed), so a test can wait for it.
      const load =
        dest === 'sub'
          ? `<script>window.__matrixDone = false; fetch('res').then((r) => r.text()).then(() => { window.__matrixDone = true; }, () => { window.__matrixDone = 'error'; });</script>`
          : dest === 'frame'
            ? `<script>window.__matrixDone = false;</script><iframe src="res" onload="window.__matrixDone = true"></iframe>`
            : `<script>window.__matrixDone = false;</script><script src="res" onload="window.__matrixDone = true" onerror="window.__matrixDone = 'error'"></script>`;
      write(
        req,
        res,
        200,
        [['Content-Type', 'text/html; charset=utf-8'], ...noStore],
        html(`${m.id} page`, `<p>${esc(m.id)}</p>${load}`),
        entry,
      );
      return true;
    }
    if (leaf === 'target') {
      write(req, res, 200, [type, ...noStore], body('redirect target'), entry);
      return true;
    }
    if (leaf !== 'res') {
      write(req, res, 404, [['Content-Type', 'text/plain'], ...noStore], 'no such matrix path', entry);
      return true;
    }

    const ctx: FieldContext = { nowMs: Date.now(), etag: `"${m.id}-1"`, lastModified: LAST_MODIFIED };
    const status = m.status ?? 200;
    const full = m.fields(ctx);
    if (status >= 300 && status < 400) full.push(['Location', paths(run, m.id, dest as MatrixDestination).target]);
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    if (entry.kind !== 'full' && (m.conditional?.answer ?? 'match') === 'match') {
      const changes = m.conditional?.fields304?.(ctx) ?? [];
      const tags = [...full, ...changes].filter(([n]) => n.toLowerCase() === 'etag').map(([, v]) => v);
      const lastMod = full.find(([n]) => n.toLowerCase() === 'last-modified')?.[1];
      const matched =
        inm !== undefined
          ? inmMatches(inm, tags)
          : ims !== undefined && lastMod !== undefined && !Number.isNaN(Date.parse(ims)) && Date.parse(ims) >= Date.parse(lastMod);
      if (matched) {
        entry.kind = 'conditional-304';
        const fields304 = merge(full, changes).filter(([n]) => !['content-type', 'set-cookie', 'location'].includes(n.toLowerCase()));
        write(req, res, 304, fields304, '', entry);
        return true;
      }
    }
    if (m.conditional?.answer === 'changed' && entry.kind !== 'full') {
      const changed = full.map(([n, v]): [string, string] => (n.toLowerCase() === 'etag' ? [n, `"${m.id}-2"`] : [n, v]));
      write(req, res, status, [type, ...changed], body('changed'), entry);
      return true;
    }
    write(req, res, status, [type, ...full], body(`status ${status}`), entry);
    return true;
  }

  return {
    entries: MATRIX,
    paths,
    log: (path) => (byPath.get(path) ?? []).slice(),
    all: () => everything.slice(),
    handle,
  };
}

/**
 * URL shape tests used by cache findings: does the URL carry a version or content hash (cache busting), and is it
 * a file whose changes users expect to see at once (HTML, CSS, JS)? Linear scans, no backtracking.
 */

const MAX_URL = 2048;
const VERSION_QUERY_KEYS = new Set(['v', 'ver', 'version', 'hash', 'h', 'rev', 'build', 'cb', 't', 'ts', '_']);
const WATCHED_EXTENSIONS = new Set(['css', 'js', 'mjs', 'html', 'htm']);
const WATCHED_TYPES = new Set(['stylesheet', 'script', 'main_frame', 'sub_frame']);

export interface UrlShape {
  versioned: boolean;
  /** Lower-case extension of the last path segment, '' when none. */
  extension: string;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A hash-like chunk: ≥ 8 letters/digits containing at least one digit and one letter, or ≥ 8 hex digits. */
function looksLikeHash(s: string): boolean {
  if (s.length < 8 || s.length > 128) return false;
  let digits = 0;
  let letters = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (!isAlnum(c)) return false;
    if (c <= 57) digits++;
    else letters++;
  }
  return digits > 0 && (letters > 0 || s.length >= 10);
}

/** "1.2.3", "v2", "v1.0" */
function looksLikeVersion(s: string): boolean {
  let k = s[0] === 'v' || s[0] === 'V' ? 1 : 0;
  if (k >= s.length) return false;
  let sawDigit = false;
  let dots = 0;
  for (; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) sawDigit = true;
    else if (c === 46 && sawDigit) dots++;
    else return false;
  }
  return sawDigit && (dots > 0 || s[0] === 'v' || s[0] === 'V');
}

export function urlShape(url: string): UrlShape {
  const u = typeof url === 'string' ? url.slice(0, MAX_URL) : '';
  const hashAt = u.indexOf('#');
  const end = hashAt >= 0 ? hashAt : u.length;
  const q = u.indexOf('?');
  const queryAt = q >= 0 && q < end ? q : -1;
  const pathEnd = queryAt >= 0 ? queryAt : end;
  // The path is what follows the authority ("scheme://host"), or the whole part before the query without a scheme.
  const schemeEnd = u.indexOf('://');
  const hasScheme = schemeEnd >= 0 && schemeEnd + 3 <= pathEnd;
  const slash = hasScheme ? u.indexOf('/', schemeEnd + 3) : 0;
  const pathStart = hasScheme ? (slash >= 0 && slash < pathEnd ? slash : -1) : 0;
  // Segments are the non-empty runs between "/" in [pathStart, pathEnd), scanned in place (no split, no slices).
  let versioned = false;
  let lastStart = -1;
  let lastEnd = -1;
  if (pathStart >= 0) {
    let start = pathStart;
    for (let k = pathStart; k <= pathEnd; k++) {
      if (k < pathEnd && u.charCodeAt(k) !== 47) continue;
      if (k > start) {
        lastStart = start;
        lastEnd = k;
        if (!versioned && segmentVersioned(u, start, k)) versioned = true;
      }
      start = k + 1;
    }
  }
  let extension = '';
  if (lastStart >= 0) {
    const dot = lastDot(u, lastStart + 1, lastEnd);
    if (dot >= 0) extension = u.slice(dot + 1, lastEnd).toLowerCase();
  }
  if (!versioned && queryAt >= 0 && queryAt + 1 < end) versioned = queryVersioned(u.slice(queryAt + 1, end));
  return { versioned, extension };
}

/**
 * A version ("v2", "1.2.3") or hash as the whole segment u[a, b), or a hash as one of its chunks between the
 * separators . - _ ~ @ + (a chunk holds no ".", so only the hash test applies to chunks).
 */
function segmentVersioned(u: string, a: number, b: number): boolean {
  // In place where a test is a plain character scan; a regex runs only on a segment that could match it.
  if (versionAt(u, a, b) || hashAt(u, a, b) || bundlerHashAt(u, a, b)) return true;
  if (dottedDigits(u, a, b) && EMBEDDED_VERSION.test(u.slice(a, b))) return true;
  let start = a;
  for (let k = a; k <= b; k++) {
    const c = k < b ? u.charCodeAt(k) : 46;
    if (c === 46 || c === 45 || c === 95 || c === 126 || c === 64 || c === 43) {
      if (k - start >= 8 && hashAt(u, start, k)) return true;
      if ((k - start === 6 || k - start === 7) && shortHexAt(u, start, k)) return true;
      if (k - start >= 8 && digitsAt(u, start, k)) return true;
      start = k + 1;
    }
  }
  return false;
}

/** The last "." in u[a, b), or -1: a loop (lastIndexOf with a start position is a slow call for these short spans). */
function lastDot(u: string, a: number, b: number): number {
  for (let k = b - 1; k >= a; k--) if (u.charCodeAt(k) === 46) return k;
  return -1;
}

/** looksLikeVersion(u.slice(a, b)) without the slice. */
function versionAt(u: string, a: number, b: number): boolean {
  const c0 = a < b ? u.charCodeAt(a) : 0;
  const v = c0 === 118 || c0 === 86; // "v" or "V"
  let k = v ? a + 1 : a;
  if (k >= b) return false;
  let sawDigit = false;
  let dots = 0;
  for (; k < b; k++) {
    const c = u.charCodeAt(k);
    if (c >= 48 && c <= 57) sawDigit = true;
    else if (c === 46 && sawDigit) dots++;
    else return false;
  }
  return sawDigit && (dots > 0 || v);
}

/**
 * bundlerHash(u.slice(a, b)) with BUNDLER_SUFFIX read in place: its extension holds no ".", so the only place it can
 * match is the last "." of the segment, with eight name characters and a "-" or "." before it.
 */
function bundlerHashAt(u: string, a: number, b: number): boolean {
  const dot = lastDot(u, a, b);
  if (dot < a + 9 || b - dot - 1 < 1 || b - dot - 1 > 8) return false;
  for (let k = dot + 1; k < b; k++) if (!isAlnum(u.charCodeAt(k))) return false;
  for (let k = dot - 8; k < dot; k++) {
    const c = u.charCodeAt(k);
    if (!isAlnum(c) && c !== 45 && c !== 95) return false;
  }
  const before = u.charCodeAt(dot - 9);
  return (before === 45 || before === 46) && bundlerHashChars(u.slice(dot - 8, dot));
}

/** EMBEDDED_VERSION needs a digit, ".", digit somewhere in u[a, b): without one it cannot match. */
function dottedDigits(u: string, a: number, b: number): boolean {
  for (let k = a + 1; k < b - 1; k++) {
    if (u.charCodeAt(k) !== 46) continue;
    const p = u.charCodeAt(k - 1);
    const n = u.charCodeAt(k + 1);
    if (p >= 48 && p <= 57 && n >= 48 && n <= 57) return true;
  }
  return false;
}

/** A short hex content hash as the chunk u[a, b) (`app.3f9a1c.js`): 6 or 7 of [0-9a-f], at least one digit and one letter. */
function shortHexAt(u: string, a: number, b: number): boolean {
  if (b - a !== 6 && b - a !== 7) return false;
  let digit = false;
  let letter = false;
  for (let k = a; k < b; k++) {
    const c = u.charCodeAt(k);
    if (c >= 48 && c <= 57) digit = true;
    else if (c >= 97 && c <= 102) letter = true;
    else return false;
  }
  return digit && letter;
}

/** DIGIT_STAMP.test(u.slice(a, b)) in place: eight or more of [0-9]. */
function digitsAt(u: string, a: number, b: number): boolean {
  if (b - a < 8) return false;
  for (let k = a; k < b; k++) {
    const c = u.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Rollup / Vite name their chunks `name-HASH.ext` with an 8-character base64url hash that may itself hold "-" and
 * "_" (`index-BZ_Jx9a-.js`): the eight characters before the extension, after a "-" or ".", count as a hash when
 * they hold a digit, a "-" or "_", or a capital after the first letter (so words such as `-carousel` do not).
 * Real names of the common bundlers are the test data (urls.test.ts).
 */
const BUNDLER_SUFFIX = /[-.]([A-Za-z0-9_-]{8})\.[A-Za-z0-9]{1,8}$/;

/** A dotted version inside a name: `adrum-4.5.12.2461.js`, `jquery-1.12.4.min.js`, `fz-1.3.8-min.js`. */
export const EMBEDDED_VERSION = /(?:^|[-_@.vV])\d+(?:\.\d+)+(?=[-_.+~]|$)/;
/** A build or date stamp of eight or more digits as a chunk of a name or path (`/20150828-152658/`). */
export const DIGIT_STAMP = /^\d{8,}$/;

/**
 * A query that versions the URL: a known key (v=, ver=, rev=, revisionid=, build=, ...), or a value or bare token that
 * looks like a hash, a UUID, a timestamp or a version (`?1440665195`, `?revisionid=f12b0ae7-…`, `?d938a8x`).
 */
export function queryVersioned(query: string): boolean {
  for (const pair of query.split('&', 32)) {
    const eq = pair.indexOf('=');
    const key = (eq >= 0 ? pair.slice(0, eq) : '').toLowerCase();
    const value = eq >= 0 ? pair.slice(eq + 1) : pair;
    if (!value) continue;
    if (eq >= 0 && (VERSION_QUERY_KEYS.has(key) || VERSION_KEY_WORDS.test(key))) return true;
    if (VERSION_VALUE.test(value) || looksLikeHash(value) || looksLikeVersion(value)) return true;
    if (eq < 0 && SHORT_TOKEN.test(value)) return true;
  }
  return false;
}
const VERSION_KEY_WORDS = /(?:version|revision|rev|hash|build|release|cachebust|buster)(?:id)?$/;
/** A UUID, or a timestamp of at least 9 digits. */
const VERSION_VALUE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{9,})$/i;
/** A bare token of 6-12 letters and digits with at least one digit (`?d938a8x`). */
const SHORT_TOKEN = /^(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]{6,12}$/;

export function bundlerHash(segment: string): boolean {
  const m = BUNDLER_SUFFIX.exec(segment);
  if (!m) return false;
  return bundlerHashChars(m[1]!); // the group is not optional
}

/** The eight characters of a bundler suffix: a hash when they hold a digit, "-" or "_", or a capital after a lower-case letter somewhere. */
function bundlerHashChars(h: string): boolean {
  return /[0-9_-]/.test(h) || (/[a-z]/.test(h) && /[A-Z]/.test(h.slice(1)));
}

/** looksLikeHash(u.slice(a, b)) without the slice. */
function hashAt(u: string, a: number, b: number): boolean {
  const n = b - a;
  if (n < 8 || n > 128) return false;
  let digits = 0;
  let letters = 0;
  for (let k = a; k < b; k++) {
    const c = u.charCodeAt(k);
    if (!isAlnum(c)) return false;
    if (c <= 57) digits++;
    else letters++;
  }
  return digits > 0 && (letters > 0 || n >= 10);
}

/** HTML, CSS or JS: files whose edits developers expect to see on the next reload. */
export function isWatchedFile(shape: UrlShape, resourceType: string | undefined): boolean {
  return WATCHED_EXTENSIONS.has(shape.extension) || (resourceType !== undefined && WATCHED_TYPES.has(resourceType));
}

const STATIC_EXTENSIONS = new Set([
  'css',
  'js',
  'mjs',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'avif',
  'svg',
  'woff',
  'woff2',
  'ttf',
  'otf',
  'ico',
]);
const STATIC_TYPES = new Set(['stylesheet', 'script', 'image', 'font']);

/** A static file (style, script, image, font) as opposed to a page or an API answer, whose freshness is by design. */
export function isStaticAsset(extension: string, resourceType: string | undefined): boolean {
  if (resourceType === 'main_frame' || resourceType === 'sub_frame' || resourceType === 'xmlhttprequest') return false;
  return STATIC_EXTENSIONS.has(extension) || (resourceType !== undefined && STATIC_TYPES.has(resourceType));
}

/** "45 s", "12 min", "3 h", "5 days", "1 year". */
export function humanDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s >= 2147483648) return 'forever';
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.round(s / 3600)} h`;
  if (s < 63072000) return `${Math.round(s / 86400)} days`;
  return `${Math.round(s / 31536000)} years`;
}

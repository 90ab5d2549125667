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

function splitChunks(s: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let k = 0; k <= s.length; k++) {
    const c = k < s.length ? s.charCodeAt(k) : 46;
    // separators: . - _ ~ @ +
    if (c === 46 || c === 45 || c === 95 || c === 126 || c === 64 || c === 43) {
      if (k > start) out.push(s.slice(start, k));
      start = k + 1;
    }
  }
  return out;
}

export function urlShape(url: string): UrlShape {
  const u = typeof url === 'string' ? url.slice(0, MAX_URL) : '';
  const hashAt = u.indexOf('#');
  const noFrag = hashAt >= 0 ? u.slice(0, hashAt) : u;
  const q = noFrag.indexOf('?');
  const beforeQuery = q >= 0 ? noFrag.slice(0, q) : noFrag;
  const query = q >= 0 ? noFrag.slice(q + 1) : '';
  const schemeEnd = beforeQuery.indexOf('://');
  const pathStart = schemeEnd >= 0 ? beforeQuery.indexOf('/', schemeEnd + 3) : 0;
  const path = pathStart >= 0 ? beforeQuery.slice(pathStart) : '/';
  const segments = path.split('/').filter(Boolean);
  const last = segments.length ? segments[segments.length - 1] : '';
  const dot = last.lastIndexOf('.');
  const extension = dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
  let versioned = false;
  for (const seg of segments) {
    if (looksLikeVersion(seg) || looksLikeHash(seg)) versioned = true;
    else if (splitChunks(seg).some((c) => looksLikeHash(c) || (c.length > 1 && looksLikeVersion(c) && c.includes('.')))) versioned = true;
    if (versioned) break;
  }
  if (!versioned && query) {
    for (const pair of query.split('&')) {
      const eq = pair.indexOf('=');
      const key = (eq >= 0 ? pair.slice(0, eq) : pair).toLowerCase();
      const value = eq >= 0 ? pair.slice(eq + 1) : '';
      if (value && VERSION_QUERY_KEYS.has(key)) {
        versioned = true;
        break;
      }
    }
  }
  return { versioned, extension };
}

/** HTML, CSS or JS: files whose edits developers expect to see on the next reload. */
export function isWatchedFile(shape: UrlShape, resourceType: string | undefined): boolean {
  return WATCHED_EXTENSIONS.has(shape.extension) || (resourceType !== undefined && WATCHED_TYPES.has(resourceType));
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

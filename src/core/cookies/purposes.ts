/**
 * What a cookie is for, from the Open Cookie Database (Apache-2.0), compiled by scripts/gen-cookie-db.ts into a compact
 * table (every string once; see CompactCookieDb there). Exact names first, then the database's wildcard entries as
 * name prefixes (longest prefix wins).
 *
 * The database's Domain column matters: a generic name such as `sessionid` is listed for instagram.com, so on any other
 * site that entry says nothing true. An entry that names hosts is taken as certain only when the cookie was set by (or
 * for) one of them; otherwise an entry without a Domain for the same name is used; otherwise a distinctive name
 * (`_fbp`, `IDE_x`) gives a purpose marked `possibly`, and a generic one (lower-case letters and digits only, or three
 * characters or fewer) gives none: saying less beats saying something wrong.
 */
import type { CookiePurpose } from '../explanation';
import db from './purposes.generated.json';

type Row = [string, number, number, number, number, number, number];
// The numbers in a row index the table's own lists (gen-cookie-db writes them so, and the row indexes kept below come
// from `rows` itself): those look-ups carry `!`.

const rows = db.rows as Row[];
const texts = db.texts;
const domainLists = db.domainLists.map((d) => (d === '' ? [] : d.split(' ')));

/** Exact names → row indexes in CSV order. */
const exact = new Map<string, number[]>();
/** Prefix rows bucketed by first character, longest prefix first, ties in CSV order. */
const byFirstChar = new Map<string, Array<[string, number]>>();
{
  const prefixes: Array<[string, number]> = [];
  rows.forEach((r, i) => {
    if (r[6]) prefixes.push([r[0], i]);
    else {
      const list = exact.get(r[0]);
      if (list) list.push(i);
      else exact.set(r[0], [i]);
    }
  });
  prefixes.sort((a, b) => b[0].length - a[0].length);
  for (const p of prefixes) {
    const first = p[0].charAt(0);
    const bucket = byFirstChar.get(first);
    if (bucket) bucket.push(p);
    else byFirstChar.set(first, [p]);
  }
}

/** Where a cookie came from: the request host and the cookie's domain (its Domain attribute, or the host). */
export interface PurposeWhere {
  host?: string | null;
  domain?: string | null;
}

/** The candidate entries for one name, resolved once (memoised); the host check per call is then a few string tests. */
interface Resolved {
  /** Entries naming hosts: [hosts, purpose]. */
  specific: Array<[string[], CookiePurpose]>;
  /** First entry naming no host. */
  general: CookiePurpose | null;
  /** Fallback when no host matches: a hedged purpose for distinctive names, null for generic ones. */
  possibly: CookiePurpose | null;
}

const memo = new Map<string, Resolved | null>();
const MEMO_LIMIT = 2048;

const GENERIC_NAME = /^[a-z0-9]+$/;

function toPurpose(idx: number): CookiePurpose {
  const [, category, platform, description, retention, domains] = rows[idx]!;
  const out: CookiePurpose = { category: db.categories[category]!, platform: db.platforms[platform]!, description: texts[description]! };
  if (retention) out.retention = texts[retention]!;
  if (domains) out.listedFor = domainLists[domains]!;
  return out;
}

function candidates(name: string): number[] {
  const hit = exact.get(name);
  if (hit) return hit;
  const bucket = byFirstChar.get(name.charAt(0));
  if (!bucket) return [];
  for (let i = 0; i < bucket.length; i++) {
    const [prefix, row] = bucket[i]!;
    if (!name.startsWith(prefix)) continue;
    // Every wildcard row with this same (longest) prefix.
    const out = [row];
    for (let j = i + 1; j < bucket.length; j++) {
      const [other, otherRow] = bucket[j]!;
      if (other.length !== prefix.length) break;
      if (other === prefix) out.push(otherRow);
    }
    return out;
  }
  return [];
}

function resolve(name: string): Resolved | null {
  const idx = candidates(name);
  if (idx.length === 0) return null;
  const specific: Resolved['specific'] = [];
  let general: CookiePurpose | null = null;
  for (const i of idx) {
    const hosts = domainLists[rows[i]![5]]!;
    if (hosts.length) specific.push([hosts, toPurpose(i)]);
    else if (!general) general = toPurpose(i);
  }
  let possibly: CookiePurpose | null = null;
  if (!general && specific.length && !(GENERIC_NAME.test(name) || name.length <= 3)) {
    const [hosts, p] = specific[0]!; // specific.length checked above
    possibly = {
      ...p,
      possibly: true,
      description: `Possibly: the database lists this name for ${hosts.join(' or ')}, not for this site. ${p.description}`,
    };
  }
  return { specific, general, possibly };
}

function hostMatches(h: string | null | undefined, listed: string): boolean {
  if (!h) return false;
  const host = h.charCodeAt(0) === 0x2e ? h.slice(1).toLowerCase() : h.toLowerCase();
  if (!host.includes('.')) return false;
  if (host === listed) return true;
  // The cookie's host is under the listed one, or the cookie's Domain is a parent of it (Domain=google.com for accounts.google.com).
  return (
    (host.length > listed.length && host.endsWith(listed) && host.charCodeAt(host.length - listed.length - 1) === 0x2e) ||
    (listed.length > host.length && listed.endsWith(host) && listed.charCodeAt(listed.length - host.length - 1) === 0x2e)
  );
}

/**
 * The purpose of a cookie named `name`; `where` (request host, cookie domain) lets entries that name hosts apply only
 * there. Without `where`, such entries count as not matching.
 */
export function lookupPurpose(name: string, where?: PurposeWhere): CookiePurpose | null {
  if (typeof name !== 'string' || name === '' || name.length > 256) return null;
  let r = memo.get(name);
  if (r === undefined) {
    r = resolve(name);
    if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
    memo.set(name, r);
  }
  if (!r) return null;
  if (where && r.specific.length) {
    for (const [hosts, p] of r.specific) {
      for (const listed of hosts) if (hostMatches(where.host, listed) || hostMatches(where.domain, listed)) return p;
    }
  }
  return r.general ?? r.possibly;
}

export const PURPOSE_SOURCE: string = db.source;

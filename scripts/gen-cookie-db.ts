/**
 * Converts the Open Cookie Database CSV (data/open-cookie-database.csv, Apache-2.0, see its LICENSE) into the compact
 * src/core/cookies/purposes.generated.json the engine imports. Run: npx tsx scripts/gen-cookie-db.ts
 * The output is committed; src/core/cookies/purposes.test.ts checks that regenerating gives the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CookieDb {
  source: string;
  categories: string[];
  platforms: string[];
  /** [name, categoryIndex, platformIndex, description, retention] */
  entries: Array<[string, number, number, string, string]>;
  /** Exact-name entries: name -> entry index (first row wins). */
  exact: Record<string, number>;
  /** Wildcard (prefix) entries: [prefix, entry index], longest prefix first. */
  prefixes: Array<[string, number]>;
  /** Per entry (parallel to entries): the hosts named in the CSV's Domain column, lower-case, no leading dot; [] when none. */
  domains: string[][];
}

/**
 * What the engine imports (purposes.generated.json): every string stored once. `rows` hold
 * [name, category, platform, description, retention, domains, wildcard] with the last four as indexes into `texts`
 * (descriptions and retentions, deduplicated; 0 is '') and `domainLists` (0 is none), wildcard 1 or 0. The exact and
 * prefix indexes are rebuilt at load (src/core/cookies/purposes.ts), so names are not stored twice.
 */
export interface CompactCookieDb {
  source: string;
  categories: string[];
  platforms: string[];
  texts: string[];
  domainLists: string[];
  rows: Array<[string, number, number, number, number, number, 0 | 1]>;
}

/**
 * The Domain column as a list of hosts: "facebook.com (3rd party)" -> ["facebook.com"],
 * ".bing.com (3rd party) or .microsoft.com (3rd party)" -> ["bing.com", "microsoft.com"], "ads-[account].adhese.com" ->
 * ["adhese.com"]. Anything without a dot is not a host.
 */
export function domainsOf(cell: string | undefined): string[] {
  const out: string[] = [];
  for (const m of (cell ?? '').toLowerCase().matchAll(/[a-z0-9-]+(?:\.[a-z0-9-]+)+/g)) if (!out.includes(m[0])) out.push(m[0]);
  return out;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function clean(s: string | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/** Index of `v` in `list`, appending it the first time (`map` remembers where each string went). */
function intern(map: Map<string, number>, list: string[], v: string): number {
  let at = map.get(v);
  if (at === undefined) {
    at = list.length;
    list.push(v);
    map.set(v, at);
  }
  return at;
}

export function buildCookieDb(csv: string): CookieDb {
  const rows = parseCsv(csv);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string): number => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`open-cookie-database.csv: missing column "${name}"`);
    return at;
  };
  const cName = col('cookie / data key name');
  const cCategory = col('category');
  const cPlatform = col('platform');
  const cDescription = col('description');
  const cRetention = col('retention period');
  const cWildcard = col('wildcard match');
  const cDomain = col('domain');

  const db: CookieDb = {
    source: 'Open Cookie Database (https://github.com/jkwakman/Open-Cookie-Database), Apache-2.0',
    categories: [],
    platforms: [],
    entries: [],
    exact: {},
    prefixes: [],
    domains: [],
  };
  const categoryIndex = new Map<string, number>();
  const platformIndex = new Map<string, number>();
  for (const r of rows.slice(1)) {
    const name = clean(r[cName]);
    if (!name) continue;
    const idx = db.entries.length;
    db.entries.push([
      name,
      intern(categoryIndex, db.categories, clean(r[cCategory]) || 'Unknown'),
      intern(platformIndex, db.platforms, clean(r[cPlatform]) || 'Unknown'),
      clean(r[cDescription]),
      clean(r[cRetention]),
    ]);
    db.domains.push(domainsOf(r[cDomain]));
    if (clean(r[cWildcard]) === '1') db.prefixes.push([name, idx]);
    else if (!(name in db.exact)) db.exact[name] = idx;
  }
  // Longest prefix first; ties keep CSV order (Array.prototype.sort is stable).
  db.prefixes.sort((a, b) => b[0].length - a[0].length);
  return db;
}

export function compactCookieDb(db: CookieDb): CompactCookieDb {
  const texts = [''];
  const textIndex = new Map<string, number>([['', 0]]);
  const domainLists = [''];
  const domainIndex = new Map<string, number>([['', 0]]);
  const wildcard = new Set(db.prefixes.map(([, idx]) => idx));
  const rows = db.entries.map(([name, category, platform, description, retention], i): CompactCookieDb['rows'][number] => [
    name,
    category,
    platform,
    intern(textIndex, texts, description),
    intern(textIndex, texts, retention),
    intern(domainIndex, domainLists, (db.domains[i] ?? []).join(' ')),
    wildcard.has(i) ? 1 : 0,
  ]);
  return { source: db.source, categories: db.categories, platforms: db.platforms, texts, domainLists, rows };
}

/** One row per line: small diffs when the CSV changes, and the same bytes for the same input. */
export function renderCookieDb(db: CookieDb): string {
  const c = compactCookieDb(db);
  const list = (xs: unknown[]) => `[\n${xs.map((x) => JSON.stringify(x)).join(',\n')}\n]`;
  return `{"source":${JSON.stringify(c.source)},\n"categories":${JSON.stringify(c.categories)},\n"platforms":${JSON.stringify(c.platforms)},\n"domainLists":${JSON.stringify(c.domainLists)},\n"texts":${list(c.texts)},\n"rows":${list(c.rows)}}\n`;
}

const here = dirname(fileURLToPath(import.meta.url));
export const CSV_PATH = resolve(here, '../data/open-cookie-database.csv');
export const OUT_PATH = resolve(here, '../src/core/cookies/purposes.generated.json');

export function generate(): string {
  return renderCookieDb(buildCookieDb(readFileSync(CSV_PATH, 'utf8')));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = generate();
  writeFileSync(OUT_PATH, out);
  const db = JSON.parse(out) as CompactCookieDb;
  console.log(`${OUT_PATH}: ${db.rows.length} entries (${db.rows.filter((r) => r[6]).length} wildcard), ${out.length} bytes`);
}

/** The committed output, for the up-to-date test (src/core tests may not touch node:fs themselves). */
export function readCommitted(): string {
  return readFileSync(OUT_PATH, 'utf8');
}

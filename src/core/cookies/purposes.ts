/**
 * What a cookie is for, from the Open Cookie Database (Apache-2.0), compiled by scripts/gen-cookie-db.ts.
 * Exact names first, then the database's wildcard entries as name prefixes (longest prefix wins).
 */
import type { CookiePurpose } from '../explanation';
import db from './purposes.generated.json';

type Entry = [string, number, number, string, string];

const entries = db.entries as Entry[];
const exact = new Map<string, number>(Object.entries(db.exact as Record<string, number>));
/** Prefix entries bucketed by their first character, each bucket longest first (the file is already sorted). */
const byFirstChar = new Map<string, Array<[string, number]>>();
for (const [prefix, idx] of db.prefixes as Array<[string, number]>) {
  const k = prefix[0];
  const bucket = byFirstChar.get(k);
  if (bucket) bucket.push([prefix, idx]);
  else byFirstChar.set(k, [[prefix, idx]]);
}

const memo = new Map<string, CookiePurpose | null>();
const MEMO_LIMIT = 2048;

function toPurpose(idx: number): CookiePurpose {
  const [, category, platform, description, retention] = entries[idx];
  const out: CookiePurpose = { category: db.categories[category], platform: db.platforms[platform], description };
  if (retention) out.retention = retention;
  return out;
}

export function lookupPurpose(name: string): CookiePurpose | null {
  if (typeof name !== 'string' || name === '' || name.length > 256) return null;
  const hit = memo.get(name);
  if (hit !== undefined) return hit;
  let found: CookiePurpose | null = null;
  const idx = exact.get(name);
  if (idx !== undefined) found = toPurpose(idx);
  else {
    for (const [prefix, at] of byFirstChar.get(name[0]) ?? []) {
      if (name.startsWith(prefix)) {
        found = toPurpose(at);
        break;
      }
    }
  }
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  memo.set(name, found);
  return found;
}

export const PURPOSE_SOURCE: string = db.source;

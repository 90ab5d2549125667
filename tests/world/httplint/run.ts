/**
 * npx tsx tests/world/httplint/run.ts            the summary lines (npm test runs this)
 * npx tsx tests/world/httplint/run.ts --explain   every case with the findings the engine raised
 *
 * Runs httplint's own tests (httplint-cases.json, made by convert.ts from vendor/) and our supplementary cases
 * (extra-cases.json, for notes httplint has no test for) through explain(), and judges them with mapping.json:
 *   - every in-scope httplint note maps to Cache Lens findings (`finding`: any one of the ids), to a fact of the
 *     explanation (`field`: a named check in FIELDS below), or is a `departure` with its reason (a note we do not
 *     follow because browsers do otherwise, or one that does not apply to what the engine sees);
 *   - a case passes when, for each note httplint expects, the mapped finding (or field) is there, and, for each
 *     note httplint asserts is absent, it is not. A departure note is not checked.
 *   - a disagreement is a failure unless the case is in departures.json with its reason; a listed case that agrees
 *     is a failure too (so the list stays the truth).
 * Prints `httplint: N passed, N failed` and `FIGURE httplint notes mapped: N/M (...)`; exits 1 on any failure.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_NOTES } from '../../../src/core/cache/notes';
import { CDN_NOTES } from '../../../src/core/cdn/notes';
import { COOKIE_NOTES } from '../../../src/core/cookies/notes';
import { explain } from '../../../src/core/explain';
import { PROXY_NOTES } from '../../../src/core/proxy/notes';
import { convert } from './convert';
import type { Explanation } from '../../../src/core/explanation';
import type { ExchangeRecord } from '../../../src/core/types';

const here = dirname(fileURLToPath(import.meta.url));

interface Case {
  id: string;
  source: string;
  kind: 'field' | 'message';
  message: 'response' | 'request';
  url: string;
  status: number;
  headers: Array<[string, string]>;
  expected: string[];
  absent: string[];
  /** Extra cases only: request fields, and a receipt time other than the Date. */
  request?: Array<[string, string]>;
  receivedAt?: string;
  method?: string;
}
interface NoteInfo {
  id: string;
  file: string;
  category: string;
  level: string;
}
type Mapping = { finding: string | string[]; why?: string; broader?: boolean } | { field: string; why?: string } | { departure: string };

/**
 * Facts of the explanation that stand for httplint's descriptive notes (httplint says "this response is fresh" as a
 * note; Cache Lens says it in the explanation's fields, not as a finding).
 */
const FIELDS: Record<string, (e: Explanation) => boolean> = {
  'cache.private.fresh': (e) => e.cache.private.fresh,
  'cache.private.stale': (e) => e.cache.private.storable && !e.cache.private.fresh,
  'cache.lifetimes-differ': (e) => e.cache.private.freshnessLifetime !== e.cache.shared.freshnessLifetime,
  'cache.not-stored': (e) => !e.cache.private.storable && !e.cache.shared.storable,
  'cache.storable': (e) => e.cache.private.storable && e.cache.shared.storable,
  'cache.private-only': (e) => e.cache.private.storable && !e.cache.shared.storable,
  'cache.shared-only': (e) => !e.cache.private.storable && e.cache.shared.storable,
  'cache.validate-before-reuse': (e) => e.cache.private.storable && e.cache.private.mustRevalidate,
  'cache.may-serve-stale': (e) => e.cache.private.mayServeStale,
  'cache.no-stale-serving': (e) => e.cache.private.storable && !e.cache.private.mayServeStale,
  'cache.shared.no-stale-serving': (e) => e.cache.shared.storable && !e.cache.shared.mayServeStale,
  'cache.current-age': (e) => e.cache.private.currentAge > 0,
  'cache.last-modified': (e) => e.cache.lastModified !== null,
  'cdn.cache-status-entries': (e) => e.cdn.cacheStatusEntries.length > 0,
  'proxy.via': (e) => e.proxy.via.length > 0,
};

/** One of this folder's JSON files, parsed: the caller casts it to the shape it has. */
function load(file: string): unknown {
  return JSON.parse(readFileSync(join(here, file), 'utf8'));
}

function dateOf(c: Case): number | null {
  const d = c.headers.find(([n]) => n.toLowerCase() === 'date');
  const t = d ? Date.parse(d[1]) : NaN;
  return Number.isFinite(t) ? t : null;
}

/**
 * The exchange for a case. httplint judges header text alone, whatever the scheme; the engine judges what a browser
 * does, which refuses Secure cookies from http://. So the cases are served from https:// (same host and path as
 * httplint's FakeResponseLinter). A request test puts its fields on the request. The receipt time is the Date the
 * response carries (httplint's tests read freshness at that moment), else 2026-01-01.
 */
function record(c: Case): { x: ExchangeRecord; now: number } {
  const t = (c.receivedAt ? Date.parse(c.receivedAt) : null) ?? dateOf(c) ?? Date.UTC(2026, 0, 1);
  const headers = c.headers.map(([name, value]) => ({ name, value }));
  const request = (c.request ?? []).map(([name, value]) => ({ name, value }));
  const x: ExchangeRecord = {
    id: c.id,
    url: c.url.replace(/^http:/, 'https:'),
    method: c.method ?? 'GET',
    status: c.status,
    requestHeaders: c.message === 'request' ? headers : request,
    responseHeaders: c.message === 'request' ? [] : headers,
    requestTimeMs: t,
    responseTimeMs: t,
    source: 'network',
    navigation: 'top-level',
    resourceType: 'document',
  };
  return { x, now: t / 1000 };
}

function raised(e: Explanation, m: Mapping): boolean {
  if ('finding' in m) {
    const ids = Array.isArray(m.finding) ? m.finding : [m.finding];
    return e.findings.some((f) => ids.includes(f.id));
  }
  if ('field' in m) return Object.hasOwn(FIELDS, m.field) ? FIELDS[m.field]!(e) : false;
  return false;
}

/** Whether every finding the note maps to is mapped from this note only (and not marked as broader). */
function exclusive(note: string, mapping: Record<string, Mapping>): boolean {
  const m = mapping[note];
  if (!m || !('finding' in m) || m.broader) return false;
  const ids = [m.finding].flat();
  return Object.entries(mapping).every(
    ([other, o]) => other === note || !('finding' in o) || ![o.finding].flat().some((id) => ids.includes(id)),
  );
}

export interface Verdict {
  id: string;
  agrees: boolean;
  problems: string[];
  findings: string[];
}

export function judge(c: Case, mapping: Record<string, Mapping>): Verdict {
  const { x, now } = record(c);
  const e = explain(x, { browser: 'chrome', now });
  const problems: string[] = [];
  for (const n of c.expected) {
    const m = Object.hasOwn(mapping, n) ? mapping[n] : undefined;
    if (!m) problems.push(`${n}: not in mapping.json`);
    else if (!('departure' in m) && !raised(e, m))
      problems.push(`${n} expected, ${'finding' in m ? [m.finding].flat().join('|') : m.field} missing`);
  }
  for (const n of c.absent) {
    const m = Object.hasOwn(mapping, n) ? mapping[n] : undefined;
    if (!m) problems.push(`${n}: not in mapping.json`);
    // Absence is checked where the finding stands for this note alone: a field is a description httplint splits
    // into exclusive notes differently, and a finding several notes share (or one a broader rule raises) says more.
    else if ('finding' in m && exclusive(n, mapping) && raised(e, m))
      problems.push(`${n} not expected, but ${[m.finding].flat().join('|')} raised`);
  }
  return { id: c.id, agrees: problems.length === 0, problems, findings: e.findings.map((f) => f.id) };
}

function main(): number {
  const { notes, cases } = load('httplint-cases.json') as { notes: NoteInfo[]; cases: Case[] };
  const extra = (load('extra-cases.json') as { cases: Case[] }).cases;
  const mapping = load('mapping.json') as Record<string, Mapping>;
  const departures = load('departures.json') as Record<string, { reason: string; instead?: string[] }>;
  const verbose = process.argv.includes('--explain');
  // The committed cases are what convert.ts makes of vendor/ today (else run convert.ts and commit the result).
  const fresh = convert();
  const stale = JSON.stringify({ notes: fresh.notes, cases: fresh.cases }) !== JSON.stringify({ notes, cases });

  let passed = 0;
  let failed = 0;
  let listed = 0;
  for (const c of [...cases, ...extra]) {
    const v = judge(c, mapping);
    const isListed = Object.hasOwn(departures, c.id);
    if (verbose) console.log(`${v.agrees ? 'agree   ' : 'DISAGREE'} ${c.id}: ${v.problems.join('; ') || 'ok'} [${v.findings.join(', ')}]`);
    if (v.agrees && !isListed) passed++;
    else if (!v.agrees && isListed) {
      // A listed departure may name what the engine says instead; it must still say it.
      const missing = (departures[c.id]!.instead ?? []).filter((id) => !v.findings.includes(id)); // listed: present
      if (missing.length) {
        failed++;
        console.log(`LISTED ${c.id}: the engine no longer raises ${missing.join(', ')} as departures.json says`);
      } else {
        passed++;
        listed++;
      }
    } else {
      failed++;
      console.log(v.agrees ? `LISTED BUT AGREES ${c.id}: remove it from departures.json` : `UNLISTED ${c.id}: ${v.problems.join('; ')}`);
    }
  }
  for (const id of Object.keys(departures)) {
    if (![...cases, ...extra].some((c) => c.id === id)) {
      failed++;
      console.log(`LISTED BUT UNKNOWN ${id}`);
    }
  }

  // Every in-scope note mapped; every mapping names a finding the engine declares or a field above.
  const mappedIds = Object.keys(mapping);
  const unmapped = notes.filter((n) => !Object.hasOwn(mapping, n.id));
  const stray = mappedIds.filter((id) => !notes.some((n) => n.id === id));
  for (const n of unmapped) console.log(`UNMAPPED ${n.id} (${n.file})`);
  for (const id of stray) console.log(`MAPPED BUT NOT IN SCOPE ${id}`);
  for (const [id, m] of Object.entries(mapping)) {
    if ('field' in m && !Object.hasOwn(FIELDS, m.field)) {
      failed++;
      console.log(`UNKNOWN FIELD ${m.field} for ${id}`);
    }
  }
  failed += stray.length;
  if (stale) {
    failed++;
    console.log('STALE httplint-cases.json: run npx tsx tests/world/httplint/convert.ts and commit the result');
  }
  // Every finding id named in the mapping is one the engine declares.
  const declared = (id: string) => [CACHE_NOTES, COOKIE_NOTES, CDN_NOTES, PROXY_NOTES].some((cat) => Object.hasOwn(cat, id));
  for (const [id, m] of Object.entries(mapping)) {
    for (const f of 'finding' in m ? [m.finding].flat() : []) {
      if (!declared(f)) {
        failed++;
        console.log(`UNKNOWN FINDING ${f} for ${id}`);
      }
    }
  }
  const inScope = notes.filter((n) => Object.hasOwn(mapping, n.id)).map((n) => mapping[n.id]!); // filtered to mapped ids
  const toFinding = inScope.filter((m) => 'finding' in m).length;
  const toField = inScope.filter((m) => 'field' in m).length;
  const toDeparture = inScope.filter((m) => 'departure' in m).length;
  const tested = new Set([...cases, ...extra].flatMap((c) => [...c.expected]));
  console.log(`httplint: ${passed} passed, ${failed} failed`);
  console.log(
    `FIGURE httplint notes mapped: ${inScope.length}/${notes.length} (${toFinding} to a finding, ${toField} to an explanation field, ${toDeparture} departures; ${notes.filter((n) => tested.has(n.id)).length} exercised by a case; ${listed} listed case departures)`,
  );
  return failed > 0 || unmapped.length > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = main();
  } catch (e) {
    console.log('httplint: 0 passed, 1 failed');
    console.log(`NOT RUN httplint: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}

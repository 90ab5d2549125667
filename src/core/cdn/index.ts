/**
 * explainCdn: which CDN (or self-hosted cache) delivered a response, what its cache did, where its edge is,
 * how old the copy is, and who owns the server address. Rules live in providers.ts (signatures, status tables,
 * PoP rules), pops.ts (airport codes) and notes.ts (findings); this file applies them.
 */
import type { CdnCacheStatus, CdnExplanation, CacheStatusEntry, Explained } from '../explanation';
import { valueText } from '../loose';
import type { EngineContext, ExchangeRecord, Finding, LooseHeaderList } from '../types';
import { applyNote, fill } from '../notes';
import { CDN_FIXES, CDN_NOTES, GATEWAY_STATUS } from './notes';
import { CDN_CACHE_CONTROL_FIELDS, GENERIC_STATUS, PROVIDERS, type Provider, type Signature } from './providers';
import {
  parseCacheStatus,
  readStatus,
  splitEntries,
  MAX_FIELD_CHARS,
  type CacheStatusParse,
  type FieldMap,
  type StatusReading,
} from './status';
import { cityForPop } from './pops';
import { bareAddress, cdnForIp, IP_RANGES_SOURCE, parseIPv4, parseIPv6, sharedOwnerForIp, type IpOwner } from './ip';
import { parseCdnCacheControl } from './cdn-cache-control';

export { cdnForIp, parseIPv4, parseIPv6 } from './ip';
export { cityForPop } from './pops';
export { parseCacheStatus, cacheStatusEntryStatus } from './status';
export { parseCdnCacheControl } from './cdn-cache-control';
export { PROVIDERS } from './providers';

const MAX_HEADER_LINES = 10_000;
const IP_RANGES_SOURCE_NAME = IP_RANGES_SOURCE.split(' (')[0]!; // split gives at least one part
/**
 * Range owners whose address alone does not show a CDN, because their ranges also hold customers' own servers:
 * Google's published ranges include Google Cloud (pagexray assa.har: ow-shadow.assaabloy.com at 130.211.73.5 answers
 * as a bare Apache; a Google front end shows itself in Server or Via instead); Cafe24 and KINX are hosting and
 * data-centre companies, SK Broadband and LG U+ access networks, each also selling a CDN. The ip-owner finding still
 * names the owner.
 */
const ADDRESS_NOT_PROOF: ReadonlySet<string> = new Set(['google', 'cafe24', 'kinx', 'skbroadband', 'lgtelecom']);

/** Matching works on at most this much of a field's combined value. */
const MATCH_CHARS = MAX_FIELD_CHARS;

// ------------------------------------------------------------------ precompiled signature index

interface IndexedSignature {
  provider: number;
  signature: Signature;
}

/** Header name → the signatures whose first condition names it: only headers present are ever looked at. */
const SIGNATURE_INDEX: ReadonlyMap<string, IndexedSignature[]> = (() => {
  const index = new Map<string, IndexedSignature[]>();
  PROVIDERS.forEach((provider, p) => {
    for (const signature of provider.signatures) {
      if (signature.all[0].prefix) continue;
      const key = signature.all[0].header;
      const list = index.get(key) ?? [];
      list.push({ provider: p, signature });
      index.set(key, list);
    }
  });
  return index;
})();

/**
 * Fields with many candidate signatures (Server: some fifty) → their value → the candidates (indexes into the field's
 * SIGNATURE_INDEX list, in order) whose first condition holds. Server values repeat from response to response, and
 * the tests are pure (no g or y flag, checked here), so a value is tested against the table once and the other
 * candidates are not visited. Bounded: a memo is cleared when full. Fields with few candidates get no memo: Via
 * values carry per-request ids often enough (CloudFront) that the memo's churn costs more than the tests.
 */
const FIRST_MEMO: ReadonlyMap<string, Map<string, readonly number[]>> = (() => {
  const memo = new Map<string, Map<string, readonly number[]>>();
  for (const [name, list] of SIGNATURE_INDEX) {
    const pure = list.every(({ signature: { all } }) => !all[0].pattern?.global && !all[0].pattern?.sticky && all[0].needle === undefined);
    if (list.length >= 16 && pure) memo.set(name, new Map());
  }
  return memo;
})();
const FIRST_MEMO_MAX = 512;

/** The candidates whose first condition holds for the value, from the field's memo (FIRST_MEMO). */
function firstConditionHits(
  memo: Map<string, readonly number[]>,
  candidates: readonly IndexedSignature[],
  value: string,
): readonly number[] {
  const known = memo.get(value);
  if (known !== undefined) return known;
  const hits: number[] = [];
  for (let k = 0; k < candidates.length; k++) {
    const pattern = candidates[k]!.signature.all[0].pattern;
    if (pattern === undefined || pattern.test(value)) hits.push(k);
  }
  if (value.length <= 256) {
    if (memo.size >= FIRST_MEMO_MAX) memo.clear();
    memo.set(value, hits);
  }
  return hits;
}

/** Signatures on a family of field names (a single prefix condition, such as x-akamai-*). */
const PREFIX_SIGNATURES: readonly IndexedSignature[] = PROVIDERS.flatMap((provider, p) =>
  provider.signatures.filter((s) => s.all.length === 1 && s.all[0].prefix).map((signature) => ({ provider: p, signature })),
);

/**
 * Every field name explainCdn and status.ts ever look up: the providers' signature, status and PoP fields, the
 * generic ones, the CDN-targeted cache fields and the few read by name below. A field outside this set (and outside
 * the prefix families) can change nothing, so fieldMap leaves it out.
 */
const READ_NAMES: ReadonlySet<string> = (() => {
  const names = new Set<string>(['age', 'cache-status', 'cache-control', 'set-cookie']);
  for (const p of PROVIDERS) {
    for (const s of p.signatures) for (const c of s.all) if (!c.prefix) names.add(c.header);
    for (const src of p.status) names.add(src.header);
    for (const rule of p.pop) names.add(rule.header);
  }
  for (const src of GENERIC_STATUS) names.add(src.header);
  for (const { header } of CDN_CACHE_CONTROL_FIELDS) names.add(header);
  return names;
})();

/** Field-name families matched by prefix (x-akamai-*): a longer name starting with one is read too. */
const READ_PREFIXES: readonly string[] = PROVIDERS.flatMap((p) =>
  p.signatures.flatMap((s) => s.all.filter((c) => c.prefix).map((c) => c.header)),
);

/** Each name read, as the tables write it: fieldMap's keys are these strings, so comparing them is an identity check. */
const CANONICAL_NAMES: ReadonlyMap<string, string> = new Map([...READ_NAMES].map((n) => [n, n]));

/**
 * A field name as recorded → its lower-case form when explainCdn reads it, else null. Pages repeat the same few dozen
 * names on every response, so each is lower-cased and looked up once (bounded: cleared when full).
 */
const NAME_MEMO = new Map<string, string | null>();
const NAME_MEMO_MAX = 4096;

/**
 * READ_LETTERS[n] has bit k set when a name read (READ_NAMES) has n characters and starts with the k-th letter (a = 0);
 * READ_PREFIX_LETTERS the same for the first letters of the prefix families, whatever the length. A field name that
 * passes neither is not read, and is passed over without a memo lookup (Date, ETag, Content-Type...).
 */
const READ_LETTERS: readonly number[] = (() => {
  const out: number[] = [];
  for (const n of READ_NAMES) out[n.length] = (out[n.length] ?? 0) | letterBit(n);
  for (let i = 0; i < out.length; i++) out[i] ??= 0;
  return out;
})();
const READ_PREFIX_LETTERS: number = READ_PREFIXES.reduce((bits, p) => bits | letterBit(p), 0);

/**
 * The bit of a name's first letter, a-z in either case (| 0x20 lower-cases A-Z); all bits for anything else, which then
 * takes the full lookup (only U+0130 and U+212A lower-case to a letter from outside A-Z, and length stays the test).
 */
function letterBit(name: string): number {
  const k = (name.charCodeAt(0) | 0x20) - 97;
  return k >= 0 && k <= 25 ? 1 << k : -1;
}

function readName(raw: string): string | null {
  const bit = letterBit(raw);
  if (((READ_LETTERS[raw.length] ?? 0) & bit) === 0 && (READ_PREFIX_LETTERS & bit) === 0) return null;
  const known = NAME_MEMO.get(raw);
  if (known !== undefined) return known;
  const name = raw.toLowerCase();
  let out = CANONICAL_NAMES.get(name) ?? null;
  for (let i = 0; out === null && i < READ_PREFIXES.length; i++) {
    const prefix = READ_PREFIXES[i]!;
    if (name.length > prefix.length && name.startsWith(prefix)) out = name;
  }
  if (raw.length <= 256) {
    if (NAME_MEMO.size >= NAME_MEMO_MAX) NAME_MEMO.clear();
    NAME_MEMO.set(raw, out);
  }
  return out;
}

/**
 * Field lines by lower-case name, in wire order (first appearance of each name): the FieldMap that status.ts reads.
 * A response carries a handful of the fields read here, so a short list searched name by name is cheaper to build and
 * to search than a hash map; its names are the tables' own strings, so the comparisons are mostly identity checks.
 */
class Fields implements FieldMap {
  /** name, lines, name, lines, ... */
  private readonly pairs: Array<string | string[]> = [];

  /** How many names. */
  get size(): number {
    return this.pairs.length >> 1;
  }

  /** The i-th name, 0 <= i < size. */
  nameAt(i: number): string {
    return this.pairs[2 * i] as string;
  }

  get(name: string): string[] | undefined {
    const pairs = this.pairs;
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === name) return pairs[i + 1] as string[];
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Adds a name not yet present, with its list of lines. */
  add(name: string, lines: string[]): void {
    this.pairs.push(name, lines);
  }
}

/** Field lines by lower-case name, in wire order: only the fields explainCdn reads (READ_NAMES, READ_PREFIXES). */
function fieldMap(x: ExchangeRecord): Fields {
  const map = new Fields();
  // Lines as a damaged record may hold them (null, or a name or value of another type): skipped or coerced.
  const headers: LooseHeaderList = Array.isArray(x.responseHeaders) ? x.responseHeaders : [];
  const n = Math.min(headers.length, MAX_HEADER_LINES);
  for (let i = 0; i < n; i++) {
    const h = headers[i];
    if (!h) continue;
    const raw = h.name;
    if (typeof raw !== 'string') continue;
    const name = readName(raw);
    if (name === null) continue;
    const value = typeof h.value === 'string' ? h.value : valueText(h.value);
    if (value.indexOf('\n') < 0) {
      // One line (nearly every field): no split, and a one-element list for a name seen first.
      const list = map.get(name);
      if (!list) map.add(name, [value]);
      else if (list.length < 256) list.push(value);
      continue;
    }
    // Chrome's HAR export and some recorders join repeated field lines with "\n": each is a line of its own.
    const parts = value
      .split('\n', 256)
      .map((v) => v.trim())
      .filter((v) => v !== '');
    let list = map.get(name);
    if (!list) map.add(name, (list = []));
    for (const part of parts) if (list.length < 256) list.push(part);
  }
  return map;
}

function combined(fields: Fields, name: string, cache: Map<string, string>): string | undefined {
  const lines = fields.get(name);
  if (!lines) return undefined;
  const only = lines.length === 1 ? lines[0]! : undefined;
  if (only !== undefined && only.length <= MATCH_CHARS) return only; // the common case: nothing to build
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  let v = only ?? lines.join(', ');
  if (v.length > MATCH_CHARS) v = v.slice(0, MATCH_CHARS);
  cache.set(name, v);
  return v;
}

/** A match's evidence before its first entry (replaced, never written to). */
const NO_EVIDENCE: string[] = [];

interface Match {
  provider: number;
  evidence: string[];
  /** Index of the Via entry that matched (later = nearer the browser), -1 when Via was not part of the evidence. */
  viaPos: number;
}

/** matchProviders' answer when nothing matched (most responses): shared, never written to. */
const NO_MATCHES: readonly Match[] = Object.freeze([]);

function matchProviders(fields: Fields, values: Map<string, string>): readonly Match[] {
  // Allocated on the first match only: an empty array that is pushed to gets room for 16 entries, and most responses
  // match once or not at all.
  let found: Match[] | null = null;
  for (let f = 0; f < fields.size; f++) {
    const name = fields.nameAt(f);
    for (const { provider, signature } of PREFIX_SIGNATURES) {
      const cond = signature.all[0];
      if (name.length <= cond.header.length || !name.startsWith(cond.header)) continue;
      const v = combined(fields, name, values) ?? '';
      if (cond.pattern && !cond.pattern.test(v)) continue;
      found ??= [];
      addEvidence(record(found, provider), name, v);
    }
    const candidates = SIGNATURE_INDEX.get(name);
    if (!candidates) continue;
    // Every candidate's first condition is on this field: its value is read once (and only when a candidate needs
    // it); with a memo (Server, tested against some fifty signatures) only the candidates it holds for are visited.
    const memo = FIRST_MEMO.get(name);
    if (memo !== undefined) {
      const first = combined(fields, name, values) ?? ''; // never undefined: the field is present
      const hits = firstConditionHits(memo, candidates, first);
      for (let j = 0; j < hits.length; j++) found = accept(found, candidates[hits[j]!]!, first, fields, values);
      continue;
    }
    const lines = fields.get(name)!; // name is a key of fields
    let first: string | undefined;
    for (let k = 0; k < candidates.length; k++) {
      const candidate = candidates[k]!;
      const cond = candidate.signature.all[0];
      if (cond.needle !== undefined && !someLineHas(lines, cond.needle)) continue;
      first ??= combined(fields, name, values) ?? ''; // never undefined: the field is present
      if (cond.pattern !== undefined && !cond.pattern.test(first)) continue;
      found = accept(found, candidate, first, fields, values);
    }
  }
  return found ?? NO_MATCHES;
}

/**
 * A candidate whose first condition holds (on `first`, its field's value): when its other conditions hold too, its
 * provider is recorded with every condition's field as evidence. Returns the match list (made on the first match).
 */
function accept(
  found: Match[] | null,
  { provider, signature }: IndexedSignature,
  first: string,
  fields: Fields,
  values: Map<string, string>,
): Match[] | null {
  const conds = signature.all;
  for (let c = 1; c < conds.length; c++) {
    const cond = conds[c]!;
    const v = combined(fields, cond.header, values);
    if (v === undefined || (cond.pattern !== undefined && !cond.pattern.test(v))) return found;
  }
  found ??= [];
  const m = record(found, provider);
  for (let c = 0; c < conds.length; c++) {
    const cond = conds[c]!;
    // The value tested above: combined() gives the same string again within one call (values memoises the rest).
    const v = c === 0 ? first : combined(fields, cond.header, values)!;
    addEvidence(m, cond.header, v);
    if (cond.header === 'via' && cond.pattern) m.viaPos = Math.max(m.viaPos, viaPosition(v, cond.pattern));
  }
  return found;
}

/** Adds "name: value" (long values shortened) to a match's evidence, once. */
function addEvidence(m: Match, name: string, v: string): void {
  const shown = name + ': ' + (v.length > 80 ? v.slice(0, 77) + '...' : v);
  if (m.evidence === NO_EVIDENCE) m.evidence = [shown];
  else if (!m.evidence.includes(shown)) m.evidence.push(shown);
}

/** Whether a line contains the text (a condition's needle: no comma or space, so it never spans two joined lines). */
function someLineHas(lines: readonly string[], needle: string): boolean {
  for (let i = 0; i < lines.length; i++) if (lines[i]!.includes(needle)) return true;
  return false;
}

/** The match of a provider, added to `found` on its first piece of evidence. */
function record(found: Match[], provider: number): Match {
  let m: Match | undefined;
  for (const f of found) if (f.provider === provider) m = f;
  if (!m) {
    m = { provider, evidence: NO_EVIDENCE, viaPos: -1 }; // addEvidence replaces it with a one-entry list
    found.push(m);
  }
  return m;
}

/** Index of the last Via entry the pattern matches (entries are appended hop by hop, so later = nearer the browser). */
function viaPosition(via: string, pattern: RegExp): number {
  if (via.indexOf(',') < 0 && via.length <= MAX_FIELD_CHARS) {
    // One hop (the usual Via): what splitEntries would give, without building its list.
    const hop = via.trim();
    return hop !== '' && (pattern.test(hop) || pattern.test(', ' + hop)) ? 0 : -1;
  }
  const hops = splitEntries(via);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (pattern.test(hop) || pattern.test(', ' + hop)) return i;
  }
  return -1;
}

/**
 * Nearest the browser first (after the server-address owner, see explainCdn). Via hops are appended by each intermediary, so a later matching hop is nearer; without
 * Via evidence on both sides the table order decides (providers usually placed in front of others come first).
 */
/** A match's provider (Match.provider is an index into PROVIDERS). */
function providerOf(m: Match): Provider {
  return PROVIDERS[m.provider]!;
}

function nearestFirst(a: Match, b: Match): number {
  if (a.viaPos >= 0 && b.viaPos >= 0 && a.viaPos !== b.viaPos) return b.viaPos - a.viaPos;
  return a.provider - b.provider;
}

/** Nearest the browser first: the provider owning the server address, then nearestFirst. */
function sortMatches(list: Match[], ipOwner: string | null): void {
  list.sort((a, b) => {
    const ao = providerOf(a).id === ipOwner ? 1 : 0;
    const bo = providerOf(b).id === ipOwner ? 1 : 0;
    return bo - ao || nearestFirst(a, b);
  });
}

// ------------------------------------------------------------------ small readers

/**
 * list.slice(0, max).join(sep) for a short list of strings, by concatenation: the engine links the pieces instead of
 * copying them into a new string (the evidence entries are themselves such links, which join would first flatten).
 */
function joinFirst(list: readonly string[], max: number, sep: string): string {
  const n = Math.min(list.length, max);
  let out = n > 0 ? list[0]! : '';
  for (let i = 1; i < n; i++) out = out + sep + list[i]!;
  return out;
}

/** Whether a match is of a provider that only counts over https (Squid). */
function anyHttpsOnly(found: readonly Match[]): boolean {
  for (let i = 0; i < found.length; i++) if (providerOf(found[i]!).httpsOnly) return true;
  return false;
}

/** Whether the URL starts with "https:" in any case (as /^https:/i would say). */
function isHttps(url: unknown): boolean {
  return typeof url === 'string' && /^https:/i.test(url);
}

function readPop(provider: Provider, fields: Fields): string | null {
  for (const rule of provider.pop) {
    const lines = fields.get(rule.header);
    if (!lines || !lines.length) continue;
    let text: string;
    if (rule.entry === 'all') text = lines.join(', ');
    else if (rule.entry === 'whole' || !rule.entry)
      text = lines[lines.length - 1]!; // lines is not empty (checked above)
    else {
      const entries = splitEntries(lines.join(', '));
      text = (rule.entry === 'last' ? entries[entries.length - 1] : entries[0]) ?? '';
    }
    if (text.length > (rule.entry === 'all' ? 4096 : 512)) text = text.slice(0, rule.entry === 'all' ? 4096 : 512);
    const m = rule.pattern.exec(text.trim());
    if (m && m[1]) return m[1];
  }
  return null;
}

/** Age (RFC 9111 §5.1): delta-seconds; a list or garbage yields the first valid number, else null. */
function readAge(fields: Fields): number | null {
  const lines = fields.get('age');
  if (!lines) return null;
  const first = splitEntries(lines[0] ?? '', 1)[0]?.trim() ?? '';
  if (!/^\d{1,20}$/.test(first)) return null;
  return Math.min(Number(first), 2147483648); // RFC 9111 §1.2.2 cap
}

const SHARED_FORBIDDEN = /(?:^|,)\s*(?:private|no-store)\b/i;
const SHARED_ALLOWED = /(?:^|,)\s*(?:public|(?:s-maxage|max-age)\s*=\s*"?[1-9])/i;

// ------------------------------------------------------------------ findings, memoised

/**
 * A CDN finding. It used to be memoised by id and parameters, but most parameters are unique per response (cf-ray,
 * x-amz-cf-id, the server address), so building and hashing the long key cost more than filling the precompiled
 * templates (src/core/notes.ts) directly.
 */
export function cdnNote(id: string, params?: Record<string, string | number>): Finding {
  const f = applyNote(CDN_NOTES, id, params);
  const fix = Object.prototype.hasOwnProperty.call(CDN_FIXES, id) ? CDN_FIXES[id] : undefined;
  if (fix !== undefined) f.fix = fill(fix, params);
  return f;
}

// ------------------------------------------------------------------ explainCdn

/** explainCdn's memo of combined field values, reused from call to call (cleared at the start of each). */
const SCRATCH_VALUES = new Map<string, string>();

export function explainCdn(x: ExchangeRecord, _ctx: EngineContext): CdnExplanation {
  const fields = fieldMap(x);
  // Combined values of multi-line or long fields for this response only (emptied here, so nothing outlives the call).
  const values = SCRATCH_VALUES;
  if (values.size) values.clear();
  const findings: Finding[] = [];

  // Which CDN, or which self-hosted cache when no CDN shows.
  const found = matchProviders(fields, values);
  const matches = anyHttpsOnly(found) && !isHttps(x.url) ? found.filter((m) => !providerOf(m).httpsOnly) : found;
  // The browser connected to serverIp: a matched CDN owning that address is the layer nearest the browser.
  const owner = sharedOwnerForIp(x.serverIp);
  const ipOwner = owner ? owner.id : null;
  let cdns: readonly Match[] = NO_MATCHES;
  let selfHosted: readonly Match[] = NO_MATCHES;
  if (matches.length === 1) {
    // One match (the usual case): no lists to build or sort.
    if (providerOf(matches[0]!).kind === 'cdn') cdns = matches;
    else selfHosted = matches;
  } else if (matches.length > 1) {
    const c: Match[] = [];
    const s: Match[] = [];
    for (const m of matches) (providerOf(m).kind === 'cdn' ? c : s).push(m);
    if (c.length > 1) sortMatches(c, ipOwner);
    if (s.length > 1) sortMatches(s, ipOwner);
    cdns = c;
    selfHosted = s;
  }
  // The server address is the second signal: with no CDN header, an address in a CDN's published ranges names it
  // (a self-hosted cache seen in the headers then sits behind that CDN).
  const byAddress = !cdns.length && owner !== null && !ADDRESS_NOT_PROOF.has(owner.id);
  const chosen = byAddress ? null : (cdns[0] ?? selfHosted[0] ?? null);
  const provider: Provider | null = byAddress ? providerForOwner(owner) : chosen ? providerOf(chosen) : null;

  // RFC 9211 Cache-Status, parsed once.
  const csLines = fields.get('cache-status');
  let cacheStatusParse: CacheStatusParse | null = null;
  if (csLines) {
    cacheStatusParse = parseCacheStatus(csLines);
    if (cacheStatusParse.invalid) addNote(findings, 'cache-status-invalid');
    if (cacheStatusParse.unknownParams)
      addNote(findings, 'cache-status-unknown-param', { params: cacheStatusParse.unknownParams.join(', ') });
    if (cacheStatusParse.badParams) addNote(findings, 'cache-status-bad-param', { params: cacheStatusParse.badParams.join(', ') });
  }
  const cacheStatusEntries: CacheStatusEntry[] = cacheStatusParse?.entries ?? [];

  // Cache status: the provider's own field first, then the standard one.
  let reading: StatusReading | null = null;
  if (provider) reading = readStatus(provider.status, fields, cacheStatusParse);
  if (!reading) reading = readStatus(GENERIC_STATUS, fields, cacheStatusParse);
  const cacheStatus = reading ? reading.status : provider ? 'unknown' : null;

  const pop = provider ? readPop(provider, fields) : null;
  const popCity = cityForPop(pop);
  const age = readAge(fields);

  // CDN-targeted cache directives (RFC 9213 and vendor variants).
  const cdnCacheControl: Explained[] = [];
  for (const { header } of CDN_CACHE_CONTROL_FIELDS) {
    const lines = fields.get(header);
    if (!lines) continue;
    const parsed = parseCdnCacheControl(header, lines);
    cdnCacheControl.push(...parsed.directives);
    const shown = lines.join(', ');
    addNote(findings, parsed.invalid ? 'cdn-cache-control-invalid' : 'cdn-cache-control', {
      header,
      value: shown.length > 120 ? shown.slice(0, 117) + '...' : shown,
    });
    if (parsed.badValues) addNote(findings, 'cdn-cache-control-bad-value', { header, values: parsed.badValues.join(', ') });
    if (parsed.repeated) addNote(findings, 'cdn-cache-control-duplicate', { header, names: parsed.repeated.join(', ') });
  }

  // ---------------------------------------------------------------- findings
  if (provider && byAddress) {
    if (reading) statusFindings(provider, reading, fields, values, findings);
  } else if (provider && chosen) {
    const evidence = joinFirst(chosen.evidence, 4, '; ');
    addNote(findings, provider.kind === 'cdn' ? 'cdn-identified' : 'self-hosted-cache', { name: provider.name, evidence });
    if (cdns.length > 1)
      addNote(findings, 'cdn-stacked', {
        outer: provider.name,
        inner: cdns
          .slice(1)
          .map((m) => providerOf(m).name)
          .join(', '),
      });
    statusFindings(provider, reading, fields, values, findings);
  } else if (reading) {
    addNote(findings, STATUS_NOTE[reading.status], { name: 'A cache on the way', header: reading.header, raw: reading.raw });
  } else if (age !== null && age > 0) {
    addNote(findings, 'age-without-cdn', { age });
  }

  // Who owns the server address is always in ipOwner/ipOwnerName; a finding only when it adds something: the headers
  // name no CDN (the address alone reveals one), or they name a different CDN than the address owner.
  if (owner && x.serverIp) {
    if (byAddress || !provider || provider.kind !== 'cdn')
      addNote(findings, 'ip-owner', { ip: x.serverIp, owner: owner.name, source: IP_RANGES_SOURCE_NAME });
    else if (owner.id !== provider.id) addNote(findings, 'ip-owner-differs', { ip: x.serverIp, owner: owner.name, cdn: provider.name });
  }

  gatewayFindings(x.status, provider, reading, findings);

  return {
    cdn: provider ? provider.id : null,
    cdnName: provider ? provider.name : null,
    evidence: chosen
      ? chosen.evidence
      : byAddress && x.serverIp
        ? [`server address ${x.serverIp} (${owner.name} range, ${IP_RANGES_SOURCE_NAME})`]
        : [],
    cacheStatus,
    rawCacheStatus: reading ? reading.raw : null,
    pop,
    popCity,
    age,
    cacheStatusEntries,
    cdnCacheControl,
    ipOwner,
    ipOwnerName: owner ? owner.name : null,
    plain: findings.map((f) => f.summary),
    findings,
  };
}

/** The table's provider with the address owner's id, else a bare one named by the range table (no header rules). */
function providerForOwner(owner: Readonly<IpOwner>): Provider {
  for (const p of PROVIDERS) if (p.id === owner.id) return p;
  return {
    id: owner.id,
    name: owner.name,
    kind: 'cdn',
    link: 'https://github.com/projectdiscovery/cdncheck',
    signatures: [],
    status: [],
    pop: [],
  };
}

/** The finding id of each cache status, written out so that no id string is built (and looked up) per response. */
const STATUS_NOTE: Readonly<Record<CdnCacheStatus, string>> = {
  hit: 'status-hit',
  miss: 'status-miss',
  expired: 'status-expired',
  stale: 'status-stale',
  revalidated: 'status-revalidated',
  bypass: 'status-bypass',
  dynamic: 'status-dynamic',
  unknown: 'status-unknown',
};

/**
 * Adds a CDN finding. A module function rather than a closure made in each explainCdn call: making that closure cost
 * more than a call's own work (and esbuild's keepNames, which tsx applies, names each one as it is made).
 */
function addNote(findings: Finding[], id: string, params?: Record<string, string | number>): void {
  findings.push(cdnNote(id, params));
}

function statusFindings(
  provider: Provider,
  reading: StatusReading | null,
  fields: Fields,
  values: Map<string, string>,
  findings: Finding[],
): void {
  const name = provider.name;
  if (!reading) {
    if (provider.id === 'cloudflare') addNote(findings, 'cf-no-status');
    else if (provider.id === 'imperva') addNote(findings, 'imperva-opaque');
    else if (provider.id === 'google') {
      const age = readAge(fields);
      if (age !== null && age > 0) addNote(findings, 'google-age-only', { age });
      else addNote(findings, 'status-unknown', { name, raw: 'none' });
    } else addNote(findings, 'status-unknown', { name, raw: 'none' });
    return;
  }
  const params = { name, header: reading.header, raw: reading.raw };
  const cacheControl = combined(fields, 'cache-control', values) ?? '';
  if (reading.status === 'dynamic' && provider.id === 'cloudflare') {
    if (SHARED_ALLOWED.test(cacheControl) && !SHARED_FORBIDDEN.test(cacheControl))
      addNote(findings, 'cf-dynamic-cacheable', { cacheControl });
    else addNote(findings, 'cf-dynamic');
    return;
  }
  if (provider.id === 'vercel' && /^\s*REVALIDATED\s*$/i.test(reading.raw)) {
    addNote(findings, 'vercel-revalidated');
    return;
  }
  if (provider.id === 'cloudfront' && reading.tiers[0]?.raw && /^Error\b/i.test(reading.tiers[0].raw)) {
    addNote(findings, 'cloudfront-error');
    return;
  }
  addNote(findings, STATUS_NOTE[reading.status], params);
  if (reading.decidedBy > 0) {
    const t = reading.tiers[reading.decidedBy]!; // decidedBy indexes tiers
    addNote(findings, 'tiered-hit', { tier: t.cache ?? t.raw, tiers: reading.tiers.map((tier) => tier.raw).join(' | ') });
  }
  if (reading.status === 'bypass' || reading.status === 'dynamic') {
    if (fields.has('set-cookie')) addNote(findings, 'bypass-set-cookie');
    if (SHARED_FORBIDDEN.test(cacheControl)) addNote(findings, 'bypass-private', { cacheControl });
  }
}

function gatewayFindings(status: number, provider: Provider | null, reading: StatusReading | null, findings: Finding[]): void {
  const cacheStatus = reading ? reading.status : null;
  if (typeof status !== 'number' || !Object.prototype.hasOwnProperty.call(GATEWAY_STATUS, status)) return;
  const def = GATEWAY_STATUS[status]!; // an own property (checked above)
  if (def.byLayer && provider?.id !== 'cloudflare') return; // 52x codes are Cloudflare's own
  const layer = provider ? provider.name : 'the server in front';
  if (!provider && !def.byLayer && cacheStatus === null) {
    // A bare 502/503/504 may still come from a proxy; the proxy area explains those with Via evidence.
    return;
  }
  addNote(findings, 'gateway-error', { meaning: def.meaning.replace(/\{layer\}/g, layer), rule: def.rule, status });
  if (!provider || provider.kind !== 'cdn' || def.byLayer) return;
  // Who wrote the error page: a cache outcome means the CDN forwarded the origin's error (HIT on an error is a
  // cached error); CloudFront's "Error" and Cloudflare without CF-Cache-Status mean the CDN produced it.
  if (reading && reading.status !== 'unknown')
    addNote(findings, 'gateway-passed-through', { name: provider.name, status, raw: reading.raw });
  else if (provider.id === 'cloudfront' && reading && /^Error\b/i.test(reading.tiers[0]?.raw ?? ''))
    addNote(findings, 'gateway-by-cdn', { name: provider.name, status, evidence: 'X-Cache: Error from cloudfront.' });
  else if (provider.id === 'cloudflare' && !reading)
    addNote(findings, 'gateway-by-cdn', {
      name: provider.name,
      status,
      evidence: 'CF-Ray without CF-Cache-Status: the response did not come through the cache layer from the origin.',
    });
}

/**
 * The answer to "dig shows this address: what does that tell me?" for any IP typed or recorded:
 * the ip-owner finding when a CDN owns it, ip-not-cdn when none does, null when it is not an IP address.
 */
export function explainServerIp(ip: string): Finding | null {
  if (typeof ip !== 'string' || ip.length > 64) return null;
  const bare = bareAddress(ip);
  if (parseIPv4(bare) === null && parseIPv6(bare) === null) return null;
  const owner = cdnForIp(ip);
  const source = IP_RANGES_SOURCE_NAME;
  return owner ? cdnNote('ip-owner', { ip, owner: owner.name, source }) : cdnNote('ip-not-cdn', { ip, source });
}

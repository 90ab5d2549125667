/**
 * RFC 9111 caching engine: explainCache() judges one exchange for a private (browser) and a shared (CDN/proxy)
 * cache, under the browser profile of the context, and lists its findings.
 */
import type { CacheExplanation, Explained, LoadPrediction, NextUse, RevalidationLink } from '../explanation';
import { applyNote, fill } from '../notes';
import { contextOf, isList, orEmpty, recordOf, valueText } from '../loose';
import type { EngineContext, ExchangeRecord, Finding, HeaderList, LooseHeader, LooseHeaderList, LooseRecord, Severity } from '../types';
import {
  DIRECTIVES,
  directiveConflicts,
  type DirectiveConflict,
  NOT_IN_304,
  ownEntry,
  INVALID_DIRECTIVE_VALUE,
  SINGLETON_REPEAT_FIELDS,
  UNKNOWN_DIRECTIVE,
  VARY_MANY_FIELDS,
  VARY_TEXT,
} from './directives';
import { buildFacts, type ResponseFacts } from './facts';
import type { FieldValue } from './fields';
import { computeView, NO_NOTES, type ViewResult } from './freshness';
import { CACHE_FIXES, CACHE_NOTES, type CacheNoteId } from './notes';
import { clip, DELTA_CAP, parseHttpDateLenient, type DateField, type ParsedCacheControl, type ParsedVary } from './parsers';
import { profileFor, RFC_HEURISTIC_STATUSES, type CacheProfile } from './profiles';
import { CacheModel, destinationOf, type CacheDecision, type ModelRequest, type StoredResponse } from './model';
import { findRevalidation, mergeHeaders } from './revalidation';
import { humanDuration, isStaticAsset, isWatchedFile, urlShape, type UrlShape } from './urls';

export { CacheModel, predictNext, replay, DECISION_TEXT } from './model';
export type { CacheDecision, ModelRequest, ModelResponse, NextRequest, Prediction, LoadKind, Destination } from './model';

export { linkRevalidation } from './revalidation';
export { parseCacheControl, parseHttpDate, parseAge, parseETag, parseVary, parsePragma } from './parsers';
export { CACHE_NOTES } from './notes';
export { PROFILES } from './profiles';
export { DIRECTIVES } from './directives';

/** Date vs time of receipt beyond this is reported as clock skew (seconds). */
const CLOCK_SKEW_LIMIT = 60;
/** Explicit lifetimes from this long on count as "long" for unversioned HTML/CSS/JS. */
const LONG_LIFETIME = 86400;
const YEAR = 31536000;

export function explainCache(x: ExchangeRecord, ctx: EngineContext, history?: readonly ExchangeRecord[]): CacheExplanation {
  const c = contextOf(ctx);
  const now = typeof c.now === 'number' && Number.isFinite(c.now) ? c.now : (recordOf(x).responseTimeMs ?? 0) / 1000;
  const profile = profileFor(c.browser);
  const link = findRevalidation(x, history);
  // A 304 freshens the stored response: judge the merged result (RFC 9111 §4.3.4). Without the earlier response in
  // the recording, judge the 304's own headers (a 304 repeats Cache-Control, Expires, ETag, ... per RFC 9110
  // §15.4.5) as a freshened 200, with the validators the request sent.
  let status = x.status;
  let headers = orEmpty(x.responseHeaders);
  if (x.status === 304) {
    status = link ? link.previous.status : 200;
    headers = link ? mergeHeaders(orEmpty(link.previous.responseHeaders), headers) : mergeHeaders(validatorsFromRequest(x), headers);
  }
  const f = buildFacts(x, status, headers, now);

  const priv = computeView(f, 'private', profile, now);
  const shared = computeView(f, 'shared', profile, now);
  priv.view.browserNotes = browserNotes(f, priv, profile);

  const immutable = f.cc.names.has('immutable');
  const vary = sharedVary(f.vary);
  const explanation: CacheExplanation = {
    browser: profile.id,
    now,
    responseDirectives: sharedDirectives(f.cc, 'response'),
    requestDirectives: sharedDirectives(f.reqCc, 'request'),
    private: priv.view,
    shared: shared.view,
    date: f.date.time,
    expires: f.expires.raw === null ? null : f.expires.time,
    lastModified: f.lastModified.time,
    age: f.age.value,
    etag: f.etag,
    vary: vary.vary,
    varyExplained: vary.varyExplained,
    immutable,
    nextUse: nextUse(f, priv, profile, x, headers, status, now),
    revalidation: link?.link ?? null,
    findings: [],
  };
  explanation.findings = cacheFindings(f, priv, shared, x, link?.link ?? null);
  return explanation;
}

function validatorsFromRequest(x: LooseRecord): LooseHeaderList {
  const out: LooseHeader[] = [];
  for (const h of x.requestHeaders ?? []) {
    if (typeof h?.name !== 'string') continue;
    const n = h.name.toLowerCase();
    if (n === 'if-none-match') out.push({ name: 'ETag', value: h.value });
    else if (n === 'if-modified-since') out.push({ name: 'Last-Modified', value: h.value });
  }
  return out;
}

// ---------------------------------------------------------------- directives

/**
 * Parsed Cache-Control and Vary values are memoised per field value (freshness.ts), and so are their explanations
 * here: one frozen array per distinct value instead of a fresh copy in every explanation. Frozen, so a consumer that
 * tried to edit one explanation's list could not change another's.
 */
const DIRECTIVES_MEMO = {
  response: new WeakMap<ParsedCacheControl, readonly Explained[]>(),
  request: new WeakMap<ParsedCacheControl, readonly Explained[]>(),
};
const NO_DIRECTIVES: readonly Explained[] = Object.freeze([]);

function sharedDirectives(cc: ParsedCacheControl, context: 'response' | 'request'): readonly Explained[] {
  if (cc.directives.length === 0) return NO_DIRECTIVES;
  const memo = DIRECTIVES_MEMO[context];
  let out = memo.get(cc);
  if (!out) {
    out = explainDirectives(cc, context);
    for (const e of out) Object.freeze(e);
    Object.freeze(out);
    memo.set(cc, out);
  }
  return out;
}

const VARY_MEMO = new WeakMap<ParsedVary, { vary: readonly string[]; varyExplained: readonly string[] }>();

function sharedVary(v: ParsedVary): { vary: readonly string[]; varyExplained: readonly string[] } {
  let out = VARY_MEMO.get(v);
  if (!out) {
    out = {
      vary: Object.freeze([...v.fields]),
      varyExplained: Object.freeze(v.fields.map((field) => fill(ownEntry(VARY_TEXT, field) ?? VARY_TEXT.default, { field }))),
    };
    VARY_MEMO.set(v, out);
  }
  return out;
}

function explainDirectives(cc: ParsedCacheControl, context: 'response' | 'request'): Explained[] {
  return cc.directives.map((d) => {
    const def = ownEntry(DIRECTIVES, d.name);
    const value = d.value === null ? undefined : clip(d.value, 120);
    const name = clip(d.name, 60);
    if (!def) return { name, value, known: false, ...UNKNOWN_DIRECTIVE };
    const plain = context === 'response' ? def.plainResponse : def.plainRequest;
    const delta = cc.deltas.get(d.name);
    const valid = !delta || (delta.seconds !== null && !delta.conflict) || (def.arg === 'optional-delta' && !delta.invalid);
    if (!plain) {
      const other = context === 'response' ? 'request' : 'response';
      return { name, value, known: false, plain: `A ${other} directive: it has no effect here.`, rule: def.rule, link: def.link };
    }
    return {
      name,
      value,
      known: valid,
      plain: valid ? fill(plain, { value: value ?? 'any number of' }) : INVALID_DIRECTIVE_VALUE.plain,
      rule: def.rule,
      link: def.link,
    };
  });
}

// ---------------------------------------------------------------- browser notes

function browserNotes(f: ResponseFacts, v: ViewResult, profile: CacheProfile): readonly string[] {
  if (profile.id === 'rfc') return NO_NOTES;
  const immutable = f.cc.names.has('immutable') && !!profile.immutableOnReload.note;
  if (v.departures.length === 0 && !immutable) return NO_NOTES;
  const out: string[] = [];
  const departures = v.departures;
  for (let k = 0; k < departures.length; k++) {
    const [key, params] = departures[k]!;
    const rule = profile[key];
    if (!rule.note || seenBefore(departures, k, key)) continue;
    out.push(fill(rule.note, params));
  }
  if (immutable) out.push(profile.immutableOnReload.note!);
  return out;
}

/** Whether a departure before index k has the same rule (its note is given once); lists are a few entries long. */
function seenBefore(departures: ViewResult['departures'], k: number, key: string): boolean {
  for (let j = 0; j < k; j++) if (departures[j]![0] === key) return true;
  return false;
}

// ---------------------------------------------------------------- next use

/**
 * The next use, decided once by the cache model (model.ts) from this exchange's stored response at `now`: for a
 * later normal use (navigation) and for a reload, with the resource's destination (page, frame, subresource).
 */
const MODELS = new Map<string, CacheModel>();
function modelFor(profile: CacheProfile): CacheModel {
  let m = MODELS.get(profile.id);
  if (!m) MODELS.set(profile.id, (m = new CacheModel({ kind: 'private', browser: profile.id })));
  return m;
}

/** The request a later use sends: this one's fields, without what the cache or a reload added (If-*, Cache-Control, Pragma). */
function nextRequestHeaders(x: ExchangeRecord): HeaderList {
  const list = Array.isArray(x.requestHeaders) ? x.requestHeaders : [];
  let out: HeaderList | null = null;
  for (let k = 0; k < list.length; k++) {
    const h = list[k];
    const drop = !h || typeof h.name !== 'string' || addedByCache(h.name);
    if (drop && !out) out = list.slice(0, k);
    else if (!drop && out) out.push(h);
  }
  // Most requests carry none of these: the list itself is used, not a copy.
  return out ?? list;
}

/** If-*, Cache-Control or Pragma, compared without lower-casing every name. */
function addedByCache(n: string): boolean {
  const len = n.length;
  if (len === 0) return true;
  const c0 = n.charCodeAt(0) | 32;
  if (c0 === 105) return len > 3 && (n.charCodeAt(1) | 32) === 102 && n.charCodeAt(2) === 45; // if-
  if (c0 === 99) return len === 13 && n.toLowerCase() === 'cache-control';
  if (c0 === 112) return len === 6 && n.toLowerCase() === 'pragma';
  return false;
}

const NOT_STORED_TEXT = {
  navigation: 'Not stored by the browser: the next use downloads it again.',
  reload: 'A reload downloads it again, as any use does.',
} as const;

function toPrediction(d: CacheDecision): LoadPrediction {
  const decision = d.action === 'unavailable' ? 'network' : d.action;
  return {
    action:
      decision === 'fresh' || decision === 'stale-while-revalidate' ? 'from-cache' : decision === 'revalidate' ? 'revalidate' : 'download',
    plain: d.plain,
    conditionalHeaders: d.conditional.length ? d.conditional.map((h) => `${h.name}: ${clip(h.value, 200)}`) : NO_HEADERS,
    decision,
    reason: d.reason,
    rule: d.rule,
    link: d.link,
  };
}

/** No conditional headers (every next use but a revalidation): one shared, frozen empty list. */
const NO_HEADERS: readonly string[] = Object.freeze([]);

function nextUse(
  f: ResponseFacts,
  v: ViewResult,
  profile: CacheProfile,
  x: ExchangeRecord,
  headers: HeaderList,
  status: number,
  now: number,
): NextUse {
  let navigation: LoadPrediction;
  let reload: LoadPrediction;
  if (!v.view.storable || f.method !== 'GET') {
    navigation = {
      action: 'download',
      plain: NOT_STORED_TEXT.navigation,
      conditionalHeaders: NO_HEADERS,
      decision: 'network',
      reason: 'not-stored',
    };
    reload = {
      action: 'download',
      plain: NOT_STORED_TEXT.reload,
      conditionalHeaders: NO_HEADERS,
      decision: 'network',
      reason: 'not-stored',
    };
  } else {
    const model = modelFor(profile);
    const entry: StoredResponse = {
      url: f.url,
      method: 'GET',
      status,
      headers,
      requestHeaders: orEmpty(x.requestHeaders),
      requestTime: f.requestTime,
      responseTime: f.responseTime,
      id: x.id,
    };
    // The two requests written out in full (one shape, no spread copy): the model reads their fields several times.
    const url = f.url;
    const reqHeaders = nextRequestHeaders(x);
    const destination = destinationOf(x);
    const nav: ModelRequest = { url, method: 'GET', headers: reqHeaders, time: now, load: 'navigation', destination, mode: undefined };
    const rel: ModelRequest = { url, method: 'GET', headers: reqHeaders, time: now, load: 'reload', destination, mode: undefined };
    navigation = toPrediction(model.decideFor(nav, entry, f, v));
    reload = toPrediction(model.decideFor(rel, entry, f, v));
  }
  return {
    action: navigation.action,
    conditionalHeaders: navigation.conditionalHeaders,
    plain: navigation.plain,
    onReload: reload.plain,
    loads: { navigation, reload },
    appliesTo: 'navigation',
  };
}

// ---------------------------------------------------------------- findings

const FRESHNESS_DIRECTIVES = [
  'max-age',
  's-maxage',
  'public',
  'private',
  'must-revalidate',
  'proxy-revalidate',
  'no-cache',
  'immutable',
  'stale-while-revalidate',
  'stale-if-error',
];

function qualifiedFields(cc: ParsedCacheControl, name: string): string | null {
  if (!cc.names.has(name)) return null;
  for (const d of cc.directives) if (d.name === name && d.value !== null && d.value.trim() !== '') return d.value;
  return null;
}

/**
 * A finding without parameters reads the same for every exchange: one frozen object per note id, shared between
 * explanations (read-only, like the memoised directive lists), instead of a new one each time.
 */
const PLAIN_FINDINGS = new Map<CacheNoteId, Finding>();
function plainFinding(id: CacheNoteId): Finding {
  let f = PLAIN_FINDINGS.get(id);
  if (!f) PLAIN_FINDINGS.set(id, (f = Object.freeze(withFix(applyNote(CACHE_NOTES, id), id))));
  return f;
}

/**
 * Findings with parameters repeat as well ("public-redundant" with the same reason, "stale-while-revalidate" with the
 * same seconds), and so do severities set by consequence: one frozen object per note, parameter names and values (in
 * their order) and severity, shared like plainFinding's. A tree of Maps, so a lookup builds no key. Bounded.
 */
interface FindingNode {
  /** Parameter name → value → the node for the parameters so far. */
  next: Map<string, Map<string | number, FindingNode>> | null;
  /** Severity asked for ('' when the note's own) → the finding. */
  found: Map<string, Finding> | null;
}
const NOTE_FINDINGS = new Map<CacheNoteId, FindingNode>();
const MAX_FINDING_NODES = 8192;
let findingNodes = 0;

/** Notes whose parameters are the exchange's own age or lifetime: they seldom repeat, so they are built each time. */
const PER_EXCHANGE_NOTES: ReadonlySet<CacheNoteId> = new Set<CacheNoteId>([
  'age-present',
  'heuristic-freshness',
  'stale-now',
  'clock-skew',
]);

function noteFinding(id: CacheNoteId, params: Record<string, string | number> | undefined, severity: Severity | undefined): Finding {
  if (params === undefined && severity === undefined) return plainFinding(id);
  if (params !== undefined && PER_EXCHANGE_NOTES.has(id)) {
    const found = withFix(applyNote(CACHE_NOTES, id, params), id, params);
    return severity && severity !== found.severity ? { ...found, severity } : found;
  }
  let node = NOTE_FINDINGS.get(id);
  if (node === undefined) NOTE_FINDINGS.set(id, (node = newNode()));
  if (params !== undefined) {
    for (const name in params) {
      const value = params[name]!; // an own key of params
      node.next ??= new Map();
      let byValue = node.next.get(name);
      if (byValue === undefined) node.next.set(name, (byValue = new Map<string | number, FindingNode>()));
      let child = byValue.get(value);
      if (child === undefined) byValue.set(value, (child = newNode()));
      node = child;
    }
  }
  node.found ??= new Map();
  const key = severity ?? '';
  let f = node.found.get(key);
  if (f === undefined) {
    const base = params ? withFix(applyNote(CACHE_NOTES, id, params), id, params) : plainFinding(id);
    // Severity by consequence: a few notes are warnings only where the cost is real for this response.
    f = severity && severity !== base.severity ? { ...base, severity } : base;
    if (f.params) Object.freeze(f.params);
    node.found.set(key, Object.freeze(f));
  }
  return f;
}

function newNode(): FindingNode {
  if (++findingNodes > MAX_FINDING_NODES) {
    NOTE_FINDINGS.clear();
    findingNodes = 1;
  }
  return { next: null, found: null };
}

function copyFindings(list: readonly Finding[], out: Finding[]): void {
  for (let k = 0; k < list.length; k++) {
    const f = list[k]!;
    const id = f.id as CacheNoteId;
    out.push(f.fix === undefined && Object.prototype.hasOwnProperty.call(CACHE_FIXES, id) ? withFix({ ...f }, id, f.params) : { ...f });
  }
}

/** The finding with its fix sentence (CACHE_FIXES), placeholders filled from the same parameters. */
function withFix(f: Finding, id: CacheNoteId, params?: Record<string, string | number>): Finding {
  f.fix = fill(CACHE_FIXES[id], params);
  return f;
}

const MAX_LINES = 10_000;

/**
 * A field's lines from a header list (own reading, bounded), or with `name` null the lower-case names of every
 * field. Used for the few checks that need the wire form (repeats, what a 304 carried).
 */
function fieldLines(headers: LooseHeaderList | undefined, name: string | null): string[] {
  const out: string[] = [];
  if (!isList(headers)) return out;
  const n = Math.min(headers.length, MAX_LINES);
  for (let i = 0; i < n; i++) {
    const h = headers[i];
    if (!h || typeof h.name !== 'string') continue;
    const lower = h.name.toLowerCase();
    if (name === null) out.push(lower);
    else if (lower === name) out.push(typeof h.value === 'string' ? h.value : valueText(h.value));
  }
  return out;
}

/** Members of a comma-separated list named more than once (case-insensitively), each once. */
function repeatedMembers(lines: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const line of lines) {
    for (const part of line.slice(0, 4096).split(',', 256)) {
      const m = part.trim().toLowerCase();
      if (!m) continue;
      if (seen.has(m)) repeated.add(m);
      else seen.add(m);
    }
  }
  return [...repeated];
}

const NO_MEMBERS: readonly string[] = Object.freeze([]);
/**
 * NOT_IN_304 as a Map: every field name of a 304 is looked up, and an own-property test with a freshly lower-cased
 * name (a new string each time) is a slow lookup; a Map hashes it.
 */
const NOT_IN_304_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(NOT_IN_304));
const NO_SHAPE: Readonly<UrlShape> = Object.freeze({ versioned: false, extension: '' });
const SINGLETON_REPEATS = Object.entries(SINGLETON_REPEAT_FIELDS);

/** A scanned field's lines as recorded (not split at newlines): fieldLines' reading of the same header list. */
function linesOf(v: FieldValue): readonly string[] {
  return v === undefined ? NO_MEMBERS : typeof v === 'string' ? [v] : v;
}

/**
 * repeatedMembers of the scanned Vary lines. One line without a comma names one member (nothing repeats); other
 * single lines repeat across a recording, so their answer is kept per value.
 */
const VARY_REPEATS = new Map<string, readonly string[]>();
function varyRepeats(v: FieldValue): readonly string[] {
  if (v === undefined) return NO_MEMBERS;
  if (typeof v !== 'string') return repeatedMembers(v);
  if (v.indexOf(',') < 0) return NO_MEMBERS;
  let out = VARY_REPEATS.get(v);
  if (out === undefined) {
    const found = repeatedMembers([v]);
    out = found.length ? Object.freeze(found) : NO_MEMBERS;
    if (v.length <= 512) {
      if (VARY_REPEATS.size >= 2048) VARY_REPEATS.clear();
      VARY_REPEATS.set(v, out);
    }
  }
  return out;
}

/** directiveConflicts of a parsed Cache-Control, kept per parse (parses are memoised per value); a pair needs two names. */
const CONFLICTS = new WeakMap<ParsedCacheControl, readonly DirectiveConflict[]>();
const NO_CONFLICTS: readonly DirectiveConflict[] = Object.freeze([]);
function conflictsOf(cc: ParsedCacheControl): readonly DirectiveConflict[] {
  if (cc.names.size < 2) return NO_CONFLICTS;
  let out = CONFLICTS.get(cc);
  if (out === undefined) {
    const found = directiveConflicts(cc.names, cc.deltas);
    CONFLICTS.set(cc, (out = found.length ? found : NO_CONFLICTS));
  }
  return out;
}

function obsoleteDate(header: string, field: DateField, add: (id: CacheNoteId, params?: Record<string, string | number>) => void): void {
  if (field.format === 'rfc850' || field.format === 'asctime') add('http-date-obsolete', { header, format: field.format });
}

function cacheFindings(
  f: ResponseFacts,
  priv: ViewResult,
  shared: ViewResult,
  x: ExchangeRecord,
  link: RevalidationLink | null,
): Finding[] {
  // Parsed Cache-Control is shared between exchanges (memoised): hand out copies of its findings.
  const out: Finding[] = [];
  copyFindings(f.cc.findings, out);
  copyFindings(f.reqCc.findings, out);
  copyFindings(f.age.findings, out);
  const add = (id: CacheNoteId, params?: Record<string, string | number>, severity?: Severity): void => {
    out.push(noteFinding(id, params, severity));
  };
  if (f.status <= 0) return out;
  const cc = f.cc.names;
  const pv = priv.view;
  const storableAnywhere = pv.storable || shared.view.storable;
  const hasValidator = f.etag !== null || f.lastModified.time !== null;

  // Cache-Control semantics
  const k = f.ccf; // the same names and deltas, read once per parse
  if (k.public && k.unqualifiedPrivate) add('public-private-conflict');
  if (k.noStore) {
    const others = FRESHNESS_DIRECTIVES.filter((n) => cc.has(n));
    if (others.length && !cc.has('must-understand')) add('no-store-with-others', { others: others.join(', ') });
    if (!storableAnywhere && priv.reason === 'no-store') add('no-store');
  }
  if (k.private && k.hasSMaxage) add('private-s-maxage');
  const explicit = k.hasMaxAge || k.hasSMaxage || f.expires.raw !== null;
  const noCacheQualified = qualifiedFields(f.cc, 'no-cache') !== null;
  for (const c of conflictsOf(f.cc)) {
    // no-cache="field" only concerns the listed fields: it does not contradict a lifetime.
    if (c.first === 'no-cache' && noCacheQualified) continue;
    add('cc-directives-conflict', { first: c.first, second: c.second, effect: c.effect, rule: c.rule, keep: c.keep });
  }
  // public only widens storability for a request with Authorization, or a status not cacheable by default without
  // explicit freshness (RFC 9111 §3, §3.5, §4.2.2).
  if (k.public && !k.noStore && !f.hasAuthorization && !k.unqualifiedPrivate && (explicit || RFC_HEURISTIC_STATUSES.has(f.status))) {
    add('public-redundant', { why: explicit ? 'it has an explicit lifetime' : `status ${f.status} is cacheable by default` });
  }
  if (k.mustRevalidate && !explicit && storableAnywhere) add('must-revalidate-no-lifetime');
  if (k.maxAge?.seconds === 0 && !k.mustRevalidate && !k.noCache && storableAnywhere) {
    add('max-age-zero-not-no-cache');
  }
  const noCacheFields = qualifiedFields(f.cc, 'no-cache');
  if (noCacheFields !== null) add('no-cache-qualified', { value: clip(noCacheFields, 60) });
  const privateFields = qualifiedFields(f.cc, 'private');
  if (privateFields !== null) add('private-qualified', { value: clip(privateFields, 60) });
  if (priv.noCache && pv.storable && !hasValidator) {
    // Costly for static files fetched on every page (a full download each use); by design for most HTML and APIs.
    const shape = urlShape(f.url);
    const watched = isStaticAsset(shape.extension, x.resourceType);
    add('no-cache-no-validator', { what: watched ? ', on every page that uses it' : '' }, watched ? 'warning' : 'info');
  }
  if (cc.has('immutable') && pv.freshnessLifetime !== null && pv.freshnessLifetime < LONG_LIFETIME && !pv.heuristic) {
    add('immutable-short-lifetime', { lifetime: pv.freshnessLifetime });
  }
  const swr = k.staleWhileRevalidate;
  if (swr != null && storableAnywhere) add('stale-while-revalidate', { seconds: swr });
  const sie = k.staleIfError;
  if (sie != null && storableAnywhere) add('stale-if-error', { seconds: sie });

  // Validators
  if (f.etag) {
    if (!f.etag.valid) add('etag-malformed', { value: clip(f.etag.value, 60) });
    else if (f.etag.weak) add('etag-weak');
  }
  if (f.etagCount > 1) add('etag-multiple', { count: f.etagCount });
  if (f.lastModified.raw !== null && f.lastModified.time === null) {
    // Without an ETag this was the only validator: the next revalidation becomes a full download, unless browsers
    // read the date anyway (a "UTC" zone, a missing comma: their lenient date reader, as for Expires).
    const costly = !f.etag && parseHttpDateLenient(f.lastModified.raw) === null;
    add('last-modified-invalid', { value: clip(f.lastModified.raw, 60) }, costly ? 'warning' : 'info');
  }
  if (f.lastModified.time !== null && f.date.time !== null && f.lastModified.time > f.date.time) add('last-modified-future');
  if (storableAnywhere && !hasValidator && f.status === 200 && !priv.noCache) {
    // A cost only when it goes stale while still in use: a lifetime under a day (or none) makes that likely.
    const lt = pv.freshnessLifetime;
    const soon = lt === null || lt < LONG_LIFETIME;
    add(
      'no-validator',
      { when: soon ? (lt === null ? ', which is at once' : ` after ${humanDuration(lt)}`) : '' },
      soon ? 'warning' : 'info',
    );
  } else if (storableAnywhere && hasValidator && f.status === 200 && !k.noStore) add('cacheable-with-validator');

  // Dates and ages
  if (f.date.raw === null) add('date-missing');
  else if (f.date.time === null) {
    // Browsers read common malformations (a doubled space, a missing comma) with their lenient date reader, as
    // for Expires: then nothing is lost.
    add('date-invalid', { value: clip(f.date.raw, 60) }, parseHttpDateLenient(f.date.raw) !== null ? 'info' : 'warning');
  }
  if (x.status !== 304) {
    // The facts were read from these very headers (not a 304, so no merge): their scanned lines are fieldLines'.
    const scanned = Array.isArray(x.responseHeaders) && x.responseHeaders.length <= MAX_LINES;
    for (const [name, display] of SINGLETON_REPEATS) {
      // One scanned line (a string) is never a repeat: only a list of lines needs the check.
      const raw = name === 'date' ? f.rawDate : name === 'last-modified' ? f.rawLastModified : null;
      if (scanned && typeof raw === 'string') continue;
      const values = scanned && raw !== null ? linesOf(raw) : fieldLines(x.responseHeaders, name);
      if (values.length > 1 && new Set(values.map((v) => v.trim())).size > 1)
        add('field-repeated', { field: display, count: values.length });
    }
  }
  obsoleteDate('Date', f.date, add);
  obsoleteDate('Expires', f.expires, add);
  obsoleteDate('Last-Modified', f.lastModified, add);
  if (f.expires.raw !== null) {
    if (f.expires.time === null) {
      // "0" / "-1" mean "already expired" on purpose; max-age overrides Expires; browsers read common malformations.
      const meant = /^\s*-?\d+\s*$/.test(f.expires.raw) || cc.has('max-age') || parseHttpDateLenient(f.expires.raw) !== null;
      add('expires-invalid', { value: clip(f.expires.raw, 60) }, meant ? 'info' : 'warning');
    }
    if (f.date.raw === null) add('expires-without-date');
    if (f.expires.multiple) add('expires-multiple', { count: 2 });
    // Only when they disagree: sending both, consistently, is normal practice for HTTP/1.0 caches.
    const maxAge = f.cc.deltas.get('max-age')?.seconds;
    if (maxAge != null && f.expires.time !== null) {
      const fromExpires = f.expires.time - (f.date.time ?? f.responseTime);
      if (Math.abs(fromExpires - maxAge) > CLOCK_SKEW_LIMIT) add('expires-overridden', { directive: 'max-age' });
    }
  }
  if (f.age.value !== null && f.age.value >= DELTA_CAP) add('age-huge');
  else if (f.age.value !== null && f.age.value > 0) add('age-present', { age: f.age.value });
  if (f.date.time !== null && x.source === 'network') {
    // Date is the origination time (RFC 9110 §6.6.1), but many caches rewrite it when serving while also sending
    // Age; take whichever reading fits best so neither style is reported as skew.
    const plain = f.responseTime - f.date.time;
    const withAge = plain - (f.age.value ?? 0);
    const skew = Math.round(Math.abs(plain) <= Math.abs(withAge) ? plain : withAge);
    if (Math.abs(skew) > CLOCK_SKEW_LIMIT) {
      // A whole number of hours is the signature of a time-zone error in the recording, not of the server's clock.
      const hours = Math.round(skew / 3600);
      const zone = hours !== 0 && Math.abs(skew - hours * 3600) <= CLOCK_SKEW_LIMIT;
      add('clock-skew', { skew, hint: zone ? ` (${Math.abs(hours)} h exactly: probably a time-zone error in the recording)` : '' });
    }
  }

  // Other fields
  if (f.pragma.tokens.length) add('pragma-in-response', { value: clip(f.pragma.tokens.join(', '), 60) });
  // By consequence: Vary only costs something on a response a cache would otherwise store and reuse.
  if (f.vary.star) add('vary-star', undefined, storableAnywhere ? 'warning' : 'info');
  if (f.vary.fields.includes('user-agent')) add('vary-user-agent', undefined, shared.view.storable ? 'warning' : 'info');
  if (f.vary.fields.includes('cookie')) add('vary-cookie');
  if (f.vary.fields.includes('host')) add('vary-host');
  const varyRepeated =
    x.status === 304
      ? NO_MEMBERS
      : Array.isArray(x.responseHeaders) && x.responseHeaders.length <= MAX_LINES
        ? varyRepeats(f.rawVary)
        : repeatedMembers(fieldLines(x.responseHeaders, 'vary'));
  if (varyRepeated.length) add('vary-duplicate', { fields: clip(varyRepeated.join(', '), 80) });
  if (f.vary.fields.length >= VARY_MANY_FIELDS) {
    const varied = f.vary.fields.filter((n) => n !== '*');
    if (varied.length >= VARY_MANY_FIELDS) add('vary-many', { count: varied.length, fields: clip(varied.join(', '), 80) });
  }
  if (x.status === 304) {
    const extra = fieldLines(x.responseHeaders, null).filter((n) => NOT_IN_304_NAMES.has(n));
    if (extra.length) add('not-modified-content-headers', { fields: [...new Set(extra)].map((n) => NOT_IN_304_NAMES.get(n)).join(', ') });
  }
  if (f.hasAuthorization && shared.view.storable) {
    const directive = cc.has('public') ? 'public' : cc.has('s-maxage') ? 's-maxage' : 'must-revalidate';
    add('public-with-authorization', { directive });
  }
  if (f.hasSetCookie && shared.view.storable) {
    const shielded =
      (noCacheFields ?? '').toLowerCase().includes('set-cookie') || (privateFields ?? '').toLowerCase().includes('set-cookie');
    if (!shielded) add('set-cookie-shared');
  }
  const lifetime = pv.freshnessLifetime;
  const explicitLifetime = pv.storable && !pv.heuristic && lifetime !== null && !priv.noCache;
  const shape = explicitLifetime ? urlShape(f.url) : NO_SHAPE;
  if (explicitLifetime && lifetime >= LONG_LIFETIME && !shape.versioned && isWatchedFile(shape, x.resourceType)) {
    add('long-max-age-unversioned', { lifetime: humanDuration(lifetime) });
  }
  if (!explicitLifetime && pv.storable && !priv.noCache && x.status === 200) {
    // A versioned asset left to heuristics (or to revalidation) wastes the one case where a year-long lifetime is safe.
    // Only a hash or version in the path counts here: query keys like _= or t= are often per-request cache busters.
    const q = f.url.indexOf('?');
    const guessed = urlShape(q >= 0 ? f.url.slice(0, q) : f.url);
    if (guessed.versioned && isWatchedFile(guessed, x.resourceType)) add('versioned-no-lifetime');
  }
  if (shape.versioned && explicitLifetime && x.status !== 304) {
    if (lifetime >= YEAR / 12 && !cc.has('immutable')) add('versioned-without-immutable');
    if (lifetime < LONG_LIFETIME && isWatchedFile(shape, x.resourceType)) {
      add('versioned-short-lifetime', { lifetime: humanDuration(lifetime) });
    }
  }

  // Storability and state
  if (pv.heuristic && lifetime !== null && lifetime < DELTA_CAP) add('heuristic-freshness', { lifetime });
  else if (
    pv.storable &&
    !explicit &&
    !pv.heuristic &&
    !priv.noCache &&
    !cc.has('must-revalidate') &&
    f.method === 'GET' &&
    x.status !== 304
  ) {
    // Storable yet stale at once: browsers estimate a lifetime from Last-Modified only (RFC 9111 §4.2.2).
    add('no-explicit-freshness');
  }
  if (priv.reason === 'status') add('not-storable-status', { status: f.status });
  if (pv.storable && !pv.fresh && lifetime !== null && lifetime > 0 && !priv.noCache) {
    add('stale-now', { age: Math.round(pv.currentAge), lifetime });
  }
  const reqNoCache = f.reqCc.names.has('no-cache') || f.reqPragma.noCache || f.reqCc.deltas.get('max-age')?.seconds === 0;
  if (reqNoCache) {
    const value = f.reqCc.names.has('no-cache')
      ? 'Cache-Control: no-cache'
      : f.reqPragma.noCache
        ? 'Pragma: no-cache'
        : 'Cache-Control: max-age=0';
    add('request-no-cache', { value });
  }

  // Revalidation
  if (link) {
    if (link.matched === false) {
      add('revalidation-changed', {
        validator: link.validator === 'etag' ? 'ETag' : 'Last-Modified',
        previous: clip(link.validatorValue ?? '', 60),
        current: clip((link.validator === 'etag' ? f.etag?.value : f.lastModified.raw) ?? '', 60),
      });
    } else if (link.inferred) add('revalidated-inferred');
    else add('revalidated-304');
  } else if (x.status === 304) add('revalidated-304-unlinked');
  return out;
}

/**
 * The facts the cache engine reads from one exchange (status, the fields it needs, times), parsed once and memoised
 * where values repeat across a recording. Pure and allocation-light: it runs for every exchange.
 */
import type { Finding, LooseHeaderList } from '../types';
import {
  DELTA_CAP,
  parseAge,
  parseCacheControl,
  parseDateField,
  parseDateValue,
  parseImfFixdateFast,
  parseETag,
  parsePragma,
  parseVary,
  type DateField,
  type DeltaValue,
  type ParsedAge,
  type ParsedCacheControl,
  type ParsedETag,
  type ParsedPragma,
  type ParsedVary,
} from './parsers';
import { firstLine, REQ_SLOTS, RES_SLOTS, scanFields, splitLines, type FieldValue } from './fields';
import { hasUnqualified } from './storability';

/**
 * The imported functions and tables the per-exchange path uses, bound once: when the engine is loaded as CommonJS
 * (tsx compiles it so for a require() from a CommonJS script), every use of an imported name is a getter call on the
 * exporting module's object. As ES modules (the bench) and in bundles the alias costs nothing.
 */
const scan = scanFields;
const first = firstLine;
const imfFixdate = parseImfFixdateFast;
const RES = RES_SLOTS;
const REQ = REQ_SLOTS;
const AGE_CAP = DELTA_CAP;

/** Absent Date/Expires/Last-Modified and Age, shared (facts are read-only): what the parsers return for no lines. */
const NO_DATE: DateField = Object.freeze({ time: null, format: null, raw: null, multiple: false });
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
const NO_AGE: ParsedAge = Object.freeze({ value: null, findings: NO_FINDINGS });

/**
 * Cache-Control values repeat across a recording ("public, max-age=31536000, immutable" on every asset), so
 * parsed results are shared. They are read-only by convention: nothing downstream mutates a ParsedCacheControl.
 */
const ccMemo = { response: new Map<string, ParsedCacheControl>(), request: new Map<string, ParsedCacheControl>() };
const MEMO_MAX_KEY = 512;

function memoOne<T>(memo: Map<string, T>, lines: readonly string[], parse: (lines: readonly string[]) => T): T {
  const key = lines[0];
  if (lines.length !== 1 || key === undefined || key.length > MEMO_MAX_KEY) return parse(lines);
  const hit = memo.get(key);
  if (hit) return hit;
  const parsed = parse(lines);
  if (memo.size >= 2048) memo.clear();
  memo.set(key, parsed);
  return parsed;
}

const parseResponseCc = (lines: readonly string[]) => parseCacheControl(lines, 'response');
const parseRequestCc = (lines: readonly string[]) => parseCacheControl(lines, 'request');
const varyMemo = new Map<string, ParsedVary>();
const pragmaMemo = new Map<string, ParsedPragma>();
const EMPTY_VARY: ParsedVary = { fields: [], star: false };
const EMPTY_PRAGMA: ParsedPragma = { tokens: [], noCache: false };

/** No Cache-Control field (most requests): one shared, frozen empty result instead of a new one per exchange. */
const NO_CC: ParsedCacheControl = Object.freeze(parseCacheControl([], 'request'));
Object.freeze(NO_CC.directives);
Object.freeze(NO_CC.findings);

/**
 * What the per-view judgements (storability, lifetime, computeView) ask of a response's Cache-Control, read once per
 * parse: parses are shared between exchanges, so a view reads fields instead of a dozen Set and Map lookups.
 */
export interface CcFacts {
  public: boolean;
  private: boolean;
  noStore: boolean;
  noCache: boolean;
  mustRevalidate: boolean;
  proxyRevalidate: boolean;
  mustUnderstand: boolean;
  /** names.has('s-maxage'). */
  hasSMaxage: boolean;
  hasMaxAge: boolean;
  /** hasUnqualified(cc, 'no-cache') / (cc, 'private'). */
  unqualifiedNoCache: boolean;
  unqualifiedPrivate: boolean;
  /** deltas.get(...). */
  sMaxage: DeltaValue | undefined;
  maxAge: DeltaValue | undefined;
  staleWhileRevalidate: number | null;
  staleIfError: number | null;
}

function readCcFacts(cc: ParsedCacheControl): CcFacts {
  const n = cc.names;
  const d = cc.deltas;
  return {
    public: n.has('public'),
    private: n.has('private'),
    noStore: n.has('no-store'),
    noCache: n.has('no-cache'),
    mustRevalidate: n.has('must-revalidate'),
    proxyRevalidate: n.has('proxy-revalidate'),
    mustUnderstand: n.has('must-understand'),
    hasSMaxage: n.has('s-maxage'),
    hasMaxAge: n.has('max-age'),
    unqualifiedNoCache: hasUnqualified(cc, 'no-cache'),
    unqualifiedPrivate: hasUnqualified(cc, 'private'),
    sMaxage: d.get('s-maxage'),
    maxAge: d.get('max-age'),
    staleWhileRevalidate: d.get('stale-while-revalidate')?.seconds ?? null,
    staleIfError: d.get('stale-if-error')?.seconds ?? null,
  };
}

/** CcFacts per parse: one WeakMap lookup per exchange (the parse is memoised per value). */
const CC_FACTS = new WeakMap<ParsedCacheControl, CcFacts>();
function ccFactsOf(cc: ParsedCacheControl): CcFacts {
  let out = CC_FACTS.get(cc);
  if (out === undefined) CC_FACTS.set(cc, (out = readCcFacts(cc)));
  return out;
}

/** Everything the cache engine knows about one response, parsed once. */
export interface ResponseFacts {
  url: string;
  method: string;
  status: number;
  cc: ParsedCacheControl;
  /** What the views ask of cc, read once per parse (read-only, shared). */
  ccf: CcFacts;
  /** Number of Cache-Control field lines. */
  ccLines: number;
  reqCc: ParsedCacheControl;
  pragma: ParsedPragma;
  reqPragma: ParsedPragma;
  vary: ParsedVary;
  date: DateField;
  expires: DateField;
  lastModified: DateField;
  age: ParsedAge;
  etag: ParsedETag | null;
  etagCount: number;
  hasAuthorization: boolean;
  hasSetCookie: boolean;
  contentLocation: string | null;
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
  /** Epoch seconds. */
  requestTime: number;
  responseTime: number;
  /** Date, Last-Modified and Vary as scanned (the value of one field line, or the values of several; unsplit). */
  rawDate: FieldValue;
  rawLastModified: FieldValue;
  rawVary: FieldValue;
}

const RES_SCRATCH: FieldValue[] = new Array<FieldValue>(RES.names.length).fill(undefined);
const REQ_SCRATCH: FieldValue[] = new Array<FieldValue>(REQ.names.length).fill(undefined);
const SET_COOKIE_SLOT = RES.names.indexOf('set-cookie');
const AUTHORIZATION_SLOT = REQ.names.indexOf('authorization');

/**
 * memoOne for a scanned field: a value sent on one field line is looked up as recorded (no newline check, no list),
 * and parsed from its lines on a miss; the result depends on the value only, so a joined value is a key as good as any.
 */
function memoField<T>(memo: Map<string, T>, v: string | string[], parse: (lines: readonly string[]) => T): T {
  if (typeof v !== 'string' || v.length > MEMO_MAX_KEY) return memoOne(memo, splitLines(v), parse);
  const hit = memo.get(v);
  if (hit) return hit;
  const parsed = parse(splitLines(v));
  if (memo.size >= 2048) memo.clear();
  memo.set(v, parsed);
  return parsed;
}

function ccField(v: FieldValue, context: 'response' | 'request'): ParsedCacheControl {
  if (v === undefined) return NO_CC;
  return memoField(ccMemo[context], v, context === 'response' ? parseResponseCc : parseRequestCc);
}

/**
 * The last IMF-fixdate read for each date field (Date, Expires, Last-Modified) and its reading: exchanges recorded in
 * the same second share their Date, a resource its Last-Modified, so the next value of a field is often the same
 * string and needs no parsing. One slot per field, so the three fields of one response do not push each other out.
 * The reading itself is handed out again (frozen, like NO_DATE: facts are read-only), not a copy per exchange.
 */
const lastImfRaw: Array<string | null> = [null, null, null];
const lastImf: [DateField, DateField, DateField] = [NO_DATE, NO_DATE, NO_DATE];

function dateField(v: string | string[], nowSeconds: number, slot: 0 | 1 | 2): DateField {
  if (typeof v === 'string') {
    if (v === lastImfRaw[slot]) return lastImf[slot];
    // An IMF-fixdate is checked at all 29 positions, so it holds no newline: no split needed.
    const fast = imfFixdate(v);
    if (fast) {
      const read: DateField = Object.freeze({ time: fast.time, format: fast.format, raw: v, multiple: false });
      lastImfRaw[slot] = v;
      lastImf[slot] = read;
      return read;
    }
    if (v.indexOf('\n') < 0) return parseDateValue(v, nowSeconds);
  }
  return parseDateField(splitLines(v), nowSeconds);
}

/** Age: a plain number (nearly every Age) is read in place; anything else goes through parseAge and its findings. */
function ageField(v: string | string[]): ParsedAge {
  if (typeof v === 'string' && v.length > 0 && v.length <= 12) {
    let n = 0;
    let k = 0;
    for (; k < v.length; k++) {
      const c = v.charCodeAt(k);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
    }
    if (k === v.length) return { value: Math.min(n, AGE_CAP), findings: NO_FINDINGS };
  }
  return parseAge(splitLines(v));
}

/**
 * The facts as an object whose fields no judgement of storability, lifetime or age needs are read when first asked
 * for, once: the ETag (its parse), Last-Modified (its date, needed only for a heuristic lifetime) and the URL.
 * Everything else is read at construction. The fields are declared only (no class-field initialisers): each is
 * set once, in the constructor, always in the same order.
 */
class Facts implements ResponseFacts {
  declare method: string;
  declare status: number;
  declare cc: ParsedCacheControl;
  declare ccf: CcFacts;
  declare ccLines: number;
  declare reqCc: ParsedCacheControl;
  declare pragma: ParsedPragma;
  declare reqPragma: ParsedPragma;
  declare vary: ParsedVary;
  declare date: DateField;
  declare expires: DateField;
  declare age: ParsedAge;
  declare etagCount: number;
  declare hasAuthorization: boolean;
  declare hasSetCookie: boolean;
  declare contentLocation: string | null;
  declare ifNoneMatch: string | null;
  declare ifModifiedSince: string | null;
  declare requestTime: number;
  declare responseTime: number;
  declare rawDate: FieldValue;
  declare rawLastModified: FieldValue;
  declare rawVary: FieldValue;
  declare private x: { url: string };
  declare private urlRead: string | undefined;
  declare private lmRead: DateField | undefined;
  declare private etagValue: FieldValue;
  declare private etagRead: ParsedETag | null | undefined;
  declare private readonly nowSeconds: number;

  constructor(
    x: { url: string; method: string; requestHeaders: LooseHeaderList; requestTimeMs: number; responseTimeMs: number },
    status: number,
    responseHeaders: LooseHeaderList,
    nowSeconds: number,
  ) {
    const res = scan(responseHeaders, RES, RES_SCRATCH, SET_COOKIE_SLOT);
    const req = scan(x.requestHeaders, REQ, REQ_SCRATCH, AUTHORIZATION_SLOT);
    const responseTime = finiteSeconds(x.responseTimeMs, nowSeconds);
    const requestTime = Math.min(finiteSeconds(x.requestTimeMs, responseTime), responseTime);
    const cc = res[0];
    const etags = res[6];
    const method = x.method;
    const pragma = res[1];
    const reqPragma = req[1];
    const vary = res[7];
    const date = res[3];
    const expires = res[2];
    const age = res[4];
    this.method = typeof method === 'string' ? (method === 'GET' ? 'GET' : method.toUpperCase()) : 'GET';
    this.status = Number.isFinite(status) ? status : 0;
    this.cc = ccField(cc, 'response');
    this.ccf = ccFactsOf(this.cc);
    this.ccLines = cc === undefined ? 0 : typeof cc === 'string' && cc.indexOf('\n') < 0 ? 1 : splitLines(cc).length;
    this.reqCc = ccField(req[0], 'request');
    this.pragma = pragma === undefined ? EMPTY_PRAGMA : memoField(pragmaMemo, pragma, parsePragma);
    this.reqPragma = reqPragma === undefined ? EMPTY_PRAGMA : memoField(pragmaMemo, reqPragma, parsePragma);
    this.vary = vary === undefined ? EMPTY_VARY : memoField(varyMemo, vary, parseVary);
    this.date = date === undefined ? NO_DATE : dateField(date, nowSeconds, 0);
    this.expires = expires === undefined ? NO_DATE : dateField(expires, nowSeconds, 1);
    this.age = age === undefined ? NO_AGE : ageField(age);
    this.etagCount = etags === undefined ? 0 : typeof etags === 'string' && etags.indexOf('\n') < 0 ? 1 : splitLines(etags).length;
    this.hasAuthorization = req[AUTHORIZATION_SLOT] !== undefined;
    this.hasSetCookie = res[SET_COOKIE_SLOT] !== undefined;
    this.contentLocation = first(res[9]);
    this.ifNoneMatch = first(req[3]);
    this.ifModifiedSince = first(req[4]);
    this.requestTime = requestTime;
    this.responseTime = responseTime;
    // The scratch arrays are reused by the next call: keep the values themselves (strings, or a list of lines).
    this.rawDate = date;
    this.rawLastModified = res[5];
    this.rawVary = vary;
    this.x = x;
    this.urlRead = undefined;
    this.lmRead = undefined;
    this.etagValue = etags;
    this.etagRead = undefined;
    this.nowSeconds = nowSeconds;
  }

  /** Read when first asked for: judging a GET or HEAD needs no URL (and its string need not be touched). */
  get url(): string {
    if (this.urlRead === undefined) {
      const url = this.x.url;
      this.urlRead = typeof url === 'string' ? url : '';
    }
    return this.urlRead;
  }

  get lastModified(): DateField {
    if (this.lmRead === undefined) {
      const lm = this.rawLastModified;
      this.lmRead = lm === undefined ? NO_DATE : dateField(lm, this.nowSeconds, 2);
    }
    return this.lmRead;
  }

  get etag(): ParsedETag | null {
    if (this.etagRead === undefined) this.etagRead = this.etagValue === undefined ? null : parseETag(first(this.etagValue)!);
    return this.etagRead;
  }
}

export function buildFacts(
  x: { url: string; method: string; requestHeaders: LooseHeaderList; requestTimeMs: number; responseTimeMs: number },
  status: number,
  responseHeaders: LooseHeaderList,
  nowSeconds: number,
): ResponseFacts {
  return new Facts(x, status, responseHeaders, nowSeconds);
}

function finiteSeconds(ms: number, fallback: number): number {
  return typeof ms === 'number' && Number.isFinite(ms) ? ms / 1000 : fallback;
}

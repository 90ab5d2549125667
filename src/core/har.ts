/**
 * HAR 1.2 <-> ExchangeRecord. Pure (no Node or browser APIs): the CLI, the panel's import and its export use it.
 *
 * Reads what Chrome/Chromium DevTools, chrome-har (sitespeed.io), Firefox, WebPageTest, capture-har and Browsertime
 * write. HAR 1.2: http://www.softwareishard.com/blog/har-12-spec/ (also
 * https://w3c.github.io/web-performance/specs/HAR/Overview.html). Vendor fields start with `_`.
 */
import type { ExchangeRecord, HeaderList, LooseRecord, ResponseSource } from './types';

/** Bad HAR input. The message names the problem in words a user can act on; no JSON dump, no stack needed. */
export class HarError extends Error {
  override name = 'HarError';
}

export interface HarPage {
  id: string;
  title: string;
  /** Epoch ms, null when the page has no usable startedDateTime. */
  startedMs: number | null;
}

export interface HarImport {
  creator: string | null;
  version: string | null;
  pages: HarPage[];
  /** In time order (stable sort on requestTimeMs; HAR only recommends sorted entries). */
  records: ExchangeRecord[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `_fromCache` values written by Chrome DevTools' HAR export (front_end/models/har/HARFormat.ts). */
const FROM_CACHE: Record<string, ResponseSource> = { memory: 'memory-cache', disk: 'disk-cache' };

const SOURCES: ReadonlySet<string> = new Set<ResponseSource>([
  'network',
  'disk-cache',
  'memory-cache',
  'service-worker',
  'revalidated',
  'unknown',
]);

/**
 * Chrome DevTools `_resourceType` (Common.ResourceType names) -> webRequest ResourceType
 * (https://developer.chrome.com/docs/extensions/reference/api/webRequest#type-ResourceType). Unlisted values pass through.
 */
const RESOURCE_TYPES: Record<string, string> = {
  document: 'main_frame',
  stylesheet: 'stylesheet',
  script: 'script',
  image: 'image',
  font: 'font',
  media: 'media',
  xhr: 'xmlhttprequest',
  fetch: 'xmlhttprequest',
  eventsource: 'xmlhttprequest',
  websocket: 'websocket',
  ping: 'ping',
  'csp-violation-report': 'csp_report',
  manifest: 'other',
  texttrack: 'other',
  preflight: 'other',
  other: 'other',
};

/**
 * The largest HAR the CLI and the panel read. A HAR this size is almost always response bodies, and parsing one needs
 * about three times its size in memory; refusing early beats freezing.
 */
export const MAX_HAR_BYTES = 150 * 1024 * 1024;

/** The HAR timing phases before the response headers arrive. `ssl` is already inside `connect` (HAR 1.2 timings). */
export const PHASES_BEFORE_HEADERS = ['blocked', 'dns', 'connect', 'send', 'wait'] as const;

/** DevTools `_resourceType` as a webRequest ResourceType; unknown names pass through. */
export function resourceTypeFromHar(devtoolsType: string): string {
  return lookup(RESOURCE_TYPES, devtoolsType.toLowerCase()) ?? devtoolsType;
}

/** Own-property table lookup: page data may say "__proto__" or "constructor". */
function lookup<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function parseInput(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  // A UTF-8 BOM is common in HARs saved by Windows tools and Fiddler; JSON.parse rejects it.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === '') throw new HarError('not JSON: the input is empty');
  try {
    return JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new HarError(`not JSON: ${detail}`);
  }
}

function headerList(value: unknown, where: string): HeaderList {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new HarError(`${where} is not an array`);
  const out: HeaderList = [];
  for (let i = 0; i < value.length; i++) {
    const h: unknown = value[i];
    if (!isObj(h) || typeof h.name !== 'string') throw new HarError(`${where}[${i}] has no name`);
    // HTTP/2 and HTTP/3 pseudo-header fields (":authority", ":status") are not header fields (RFC 9113 §8.3).
    if (h.name.startsWith(':')) continue;
    const v = h.value;
    out.push({ name: h.name, value: typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '' });
  }
  return out;
}

function finiteNumber(v: unknown): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** What a HAR says about who made a request: a URL (document, script or stylesheet) and, when written, its kind. */
interface RawInitiator {
  url: string;
  /** Chrome DevTools `_initiator.type` ('parser', 'script', 'other', ...) or WebPageTest `_initiator_type`. */
  type: string | null;
}

function initiatorOf(e: Obj): RawInitiator | null {
  const init = e._initiator;
  const wptType = typeof e._initiator_type === 'string' && e._initiator_type ? e._initiator_type : null;
  if (typeof init === 'string') return init ? { url: init, type: wptType } : null;
  if (isObj(init)) {
    const type = typeof init.type === 'string' && init.type ? init.type : wptType;
    if (typeof init.url === 'string' && init.url) return { url: init.url, type };
    // Chrome DevTools HAR: {type: 'script', stack: {callFrames: [{url}]}} (async parents under stack.parent).
    let stack = init.stack;
    for (let depth = 0; isObj(stack) && depth < 20; depth++, stack = stack.parent) {
      if (!Array.isArray(stack.callFrames)) continue;
      for (const f of stack.callFrames) if (isObj(f) && typeof f.url === 'string' && f.url) return { url: f.url, type: type ?? 'script' };
    }
  }
  return null;
}

function resolveUrl(ref: string, base: string): string {
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

function stripBrackets(ip: string): string {
  return ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
}

function entryToRecord(e: unknown, i: number, initiators: Map<ExchangeRecord, RawInitiator>): ExchangeRecord {
  const n = `entry ${i}`;
  if (!isObj(e)) throw new HarError(`${n} is not an object`);
  const req = e.request;
  const res = e.response;
  if (!isObj(req)) throw new HarError(`${n} is missing request`);
  if (!isObj(res)) throw new HarError(`${n} is missing response`);
  if (typeof req.url !== 'string' || req.url === '') throw new HarError(`${n} is missing request.url`);
  if (typeof req.method !== 'string' || req.method === '') throw new HarError(`${n} is missing request.method`);
  const rawStatus = finiteNumber(res.status);
  if (rawStatus === null) throw new HarError(`${n} is missing response.status (or it is not a number)`);
  if (typeof e.startedDateTime !== 'string') throw new HarError(`${n} is missing startedDateTime`);
  const requestTimeMs = Date.parse(e.startedDateTime); // HAR dates are ISO 8601, which Date.parse reads exactly
  if (!Number.isFinite(requestTimeMs)) throw new HarError(`${n} has an unreadable startedDateTime "${e.startedDateTime.slice(0, 60)}"`);

  const timings = isObj(e.timings) ? e.timings : {};
  let toHeaders = 0;
  for (const phase of PHASES_BEFORE_HEADERS) {
    const t = finiteNumber(timings[phase]);
    if (t !== null && t > 0) toHeaders += t; // -1 means "does not apply"
  }
  const total = finiteNumber(e.time);
  const receive = finiteNumber(timings.receive);
  const endTimeMs =
    total !== null && total >= 0 ? requestTimeMs + total : requestTimeMs + toHeaders + (receive !== null && receive > 0 ? receive : 0);

  // WebPageTest writes negative codes (-1, -2) for requests with no response; Firefox writes 0.
  const noResponse = rawStatus < 100 || rawStatus > 999;
  const status = noResponse ? 0 : Math.trunc(rawStatus);

  let source: ResponseSource = 'network';
  const ours = e._cacheLensSource;
  const fromCache = typeof e._fromCache === 'string' ? lookup(FROM_CACHE, e._fromCache) : undefined;
  if (typeof ours === 'string' && SOURCES.has(ours)) source = ours as ResponseSource;
  else if (fromCache) source = fromCache;
  else if (status === 304) source = 'revalidated';
  else if (res._fetchedViaServiceWorker === true) source = 'service-worker';
  else if (noResponse) source = 'unknown';

  const record: ExchangeRecord = {
    id: `har-${i}`,
    url: req.url,
    method: req.method, // case-sensitive (RFC 9110 §9.1)
    status,
    requestHeaders: headerList(req.headers, `${n} request.headers`),
    responseHeaders: headerList(res.headers, `${n} response.headers`),
    requestTimeMs,
    responseTimeMs: requestTimeMs + toHeaders,
    endTimeMs: Math.max(endTimeMs, requestTimeMs + toHeaders),
    source,
    origins: ['har-import'],
  };
  if (typeof res.statusText === 'string' && res.statusText) record.statusText = res.statusText;
  const httpVersion = typeof res.httpVersion === 'string' && res.httpVersion ? res.httpVersion : req.httpVersion;
  if (typeof httpVersion === 'string' && httpVersion) record.httpVersion = httpVersion;
  const ip = typeof e.serverIPAddress === 'string' && e.serverIPAddress ? e.serverIPAddress : e._ip_addr;
  if (typeof ip === 'string' && ip) record.serverIp = stripBrackets(ip);
  if (typeof e._resourceType === 'string' && e._resourceType) {
    record.resourceType = resourceTypeFromHar(e._resourceType);
  }
  if (typeof e.pageref === 'string' && e.pageref) record.pageId = e.pageref;
  const initiator = initiatorOf(e);
  if (initiator) {
    record.initiatorUrl = initiator.url; // replaced by the initiating document's URL in resolveInitiators()
    initiators.set(record, initiator);
  }
  if (typeof res.redirectURL === 'string' && res.redirectURL) record.redirectUrl = resolveUrl(res.redirectURL, req.url);
  const err = typeof res._error === 'string' && res._error ? res._error : noResponse ? 'no response' : undefined;
  if (err) record.error = err;
  return record;
}

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;
/** Script and stylesheet URLs: an initiator of this shape is not the document that made the request. */
const SUBRESOURCE_PATH = /\.(m?js|css)$/i;

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

/**
 * Certificate checks (OCSP, RFC 6960 Appendix A; CRLs, RFC 5280) that a capture tool recorded beside the page: the
 * operating system or the browser's verifier fetches them, no document does, so they get no page.
 */
const CERT_FETCH_TYPE = /^\s*application\/(ocsp-request|ocsp-response|pkix-crl|x-pkcs7-crl)\s*(;|$)/i;
function isCertificateFetch(r: ExchangeRecord): boolean {
  const req = firstHeader(r.requestHeaders, 'content-type');
  const res = firstHeader(r.responseHeaders, 'content-type');
  return (req !== undefined && CERT_FETCH_TYPE.test(req)) || (res !== undefined && CERT_FETCH_TYPE.test(res));
}

/** Sec-Fetch-Dest values of a frame's document (Fetch Metadata, https://w3c.github.io/webappsec-fetch-metadata/). */
const FRAME_DESTS: ReadonlySet<string> = new Set(['iframe', 'frame', 'fencedframe']);

/** The request's Sec-Fetch-Dest, lower-cased, when the recording kept it (browsers since 2020 send it). */
function fetchDest(r: ExchangeRecord): string | undefined {
  return firstHeader(r.requestHeaders, 'sec-fetch-dest')?.trim().toLowerCase();
}

/**
 * A document load: DevTools says so, or the browser did (Sec-Fetch-Dest, which proxies record), or (tools without
 * either) the response is HTML.
 */
function isDocument(r: ExchangeRecord): boolean {
  if (r.resourceType === 'main_frame' || r.resourceType === 'sub_frame') return true;
  if (r.resourceType !== undefined && r.resourceType !== 'other') return false;
  const dest = fetchDest(r);
  if (dest !== undefined) return dest === 'document' || FRAME_DESTS.has(dest);
  const ct = firstHeader(r.responseHeaders, 'content-type');
  return ct !== undefined && HTML_TYPE.test(ct);
}

/** A frame's document, by DevTools' type or by Sec-Fetch-Dest. */
function isFrame(r: ExchangeRecord): boolean {
  if (r.resourceType === 'sub_frame') return true;
  const dest = fetchDest(r);
  return dest !== undefined && FRAME_DESTS.has(dest);
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/** First entry of each URL (fragment dropped), so an initiator or a Referer can be followed to the entry it names. */
function firstByUrl(records: ExchangeRecord[]): Map<string, ExchangeRecord> {
  const byUrl = new Map<string, ExchangeRecord>();
  for (const r of records) {
    const key = withoutFragment(r.url);
    if (!byUrl.has(key)) byUrl.set(key, r);
  }
  return byUrl;
}

/**
 * The document that made each request. Chrome and WebPageTest name the script (or stylesheet) whose code started a
 * load, but a script runs in the document that loaded it, and same-site rules look at that document's origin
 * (Fetch: the request's client; webRequest's `initiator`). So an initiator that is a script or stylesheet entry is
 * followed to that entry's own initiator until a document is reached. An initiator that is not in the HAR and looks
 * like a script or stylesheet (or that DevTools calls 'script') leaves the document unknown: initiatorUrl becomes
 * null and the top-level page decides alone. The script stays in initiatorScriptUrl.
 */
function resolveInitiators(
  records: ExchangeRecord[],
  initiators: Map<ExchangeRecord, RawInitiator>,
  byUrl: Map<string, ExchangeRecord>,
): void {
  const documentOf = (start: RawInitiator): string | null => {
    let cur: RawInitiator | undefined = start;
    for (let guard = 0; cur && guard < 30; guard++) {
      const entry = byUrl.get(withoutFragment(cur.url));
      if (!entry) {
        if (cur.type === 'script' || SUBRESOURCE_PATH.test(pathOf(cur.url))) return null;
        return cur.url;
      }
      if (isDocument(entry)) return entry.url;
      cur = initiators.get(entry);
    }
    return null;
  };
  for (const r of records) {
    const raw = initiators.get(r);
    if (!raw) continue;
    const doc = documentOf(raw);
    r.initiatorUrl = doc;
    if (doc !== raw.url) r.initiatorScriptUrl = raw.url;
  }
}

/**
 * Marks each page's navigation: the page's first entry is the top-level document request, and so is every redirect
 * hop that follows from it. Everything else on the page is a subresource whose top-level site is that document's URL.
 * Entries without a pageref (HARs from proxies and most tools have no pages) are split by markPagelessNavigation().
 */
function markNavigation(
  records: ExchangeRecord[],
  byId: Map<string, ExchangeRecord>,
  initiators: Map<ExchangeRecord, RawInitiator>,
  byUrl: Map<string, ExchangeRecord>,
): void {
  const seenPages = new Set<string>();
  const topUrl = new Map<string, string>();
  for (const r of records) {
    if (r.pageId === undefined) continue;
    const page = r.pageId;
    if (seenPages.has(page)) continue;
    seenPages.add(page);
    markTopLevel(r, byId, (hop) => topUrl.set(page, hop.url));
  }
  for (const r of records) {
    if (r.navigation || r.pageId === undefined) continue;
    r.navigation = 'subresource';
    if (r.resourceType === 'main_frame') r.resourceType = 'sub_frame';
    if (isCertificateFetch(r)) {
      r.initiatorUrl = null;
      continue;
    }
    const top = topUrl.get(r.pageId);
    if (top) r.topLevelUrl = top;
  }
  markPagelessNavigation(
    records.filter((r) => r.pageId === undefined),
    byId,
    initiators,
    byUrl,
  );
}

/** Marks r and every redirect hop after it as the top-level document request. */
function markTopLevel(r: ExchangeRecord, byId: Map<string, ExchangeRecord>, each: (hop: ExchangeRecord) => void): void {
  let hop: ExchangeRecord | undefined = r;
  let guard = 0;
  while (hop && guard++ < 50) {
    hop.navigation = 'top-level';
    hop.topLevelUrl = hop.url;
    hop.initiatorUrl = null;
    delete hop.initiatorScriptUrl;
    if (hop.resourceType === undefined) hop.resourceType = 'main_frame';
    each(hop);
    hop = hop.redirectedToId ? byId.get(hop.redirectedToId) : undefined;
  }
}

function originOf(url: string): string | null {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
}

/**
 * Pages of entries that carry no pageref. Each document that no other entry initiated starts a page, from the first
 * hop of the redirects that led to it; a frame's document (Sec-Fetch-Dest: iframe, DevTools sub_frame) does not. Any other entry belongs to the page of the entry its initiator or its
 * Referer names (the Referer of a subresource is its document, or its stylesheet), or, when the Referer is only an
 * origin (the default strict-origin-when-cross-origin policy), to the latest page started from that origin. An entry
 * tied to no page keeps no topLevelUrl: its same-site context is unknown and the cookie area says so rather than
 * guessing. A recording without any document keeps the old rule: its first entry is the page.
 */
function markPagelessNavigation(
  records: ExchangeRecord[],
  byId: Map<string, ExchangeRecord>,
  initiators: Map<ExchangeRecord, RawInitiator>,
  byUrl: Map<string, ExchangeRecord>,
): void {
  if (records.length === 0) return;
  const initiatedByEntry = (r: ExchangeRecord): ExchangeRecord | undefined => {
    const raw = initiators.get(r);
    const e = raw ? byUrl.get(withoutFragment(raw.url)) : undefined;
    return e && e !== r ? e : undefined;
  };
  const starts = new Set<ExchangeRecord>();
  for (const r of records) {
    if (!isDocument(r) || isFrame(r)) continue;
    // A document reached through redirects starts its page at the first hop (often a 3xx in text/plain).
    let head = r;
    for (let guard = 0; head.redirectedFromId && guard < 50; guard++) {
      const from = byId.get(head.redirectedFromId);
      if (!from) break;
      head = from;
    }
    if (!initiatedByEntry(head)) starts.add(head);
  }
  const first = records[0]!; // records is not empty (returned above when it is)
  const firstDest = fetchDest(first);
  if (
    starts.size === 0 &&
    !first.redirectedFromId &&
    (first.resourceType === undefined || first.resourceType === 'main_frame') &&
    (firstDest === undefined || firstDest === 'document')
  )
    starts.add(first);

  const topOf = new Map<ExchangeRecord, string>();
  for (const r of records) {
    if (starts.has(r) && !r.navigation) markTopLevel(r, byId, (hop) => topOf.set(hop, hop.url));
  }
  // In time order, so an origin lookup only sees pages started before the entry.
  const latestByOrigin = new Map<string, string>();
  for (const r of records) {
    if (r.navigation === 'top-level') {
      const o = originOf(r.url);
      if (o) latestByOrigin.set(o, r.url);
      continue;
    }
    r.navigation = 'subresource';
    if (isCertificateFetch(r)) {
      r.initiatorUrl = null;
      continue;
    }
    // A document another entry initiated (or the browser called a frame) is a frame's document.
    if (r.resourceType === 'main_frame' || (r.resourceType === undefined && isDocument(r))) r.resourceType = 'sub_frame';
    let top: string | undefined;
    const parent = initiatedByEntry(r);
    if (parent && parent !== r) top = topOf.get(parent);
    const referer = firstHeader(r.requestHeaders, 'referer');
    if (top === undefined && referer) {
      const byReferer = byUrl.get(withoutFragment(referer));
      if (byReferer && byReferer !== r) top = topOf.get(byReferer);
      if (top === undefined) {
        const o = originOf(referer);
        if (o) top = latestByOrigin.get(o);
      }
    }
    if (top === undefined) {
      const raw = initiators.get(r);
      const o = raw ? originOf(raw.url) : null;
      if (o && !parent) top = latestByOrigin.get(o);
    }
    if (top !== undefined) {
      r.topLevelUrl = top;
      topOf.set(r, top);
    }
  }
}

/** Ties each redirect hop to the next request for its Location (first later, unclaimed entry with that URL). */
function linkRedirects(records: ExchangeRecord[]): void {
  const pendingByUrl = new Map<string, ExchangeRecord[]>();
  for (const r of records) {
    const waiting = pendingByUrl.get(r.url);
    if (waiting && waiting.length) {
      const from = waiting.shift()!;
      from.redirectedToId = r.id;
      r.redirectedFromId = from.id;
    }
    if (r.redirectUrl && r.status >= 300 && r.status < 400) {
      const list = pendingByUrl.get(r.redirectUrl);
      if (list) list.push(r);
      else pendingByUrl.set(r.redirectUrl, [r]);
    }
  }
}

/** Reads a HAR (a JSON string, with or without a BOM, or an already-parsed object). Throws HarError on bad input. */
/**
 * The moment a recording is judged at unless someone chooses another: the arrival of its last response, rounded up
 * to the second (epoch s), so a HAR from 2015 reads as it did when captured. null for an empty recording. The CLI
 * (scripts/explain.ts) and the panel (HAR import) both use this one rule.
 */
export function captureTimeSec(records: readonly (LooseRecord | null | undefined)[]): number | null {
  let last = -Infinity;
  for (const r of records) if (typeof r?.responseTimeMs === 'number' && r.responseTimeMs > last) last = r.responseTimeMs;
  return Number.isFinite(last) ? Math.ceil(last / 1000) : null;
}

export function readHar(input: unknown): HarImport {
  const doc = parseInput(input);
  if (!isObj(doc)) throw new HarError('not a HAR: the top level is not a JSON object');
  const log = doc.log;
  if (!isObj(log)) throw new HarError('not a HAR: there is no "log" object');
  if (!Array.isArray(log.entries)) throw new HarError('not a HAR: there is no log.entries array');
  const builder = new HarRecordBuilder();
  for (const e of log.entries) builder.add(e);
  return builder.finish(log);
}

/**
 * readHar() one entry at a time, for a reader that streams a big HAR: each entry becomes its record as it arrives
 * (and the entry can go), then finish() reads the rest of `log` and runs the passes that need every record (time
 * order, redirects, initiators, pages). add() throws the HarError readHar would throw for that entry.
 */
export class HarRecordBuilder {
  private readonly initiators = new Map<ExchangeRecord, RawInitiator>();
  private readonly records: ExchangeRecord[] = [];

  /** Entries added so far. */
  get count(): number {
    return this.records.length;
  }

  add(entry: unknown): void {
    this.records.push(entryToRecord(entry, this.records.length, this.initiators));
  }

  /** `log`: the HAR's log object (its entries, if any, are not read again). */
  finish(log: Record<string, unknown>): HarImport {
    const creator =
      isObj(log.creator) && typeof log.creator.name === 'string'
        ? [log.creator.name, typeof log.creator.version === 'string' ? log.creator.version : ''].filter(Boolean).join(' ')
        : null;
    const pages: HarPage[] = [];
    if (Array.isArray(log.pages)) {
      for (const p of log.pages) {
        if (!isObj(p) || typeof p.id !== 'string') continue;
        const started = typeof p.startedDateTime === 'string' ? Date.parse(p.startedDateTime) : NaN;
        pages.push({ id: p.id, title: typeof p.title === 'string' ? p.title : '', startedMs: Number.isFinite(started) ? started : null });
      }
    }
    const records = this.records;
    const initiators = this.initiators;
    // Array.prototype.sort is stable (ES2019), so same-millisecond entries keep file order.
    records.sort((a, b) => a.requestTimeMs - b.requestTimeMs);
    linkRedirects(records);
    const byId = new Map(records.map((r) => [r.id, r]));
    const byUrl = firstByUrl(records);
    resolveInitiators(records, initiators, byUrl);
    markNavigation(records, byId, initiators, byUrl);
    return {
      creator,
      version: typeof log.version === 'string' ? log.version : null,
      pages,
      records,
    };
  }
}

/** The records of a HAR, in time order. Throws HarError on bad input. */
export function harToRecords(input: unknown): ExchangeRecord[] {
  return readHar(input).records;
}

// ------------------------------------------------------------------------------------------------ export

const WEBREQUEST_TO_DEVTOOLS: Record<string, string> = {
  main_frame: 'document',
  sub_frame: 'document',
  stylesheet: 'stylesheet',
  script: 'script',
  image: 'image',
  font: 'font',
  media: 'media',
  xmlhttprequest: 'xhr',
  websocket: 'websocket',
  ping: 'ping',
  csp_report: 'csp-violation-report',
  other: 'other',
};

function isoOrEpoch(ms: number): string {
  return new Date(Number.isFinite(ms) ? ms : 0).toISOString();
}

function queryString(url: string): Array<{ name: string; value: string }> {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function firstHeader(headers: HeaderList, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const n = wanted.length;
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i]!;
    // Same length first (no lower-cased copy of every name): the names asked for are ASCII, and only A-Z and U+212A
    // (to "k") lower-case to ASCII, one character for one.
    if (h.name.length === n && (h.name === wanted || h.name.toLowerCase() === wanted)) return h.value;
  }
  return undefined;
}

export interface ToHarOptions {
  creatorVersion?: string;
}

/**
 * ExchangeRecord[] -> a HAR 1.2 document (creator "Cache Lens"). No bodies: sizes are -1 (unknown) and content is
 * empty. `_cacheLensSource` keeps the record's source, which HAR cannot express (e.g. an inferred revalidation).
 */
export function toHar(records: ExchangeRecord[], options: ToHarOptions = {}): object {
  const pageIds: string[] = [];
  const pageStart = new Map<string, number>();
  const pageTitle = new Map<string, string>();
  for (const r of records) {
    if (!r.pageId) continue;
    if (!pageStart.has(r.pageId)) {
      pageIds.push(r.pageId);
      pageStart.set(r.pageId, r.requestTimeMs);
      pageTitle.set(r.pageId, r.topLevelUrl ?? r.url);
    } else if (r.requestTimeMs < pageStart.get(r.pageId)!) pageStart.set(r.pageId, r.requestTimeMs);
  }
  const entries = records.map((r) => {
    const wait = Math.max(0, r.responseTimeMs - r.requestTimeMs);
    const receive = Math.max(0, (r.endTimeMs ?? r.responseTimeMs) - r.responseTimeMs);
    const httpVersion = r.httpVersion ?? '';
    const entry: Obj = {
      startedDateTime: isoOrEpoch(r.requestTimeMs),
      time: wait + receive,
      request: {
        method: r.method,
        url: r.url,
        httpVersion,
        cookies: [],
        headers: r.requestHeaders.map((h) => ({ name: h.name, value: h.value })),
        queryString: queryString(r.url),
        headersSize: -1,
        bodySize: -1,
      },
      response: {
        status: r.status,
        statusText: r.statusText ?? '',
        httpVersion,
        cookies: [],
        headers: r.responseHeaders.map((h) => ({ name: h.name, value: h.value })),
        content: { size: 0, mimeType: firstHeader(r.responseHeaders, 'content-type') ?? '' },
        redirectURL: r.redirectUrl ?? '',
        headersSize: -1,
        bodySize: -1,
        ...(r.error ? { _error: r.error } : {}),
      },
      cache: {},
      timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait, receive, ssl: -1 },
      _cacheLensSource: r.source,
    };
    if (r.pageId) entry.pageref = r.pageId;
    if (r.serverIp) entry.serverIPAddress = r.serverIp;
    if (r.source === 'memory-cache') entry._fromCache = 'memory';
    else if (r.source === 'disk-cache') entry._fromCache = 'disk';
    if (r.resourceType) entry._resourceType = lookup(WEBREQUEST_TO_DEVTOOLS, r.resourceType) ?? r.resourceType;
    if (r.initiatorScriptUrl) entry._initiator = { type: 'script', url: r.initiatorScriptUrl };
    else if (r.initiatorUrl) entry._initiator = { type: 'other', url: r.initiatorUrl };
    return entry;
  });
  return {
    log: {
      version: '1.2',
      creator: { name: 'Cache Lens', version: options.creatorVersion ?? '0.1.0' },
      pages: pageIds.map((id) => ({
        startedDateTime: isoOrEpoch(pageStart.get(id)!),
        id,
        title: pageTitle.get(id) ?? '',
        pageTimings: {},
      })),
      entries,
    },
  };
}

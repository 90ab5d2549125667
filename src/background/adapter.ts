/**
 * The one adapter from browser events to the engine's ExchangeRecord. Pure: no chrome.*, browser.* or DOM, so the
 * browser differences are unit-tested here (adapter.test.ts). Nothing else in the extension reads raw webRequest
 * details or DevTools HAR entries.
 *
 * webRequest: https://developer.chrome.com/docs/extensions/reference/api/webRequest
 *             https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/webRequest
 */
import type { ExchangeRecord, HeaderList, JarCookie, ResponseSource } from '../core/types';
import type { HarEntryLike } from '../shared/protocol';
import { getDomain } from 'tldts';
import { PHASES_BEFORE_HEADERS, resourceTypeFromHar } from '../core/har';

export type RecorderBrowser = 'chrome' | 'firefox';

/** The subset of webRequest details the recorder reads (Chrome and Firefox shapes together). */
export interface WebRequestDetails {
  requestId: string;
  url: string;
  method?: string;
  tabId: number;
  frameId?: number;
  parentFrameId?: number;
  type?: string;
  timeStamp: number;
  /** Chrome. */
  initiator?: string;
  /** Firefox. */
  originUrl?: string;
  documentUrl?: string;
  /** Firefox gives it on every event; Chrome never does. */
  incognito?: boolean;
  /** Firefox: the cookie store the request uses ("firefox-private" in a private window, "firefox-container-N"...). */
  cookieStoreId?: string;
  requestHeaders?: Array<{ name: string; value?: string; binaryValue?: ArrayLike<number> }>;
  responseHeaders?: Array<{ name: string; value?: string; binaryValue?: ArrayLike<number> }>;
  statusCode?: number;
  statusLine?: string;
  fromCache?: boolean;
  ip?: string;
  redirectUrl?: string;
  error?: string;
}

/** What the recorder knows about the tab at the moment of the event. */
export interface TabContext {
  topLevelUrl?: string;
  pageId?: string;
  incognito?: boolean;
}

export const ORIGIN_WEBREQUEST = 'webRequest' as const;
export const ORIGIN_HAR = 'devtools-har' as const;

// ------------------------------------------------------------------------------------------------ headers

function headerValue(h: { value?: string; binaryValue?: ArrayLike<number> }): string {
  if (typeof h.value === 'string') return h.value;
  if (h.binaryValue) {
    // Chrome gives non-UTF-8 values as bytes; show them as Latin-1 (RFC 9110 §5.5 obs-text).
    let s = '';
    for (let i = 0; i < h.binaryValue.length; i++) s += String.fromCharCode(h.binaryValue[i]!); // i < length
    return s;
  }
  return '';
}

/**
 * webRequest headers -> HeaderList in wire order.
 * Firefox joins several Set-Cookie lines into one value separated by "\n"
 * (https://bugzilla.mozilla.org/show_bug.cgi?id=1377689); split on newlines, never on commas (Expires has one).
 */
export function headersFromWebRequest(list: WebRequestDetails['responseHeaders'] | undefined): HeaderList {
  const out: HeaderList = [];
  if (!list) return out;
  for (const h of list) {
    const value = headerValue(h);
    if (value.includes('\n') && h.name.toLowerCase() === 'set-cookie') {
      for (const line of value.split(/\r?\n/)) if (line.trim() !== '') out.push({ name: h.name, value: line });
    } else out.push({ name: h.name, value });
  }
  return out;
}

/** "HTTP/1.1 200 OK" -> {httpVersion, statusText}. Chrome gives "HTTP/1.1 200 OK", Firefox the same shape. */
export function parseStatusLine(statusLine: string | undefined): { httpVersion?: string; statusText?: string } {
  if (!statusLine) return {};
  const m = /^(\S+)\s+(\d{3})(?:\s+(.*))?$/.exec(statusLine.trim());
  if (!m) return {};
  const out: { httpVersion?: string; statusText?: string } = { httpVersion: m[1] };
  if (m[3] !== undefined && m[3] !== '') out.statusText = m[3];
  return out;
}

function firstHeader(headers: HeaderList, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const h of headers) if (h.name.toLowerCase() === wanted) return h.value;
  return undefined;
}

// ------------------------------------------------------------------------------------------------ ids

/** FNV-1a 32-bit, base 36: short stable URL tag for record ids. */
export function urlTag(url: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) {
    h ^= url.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * Record id for one hop of one request. Deterministic from the browser session, the requestId and the hop's URL, so a
 * service worker that was stopped mid-request and woken by the next event finds the same record in IndexedDB.
 * (requestIds restart with the browser, hence the session tag.)
 */
export function exchangeId(sessionTag: string, requestId: string, url: string, hop = 0): string {
  return `${sessionTag}:${requestId}:${urlTag(url)}${hop ? `.${hop}` : ''}`;
}

// ------------------------------------------------------------------------------------------------ webRequest

/** A new record from the first event seen for a hop (normally onBeforeRequest; any event after a worker restart). */
export function recordFromWebRequest(id: string, d: WebRequestDetails, tab: TabContext, browser: RecorderBrowser): ExchangeRecord {
  const isTop = d.type === 'main_frame';
  const record: ExchangeRecord = {
    id,
    url: d.url,
    method: d.method ?? 'GET',
    status: 0,
    requestHeaders: [],
    responseHeaders: [],
    requestTimeMs: d.timeStamp,
    responseTimeMs: 0,
    source: 'unknown',
    resourceType: d.type,
    navigation: isTop ? 'top-level' : 'subresource',
    initiatorUrl: d.initiator ?? d.originUrl ?? null,
    // A navigation's own same-site context is judged against its target URL.
    topLevelUrl: isTop ? d.url : (tab.topLevelUrl ?? d.documentUrl),
    tabId: d.tabId,
    frameId: d.frameId,
    parentFrameId: d.parentFrameId,
    origins: [ORIGIN_WEBREQUEST],
  };
  if (tab.pageId) record.pageId = tab.pageId;
  if (incognitoOf(d, tab, browser)) record.incognito = true;
  // Chrome's webRequest never shows the conditional request headers (If-None-Match, If-Modified-Since) nor the
  // Cache-Control/Pragma the cache adds (https://developer.chrome.com/docs/extensions/reference/api/webRequest#concepts).
  if (browser === 'chrome') record.requestHeadersIncomplete = true;
  return record;
}

/**
 * Is the request private (incognito)? true / false when the event or the tab says so, else undefined, except for
 * Firefox requests outside any tab (a service worker's, a private window's favicon...): Firefox has one background for
 * both modes ("incognito": "spanning"), so such a request is kept in memory when nothing says it is not private.
 * Firefox gives `incognito` and `cookieStoreId` on every event
 * (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/webRequest/onBeforeRequest#details).
 * Chrome gives neither; its incognito traffic goes to the separate incognito instance ("incognito": "split"), where
 * the recorder's TabContext says incognito for every request.
 */
export function incognitoOf(
  d: Pick<WebRequestDetails, 'incognito' | 'cookieStoreId' | 'tabId'>,
  tab: TabContext,
  browser: RecorderBrowser,
): boolean | undefined {
  if (tab.incognito === true) return true;
  if (typeof d.incognito === 'boolean') return d.incognito;
  if (d.cookieStoreId) return d.cookieStoreId === 'firefox-private';
  if (tab.incognito === false) return false;
  if (browser === 'firefox' && d.tabId < 0) return true;
  return undefined;
}

/** onSendHeaders / onBeforeSendHeaders: the request headers as the browser lets the extension see them. */
export function applyRequestHeaders(record: ExchangeRecord, d: WebRequestDetails): void {
  if (d.requestHeaders) {
    record.requestHeaders = headersFromWebRequest(d.requestHeaders);
    delete record.requestHeadersLost;
  }
  if (d.timeStamp && !record.requestTimeMs) record.requestTimeMs = d.timeStamp;
}

/** onHeadersReceived / onResponseStarted / onBeforeRedirect / onCompleted: whatever response facts the event carries. */
export function applyResponse(record: ExchangeRecord, d: WebRequestDetails, stage: 'headers' | 'started' | 'redirect' | 'completed'): void {
  if (typeof d.statusCode === 'number') record.status = d.statusCode;
  const line = parseStatusLine(d.statusLine);
  if (line.httpVersion) record.httpVersion = line.httpVersion;
  if (line.statusText !== undefined) record.statusText = line.statusText;
  if (d.responseHeaders) record.responseHeaders = headersFromWebRequest(d.responseHeaders);
  if (d.ip) record.serverIp = d.ip;
  if (typeof d.fromCache === 'boolean') record.source = sourceFromWebRequest(d.fromCache, record.source);
  // A 304 that does reach webRequest (Chromium 156 reports it for subresources) is a revalidation seen directly.
  if (d.statusCode === 304) record.source = 'revalidated';
  if ((stage === 'headers' || stage === 'started' || stage === 'redirect') && !record.responseTimeMs) record.responseTimeMs = d.timeStamp;
  if (stage === 'redirect') {
    if (d.redirectUrl) record.redirectUrl = d.redirectUrl;
    record.endTimeMs = d.timeStamp;
  }
  if (stage === 'completed') {
    if (!record.responseTimeMs) record.responseTimeMs = d.timeStamp;
    record.endTimeMs = d.timeStamp;
  }
}

/**
 * fromCache -> source. Neither browser tells memory from disk via webRequest (Chrome never reports memory-cache hits at
 * all; Firefox reports both as fromCache=true), and a revalidated entry also shows as 200 fromCache=true
 * (see ../shared/notes/browser-testing.md): inferRevalidation() and the HAR merge refine it.
 */
export function sourceFromWebRequest(fromCache: boolean, previous: ResponseSource): ResponseSource {
  if (previous === 'revalidated' || previous === 'memory-cache' || previous === 'service-worker') return previous;
  return fromCache ? 'disk-cache' : 'network';
}

/** onErrorOccurred: net::ERR_* (Chrome) or NS_ERROR_* (Firefox); blocked requests land here too. */
export function applyError(record: ExchangeRecord, d: WebRequestDetails): void {
  record.error = d.error ?? 'unknown error';
  record.endTimeMs = d.timeStamp;
  // Chrome reports the server's address with the error too (a response cut off mid-body): onResponseStarted, which
  // used to bring it first, is not listened to.
  if (d.ip && !record.serverIp) record.serverIp = d.ip;
  if (typeof d.fromCache === 'boolean' && record.source === 'unknown') record.source = sourceFromWebRequest(d.fromCache, 'unknown');
}

/** ExchangeRecord.headersWithheld (src/core/types.ts): kept as a name for the tests that read it. */
export type WithheldHeaders = Pick<ExchangeRecord, 'headersWithheld'>;

/**
 * Chrome decides at a request's start whether its headers pass through the extension ('extraHeaders'); a request
 * already under way when the listeners were registered gets events without Set-Cookie/Cookie
 * (https://developer.chrome.com/docs/extensions/reference/api/webRequest#life-cycle-of-requests). Such a record is
 * the one first seen at an event later than onBeforeRequest in a recording that has just begun.
 */
export function markHeadersWithheld(record: ExchangeRecord, browser: RecorderBrowser): void {
  if (browser !== 'chrome') return;
  record.headersWithheld = true;
  record.requestHeadersIncomplete = true;
}

/**
 * DevTools' own refetch of a frame's document: when the inspector needs a document's source it no longer holds (the
 * Sources/Elements panels, CSS.enable, Page.getResourceContent), Blink's InspectorResourceContentLoader fetches the
 * frame's URL again with cache mode only-if-cached and request context INTERNAL
 * (https://source.chromium.org/chromium/chromium/src/+/main:third_party/blink/renderer/core/inspector/inspector_resource_content_loader.cc).
 * webRequest reports it under the page's tab and frame, `type: "other"`, to the frame's own document URL (measured in
 * Chromium 156: Sec-Fetch-Dest "empty", Sec-Fetch-Mode "same-origin", no Referer; it fails with net::ERR_CACHE_MISS
 * on https and is a disk-cache hit when the document was stored). The page did not ask for it, so it is no exchange
 * of the page. A page's own request for its URL is never "other": fetch/XHR are "xmlhttprequest", a reload is
 * "main_frame"/"sub_frame". Chrome only (Firefox's DevTools reads its own cache, not the network).
 */
export function isDevtoolsRefetch(
  d: Pick<WebRequestDetails, 'type' | 'url' | 'frameId' | 'tabId'>,
  frameDocumentUrl: string | undefined,
  browser: RecorderBrowser,
): boolean {
  if (browser !== 'chrome' || d.type !== 'other' || d.tabId < 0 || !frameDocumentUrl) return false;
  return withoutFragment(d.url) === withoutFragment(frameDocumentUrl);
}

/** The same refetch as a DevTools HAR entry (the Network panel logs it too): `_resourceType` "other", the document's URL. */
export function isDevtoolsRefetchHar(entry: HarEntryLike, topLevelUrl: string | undefined): boolean {
  if (!topLevelUrl || entry._resourceType !== 'other') return false;
  return withoutFragment(entry.request.url) === withoutFragment(topLevelUrl);
}

function withoutFragment(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

/** Links a redirect hop to the next hop's record (each hop is its own exchange). */
export function linkRedirect(from: ExchangeRecord, to: ExchangeRecord): void {
  from.redirectedToId = to.id;
  to.redirectedFromId = from.id;
  if (!from.redirectUrl) from.redirectUrl = to.url;
}

/**
 * A 200-from-cache whose Date moved on since the previous response for the same URL, while that response carried a
 * validator: the browser revalidated it and got a 304 that webRequest does not show. Returns true when it changed
 * the record's source.
 */
export function inferRevalidation(record: ExchangeRecord, previous: ExchangeRecord | undefined): boolean {
  if (!previous || record.source !== 'disk-cache' || record.status !== 200) return false;
  const validator = firstHeader(previous.responseHeaders, 'etag') ?? firstHeader(previous.responseHeaders, 'last-modified');
  if (validator === undefined) return false;
  const before = firstHeader(previous.responseHeaders, 'date');
  const now = firstHeader(record.responseHeaders, 'date');
  if (before === undefined || now === undefined || before === now) return false;
  record.source = 'revalidated';
  return true;
}

export function setsCookies(record: ExchangeRecord): boolean {
  return firstHeader(record.responseHeaders, 'set-cookie') !== undefined;
}

export function sendsCookies(record: ExchangeRecord): boolean {
  return firstHeader(record.requestHeaders, 'cookie') !== undefined;
}

// ------------------------------------------------------------------------------------------------ DevTools HAR

const HAR_FROM_CACHE: Record<string, ResponseSource> = { memory: 'memory-cache', disk: 'disk-cache' };

/** Epoch ms of a HAR entry's start, NaN when unreadable. */
export function harStartMs(entry: HarEntryLike): number {
  return Date.parse(entry.startedDateTime);
}

function harHeaders(list: HarEntryLike['request']['headers'] | undefined): HeaderList {
  // HAR headers are already one line per header (Chrome), but Firefox may still join Set-Cookie with "\n".
  return headersFromWebRequest(list);
}

/** How far apart (ms) a HAR entry's start and a webRequest record's start may be to be the same request. */
export const HAR_MATCH_WINDOW_MS = 3000;

/**
 * Picks the record a HAR entry describes: same URL and method, not already merged with a HAR entry, the closest start
 * within HAR_MATCH_WINDOW_MS. Returns undefined for requests webRequest never saw (Chrome's memory-cache hits).
 */
export function matchHarEntry(entry: HarEntryLike, candidates: Iterable<ExchangeRecord>): ExchangeRecord | undefined {
  const start = harStartMs(entry);
  const method = entry.request.method.toUpperCase();
  let best: ExchangeRecord | undefined;
  let bestGap = Infinity;
  for (const r of candidates) {
    if (r.url !== entry.request.url || r.method.toUpperCase() !== method) continue;
    if (r.origins?.includes(ORIGIN_HAR)) continue;
    const gap = Number.isNaN(start) ? HAR_MATCH_WINDOW_MS : Math.abs(r.requestTimeMs - start);
    if (gap <= HAR_MATCH_WINDOW_MS && gap < bestGap) {
      best = r;
      bestGap = gap;
    }
  }
  return best;
}

/**
 * The HAR entry a record was merged with or made from (`harStartedDateTime`, an extra field, not in ExchangeRecord):
 * the devtools page sends again the entries it posted to a worker that was being stopped, and one already merged
 * must not become a second row.
 */
export type HarMarked = ExchangeRecord & { harStartedDateTime?: string };

export function alreadyHasHar(entry: HarEntryLike, records: Iterable<ExchangeRecord>): boolean {
  for (const r of records) {
    if ((r as HarMarked).harStartedDateTime === entry.startedDateTime && r.url === entry.request.url && r.method === entry.request.method)
      return true;
  }
  return false;
}

/**
 * A HAR entry no webRequest record can be: Chrome's memory-cache hits never reach webRequest
 * (../shared/notes/browser-testing.md; https://developer.chrome.com/docs/extensions/reference/api/webRequest#caching),
 * so such an entry is always a request of its own, never the earlier load of the same URL whose own HAR entry DevTools
 * missed (the first load in a new tab, before its DevTools listened). Firefox reports memory hits to webRequest.
 */
export function harOnly(entry: HarEntryLike, browser: RecorderBrowser): boolean {
  return browser === 'chrome' && entry._fromCache === 'memory';
}

/**
 * Merges what only DevTools sees into a webRequest record: the full request headers (If-None-Match, Cache-Control,
 * Authorization...), the real 304 of a revalidation, and memory-cache hits.
 */
export function mergeHarEntry(record: ExchangeRecord, entry: HarEntryLike): void {
  const reqHeaders = harHeaders(entry.request.headers);
  if (reqHeaders.length) {
    record.requestHeaders = reqHeaders;
    record.requestHeadersIncomplete = false;
    delete record.requestHeadersLost;
  }
  const status = entry.response.status;
  if (status === 304) {
    record.status = 304;
    if (entry.response.statusText) record.statusText = entry.response.statusText;
    const resHeaders = harHeaders(entry.response.headers);
    if (resHeaders.length) record.responseHeaders = resHeaders;
    record.source = 'revalidated';
  } else if (status > 0 && record.status === 0) {
    record.status = status;
    record.responseHeaders = harHeaders(entry.response.headers);
  } else if (status > 0 && record.headersWithheld) {
    // The browser hid this response's Set-Cookie lines from webRequest (see markHeadersWithheld): DevTools has them.
    const resHeaders = harHeaders(entry.response.headers);
    if (resHeaders.length) {
      record.responseHeaders = resHeaders;
      delete record.headersWithheld;
    }
  }
  // A record whose completion the browser never delivered (a stopped worker): DevTools saw the request finish.
  const start = harStartMs(entry);
  if (!record.endTimeMs && !record.error && status > 0 && typeof entry.time === 'number' && entry.time >= 0 && !Number.isNaN(start)) {
    record.endTimeMs = start + entry.time;
    if (!record.responseTimeMs) record.responseTimeMs = record.endTimeMs;
    if (!record.responseHeaders.length) record.responseHeaders = harHeaders(entry.response.headers);
    if (!record.status) record.status = status;
  }
  const fromCache = entry._fromCache ? HAR_FROM_CACHE[entry._fromCache] : undefined;
  if (fromCache && record.source !== 'revalidated') record.source = fromCache;
  if (entry.response.httpVersion && !record.httpVersion) record.httpVersion = entry.response.httpVersion;
  if (entry.serverIPAddress && !record.serverIp) record.serverIp = entry.serverIPAddress.replace(/^\[|\]$/g, '');
  const origins = record.origins ?? [];
  if (!origins.includes(ORIGIN_HAR)) record.origins = [...origins, ORIGIN_HAR];
  (record as HarMarked).harStartedDateTime = entry.startedDateTime;
}

/** What recordFromHar may know besides the entry (optional: without it, a HAR entry is taken as it is). */
export interface HarOnlyContext {
  browser?: RecorderBrowser;
  /** The tab's earlier records, oldest first (Firefox's cache-served entries: see firefoxHarOnly). */
  earlier?: Iterable<ExchangeRecord>;
}

/**
 * A record for a request only DevTools saw (Chrome's memory-cache hits never reach webRequest; Firefox's image and
 * stylesheet cache hits neither, see firefoxHarOnly).
 */
export function recordFromHar(id: string, entry: HarEntryLike, tabId: number, tab: TabContext, ctx: HarOnlyContext = {}): ExchangeRecord {
  const start = harStartMs(entry);
  const startMs = Number.isNaN(start) ? 0 : start;
  const t = entry.timings ?? {};
  let beforeHeaders = 0;
  for (const phase of PHASES_BEFORE_HEADERS) {
    const ms = t[phase] ?? -1;
    if (ms > 0) beforeHeaders += ms;
  }
  const type = entry._resourceType ? resourceTypeFromHar(entry._resourceType) : undefined;
  const record: ExchangeRecord = {
    id,
    url: entry.request.url,
    method: entry.request.method,
    status: entry.response.status,
    requestHeaders: harHeaders(entry.request.headers),
    responseHeaders: harHeaders(entry.response.headers),
    requestTimeMs: startMs,
    responseTimeMs: startMs + beforeHeaders,
    endTimeMs: startMs + (entry.time && entry.time > 0 ? entry.time : 0),
    source: entry.response.status === 304 ? 'revalidated' : (entry._fromCache && HAR_FROM_CACHE[entry._fromCache]) || 'network',
    resourceType: type,
    navigation: type === 'main_frame' ? 'top-level' : 'subresource',
    topLevelUrl: tab.topLevelUrl,
    tabId,
    origins: [ORIGIN_HAR],
  };
  if (entry.response.statusText) record.statusText = entry.response.statusText;
  if (entry.response.httpVersion) record.httpVersion = entry.response.httpVersion;
  if (entry.serverIPAddress) record.serverIp = entry.serverIPAddress.replace(/^\[|\]$/g, '');
  if (tab.pageId) record.pageId = tab.pageId;
  if (tab.incognito) record.incognito = true;
  (record as HarMarked).harStartedDateTime = entry.startedDateTime;
  if (ctx.browser === 'firefox') firefoxHarOnly(record, entry, ctx.earlier ?? []);
  return record;
}

/** An http(s) exchange: `data:` (decoded in place), `blob:`, `about:` entries of a DevTools log are not HTTP. */
export function harEntryIsHttp(entry: HarEntryLike): boolean {
  return /^https?:/i.test(entry.request.url);
}

/**
 * Firefox's DevTools HAR (devtools/client/netmonitor/src/har/har-builder.js) has neither `_resourceType` nor
 * `_fromCache`, and it lists responses webRequest never reports: those Firefox serves from its image cache and its
 * stylesheet cache, which open no network channel, so no webRequest event fires
 * (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/webRequest: events are per HTTP
 * request; measured in Firefox ESR 153: a reloaded image or stylesheet appears only in DevTools, with status 200, no
 * server address, time 0, and for an image no response headers at all). So a Firefox HAR entry no webRequest record
 * matched, with a status and no server address, was served from memory; it gets the type of the last load of the same
 * URL in the tab (else one read from its Content-Type) and, when Firefox showed no headers, the headers of that load's
 * response, which is what the cache holds. Without them the engine would judge an empty response ("no Date header").
 */
export function firefoxHarOnly(record: ExchangeRecord, entry: HarEntryLike, earlier: Iterable<ExchangeRecord>): void {
  if (!harEntryIsHttp(entry)) return;
  const fromMemory = !entry.serverIPAddress && record.status > 0 && record.status !== 304;
  if (fromMemory && record.source === 'network') record.source = 'memory-cache';
  let last: ExchangeRecord | undefined;
  for (const r of earlier) {
    if (r.id === record.id || r.url !== record.url || r.method.toUpperCase() !== record.method.toUpperCase()) continue;
    if (r.status < 200 || r.status >= 300 || r.requestTimeMs > record.requestTimeMs) continue;
    if (!last || r.requestTimeMs >= last.requestTimeMs) last = r;
  }
  if (!record.resourceType) {
    const type = last?.resourceType ?? resourceTypeFromContentType(firstHeader(record.responseHeaders, 'content-type'));
    if (type) {
      record.resourceType = type;
      record.navigation = type === 'main_frame' ? 'top-level' : 'subresource';
    }
  }
  if (fromMemory && record.responseHeaders.length === 0 && last?.responseHeaders.length) {
    record.responseHeaders = last.responseHeaders.map((h) => ({ ...h }));
    if (!record.httpVersion && last.httpVersion) record.httpVersion = last.httpVersion;
  }
}

/** webRequest resource type a response's Content-Type implies, where it implies one (HTML and JSON do not). */
const TYPE_BY_MEDIA: Array<[RegExp, string]> = [
  [/^text\/css$/, 'stylesheet'],
  [/^image\//, 'image'],
  [/^(?:text|application)\/(?:x-)?(?:javascript|ecmascript)$/, 'script'],
  [/^(?:font\/|application\/(?:x-)?font-)/, 'font'],
  [/^(?:audio|video)\//, 'media'],
];

export function resourceTypeFromContentType(contentType: string | undefined): string | undefined {
  const media = contentType?.split(';')[0]!.trim().toLowerCase();
  if (!media) return undefined;
  for (const [re, type] of TYPE_BY_MEDIA) if (re.test(media)) return type;
  return undefined;
}

// ------------------------------------------------------------------------------------------------ cookies API

/** The subset of cookies.Cookie read here (Chrome and Firefox). */
export interface ApiCookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
  session: boolean;
  expirationDate?: number;
  partitionKey?: { topLevelSite?: string; hasCrossSiteAncestor?: boolean };
}

const SAME_SITE: Record<string, JarCookie['sameSite']> = {
  no_restriction: 'none',
  lax: 'lax',
  strict: 'strict',
  unspecified: 'unspecified',
};

/** cookies API cookie -> JarCookie (domain lower-case without the leading dot the API adds for Domain cookies). */
export function jarCookieFromApi(c: ApiCookie): JarCookie {
  const out: JarCookie = {
    name: c.name,
    value: c.value,
    domain: c.domain.replace(/^\./, '').toLowerCase(),
    hostOnly: c.hostOnly,
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: SAME_SITE[c.sameSite ?? 'unspecified'] ?? 'unspecified',
    partitioned: !!c.partitionKey?.topLevelSite,
    persistent: !c.session,
    expires: c.session || typeof c.expirationDate !== 'number' ? null : Math.floor(c.expirationDate),
  };
  if (c.partitionKey?.topLevelSite) out.partitionKey = c.partitionKey.topLevelSite;
  return out;
}

/** Jar cookies from several getAll() calls (unpartitioned + partitioned), duplicates removed, stable order. */
export function mergeJar(lists: ApiCookie[][]): JarCookie[] {
  const seen = new Set<string>();
  const out: JarCookie[] = [];
  for (const list of lists)
    for (const c of list) {
      const jar = jarCookieFromApi(c);
      const key = `${jar.name}\u0000${jar.domain}\u0000${jar.path}\u0000${jar.partitionKey ?? ''}\u0000${jar.hostOnly}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(jar);
    }
  return out;
}

/**
 * "https://shop.example.com/x" -> "https://example.com": the schemeful site (scheme + registrable domain) that keys
 * partitioned cookies (CHIPS); IP addresses and single-label hosts are their own site.
 */
export function topLevelSiteOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  // Every subresource of a page asks with the same top-level URL.
  if (url === lastSite.url) return lastSite.site;
  const site = topLevelSiteUncached(url);
  lastSite.url = url;
  lastSite.site = site;
  return site;
}

const lastSite: { url?: string; site?: string } = {};

function topLevelSiteUncached(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    const host = u.hostname.replace(/^\[|\]$/g, '');
    return `${u.protocol}//${getDomain(host, { allowPrivateDomains: true }) ?? u.hostname}`;
  } catch {
    return undefined;
  }
}

import { describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../core/types';
import type { HarEntryLike } from '../shared/protocol';
import {
  applyError,
  applyRequestHeaders,
  applyResponse,
  exchangeId,
  headersFromWebRequest,
  incognitoOf,
  inferRevalidation,
  isDevtoolsRefetch,
  isDevtoolsRefetchHar,
  jarCookieFromApi,
  linkRedirect,
  markHeadersWithheld,
  matchHarEntry,
  mergeHarEntry,
  mergeJar,
  parseStatusLine,
  recordFromHar,
  recordFromWebRequest,
  topLevelSiteOf,
  type WebRequestDetails,
  type WithheldHeaders,
} from './adapter';

const base: WebRequestDetails = {
  requestId: '42',
  url: 'https://shop.example.com/app.js',
  method: 'GET',
  tabId: 7,
  frameId: 0,
  parentFrameId: -1,
  type: 'script',
  timeStamp: 1_700_000_000_000,
  initiator: 'https://www.example.com',
};

function fresh(d: Partial<WebRequestDetails> = {}, browser: 'chrome' | 'firefox' = 'chrome'): ExchangeRecord {
  return recordFromWebRequest('id1', { ...base, ...d }, { topLevelUrl: 'https://www.example.com/', pageId: 'p1' }, browser);
}

describe('headersFromWebRequest', () => {
  it("splits Firefox's newline-joined Set-Cookie into one entry per line, keeping commas in Expires", () => {
    const headers = headersFromWebRequest([
      { name: 'Content-Type', value: 'text/html' },
      { name: 'Set-Cookie', value: 'a=1; Path=/\nb=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT\nc=3' },
    ]);
    expect(headers).toEqual([
      { name: 'Content-Type', value: 'text/html' },
      { name: 'Set-Cookie', value: 'a=1; Path=/' },
      { name: 'Set-Cookie', value: 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT' },
      { name: 'Set-Cookie', value: 'c=3' },
    ]);
  });

  it("keeps Chrome's separate Set-Cookie lines and does not split other headers on newlines", () => {
    const headers = headersFromWebRequest([
      { name: 'set-cookie', value: 'a=1' },
      { name: 'set-cookie', value: 'b=2' },
      { name: 'X-Odd', value: 'one\ntwo' },
    ]);
    expect(headers.map((h) => h.value)).toEqual(['a=1', 'b=2', 'one\ntwo']);
  });

  it('decodes binaryValue as Latin-1', () => {
    expect(headersFromWebRequest([{ name: 'X-Bin', binaryValue: [0x63, 0x61, 0x66, 0xe9] }])[0]?.value).toBe('café');
  });
});

describe('parseStatusLine', () => {
  it('reads version and reason phrase', () => {
    expect(parseStatusLine('HTTP/1.1 304 Not Modified')).toEqual({ httpVersion: 'HTTP/1.1', statusText: 'Not Modified' });
    expect(parseStatusLine('HTTP/2 200')).toEqual({ httpVersion: 'HTTP/2' });
    expect(parseStatusLine('garbage')).toEqual({});
    expect(parseStatusLine(undefined)).toEqual({});
  });
});

describe('recordFromWebRequest and the event stages', () => {
  it('keeps tab, frame, type, initiator, top-level URL and page; Chrome marks request headers incomplete', () => {
    const r = fresh();
    expect(r).toMatchObject({
      url: base.url,
      method: 'GET',
      tabId: 7,
      frameId: 0,
      parentFrameId: -1,
      resourceType: 'script',
      navigation: 'subresource',
      initiatorUrl: 'https://www.example.com',
      topLevelUrl: 'https://www.example.com/',
      pageId: 'p1',
      requestTimeMs: base.timeStamp,
      requestHeadersIncomplete: true,
      origins: ['webRequest'],
      status: 0,
    });
    expect(fresh({}, 'firefox').requestHeadersIncomplete).toBeUndefined();
  });

  it('uses the navigation target as the top-level URL of a main_frame request, and Firefox originUrl as initiator', () => {
    const r = fresh({ type: 'main_frame', url: 'https://a.test/', initiator: undefined, originUrl: 'https://b.test/x' }, 'firefox');
    expect(r.topLevelUrl).toBe('https://a.test/');
    expect(r.navigation).toBe('top-level');
    expect(r.initiatorUrl).toBe('https://b.test/x');
  });

  it('marks Firefox incognito requests from the details', () => {
    expect(fresh({ incognito: true }, 'firefox').incognito).toBe(true);
    expect(fresh({ incognito: false }, 'firefox').incognito).toBeUndefined();
  });

  it('fills response facts, timings, IP and cache source from the later events', () => {
    const r = fresh();
    applyRequestHeaders(r, { ...base, timeStamp: base.timeStamp + 1, requestHeaders: [{ name: 'Cookie', value: 'a=1' }] });
    expect(r.requestHeaders).toEqual([{ name: 'Cookie', value: 'a=1' }]);
    applyResponse(
      r,
      {
        ...base,
        timeStamp: base.timeStamp + 30,
        statusCode: 200,
        statusLine: 'HTTP/1.1 200 OK',
        responseHeaders: [{ name: 'Age', value: '3' }],
      },
      'headers',
    );
    applyResponse(r, { ...base, timeStamp: base.timeStamp + 50, statusCode: 200, fromCache: false, ip: '10.0.0.1' }, 'completed');
    expect(r).toMatchObject({
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      responseTimeMs: base.timeStamp + 30,
      endTimeMs: base.timeStamp + 50,
      serverIp: '10.0.0.1',
      source: 'network',
    });
    expect(r.responseHeaders).toEqual([{ name: 'Age', value: '3' }]);
  });

  it('fromCache=true becomes disk-cache', () => {
    const r = fresh();
    applyResponse(r, { ...base, statusCode: 200, fromCache: true }, 'completed');
    expect(r.source).toBe('disk-cache');
  });

  it('records errors with their net::ERR code and end time', () => {
    const r = fresh();
    applyError(r, { ...base, timeStamp: base.timeStamp + 5, error: 'net::ERR_CONNECTION_REFUSED' });
    expect(r).toMatchObject({ status: 0, error: 'net::ERR_CONNECTION_REFUSED', endTimeMs: base.timeStamp + 5 });
  });

  it('links redirect hops both ways and keeps the Location target', () => {
    const first = fresh({ url: 'http://a.test/old' });
    applyResponse(first, { ...base, statusCode: 301, redirectUrl: 'https://a.test/new', timeStamp: base.timeStamp + 9 }, 'redirect');
    const second = recordFromWebRequest('id2', { ...base, url: 'https://a.test/new' }, {}, 'chrome');
    linkRedirect(first, second);
    expect(first).toMatchObject({ status: 301, redirectUrl: 'https://a.test/new', redirectedToId: 'id2', endTimeMs: base.timeStamp + 9 });
    expect(second.redirectedFromId).toBe('id1');
  });
});

describe('exchangeId', () => {
  it('is deterministic per session, request and hop URL, and distinct across them', () => {
    const a = exchangeId('s1', '42', 'https://a.test/');
    expect(exchangeId('s1', '42', 'https://a.test/')).toBe(a);
    expect(exchangeId('s2', '42', 'https://a.test/')).not.toBe(a);
    expect(exchangeId('s1', '43', 'https://a.test/')).not.toBe(a);
    expect(exchangeId('s1', '42', 'https://a.test/b')).not.toBe(a);
    expect(exchangeId('s1', '42', 'https://a.test/', 2)).not.toBe(a);
  });
});

describe('inferRevalidation', () => {
  const withHeaders = (headers: Record<string, string>, source: ExchangeRecord['source'] = 'network') => {
    const r = fresh();
    r.status = 200;
    r.source = source;
    r.responseHeaders = Object.entries(headers).map(([name, value]) => ({ name, value }));
    return r;
  };
  it('a 200-from-cache whose Date moved on after a response with an ETag is a revalidation', () => {
    const before = withHeaders({ ETag: '"v1"', Date: 'Sat, 21 Nov 2026 10:00:00 GMT' });
    const after = withHeaders({ ETag: '"v1"', Date: 'Sat, 21 Nov 2026 10:05:00 GMT' }, 'disk-cache');
    expect(inferRevalidation(after, before)).toBe(true);
    expect(after.source).toBe('revalidated');
  });
  it('an unchanged Date is a plain cache hit; no validator means no revalidation', () => {
    const before = withHeaders({ ETag: '"v1"', Date: 'Sat, 21 Nov 2026 10:00:00 GMT' });
    const same = withHeaders({ ETag: '"v1"', Date: 'Sat, 21 Nov 2026 10:00:00 GMT' }, 'disk-cache');
    expect(inferRevalidation(same, before)).toBe(false);
    expect(same.source).toBe('disk-cache');
    const noValidator = withHeaders({ Date: 'Sat, 21 Nov 2026 10:00:00 GMT' });
    const later = withHeaders({ Date: 'Sat, 21 Nov 2026 10:05:00 GMT' }, 'disk-cache');
    expect(inferRevalidation(later, noValidator)).toBe(false);
    expect(inferRevalidation(later, undefined)).toBe(false);
  });
});

describe('DevTools HAR merge', () => {
  const har = (over: Partial<HarEntryLike> & { status?: number; fromCache?: string } = {}): HarEntryLike => ({
    startedDateTime: new Date(base.timeStamp + 4).toISOString(),
    time: 12,
    request: {
      method: 'GET',
      url: base.url,
      headers: [
        { name: 'If-None-Match', value: '"v1"' },
        { name: 'Cache-Control', value: 'max-age=0' },
      ],
    },
    response: { status: over.status ?? 304, statusText: 'Not Modified', headers: [{ name: 'ETag', value: '"v1"' }] },
    _fromCache: over.fromCache,
    ...over,
  });

  it('matches by URL, method and nearest start time, and never twice', () => {
    const near = fresh();
    const far = { ...fresh(), id: 'far', requestTimeMs: base.timeStamp - 2500 };
    const other = { ...fresh({ url: 'https://shop.example.com/other.js' }), id: 'other' };
    expect(matchHarEntry(har(), [far, other, near])?.id).toBe('id1');
    near.origins = ['webRequest', 'devtools-har'];
    expect(matchHarEntry(har(), [near, other])).toBeUndefined();
    expect(matchHarEntry(har(), [{ ...fresh(), requestTimeMs: base.timeStamp + 10_000 }])).toBeUndefined();
  });

  it('brings the real 304 and the hidden request headers into the webRequest record', () => {
    const r = fresh();
    applyResponse(r, { ...base, statusCode: 200, fromCache: true, responseHeaders: [{ name: 'ETag', value: '"v1"' }] }, 'completed');
    mergeHarEntry(r, har());
    expect(r.status).toBe(304);
    expect(r.source).toBe('revalidated');
    expect(r.requestHeadersIncomplete).toBe(false);
    expect(r.requestHeaders.map((h) => h.name)).toContain('If-None-Match');
    expect(r.origins).toEqual(['webRequest', 'devtools-har']);
  });

  it('a memory-cache hit only DevTools saw becomes its own record', () => {
    const r = recordFromHar('h1', har({ status: 200, fromCache: 'memory', _resourceType: 'script' }), 7, {
      pageId: 'p1',
      topLevelUrl: 'https://www.example.com/',
    });
    expect(r).toMatchObject({
      id: 'h1',
      tabId: 7,
      status: 200,
      source: 'memory-cache',
      resourceType: 'script',
      pageId: 'p1',
      origins: ['devtools-har'],
    });
    expect(r.requestTimeMs).toBe(base.timeStamp + 4);
    expect(r.endTimeMs).toBe(base.timeStamp + 16);
  });

  it('fills the Set-Cookie lines Chrome withheld from a request begun before the listeners, and clears the mark', () => {
    const r = fresh();
    markHeadersWithheld(r, 'chrome');
    applyResponse(r, { ...base, statusCode: 200, responseHeaders: [{ name: 'Content-Type', value: 'text/html' }] }, 'completed');
    expect((r as WithheldHeaders).headersWithheld).toBe(true);
    const lines = [
      { name: 'Set-Cookie', value: 'a=1; Path=/' },
      { name: 'Set-Cookie', value: 'b=2; Path=/' },
      { name: 'Content-Type', value: 'text/html' },
    ];
    mergeHarEntry(r, har({ status: 200, response: { status: 200, statusText: 'OK', headers: lines } }));
    expect(r.responseHeaders.filter((h) => h.name === 'Set-Cookie').map((h) => h.value)).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect((r as WithheldHeaders).headersWithheld).toBeUndefined();
    // A record that was never withheld keeps its own webRequest headers.
    const whole = fresh();
    applyResponse(whole, { ...base, statusCode: 200, responseHeaders: [{ name: 'Set-Cookie', value: 'w=1' }] }, 'completed');
    mergeHarEntry(whole, har({ status: 200, response: { status: 200, statusText: 'OK', headers: lines } }));
    expect(whole.responseHeaders.map((h) => h.value)).toEqual(['w=1']);
    // Firefox shows every header to webRequest: nothing to mark.
    const ff = fresh();
    markHeadersWithheld(ff, 'firefox');
    expect((ff as WithheldHeaders).headersWithheld).toBeUndefined();
  });

  it('completes a record whose last events never arrived (a stopped worker) from the DevTools log', () => {
    const r = fresh();
    applyRequestHeaders(r, { ...base, requestHeaders: [{ name: 'Accept', value: '*/*' }] });
    mergeHarEntry(
      r,
      har({
        status: 200,
        time: 30,
        response: { status: 200, statusText: 'OK', headers: [{ name: 'Content-Type', value: 'application/json' }] },
      }),
    );
    expect(r.status).toBe(200);
    expect(r.endTimeMs).toBe(base.timeStamp + 4 + 30);
    expect(r.responseHeaders.map((h) => h.name)).toEqual(['Content-Type']);
    // A failed request is not turned into a completed one.
    const failed = fresh();
    applyError(failed, { ...base, error: 'net::ERR_FAILED' });
    const end = failed.endTimeMs;
    mergeHarEntry(failed, har({ status: 200, time: 30 }));
    expect(failed.endTimeMs).toBe(end);
  });

  it('a disk-cache HAR entry marks a webRequest record whose source was unknown', () => {
    const r = fresh();
    mergeHarEntry(r, har({ status: 200, fromCache: 'disk' }));
    expect(r.source).toBe('disk-cache');
    expect(r.status).toBe(200);
  });
});

describe('cookies API', () => {
  it('maps a cookies API cookie to a JarCookie', () => {
    expect(
      jarCookieFromApi({
        name: 'sid',
        value: 'x',
        domain: '.Example.com',
        hostOnly: false,
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'no_restriction',
        session: false,
        expirationDate: 1800000000.7,
      }),
    ).toEqual({
      name: 'sid',
      value: 'x',
      domain: 'example.com',
      hostOnly: false,
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'none',
      partitioned: false,
      persistent: true,
      expires: 1800000000,
    });
  });

  it('keeps the partition key and de-duplicates across getAll calls', () => {
    const plain = { name: 'a', value: '1', domain: 'a.test', hostOnly: true, path: '/', secure: false, httpOnly: false, session: true };
    const part = { ...plain, name: 'p', secure: true, partitionKey: { topLevelSite: 'https://top.test' } };
    const jar = mergeJar([[plain], [plain, part]]);
    expect(jar).toHaveLength(2);
    expect(jar[1]).toMatchObject({
      name: 'p',
      partitioned: true,
      partitionKey: 'https://top.test',
      persistent: false,
      expires: null,
      sameSite: 'unspecified',
    });
  });

  it('computes the schemeful top-level site', () => {
    expect(topLevelSiteOf('https://shop.example.co.uk/x')).toBe('https://example.co.uk');
    expect(topLevelSiteOf('http://lab.test:8080/')).toBe('http://lab.test');
    expect(topLevelSiteOf('http://127.0.0.1:9/')).toBe('http://127.0.0.1');
    expect(topLevelSiteOf('chrome://newtab/')).toBeUndefined();
    expect(topLevelSiteOf(undefined)).toBeUndefined();
  });
});

describe('incognitoOf (who keeps a request in memory)', () => {
  const d = (over: Partial<WebRequestDetails>): WebRequestDetails => ({
    requestId: '1',
    url: 'https://a.test/',
    tabId: -1,
    timeStamp: 1,
    ...over,
  });
  it('believes the event first, then the cookie store, then the tab', () => {
    expect(incognitoOf(d({ incognito: true }), {}, 'firefox')).toBe(true);
    expect(incognitoOf(d({ incognito: false }), {}, 'firefox')).toBe(false);
    expect(incognitoOf(d({ cookieStoreId: 'firefox-private' }), {}, 'firefox')).toBe(true);
    expect(incognitoOf(d({ cookieStoreId: 'firefox-default', tabId: 3 }), {}, 'firefox')).toBe(false);
    expect(incognitoOf(d({ tabId: 3 }), { incognito: false }, 'chrome')).toBe(false);
    // A private tab wins over an event that says otherwise (when in doubt: memory).
    expect(incognitoOf(d({ tabId: 3, incognito: false }), { incognito: true }, 'firefox')).toBe(true);
  });
  it('keeps a Firefox request outside any tab in memory when nothing says it is not private', () => {
    expect(incognitoOf(d({ tabId: -1 }), {}, 'firefox')).toBe(true);
    // Chrome: the split incognito instance sees incognito traffic; the regular one sees none, so tabId -1 is regular.
    expect(incognitoOf(d({ tabId: -1 }), {}, 'chrome')).toBeUndefined();
    // A tab still unknown: undefined, the recorder asks tabs.get before writing anything.
    expect(incognitoOf(d({ tabId: 4 }), {}, 'firefox')).toBeUndefined();
  });
});

describe("isDevtoolsRefetch (DevTools refetching a frame's document, measured in Chromium 156)", () => {
  const doc = 'https://lab.test/cache/max-age?x=1';
  // The details Chromium 156 gave for CSS.enable / Page.getResourceContent on an https page (ERR_CACHE_MISS).
  const refetch: WebRequestDetails = { ...base, url: doc, type: 'other', frameId: 0, initiator: 'https://lab.test' };
  it('is the frame\'s own document URL requested as type "other" (fragment ignored)', () => {
    expect(isDevtoolsRefetch(refetch, doc, 'chrome')).toBe(true);
    expect(isDevtoolsRefetch({ ...refetch, url: `${doc}#top` }, doc, 'chrome')).toBe(true);
  });
  it('is not the page\'s own requests: a fetch of its URL, a reload, other "other" requests, the no-tab bucket, Firefox', () => {
    expect(isDevtoolsRefetch({ ...refetch, type: 'xmlhttprequest' }, doc, 'chrome')).toBe(false);
    expect(isDevtoolsRefetch({ ...refetch, type: 'main_frame' }, doc, 'chrome')).toBe(false);
    expect(isDevtoolsRefetch({ ...refetch, url: 'https://lab.test/favicon.ico' }, doc, 'chrome')).toBe(false);
    expect(isDevtoolsRefetch({ ...refetch, tabId: -1 }, doc, 'chrome')).toBe(false);
    expect(isDevtoolsRefetch(refetch, undefined, 'chrome')).toBe(false);
    expect(isDevtoolsRefetch(refetch, doc, 'firefox')).toBe(false);
  });
  it('recognises the same request in the DevTools HAR', () => {
    const entry: HarEntryLike = {
      startedDateTime: new Date().toISOString(),
      request: { method: 'GET', url: doc, headers: [] },
      response: { status: 0, headers: [] },
      _resourceType: 'other',
    };
    expect(isDevtoolsRefetchHar(entry, doc)).toBe(true);
    expect(isDevtoolsRefetchHar({ ...entry, _resourceType: 'document' }, doc)).toBe(false);
    expect(isDevtoolsRefetchHar(entry, 'https://lab.test/')).toBe(false);
  });
});

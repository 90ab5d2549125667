/**
 * The engine's input and output contracts. Everything in src/core is pure: no chrome.*, browser.*, DOM or Node APIs.
 * Times inside the engine are epoch SECONDS unless a name ends in `Ms`.
 */

/** Header fields in wire order; duplicates kept (Set-Cookie, Via, ...). Names keep their original case. */
export type HeaderList = Array<{ name: string; value: string }>;

export type BrowserProfile = 'rfc' | 'chrome' | 'firefox';

/**
 * A header line as the engine may really be handed it: records come from recorders, stored sessions and hand-written
 * HARs, and the engine's tests feed it damaged ones, so a line may be missing or carry a name or value of another
 * type. The readers that skip or coerce such lines take this; a HeaderList is one.
 */
export interface LooseHeader {
  readonly name?: unknown;
  readonly value?: unknown;
}
export type LooseHeaderList = readonly (LooseHeader | null | undefined)[];

/** Where the browser got the response from, as far as the recorder could tell. */
export type ResponseSource =
  | 'network'
  | 'disk-cache'
  | 'memory-cache'
  | 'service-worker'
  | 'revalidated' // a real 304 seen (DevTools HAR) or a 200-from-cache whose Date moved on
  | 'unknown';

export interface CookiePolicy {
  blockThirdPartyCookies?: boolean;
}

/** One request/response exchange: the engine's single input record (from webRequest, the DevTools HAR, or a HAR file). */
export interface ExchangeRecord {
  id: string;
  url: string;
  method: string;
  /** 0 when no response arrived (network error, blocked). */
  status: number;
  statusText?: string;
  httpVersion?: string;
  requestHeaders: HeaderList;
  responseHeaders: HeaderList;
  /** Epoch ms when the request was sent. */
  requestTimeMs: number;
  /** Epoch ms when the response headers arrived. */
  responseTimeMs: number;
  /** Epoch ms when the exchange completed (or failed). */
  endTimeMs?: number;
  source: ResponseSource;
  /** True when the recorder knows request headers were hidden from it (Chrome webRequest hides If-None-Match etc.). */
  requestHeadersIncomplete?: boolean;
  /**
   * True when the browser may have withheld this exchange's Set-Cookie / Cookie lines from the recorder (Chrome: the
   * request began before the extension's listeners were in force). "No Set-Cookie" then means "not seen", not "none".
   */
  headersWithheld?: boolean;
  /**
   * True when this request's headers never reached the recorder: the browser stopped the extension's worker after
   * the request began and before its headers were stored, so "no Cookie sent" means "not seen", not "none".
   */
  requestHeadersLost?: boolean;
  serverIp?: string;
  /** webRequest resource type (main_frame, sub_frame, script, xmlhttprequest, ...). */
  resourceType?: string;
  /** 'top-level' for main_frame navigations, else 'subresource'. */
  navigation?: 'top-level' | 'subresource';
  /** Origin or URL that initiated the request (webRequest initiator / originUrl). */
  initiatorUrl?: string | null;
  /**
   * The script or stylesheet whose code made the request, when the recording names one (HAR `_initiator`);
   * initiatorUrl is then the document it ran in (null when that is unknown). Optional.
   */
  initiatorScriptUrl?: string;
  /** The tab's top-level document URL when the request was made (same-site context, CHIPS key). */
  topLevelUrl?: string;
  tabId?: number;
  frameId?: number;
  parentFrameId?: number;
  /** Id of the page (navigation) this exchange belongs to. */
  pageId?: string;
  /** net::ERR_* or similar. */
  error?: string;
  /** Redirect hops: each hop is its own exchange. */
  redirectUrl?: string;
  redirectedFromId?: string;
  redirectedToId?: string;
  /** Which feeds contributed to this record. */
  origins?: Array<'webRequest' | 'devtools-har' | 'har-import'>;
  /** Snapshot of the relevant cookie jar (cookies API), taken when the request sent or the response set cookies. */
  jarSnapshot?: JarCookie[];
  /** Epoch ms: the moment jarSnapshot describes (the request's time when a cached reading was still current). */
  jarSnapshotMs?: number;
  cookiePolicy?: CookiePolicy;
  incognito?: boolean;
}

/**
 * An ExchangeRecord as the engine's entry points may really be handed it (see LooseHeader): any field may be missing
 * and the header lists damaged. Code that checks the fields it reads reads them through this; an ExchangeRecord is one.
 */
export type LooseRecord = {
  readonly [K in keyof ExchangeRecord]?: K extends 'requestHeaders' | 'responseHeaders' ? LooseHeaderList | null : ExchangeRecord[K] | null;
};

/** A cookie as stored in the jar (RFC 6265bis §5.7 storage model). */
export interface JarCookie {
  name: string;
  value: string;
  /** Lower-case, no leading dot. */
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'strict' | 'lax' | 'none' | 'unspecified';
  partitioned: boolean;
  /** Top-level site (e.g. "https://example.com") for partitioned cookies. */
  partitionKey?: string;
  persistent: boolean;
  /** Epoch s, null for session cookies. */
  expires: number | null;
  /** Epoch s. */
  creationTime?: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'good';
export type Topic = 'cache' | 'cookie' | 'cdn' | 'proxy' | 'headers';

/** One applied note: the catalogue entry's texts with its parameters filled in. */
export interface Finding {
  id: string;
  topic: Topic;
  severity: Severity;
  /** Plain sentence a student understands. */
  summary: string;
  /** The precise rule. */
  rule: string;
  /** RFC section or MDN URL. */
  link: string;
  params?: Record<string, string | number>;
  /** What to change, in one sentence: the header or attribute to send instead (optional; set where known). */
  fix?: string;
  /**
   * The fix as server configuration to copy (optional; only on findings a config change fixes, and only where a
   * consumer attached it: `snippetsFor()` / `withSnippets()` in src/core/fixes/snippets.ts). A shared, frozen object.
   */
  snippets?: FixSnippets;
}

/** One server's snippet: the text to copy and the vendor page documenting the directive or API it uses. */
export interface ServerSnippet {
  code: string;
  doc: string;
}

/**
 * A finding's fix as configuration (src/core/fixes/snippets.ts). `header` is what the response should carry
 * afterwards, one `Name: value` per line; `removes` the response fields the fix takes away. Each server entry is
 * absent where that server has no sensible snippet. Cloudflare's `kind` says which product the text is for.
 */
export interface FixSnippets {
  header: string;
  removes?: readonly string[];
  /** Where the snippet belongs or what to adapt, in one sentence (optional). */
  note?: string;
  nginx?: ServerSnippet;
  apache?: ServerSnippet;
  express?: ServerSnippet;
  caddy?: ServerSnippet;
  cloudflare?: ServerSnippet & { kind: 'cache-rule' | 'transform-rule' | 'worker' };
}

/** How the engine judges: which browser's departures from the RFC apply, and at what moment. */
export interface EngineContext {
  browser: BrowserProfile;
  /** Epoch seconds. */
  now: number;
}

/**
 * Hosts, sites and paths for the cookie models: RFC 6265bis §5.1.3 (domain-match), §5.1.4 (default-path, path-match),
 * §5.2 (schemeful same-site via the registrable domain), secure contexts. tldts supplies the Public Suffix List.
 */
import { getDomain, parse as parseDomain } from 'tldts';

export interface RequestParts {
  scheme: string;
  /** Lower-case host, IPv6 without brackets. */
  host: string;
  /** uri-path ('/' when empty), no query. */
  path: string;
  isIp: boolean;
  secure: boolean;
}

const PSL_OPTIONS = { allowPrivateDomains: true } as const;

/** Small bounded memo: the same few hosts come back on every exchange of a page. */
class BoundedMemo<V> {
  private map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string, make: (k: string) => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined || this.map.has(key)) return hit as V;
    const v = make(key);
    // Full: start again (one clear now and then costs less than finding and dropping the oldest key on every miss).
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, v);
    return v;
  }
}

const urlMemo = new BoundedMemo<RequestParts | null>(512);
/** URL → schemeful site (siteOfUrl). */
const siteMemo = new BoundedMemo<string | null>(512);
const registrableMemo = new BoundedMemo<string>(1024);
const suffixMemo = new BoundedMemo<boolean>(1024);

function looksLikeIp(host: string): boolean {
  if (host.includes(':')) return true; // IPv6 (URL parsing already validated it)
  const last = host.charCodeAt(host.length - 1);
  if (!(last >= 0x30 && last <= 0x39)) return false; // a dotted quad ends in a digit; names almost never do
  const parts = host.split('.');
  return parts.length === 4 && parts.every((p) => p !== '' && /^\d+$/.test(p));
}

/** True for https/wss and for http(s) on localhost / loopback, which browsers treat as secure contexts. */
export function isSecureScheme(scheme: string, host: string): boolean {
  if (scheme === 'https' || scheme === 'wss') return true;
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '127.0.0.1' ||
    host === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/**
 * Fast path for the common shape (http/https/ws/wss, plain lower-case ASCII host, path without anything the WHATWG
 * URL parser would rewrite); everything else goes through URL so the result matches what the browser sees. A dot in
 * the path is kept as written unless it makes a dot segment ("/./", "/../", %2e forms), which DOT_SEGMENT sends to URL.
 */
const SIMPLE_URL = /^(https?|wss?):\/\/([a-z0-9.-]+)(?::(\d{1,5}))?(\/[A-Za-z0-9\-_~!$&'()*+,;=:@%/.]*)?(?:[?#]|$)/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)|%2e/i;
const NUMERIC_HOST = /^[0-9.]+$|(^|\.)0x/i;
const PUNYCODE_LABEL = /(?:^|\.)xn--/;

function fastParse(u: string): RequestParts | null | undefined {
  const m = SIMPLE_URL.exec(u);
  if (!m) return undefined;
  const [, scheme = '', host = '', , rawPath] = m; // groups 1 and 2 are not optional
  if (host === '' || host.startsWith('.') || host.includes('..')) return undefined;
  const path = rawPath ?? '/';
  if (DOT_SEGMENT.test(path)) return undefined;
  // A path with a dot once always went to URL, which also checks a punycode ("xn--") label: it still does for those
  // hosts (a dot-free path keeps the fast path, as before).
  if (PUNYCODE_LABEL.test(host) && path.includes('.')) return undefined;
  const isIp = looksLikeIp(host);
  // URL canonicalises IPv4 forms like 0x7f.1 or 127.1; leave anything numeric-looking but not dotted-quad to it.
  if (!isIp && NUMERIC_HOST.test(host)) return undefined;
  return { scheme, host, path, isIp, secure: isSecureScheme(scheme, host) };
}

export function parseRequestUrl(url: string | null | undefined): RequestParts | null {
  if (typeof url !== 'string' || url === '') return null;
  const fast = url.length <= 4096 ? fastParse(url) : undefined;
  if (fast !== undefined) return fast;
  return urlMemo.get(url.length > 4096 ? url.slice(0, 4096) : url, (u) => {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      return null;
    }
    const scheme = parsed.protocol.replace(/:$/, '').toLowerCase();
    let host = parsed.hostname.toLowerCase();
    if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
    const path = parsed.pathname === '' || parsed.pathname[0] !== '/' ? '/' : parsed.pathname;
    return { scheme, host, path, isIp: looksLikeIp(host), secure: isSecureScheme(scheme, host) };
  });
}

/**
 * A non-ASCII Domain attribute in its ASCII (A-label) form, the way Chrome reads it: IDNA through the URL host
 * parser, so "élève.example" becomes "xn--lve-6lad.example" and an ideographic full stop a dot (WPT
 * cookies/domain/domain-attribute-idn-host; Chromium 156 here does the same). Null when it is not a host name.
 */
export function idnToAscii(domain: string): string | null {
  if (domain === '' || domain.length > 1024 || /[\s/?#@:\\[\]%]/.test(domain)) return null;
  try {
    const h = new URL(`http://${domain}/`).hostname.toLowerCase();
    return h === '' || /[^a-z0-9.-]/.test(h) ? null : h;
  } catch {
    return null;
  }
}

/** Registrable domain (eTLD+1) of a host, or the host itself (IP addresses, localhost, bare suffixes). */
export function registrableDomain(host: string): string {
  return registrableMemo.get(host, (h) => getDomain(h, PSL_OPTIONS) ?? h);
}

/**
 * Is `domain` exactly a public suffix (ICANN or private section)? The list's default rule "*" applies: a TLD the
 * list does not name (.test, .local, localhost) is a public suffix too, as in Chrome
 * (https://github.com/publicsuffix/list/wiki/Format#algorithm). IP addresses are not.
 */
export function isPublicSuffix(domain: string): boolean {
  return suffixMemo.get(domain, (d) => {
    if (d === '' || d.startsWith('.') || d.endsWith('.')) return false;
    const r = parseDomain(d, PSL_OPTIONS);
    return r.isIp !== true && r.publicSuffix === d;
  });
}

/** Schemes that count as the same for same-site: ws/wss follow http/https. */
function siteScheme(scheme: string): string {
  if (scheme === 'wss') return 'https';
  if (scheme === 'ws') return 'http';
  return scheme;
}

/** Host → "https://registrable-domain" and "http://...": the site strings made once per host, not per call. */
const httpsSiteMemo = new BoundedMemo<string>(1024);
const httpSiteMemo = new BoundedMemo<string>(1024);
const makeHttpsSite = (host: string): string => `https://${registrableDomain(host)}`;
const makeHttpSite = (host: string): string => `http://${registrableDomain(host)}`;

/** "scheme://registrable-domain", the schemeful site (also the CHIPS partition key). */
export function siteOf(parts: RequestParts): string {
  const scheme = siteScheme(parts.scheme);
  if (scheme === 'https') return httpsSiteMemo.get(parts.host, makeHttpsSite);
  if (scheme === 'http') return httpSiteMemo.get(parts.host, makeHttpSite);
  return `${scheme}://${registrableDomain(parts.host)}`;
}

export function siteOfUrl(url: string | null | undefined): string | null {
  if (typeof url !== 'string' || url.length > 4096) return siteOfParts(parseRequestUrl(url));
  // The same top-level and initiator URLs come back on every exchange of a page: remember their sites.
  return siteMemo.get(url, (u) => siteOfParts(parseRequestUrl(u)));
}

function siteOfParts(p: RequestParts | null): string | null {
  return p ? siteOf(p) : null;
}

/** RFC 6265bis §5.1.3. */
export function domainMatch(host: string, domain: string, hostIsIp: boolean): boolean {
  if (host === domain) return true;
  if (hostIsIp || domain === '') return false;
  return host.length > domain.length && host.endsWith(domain) && host.charCodeAt(host.length - domain.length - 1) === 0x2e;
}

/** RFC 6265bis §5.1.4 default-path. */
export function defaultPath(uriPath: string): string {
  if (uriPath === '' || uriPath[0] !== '/') return '/';
  const last = uriPath.lastIndexOf('/');
  return last <= 0 ? '/' : uriPath.slice(0, last);
}

/** RFC 6265bis §5.1.4 path-match. */
export function pathMatch(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charCodeAt(cookiePath.length) === 0x2f;
}

export interface SiteContext {
  /** The request is cross-site for SameSite purposes. */
  crossSite: boolean;
  /** The request is third-party: its site differs from the top-level site (never for top-level navigations). */
  thirdParty: boolean;
  /** Site of the top-level document (partition key). */
  topLevelSite: string | null;
  /** We had to assume (no topLevelUrl for a subresource). */
  assumed: boolean;
}

/** Where a request was made: the inputs of the same-site computation, shared by the storage and send models. */
export interface RequestContext {
  navigation?: 'top-level' | 'subresource';
  topLevelUrl?: string | null;
  initiatorUrl?: string | null;
  siteForCookies?: string | null;
  crossSite?: boolean;
}

/**
 * Same-site context (RFC 6265bis §5.2, schemeful). A precomputed crossSite wins; else siteForCookies; else the
 * top-level URL for subresources and the initiator for top-level navigations (a browser-initiated navigation, with
 * no initiator, is same-site).
 */
export function siteContext(request: RequestParts, c: RequestContext): SiteContext {
  const requestSite = siteOf(request);
  const topLevel = c.navigation !== 'subresource';
  const topLevelSite = topLevel ? requestSite : siteOfUrl(c.topLevelUrl ?? null);
  let crossSite: boolean;
  let assumed = false;
  if (typeof c.crossSite === 'boolean') crossSite = c.crossSite;
  else if (topLevel) {
    const initiatorSite = siteOfUrl(c.initiatorUrl ?? null);
    crossSite = initiatorSite !== null && initiatorSite !== requestSite;
  } else {
    const sfc = c.siteForCookies ?? topLevelSite;
    if (!sfc) {
      assumed = true;
      crossSite = false;
    } else {
      const initiatorSite = siteOfUrl(c.initiatorUrl ?? null);
      crossSite = sfc !== requestSite || (initiatorSite !== null && initiatorSite !== requestSite);
    }
  }
  const thirdParty = !topLevel && topLevelSite !== null && topLevelSite !== requestSite;
  return { crossSite, thirdParty: thirdParty || (!topLevel && crossSite && topLevelSite === null), topLevelSite, assumed };
}

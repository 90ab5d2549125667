/**
 * Glossary for the hover/focus cards: one row per term, plain sentence first, rule second, link third.
 * Sentences are ours; facts follow RFC 9111 (caching), RFC 6265bis (cookies), RFC 9110 (HTTP semantics).
 */
export interface GlossaryTerm {
  term: string;
  plain: string;
  rule: string;
  link: string;
}

export const GLOSSARY: Record<string, GlossaryTerm> = {
  freshness: {
    term: 'freshness',
    plain: 'While a stored response is fresh, a cache may hand it out without asking the server.',
    rule: 'RFC 9111 §4.2: fresh when the current age is below the freshness lifetime.',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-4.2',
  },
  'freshness-lifetime': {
    term: 'freshness lifetime',
    plain: 'How long a response stays fresh, counted from when the server produced it.',
    rule: 'RFC 9111 §4.2.1: s-maxage (shared caches), then max-age, then Expires minus Date, else a heuristic.',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-4.2.1',
  },
  age: {
    term: 'age',
    plain: 'How old the copy is: time spent in caches on the way plus the time since it arrived.',
    rule: 'RFC 9111 §4.2.3: current_age = corrected_initial_age + resident_time.',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-4.2.3',
  },
  stale: {
    term: 'stale',
    plain: 'Past its freshness lifetime: a cache must normally check with the server before using it again.',
    rule: 'RFC 9111 §4.2.4: stale responses are served only where allowed (e.g. stale-while-revalidate, disconnected).',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-4.2.4',
  },
  heuristic: {
    term: 'heuristic freshness',
    plain: 'With no explicit lifetime, a browser may guess one, usually 10% of the time since Last-Modified.',
    rule: 'RFC 9111 §4.2.2: caches may assign a heuristic lifetime to heuristically cacheable responses.',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-4.2.2',
  },
  validator: {
    term: 'validator',
    plain: 'A tag (ETag) or date (Last-Modified) the browser sends back to ask "has this changed?".',
    rule: 'RFC 9110 §8.8: ETag and Last-Modified are validators used in conditional requests.',
    link: 'https://www.rfc-editor.org/rfc/rfc9110#section-8.8',
  },
  revalidation: {
    term: 'revalidation',
    plain: 'The browser asks the server whether its stored copy is still good; "304 Not Modified" means yes, keep using it.',
    rule: 'RFC 9111 §4.3: a conditional request with If-None-Match / If-Modified-Since; 304 updates the stored response.',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-4.3',
  },
  'shared-cache': {
    term: 'shared cache',
    plain: 'A cache used by many people, like a CDN or a company proxy. Your browser cache is a private cache.',
    rule: 'RFC 9111 §1: a shared cache stores responses for reuse by more than one user; s-maxage and private apply to it.',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-1',
  },
  'private-cache': {
    term: 'private cache',
    plain: 'A cache for one user only: the browser\u2019s own HTTP cache.',
    rule: 'RFC 9111 §1: a private cache is dedicated to a single user.',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-1',
  },
  vary: {
    term: 'Vary',
    plain: 'Tells caches which request headers change the answer, so they keep one copy per value.',
    rule: 'RFC 9111 §4.1: a stored response is reused only if the Vary-listed request headers match.',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-4.1',
  },
  'host-only': {
    term: 'host-only',
    plain: 'A cookie without a Domain attribute goes back only to the exact host that set it, not to its subdomains.',
    rule: 'RFC 6265bis §5.7: no Domain attribute sets host-only-flag = true.',
    link: 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-5.7',
  },
  samesite: {
    term: 'SameSite',
    plain: 'Controls whether a cookie goes along when another site triggers the request. Lax is the default in Chrome.',
    rule: 'RFC 6265bis §5.6.7: Strict = same-site only, Lax = also top-level navigations with safe methods, None = always (needs Secure).',
    link: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#samesitesamesite-value',
  },
  'same-site': {
    term: 'same-site',
    plain: 'Two URLs are the same site when scheme and registrable domain match (a.example.com and b.example.com).',
    rule: 'HTML: schemeful same-site compares scheme and registrable domain (eTLD+1).',
    link: 'https://developer.mozilla.org/en-US/docs/Glossary/Site',
  },
  'third-party': {
    term: 'third-party',
    plain: 'A request to a different site from the one in the address bar.',
    rule: 'Cookies sent in a cross-site context are third-party cookies; browsers may block them.',
    link: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/Third-party_cookies',
  },
  secure: {
    term: 'Secure',
    plain: 'The cookie is only sent over HTTPS, and an http:// page cannot set it.',
    rule: 'RFC 6265bis §5.7: ignore a Secure cookie from a non-secure origin.',
    link: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#secure',
  },
  httponly: {
    term: 'HttpOnly',
    plain: 'JavaScript on the page cannot read the cookie (document.cookie hides it).',
    rule: 'RFC 6265bis §5.6.6: the http-only-flag restricts access to HTTP APIs.',
    link: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#httponly',
  },
  partitioned: {
    term: 'Partitioned (CHIPS)',
    plain: 'A third-party cookie kept in a separate jar per top-level site, so it cannot track you across sites.',
    rule: 'CHIPS: Partitioned cookies are keyed by the top-level site and must be Secure.',
    link: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/Privacy_sandbox/Partitioned_cookies',
  },
  'session-cookie': {
    term: 'session cookie',
    plain: 'A cookie with no Expires or Max-Age: it disappears when the browser closes.',
    rule: 'RFC 6265bis §5.7: persistent-flag false when neither Max-Age nor Expires is given.',
    link: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#removal_defining_the_lifetime_of_a_cookie',
  },
  cdn: {
    term: 'CDN',
    plain: 'A network of caching servers near users that answers for the origin server when it can.',
    rule: 'A CDN is a shared cache (RFC 9111) run as a reverse proxy in many locations.',
    link: 'https://developer.mozilla.org/en-US/docs/Glossary/CDN',
  },
  edge: {
    term: 'edge',
    plain: 'The CDN server closest to you: the one your browser actually talked to.',
    rule: 'The edge is the first hop of the CDN; its cache status says whether the origin was contacted.',
    link: 'https://developer.mozilla.org/en-US/docs/Glossary/CDN',
  },
  pop: {
    term: 'PoP',
    plain: 'Point of presence: a CDN data centre, often named after the nearest airport code (FRA = Frankfurt).',
    rule: 'Providers expose the PoP in headers such as cf-ray, x-amz-cf-pop or x-served-by.',
    link: 'https://developer.mozilla.org/en-US/docs/Glossary/CDN',
  },
  'reverse-proxy': {
    term: 'reverse proxy',
    plain: 'A server in front of the origin that receives requests for it, e.g. for caching or load balancing.',
    rule: 'RFC 9110 §3.7: an intermediary acting as the origin for the client; Via records each hop.',
    link: 'https://www.rfc-editor.org/rfc/rfc9110#section-3.7',
  },
  'x-forwarded-for': {
    term: 'X-Forwarded-For',
    plain: 'A list of client addresses added by proxies. Only the entries added by proxies you trust are reliable.',
    rule: 'Each proxy appends the address it received from; the left-most entry can be forged by the client.',
    link: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Forwarded-For',
  },
  origin: {
    term: 'origin server',
    plain: 'The server that really holds the content; caches and proxies sit in front of it.',
    rule: 'RFC 9110 §3.6: the program that can originate authoritative responses.',
    link: 'https://www.rfc-editor.org/rfc/rfc9110#section-3.6',
  },
};

/** Known headers: where each one is explained (MDN). Header names are lower case. */
const MDN_HEADERS = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/';
const KNOWN_HEADERS = [
  'Age',
  'Cache-Control',
  'Clear-Site-Data',
  'Content-Encoding',
  'Content-Length',
  'Content-Type',
  'Cookie',
  'Date',
  'ETag',
  'Expires',
  'Forwarded',
  'If-Modified-Since',
  'If-None-Match',
  'Last-Modified',
  'Pragma',
  'Server',
  'Set-Cookie',
  'Vary',
  'Via',
  'X-Forwarded-For',
  'X-Forwarded-Host',
  'X-Forwarded-Proto',
  'Accept',
  'Accept-Encoding',
  'Accept-Language',
  'Authorization',
  'Connection',
  'Content-Security-Policy',
  'Host',
  'Origin',
  'Referer',
  'User-Agent',
  'Location',
  'Strict-Transport-Security',
  'Access-Control-Allow-Origin',
  'Server-Timing',
  'Sec-Fetch-Site',
  'Sec-Fetch-Mode',
  'Sec-Fetch-Dest',
  'Range',
  'Accept-Ranges',
  'Transfer-Encoding',
  'Alt-Svc',
  'Keep-Alive',
  'Timing-Allow-Origin',
  'X-Content-Type-Options',
  'X-Frame-Options',
];
export const HEADER_LINKS: Record<string, string> = Object.fromEntries(KNOWN_HEADERS.map((h) => [h.toLowerCase(), MDN_HEADERS + h]));
HEADER_LINKS['cache-status'] = 'https://www.rfc-editor.org/rfc/rfc9211';
HEADER_LINKS['cdn-cache-control'] = 'https://www.rfc-editor.org/rfc/rfc9213';
HEADER_LINKS['x-real-ip'] = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Forwarded-For';

/**
 * CDN findings, httplint style: id → severity, a plain sentence, the precise rule, a link.
 * `{name}` placeholders are filled by applyNote() from the analysis' parameters.
 */
import type { NoteCatalog } from '../notes';

const RFC9211 = 'https://www.rfc-editor.org/rfc/rfc9211';
const RFC9213 = 'https://www.rfc-editor.org/rfc/rfc9213';
const CF_CACHE = 'https://developers.cloudflare.com/cache/concepts/default-cache-behavior/';

export const CDN_NOTES: NoteCatalog = {
  'cdn-identified': {
    topic: 'cdn',
    severity: 'info',
    summary: '{name} delivered this response: it is the CDN nearest your browser.',
    rule: 'Identified from response headers: {evidence}.',
    link: 'https://developer.mozilla.org/en-US/docs/Glossary/CDN',
  },
  'cdn-stacked': {
    topic: 'cdn',
    severity: 'info',
    summary: 'More than one CDN handled this response: {outer} answered your browser, {inner} sits behind it.',
    rule: 'Headers from both providers are present; the one nearest the browser is taken as the CDN ({outer}).',
    link: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Via',
  },
  'self-hosted-cache': {
    topic: 'cdn',
    severity: 'info',
    summary: 'No CDN, but the site runs its own cache in front of the application: {name}.',
    rule: 'Identified from response headers: {evidence}.',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-1',
  },
  'status-hit': {
    topic: 'cdn',
    severity: 'good',
    summary: '{name} served a stored copy (HIT): the origin server was not asked.',
    rule: '{header}: {raw}.',
    link: RFC9211,
  },
  'status-miss': {
    topic: 'cdn',
    severity: 'info',
    summary: '{name} did not have a copy (MISS) and fetched it from the origin.',
    rule: '{header}: {raw}.',
    link: RFC9211,
  },
  'status-expired': {
    topic: 'cdn',
    severity: 'info',
    summary: '{name} had a copy but it had expired, so it fetched a new one from the origin.',
    rule: '{header}: {raw}. A stale stored response must be revalidated or replaced before reuse (RFC 9111 §4.2).',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-4.2',
  },
  'status-stale': {
    topic: 'cdn',
    severity: 'warning',
    summary: '{name} served a stale (expired) copy, usually while it refreshes it in the background or because the origin failed.',
    rule: '{header}: {raw}. Serving stale is allowed by stale-while-revalidate / stale-if-error (RFC 5861) or when the origin is unreachable (RFC 9111 §4.2.4).',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-4.2.4',
  },
  'status-revalidated': {
    topic: 'cdn',
    severity: 'good',
    summary: '{name} had an expired copy, asked the origin whether it changed, got "304 Not Modified" and served its copy.',
    rule: '{header}: {raw}. Validation with If-None-Match / If-Modified-Since (RFC 9111 §4.3).',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-4.3',
  },
  'status-bypass': {
    topic: 'cdn',
    severity: 'info',
    summary: '{name} did not use its cache for this request (BYPASS): a rule, the request or the response told it not to.',
    rule: '{header}: {raw}.',
    link: RFC9211,
  },
  'bypass-set-cookie': {
    topic: 'cdn',
    severity: 'info',
    summary: 'The response sets a cookie: CDNs usually refuse to cache such responses, since the cookie would be handed to every visitor.',
    rule: 'Set-Cookie on a response a shared cache might store (RFC 9111 §7.3; Cloudflare bypasses on Set-Cookie by default).',
    link: 'https://developers.cloudflare.com/cache/concepts/cache-behavior/',
  },
  'bypass-private': {
    topic: 'cdn',
    severity: 'info',
    summary: 'Cache-Control ({cacheControl}) forbids shared caches from storing this response, so the CDN passed it through.',
    rule: 'private / no-store keep a response out of shared caches (RFC 9111 §5.2.2.5, §5.2.2.7).',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-5.2.2.7',
  },
  'status-dynamic': {
    topic: 'cdn',
    severity: 'info',
    summary: '{name} treated this as dynamic content: it was passed to the origin and not stored.',
    rule: '{header}: {raw}.',
    link: RFC9211,
  },
  'status-unknown': {
    topic: 'cdn',
    severity: 'info',
    summary: '{name} does not say whether it served this from its cache.',
    rule: 'No cache status field of {name} was found, or its value ({raw}) is not a cache outcome.',
    link: RFC9211,
  },
  'tiered-hit': {
    topic: 'cdn',
    severity: 'good',
    summary: 'The edge nearest you did not have it, but an inner cache tier ({tier}) did, so the origin was not contacted.',
    rule: 'Tiers, nearest the browser first: {tiers}. Any tier that served from cache means the request stopped there.',
    link: 'https://www.fastly.com/documentation/reference/http/http-headers/X-Cache/',
  },
  'cf-dynamic-cacheable': {
    topic: 'cdn',
    severity: 'warning',
    summary:
      'Cloudflare did not cache this although Cache-Control allows it ({cacheControl}). By default Cloudflare only caches static file types (.css, .js, images, fonts, ...), not HTML, JSON or API responses; a Cache Rule must make this URL eligible. Browsers still cache it.',
    rule: "CF-Cache-Status: DYNAMIC means the resource was not eligible for Cloudflare's cache under the zone's default behaviour and rules.",
    link: CF_CACHE,
  },
  'cf-dynamic': {
    topic: 'cdn',
    severity: 'info',
    summary:
      'Cloudflare passed this to the origin without caching it: this file type is not cached by default and no Cache Rule made it eligible.',
    rule: 'CF-Cache-Status: DYNAMIC (not eligible for cache).',
    link: CF_CACHE,
  },
  'cf-no-status': {
    topic: 'cdn',
    severity: 'info',
    summary:
      'Cloudflare handled this (CF-Ray) but sent no CF-Cache-Status: a Worker, a redirect rule or a security rule probably produced the response, so the cache was not consulted.',
    rule: 'CF-Cache-Status is only added when the response went through the cache layer.',
    link: 'https://developers.cloudflare.com/workers/cache/debugging/',
  },
  'vercel-revalidated': {
    topic: 'cdn',
    severity: 'info',
    summary:
      "Vercel's REVALIDATED is not an HTTP 304 check: the cached entry had been invalidated (for example by a tag purge) and was fetched again from the origin.",
    rule: 'X-Vercel-Cache: REVALIDATED.',
    link: 'https://vercel.com/docs/caching/cache-status',
  },
  'cloudfront-error': {
    topic: 'cdn',
    severity: 'error',
    summary: 'CloudFront itself produced this error response: it could not get a usable answer from the origin (or refused the request).',
    rule: 'X-Cache: Error from cloudfront.',
    link: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/troubleshooting-response-errors.html',
  },
  'imperva-opaque': {
    topic: 'cdn',
    severity: 'info',
    summary: 'Imperva does not publish a readable cache status: its X-Iinfo field is an internal code.',
    rule: 'X-Iinfo is documented only as a support identifier.',
    link: 'https://docs.imperva.com/bundle/cloud-application-security/page/settings/xray-debug-headers.htm',
  },
  'google-age-only': {
    topic: 'cdn',
    severity: 'info',
    summary: "Google's edge sends no hit/miss field; an Age of {age} s means the copy was stored in a Google cache for that long.",
    rule: 'Cloud CDN adds Age to responses served from its cache.',
    link: 'https://cloud.google.com/cdn/docs/caching#age-header',
  },
  'age-without-cdn': {
    topic: 'cdn',
    severity: 'info',
    summary:
      'Age: {age} says some cache on the way (a proxy, or a CDN that hides itself) served a stored copy, but no known CDN headers say which.',
    rule: 'Age is the time since the response was generated or validated at the origin (RFC 9111 §5.1). Age alone does not identify a CDN.',
    link: 'https://www.rfc-editor.org/rfc/rfc9111#section-5.1',
  },
  'cache-status-invalid': {
    topic: 'cdn',
    severity: 'warning',
    summary: 'The Cache-Status field is malformed; the parts that could be read were kept.',
    rule: 'RFC 9211 §2: Cache-Status is a structured List (RFC 9651, which replaced RFC 8941); a field that fails to parse must be ignored.',
    link: RFC9211 + '#section-2',
  },
  'cache-status-unknown-param': {
    topic: 'cdn',
    severity: 'info',
    summary: 'Cache-Status carries parameters RFC 9211 does not define ({params}); tools that read the field ignore them.',
    rule: 'RFC 9211 §2 defines hit, fwd, fwd-status, ttl, stored, collapsed, key and detail; others must be registered in the HTTP Cache-Status registry (§3), and unknown ones are ignored.',
    link: RFC9211 + '#section-2',
  },
  'cache-status-bad-param': {
    topic: 'cdn',
    severity: 'info',
    summary: 'Cache-Status has a parameter with a value RFC 9211 does not allow ({params}), so what the cache did cannot be read from it.',
    rule: 'RFC 9211 §2.1-§2.8: hit, stored and collapsed are Booleans, fwd-status and ttl Integers, key a String, and fwd one of bypass, method, uri-miss, vary-miss, miss, request, stale, partial (Structured Field types, RFC 9651 §3).',
    link: RFC9211 + '#section-2.2',
  },
  'cdn-cache-control': {
    topic: 'cdn',
    severity: 'info',
    summary: '{header} gives the CDN its own caching instructions ({value}), separate from what browsers get in Cache-Control.',
    rule: 'RFC 9213 §2: a targeted field takes precedence over Cache-Control for the caches it targets.',
    link: RFC9213,
  },
  'cdn-cache-control-invalid': {
    topic: 'cdn',
    severity: 'warning',
    summary: '{header} is malformed; a CDN that follows RFC 9213 ignores it completely and falls back to Cache-Control.',
    rule: 'RFC 9213 §2: the field is a structured Dictionary; a parse failure means the whole field is ignored.',
    link: RFC9213 + '#section-2',
  },
  'cdn-cache-control-bad-value': {
    topic: 'cdn',
    severity: 'warning',
    summary:
      '{header} gives {values}, which is not a whole number of seconds: the CDN ignores that directive and falls back to what else it was told.',
    rule: 'RFC 9213 §2: directives take the value types of RFC 9111 (delta-seconds as a non-negative Integer); a targeted cache ignores a directive whose value it cannot use.',
    link: RFC9213 + '#section-2',
  },
  'cdn-cache-control-duplicate': {
    topic: 'cdn',
    severity: 'info',
    summary: '{header} names {names} more than once; only the last value counts.',
    rule: 'RFC 9213 §2 makes the field a Dictionary; a repeated key keeps its last value (RFC 9651 §4.2.2).',
    link: 'https://www.rfc-editor.org/rfc/rfc9651#section-4.2.2',
  },
  'ip-owner': {
    topic: 'cdn',
    severity: 'info',
    summary:
      "The server address {ip} belongs to {owner}. Your browser talked to {owner}'s edge, not to the site's own server: DNS for this host points at the CDN (for Cloudflare, a proxied \"orange cloud\" record), so the origin's real address stays hidden and every request passes through the CDN (TLS, firewall, caching).",
    rule: '{ip} is inside a published {owner} range ({source}).',
    link: 'https://developers.cloudflare.com/dns/proxy-status/',
  },
  'ip-not-cdn': {
    topic: 'cdn',
    severity: 'info',
    summary:
      "The address {ip} is not in any published CDN range: it is probably the site's own server (or a cloud host), reached directly.",
    rule: '{ip} is outside every range in {source}.',
    link: 'https://developers.cloudflare.com/dns/proxy-status/',
  },
  'ip-owner-differs': {
    topic: 'cdn',
    severity: 'info',
    summary:
      'The headers point to {cdn}, but the address {ip} belongs to {owner}: CDNs are stacked ({owner} in front), or the address ranges are out of date.',
    rule: 'Header signature: {cdn}; IP range owner: {owner}.',
    link: 'https://developer.mozilla.org/en-US/docs/Glossary/CDN',
  },
  'gateway-passed-through': {
    topic: 'cdn',
    severity: 'info',
    summary:
      "{name} passed this {status} on from the origin side (it reports a cache outcome, {raw}): the error was produced behind it, by the origin's own proxy or application, not by {name}.",
    rule: 'A CDN-generated error carries no cache outcome; a forwarded one does.',
    link: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.6',
  },
  'gateway-by-cdn': {
    topic: 'cdn',
    severity: 'info',
    summary:
      '{name} generated this {status} itself: it never got a usable answer from the origin, so the fault is the origin being down, unreachable or too slow (or a TLS problem between them).',
    rule: '{evidence}',
    link: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.6',
  },
  'gateway-error': {
    topic: 'cdn',
    severity: 'warning',
    summary: '{meaning}',
    rule: '{rule}',
    link: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.6',
  },
};

/**
 * What to change, per CDN finding (one sentence; `{param}` filled like the summary). Attached by cdnNote().
 */
export const CDN_FIXES: Readonly<Record<string, string>> = {
  'cdn-identified': 'Nothing to change.',
  'cdn-stacked':
    "Nothing to change if both layers are intended; otherwise remove the inner one, or make sure its caching rules agree with the outer one's.",
  'self-hosted-cache': 'Nothing to change.',
  'status-hit': 'Nothing to change: the edge served its copy.',
  'status-miss':
    'Nothing to change if misses are rare; if this URL always misses, give it a longer s-maxage (or CDN-Cache-Control: max-age) so the edge keeps it.',
  'status-expired':
    'Lengthen the CDN lifetime (s-maxage or CDN-Cache-Control: max-age) if the content changes less often, and send an ETag so the edge can revalidate.',
  'status-stale': 'Nothing to change if stale-while-revalidate or stale-if-error is meant; if the origin failed, check it.',
  'status-revalidated': 'Nothing to change: a 304 from the origin saved the body.',
  'status-bypass':
    'If this URL should be cached, check the CDN rules and the response (Set-Cookie, private, no-store) that made it bypass.',
  'bypass-set-cookie': "Set cookies on uncached responses (the page's API calls), and send cacheable responses without Set-Cookie.",
  'bypass-private':
    'Nothing to change if the response is per-user; if it is the same for everyone, send Cache-Control: public, s-maxage=… instead of {cacheControl}.',
  'status-dynamic': 'If this URL should be cached, add a CDN rule that makes it eligible and send s-maxage (or CDN-Cache-Control).',
  'status-unknown': "Nothing to change; to see cache outcomes, enable the CDN's debug header or send Cache-Status (RFC 9211).",
  'tiered-hit': 'Nothing to change: the inner tier saved a trip to the origin.',
  'cf-dynamic-cacheable':
    'Add a Cloudflare Cache Rule that makes this URL eligible for cache (Cache eligibility: Eligible for cache), keeping Cache-Control as it is.',
  'cf-dynamic': 'Nothing to change if the URL is dynamic; otherwise add a Cache Rule that makes it eligible for cache.',
  'cf-no-status':
    'Nothing to change if a Worker or a rule answered on purpose; if it should come from cache, route it through the cache (fetch with cf.cacheEverything, or the Cache API).',
  'vercel-revalidated': 'Nothing to change: the entry was purged and fetched again.',
  'cloudfront-error':
    'Check the origin CloudFront forwards to (is it up, is the origin domain and protocol right, does it answer in time?).',
  'imperva-opaque': 'Nothing to change; ask Imperva support to decode X-Iinfo if you need the cache outcome.',
  'google-age-only': 'Nothing to change.',
  'age-without-cdn': 'Nothing to change; to know which cache served it, have it send Cache-Status (RFC 9211) or Via.',
  'ip-owner': 'Nothing to change.',
  'ip-not-cdn': 'Nothing to change if the site is meant to be served directly; otherwise point its DNS at the CDN.',
  'ip-owner-differs': 'Nothing to change if the CDNs are stacked on purpose; otherwise update the address ranges.',
  'gateway-passed-through': "Look behind the CDN: the origin's own proxy or application produced this {status}.",
  'gateway-by-cdn':
    "Check the origin from the CDN's side: is it up, reachable from the CDN's addresses, answering in time, with a valid certificate?",
  'gateway-error': 'Check the server behind the proxy or CDN: is it running, reachable, and answering in time?',
  'cache-status-invalid': 'Send Cache-Status as a Structured Field List, e.g. Cache-Status: ExampleCDN; hit; ttl=3600.',
  'cache-status-unknown-param': 'Drop the unregistered parameters ({params}), or put vendor detail in the detail parameter.',
  'cache-status-bad-param': 'Give each parameter its defined type, e.g. fwd=uri-miss, ttl=3600, hit (not hit=1).',
  'cdn-cache-control': 'Nothing to change: check that the CDN and browser lifetimes are the ones you mean.',
  'cdn-cache-control-invalid': 'Write {header} as comma-separated directives in Structured Field syntax, e.g. {header}: max-age=3600.',
  'cdn-cache-control-bad-value': 'Give the directive a whole number of seconds, e.g. {header}: max-age=3600.',
  'cdn-cache-control-duplicate': 'Name each directive once in {header}, with the value you mean.',
};

/**
 * What a gateway status means behind a CDN or proxy. {layer} is the CDN or proxy name.
 * RFC 9110 §15.6; Cloudflare 52x: https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/
 */
export const GATEWAY_STATUS: Record<number, { meaning: string; rule: string; byLayer: boolean }> = {
  502: {
    meaning:
      'Bad Gateway: {layer} reached for the origin server but got no usable answer (the app is down, refused the connection, or sent something invalid). The fault is usually behind {layer}, not in it.',
    rule: 'RFC 9110 §15.6.3 502: a gateway received an invalid response from the inbound server.',
    byLayer: false,
  },
  503: {
    meaning:
      'Service Unavailable: the origin (or {layer} itself) is overloaded or down for maintenance; a Retry-After field may say when to try again.',
    rule: 'RFC 9110 §15.6.4 503.',
    byLayer: false,
  },
  504: {
    meaning: 'Gateway Timeout: {layer} waited for the origin server and gave up; the origin is too slow or unreachable.',
    rule: 'RFC 9110 §15.6.5 504: a gateway did not receive a timely response from the upstream server.',
    byLayer: false,
  },
  520: {
    meaning: 'Cloudflare 520: the origin returned an empty, unknown or unexpected response.',
    rule: 'Cloudflare-generated error 520.',
    byLayer: true,
  },
  521: {
    meaning: 'Cloudflare 521: the origin web server refused the connection (it is down or blocks Cloudflare).',
    rule: 'Cloudflare-generated error 521.',
    byLayer: true,
  },
  522: { meaning: 'Cloudflare 522: the TCP connection to the origin timed out.', rule: 'Cloudflare-generated error 522.', byLayer: true },
  523: {
    meaning: 'Cloudflare 523: the origin is unreachable (DNS or routing problem).',
    rule: 'Cloudflare-generated error 523.',
    byLayer: true,
  },
  524: {
    meaning: 'Cloudflare 524: the origin accepted the connection but did not answer in time (about 100 s).',
    rule: 'Cloudflare-generated error 524.',
    byLayer: true,
  },
  525: {
    meaning: 'Cloudflare 525: the TLS handshake between Cloudflare and the origin failed.',
    rule: 'Cloudflare-generated error 525.',
    byLayer: true,
  },
  526: {
    meaning: "Cloudflare 526: the origin's TLS certificate is invalid (Full (strict) mode).",
    rule: 'Cloudflare-generated error 526.',
    byLayer: true,
  },
  530: {
    meaning: 'Cloudflare 530: Cloudflare could not resolve or reach the origin (shown with a 1xxx error).',
    rule: 'Cloudflare-generated error 530.',
    byLayer: true,
  },
};

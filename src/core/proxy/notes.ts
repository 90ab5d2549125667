/** Proxy findings, httplint style. `{name}` placeholders are filled from the analysis' parameters. */
import type { NoteCatalog } from '../notes';

const VIA = 'https://www.rfc-editor.org/rfc/rfc9110#section-7.6.3';
const FORWARDED = 'https://www.rfc-editor.org/rfc/rfc7239';
const XFF = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Forwarded-For';

export const PROXY_NOTES: NoteCatalog = {
  'via-hops': {
    topic: 'proxy',
    severity: 'info',
    summary: '{count} intermediary hop(s) passed this response on (nearest you last): {hops}.',
    rule: 'Each proxy or gateway appends itself to Via, so the list runs from the origin side to the side nearest the client.',
    link: VIA,
  },
  'via-invalid': {
    topic: 'proxy',
    severity: 'warning',
    summary: 'A Via entry could not be read: "{entry}".',
    rule: 'Via = #( received-protocol RWS received-by [ RWS comment ] ) (RFC 9110 §7.6.3).',
    link: VIA,
  },
  'forwarded-chain': {
    topic: 'proxy',
    severity: 'info',
    summary: 'Forwarded lists {count} hop(s); the client as first seen is {first}.',
    rule: 'Each proxy appends one forwarded-element (for=, by=, host=, proto=) (RFC 7239 §4).',
    link: FORWARDED,
  },
  'forwarded-invalid': {
    topic: 'proxy',
    severity: 'warning',
    summary: 'A Forwarded element is malformed: "{entry}". IPv6 addresses must be quoted and bracketed ("[2001:db8::1]"), values with special characters quoted.',
    rule: 'forwarded-pair = token "=" value; node = IPv4 / "[" IPv6 "]" / "unknown" / obfuscated, with an optional port (RFC 7239 §4, §6).',
    link: FORWARDED + '#section-6',
  },
  'xff-chain': {
    topic: 'proxy',
    severity: 'info',
    summary: 'X-Forwarded-For ({where}) lists {count} address(es): {chain}. The first is the client as claimed, each later one is a proxy the request went through.',
    rule: 'Each proxy appends the address it received the connection from.',
    link: XFF,
  },
  'xff-trap': {
    topic: 'proxy',
    severity: 'warning',
    summary:
      'Double-proxy trap: with several proxies (say Cloudflare then Apache) the right-most entry ({last}) is the nearest proxy, not the user. The left-most ({first}) was written by whoever sent the request and can be forged. Trust only entries your own proxies added, counting from the right: with two proxies read the second from the right (Werkzeug ProxyFix x_for=2), or use the CDN\'s own field (CF-Connecting-IP).',
    rule: 'X-Forwarded-For is appended to, never rewritten: only the right-most N entries, for N trusted proxies, are reliable.',
    link: XFF + '#security_and_privacy_concerns',
  },
  'xff-invalid': {
    topic: 'proxy',
    severity: 'warning',
    summary: 'X-Forwarded-For contains something that is not an IP address: "{entry}". Code that trusts this field may be fed anything.',
    rule: 'X-Forwarded-For: <client>, <proxy1>, <proxy2> with IP addresses only.',
    link: XFF,
  },
  'xff-from-browser': {
    topic: 'proxy',
    severity: 'warning',
    summary: 'The request left the browser already carrying {header}: the page\'s own script (fetch or XHR can set it), an extension or a local tool added it. A server that believes the left-most entry would trust this made-up address.',
    rule: 'Forwarding fields are meant to be added by proxies, not clients; clients can put anything in them.',
    link: XFF + '#security_and_privacy_concerns',
  },
  'xff-echoed': {
    topic: 'proxy',
    severity: 'info',
    summary: 'The response echoes forwarding information ({header}: {value}): the server reflects what its proxies told it, which also reveals internal addresses.',
    rule: 'Forwarding fields are request fields; in a response they are only a reflection.',
    link: XFF,
  },
  'forwarded-and-xff': {
    topic: 'proxy',
    severity: 'info',
    summary: 'Both Forwarded and X-Forwarded-For are present; they can disagree, and an application must pick one to trust.',
    rule: 'RFC 7239 §7.6: the standard Forwarded field and the de facto X-Forwarded-* fields coexist.',
    link: FORWARDED + '#section-7.6',
  },
  'x-real-ip': {
    topic: 'proxy',
    severity: 'info',
    summary: 'X-Real-IP ({value}) names a single client address set by a proxy (nginx real_ip style), instead of a chain.',
    rule: 'X-Real-IP is an nginx convention; trust it only when your own proxy sets it and strips incoming copies.',
    link: 'https://nginx.org/en/docs/http/ngx_http_realip_module.html',
  },
  'proto-downgrade': {
    topic: 'proxy',
    severity: 'warning',
    summary: 'The page was fetched over https but X-Forwarded-Proto says "{proto}": a proxy terminated TLS and the application saw plain HTTP. Apps that ignore this field build http:// links or loop redirecting to https.',
    rule: 'Behind a TLS-terminating proxy the application must read X-Forwarded-Proto (ProxyFix x_proto=1) to know the original scheme.',
    link: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Forwarded-Proto',
  },
  'proxy-gateway-error': {
    topic: 'proxy',
    severity: 'error',
    summary: '{meaning}',
    rule: '{rule} The reporting proxy: {proxy}.',
    link: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.6',
  },
};

/** Gateway statuses as a reverse proxy (Apache, nginx, a load balancer) reports them. RFC 9110 §15.6. */
export const PROXY_GATEWAY_STATUS: Record<number, { meaning: string; rule: string }> = {
  502: {
    meaning: 'Bad Gateway: the reverse proxy could not get an answer from the application behind it. Most often the app is not running or listens on another port than the proxy expects.',
    rule: 'RFC 9110 §15.6.3 502.',
  },
  503: {
    meaning: 'Service Unavailable: the proxy has no healthy backend to send this to (all down, overloaded or in maintenance).',
    rule: 'RFC 9110 §15.6.4 503.',
  },
  504: {
    meaning: 'Gateway Timeout: the proxy reached the application but it did not answer in time (a slow request or a stuck worker).',
    rule: 'RFC 9110 §15.6.5 504.',
  },
};

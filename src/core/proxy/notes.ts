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
    summary:
      'A Forwarded element is malformed: "{entry}". IPv6 addresses must be quoted and bracketed ("[2001:db8::1]"), values with special characters quoted.',
    rule: 'forwarded-pair = token "=" value; node = IPv4 / "[" IPv6 "]" / "unknown" / obfuscated, with an optional port (RFC 7239 §4, §6).',
    link: FORWARDED + '#section-6',
  },
  'xff-chain': {
    topic: 'proxy',
    severity: 'info',
    summary:
      'X-Forwarded-For ({where}) lists {count} address(es): {chain}. The first is the client as claimed, each later one is a proxy the request went through.',
    rule: 'Each proxy appends the address it received the connection from.',
    link: XFF,
  },
  'xff-trap': {
    topic: 'proxy',
    severity: 'warning',
    summary:
      "Double-proxy trap: with several proxies (say Cloudflare then Apache) the right-most entry ({last}) is the nearest proxy, not the user. The left-most ({first}) was written by whoever sent the request and can be forged. Trust only entries your own proxies added, counting from the right: with two proxies read the second from the right (Werkzeug ProxyFix x_for=2), or use the CDN's own field (CF-Connecting-IP).",
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
    summary:
      "The request left the browser already carrying {header}: the page's own script (fetch or XHR can set it), an extension or a local tool added it. A server that believes the left-most entry would trust this made-up address.",
    rule: 'Forwarding fields are meant to be added by proxies, not clients; clients can put anything in them.',
    link: XFF + '#security_and_privacy_concerns',
  },
  'xff-echoed': {
    topic: 'proxy',
    severity: 'info',
    summary:
      'The response echoes forwarding information ({header}: {value}): the server reflects what its proxies told it, which also reveals internal addresses.',
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
    summary:
      'The page was fetched over https but X-Forwarded-Proto says "{proto}": a proxy terminated TLS and the application saw plain HTTP. Apps that ignore this field build http:// links or loop redirecting to https.',
    rule: 'Behind a TLS-terminating proxy the application must read X-Forwarded-Proto (ProxyFix x_proto=1) to know the original scheme.',
    link: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Forwarded-Proto',
  },
  'proxy-status': {
    topic: 'proxy',
    severity: 'info',
    summary: 'Proxy-Status from {proxy}: {meaning}.',
    rule: 'Each intermediary may add an entry saying how it handled the response, with an error type when it failed (RFC 9209 §2, §2.3).',
    link: 'https://www.rfc-editor.org/rfc/rfc9209#section-2',
  },
  'proxy-status-unknown-param': {
    topic: 'proxy',
    severity: 'info',
    summary: 'Proxy-Status carries parameters RFC 9209 does not define ({params}); readers ignore them.',
    rule: 'RFC 9209 §2.1 defines error, next-hop, next-protocol, received-status and details, and §2.3 a few per error type; others must be registered (§4) and are otherwise ignored.',
    link: 'https://www.rfc-editor.org/rfc/rfc9209#section-2.1',
  },
  'proxy-status-bad-param': {
    topic: 'proxy',
    severity: 'info',
    summary: 'Proxy-Status has a parameter whose value RFC 9209 does not allow ({params}), so that part cannot be read.',
    rule: 'error is one of the registered error-type Tokens (RFC 9209 §2.3), received-status an Integer, details a String, next-hop a String or Token (§2.1; types from RFC 9651 §3).',
    link: 'https://www.rfc-editor.org/rfc/rfc9209#section-2.1',
  },
  'proxy-status-invalid': {
    topic: 'proxy',
    severity: 'info',
    summary: 'A Proxy-Status line is not a valid Structured Field List and is ignored; the lines that parse are kept.',
    rule: 'Proxy-Status is a List (RFC 9209 §2, RFC 9651 §3.1); a field that fails to parse is ignored (RFC 9651 §4.2).',
    link: 'https://www.rfc-editor.org/rfc/rfc9209#section-2',
  },
  'proxy-gateway-error': {
    topic: 'proxy',
    severity: 'error',
    summary: '{meaning}',
    rule: '{rule} The reporting proxy: {proxy}.',
    link: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.6',
  },
};

/** What to change, per proxy finding (one sentence; `{param}` filled like the summary). Attached by explainProxy. */
export const PROXY_FIXES: Readonly<Record<string, string>> = {
  'via-hops': 'Nothing to change; proxies may send Via with a pseudonym instead of a host name if the hops should stay private.',
  'via-invalid': 'Have the proxy write Via as "<protocol> <host or pseudonym>", e.g. Via: 1.1 varnish.',
  'forwarded-chain': 'Nothing to change; trust only the elements your own proxies appended.',
  'forwarded-invalid': 'Quote values with special characters and write IPv6 nodes as "[2001:db8::1]" (with the quotes).',
  'xff-chain': 'Nothing to change; read the client address from the right, skipping your own proxies.',
  'xff-trap':
    "Configure the application to trust exactly your proxies (e.g. ProxyFix x_for=2, nginx set_real_ip_from) or read the CDN's own client-address field.",
  'xff-invalid': 'Have each proxy append only the address it received the connection from.',
  'xff-from-browser': 'Remove whatever adds {header} on the client side; proxies add forwarding fields, browsers do not.',
  'xff-echoed': 'Stop reflecting {header} in responses: it reveals internal addresses.',
  'forwarded-and-xff': 'Pick one field for the application to trust and strip the other at your edge proxy.',
  'x-real-ip': 'Nothing to change if your own proxy sets it; make it overwrite any X-Real-IP the client sent.',
  'proto-downgrade': 'Have the application honour X-Forwarded-Proto from your proxy (e.g. ProxyFix x_proto=1, Express trust proxy).',
  'proxy-gateway-error': 'Check the application behind the proxy: is it running, on the port the proxy uses, and answering in time?',
  'proxy-status': 'Nothing to change; if an error is named, fix the hop it points to.',
  'proxy-status-unknown-param': 'Drop the unregistered parameters ({params}), or put the information in details.',
  'proxy-status-bad-param': 'Give each parameter its defined type, e.g. error=connection_timeout, received-status=503, details="...".',
  'proxy-status-invalid': 'Write Proxy-Status as a Structured Field List, e.g. Proxy-Status: edge; error=connection_timeout.',
};

/** Gateway statuses as a reverse proxy (Apache, nginx, a load balancer) reports them. RFC 9110 §15.6. */
export const PROXY_GATEWAY_STATUS: Record<number, { meaning: string; rule: string }> = {
  502: {
    meaning:
      'Bad Gateway: the reverse proxy could not get an answer from the application behind it. Most often the app is not running or listens on another port than the proxy expects.',
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

/**
 * Cookie rules as data: every reject reason, not-sent reason and attribute with a plain sentence, the precise rule
 * and a link. Analysis code picks entries by key; it never holds panel sentences itself.
 */
import type { CookieNotSentReason, CookieRejectReason } from '../explanation';
import { COOKIE_PROFILES } from './profiles';

export const SPEC = 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis';
export const sec = (s: string): string => `${SPEC}#section-${s}`;
export const MDN_SET_COOKIE = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie';
export const MDN_CHIPS = 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/Privacy_sandbox/Partitioned_cookies';
export const MDN_THIRD_PARTY = 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/Third-party_cookies';

/** Seconds: RFC 6265bis §5.6.1/§5.6.2 cap every expiry at 400 days after now. */
export const MAX_LIFETIME = 34_560_000;
/** Octets: name + value (RFC 6265bis §5.6 step 5). */
export const MAX_NAME_VALUE_BYTES = 4096;
/** Octets: one attribute value (RFC 6265bis §5.6, cookie-av processing). */
export const MAX_ATTRIBUTE_BYTES = 1024;
/** Seconds: Chrome sends fresh unspecified-SameSite cookies on top-level unsafe navigations (Lax-allowing-unsafe). The models read profiles.ts (laxAllowUnsafeSeconds); this stays for the library API. */
export const LAX_ALLOW_UNSAFE_WINDOW = 120;

export interface RuleText {
  plain: string;
  rule: string;
  link: string;
  /** Where Firefox behaves differently, in plain words. */
  firefox?: string;
}

/** The order decide() runs the storage checks in: data of the cookie profiles (profiles.ts), one list for all. */
export const REJECT_ORDER: readonly CookieRejectReason[] = COOKIE_PROFILES.chrome.rejectOrder.value;

export const REJECT_REASONS: Record<CookieRejectReason, RuleText> = {
  empty: {
    plain: 'The header had neither a name nor a value, so there was nothing to store.',
    rule: 'After trimming whitespace, a cookie whose name and value are both empty is ignored.',
    link: sec('5.6'),
  },
  'invalid-characters': {
    plain:
      'The header contains a control character (or a Domain with non-ASCII letters that is not this site), so the browser threw the whole line away.',
    rule: 'A set-cookie-string containing a CTL other than HTAB (%x00-08, %x0A-1F, %x7F) is ignored; so is a cookie whose Domain attribute holds non-ASCII characters (RFC 6265bis; Chrome instead reads such a Domain in punycode and keeps the cookie when that names the host), and (Chrome) a nameless cookie whose value contains "=".',
    link: sec('5.6'),
  },
  'too-large': {
    plain: 'Name and value together are longer than 4096 bytes, so the cookie was dropped.',
    rule: 'If the name plus the value exceeds 4096 octets (UTF-8), the cookie is ignored. Attributes do not count.',
    link: sec('5.6'),
  },
  'domain-mismatch': {
    plain: 'The Domain attribute names a site this response did not come from, so the browser refused it.',
    rule: 'The request host must domain-match the Domain attribute (be equal to it, or end with "." + it).',
    link: sec('5.7'),
  },
  'public-suffix': {
    plain:
      'The Domain attribute is a public suffix (like co.uk or github.io): a cookie there would reach unrelated sites, so it was refused.',
    rule: 'A Domain attribute that is a public suffix is ignored when it equals the request host (the cookie becomes host-only), and the cookie is rejected otherwise. Public Suffix List, ICANN and private sections, with its default rule "*": a top-level domain not on the list (.test, .local, localhost) is a public suffix too.',
    link: sec('5.7'),
  },
  'secure-from-insecure': {
    plain: 'Only an HTTPS page (or localhost) may set a Secure cookie; this response came over plain HTTP.',
    rule: 'If the secure-only-flag is set and the request URL is not a secure context, the cookie is ignored.',
    link: sec('5.7'),
  },
  'samesite-none-insecure': {
    plain: 'SameSite=None cookies must also be Secure; this one is not, so it was rejected.',
    rule: 'A cookie with SameSite=None and no Secure attribute is ignored.',
    link: sec('5.7'),
  },
  'invalid-prefix': {
    plain: 'The name starts with __Secure-, __Host-, __Http- or __Host-Http-, which promises rules this cookie breaks.',
    rule: 'Every prefix needs Secure and a secure origin; __Host- also needs no Domain attribute and an explicit Path=/; __Http- needs HttpOnly; __Host-Http- needs all of those (Chrome). Prefixes are matched case-insensitively, and a nameless cookie may not have a value starting with one.',
    link: sec('5.4'),
  },
  expired: {
    plain: 'The cookie was already expired when it arrived: this is how a server deletes a cookie.',
    rule: 'Max-Age <= 0 or an Expires date in the past makes the expiry-time past; the cookie is not stored and an existing cookie with the same name, domain, host-only flag and path is removed.',
    link: sec('5.7'),
  },
  'samesite-context': {
    plain:
      'A cross-site request (an embedded image, script or fetch) may only set SameSite=None cookies; this one is Lax, Strict or unspecified.',
    rule: 'If the same-site-flag is not "None" and the response is to a cross-site request that is not a top-level navigation, the cookie is ignored. Unspecified counts as Lax (Lax-by-default).',
    link: sec('5.7'),
    firefox: 'Firefox does not apply Lax-by-default, so it stores a cookie without SameSite here.',
  },
  'partitioned-insecure': {
    plain: 'A Partitioned cookie must also be Secure.',
    rule: 'Chrome and Firefox reject a cookie with the Partitioned attribute and no Secure attribute (CHIPS).',
    link: MDN_CHIPS,
  },
  'overwrite-secure': {
    plain: 'An insecure page tried to replace (or shadow) a Secure cookie of the same name, which is not allowed.',
    rule: 'A non-secure cookie from a non-secure origin is ignored when a Secure cookie with the same name exists whose domain matches and whose path covers the new path.',
    link: sec('5.7'),
  },
  'third-party-blocked': {
    plain: 'Third-party cookies are blocked, and this cookie was set in a third-party context without being Partitioned.',
    rule: "The user agent's cookie policy may ignore cookies in a cross-site context; partitioned (CHIPS) cookies remain allowed.",
    link: sec('5.3'),
    firefox: "Firefox's Total Cookie Protection partitions third-party cookies by the top-level site instead of blocking them.",
  },
};

/** Not-sent reasons, in the order the send model checks them. */
export const NOT_SENT_REASONS: Record<CookieNotSentReason, RuleText> = {
  'domain-mismatch': {
    plain: 'The cookie belongs to another host or domain.',
    rule: 'A host-only cookie is sent only to exactly its host; a domain cookie to its domain and its subdomains.',
    link: sec('5.8.3'),
  },
  'path-mismatch': {
    plain: "The cookie's Path does not cover this URL.",
    rule: 'The request path must path-match the cookie path (equal, or start with it at a "/" boundary).',
    link: sec('5.1.4'),
  },
  expired: {
    plain: 'The cookie has expired and the browser has thrown it away.',
    rule: 'Cookies whose expiry-time is in the past are removed from the store.',
    link: sec('5.7'),
  },
  'secure-only': {
    plain: 'The cookie is Secure and this request is not over HTTPS.',
    rule: 'A cookie with the secure-only-flag is sent only to secure contexts (https, or http://localhost).',
    link: sec('5.8.3'),
  },
  'partition-mismatch': {
    plain: 'The cookie is Partitioned under another top-level site, so it is invisible here.',
    rule: "A partitioned cookie is sent only when the request's partition key (the top-level site) equals the cookie's.",
    link: MDN_CHIPS,
  },
  'samesite-strict': {
    plain: 'SameSite=Strict cookies are never sent on requests coming from another site, not even when following a link.',
    rule: 'A Strict cookie is excluded from every cross-site request.',
    link: sec('5.8.3'),
  },
  'samesite-lax': {
    plain: 'SameSite=Lax cookies go cross-site only on top-level navigations with a safe method (GET); this request is not one.',
    rule: 'A Lax cookie is excluded from a cross-site request unless it is a top-level navigation with a safe method.',
    link: sec('5.8.3'),
  },
  'samesite-unspecified-lax': {
    plain: 'This cookie has no SameSite attribute, so Chrome treats it as Lax: not sent on this cross-site request.',
    rule: 'Unspecified SameSite is enforced as Lax (Lax-by-default); Chrome still sends a cookie younger than 2 minutes on a top-level cross-site POST (Lax-allowing-unsafe).',
    link: sec('5.6.7.2'),
    firefox: 'Firefox does not apply Lax-by-default: it would send this cookie.',
  },
  'third-party-blocked': {
    plain: 'Third-party cookies are blocked, and this cookie is not Partitioned.',
    rule: 'The cookie policy excludes unpartitioned cookies from cross-site (third-party) requests.',
    link: sec('5.3'),
    firefox: 'Firefox partitions instead of blocking (Total Cookie Protection): it would look in a per-site jar.',
  },
};

export type AttributeKey = 'expires' | 'max-age' | 'domain' | 'path' | 'secure' | 'httponly' | 'samesite' | 'partitioned' | 'priority';

/** Known attributes (lower-case names). Unknown ones are ignored by browsers and explained as such. */
export const ATTRIBUTES: Record<AttributeKey, RuleText & { name: string }> = {
  expires: {
    name: 'Expires',
    plain: 'The date the cookie expires; without Expires or Max-Age the cookie lasts for the browser session.',
    rule: 'Parsed with the cookie-date algorithm; ignored when Max-Age is present; capped at 400 days from now.',
    link: sec('5.6.1'),
    firefox: 'Firefox (like Chrome) shifts Expires by the difference between its clock and the server Date header.',
  },
  'max-age': {
    name: 'Max-Age',
    plain: 'How many seconds the cookie lives. Takes precedence over Expires. 0 or less deletes it.',
    rule: 'An optional "-" then digits; anything else makes the attribute ignored. Capped at 400 days (34560000 s).',
    link: sec('5.6.2'),
  },
  domain: {
    name: 'Domain',
    plain: 'Makes the cookie a domain cookie: sent to this domain and all its subdomains.',
    rule: 'A leading "." is removed and the value lower-cased; it must domain-match the request host and may not be a public suffix.',
    link: sec('5.6.3'),
  },
  path: {
    name: 'Path',
    plain: 'Limits the cookie to URLs under this path.',
    rule: 'A value not starting with "/" (or empty) is replaced by the default-path (the request path up to its last "/").',
    link: sec('5.6.4'),
  },
  secure: {
    name: 'Secure',
    plain: 'Only sent over HTTPS (and to localhost), and only settable from there.',
    rule: 'Sets the secure-only-flag.',
    link: sec('5.6.5'),
  },
  httponly: {
    name: 'HttpOnly',
    plain: 'Hidden from JavaScript (document.cookie); still sent with every matching request.',
    rule: 'Sets the http-only-flag; non-HTTP APIs can neither read nor overwrite it.',
    link: sec('5.6.6'),
  },
  samesite: {
    name: 'SameSite',
    plain:
      'Controls whether the cookie goes along on requests from other sites: Strict (never), Lax (top-level GET links only), None (always, needs Secure).',
    rule: 'Values strict, lax, none (case-insensitive); any other value counts as unspecified, which Chrome enforces as Lax.',
    link: sec('5.6.7'),
    firefox: 'Firefox treats a missing SameSite as None (no Lax-by-default).',
  },
  partitioned: {
    name: 'Partitioned',
    plain: 'Stores the cookie in a separate jar per top-level site (CHIPS), so it cannot track you across sites.',
    rule: 'Requires Secure; the partition key is the top-level site (scheme and registrable domain).',
    link: MDN_CHIPS,
  },
  priority: {
    name: 'Priority',
    plain: 'A Chrome-only hint (Low, Medium, High) about which cookies to evict first when a domain has too many.',
    rule: 'Non-standard; ignored by Firefox and Safari.',
    link: 'https://developer.chrome.com/docs/privacy-security/cookie-priority',
  },
};

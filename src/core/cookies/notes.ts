/**
 * Cookie findings catalogue (httplint style): analysis code names a note and its parameters, the texts live here.
 * Reject / not-sent notes are derived from the reason tables in rules.ts so the sentences exist once.
 */
import type { Finding } from '../types';
import { applyNote, fill, type NoteCatalog, type NoteDef } from '../notes';
import type { CookieNotSentReason, CookieRejectReason } from '../explanation';
import { MDN_SET_COOKIE, NOT_SENT_REASONS, REJECT_REASONS, sec } from './rules';

const rejectNotes: NoteCatalog = {};
for (const [reason, t] of Object.entries(REJECT_REASONS) as Array<[CookieRejectReason, (typeof REJECT_REASONS)[CookieRejectReason]]>) {
  const def: NoteDef = {
    topic: 'cookie',
    severity: reason === 'expired' ? 'info' : 'error',
    summary:
      reason === 'expired'
        ? 'Cookie "{name}" arrives already expired: it is a deletion, not stored. ' + t.plain
        : `Cookie "{name}" was rejected: ${t.plain}`,
    rule: t.firefox ? `${t.rule} Firefox: ${t.firefox}` : t.rule,
    link: t.link,
  };
  rejectNotes[`cookie-rejected-${reason}`] = def;
}

const notSentNotes: NoteCatalog = {};
for (const [reason, t] of Object.entries(NOT_SENT_REASONS) as Array<
  [CookieNotSentReason, (typeof NOT_SENT_REASONS)[CookieNotSentReason]]
>) {
  notSentNotes[`cookie-not-sent-${reason}`] = {
    topic: 'cookie',
    // By consequence: a cookie withheld because its own attributes (Secure, SameSite=Strict/Lax, Partitioned, its
    // scope) or the user's setting say so is the browser doing what was asked: info. Only Lax-by-default withholds a
    // cookie the server never asked to restrict, which can drop a login or a cart on that request: warning.
    severity: reason === 'samesite-unspecified-lax' ? 'warning' : 'info',
    summary: `Cookie "{name}" was not sent: ${t.plain}`,
    rule: t.firefox ? `${t.rule} Firefox: ${t.firefox}` : t.rule,
    link: t.link,
  };
}

export const COOKIE_NOTES: NoteCatalog = {
  ...rejectNotes,
  ...notSentNotes,
  'cookie-not-secure-on-https': {
    topic: 'cookie',
    severity: 'warning',
    summary: 'Cookie "{name}" is set over HTTPS but is not Secure: the browser will also send it over plain HTTP.',
    rule: 'Without the Secure attribute the cookie is sent to http:// URLs of the same host, where it can be read or changed in transit.',
    link: sec('5.6.5'),
  },
  'cookie-not-secure-hsts': {
    topic: 'cookie',
    severity: 'info',
    summary:
      'Cookie "{name}" is set over HTTPS without Secure; this host sends Strict-Transport-Security, so the browser will not make a plain-HTTP request that could carry it (once it has seen that header).',
    rule: 'HSTS (RFC 6797) turns every http:// URL of the host (and its subdomains with includeSubDomains) into https:// before the request is made; Secure still guards the first visit and hosts the policy does not cover.',
    link: sec('5.6.5'),
  },
  'cookie-session-without-httponly': {
    topic: 'cookie',
    severity: 'warning',
    summary:
      'Cookie "{name}" looks like a login/session cookie but has no HttpOnly: any script on the page (including injected ones) can read it.',
    rule: 'HttpOnly keeps a cookie out of document.cookie; session identifiers should always carry it.',
    link: sec('5.6.6'),
  },
  'cookie-samesite-none': {
    topic: 'cookie',
    severity: 'info',
    summary: 'Cookie "{name}" is SameSite=None: it goes along on requests from every other site (embeds, iframes, fetches).',
    rule: 'SameSite=None opts out of cross-site protection and requires Secure; third-party cookie blocking still applies.',
    link: sec('5.6.7'),
  },
  'cookie-samesite-missing': {
    topic: 'cookie',
    severity: 'info',
    summary: 'Cookie "{name}" has no SameSite attribute: Chrome treats it as Lax, Firefox and Safari as None. Say which you mean.',
    rule: 'An unspecified same-site-flag is "Default": enforced as Lax by Chrome (Lax-by-default), not by Firefox.',
    link: sec('5.6.7'),
  },
  'cookie-samesite-invalid': {
    topic: 'cookie',
    severity: 'error',
    summary: 'SameSite={value} on cookie "{name}" is not Strict, Lax or None, so it counts as if SameSite were missing.',
    rule: 'Unrecognised SameSite values leave the same-site-flag at "Default".',
    link: sec('5.6.7'),
  },
  'cookie-huge': {
    topic: 'cookie',
    severity: 'warning',
    summary: 'Cookie "{name}" is {bytes} bytes: it travels with every matching request, slowing each one down.',
    rule: 'Name and value count towards the 4096-byte limit per cookie and towards server request-header limits (often 8 KB).',
    link: sec('6.1'),
  },
  'cookie-many': {
    topic: 'cookie',
    severity: 'info',
    summary: 'This response sets {count} cookies. Browsers keep about 180 per domain and evict the oldest beyond that.',
    rule: 'RFC 6265bis recommends at least 50 cookies per domain and 3000 in total; Chrome and Firefox keep 180 per domain before evicting.',
    link: sec('6.1'),
  },
  'cookie-request-header-large': {
    topic: 'cookie',
    severity: 'warning',
    summary: 'The Cookie request header is {bytes} bytes: many servers and CDNs reject request headers beyond 8 KB.',
    rule: 'Every matching cookie is sent on every request; the header grows with each cookie the site sets.',
    link: sec('6.1'),
  },
  'cookie-expiry-capped': {
    topic: 'cookie',
    severity: 'info',
    summary: 'Cookie "{name}" asks to live more than 400 days; browsers cut it down to 400 days ({date}).',
    rule: 'Expires and Max-Age are capped at 400 days (34560000 seconds) after the cookie is set.',
    link: sec('5.6.1'),
  },
  'cookie-max-age-and-expires': {
    topic: 'cookie',
    severity: 'info',
    summary: 'Cookie "{name}" has both Max-Age and Expires: Max-Age wins; Expires only matters to very old browsers.',
    rule: 'If a Max-Age attribute is present, the expiry comes from the last Max-Age and every Expires is ignored.',
    link: sec('5.7'),
  },
  'cookie-expires-invalid': {
    topic: 'cookie',
    severity: 'error',
    summary: 'Expires="{value}" on cookie "{name}" is not a date browsers can read, so it is ignored.',
    rule: 'Expires is parsed with the cookie-date algorithm (day, month name, year, hh:mm:ss); a failed parse drops the attribute.',
    link: sec('5.1.1'),
  },
  'cookie-max-age-invalid': {
    topic: 'cookie',
    severity: 'error',
    summary: 'Max-Age="{value}" on cookie "{name}" is not a whole number of seconds, so it is ignored.',
    rule: 'Max-Age must be an optional "-" followed by digits only.',
    link: sec('5.6.2'),
  },
  'cookie-attribute-oversized': {
    topic: 'cookie',
    severity: 'error',
    summary: 'The {attribute} attribute of cookie "{name}" is longer than 1024 bytes and was ignored.',
    rule: 'Attribute values over 1024 octets are dropped; the rest of the cookie is processed.',
    link: sec('5.6'),
  },
  'cookie-attribute-unknown': {
    topic: 'cookie',
    severity: 'info',
    summary: 'Cookie "{name}" carries "{attribute}", which browsers do not know and ignore.',
    rule: 'Unrecognised cookie-av names are ignored.',
    link: sec('5.6'),
  },
  'cookie-attribute-duplicate': {
    topic: 'cookie',
    severity: 'info',
    summary: 'Cookie "{name}" repeats {attributes}: browsers use the last one of each and ignore the earlier ones.',
    rule: 'When the attribute list holds an attribute more than once, the last occurrence decides (RFC 6265bis §5.7).',
    link: sec('5.7'),
  },
  'cookie-domain-empty': {
    topic: 'cookie',
    severity: 'info',
    summary: 'Cookie "{name}" has an empty Domain=: browsers ignore it, so the cookie stays host-only (this host, not its subdomains).',
    rule: 'An empty Domain attribute-value leaves the behaviour undefined and the user agent should ignore it (RFC 6265bis §5.6.3); Chromium then stores the cookie host-only.',
    link: sec('5.6.3'),
  },
  'cookie-nameless': {
    topic: 'cookie',
    severity: 'info',
    summary: 'This cookie has no name (value "{value}"). Browsers store it, but many servers and libraries cannot read it.',
    rule: 'A name-value pair without "=" makes a cookie with an empty name; it is sent as the bare value.',
    link: sec('5.6'),
  },
  'cookie-folded-header': {
    topic: 'cookie',
    severity: 'warning',
    summary:
      'The value of "{name}" contains ", {next}=": this looks like two Set-Cookie headers folded into one line. Browsers never split on commas.',
    rule: 'Set-Cookie must not be combined with commas; each cookie needs its own header line.',
    link: sec('3'),
  },
  'cookie-signed-not-encrypted': {
    topic: 'cookie',
    severity: 'info',
    summary: 'Cookie "{name}" is {format}: signed, not encrypted. Anyone who sees it can read what is inside.',
    rule: 'A signature stops tampering, not reading; keep secrets out of signed cookies or encrypt them.',
    link: MDN_SET_COOKIE,
  },
  'cookie-prefix-host': {
    topic: 'cookie',
    severity: 'good',
    summary: 'Cookie "{name}" uses the __Host- prefix: locked to this host, Secure, for the whole site.',
    rule: '__Host- cookies must be Secure, host-only and have Path=/; browsers refuse any that are not.',
    link: sec('5.4'),
  },
  'cookie-domain-idn': {
    topic: 'cookie',
    severity: 'warning',
    summary:
      'Cookie "{name}" has a Domain written with non-ASCII letters. Chrome reads it as {domain} and stores it; RFC 6265bis says to ignore such a cookie. Write the punycode form.',
    rule: 'A Domain attribute with characters outside US-ASCII makes RFC 6265bis §5.7 ignore the cookie; Chrome converts it to its A-label (IDNA) form instead.',
    link: sec('5.7'),
  },
  'cookie-well-protected': {
    topic: 'cookie',
    severity: 'good',
    summary: 'Cookie "{name}" is Secure, HttpOnly and SameSite=Lax or Strict.',
    rule: 'The three attributes keep the cookie off plain HTTP, away from scripts and out of cross-site subrequests. SameSite=None does not count: it opts out of that protection.',
    link: MDN_SET_COOKIE,
  },
  'cookie-third-party-context': {
    topic: 'cookie',
    severity: 'info',
    summary: 'This request is third-party (its site differs from the top-level site {topLevelSite}); its cookies are third-party cookies.',
    rule: 'Browsers restrict third-party cookies: Chrome with SameSite and user settings, Firefox by partitioning per top-level site (Total Cookie Protection).',
    link: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/Third-party_cookies',
  },
  'cookie-lax-allow-unsafe': {
    topic: 'cookie',
    severity: 'info',
    summary:
      'Cookie "{name}" was sent only because it is less than 2 minutes old (Chrome\'s Lax-allowing-unsafe exception for cross-site POST navigations).',
    rule: 'Chrome sends an unspecified-SameSite cookie on a top-level cross-site unsafe request during its first 120 seconds.',
    link: sec('5.6.7.2'),
  },
  'cookie-context-assumed': {
    topic: 'cookie',
    severity: 'info',
    summary: 'The page that made this request is unknown, so the cookie verdicts assume a same-site request.',
    rule: 'SameSite and third-party decisions need the top-level site; without it the engine cannot tell.',
    link: sec('5.2'),
  },
  'cookie-samesite-context-unknown': {
    topic: 'cookie',
    severity: 'info',
    summary:
      'Cookie "{name}" was stored on the assumption that this request is same-site: the recording does not say which page made it. Were it cross-site, Chrome would refuse this {sameSite} cookie.',
    rule: 'A cookie that is not SameSite=None is ignored on a cross-site subresource response (Lax-by-default for unspecified). Deciding that needs the top-level site, which this entry lacks (no page, initiator or Referer ties it to one).',
    link: sec('5.7'),
  },
  'cookie-set-repeated': {
    topic: 'cookie',
    severity: 'info',
    summary:
      'Cookie "{name}" is set {count} times in this response (same name, domain and path): each line replaces the one before, so only the last counts. Shown once, as the last line set it.',
    rule: 'Set-Cookie lines are processed in order; a cookie with the same name, domain, host-only flag and path replaces the stored one.',
    link: sec('5.7'),
  },
  'cookie-too-many-lines': {
    topic: 'cookie',
    severity: 'warning',
    summary: 'This response has {count} Set-Cookie lines; only the first {limit} were analysed.',
    rule: 'The engine bounds its work per response.',
    link: MDN_SET_COOKIE,
  },
};

/**
 * What to change, per finding: the header (or attribute) to send instead, in one sentence. Every catalogue entry has
 * one (notes.test.ts checks); `{...}` placeholders are filled from the finding's parameters.
 */
const REJECT_FIXES: Record<CookieRejectReason, string> = {
  empty: 'Send a name=value pair, or drop the header.',
  'invalid-characters':
    'Remove control characters from the line; write a non-ASCII Domain in its punycode form; give a nameless cookie a name if its value holds "=".',
  'too-large': 'Keep name and value under 4096 bytes together: store the data server-side and send an identifier.',
  'domain-mismatch': 'Set Domain to this host or one of its parent domains, or leave Domain out for a host-only cookie.',
  'public-suffix': 'Set Domain to your registrable domain (e.g. example.co.uk, not co.uk), or leave it out.',
  'secure-from-insecure': 'Set this cookie from an https:// response, or drop Secure (only for data that may travel in clear).',
  'samesite-none-insecure': 'Add Secure (and serve the response over HTTPS) to keep SameSite=None.',
  'invalid-prefix':
    'Meet the prefix rules (Secure, from HTTPS; for __Host-: Path=/ and no Domain; for __Http-: HttpOnly), or rename the cookie.',
  expired: 'Nothing to change if this is meant to delete the cookie; otherwise send a future Expires or a positive Max-Age.',
  'samesite-context':
    'If the page is http:// and this request https:// on the same domain (or the reverse), serve the whole site over HTTPS. Otherwise, if this cookie must be set in cross-site requests (embeds, third-party fetches), send SameSite=None; Secure; else set it from a same-site response or a top-level navigation.',
  'partitioned-insecure': 'Add Secure to the Partitioned cookie and serve it over HTTPS.',
  'overwrite-secure': 'Set the cookie from HTTPS (with Secure), or give the insecure one another name.',
  'third-party-blocked':
    'Add Partitioned (with Secure) if the cookie only needs to work inside this embedding site; otherwise expect it to be blocked.',
};

const NOT_SENT_FIXES: Record<CookieNotSentReason, string> = {
  'domain-mismatch': 'Nothing, if the cookie is meant for another host; otherwise set it with Domain=<parent domain>.',
  'path-mismatch': 'Nothing, if intended; otherwise set the cookie with Path=/ (or a path that covers this URL).',
  expired: 'Nothing, if intended; otherwise give the cookie a longer Max-Age when it is set.',
  'secure-only': 'Request this URL over HTTPS.',
  'partition-mismatch':
    'Nothing, if intended: a partitioned cookie belongs to one top-level site; drop Partitioned only if the cookie must be shared across sites.',
  'samesite-strict': 'Nothing, if intended; use SameSite=Lax if the cookie must follow links from other sites.',
  'samesite-lax': 'Nothing, if intended; use SameSite=None; Secure if the cookie must go on cross-site subrequests or POSTs.',
  'samesite-unspecified-lax':
    'Say what you mean: SameSite=None; Secure if this cookie must go on cross-site requests, SameSite=Lax if not.',
  'third-party-blocked': 'Add Partitioned (with Secure) if the cookie only needs to work inside this embedding site.',
};

const OTHER_FIXES: Record<string, string> = {
  'cookie-not-secure-on-https': 'Add Secure to the Set-Cookie line (and Strict-Transport-Security to the site).',
  'cookie-not-secure-hsts': 'Add Secure anyway: it also protects the first visit and hosts the HSTS policy does not cover.',
  'cookie-session-without-httponly': 'Add HttpOnly, unless page scripts really must read this cookie.',
  'cookie-samesite-none': 'Nothing, if cross-site use is intended; otherwise use SameSite=Lax.',
  'cookie-samesite-missing': 'Add SameSite=Lax (or SameSite=None; Secure if the cookie must work cross-site).',
  'cookie-samesite-invalid': 'Write SameSite=Strict, SameSite=Lax or SameSite=None.',
  'cookie-huge': 'Store the data server-side and keep only an identifier in the cookie, or narrow its Path/Domain.',
  'cookie-many': 'Combine related cookies or drop unused ones; each one travels with every matching request.',
  'cookie-request-header-large': 'Delete cookies the site no longer reads (Max-Age=0) and narrow the Path/Domain of the rest.',
  'cookie-expiry-capped': 'Nothing is required; send Max-Age=34560000 (400 days) or less to say what browsers will do.',
  'cookie-max-age-and-expires': 'Nothing is required; Max-Age alone is enough for current browsers.',
  'cookie-expires-invalid': 'Write Expires as an HTTP date (e.g. Expires=Wed, 21 Oct 2026 07:28:00 GMT), or use Max-Age.',
  'cookie-max-age-invalid': 'Write Max-Age as whole seconds, digits only (e.g. Max-Age=3600).',
  'cookie-attribute-oversized': 'Shorten the attribute value below 1024 bytes.',
  'cookie-attribute-unknown': 'Remove the attribute (or fix its spelling); browsers ignore it.',
  'cookie-attribute-duplicate': 'Send each attribute once, with the value you mean ({attributes}).',
  'cookie-domain-empty':
    'Leave Domain out for a host-only cookie, or write the domain (e.g. Domain=example.com) to share it with subdomains.',
  'cookie-nameless': 'Give the cookie a name: name=value.',
  'cookie-folded-header': 'Send each cookie in its own Set-Cookie header line; never join them with commas.',
  'cookie-signed-not-encrypted': 'Keep secrets out of the cookie, or encrypt it (not just sign it).',
  'cookie-prefix-host': 'Nothing: keep it.',
  'cookie-domain-idn': 'Write the Domain attribute in punycode ({domain}).',
  'cookie-well-protected': 'Nothing: keep it.',
  'cookie-third-party-context':
    'Nothing, if intended; a cookie that must work here needs SameSite=None; Secure, and Partitioned if it is per embedding site.',
  'cookie-lax-allow-unsafe': 'Add SameSite=None; Secure if the cookie must go on cross-site POSTs after its first 2 minutes.',
  'cookie-context-assumed': 'Record the page too (a HAR with pages, or with _initiator or Referer) so the same-site context can be judged.',
  'cookie-samesite-context-unknown':
    'Nothing in the header, if the request is same-site; if it can be cross-site, send SameSite=None; Secure. Recording the page lets this be judged.',
  'cookie-set-repeated': 'Send one Set-Cookie line per cookie: the one with the value you mean to keep.',
  'cookie-too-many-lines': 'Send far fewer Set-Cookie lines: browsers keep about 180 cookies per domain.',
};

export const COOKIE_FIXES: Readonly<Record<string, string>> = (() => {
  const out: Record<string, string> = { ...OTHER_FIXES };
  for (const [reason, fix] of Object.entries(REJECT_FIXES)) out[`cookie-rejected-${reason}`] = fix;
  for (const [reason, fix] of Object.entries(NOT_SENT_FIXES)) out[`cookie-not-sent-${reason}`] = fix;
  return out;
})();

/** applyNote for the cookie catalogue, with the finding's fix. */
export function cookieNote(id: string, params?: Record<string, string | number>): Finding {
  const f = applyNote(COOKIE_NOTES, id, params);
  const fix = Object.hasOwn(COOKIE_FIXES, id) ? COOKIE_FIXES[id] : undefined;
  if (fix) f.fix = fill(fix, params);
  return f;
}

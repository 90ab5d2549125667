/**
 * Cookie findings catalogue (httplint style): analysis code names a note and its parameters, the texts live here.
 * Reject / not-sent notes are derived from the reason tables in rules.ts so the sentences exist once.
 */
import type { NoteCatalog, NoteDef } from '../notes';
import type { CookieNotSentReason, CookieRejectReason } from '../explanation';
import { MDN_SET_COOKIE, NOT_SENT_REASONS, REJECT_REASONS, sec } from './rules';

const rejectNotes: NoteCatalog = {};
for (const [reason, t] of Object.entries(REJECT_REASONS) as Array<[CookieRejectReason, (typeof REJECT_REASONS)[CookieRejectReason]]>) {
  const def: NoteDef = {
    topic: 'cookie',
    severity: reason === 'expired' ? 'info' : 'error',
    summary: reason === 'expired' ? 'Cookie "{name}" arrives already expired: it is a deletion, not stored. ' + t.plain : `Cookie "{name}" was rejected: ${t.plain}`,
    rule: t.firefox ? `${t.rule} Firefox: ${t.firefox}` : t.rule,
    link: t.link,
  };
  rejectNotes[`cookie-rejected-${reason}`] = def;
}

const notSentNotes: NoteCatalog = {};
for (const [reason, t] of Object.entries(NOT_SENT_REASONS) as Array<[CookieNotSentReason, (typeof NOT_SENT_REASONS)[CookieNotSentReason]]>) {
  notSentNotes[`cookie-not-sent-${reason}`] = {
    topic: 'cookie',
    severity: reason === 'domain-mismatch' || reason === 'path-mismatch' || reason === 'expired' ? 'info' : 'warning',
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
  'cookie-session-without-httponly': {
    topic: 'cookie',
    severity: 'warning',
    summary: 'Cookie "{name}" looks like a login/session cookie but has no HttpOnly: any script on the page (including injected ones) can read it.',
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
    severity: 'warning',
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
    severity: 'warning',
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
    severity: 'warning',
    summary: 'Expires="{value}" on cookie "{name}" is not a date browsers can read, so it is ignored.',
    rule: 'Expires is parsed with the cookie-date algorithm (day, month name, year, hh:mm:ss); a failed parse drops the attribute.',
    link: sec('5.1.1'),
  },
  'cookie-max-age-invalid': {
    topic: 'cookie',
    severity: 'warning',
    summary: 'Max-Age="{value}" on cookie "{name}" is not a whole number of seconds, so it is ignored.',
    rule: 'Max-Age must be an optional "-" followed by digits only.',
    link: sec('5.6.2'),
  },
  'cookie-attribute-oversized': {
    topic: 'cookie',
    severity: 'warning',
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
  'cookie-nameless': {
    topic: 'cookie',
    severity: 'warning',
    summary: 'This cookie has no name (value "{value}"). Browsers store it, but many servers and libraries cannot read it.',
    rule: 'A name-value pair without "=" makes a cookie with an empty name; it is sent as the bare value.',
    link: sec('5.6'),
  },
  'cookie-folded-header': {
    topic: 'cookie',
    severity: 'warning',
    summary: 'The value of "{name}" contains ", {next}=": this looks like two Set-Cookie headers folded into one line. Browsers never split on commas.',
    rule: 'Set-Cookie must not be combined with commas; each cookie needs its own header line.',
    link: sec('3'),
  },
  'cookie-signed-not-encrypted': {
    topic: 'cookie',
    severity: 'warning',
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
    summary: 'Cookie "{name}" has a Domain written with non-ASCII letters. Chrome reads it as {domain} and stores it; RFC 6265bis says to ignore such a cookie. Write the punycode form.',
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
    summary: 'Cookie "{name}" was sent only because it is less than 2 minutes old (Chrome\'s Lax-allowing-unsafe exception for cross-site POST navigations).',
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
  'cookie-too-many-lines': {
    topic: 'cookie',
    severity: 'warning',
    summary: 'This response has {count} Set-Cookie lines; only the first {limit} were analysed.',
    rule: 'The engine bounds its work per response.',
    link: MDN_SET_COOKIE,
  },
};

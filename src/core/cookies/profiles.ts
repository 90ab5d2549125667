/**
 * Cookie behaviour per browser profile, as data (the cache area's src/core/cache/profiles.ts is the model): each rule
 * is a value with the source it comes from. The storage and send models read these instead of testing the browser
 * name, so a difference between browsers lives in one place.
 */
import type { BrowserProfile } from '../types';
import type { CookieRejectReason } from '../explanation';

export interface CookieRule<T> {
  value: T;
  source: string;
}

export interface CookieProfile {
  id: BrowserProfile;
  name: string;
  /** A cookie without a valid SameSite attribute is enforced as Lax (else as None). */
  laxByDefault: CookieRule<boolean>;
  /**
   * Seconds during which a Lax-by-default cookie still goes on a top-level cross-site unsafe (POST) navigation
   * (Chrome's "Lax-allowing-unsafe"); null when the browser has no such exception.
   */
  laxAllowUnsafeSeconds: CookieRule<number | null>;
  /**
   * Cookies in a third-party context: 'shared' (one jar for all top-level sites, unless the user blocks them) or
   * 'partitioned' (a separate jar per top-level site, Firefox's Total Cookie Protection).
   */
  thirdPartyJar: CookieRule<'shared' | 'partitioned'>;
  /**
   * The order of the storage checks: decide() runs them in this order and the first failing one is the reason the
   * reference format reports. Parse-level reasons come first because without a cookie there is nothing to check.
   */
  rejectOrder: CookieRule<readonly CookieRejectReason[]>;
}

const SPEC = 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis';

/** RFC 6265bis §5.6 (parsing: characters, emptiness, size) then §5.7 (storage) steps, then the browsers' additions. */
const REJECT_ORDER: readonly CookieRejectReason[] = [
  'invalid-characters',
  'empty',
  'too-large',
  'public-suffix',
  'domain-mismatch',
  'secure-from-insecure',
  'overwrite-secure',
  'samesite-context',
  'samesite-none-insecure',
  'invalid-prefix',
  'partitioned-insecure',
  'third-party-blocked',
  'expired',
];
const ORDER_SOURCE = `${SPEC}#section-5.7 (storage model steps, in order); CHIPS and the cookie policy checks follow`;

const CHROME: CookieProfile = {
  id: 'chrome',
  name: 'Chrome',
  laxByDefault: { value: true, source: 'https://chromestatus.com/feature/5088147346030592 (Chrome 80, 2020)' },
  laxAllowUnsafeSeconds: {
    value: 120,
    source: 'https://chromestatus.com/feature/5088147346030592 ("Lax + POST" mitigation, 2 minutes); RFC 6265bis §5.6.7.2',
  },
  thirdPartyJar: {
    value: 'shared',
    source:
      'https://privacysandbox.com/news/privacy-sandbox-next-steps/ (third-party cookies stay on by default; a user or policy may block them)',
  },
  rejectOrder: { value: REJECT_ORDER, source: ORDER_SOURCE },
};

const FIREFOX: CookieProfile = {
  id: 'firefox',
  name: 'Firefox',
  laxByDefault: {
    value: false,
    source: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1617609 (network.cookie.sameSite.laxByDefault stays false in release)',
  },
  laxAllowUnsafeSeconds: { value: null, source: 'No Lax-by-default, so no exception to it' },
  thirdPartyJar: {
    value: 'partitioned',
    source:
      'https://blog.mozilla.org/en/mozilla/firefox-rolls-out-total-cookie-protection-by-default-to-all-users-worldwide/ (Total Cookie Protection, default since Firefox 103)',
  },
  rejectOrder: { value: REJECT_ORDER, source: ORDER_SOURCE },
};

const RFC: CookieProfile = {
  id: 'rfc',
  name: 'RFC 6265bis',
  laxByDefault: {
    value: true,
    source: `${SPEC}#section-5.6.7.1 (a user agent may enforce "Lax" for cookies without SameSite; the model follows Chrome)`,
  },
  laxAllowUnsafeSeconds: { value: 120, source: `${SPEC}#section-5.6.7.2 (Lax-allowing-unsafe, optional; 2 minutes as in Chrome)` },
  thirdPartyJar: { value: 'shared', source: `${SPEC}#section-5.3 (third-party cookie policy left to the user agent)` },
  rejectOrder: { value: REJECT_ORDER, source: ORDER_SOURCE },
};

export const COOKIE_PROFILES: Readonly<Record<BrowserProfile, CookieProfile>> = { rfc: RFC, chrome: CHROME, firefox: FIREFOX };

/** The profile for a browser id; anything unknown (or absent) is the Chrome-like model, as before profiles existed. */
export function cookieProfileFor(id: string | undefined): CookieProfile {
  return typeof id === 'string' && Object.hasOwn(COOKIE_PROFILES, id) ? COOKIE_PROFILES[id as BrowserProfile] : CHROME;
}

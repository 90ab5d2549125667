/**
 * Cookie name prefixes as data: each prefix lists the conditions a cookie carrying it must meet, each condition has
 * one sentence saying what failed. Matched case-insensitively, as Chrome and Firefox now do.
 *
 * Sources: RFC 6265bis §4.1.3 / §5.7 (__Secure-, __Host-); Chromium's prefix table (the CookiePrefix enum in
 * net/cookies/cookie_constants.h, checked when a cookie is created: __Http- and __Host-Http- add HttpOnly) and the
 * WPT tests under cookies/prefix/. A prefix also demands a secure origin: Chromium checks the scheme of the URL that
 * sets the cookie, not only the Secure attribute.
 */
import type { JarCookie } from '../types';

export type PrefixCondition = 'secure-attribute' | 'secure-origin' | 'http-only' | 'no-domain' | 'path-root';

/** One sentence per condition: what the prefix asks for (used as "why" when the condition fails). */
export const PREFIX_CONDITIONS: Record<PrefixCondition, string> = {
  'secure-attribute': 'requires the Secure attribute',
  'secure-origin': 'must be set from a secure origin (https, or localhost)',
  'http-only': 'requires the HttpOnly attribute',
  'no-domain': 'forbids a Domain attribute (the cookie must be host-only)',
  'path-root': 'requires an explicit Path=/',
};

export type CookiePrefix = '__Host-Http-' | '__Host-' | '__Http-' | '__Secure-';

export interface PrefixRule {
  prefix: CookiePrefix;
  requires: PrefixCondition[];
  /** Where the rule comes from. */
  ref: string;
}

/** Longest prefix first: "__Host-Http-x" is a __Host-Http- cookie, which is also a __Host- one. */
export const PREFIX_RULES: PrefixRule[] = [
  {
    prefix: '__Host-Http-',
    requires: ['secure-attribute', 'secure-origin', 'no-domain', 'path-root', 'http-only'],
    ref: 'Chromium CookiePrefix (__Host-Http-)',
  },
  { prefix: '__Host-', requires: ['secure-attribute', 'secure-origin', 'no-domain', 'path-root'], ref: 'RFC 6265bis §5.7 step 20' },
  { prefix: '__Http-', requires: ['secure-attribute', 'secure-origin', 'http-only'], ref: 'Chromium CookiePrefix (__Http-)' },
  { prefix: '__Secure-', requires: ['secure-attribute', 'secure-origin'], ref: 'RFC 6265bis §5.7 step 19' },
];

export function hasPrefix(s: string, prefix: string): boolean {
  return s.length >= prefix.length && s.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase();
}

/** The most specific prefix of a name, or null. */
export function namePrefixOf(name: string): CookiePrefix | null {
  if (typeof name !== 'string' || name.length < 7 || name.charCodeAt(0) !== 0x5f || name.charCodeAt(1) !== 0x5f) return null;
  for (const r of PREFIX_RULES) if (hasPrefix(name, r.prefix)) return r.prefix;
  return null;
}

/** The prefix as the SetCookieResult contract names it ('__Host-' | '__Secure-'); __Http- has no slot there. */
export function prefixOf(name: string): '__Host-' | '__Secure-' | null {
  const p = namePrefixOf(name);
  if (p === '__Host-' || p === '__Host-Http-') return '__Host-';
  if (p === '__Secure-') return '__Secure-';
  return null;
}

export interface PrefixFacts {
  cookie: Pick<JarCookie, 'name' | 'value' | 'secure' | 'httpOnly' | 'hostOnly' | 'path'>;
  /** A Path attribute was given (the layered-cookies draft and WPT want Path=/ written out for __Host-). */
  pathAttribute: boolean;
  /** The response came from a secure context. */
  secureOrigin: boolean;
}

function holds(c: PrefixCondition, f: PrefixFacts): boolean {
  switch (c) {
    case 'secure-attribute':
      return f.cookie.secure;
    case 'secure-origin':
      return f.secureOrigin;
    case 'http-only':
      return f.cookie.httpOnly;
    case 'no-domain':
      return f.cookie.hostOnly;
    case 'path-root':
      return f.pathAttribute && f.cookie.path === '/';
  }
}

/**
 * Every prefix condition the cookie fails, each as "<prefix> <sentence>". A nameless cookie whose value starts with
 * a prefix is refused too (it would reach the server looking like a prefixed cookie).
 */
export function prefixProblems(f: PrefixFacts): string[] {
  const c = f.cookie;
  if (c.name === '') {
    const p = namePrefixOf(c.value);
    return p ? [`a nameless cookie may not have a value starting with ${p}`] : [];
  }
  const p = namePrefixOf(c.name);
  if (!p) return [];
  const rule = PREFIX_RULES.find((r) => r.prefix === p)!;
  return rule.requires.filter((cond) => !holds(cond, f)).map((cond) => `${p} ${PREFIX_CONDITIONS[cond]}`);
}

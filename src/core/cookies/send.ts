/**
 * The send model (RFC 6265bis §5.8.3) with Chrome-like defaults: which jar cookies go on a request, in which order,
 * and why the others do not.
 */
import { isList, textOr, valueText } from '../loose';
import type { BrowserProfile, CookiePolicy, JarCookie } from '../types';
import type { CookieNotSentReason, CookieSendResult } from '../explanation';
import { cookieProfileFor } from './profiles';
import { NOT_SENT_REASONS } from './rules';
import { domainMatch, parseRequestUrl, pathMatch, siteContext, siteOf, type RequestContext, type SiteContext } from './site';

export interface SendInput extends RequestContext {
  jar: JarCookie[];
  requestUrl: string;
  method?: string;
  /** Epoch s. */
  now: number;
  cookiePolicy?: CookiePolicy;
  /** 'firefox' turns off Lax-by-default. Optional. */
  browser?: BrowserProfile;
}

/** Extra detail the explanation layer uses; CookieSendResult stays the contract. */
export interface SendDetail extends CookieSendResult {
  context: SiteContext | null;
  /** Names sent only thanks to Chrome's 2-minute Lax-allowing-unsafe window. */
  laxAllowUnsafe: string[];
}

/** Jar snapshots from the cookies API say "no_restriction" for None; anything unknown is unspecified. */
export function normalizeSameSite(v: unknown): JarCookie['sameSite'] {
  const s = typeof v === 'string' ? v.toLowerCase() : '';
  if (s === 'strict' || s === 'lax' || s === 'none') return s;
  if (s === 'no_restriction') return 'none';
  return 'unspecified';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

function why(reason: CookieNotSentReason, browser: BrowserProfile | undefined): string {
  const t = NOT_SENT_REASONS[reason];
  return t.firefox && browser !== 'firefox' ? `${t.plain} Firefox: ${t.firefox}` : t.plain;
}

export function cookiesForRequest(input: SendInput): SendDetail {
  const jar = isList(input.jar) ? input.jar : [];
  const req = parseRequestUrl(input.requestUrl);
  const out: SendDetail = { sent: [], notSent: [], cookieHeader: null, context: null, laxAllowUnsafe: [] };
  if (!req) {
    jar.forEach((cookie, jarIndex) =>
      out.notSent.push({ jarIndex, cookie, reason: 'domain-mismatch', why: 'The request URL could not be parsed.' }),
    );
    return out;
  }
  const topLevel = input.navigation !== 'subresource';
  const ctx = siteContext(req, input);
  out.context = ctx;
  const method = (input.method ?? 'GET').toUpperCase();
  const safe = SAFE_METHODS.has(method);
  const profile = cookieProfileFor(input.browser);
  const laxByDefault = profile.laxByDefault.value;
  const laxAllowUnsafe = profile.laxAllowUnsafeSeconds.value;
  // Without a known top-level page the request's own site stands in, as the storage model does.
  const partitionKey = ctx.topLevelSite ?? siteOf(req);
  const blockThirdParty = input.cookiePolicy?.blockThirdPartyCookies === true && ctx.thirdParty;

  // A snapshot read from storage or written by hand may hold holes, and cookies without a domain, path or expiry.
  jar.forEach((cookie: JarCookie | null | undefined, jarIndex) => {
    let reason: CookieNotSentReason | null = null;
    if (!cookie || typeof cookie !== 'object') return;
    const domain = valueText(cookie.domain).toLowerCase();
    if (cookie.hostOnly ? req.host !== domain : !domainMatch(req.host, domain, req.isIp)) reason = 'domain-mismatch';
    else if (!pathMatch(req.path, textOr(cookie.path, '/'))) reason = 'path-mismatch';
    else if (cookie.expires != null && cookie.expires <= input.now)
      reason = 'expired'; // null or, in a snapshot, missing
    else if (cookie.secure && !req.secure) reason = 'secure-only';
    else if (cookie.partitioned && (cookie.partitionKey ?? null) !== partitionKey) reason = 'partition-mismatch';
    // Total Cookie Protection (Firefox): a cookie kept in a top-level site's jar is only seen under that site.
    else if (
      profile.thirdPartyJar.value === 'partitioned' &&
      typeof cookie.partitionKey === 'string' &&
      cookie.partitionKey !== partitionKey
    )
      reason = 'partition-mismatch';
    else if (ctx.crossSite) {
      const sameSite = normalizeSameSite(cookie.sameSite);
      const laxLike = sameSite === 'lax' || (sameSite === 'unspecified' && laxByDefault);
      if (sameSite === 'strict') reason = 'samesite-strict';
      else if (laxLike && !(topLevel && safe)) {
        const unspecified = sameSite === 'unspecified';
        const age = cookie.creationTime === undefined ? Infinity : input.now - cookie.creationTime;
        // Chromium's Lax-allowing-unsafe: unspecified-SameSite cookies younger than 2 minutes still go on top-level
        // cross-site unsafe navigations (https://chromestatus.com/feature/5088147346030592).
        if (unspecified && topLevel && laxAllowUnsafe !== null && age <= laxAllowUnsafe) out.laxAllowUnsafe.push(cookie.name);
        else reason = unspecified ? 'samesite-unspecified-lax' : 'samesite-lax';
      }
    }
    if (reason === null && blockThirdParty && !cookie.partitioned) reason = 'third-party-blocked';
    if (reason) out.notSent.push({ jarIndex, cookie, reason, why: why(reason, input.browser) });
    else out.sent.push({ jarIndex, cookie });
  });

  // §5.8.3 step 4: longer paths first, then earlier creation-time; Array.prototype.sort is stable for the rest.
  out.sent.sort((a, b) => {
    const byPath = valueText(b.cookie.path).length - valueText(a.cookie.path).length;
    if (byPath !== 0) return byPath;
    return (a.cookie.creationTime ?? 0) - (b.cookie.creationTime ?? 0);
  });
  if (out.sent.length)
    out.cookieHeader = out.sent.map(({ cookie }) => (cookie.name === '' ? cookie.value : `${cookie.name}=${cookie.value}`)).join('; ');
  return out;
}

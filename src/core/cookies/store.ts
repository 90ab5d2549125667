/**
 * The storage model (RFC 6265bis §5.7) with Chrome-like defaults: each Set-Cookie line is stored or rejected with the
 * first failing reason, in the order of REJECT_ORDER. Pure: returns a new jar, never mutates the one given.
 */
import type { BrowserProfile, CookiePolicy, JarCookie } from '../types';
import type { CookieRejectReason, SetCookieResult } from '../explanation';
import { effectiveExpiry, parseSetCookie, type ParsedSetCookie } from './parse';
import {
  defaultPath,
  domainMatch,
  isPublicSuffix,
  parseRequestUrl,
  pathMatch,
  siteContext,
  siteOf,
  type RequestContext,
  type RequestParts,
  type SiteContext,
} from './site';
import { describeSetCookie } from './describe';
import { hasPrefix, prefixOf } from './prefix';

export interface StoreInput extends RequestContext {
  requestUrl: string;
  setCookie: string[];
  /** Epoch s. */
  now: number;
  cookiePolicy?: CookiePolicy;
  jar?: JarCookie[];
  /** 'firefox' turns off Lax-by-default; anything else is the Chrome-like model. Optional. */
  browser?: BrowserProfile;
}

export interface StoreResult {
  results: SetCookieResult[];
  /** The jar after every header was processed. */
  jar: JarCookie[];
  /** Cookies of the input jar deleted without replacement. */
  removed: JarCookie[];
  context: SiteContext;
}

/** Set-Cookie lines looked at per response; more are reported, not processed. */
export const MAX_SET_COOKIE_LINES = 10_000;

const NON_ASCII = /[^\x00-\x7f]/;

export function sameIdentity(a: JarCookie, b: JarCookie): boolean {
  return (
    a.name === b.name &&
    a.domain === b.domain &&
    a.hostOnly === b.hostOnly &&
    a.path === b.path &&
    (a.partitionKey ?? null) === (b.partitionKey ?? null)
  );
}

interface Decision {
  cookie?: JarCookie;
  reason?: CookieRejectReason;
  /** Extra words for the reason (which rule of a prefix, which existing cookie). */
  detail?: string;
}


function prefixProblem(p: ParsedSetCookie, c: JarCookie): string | null {
  if (c.name === '') {
    if (hasPrefix(c.value, '__secure-') || hasPrefix(c.value, '__host-')) return 'a nameless cookie may not have a value starting with __Secure- or __Host-';
    return null;
  }
  const prefix = prefixOf(c.name);
  if (prefix === '__Secure-' && !c.secure) return '__Secure- requires the Secure attribute';
  if (prefix === '__Host-') {
    if (!c.secure) return '__Host- requires the Secure attribute';
    if (!c.hostOnly) return '__Host- forbids a Domain attribute';
    if (p.path === undefined || c.path !== '/') return '__Host- requires an explicit Path=/';
  }
  return null;
}

function decide(
  p: ParsedSetCookie,
  req: RequestParts | null,
  ctx: SiteContext,
  input: StoreInput,
  /** Jar cookies with the same name as the new one. */
  sameName: JarCookie[],
  laxByDefault: boolean,
): Decision {
  if (p.error) return { reason: p.error };
  if (!req) return { reason: 'domain-mismatch', detail: 'the request URL could not be parsed' };
  const now = input.now;
  if (p.domain !== undefined && NON_ASCII.test(p.domain)) return { reason: 'invalid-characters', detail: 'non-ASCII Domain' };

  let domainAttr = p.domain ?? '';
  if (domainAttr !== '' && isPublicSuffix(domainAttr)) {
    if (domainAttr === req.host) domainAttr = '';
    else return { reason: 'public-suffix' };
  }
  const expiry = effectiveExpiry(p);
  const cookie: JarCookie = {
    name: p.name,
    value: p.value,
    domain: domainAttr === '' ? req.host : domainAttr,
    hostOnly: domainAttr === '',
    path: p.path !== undefined && p.path.charCodeAt(0) === 0x2f ? p.path : defaultPath(req.path),
    secure: p.secure,
    httpOnly: p.httpOnly,
    sameSite: p.sameSite,
    partitioned: p.partitioned,
    persistent: expiry !== null,
    expires: expiry,
    creationTime: now,
  };
  if (p.partitioned) cookie.partitionKey = ctx.topLevelSite ?? siteOf(req);

  if (domainAttr !== '' && !domainMatch(req.host, domainAttr, req.isIp)) return { cookie, reason: 'domain-mismatch' };
  if (cookie.secure && !req.secure) return { cookie, reason: 'secure-from-insecure' };
  if (!cookie.secure && !req.secure) {
    const shadowed = sameName.find(
      (old) =>
        old.secure &&
        (old.expires === null || old.expires > now) &&
        (domainMatch(old.domain, cookie.domain, false) || domainMatch(cookie.domain, old.domain, false)) &&
        pathMatch(cookie.path, old.path),
    );
    if (shadowed) return { cookie, reason: 'overwrite-secure', detail: `${shadowed.domain}${shadowed.path}` };
  }
  const enforcedSameSite = cookie.sameSite === 'unspecified' && !laxByDefault ? 'none' : cookie.sameSite;
  if (enforcedSameSite !== 'none' && input.navigation === 'subresource' && ctx.crossSite) return { cookie, reason: 'samesite-context' };
  if (cookie.sameSite === 'none' && !cookie.secure) return { cookie, reason: 'samesite-none-insecure' };
  const prefixWhy = prefixProblem(p, cookie);
  if (prefixWhy) return { cookie, reason: 'invalid-prefix', detail: prefixWhy };
  if (cookie.partitioned && !cookie.secure) return { cookie, reason: 'partitioned-insecure' };
  if (input.cookiePolicy?.blockThirdPartyCookies && ctx.thirdParty && !cookie.partitioned) return { cookie, reason: 'third-party-blocked' };
  if (expiry !== null && expiry <= now) return { cookie, reason: 'expired' };
  return { cookie };
}

export function storeSetCookies(input: StoreInput): StoreResult {
  const req = parseRequestUrl(input.requestUrl);
  const ctx: SiteContext = req
    ? siteContext(req, input)
    : { crossSite: false, thirdParty: false, topLevelSite: null, assumed: true };
  const laxByDefault = input.browser !== 'firefox';
  const original = Array.isArray(input.jar) ? input.jar : [];
  const lines = Array.isArray(input.setCookie) ? input.setCookie : [];
  // Most responses set no cookie: skip building the indexes.
  if (lines.length === 0) return { results: [], jar: original.slice(), removed: [], context: ctx };
  const originals = new Set(original);
  let jar = original.slice();
  // Same-name index so identity and Secure-shadowing checks stay linear over 10,000-line responses.
  const byName = new Map<string, JarCookie[]>();
  const indexAdd = (c: JarCookie): void => {
    const list = byName.get(c.name);
    if (list) list.push(c);
    else byName.set(c.name, [c]);
  };
  const indexRemove = (c: JarCookie): void => {
    const list = byName.get(c.name);
    if (list) list.splice(list.indexOf(c), 1);
  };
  for (const c of jar) if (c && typeof c === 'object') indexAdd(c);
  const removed: JarCookie[] = [];
  const results: SetCookieResult[] = [];
  const count = Math.min(lines.length, MAX_SET_COOKIE_LINES);

  for (let index = 0; index < count; index++) {
    const raw = typeof lines[index] === 'string' ? lines[index] : String(lines[index] ?? '');
    const p = parseSetCookie(raw, input.now);
    const d = decide(p, req, ctx, input, byName.get(p.name) ?? [], laxByDefault);
    let deletes = false;
    if (d.cookie && (d.reason === undefined || d.reason === 'expired')) {
      const c = d.cookie;
      const old = (byName.get(c.name) ?? []).find((o) => sameIdentity(o, c));
      if (d.reason === 'expired') {
        if (old) {
          deletes = true;
          jar = jar.filter((x) => x !== old);
          indexRemove(old);
          if (originals.has(old)) removed.push(old);
        }
      } else if (old) {
        // §5.7: the replacement keeps the old creation-time.
        c.creationTime = old.creationTime ?? c.creationTime;
        jar[jar.indexOf(old)] = c;
        indexRemove(old);
        indexAdd(c);
      } else {
        jar.push(c);
        indexAdd(c);
      }
    }
    results.push(
      describeSetCookie({
        index,
        raw,
        parsed: p,
        cookie: d.cookie,
        reason: d.reason,
        detail: d.detail,
        deletes,
        now: input.now,
        requestHost: req?.host ?? '',
        requestSecure: req?.secure ?? false,
        browser: input.browser,
      }),
    );
  }
  return { results, jar, removed, context: ctx };
}

/**
 * The storage model (RFC 6265bis §5.7) with Chrome-like defaults: each Set-Cookie line is stored or rejected. A
 * rejection lists every failing reason in the order of the profile's rejectOrder (profiles.ts), which is the order
 * decide() runs its checks in; the first is the one the reference format (and rejectReason) reports. Pure: returns a new jar, never mutates the one given.
 */
import type { BrowserProfile, CookiePolicy, JarCookie } from '../types';
import type { CookieRejectReason, SetCookieResult } from '../explanation';
import { effectiveExpiry, parseSetCookie, type ParsedSetCookie } from './parse';
import {
  defaultPath,
  domainMatch,
  idnToAscii,
  isPublicSuffix,
  parseRequestUrl,
  pathMatch,
  siteContext,
  siteOf,
  type RequestContext,
  type RequestParts,
  type SiteContext,
} from './site';
import { valueText } from '../loose';
import { describeSetCookie } from './describe';
import { prefixProblems } from './prefix';
import { cookieProfileFor, type CookieProfile } from './profiles';

export interface StoreInput extends RequestContext {
  requestUrl: string;
  setCookie: string[];
  /** Epoch s. */
  now: number;
  cookiePolicy?: CookiePolicy;
  jar?: JarCookie[];
  /** 'firefox' turns off Lax-by-default; anything else is the Chrome-like model. Optional. */
  browser?: BrowserProfile;
  /** The response carries a Strict-Transport-Security policy for the request host (RFC 6797). Optional. */
  hsts?: { includeSubDomains: boolean };
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
  /** Every failing check, in the profile's rejectOrder (RFC 6265bis order); empty when the cookie is stored. */
  reasons: RejectDetail[];
  /** Stored only because the request was taken as same-site: its page is unknown (a cross-site one would reject it). */
  contextUnknown?: boolean;
}

/** What every storage check looks at. */
interface CheckFacts {
  p: ParsedSetCookie;
  req: RequestParts;
  ctx: SiteContext;
  input: StoreInput;
  cookie: JarCookie;
  /** The Domain attribute after IDNA and brackets; '' for host-only. */
  domainAttr: string;
  /** The Domain attribute is a public suffix other than the host. */
  publicSuffix: boolean;
  expiry: number | null;
  sameName: JarCookie[];
  profile: CookieProfile;
}

/** A failing check gives its details (one entry per failed condition, undefined for none), a passing one nothing. */
type Check = (f: CheckFacts) => Array<string | undefined> | null;

const FAIL: Array<string | undefined> = [undefined];

/**
 * Names the case where the page and the request share a registrable domain and differ only in scheme (an http://
 * page loading from https:// or back): Schemeful Same-Site (Chrome 89, RFC 6265bis §5.2) makes that cross-site, and
 * the cure is HTTPS everywhere rather than SameSite=None (https://chromestatus.com/feature/5096179480133632).
 */
function crossSchemeDetail(topLevelSite: string | null, requestSite: string): string | undefined {
  if (!topLevelSite) return undefined;
  const [topScheme, topDomain] = topLevelSite.split('://');
  const [reqScheme, reqDomain] = requestSite.split('://');
  if (topDomain !== reqDomain || topScheme === reqScheme) return undefined;
  return `the page is ${topScheme}:// and this request ${reqScheme}:// on the same domain, which is cross-site since Schemeful Same-Site; serving the whole site over HTTPS makes it same-site`;
}

/** SameSite as enforced: unspecified is Lax under Lax-by-default, else None. */
function enforcedSameSite(f: CheckFacts): JarCookie['sameSite'] {
  return f.cookie.sameSite === 'unspecified' && !f.profile.laxByDefault.value ? 'none' : f.cookie.sameSite;
}

/**
 * The storage checks by reason (RFC 6265bis §5.7 and the browsers' additions). decide() runs them in the profile's
 * rejectOrder; the parse-level reasons (invalid-characters, empty, too-large) come from the parser before any check.
 */
const CHECKS: Partial<Record<CookieRejectReason, Check>> = {
  'public-suffix': (f) => (f.publicSuffix ? FAIL : null),
  'domain-mismatch': (f) => (f.domainAttr !== '' && !domainMatch(f.req.host, f.domainAttr, f.req.isIp) ? FAIL : null),
  'secure-from-insecure': (f) => (f.cookie.secure && !f.req.secure ? FAIL : null),
  'overwrite-secure': (f) => {
    const { cookie, req, input } = f;
    if (cookie.secure || req.secure) return null;
    const shadowed = f.sameName.find(
      (old) =>
        old.secure &&
        (old.expires === null || old.expires > input.now) &&
        (domainMatch(old.domain, cookie.domain, false) || domainMatch(cookie.domain, old.domain, false)) &&
        pathMatch(cookie.path, old.path),
    );
    return shadowed ? [`${shadowed.domain}${shadowed.path}`] : null;
  },
  'samesite-context': (f) => {
    if (enforcedSameSite(f) === 'none' || f.input.navigation !== 'subresource' || !f.ctx.crossSite) return null;
    return [crossSchemeDetail(f.ctx.topLevelSite, siteOf(f.req))];
  },
  'samesite-none-insecure': (f) => (f.cookie.sameSite === 'none' && !f.cookie.secure ? FAIL : null),
  'invalid-prefix': (f) => {
    const problems = prefixProblems({ cookie: f.cookie, pathAttribute: f.p.path !== undefined, secureOrigin: f.req.secure });
    return problems.length ? problems : null;
  },
  'partitioned-insecure': (f) => (f.cookie.partitioned && !f.cookie.secure ? FAIL : null),
  'third-party-blocked': (f) => (f.input.cookiePolicy?.blockThirdPartyCookies && f.ctx.thirdParty && !f.cookie.partitioned ? FAIL : null),
  expired: (f) => (f.expiry !== null && f.expiry <= f.input.now ? FAIL : null),
};

export interface RejectDetail {
  reason: CookieRejectReason;
  /** Extra words for the reason (which rule of a prefix, which existing cookie). */
  detail?: string;
}

/** A Domain attribute naming an IPv6 literal is written with brackets; the request host is kept without them. */
function bareDomain(d: string): string {
  return d.length > 2 && d.charCodeAt(0) === 0x5b && d.charCodeAt(d.length - 1) === 0x5d ? d.slice(1, -1) : d;
}

/**
 * Runs every storage check (RFC 6265bis §5.7 and the browsers' additions) and keeps each one that fails, so the
 * explanation can name them all. A parse-level failure stops early: there is no cookie to check.
 */
function decide(
  p: ParsedSetCookie,
  req: RequestParts | null,
  ctx: SiteContext,
  input: StoreInput,
  /** Jar cookies with the same name as the new one. */
  sameName: JarCookie[],
  profile: CookieProfile,
): Decision {
  if (p.error) return { reasons: [{ reason: p.error }] };
  if (!req) return { reasons: [{ reason: 'domain-mismatch', detail: 'the request URL could not be parsed' }] };
  const now = input.now;
  let domainValue = p.domain;
  if (domainValue !== undefined && NON_ASCII.test(domainValue)) {
    // RFC 6265bis §5.7 ignores a cookie whose Domain is not ASCII; Chrome instead reads it in its punycode form
    // (its non-ASCII exclusion is behind a flag). Stored when that form names this host, as in Chrome; refused with
    // the spec's reason first otherwise.
    const ascii = idnToAscii(domainValue);
    if (ascii === null || !domainMatch(req.host, ascii, req.isIp)) {
      const reasons: RejectDetail[] = [{ reason: 'invalid-characters', detail: 'non-ASCII Domain' }];
      if (ascii !== null) reasons.push({ reason: 'domain-mismatch', detail: `read as ${ascii}` });
      return { reasons };
    }
    domainValue = ascii;
  }
  // Chrome refuses a nameless cookie whose value holds "=": sent back as "a=b" it would read as a cookie named "a"
  // (https://github.com/httpwg/http-extensions/issues/1210). Seen with Chromium 156 here on http-state name0017/name0025.
  if (p.name === '' && p.value.includes('='))
    return { reasons: [{ reason: 'invalid-characters', detail: 'a nameless cookie may not have "=" in its value' }] };

  let domainAttr = domainValue === undefined ? '' : bareDomain(domainValue);
  let publicSuffix = false;
  if (domainAttr !== '' && isPublicSuffix(domainAttr)) {
    // §5.7 step 9: a public suffix equal to the host leaves a host-only cookie (Chrome: Domain=localhost on localhost).
    if (domainAttr === req.host) domainAttr = '';
    else publicSuffix = true;
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
  // Firefox's Total Cookie Protection: a third-party cookie lands in the top-level site's own jar.
  else if (profile.thirdPartyJar.value === 'partitioned' && ctx.thirdParty && ctx.topLevelSite) cookie.partitionKey = ctx.topLevelSite;

  const facts: CheckFacts = { p, req, ctx, input, cookie, domainAttr, publicSuffix, expiry, sameName, profile };
  const reasons: RejectDetail[] = [];
  for (const reason of profile.rejectOrder.value) {
    const check = CHECKS[reason];
    const failed = check ? check(facts) : null;
    if (failed) for (const detail of failed) reasons.push(detail === undefined ? { reason } : { reason, detail });
  }
  const decision: Decision = { cookie, reasons };
  // The page is unknown (a HAR entry no page claims): the cookie is stored as if same-site, and the finding says so.
  if (reasons.length === 0 && ctx.assumed && input.navigation === 'subresource' && enforcedSameSite(facts) !== 'none')
    decision.contextUnknown = true;
  return decision;
}

/** Does the host's HSTS policy keep every request that could carry this cookie on HTTPS? */
function hstsCovers(hsts: StoreInput['hsts'], cookie: JarCookie | undefined, req: RequestParts | null): boolean {
  if (!hsts || !cookie || !req) return false;
  return cookie.hostOnly || (hsts.includeSubDomains && cookie.domain === req.host);
}

/** No jar cookie of that name (read only). */
const NO_COOKIES: JarCookie[] = [];

function indexAdd(byName: Map<string, JarCookie[]>, c: JarCookie): void {
  const list = byName.get(c.name);
  if (list) list.push(c);
  else byName.set(c.name, [c]);
}

function indexRemove(byName: Map<string, JarCookie[]>, c: JarCookie): void {
  const list = byName.get(c.name);
  if (list) list.splice(list.indexOf(c), 1);
}

/** The first cookie of the list with c's identity. */
function sameIdentityIn(list: JarCookie[] | undefined, c: JarCookie): JarCookie | undefined {
  if (list) for (let i = 0; i < list.length; i++) if (sameIdentity(list[i]!, c)) return list[i];
  return undefined;
}

export function storeSetCookies(input: StoreInput): StoreResult {
  const req = parseRequestUrl(input.requestUrl);
  const ctx: SiteContext = req ? siteContext(req, input) : { crossSite: false, thirdParty: false, topLevelSite: null, assumed: true };
  const profile = cookieProfileFor(input.browser);
  const original = Array.isArray(input.jar) ? input.jar : [];
  const lines = Array.isArray(input.setCookie) ? input.setCookie : [];
  // Most responses set no cookie: skip building the indexes.
  if (lines.length === 0) return { results: [], jar: original.slice(), removed: [], context: ctx };
  // The cookies of the input jar (to list the ones deleted); none to look up when the jar was empty.
  const originals = original.length ? new Set(original) : null;
  let jar = original.slice();
  // Same-name index so identity and Secure-shadowing checks stay linear over 10,000-line responses.
  const byName = new Map<string, JarCookie[]>();
  // A snapshot from storage may hold holes (the index read keeps them possibly undefined).
  for (let i = 0; i < jar.length; i++) {
    const c = jar[i];
    if (c && typeof c === 'object') indexAdd(byName, c);
  }
  const removed: JarCookie[] = [];
  const results: SetCookieResult[] = [];
  const count = Math.min(lines.length, MAX_SET_COOKIE_LINES);

  for (let index = 0; index < count; index++) {
    const line = lines[index];
    const raw = typeof line === 'string' ? line : valueText(line);
    const p = parseSetCookie(raw, input.now);
    const d = decide(p, req, ctx, input, byName.get(p.name) ?? NO_COOKIES, profile);
    let deletes = false;
    const first = d.reasons[0];
    // Only a cookie whose one problem is being expired deletes: any other failure aborts the storage steps first.
    const onlyExpired = d.reasons.length === 1 && first?.reason === 'expired';
    if (d.cookie && (first === undefined || onlyExpired)) {
      const c = d.cookie;
      const old = sameIdentityIn(byName.get(c.name), c);
      if (onlyExpired) {
        if (old) {
          deletes = true;
          jar = jar.filter((x) => x !== old);
          indexRemove(byName, old);
          if (originals?.has(old)) removed.push(old);
        }
      } else if (old) {
        // §5.7: the replacement keeps the old creation-time.
        c.creationTime = old.creationTime ?? c.creationTime;
        jar[jar.indexOf(old)] = c;
        indexRemove(byName, old);
        indexAdd(byName, c);
      } else {
        jar.push(c);
        indexAdd(byName, c);
      }
    }
    results.push(
      describeSetCookie({
        index,
        raw,
        parsed: p,
        cookie: d.cookie,
        reasons: d.reasons,
        deletes,
        now: input.now,
        requestHost: req?.host ?? '',
        requestSecure: req?.secure ?? false,
        browser: input.browser,
        contextUnknown: d.contextUnknown === true,
        hsts: hstsCovers(input.hsts, d.cookie, req),
      }),
    );
  }
  return { results, jar, removed, context: ctx };
}

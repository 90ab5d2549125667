/**
 * Cookie engine entry point (RFC 6265bis, Chrome-like defaults; Firefox differences as notes and via
 * ctx.browser === 'firefox', which turns off Lax-by-default).
 */
import { contextOf, valueText } from '../loose';
import type { EngineContext, ExchangeRecord, Finding, JarCookie, LooseRecord } from '../types';
import type { CookieExplanation, SetCookieResult } from '../explanation';
import { getAll } from '../headers';
import { SEVERITY_ORDER } from '../notes';
import { cookieNote } from './notes';
import { utf8Length } from './parse';
import { cookiesForRequest } from './send';
import { MAX_SET_COOKIE_LINES, sameIdentity, storeSetCookies, type StoreResult } from './store';
import { parseRequestUrl, siteContext, type SiteContext } from './site';

export { storeSetCookies, MAX_SET_COOKIE_LINES, type StoreInput, type StoreResult } from './store';
export { cookiesForRequest, type SendInput, type SendDetail } from './send';
export { parseSetCookie, parseCookieDate, type ParsedSetCookie } from './parse';
export { lookupPurpose, type PurposeWhere } from './purposes';
export { decodeSignedCookie } from './signed';
export { scopeWords, lifetimeWords } from './words';
export { COOKIE_NOTES, COOKIE_FIXES, cookieNote } from './notes';
export { COOKIE_PROFILES, cookieProfileFor, type CookieProfile } from './profiles';
export { REJECT_REASONS, NOT_SENT_REASONS, ATTRIBUTES, REJECT_ORDER } from './rules';

const MANY_COOKIES = 20;
const LARGE_COOKIE_HEADER = 8190;
const MAX_REQUEST_COOKIES = 1000;

/**
 * Set-Cookie lines of a response: one per header entry, and a value holding '\n' split too, because Firefox's
 * webRequest joins multiple Set-Cookie lines with "\n" (https://bugzilla.mozilla.org/show_bug.cgi?id=1348346).
 */
export function setCookieLines(x: Pick<ExchangeRecord, 'responseHeaders'>): string[] {
  const out: string[] = [];
  for (const v of getAll(Array.isArray(x.responseHeaders) ? x.responseHeaders : [], 'set-cookie')) {
    if (typeof v !== 'string') continue;
    if (v.includes('\n')) {
      for (const part of v.split('\n')) {
        const line = part.endsWith('\r') ? part.slice(0, -1) : part;
        if (line.trim() !== '') out.push(line);
      }
    } else out.push(v);
  }
  return out;
}

/** Cookie request header pairs (RFC 6265bis §4.2.1; a pair without "=" is a nameless cookie). */
export function parseCookieHeader(value: string): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (const piece of value.split(';')) {
    if (out.length >= MAX_REQUEST_COOKIES) break;
    const s = piece.trim();
    if (s === '') continue;
    const eq = s.indexOf('=');
    out.push(eq < 0 ? { name: '', value: s } : { name: s.slice(0, eq).trim(), value: s.slice(eq + 1).trim() });
  }
  return out;
}

/**
 * The jar as the request saw it. A snapshot read after the response (the recorder reads the cookies API again once a
 * response set cookies) already holds what this response stored, and the request cannot have carried those. A
 * snapshot cookie is taken as set here when it has the identity and value of a cookie this response stored and
 * either its creation time is not before the request or, lacking one, the recorded Cookie header does not name it.
 */
function jarBeforeResponse(
  x: LooseRecord,
  jar: JarCookie[],
  results: SetCookieResult[],
  requestCookies: Array<{ name: string }>,
): JarCookie[] {
  const setHere: JarCookie[] = [];
  for (const r of results) if (r.stored && r.cookie) setHere.push(r.cookie);
  if (setHere.length === 0) return jar;
  const requestMs = Number(x.requestTimeMs);
  const snapshotMs = Number(x.jarSnapshotMs);
  // A reading that describes the moment of the request (or earlier) holds nothing of the response.
  if (Number.isFinite(snapshotMs) && Number.isFinite(requestMs) && snapshotMs <= requestMs) return jar;
  const requestSec = Number.isFinite(requestMs) ? Math.floor(requestMs / 1000) : null;
  const named = new Set(requestCookies.map((c) => c.name));
  // A snapshot from storage may hold holes, and cookies without a domain.
  return jar.filter((j: JarCookie | null | undefined) => {
    if (!j || typeof j !== 'object') return true;
    const mine = setHere.some((c) => c.value === j.value && sameIdentity(c, { ...j, domain: valueText(j.domain).toLowerCase() }));
    if (!mine) return true;
    if (typeof j.creationTime === 'number' && requestSec !== null) return j.creationTime < requestSec;
    return named.has(j.name);
  });
}

/**
 * The Strict-Transport-Security policy this response sets, when it can (RFC 6797 §8.1: only over HTTPS, first
 * field, max-age > 0). Directive names compared case-insensitively; nothing read from Object.prototype.
 */
function hstsOf(x: ExchangeRecord): { includeSubDomains: boolean } | undefined {
  if (typeof x.url !== 'string' || !/^https:/i.test(x.url)) return undefined;
  const value = getAll(Array.isArray(x.responseHeaders) ? x.responseHeaders : [], 'strict-transport-security')[0];
  if (typeof value !== 'string') return undefined;
  let maxAge = -1;
  let includeSubDomains = false;
  for (const part of value.slice(0, 1024).split(';')) {
    const [rawName = '', ...rest] = part.split('=');
    const name = rawName.trim().toLowerCase();
    if (name === 'max-age') {
      const v = rest
        .join('=')
        .trim()
        .replace(/^"(.*)"$/, '$1');
      if (/^\d+$/.test(v)) maxAge = Number(v);
    } else if (name === 'includesubdomains') includeSubDomains = true;
  }
  return maxAge > 0 ? { includeSubDomains } : undefined;
}

/**
 * Lines that set the same cookie (name, domain, host-only, path, partition) with the same outcome are shown once:
 * each replaces the one before, so the last is kept in full, with `repeats` counting the others. A line that gives
 * no cookie is grouped with identical lines only. The explanation then grows with the distinct cookies, not with the
 * number of lines (a response may carry thousands).
 */
function collapseRepeats(results: SetCookieResult[]): SetCookieResult[] {
  if (results.length < 2) return results;
  // A few lines (most responses): compare them pairwise, no key strings, and return them as they are when no two
  // set the same cookie with the same outcome (what the grouping below would find).
  if (results.length <= 16) {
    let repeated = false;
    for (let i = 1; i < results.length && !repeated; i++)
      for (let j = 0; j < i && !repeated; j++) repeated = sameGroup(results[i]!, results[j]!);
    if (!repeated) return results;
  }
  const groups = new Map<string, { kept: SetCookieResult; count: number }>();
  for (const r of results) {
    const c = r.cookie;
    const who = c ? `${c.name}\u0000${c.domain}\u0000${c.hostOnly}\u0000${c.path}\u0000${c.partitionKey ?? ''}` : `\u0001${r.raw}`;
    const key = `${r.stored ? 1 : 0}${r.rejectReason ?? ''}\u0000${who}`;
    const g = groups.get(key);
    if (g) {
      g.kept = r;
      g.count++;
    } else groups.set(key, { kept: r, count: 1 });
  }
  if (groups.size === results.length) return results;
  const out: SetCookieResult[] = [];
  for (const { kept, count } of groups.values()) {
    if (count > 1) {
      kept.repeats = count - 1;
      const name = kept.cookie?.name ?? kept.raw.split('=')[0]!; // split gives at least one part
      kept.findings.push(cookieNote('cookie-set-repeated', { name: name.slice(0, 100), count }));
    }
    out.push(kept);
  }
  return out;
}

/**
 * The findings sorted worst first, stable (as sort(bySeverity) orders them), in a list sized to fit: one grown by
 * push keeps room for 17 and the explanation keeps it. Every cookie note has one of the four severities.
 */
function worstFirst(list: Finding[]): Finding[] {
  const n = list.length;
  if (n === 0) return list;
  if (n === 1) return [list[0]!];
  const out = new Array<Finding>(n);
  let at = 0;
  for (let k = 0; k < SEVERITIES.length; k++) {
    const severity = SEVERITIES[k]!; // k < length
    for (let i = 0; i < n; i++) if (list[i]!.severity === severity) out[at++] = list[i]!;
  }
  return out;
}

/** The third-party finding by top-level site, made once per site and shared (frozen, params too). */
const THIRD_PARTY_NOTES = new Map<string, Finding>();

function thirdPartyNote(topLevelSite: string): Finding {
  let f = THIRD_PARTY_NOTES.get(topLevelSite);
  if (!f) {
    f = cookieNote('cookie-third-party-context', { topLevelSite });
    if (f.params) Object.freeze(f.params);
    if (THIRD_PARTY_NOTES.size >= 256) THIRD_PARTY_NOTES.clear();
    THIRD_PARTY_NOTES.set(topLevelSite, Object.freeze(f));
  }
  return f;
}

/** Severities worst first, as SEVERITY_ORDER ranks them. */
const SEVERITIES = (Object.keys(SEVERITY_ORDER) as Array<keyof typeof SEVERITY_ORDER>).sort(
  (a, b) => SEVERITY_ORDER[a] - SEVERITY_ORDER[b],
);

/** Whether collapseRepeats' group keys of two results are equal (field by field: no field holds the separators). */
function sameGroup(a: SetCookieResult, b: SetCookieResult): boolean {
  if (!a.stored !== !b.stored || (a.rejectReason ?? '') !== (b.rejectReason ?? '')) return false;
  const ca = a.cookie;
  const cb = b.cookie;
  if (!ca || !cb) return !ca && !cb && a.raw === b.raw;
  return (
    ca.name === cb.name &&
    ca.domain === cb.domain &&
    ca.hostOnly === cb.hostOnly &&
    ca.path === cb.path &&
    (ca.partitionKey ?? '') === (cb.partitionKey ?? '')
  );
}

/** The same-site context of a request, as storeSetCookies works it out (assumed same-site for an unreadable URL). */
function contextFor(
  url: string,
  navigation: 'top-level' | 'subresource',
  topLevelUrl: string | undefined,
  initiatorUrl: string | null,
): SiteContext {
  const req = parseRequestUrl(url);
  return req
    ? siteContext(req, { navigation, topLevelUrl, initiatorUrl })
    : { crossSite: false, thirdParty: false, topLevelSite: null, assumed: true };
}

export function explainCookies(x: ExchangeRecord, ctx: EngineContext): CookieExplanation {
  const given = contextOf(ctx);
  const now = typeof given.now === 'number' && Number.isFinite(given.now) ? given.now : Math.floor((x.responseTimeMs || 0) / 1000);
  const navigation = x.navigation ?? (x.resourceType === 'main_frame' ? 'top-level' : x.resourceType ? 'subresource' : 'top-level');
  const topLevelUrl = x.topLevelUrl ?? (navigation === 'top-level' ? x.url : undefined);
  const initiatorUrl = x.initiatorUrl ?? null;
  const browser = given.browser;
  const lines = setCookieLines(x);
  // Object literals, not spreads of a shared context: spreading it cost more than the whole storage model (profiled).
  // A response that sets no cookie stores nothing: only the same-site context is needed (what storeSetCookies gives
  // back for no lines), without the store's copy of the jar and its other lists.
  const stored: Pick<StoreResult, 'results' | 'context'> =
    lines.length === 0
      ? { results: [], context: contextFor(x.url, navigation, topLevelUrl, initiatorUrl) }
      : storeSetCookies({
          requestUrl: x.url,
          navigation,
          topLevelUrl,
          initiatorUrl,
          cookiePolicy: x.cookiePolicy,
          browser,
          setCookie: lines,
          now,
          jar: x.jarSnapshot,
          // Only read when a line sets a cookie: skip the header scan for the many responses that set none.
          hsts: lines.length > 0 ? hstsOf(x) : undefined,
        });
  const findings: Finding[] = [];

  const requestHeaders = Array.isArray(x.requestHeaders) ? x.requestHeaders : [];
  const cookieHeader = getAll(requestHeaders, 'cookie').join('; ');
  const requestCookies = cookieHeader ? parseCookieHeader(cookieHeader) : [];
  // At most 3 bytes per UTF-16 code unit: only a long header can pass the limit.
  const headerBytes = cookieHeader.length * 3 > LARGE_COOKIE_HEADER ? utf8Length(cookieHeader, LARGE_COOKIE_HEADER + 1) : 0;
  if (headerBytes > LARGE_COOKIE_HEADER) findings.push(cookieNote('cookie-request-header-large', { bytes: utf8Length(cookieHeader) }));

  let send: CookieExplanation['send'] = null;
  if (Array.isArray(x.jarSnapshot)) {
    const jarAtRequest = jarBeforeResponse(x, x.jarSnapshot, stored.results, requestCookies);
    const detail = cookiesForRequest({
      requestUrl: x.url,
      navigation,
      topLevelUrl,
      initiatorUrl,
      cookiePolicy: x.cookiePolicy,
      browser,
      jar: jarAtRequest,
      method: x.method,
      now,
    });
    send = { sent: detail.sent, notSent: detail.notSent, cookieHeader: detail.cookieHeader };
    for (const n of detail.notSent) {
      if (findings.length > 200) break;
      findings.push(cookieNote(`cookie-not-sent-${n.reason}`, { name: n.cookie.name.slice(0, 100) }));
    }
    for (const name of detail.laxAllowUnsafe.slice(0, 20))
      findings.push(cookieNote('cookie-lax-allow-unsafe', { name: name.slice(0, 100) }));
  }

  const c = stored.context;
  const hasCookies = lines.length > 0 || requestCookies.length > 0;
  if (c.assumed && navigation === 'subresource' && hasCookies) findings.push(cookieNote('cookie-context-assumed'));
  if (c.thirdParty && hasCookies) {
    findings.push(thirdPartyNote(c.topLevelSite ?? 'unknown'));
  }
  if (lines.length > MAX_SET_COOKIE_LINES)
    findings.push(cookieNote('cookie-too-many-lines', { count: lines.length, limit: MAX_SET_COOKIE_LINES }));
  else if (lines.length >= MANY_COOKIES) findings.push(cookieNote('cookie-many', { count: lines.length }));
  const setCookies = collapseRepeats(stored.results);
  // Per-cookie findings stay on each SetCookieResult; the area list carries them too, capped.
  for (const r of setCookies) {
    if (findings.length > 500) break;
    findings.push(...r.findings);
  }
  const sorted = worstFirst(findings);

  const out: CookieExplanation = {
    setCookies,
    requestCookies,
    send,
    sameSiteContext: c.crossSite ? 'cross-site' : 'same-site',
    thirdParty: c.thirdParty,
    findings: sorted,
  };
  // Added last, as the spread it replaces did (a spread cost an object per call).
  if (c.assumed && navigation === 'subresource') out.sameSiteContextAssumed = true;
  return out;
}

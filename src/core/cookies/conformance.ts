/**
 * Adapter for ../shared/reference cookie-cases/1 files: runs one case through the public API (storeSetCookies /
 * cookiesForRequest) and returns the actual value of every expect field of the format. No per-case logic.
 */
import { anyText, textOr } from '../loose';
import type { CookiePolicy, JarCookie } from '../types';
import { cookiesForRequest } from './send';
import { storeSetCookies } from './store';

const FIELDS = [
  'name',
  'value',
  'domain',
  'hostOnly',
  'path',
  'secure',
  'httpOnly',
  'sameSite',
  'partitioned',
  'partitionKey',
  'persistent',
  'expires',
] as const;

function view(c: JarCookie, withCreationTime: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) {
    if (f === 'partitionKey' && !c.partitioned) continue;
    out[f] = c[f];
  }
  if (withCreationTime) out.creationTime = c.creationTime;
  return out;
}
/**
 * A cookie-cases/1 case as this adapter reads it (a case file's JSON, cast once: every field optional; the ones it
 * converts with String() or Number() typed `unknown`, the ones handed on as they are typed as the API takes them).
 */
interface CookieCase {
  kind?: unknown;
  requestUrl?: unknown;
  navigation?: unknown;
  topLevelUrl?: string;
  initiatorUrl?: string | null;
  siteForCookies?: string;
  crossSite?: unknown;
  cookiePolicy?: CookiePolicy;
  now?: unknown;
  method?: unknown;
  jar?: unknown;
  setCookie?: unknown;
  send?: unknown;
  expect?: { cookies?: unknown };
}

/** The `send` step of a parse-then-send case, read like the case itself. */
interface SendStep {
  requestUrl?: unknown;
  navigation?: unknown;
  method?: unknown;
  topLevelUrl?: string;
  initiatorUrl?: string | null;
  siteForCookies?: string;
  crossSite?: unknown;
  cookiePolicy?: CookiePolicy;
  now?: unknown;
}

type StepContext = {
  requestUrl: string;
  navigation: 'top-level' | 'subresource';
  topLevelUrl?: string;
  initiatorUrl: string | null;
  cookiePolicy?: CookiePolicy;
  now: number;
};

/**
 * The second step of a parse-then-send case: a request described by `send` goes out with the jar the first step
 * left. A field of `send` that is absent takes the parse step's value, except the same-site inputs, which default to
 * a top-level GET navigation (no initiator: a browser-initiated load) at the same now.
 */
function sendAfter(c: CookieCase, parse: StepContext, jar: JarCookie[]): Record<string, unknown> {
  const s: SendStep = c.send && typeof c.send === 'object' ? c.send : {};
  const has = (k: keyof SendStep): boolean => s[k] !== undefined;
  const requestUrl = has('requestUrl') ? anyText(s.requestUrl) : parse.requestUrl;
  const navigation = has('navigation')
    ? s.navigation === 'subresource'
      ? ('subresource' as const)
      : ('top-level' as const)
    : ('top-level' as const);
  const r = cookiesForRequest({
    jar,
    requestUrl,
    method: has('method') ? anyText(s.method) : 'GET',
    navigation,
    topLevelUrl: has('topLevelUrl') ? s.topLevelUrl : navigation === 'top-level' ? requestUrl : parse.topLevelUrl,
    initiatorUrl: has('initiatorUrl') ? s.initiatorUrl : null,
    siteForCookies: has('siteForCookies') ? s.siteForCookies : undefined,
    crossSite: typeof s.crossSite === 'boolean' ? s.crossSite : undefined,
    cookiePolicy: has('cookiePolicy') ? s.cookiePolicy : parse.cookiePolicy,
    now: has('now') && Number.isFinite(Number(s.now)) ? Number(s.now) : parse.now,
  });
  return { sent: r.sent.map((x) => x.cookie.name), cookieHeader: r.cookieHeader };
}

export function runCookieCase(raw: unknown): Record<string, unknown> {
  const c = raw as CookieCase | null | undefined;
  const ctx = {
    requestUrl: textOr(c?.requestUrl, ''),
    navigation: c?.navigation === 'subresource' ? ('subresource' as const) : ('top-level' as const),
    topLevelUrl: c?.topLevelUrl ?? undefined,
    initiatorUrl: c?.initiatorUrl ?? null,
    siteForCookies: c?.siteForCookies ?? undefined,
    crossSite: typeof c?.crossSite === 'boolean' ? c.crossSite : undefined,
    cookiePolicy: c?.cookiePolicy ?? undefined,
    now: Number(c?.now ?? 0),
  };
  const jar: JarCookie[] = Array.isArray(c?.jar) ? (c.jar as JarCookie[]) : [];
  if (c?.kind === 'send') {
    const r = cookiesForRequest({ ...ctx, jar, method: textOr(c.method, 'GET') });
    return {
      sent: r.sent.map((s) => s.cookie.name),
      notSent: r.notSent.map((n) => ({ jarIndex: n.jarIndex, name: n.cookie.name, reason: n.reason })),
      cookieHeader: r.cookieHeader,
    };
  }
  const r = storeSetCookies({ ...ctx, setCookie: Array.isArray(c?.setCookie) ? (c.setCookie as string[]) : [], jar });
  if (c?.kind === 'parse-then-send') return sendAfter(c, ctx, r.jar);
  const expected = c?.expect?.cookies;
  const withCreationTime =
    Array.isArray(expected) && (expected as Array<Record<string, unknown> | null>).some((e) => !!e && 'creationTime' in e);
  const inJar = new Set(r.jar);
  const out: Record<string, unknown> = {
    cookies: r.results.filter((x) => x.stored && x.cookie && inJar.has(x.cookie)).map((x) => view(x.cookie as JarCookie, withCreationTime)),
    rejected: r.results.filter((x) => !x.stored).map((x) => ({ 'header index': x.index, reason: x.rejectReason })),
  };
  if (jar.length) out.removed = r.removed.map((x) => ({ name: x.name, domain: x.domain, hostOnly: x.hostOnly, path: x.path }));
  else out.removed = [];
  return out;
}

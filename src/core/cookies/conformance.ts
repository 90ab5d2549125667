/**
 * Adapter for ../shared/reference cookie-cases/1 files: runs one case through the public API (storeSetCookies /
 * cookiesForRequest) and returns the actual value of every expect field of the format. No per-case logic.
 */
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
function sendAfter(c: any, parse: StepContext, jar: JarCookie[]): Record<string, unknown> {
  const s = c?.send && typeof c.send === 'object' ? c.send : {};
  const has = (k: string): boolean => s[k] !== undefined;
  const requestUrl = has('requestUrl') ? String(s.requestUrl) : parse.requestUrl;
  const navigation = has('navigation')
    ? s.navigation === 'subresource'
      ? ('subresource' as const)
      : ('top-level' as const)
    : ('top-level' as const);
  const r = cookiesForRequest({
    jar,
    requestUrl,
    method: has('method') ? String(s.method) : 'GET',
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

export function runCookieCase(c: any): Record<string, unknown> {
  const ctx = {
    requestUrl: String(c?.requestUrl ?? ''),
    navigation: c?.navigation === 'subresource' ? ('subresource' as const) : ('top-level' as const),
    topLevelUrl: c?.topLevelUrl ?? undefined,
    initiatorUrl: c?.initiatorUrl ?? null,
    siteForCookies: c?.siteForCookies ?? undefined,
    crossSite: typeof c?.crossSite === 'boolean' ? c.crossSite : undefined,
    cookiePolicy: c?.cookiePolicy ?? undefined,
    now: Number(c?.now ?? 0),
  };
  const jar: JarCookie[] = Array.isArray(c?.jar) ? c.jar : [];
  if (c?.kind === 'send') {
    const r = cookiesForRequest({ ...ctx, jar, method: String(c?.method ?? 'GET') });
    return {
      sent: r.sent.map((s) => s.cookie.name),
      notSent: r.notSent.map((n) => ({ jarIndex: n.jarIndex, name: n.cookie.name, reason: n.reason })),
      cookieHeader: r.cookieHeader,
    };
  }
  const r = storeSetCookies({ ...ctx, setCookie: Array.isArray(c?.setCookie) ? c.setCookie : [], jar });
  if (c?.kind === 'parse-then-send') return sendAfter(c, ctx, r.jar);
  const expected = c?.expect?.cookies;
  const withCreationTime = Array.isArray(expected) && expected.some((e: Record<string, unknown>) => e && 'creationTime' in e);
  const inJar = new Set(r.jar);
  const out: Record<string, unknown> = {
    cookies: r.results.filter((x) => x.stored && x.cookie && inJar.has(x.cookie)).map((x) => view(x.cookie as JarCookie, withCreationTime)),
    rejected: r.results.filter((x) => !x.stored).map((x) => ({ 'header index': x.index, reason: x.rejectReason })),
  };
  if (jar.length) out.removed = r.removed.map((x) => ({ name: x.name, domain: x.domain, hostOnly: x.hostOnly, path: x.path }));
  else out.removed = [];
  return out;
}

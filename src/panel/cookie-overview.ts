/**
 * The Cookies overview: every cookie the recording (or imported HAR) saw, by site and purpose, first- or third-party,
 * where it was set and sent, rejected or not, and whether it tracks. Pure: it reads the engine's explanations
 * (setCookies, send, thirdParty, purposes) and adds no cookie rule of its own except the purpose names the Open Cookie
 * Database lacks (OUR_PURPOSES below, documented), and the overview's one definition:
 *   tracking = an Analytics or Marketing cookie set or sent in a third-party context
 *   (third-party: the engine's `cookies.thirdParty`, the request's site is not the top-level page's site).
 */
import type { CookiePurpose, Explanation } from '../core/explanation';
import type { ExchangeRecord } from '../core/types';

export type PurposeLookup = (name: string, where?: { host?: string | null; domain?: string | null }) => CookiePurpose | null;

/** Categories the overview groups by: the Open Cookie Database's six, ours (below) and Unknown. */
export const OCD_CATEGORIES = ['Necessary', 'Functional', 'Security', 'Personalization', 'Analytics', 'Marketing'];
export const TRACKING_CATEGORIES = new Set(['Analytics', 'Marketing']);

/**
 * Ours, for what the Open Cookie Database does not list; used only when it has no entry for the name. Each row is a
 * name pattern, the category and what it is, with where the name comes from.
 */
export const OUR_PURPOSES: Array<{ pattern: RegExp; category: string; platform: string; description: string }> = [
  // AWS ALB/ELB stickiness: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/sticky-sessions.html
  { pattern: /^AWS(ALB|ALBCORS|ALBTG|ALBTGCORS|ELB|ELBCORS)$/, category: 'Load balancing', platform: 'AWS Elastic Load Balancing', description: 'Stickiness: keeps your requests on the same backend server.' },
  // HAProxy's classic "cookie SERVERID insert" (HAProxy configuration manual, "cookie"); F5 BIG-IP persistence cookies.
  { pattern: /^(SERVERID|SRVNAME|ROUTEID|route|BIGipServer.*|TS01[0-9a-f]{6})$/, category: 'Load balancing', platform: 'Load balancer (HAProxy, F5 BIG-IP, Apache mod_proxy_balancer)', description: 'Stickiness: names the backend server that should answer this browser next time.' },
  // Azure App Service ARR affinity; Google Cloud load balancer; Kubernetes ingress-nginx affinity.
  { pattern: /^(ARRAffinity|ARRAffinitySameSite|GCLB|INGRESSCOOKIE)$/, category: 'Load balancing', platform: 'Cloud load balancer', description: 'Stickiness: keeps your requests on the same instance.' },
  // Consent management platforms (IAB TCF v2 euconsent-v2, OneTrust, Cookiebot, Didomi, Osano/cookieconsent).
  { pattern: /^(euconsent(-v2)?|OptanonConsent|OptanonAlertBoxClosed|CookieConsent|cookieconsent_status|didomi_token|usprivacy|cmplz_.*|borlabs-cookie)$/, category: 'Consent', platform: 'Consent manager', description: 'Remembers which cookies you agreed to.' },
  // Bot protection: Cloudflare, Akamai Bot Manager, Imperva, DataDome, PerimeterX/HUMAN.
  { pattern: /^(__cf_bm|cf_clearance|_abck|bm_sz|bm_sv|bm_mi|ak_bmsc|datadome|reese84|incap_ses_.*|visid_incap_.*|nlbi_.*|_px[0-9a-z]*)$/, category: 'Bot protection', platform: 'Bot protection service', description: 'Tells people from bots; checked by the site or its CDN.' },
  // Framework session cookies (PHP, Java servlet, ASP.NET, Express, Rails, Laravel, Django).
  { pattern: /^(PHPSESSID|JSESSIONID|ASP\.NET_SessionId|\.ASPXAUTH|connect\.sid|_session_id|[a-z0-9_]+_session|laravel_session|sessionid|csrftoken|XSRF-TOKEN)$/i, category: 'Login/session', platform: 'Web framework', description: 'Keeps you signed in or ties requests to your session.' },
];

export interface OverviewPurpose {
  category: string;
  platform: string | null;
  description: string | null;
  /** Which rule named it: the Open Cookie Database, ours, or nothing. */
  source: 'ocd' | 'ours' | 'unknown';
  /** When ours refines the database's broad category, that category ("Functional"). */
  ocdCategory?: string;
}

/** Broad database categories our list may refine (AWSALB is "Functional" there, load-balancer stickiness here). */
const REFINABLE = new Set(['Functional', 'Necessary', 'Security']);

export function purposeFor(name: string, engine: CookiePurpose | null, lookup: PurposeLookup | null, where: { host?: string | null; domain?: string | null }): OverviewPurpose {
  const p = engine ?? lookup?.(name, where) ?? null;
  const ours = OUR_PURPOSES.find((o) => o.pattern.test(name));
  if (ours && (!p || REFINABLE.has(p.category)))
    return { category: ours.category, platform: ours.platform, description: ours.description, source: 'ours', ...(p ? { ocdCategory: p.category } : {}) };
  if (p) return { category: p.category, platform: p.platform, description: p.description, source: 'ocd' };
  return { category: 'Unknown', platform: null, description: null, source: 'unknown' };
}

export interface OverviewCookie {
  key: string;
  name: string;
  domain: string;
  path: string;
  purpose: OverviewPurpose;
  /** Set or sent in a third-party context at least once. */
  thirdParty: boolean;
  tracking: boolean;
  /** Why it sits where it does, in words. */
  why: string;
  setCount: number;
  rejectedCount: number;
  rejectWhy: string | null;
  sentCount: number;
  /** Exchanges that set it and that sent it (ids), in recorded order. */
  setBy: string[];
  sentWith: string[];
  /** The top-level sites it was seen under. */
  topSites: string[];
}

function hostOf(url: string | undefined | null): string {
  if (!url) return '';
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function pair(raw: string): { name: string; value: string } {
  const p = raw.split(';')[0];
  const eq = p.indexOf('=');
  return eq < 0 ? { name: '', value: p.trim() } : { name: p.slice(0, eq).trim(), value: p.slice(eq + 1).trim() };
}

export function buildOverview(records: readonly ExchangeRecord[], explainFor: (x: ExchangeRecord) => Explanation | null, lookup: PurposeLookup | null): OverviewCookie[] {
  const rows = new Map<string, OverviewCookie>();
  const byName = new Map<string, OverviewCookie[]>();
  const touch = (name: string, domain: string, path: string, engine: CookiePurpose | null, host: string) => {
    const key = `${name}\u0000${domain}\u0000${path}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        key, name, domain, path, purpose: purposeFor(name, engine, lookup, { host, domain }), thirdParty: false, tracking: false, why: '',
        setCount: 0, rejectedCount: 0, rejectWhy: null, sentCount: 0, setBy: [], sentWith: [], topSites: [],
      };
      rows.set(key, row);
      const same = byName.get(name);
      if (same) same.push(row);
      else byName.set(name, [row]);
    } else if (engine && row.purpose.source !== 'ocd') row.purpose = purposeFor(name, engine, lookup, { host, domain });
    return row;
  };
  const context = (row: OverviewCookie, x: ExchangeRecord, e: Explanation) => {
    if (e.cookies.thirdParty) row.thirdParty = true;
    const top = hostOf(x.topLevelUrl);
    if (top && !row.topSites.includes(top) && row.topSites.length < 20) row.topSites.push(top);
  };
  for (const x of records) {
    const e = explainFor(x);
    if (!e) continue;
    const host = hostOf(x.url);
    for (const s of e.cookies.setCookies) {
      const p = s.cookie ? { name: s.cookie.name } : pair(s.raw);
      const row = touch(p.name, s.cookie?.domain ?? host, s.cookie?.path ?? '', s.purpose, host);
      row.setCount++;
      if (!s.stored) {
        row.rejectedCount++;
        row.rejectWhy ??= s.rejectWhy ?? null;
      }
      if (row.setBy.length < 50 && !row.setBy.includes(x.id)) row.setBy.push(x.id);
      context(row, x, e);
    }
    const sent = e.cookies.send
      ? e.cookies.send.sent.map((s) => ({ name: s.cookie.name, domain: s.cookie.domain, path: s.cookie.path }))
      : e.cookies.requestCookies.map((r) => ({ name: r.name, domain: host, path: '' }));
    for (const s of sent) {
      // a cookie the recording saw set (any path) is the same row when only its name and host are known
      const known = s.path === '' ? (byName.get(s.name) ?? []).find((r) => r.domain === s.domain || s.domain.endsWith('.' + r.domain)) : null;
      const row = known ?? touch(s.name, s.domain, s.path, null, host);
      row.sentCount++;
      if (row.sentWith.length < 50 && !row.sentWith.includes(x.id)) row.sentWith.push(x.id);
      context(row, x, e);
    }
  }
  for (const row of rows.values()) {
    const cat = row.purpose.category;
    const named =
      row.purpose.source === 'ocd'
        ? `${cat} in the Open Cookie Database (${row.purpose.platform})`
        : row.purpose.source === 'ours'
          ? `${cat} by Cache Lens's own list (${row.purpose.platform}${row.purpose.ocdCategory ? `; ${row.purpose.ocdCategory} in the Open Cookie Database` : ''})`
          : 'no purpose known for this name';
    row.tracking = row.thirdParty && TRACKING_CATEGORIES.has(cat);
    const party = row.thirdParty
      ? `third-party: set or sent on a request to another site than the page${row.topSites.length ? ` (${row.topSites.join(', ')})` : ''}`
      : 'first-party: only seen on requests to the page’s own site';
    row.why = row.tracking ? `Tracking: ${named}, and ${party}.` : `${named[0].toUpperCase()}${named.slice(1)}; ${party}.`;
  }
  return [...rows.values()].sort((a, b) => Number(b.tracking) - Number(a.tracking) || Number(b.thirdParty) - Number(a.thirdParty) || a.domain.localeCompare(b.domain) || a.name.localeCompare(b.name));
}

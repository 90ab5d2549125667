/**
 * Purposes the Open Cookie Database lacks, and the one rule that combines them with it (issue 9: "a documented mapping
 * of ours for what it lacks: login/session, load-balancer stickiness, consent, bot protection"). Used by every surface
 * that names a cookie's purpose (the panel's overview and columns, the CLI), so the decision is made here, once.
 * Each row names where the cookie name comes from (vendor documentation).
 */
import type { CookiePurpose } from '../explanation';

export type PurposeLookup = (name: string, where?: { host?: string | null; domain?: string | null }) => CookiePurpose | null;

/** Categories the overview groups by: the Open Cookie Database's six, ours (below) and Unknown. */
export const OCD_CATEGORIES: readonly string[] = ['Necessary', 'Functional', 'Security', 'Personalization', 'Analytics', 'Marketing'];
export const TRACKING_CATEGORIES: ReadonlySet<string> = new Set(['Analytics', 'Marketing']);

/**
 * Ours, for what the Open Cookie Database does not list; used only when it has no entry for the name. Each row is a
 * name pattern, the category and what it is, with where the name comes from.
 */
export const OUR_PURPOSES: ReadonlyArray<{ pattern: RegExp; category: string; platform: string; description: string }> = [
  // AWS ALB/ELB stickiness: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/sticky-sessions.html
  {
    pattern: /^AWS(ALB|ALBCORS|ALBTG|ALBTGCORS|ELB|ELBCORS)$/,
    category: 'Load balancing',
    platform: 'AWS Elastic Load Balancing',
    description: 'Stickiness: keeps your requests on the same backend server.',
  },
  // HAProxy's classic "cookie SERVERID insert" (HAProxy configuration manual, "cookie"); F5 BIG-IP persistence cookies.
  {
    pattern: /^(SERVERID|SRVNAME|ROUTEID|route|BIGipServer.*|TS01[0-9a-f]{6})$/,
    category: 'Load balancing',
    platform: 'Load balancer (HAProxy, F5 BIG-IP, Apache mod_proxy_balancer)',
    description: 'Stickiness: names the backend server that should answer this browser next time.',
  },
  // Azure App Service ARR affinity; Google Cloud load balancer; Kubernetes ingress-nginx affinity.
  {
    pattern: /^(ARRAffinity|ARRAffinitySameSite|GCLB|INGRESSCOOKIE)$/,
    category: 'Load balancing',
    platform: 'Cloud load balancer',
    description: 'Stickiness: keeps your requests on the same instance.',
  },
  // Consent management platforms (IAB TCF v2 euconsent-v2, OneTrust, Cookiebot, Didomi, Osano/cookieconsent).
  {
    pattern:
      /^(euconsent(-v2)?|OptanonConsent|OptanonAlertBoxClosed|CookieConsent|cookieconsent_status|didomi_token|usprivacy|cmplz_.*|borlabs-cookie)$/,
    category: 'Consent',
    platform: 'Consent manager',
    description: 'Remembers which cookies you agreed to.',
  },
  // Bot protection: Cloudflare, Akamai Bot Manager, Imperva, DataDome, PerimeterX/HUMAN.
  {
    pattern: /^(__cf_bm|cf_clearance|_abck|bm_sz|bm_sv|bm_mi|ak_bmsc|datadome|reese84|incap_ses_.*|visid_incap_.*|nlbi_.*|_px[0-9a-z]*)$/,
    category: 'Bot protection',
    platform: 'Bot protection service',
    description: 'Tells people from bots; checked by the site or its CDN.',
  },
  // Framework session cookies (PHP, Java servlet, ASP.NET, Express, Rails, Laravel, Django).
  {
    pattern:
      /^(PHPSESSID|JSESSIONID|ASP\.NET_SessionId|\.ASPXAUTH|connect\.sid|_session_id|[a-z0-9_]+_session|laravel_session|sessionid|csrftoken|XSRF-TOKEN)$/i,
    category: 'Login/session',
    platform: 'Web framework',
    description: 'Keeps you signed in or ties requests to your session.',
  },
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

export function purposeFor(
  name: string,
  engine: CookiePurpose | null,
  lookup: PurposeLookup | null,
  where: { host?: string | null; domain?: string | null },
): OverviewPurpose {
  const p = engine ?? lookup?.(name, where) ?? null;
  const ours = OUR_PURPOSES.find((o) => o.pattern.test(name));
  if (ours && (!p || REFINABLE.has(p.category)))
    return {
      category: ours.category,
      platform: ours.platform,
      description: ours.description,
      source: 'ours',
      ...(p ? { ocdCategory: p.category } : {}),
    };
  if (p) return { category: p.category, platform: p.platform, description: p.description, source: 'ocd' };
  return { category: 'Unknown', platform: null, description: null, source: 'unknown' };
}

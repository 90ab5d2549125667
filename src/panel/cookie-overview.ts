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

export {
  OCD_CATEGORIES,
  OUR_PURPOSES,
  purposeFor,
  TRACKING_CATEGORIES,
  type OverviewPurpose,
  type PurposeLookup,
} from '../core/cookies/our-purposes';
import { purposeFor, TRACKING_CATEGORIES, type OverviewPurpose, type PurposeLookup } from '../core/cookies/our-purposes';

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
  const p = raw.split(';')[0]!;
  const eq = p.indexOf('=');
  return eq < 0 ? { name: '', value: p.trim() } : { name: p.slice(0, eq).trim(), value: p.slice(eq + 1).trim() };
}

export function buildOverview(
  records: readonly ExchangeRecord[],
  explainFor: (x: ExchangeRecord) => Explanation | null,
  lookup: PurposeLookup | null,
): OverviewCookie[] {
  const rows = new Map<string, OverviewCookie>();
  const byName = new Map<string, OverviewCookie[]>();
  const touch = (name: string, domain: string, path: string, engine: CookiePurpose | null, host: string) => {
    const key = `${name}\u0000${domain}\u0000${path}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        name,
        domain,
        path,
        purpose: purposeFor(name, engine, lookup, { host, domain }),
        thirdParty: false,
        tracking: false,
        why: '',
        setCount: 0,
        rejectedCount: 0,
        rejectWhy: null,
        sentCount: 0,
        setBy: [],
        sentWith: [],
        topSites: [],
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
      const known =
        s.path === '' ? (byName.get(s.name) ?? []).find((r) => r.domain === s.domain || s.domain.endsWith('.' + r.domain)) : null;
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
    row.why = row.tracking ? `Tracking: ${named}, and ${party}.` : `${named.charAt(0).toUpperCase()}${named.slice(1)}; ${party}.`;
  }
  return [...rows.values()].sort(
    (a, b) =>
      Number(b.tracking) - Number(a.tracking) ||
      Number(b.thirdParty) - Number(a.thirdParty) ||
      a.domain.localeCompare(b.domain) ||
      a.name.localeCompare(b.name),
  );
}

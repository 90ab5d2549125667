/** Cookie scope and lifetime in plain words, for the panel and the CLI. */
import type { JarCookie } from '../types';
import { registrableDomain } from './site';

/** YYYY-MM-DD (UTC) by arithmetic (civil-from-days), cheaper than a Date object on hot paths. */
export function isoDay(epochSeconds: number): string {
  if (!Number.isFinite(epochSeconds) || Math.abs(epochSeconds) > 253402300799) return 'an unrepresentable date';
  const z = Math.floor(epochSeconds / 86400) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function unit(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "29 days", "3 hours", "45 seconds": the largest unit that keeps at least 2 of it (or 1 day). */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return unit(s, 'second');
  if (s < 2 * 3600) return unit(Math.round(s / 60), 'minute');
  if (s < 2 * 86400) return unit(Math.round(s / 3600), 'hour');
  return unit(Math.round(s / 86400), 'day');
}

/** lifetimeWords' sentences by expiry, for one `now` (a Max-Age gives every cookie of a run the same expiry). */
const LIFETIMES = new Map<number, string>();
let lifetimesNow = NaN;

export function lifetimeWords(c: Pick<JarCookie, 'persistent' | 'expires'>, now: number, capped = false): string {
  if (!c.persistent || c.expires === null) return 'session cookie: gone when the browser closes';
  if (c.expires <= now) return 'already expired: this deletes the cookie';
  if (now !== lifetimesNow) {
    LIFETIMES.clear();
    lifetimesNow = now;
  }
  let base = LIFETIMES.get(c.expires);
  if (base === undefined) {
    base = `expires in ${duration(c.expires - now)} (${isoDay(c.expires)})`;
    if (LIFETIMES.size >= WORDS_LIMIT) LIFETIMES.clear();
    LIFETIMES.set(c.expires, base);
  }
  return capped ? `${base}, cut down to the 400-day maximum` : base;
}

/** Another host the cookie does not reach, to make "host-only" concrete. */
function siblingOf(host: string): string {
  const site = registrableDomain(host);
  if (site !== host && site.includes('.')) {
    const first = host.slice(0, host.length - site.length - 1).split('.')[0];
    return `${first === 'shop' ? 'www' : 'shop'}.${site}`;
  }
  return `www.${host}`;
}

/** The first scope sentence by domain: the same few domains come back for every cookie of a page. */
const HOST_ONLY_WORDS = new Map<string, string>();
const DOMAIN_WORDS = new Map<string, string>();
const WORDS_LIMIT = 1024;

function domainWords(memo: Map<string, string>, domain: string, hostOnly: boolean): string {
  let words = memo.get(domain);
  if (words === undefined) {
    words = hostOnly
      ? `host-only: sent to ${domain} but not to ${siblingOf(domain)}`
      : `domain cookie: sent to ${domain} and every subdomain of it (e.g. www.${domain})`;
    if (memo.size >= WORDS_LIMIT) memo.clear();
    memo.set(domain, words);
  }
  return words;
}

function sameSiteWords(sameSite: JarCookie['sameSite']): string {
  switch (sameSite) {
    case 'strict':
      return 'SameSite=Strict: never sent when another site links or embeds here';
    case 'lax':
      return 'SameSite=Lax: sent cross-site only when following a link (top-level GET)';
    case 'none':
      return 'SameSite=None: sent on cross-site requests too (embeds, iframes, fetches)';
    default:
      return 'no SameSite: Chrome treats it as Lax, Firefox sends it cross-site';
  }
}

export function scopeWords(c: JarCookie): string[] {
  // One array literal of the five sentences every cookie has (sized to fit, unlike one grown by push).
  const out = [
    c.hostOnly ? domainWords(HOST_ONLY_WORDS, c.domain, true) : domainWords(DOMAIN_WORDS, c.domain, false),
    c.path === '/' ? 'sent for every path on the host' : `sent for every path under ${c.path} (and ${c.path} itself), not elsewhere`,
    c.secure
      ? 'Secure: only over HTTPS (or to localhost)'
      : 'not Secure: also sent over plain HTTP, where anyone on the network can read it',
    c.httpOnly ? 'HttpOnly: JavaScript cannot read it' : 'readable by JavaScript on the page (document.cookie)',
    sameSiteWords(c.sameSite),
  ];
  if (c.partitioned) out.push(`partitioned: only visible while the top-level site is ${c.partitionKey ?? 'the same'}`);
  return out;
}

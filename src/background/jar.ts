/**
 * Cookie jar snapshots through the cookies API. getAll() from the background sees HttpOnly cookies too; partitioned
 * (CHIPS) cookies are listed only when a partitionKey is passed
 * (https://developer.chrome.com/docs/extensions/reference/api/cookies#partitioned-cookies,
 *  https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/cookies#storage_partitioning).
 */
import { getDomain } from 'tldts';
import type { Cookies } from 'webextension-polyfill';
import type { JarCookie } from '../core/types';
import { mergeJar, topLevelSiteOf, type ApiCookie } from './adapter';

/** Registrable domain per host, memoised: every request of a burst asks for the same few hosts (bounded). */
const domainByHost = new Map<string, string>();

/** The registrable domain of a URL's host (or the host itself for IPs and single labels). */
export function siteDomainOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    let domain = domainByHost.get(host);
    if (domain === undefined) {
      domain = getDomain(host, { allowPrivateDomains: true }) ?? host.replace(/^\[|\]$/g, '');
      if (domainByHost.size >= 1000) domainByHost.clear();
      domainByHost.set(host, domain);
    }
    return domain;
  } catch {
    return undefined;
  }
}

/**
 * The cookies API calls a jar reading makes (webextension-polyfill's `browser.cookies`, or a fake). No answer counts
 * as no cookies, as before the polyfill.
 */
export interface CookiesApi {
  getAll(details: Cookies.GetAllDetailsType): Promise<ApiCookie[] | undefined>;
}

async function getAllSafe(cookies: CookiesApi, details: Cookies.GetAllDetailsType): Promise<ApiCookie[]> {
  try {
    return (await cookies.getAll(details)) ?? [];
  } catch {
    // Older browsers reject partitionKey; a site key they dislike must not lose the unpartitioned snapshot.
    return [];
  }
}

/**
 * Every cookie of the URL's site (all subdomains, paths and Secure flags, so the send model can say why one was
 * not sent), plus those partitioned under the tab's top-level site.
 */
export async function snapshotJar(
  cookies: CookiesApi,
  url: string,
  topLevelUrl: string | undefined,
  storeId?: string,
): Promise<JarCookie[]> {
  const domain = siteDomainOf(url);
  if (!domain) return [];
  const base: Cookies.GetAllDetailsType = { domain };
  if (storeId) base.storeId = storeId;
  const lists: ApiCookie[][] = [await getAllSafe(cookies, base)];
  const topLevelSite = topLevelSiteOf(topLevelUrl ?? url);
  if (topLevelSite) lists.push(await getAllSafe(cookies, { ...base, partitionKey: { topLevelSite } }));
  return mergeJar(lists);
}

/** The JarCache fetcher reading through a cookies API. */
export const cookiesJarFetcher =
  (cookies: CookiesApi): JarFetcher =>
  (url, topLevelUrl, storeId) =>
    snapshotJar(cookies, url, topLevelUrl, storeId);

/** The registrable domain of a cookie's Domain (leading dot ignored), the key its changes invalidate. */
export function siteDomainOfHost(host: string): string {
  const h = host.replace(/^\./, '').toLowerCase();
  return getDomain(h, { allowPrivateDomains: true }) ?? h.replace(/^\[|\]$/g, '');
}

/** One cached jar: the cookies of a site (+ those partitioned under one top-level site) in one cookie store. */
export interface JarReading {
  jar: JarCookie[];
  /** Epoch ms when the cookies API was asked (the jar is known to be unchanged from then until invalidated). */
  takenMs: number;
}

interface JarEntry {
  site: string;
  /** Epoch ms when the reading started. */
  startedMs: number;
  pending: Promise<JarReading>;
  /** Set once the reading resolved while the entry was still current. */
  reading?: JarReading;
  /** Epoch ms when the first of its cookies expires: the reading is stale from then (expiry fires no onChanged in time). */
  staleAtMs: number;
}

export type JarFetcher = (url: string, topLevelUrl: string | undefined, storeId?: string) => Promise<JarCookie[]>;

/**
 * A per-site cache of the cookie jar, so every request to a host with cookies can carry the jar it was made against
 * without a cookies API call per request: one getAll pair (plain + partitioned) per site, top-level site and cookie
 * store, kept until cookies.onChanged reports a change to a cookie of that site. A burst of 2,000 requests to one
 * site costs two API calls; the requests that arrive while they run share the same promise.
 *
 * A reading that was in flight when its site changed is handed to the requests that waited for it but not kept.
 */
export class JarCache {
  private readonly entries = new Map<string, JarEntry>();
  /** cookies API calls made (for tests and the benchmark). */
  fetches = 0;

  constructor(
    private readonly fetchJar: JarFetcher,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 300,
  ) {}

  key(url: string, topLevelUrl: string | undefined, storeId?: string): string | undefined {
    if (!url.startsWith('http:') && !url.startsWith('https:')) return undefined;
    const site = siteDomainOf(url);
    if (!site) return undefined;
    return `${storeId ?? ''}|${site}|${topLevelSiteOf(topLevelUrl ?? url) ?? ''}`;
  }

  /** The cached reading, if one is complete and still current (no cookie of the site changed since). Synchronous. */
  peek(url: string, topLevelUrl: string | undefined, storeId?: string): JarReading | undefined {
    const key = this.key(url, topLevelUrl, storeId);
    if (key === undefined) return undefined;
    const entry = this.entries.get(key);
    return entry && this.now() < entry.staleAtMs ? entry.reading : undefined;
  }

  /**
   * The jar for a request. `notBefore` (epoch ms): only use a reading started at or after it. A response that set
   * cookies passes the moment it completed, so its reading surely contains them (cookies.onChanged can arrive later
   * than onCompleted).
   */
  get(url: string, topLevelUrl: string | undefined, storeId?: string, notBefore = 0): Promise<JarReading> {
    const key = this.key(url, topLevelUrl, storeId);
    if (key === undefined) return Promise.resolve({ jar: [], takenMs: this.now() });
    const hit = this.entries.get(key);
    if (hit && hit.startedMs >= notBefore && this.now() < hit.staleAtMs) return hit.pending;
    const startedMs = this.now();
    const entry: JarEntry = {
      site: key.split('|')[1]!, // key() builds `store|site|top`
      startedMs,
      staleAtMs: Infinity,
      pending: undefined as unknown as Promise<JarReading>,
    };
    this.fetches++;
    entry.pending = this.fetchJar(url, topLevelUrl, storeId).then(
      (jar) => {
        const reading = { jar, takenMs: startedMs };
        for (const c of jar) if (c.expires !== null && c.expires * 1000 < entry.staleAtMs) entry.staleAtMs = c.expires * 1000;
        if (this.entries.get(key) === entry) entry.reading = reading;
        return reading;
      },
      (err: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw err;
      },
    );
    this.entries.delete(key); // re-insert: the Map's order is the eviction order (oldest reading first)
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return entry.pending;
  }

  /**
   * cookies.onChanged: forget the readings of the changed cookie's site (every top-level site and store: a
   * partitioned cookie of that site belongs to one of them). Without a cookie (a change the recorder made itself,
   * or an unknown one) everything goes.
   */
  invalidate(cookie?: { domain?: string }): void {
    if (!cookie?.domain) {
      this.entries.clear();
      return;
    }
    const site = siteDomainOfHost(cookie.domain);
    for (const [key, entry] of this.entries) if (entry.site === site) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

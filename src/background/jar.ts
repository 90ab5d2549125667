/**
 * Cookie jar snapshots through the cookies API. getAll() from the background sees HttpOnly cookies too; partitioned
 * (CHIPS) cookies are listed only when a partitionKey is passed
 * (https://developer.chrome.com/docs/extensions/reference/api/cookies#partitioned-cookies,
 *  https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/cookies#storage_partitioning).
 */
import { getDomain } from 'tldts';
import type { JarCookie } from '../core/types';
import { mergeJar, topLevelSiteOf, type ApiCookie } from './adapter';

/** The registrable domain of a URL's host (or the host itself for IPs and single labels). */
export function siteDomainOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    return getDomain(host, { allowPrivateDomains: true }) ?? host.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

async function getAllSafe(details: chrome.cookies.GetAllDetails): Promise<ApiCookie[]> {
  try {
    return ((await chrome.cookies.getAll(details)) ?? []) as ApiCookie[];
  } catch {
    // Older browsers reject partitionKey; a site key they dislike must not lose the unpartitioned snapshot.
    return [];
  }
}

/**
 * Every cookie of the URL's site (all subdomains, paths and Secure flags, so the send model can say why one was
 * not sent), plus those partitioned under the tab's top-level site.
 */
export async function snapshotJar(url: string, topLevelUrl: string | undefined, storeId?: string): Promise<JarCookie[]> {
  const domain = siteDomainOf(url);
  if (!domain) return [];
  const base: chrome.cookies.GetAllDetails = { domain };
  if (storeId) base.storeId = storeId;
  const lists: ApiCookie[][] = [await getAllSafe(base)];
  const topLevelSite = topLevelSiteOf(topLevelUrl ?? url);
  if (topLevelSite) lists.push(await getAllSafe({ ...base, partitionKey: { topLevelSite } } as chrome.cookies.GetAllDetails));
  return mergeJar(lists);
}

/** Shares one snapshot between the many requests of a burst to the same site (within `windowMs`). */
export class JarSnapshots {
  private readonly recent = new Map<string, { at: number; jar: Promise<JarCookie[]> }>();
  constructor(private readonly windowMs = 250) {}

  /**
   * `notBefore` (epoch ms): only share a snapshot started at or after it. A response that set cookies passes the
   * moment it completed, so its snapshot surely contains them (cookies.onChanged can arrive later than onCompleted).
   */
  get(url: string, topLevelUrl: string | undefined, storeId?: string, notBefore = 0): Promise<JarCookie[]> {
    const key = `${storeId ?? ''}|${siteDomainOf(url)}|${topLevelSiteOf(topLevelUrl ?? url)}`;
    const now = Date.now();
    const hit = this.recent.get(key);
    if (hit && now - hit.at < this.windowMs && hit.at >= notBefore) return hit.jar;
    const jar = snapshotJar(url, topLevelUrl, storeId);
    this.recent.set(key, { at: now, jar });
    if (this.recent.size > 200) for (const [k, v] of this.recent) if (now - v.at >= this.windowMs) this.recent.delete(k);
    return jar;
  }

  /** After a cookie change the shared snapshot is stale. */
  invalidate(): void {
    this.recent.clear();
  }
}

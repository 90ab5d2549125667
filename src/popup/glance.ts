/**
 * "At a glance": what the toolbar badge and the popup say about a tab's main document, rendered from the engine's
 * explanation (src/core explain()). Nothing here decides anything about caching or cookies: the CDN, its cache
 * status and PoP, the next-use sentence, the cookie outcomes and the findings are all the engine's; this only picks
 * which of its answers to show and how the badge spells them. Pure (no chrome.*, no DOM): the background and the
 * popup both call it.
 */
import type { CdnCacheStatus, Explanation } from '../core/explanation';
import type { Severity } from '../core/types';
import { cookieCounts, nextLoads } from '../panel/format';

/** storage.session key of a tab's main-document record: written by src/background/badge.ts, read by the popup. */
export const glanceKey = (tabId: number) => `cacheLens.glance.${tabId}`;

export interface BadgeLook {
  /** At most 5 characters (the toolbar shows about 4). Empty: no badge. */
  text: string;
  /** Background colour, by meaning: green served from the CDN's cache, red went to the origin, amber stale or
   * expired, blue revalidated, grey not cached there. */
  color: string;
  /** The action's tooltip: the CDN and the verdict in words. */
  title: string;
}

/**
 * Badge per CDN cache status (the engine's normalised `cdn.cacheStatus`). Colours meet 4.5:1 against white text.
 */
export const BADGE_FOR_STATUS: Record<CdnCacheStatus, { text: string; color: string; words: string }> = {
  hit: { text: 'HIT', color: '#188038', words: 'served from its cache' },
  miss: { text: 'MISS', color: '#c5221f', words: 'not in its cache: fetched from the origin' },
  expired: { text: 'EXP', color: '#b06000', words: 'its copy had expired: fetched from the origin again' },
  stale: { text: 'STALE', color: '#b06000', words: 'served a stale copy from its cache' },
  revalidated: { text: 'REVAL', color: '#1a73e8', words: 'checked its copy with the origin, which confirmed it' },
  bypass: { text: 'BYP', color: '#5f6368', words: 'bypassed its cache' },
  dynamic: { text: 'DYN', color: '#5f6368', words: 'did not consider it cacheable (dynamic)' },
  unknown: { text: '?', color: '#5f6368', words: 'gave a cache status Cache Lens does not know' },
};

export interface Glance {
  url: string;
  cdnName: string | null;
  cacheStatus: CdnCacheStatus | null;
  /** The header value it came from ("HIT", "Hit from cloudfront"). */
  rawCacheStatus: string | null;
  pop: string | null;
  popCity: string | null;
  badge: BadgeLook;
  /** One sentence: the CDN's part, when there is one. */
  cdnSentence: string;
  /** One sentence: what the browser does with the document next (the engine's next-use prediction). */
  verdict: string;
  cookiesSet: number;
  cookiesRejected: number;
  /** The engine's worst finding (warnings and errors first; `good` ones are not findings to fix). */
  worst: { id: string; severity: Severity; summary: string; fix?: string } | null;
}

export function glanceOf(e: Explanation): Glance {
  const cdn = e.cdn;
  const status = cdn.cacheStatus;
  const look = status ? BADGE_FOR_STATUS[status] : null;
  const where = cdn.pop ? ` at ${cdn.popCity ? `${cdn.popCity} (${cdn.pop})` : cdn.pop}` : '';
  const cdnSentence = cdn.cdnName
    ? look
      ? `${cdn.cdnName}${where} ${look.words}${cdn.rawCacheStatus ? ` (${cdn.rawCacheStatus})` : ''}.`
      : `Served through ${cdn.cdnName}${where}, which gave no cache status.`
    : look
      ? `A cache on the way ${look.words}${cdn.rawCacheStatus ? ` (${cdn.rawCacheStatus})` : ''}.`
      : 'No CDN or cache on the way announced itself.';
  const verdict = nextLoads(e.cache.nextUse).applies.plain;
  const k = cookieCounts(e);
  const first = e.findings.find((f) => f.severity !== 'good') ?? null;
  const badge: BadgeLook = {
    text: look?.text ?? '',
    color: look?.color ?? '#5f6368',
    title: `Cache Lens: ${cdnSentence} ${verdict}`,
  };
  return {
    url: e.url,
    cdnName: cdn.cdnName,
    cacheStatus: status,
    rawCacheStatus: cdn.rawCacheStatus,
    pop: cdn.pop,
    popCity: cdn.popCity,
    badge,
    cdnSentence,
    verdict,
    cookiesSet: k.set,
    cookiesRejected: k.rejected,
    worst: first ? { id: first.id, severity: first.severity, summary: first.summary, ...(first.fix ? { fix: first.fix } : {}) } : null,
  };
}

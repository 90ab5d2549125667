/**
 * "At a glance": what the toolbar badge and the popup say about a tab's main document, rendered from the engine's
 * explanation (src/core explain()). Nothing here decides anything about caching or cookies: the CDN, its cache
 * status and PoP, the next-use sentence, the cookie outcomes and the findings are all the engine's; this only picks
 * which of its answers to show and how the badge spells them. Pure (no chrome.*, no DOM): the background and the
 * popup both call it.
 */
import type { CdnCacheStatus, Explanation } from '../core/explanation';
import type { Severity } from '../core/types';
import { cookieCounts, nextLoads, SEVERITY_RANK, shortName } from '../panel/format';

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
  /** Cookies set (Set-Cookie lines the engine explained) and rejected, over `requests` responses. */
  cookiesSet: number;
  cookiesRejected: number;
  /** How many responses the counts and the worst finding cover: 1 (the document) or the page's. */
  requests: number;
  /** The engine's worst finding (errors, then warnings, then notes; `good` ones are not findings to fix), and on
   * which response when the page's are counted. */
  worst: { id: string; severity: Severity; summary: string; fix?: string; where?: string } | null;
}

/**
 * `doc` is the engine's explanation of the main document; `page`, when given, the explanations of every response of
 * the page (the document included): cookies and the worst finding are then counted over the page.
 */
export function glanceOf(doc: Explanation, page?: readonly Explanation[]): Glance {
  const cdn = doc.cdn;
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
  const verdict = nextLoads(doc.cache.nextUse).applies.plain;
  const all = page?.length ? page : [doc];
  let cookiesSet = 0;
  let cookiesRejected = 0;
  let worst: Glance['worst'] = null;
  let worstRank = SEVERITY_RANK.good;
  for (const e of all) {
    const k = cookieCounts(e);
    cookiesSet += k.set;
    cookiesRejected += k.rejected;
    // findings are worst first within an explanation; the first response with the worst severity wins
    const f = e.findings.find((x) => x.severity !== 'good');
    if (f && SEVERITY_RANK[f.severity] < worstRank) {
      worstRank = SEVERITY_RANK[f.severity];
      worst = {
        id: f.id,
        severity: f.severity,
        summary: f.summary,
        ...(f.fix ? { fix: f.fix } : {}),
        ...(page?.length ? { where: shortName(e.url) } : {}),
      };
    }
  }
  const badge: BadgeLook = {
    text: look?.text ?? '',
    color: look?.color ?? '#5f6368',
    title: `Cache Lens: ${cdnSentence} ${verdict}`,
  };
  return {
    url: doc.url,
    cdnName: cdn.cdnName,
    cacheStatus: status,
    rawCacheStatus: cdn.rawCacheStatus,
    pop: cdn.pop,
    popCity: cdn.popCity,
    badge,
    cdnSentence,
    verdict,
    cookiesSet,
    cookiesRejected,
    requests: all.length,
    worst,
  };
}

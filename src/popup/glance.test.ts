import { describe, expect, it } from 'vitest';
import { explain } from '../core/explain';
import type { ExchangeRecord } from '../core/types';
import { BADGE_FOR_STATUS, glanceOf } from './glance';

const NOW_MS = Date.UTC(2026, 10, 21, 12, 0, 0);

function doc(headers: Record<string, string>, setCookies: string[] = []): ExchangeRecord {
  return {
    id: 'd',
    url: 'https://www.example.com/',
    method: 'GET',
    status: 200,
    requestHeaders: [],
    responseHeaders: [
      ...Object.entries(headers).map(([name, value]) => ({ name, value })),
      ...setCookies.map((value) => ({ name: 'Set-Cookie', value })),
    ],
    requestTimeMs: NOW_MS - 1000,
    responseTimeMs: NOW_MS - 900,
    source: 'network',
    resourceType: 'main_frame',
    navigation: 'top-level',
  };
}

const glance = (x: ExchangeRecord) => glanceOf(explain(x, { browser: 'chrome', now: NOW_MS / 1000 }));

describe('glanceOf (badge and popup)', () => {
  it('spells the CDN cache status the engine found, with the CDN and PoP in the title', () => {
    const g = glance(
      doc({
        'cache-control': 'public, max-age=300',
        'x-cache': 'MISS, HIT',
        'x-served-by': 'cache-iad-kiad7000025-IAD, cache-fra-eddf8230045-FRA',
        via: '1.1 varnish, 1.1 varnish',
      }),
    );
    expect(g.cdnName).toBe('Fastly');
    expect(g.cacheStatus).toBe('hit');
    expect(g.badge).toMatchObject({ text: 'HIT', color: '#188038' });
    expect(g.badge.title).toContain('Fastly');
    expect(g.badge.title).toContain('served from its cache');
    expect(g.pop).toBe('FRA');
    // the verdict is the engine's next-use sentence, word for word
    expect(g.verdict).toBe(
      explain(doc({ 'cache-control': 'public, max-age=300' }), { browser: 'chrome', now: NOW_MS / 1000 }).cache.nextUse.plain,
    );
  });

  it('DYN for a dynamic Cloudflare page, counts cookies set and rejected, and names the worst finding', () => {
    const g = glance(
      doc({ 'cache-control': 'no-store', server: 'cloudflare', 'cf-ray': '8abc123-LHR', 'cf-cache-status': 'DYNAMIC' }, [
        'sid=1; Secure; HttpOnly',
        'bad=1; Domain=other.test',
      ]),
    );
    expect(g.badge.text).toBe('DYN');
    expect(g.badge.color).toBe(BADGE_FOR_STATUS.dynamic.color);
    expect(g.cdnSentence).toContain('Cloudflare at London (LHR)');
    expect(g.cookiesSet).toBe(2);
    expect(g.cookiesRejected).toBe(1);
    expect(g.worst).not.toBeNull();
    expect(['error', 'warning', 'info']).toContain(g.worst!.severity);
  });

  it('no badge text when no CDN or cache announced itself', () => {
    const g = glance(doc({ 'cache-control': 'max-age=60' }));
    expect(g.badge.text).toBe('');
    expect(g.cdnSentence).toBe('No CDN or cache on the way announced itself.');
    expect(g.badge.title).toContain('No CDN');
  });

  it('every cache status has a badge of at most 5 characters', () => {
    for (const b of Object.values(BADGE_FOR_STATUS)) expect(b.text.length).toBeLessThanOrEqual(5);
  });
});

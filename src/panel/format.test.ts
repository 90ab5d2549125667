import { describe, expect, it } from 'vitest';
import { countdown, duration, safeHref, shortName } from './format';

describe('formatters', () => {
  it('names a request by its last path segment and query, decoded for reading', () => {
    expect(shortName('https://a.test/x/app.js?v=2')).toBe('app.js?v=2');
    expect(shortName('https://a.test/')).toBe('a.test');
    expect(shortName('http://lab.test/xss/%3Cimg%20src%3Dx%3E')).toBe('<img src=x>');
    expect(shortName('http://lab.test/bad/%E0%A4%A')).toBe('%E0%A4%A');
  });
  it('only lets https:// links through', () => {
    expect(safeHref('https://www.rfc-editor.org/rfc/rfc9111')).toBe('https://www.rfc-editor.org/rfc/rfc9111');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('http://example.com')).toBeNull();
    expect(safeHref('https://x.test/"onmouseover=')).toBeNull();
  });
  it('formats durations and countdowns', () => {
    expect(duration(3540)).toBe('59 min');
    expect(duration(86400 * 30)).toBe('30 d');
    expect(countdown(3725)).toBe('1 h 02 min 05 s');
    expect(countdown(-5)).toBe('0 s');
  });
});

import { GLOSSARY, HEADER_LINKS } from './glossary';
describe('glossary table', () => {
  it('has a plain sentence, a rule and an https link for every term and header', () => {
    for (const [id, g] of Object.entries(GLOSSARY)) {
      expect(g.plain.length, id).toBeGreaterThan(20);
      expect(g.rule.length, id).toBeGreaterThan(10);
      expect(safeHref(g.link), id).not.toBeNull();
    }
    for (const link of Object.values(HEADER_LINKS)) expect(safeHref(link)).not.toBeNull();
    for (const term of ['freshness', 'validator', 'shared-cache', 'host-only', 'samesite', 'edge', 'pop'])
      expect(GLOSSARY[term]).toBeDefined();
  });
});

import { cookieCounts } from './format';
import type { Explanation } from '../core/explanation';
describe('cookie counts in the list', () => {
  it('marks surprising not-sent reasons but not cookies scoped to another path or host', () => {
    const cookie = {
      name: 'a',
      value: '1',
      domain: 'lab.test',
      hostOnly: true,
      path: '/',
      secure: false,
      httpOnly: false,
      sameSite: 'lax' as const,
      partitioned: false,
      persistent: false,
      expires: null,
    };
    const withReasons = (...reasons: string[]) =>
      ({
        cookies: {
          setCookies: [],
          requestCookies: [],
          send: { sent: [], cookieHeader: null, notSent: reasons.map((reason, jarIndex) => ({ jarIndex, cookie, reason, why: '' })) },
        },
      }) as unknown as Explanation;
    expect(cookieCounts(withReasons('path-mismatch', 'domain-mismatch')).notSent).toBe(0);
    expect(cookieCounts(withReasons('path-mismatch', 'samesite-lax', 'secure-only')).notSent).toBe(2);
  });
});

import { freshnessLabel, nextLoads, servedAs, sourceLabel, type NextUseWithLoads } from './format';
import { explanation, record } from './test/fixtures';
describe('engine decisions in words', () => {
  it('the Freshness cell says what the engine decided at its moment, nothing more', () => {
    const x = record({ id: 'a' });
    const e = explanation(x);
    expect(freshnessLabel(e)).toBe('fresh 59 min');
    const stale = explanation(x, {}, e.cache.now + 3600);
    expect(freshnessLabel(stale)).toBe('stale 1 min');
    const notStored = { ...e, cache: { ...e.cache, private: { ...e.cache.private, storable: false } } };
    expect(freshnessLabel(notStored)).toBe('not stored');
    // a response the engine calls fresh but to be checked before every use (no-cache)
    const noCache = { ...e, cache: { ...e.cache, private: { ...e.cache.private, mustRevalidate: true } } };
    expect(freshnessLabel(noCache)).toBe('revalidate each use');
    expect(freshnessLabel(null)).toBe('');
  });
  it('where it came from follows the engine, not the status code', () => {
    const x = record({ id: 'a', status: 304, source: 'network' });
    // the engine saw no revalidation: the panel does not invent one from the 304
    expect(sourceLabel(x, explanation(x))).toBe('network');
    expect(servedAs(x, explanation(x))).toBe('download');
    const linked = explanation(x, {
      cache: { ...explanation(x).cache, revalidation: { previousId: 'p', inferred: false, validator: 'etag', matched: true, plain: 'p' } },
    });
    expect(sourceLabel(x, linked)).toBe('revalidated (304)');
    expect(servedAs(x, linked)).toBe('revalidate');
    const hit = record({ id: 'b', source: 'memory-cache' });
    expect(servedAs(hit, explanation(hit))).toBe('from-cache');
    // before the engine has loaded, the record's own source
    expect(sourceLabel(hit, null)).toBe('memory cache');
  });
  it('next use: the prediction that applies first, the other on request once the engine gives both', () => {
    const n = explanation(record({ id: 'a' })).cache.nextUse;
    const legacy = nextLoads(n);
    expect(legacy.applies).toMatchObject({ kind: 'navigation', plain: n.plain, action: n.action });
    expect(legacy.other).toBeNull();
    expect(legacy.reload).toBe(n.onReload);
    const withLoads: NextUseWithLoads = {
      ...n,
      appliesTo: 'reload',
      loads: {
        navigation: { action: 'from-cache', plain: 'Nav plain.', conditionalHeaders: [] },
        reload: { action: 'revalidate', plain: 'Reload plain.', conditionalHeaders: ['If-None-Match: "v1"'] },
      },
    };
    const both = nextLoads(withLoads);
    expect(both.applies).toMatchObject({ kind: 'reload', plain: 'Reload plain.', action: 'revalidate' });
    expect(both.other).toMatchObject({ kind: 'navigation', plain: 'Nav plain.' });
    expect(both.reload).toBeNull();
  });
});

describe('shortName of data: URLs', () => {
  it('names them by type, never ","', () => {
    expect(shortName('data:,')).toBe('data:text/plain');
    expect(shortName('data:image/png;base64,AAAA')).toBe('data:image/png');
  });
});

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
    for (const term of ['freshness', 'validator', 'shared-cache', 'host-only', 'samesite', 'edge', 'pop']) expect(GLOSSARY[term]).toBeDefined();
  });
});

import { cookieCounts } from './format';
import type { Explanation } from '../core/explanation';
describe('cookie counts in the list', () => {
  it('marks surprising not-sent reasons but not cookies scoped to another path or host', () => {
    const cookie = { name: 'a', value: '1', domain: 'lab.test', hostOnly: true, path: '/', secure: false, httpOnly: false, sameSite: 'lax' as const, partitioned: false, persistent: false, expires: null };
    const withReasons = (...reasons: string[]) =>
      ({ cookies: { setCookies: [], requestCookies: [], send: { sent: [], cookieHeader: null, notSent: reasons.map((reason, jarIndex) => ({ jarIndex, cookie, reason, why: '' })) } } }) as unknown as Explanation;
    expect(cookieCounts(withReasons('path-mismatch', 'domain-mismatch')).notSent).toBe(0);
    expect(cookieCounts(withReasons('path-mismatch', 'samesite-lax', 'secure-only')).notSent).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import type { JarCookie } from '../types';
import { cookiesForRequest } from './send';

const NOW = 1767225600;
function c(over: Partial<JarCookie>): JarCookie {
  return {
    name: 'a',
    value: '1',
    domain: 'a.example.com',
    hostOnly: true,
    path: '/',
    secure: false,
    httpOnly: false,
    sameSite: 'unspecified',
    partitioned: false,
    persistent: false,
    expires: null,
    creationTime: NOW - 1000,
    ...over,
  };
}

describe('cookiesForRequest', () => {
  it('orders by longer path first, then creation time, and serializes nameless cookies bare', () => {
    const jar = [
      c({ name: 'root', path: '/', creationTime: 1 }),
      c({ name: '', value: 'bare', path: '/', creationTime: 0 }),
      c({ name: 'deep', path: '/a/b', creationTime: 9 }),
    ];
    const r = cookiesForRequest({ jar, requestUrl: 'https://a.example.com/a/b/c', now: NOW });
    expect(r.sent.map((s) => s.jarIndex)).toEqual([2, 1, 0]);
    expect(r.cookieHeader).toBe('deep=1; bare; root=1');
  });
  it('reports path-mismatch and secure-only', () => {
    const jar = [c({ name: 'p', path: '/docs' }), c({ name: 's', secure: true })];
    const r = cookiesForRequest({ jar, requestUrl: 'http://a.example.com/docsx', now: NOW });
    expect(r.notSent.map((n) => [n.cookie.name, n.reason])).toEqual([
      ['p', 'path-mismatch'],
      ['s', 'secure-only'],
    ]);
    expect(r.cookieHeader).toBeNull();
    expect(
      cookiesForRequest({ jar: [c({ secure: true, domain: 'localhost' })], requestUrl: 'http://localhost:3000/', now: NOW }).sent,
    ).toHaveLength(1);
  });
  it('sends a partitioned cookie only under its top-level site', () => {
    const jar = [c({ name: 'chip', secure: true, sameSite: 'none', partitioned: true, partitionKey: 'https://shop.test' })];
    const embedded = { jar, requestUrl: 'https://a.example.com/w', navigation: 'subresource' as const, now: NOW };
    expect(cookiesForRequest({ ...embedded, topLevelUrl: 'https://www.shop.test/' }).sent).toHaveLength(1);
    expect(cookiesForRequest({ ...embedded, topLevelUrl: 'https://news.test/' }).notSent[0]?.reason).toBe('partition-mismatch');
  });
  it('blocks unpartitioned third-party cookies when the policy says so', () => {
    const jar = [
      c({ name: 'n', secure: true, sameSite: 'none' }),
      c({ name: 'p', secure: true, sameSite: 'none', partitioned: true, partitionKey: 'https://news.test' }),
    ];
    const req = {
      jar,
      requestUrl: 'https://a.example.com/px',
      navigation: 'subresource' as const,
      topLevelUrl: 'https://news.test/',
      now: NOW,
    };
    expect(cookiesForRequest(req).sent).toHaveLength(2); // no policy: both go (p's partition key matches)
    const blocked = cookiesForRequest({ ...req, cookiePolicy: { blockThirdPartyCookies: true } });
    expect(blocked.notSent.map((n) => n.reason)).toEqual(['third-party-blocked']);
    expect(blocked.cookieHeader).toBe('p=1');
  });
  it('applies Lax-by-default with the 2-minute unsafe window, and not under Firefox', () => {
    const jar = [c({ name: 'old', creationTime: NOW - 121 }), c({ name: 'young', creationTime: NOW - 120 })];
    const post = { jar, requestUrl: 'https://a.example.com/', method: 'POST', initiatorUrl: 'https://evil.test/', now: NOW };
    const r = cookiesForRequest(post);
    expect(r.sent.map((s) => s.cookie.name)).toEqual(['young']);
    expect(r.laxAllowUnsafe).toEqual(['young']);
    expect(r.notSent[0]?.reason).toBe('samesite-unspecified-lax');
    expect(cookiesForRequest({ ...post, browser: 'firefox' }).sent).toHaveLength(2);
    // The window is for top-level navigations only.
    const sub = cookiesForRequest({ ...post, navigation: 'subresource', topLevelUrl: 'https://evil.test/' });
    expect(sub.sent).toHaveLength(0);
  });
  it('accepts cookies-API snapshots that say no_restriction', () => {
    const jar = [c({ name: 'x', secure: true, sameSite: 'no_restriction' as never })];
    const r = cookiesForRequest({
      jar,
      requestUrl: 'https://a.example.com/',
      navigation: 'subresource',
      topLevelUrl: 'https://other.test/',
      now: NOW,
    });
    expect(r.sent).toHaveLength(1);
  });
});

describe('send after store: IPv6 Domain', () => {
  it('sends a Domain=[::1] cookie back to http://[::1]/', async () => {
    const { storeSetCookies } = await import('./store');
    const { jar } = storeSetCookies({ requestUrl: 'http://[::1]/', setCookie: ['a=1; Domain=[::1]'], now: 1767225600 });
    expect(cookiesForRequest({ jar, requestUrl: 'http://[::1]/y', now: 1767225600 }).cookieHeader).toBe('a=1');
  });
});

import { describe, expect, it } from 'vitest';
import type { ExchangeRecord, JarCookie } from '../types';
import { explainCookies } from './index';
import { COOKIE_FIXES, COOKIE_NOTES } from './notes';

const NOW = 1767225600;
const jwt = `${btoa('{"alg":"HS256"}')}.${btoa('{"u":1}')}.${'x'.repeat(43)}`.replace(/=/g, '');

function x(over: Partial<ExchangeRecord>): ExchangeRecord {
  return {
    id: 'n',
    url: 'https://www.example.com/',
    method: 'GET',
    status: 200,
    requestHeaders: [],
    responseHeaders: [],
    requestTimeMs: 0,
    responseTimeMs: 0,
    source: 'network',
    navigation: 'top-level',
    ...over,
  };
}
const set = (...values: string[]) => values.map((value) => ({ name: 'Set-Cookie', value }));
function jar(over: Partial<JarCookie>): JarCookie {
  return {
    name: 'j',
    value: '1',
    domain: 'www.example.com',
    hostOnly: true,
    path: '/',
    secure: true,
    httpOnly: false,
    sameSite: 'lax',
    partitioned: false,
    persistent: false,
    expires: null,
    creationTime: NOW - 1000,
    ...over,
  };
}

/** Scenarios that between them should raise every note in the catalogue. */
const scenarios: ExchangeRecord[] = [
  x({
    responseHeaders: set(
      '=',
      'a=\u0001',
      `big=${'x'.repeat(5000)}`,
      'd=1; Domain=other.test',
      'p=1; Domain=co.uk',
      'e=1; Max-Age=0',
      'n=1; SameSite=None',
      '__Secure-x=1',
      'q=1; Partitioned; Secure; SameSite=None',
      'r=1; Partitioned',
    ),
  }),
  x({ url: 'http://www.example.com/', responseHeaders: set('s=1; Secure', 'sid=2'), jarSnapshot: [jar({ name: 'sid', secure: true })] }),
  x({
    url: 'https://a.example.com/px',
    navigation: 'subresource',
    topLevelUrl: 'https://news.test/',
    cookiePolicy: { blockThirdPartyCookies: true },
    responseHeaders: set('u=1', 'v=1; SameSite=None; Secure'),
  }),
  x({
    url: 'https://www.example.com/a',
    navigation: 'subresource',
    topLevelUrl: 'https://news.test/',
    cookiePolicy: { blockThirdPartyCookies: true },
    jarSnapshot: [
      jar({ name: 'dm', domain: 'example.org' }),
      jar({ name: 'pm', path: '/b' }),
      jar({ name: 'ex', expires: NOW - 1 }),
      jar({ name: 'st', sameSite: 'strict' }),
      jar({ name: 'lx' }),
      jar({ name: 'un', sameSite: 'unspecified' }),
      jar({ name: 'pk', sameSite: 'none', partitioned: true, partitionKey: 'https://other.test' }),
      jar({ name: 'tp', sameSite: 'none' }),
    ],
  }),
  x({ url: 'http://www.example.com/', jarSnapshot: [jar({ name: 'so' })] }),
  x({ url: 'https://xn--lve-6lad.example.com/', responseHeaders: set('idn=1; Domain=élève.example.com') }),
  x({
    method: 'POST',
    initiatorUrl: 'https://evil.test/',
    jarSnapshot: [jar({ name: 'young', sameSite: 'unspecified', creationTime: NOW - 10 })],
  }),
  x({ url: 'https://cdn.test/x', navigation: 'subresource', responseHeaders: set('z=1') }),
  x({
    responseHeaders: set(
      'session=abc; Max-Age=999999999; Expires=Wed, 01 Jul 2026 12:00:00 GMT',
      'ss=1; SameSite=sideways; Expires=not a date; Max-Age=soon; Foo=bar',
      `pa=1; Path=/${'p'.repeat(1100)}`,
      'bare',
      'folded=1, other=2',
      `tok=${jwt}; Secure; HttpOnly; SameSite=Strict`,
      '__Host-ok=1; Secure; Path=/',
      `huge=${'h'.repeat(3000)}`,
    ),
    requestHeaders: [{ name: 'Cookie', value: `c=${'v'.repeat(9000)}` }],
  }),
  x({ responseHeaders: [...set('h=1; HttpOnly'), { name: 'Strict-Transport-Security', value: 'max-age=31536000' }] }),
  x({ responseHeaders: set('rep=1', 'rep=1', 'rep=1', 'dup=1; Path=/; path=/a; Secure; Secure', 'ed=1; Domain=') }),
  x({ responseHeaders: set(...Array.from({ length: 25 }, (_, i) => `m${i}=1`)) }),
  x({ responseHeaders: set(...Array.from({ length: 10_001 }, (_, i) => `t${i}=1`)) }),
];

describe('cookie notes catalogue', () => {
  it('every note is reachable from real input', () => {
    const seen = new Set<string>();
    for (const s of scenarios) for (const f of explainCookies(s, { browser: 'chrome', now: NOW }).findings) seen.add(f.id);
    const missing = Object.keys(COOKIE_NOTES).filter((id) => !seen.has(id));
    expect(missing).toEqual([]);
  });
  it('every note has a sentence, a rule and an https link, and fills its placeholders', () => {
    for (const [id, n] of Object.entries(COOKIE_NOTES)) {
      expect(n.topic, id).toBe('cookie');
      expect(n.summary.length, id).toBeGreaterThan(20);
      expect(n.rule.length, id).toBeGreaterThan(10);
      expect(n.link, id).toMatch(/^https:\/\//);
    }
    for (const s of scenarios)
      for (const f of explainCookies(s, { browser: 'chrome', now: NOW }).findings) expect(f.summary, f.id).not.toMatch(/\{\w+\}/);
  });
  it('every note says what to change, and the finding carries it filled in', () => {
    const withoutFix = Object.keys(COOKIE_NOTES).filter((id) => !Object.hasOwn(COOKIE_FIXES, id));
    expect(withoutFix).toEqual([]);
    expect(Object.keys(COOKIE_FIXES).filter((id) => !Object.hasOwn(COOKIE_NOTES, id))).toEqual([]);
    for (const s of scenarios) {
      for (const f of explainCookies(s, { browser: 'chrome', now: NOW }).findings) {
        expect(f.fix, f.id).toBeTruthy();
        expect(f.fix, f.id).not.toMatch(/\{\w+\}/);
      }
    }
  });
  it('severity by consequence: rejections and ignored attributes are errors, restrictions the server asked for are info', () => {
    const sev = (id: string) => COOKIE_NOTES[id]!.severity;
    expect(sev('cookie-rejected-samesite-context')).toBe('error');
    expect(sev('cookie-rejected-expired')).toBe('info');
    expect(sev('cookie-expires-invalid')).toBe('error');
    expect(sev('cookie-samesite-invalid')).toBe('error');
    expect(sev('cookie-not-sent-samesite-strict')).toBe('info');
    expect(sev('cookie-not-sent-secure-only')).toBe('info');
    expect(sev('cookie-not-sent-samesite-unspecified-lax')).toBe('warning');
    expect(sev('cookie-signed-not-encrypted')).toBe('info');
    expect(sev('cookie-nameless')).toBe('info');
    expect(sev('cookie-many')).toBe('info');
    expect(sev('cookie-not-secure-on-https')).toBe('warning');
    expect(sev('cookie-not-secure-hsts')).toBe('info');
    expect(sev('cookie-samesite-context-unknown')).toBe('info');
  });
});

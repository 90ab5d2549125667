import { describe, expect, it } from 'vitest';
import { PREFIX_CONDITIONS, PREFIX_RULES, namePrefixOf, prefixOf, prefixProblems } from './prefix';
import { storeSetCookies } from './store';

const NOW = 1767225600;
const store = (url: string, ...lines: string[]) => storeSetCookies({ requestUrl: url, setCookie: lines, now: NOW }).results;

describe('cookie name prefixes', () => {
  it('finds the most specific prefix, case-insensitively', () => {
    expect(
      ['__Host-Http-a', '__host-http-a', '__Host-a', '__Http-a', '__HTTP-a', '__Secure-a', '__Hostile', 'a'].map(namePrefixOf),
    ).toEqual(['__Host-Http-', '__Host-Http-', '__Host-', '__Http-', '__Http-', '__Secure-', null, null]);
    expect(prefixOf('__Host-Http-a')).toBe('__Host-');
    expect(prefixOf('__Http-a')).toBeNull();
  });
  it('keeps one sentence per condition and every rule uses known conditions', () => {
    for (const r of PREFIX_RULES) for (const c of r.requires) expect(PREFIX_CONDITIONS[c]).toBeTruthy();
  });
  it('__Http- needs Secure, a secure origin and HttpOnly', () => {
    expect(store('https://a.example/', '__Http-x=1; Secure; HttpOnly')[0]?.stored).toBe(true);
    const r = store('https://a.example/', '__Http-x=1; Secure')[0]!;
    expect(r.rejectReason).toBe('invalid-prefix');
    expect(r.rejectWhy).toContain('__Http- requires the HttpOnly attribute');
    expect(r.namePrefix).toBe('__Http-');
  });
  it('__Host-Http- needs the __Host- conditions and HttpOnly', () => {
    expect(store('https://a.example/', '__Host-Http-x=1; Secure; HttpOnly; Path=/')[0]?.stored).toBe(true);
    const r = store('https://a.example/', '__Host-Http-x=1; Secure; Path=/; Domain=a.example')[0]!;
    expect(r.rejectReason).toBe('invalid-prefix');
    expect(r.rejectWhy).toContain('forbids a Domain attribute');
    expect(r.rejectWhy).toContain('requires the HttpOnly attribute');
  });
  it('refuses a nameless cookie whose value looks prefixed', () => {
    expect(store('https://a.example/', '__Http-x; Secure; HttpOnly')[0]?.rejectReason).toBe('invalid-prefix');
    expect(
      prefixProblems({
        cookie: { name: '', value: '__host-http-a', secure: true, httpOnly: true, hostOnly: true, path: '/' },
        pathAttribute: true,
        secureOrigin: true,
      }),
    ).toHaveLength(1);
  });
});

describe('every reason a Set-Cookie fails', () => {
  it('names the insecure origin and the prefix condition for a __Host- cookie over http', () => {
    const r = store('http://a.example/', '__Host-x=1; Secure; Path=/')[0]!;
    expect(r.rejectReason).toBe('secure-from-insecure');
    expect(r.rejectReasons?.map((x) => x.reason)).toEqual(['secure-from-insecure', 'invalid-prefix']);
    expect(r.rejectReasons?.[1]?.why).toContain('__Host- must be set from a secure origin');
    const ids = r.findings.map((f) => f.id);
    expect(ids).toContain('cookie-rejected-secure-from-insecure');
    expect(ids).toContain('cookie-rejected-invalid-prefix');
  });
  it('lists all failing prefix conditions in one entry, and the reasons in RFC 6265bis order', () => {
    const r = store('http://www.a.example/', '__Host-x=1; Domain=other.example; SameSite=None; Partitioned')[0]!;
    expect(r.rejectReasons?.map((x) => x.reason)).toEqual([
      'domain-mismatch',
      'samesite-none-insecure',
      'invalid-prefix',
      'partitioned-insecure',
    ]);
    const prefix = r.rejectReasons?.find((x) => x.reason === 'invalid-prefix')?.why ?? '';
    for (const words of ['requires the Secure attribute', 'secure origin', 'forbids a Domain attribute', 'explicit Path=/'])
      expect(prefix).toContain(words);
  });
  it('an expired cookie that also fails another check deletes nothing', () => {
    const jar = [
      {
        name: 'k',
        value: '1',
        domain: 'a.example',
        hostOnly: true,
        path: '/',
        secure: true,
        httpOnly: false,
        sameSite: 'unspecified' as const,
        partitioned: false,
        persistent: false,
        expires: null,
        creationTime: NOW - 5,
      },
    ];
    const r = storeSetCookies({ requestUrl: 'http://a.example/', setCookie: ['k=; Max-Age=0; Secure; Path=/'], jar, now: NOW });
    expect(r.results[0]?.rejectReasons?.map((x) => x.reason)).toEqual(['secure-from-insecure', 'expired']);
    expect(r.jar).toHaveLength(1);
    expect(r.results[0]!.deletes).toBeUndefined();
  });
  it('a stored cookie has no reasons', () => {
    const r = store('https://a.example/', 'a=1')[0]!;
    expect(r.stored).toBe(true);
    expect(r.rejectReasons).toBeUndefined();
  });
});

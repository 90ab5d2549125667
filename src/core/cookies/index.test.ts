import { describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../types';
import { explainCookies, parseCookieHeader, setCookieLines } from './index';

const NOW = 1767225600;
function exchange(over: Partial<ExchangeRecord>): ExchangeRecord {
  return {
    id: '1',
    url: 'https://www.example.com/login',
    method: 'GET',
    status: 200,
    requestHeaders: [],
    responseHeaders: [],
    requestTimeMs: NOW * 1000,
    responseTimeMs: NOW * 1000,
    source: 'network',
    navigation: 'top-level',
    ...over,
  };
}

describe('explainCookies', () => {
  it("splits Firefox's newline-joined Set-Cookie values and keeps separate header entries", () => {
    const x = exchange({
      responseHeaders: [
        { name: 'Set-Cookie', value: 'a=1\nb=2' },
        { name: 'set-cookie', value: 'c=3, d=4' },
      ],
    });
    expect(setCookieLines(x)).toEqual(['a=1', 'b=2', 'c=3, d=4']);
    const e = explainCookies(x, { browser: 'chrome', now: NOW });
    expect(e.setCookies.map((s) => s.cookie?.name)).toEqual(['a', 'b', 'c']);
    expect(e.findings.some((f) => f.id === 'cookie-folded-header')).toBe(true);
  });
  it('parses the Cookie request header, nameless pairs included', () => {
    expect(parseCookieHeader('a=1; b=x=y;  ; bare')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'x=y' },
      { name: '', value: 'bare' },
    ]);
    const e = explainCookies(exchange({ requestHeaders: [{ name: 'Cookie', value: 'sid=abc' }] }), { browser: 'chrome', now: NOW });
    expect(e.requestCookies).toEqual([{ name: 'sid', value: 'abc' }]);
    expect(e.send).toBeNull();
  });
  it('computes the send model against the jar snapshot and the third-party context', () => {
    const x = exchange({
      url: 'https://cdn.tracker.test/p.gif',
      navigation: 'subresource',
      topLevelUrl: 'https://www.example.com/',
      method: 'GET',
      jarSnapshot: [
        {
          name: 'lax',
          value: '1',
          domain: 'cdn.tracker.test',
          hostOnly: true,
          path: '/',
          secure: true,
          httpOnly: false,
          sameSite: 'lax',
          partitioned: false,
          persistent: false,
          expires: null,
        },
        {
          name: 'none',
          value: '2',
          domain: 'tracker.test',
          hostOnly: false,
          path: '/',
          secure: true,
          httpOnly: false,
          sameSite: 'none',
          partitioned: false,
          persistent: false,
          expires: null,
        },
      ],
      responseHeaders: [{ name: 'set-cookie', value: 'id=9; SameSite=None; Secure' }],
    });
    const e = explainCookies(x, { browser: 'chrome', now: NOW });
    expect(e.thirdParty).toBe(true);
    expect(e.sameSiteContext).toBe('cross-site');
    expect(e.send?.cookieHeader).toBe('none=2');
    expect(e.send?.notSent.map((n) => n.reason)).toEqual(['samesite-lax']);
    expect(e.setCookies[0]?.stored).toBe(true);
    const ids = e.findings.map((f) => f.id);
    expect(ids).toContain('cookie-third-party-context');
    expect(ids).toContain('cookie-samesite-none');
    expect(ids).toContain('cookie-not-sent-samesite-lax');
  });
  it('flags session-looking cookies without HttpOnly or Secure, with purposes and signed payloads', () => {
    const b64url = (s: string): string => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const jwt = `${b64url('{"alg":"HS256"}')}.${b64url('{"u":1}')}.${'x'.repeat(43)}`;
    const x = exchange({
      responseHeaders: [
        { name: 'Set-Cookie', value: `session_token=${jwt}; Path=/` },
        { name: 'Set-Cookie', value: '_ga=GA1.1.1.1; Max-Age=99999999; Expires=Wed, 01 Jul 2026 12:00:00 GMT' },
      ],
    });
    const e = explainCookies(x, { browser: 'chrome', now: NOW });
    const ids = e.setCookies[0]!.findings.map((f) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'cookie-not-secure-on-https',
        'cookie-session-without-httponly',
        'cookie-signed-not-encrypted',
        'cookie-samesite-missing',
      ]),
    );
    expect(e.setCookies[0]?.signed?.payload).toBe('{"u":1}');
    const django = explainCookies(
      exchange({
        responseHeaders: [
          { name: 'Set-Cookie', value: 'sessionid=abc; Secure' },
          { name: 'Set-Cookie', value: 'AMP_TOKEN=x; Secure' },
        ],
      }),
      { browser: 'chrome', now: NOW },
    );
    expect(django.setCookies.map((r) => r.findings.some((f) => f.id === 'cookie-session-without-httponly'))).toEqual([true, false]);
    // Double-submit CSRF tokens are read by page scripts on purpose: no HttpOnly advice for them.
    const csrf = explainCookies(
      exchange({
        responseHeaders: [
          { name: 'Set-Cookie', value: `x-csrf-jwt=${jwt}; Secure` },
          { name: 'Set-Cookie', value: 'XSRF-TOKEN=abc; Secure' },
        ],
      }),
      { browser: 'chrome', now: NOW },
    );
    expect(csrf.findings.map((f) => f.id)).not.toContain('cookie-session-without-httponly');
    // A name that merely contains "session" (a flag such as session_only) is not a login cookie.
    const names = ['PHPSESSID', 'JSESSIONID', 'laravel_session', 'rack.session', 'connect.sid', 'session_only', 'sessionStorageHint'];
    const flagged = names.map((n) =>
      explainCookies(exchange({ responseHeaders: [{ name: 'Set-Cookie', value: `${n}=v; Secure` }] }), {
        browser: 'chrome',
        now: NOW,
      }).findings.some((f) => f.id === 'cookie-session-without-httponly'),
    );
    expect(flagged).toEqual([true, true, true, true, true, false, false]);
    expect(e.setCookies[1]?.purpose?.category).toBe('Analytics');
    expect(e.setCookies[1]?.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining(['cookie-expiry-capped', 'cookie-max-age-and-expires']),
    );
    expect(e.setCookies[1]?.lifetime).toContain('400-day maximum');
    for (const f of e.findings) expect(f.summary.length && f.rule.length && f.link.startsWith('https://')).toBeTruthy();
  });
  it('survives a record with missing pieces', () => {
    const bad = {
      id: 'x',
      url: '',
      method: 'GET',
      status: 0,
      requestHeaders: null,
      responseHeaders: undefined,
    } as unknown as ExchangeRecord;
    const e = explainCookies(bad, { browser: 'firefox', now: NOW });
    expect(e.setCookies).toEqual([]);
  });
});

describe('explainCookies: the jar the request saw', () => {
  const set = (value: string) => ({ name: 'Set-Cookie', value });
  const jarEntry = {
    name: 'sid',
    value: 'new',
    domain: 'www.example.com',
    hostOnly: true,
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'lax' as const,
    partitioned: false,
    persistent: false,
    expires: null,
  };
  it('does not count a cookie this response set as sent (snapshot read after the response)', () => {
    const x = exchange({
      responseHeaders: [set('sid=new; Secure; HttpOnly; SameSite=Lax')],
      jarSnapshot: [jarEntry],
      jarSnapshotMs: NOW * 1000 + 50,
    });
    const e = explainCookies(x, { browser: 'chrome', now: NOW });
    expect(e.send?.sent).toEqual([]);
    expect(e.send?.cookieHeader).toBeNull();
  });
  it('still counts it when the request carried it, or when the snapshot describes the request time', () => {
    const carried = exchange({
      requestHeaders: [{ name: 'Cookie', value: 'sid=old' }],
      responseHeaders: [set('sid=new; Secure; HttpOnly; SameSite=Lax')],
      jarSnapshot: [jarEntry],
      jarSnapshotMs: NOW * 1000 + 50,
    });
    expect(explainCookies(carried, { browser: 'chrome', now: NOW }).send?.sent).toHaveLength(1);
    const before = exchange({
      responseHeaders: [set('sid=new; Secure; HttpOnly; SameSite=Lax')],
      jarSnapshot: [jarEntry],
      jarSnapshotMs: NOW * 1000,
    });
    expect(explainCookies(before, { browser: 'chrome', now: NOW }).send?.sent).toHaveLength(1);
    const older = exchange({
      responseHeaders: [set('sid=new; Secure; HttpOnly; SameSite=Lax')],
      jarSnapshot: [{ ...jarEntry, creationTime: NOW - 3600 }],
      jarSnapshotMs: NOW * 1000 + 50,
    });
    expect(explainCookies(older, { browser: 'chrome', now: NOW }).send?.sent).toHaveLength(1);
  });
  it('SameSite=None is not "well protected"; Lax and Strict are', () => {
    const e = explainCookies(
      exchange({ responseHeaders: [set('a=1; Secure; HttpOnly; SameSite=None'), set('b=1; Secure; HttpOnly; SameSite=Strict')] }),
      { browser: 'chrome', now: NOW },
    );
    expect(e.setCookies.map((r) => r.findings.some((f) => f.id === 'cookie-well-protected'))).toEqual([false, true]);
  });
});

describe('explainCookies: a cookie without Secure under HSTS', () => {
  const ids = (x: ExchangeRecord) => explainCookies(x, { browser: 'chrome', now: NOW }).findings.map((f) => f.id);
  const hsts = (value: string) => ({ name: 'Strict-Transport-Security', value });
  const set = (value: string) => ({ name: 'Set-Cookie', value });
  it('is info when the host keeps every request on HTTPS, a warning otherwise', () => {
    expect(ids(exchange({ responseHeaders: [set('a=1; HttpOnly'), hsts('max-age=31536000')] }))).toContain('cookie-not-secure-hsts');
    expect(ids(exchange({ responseHeaders: [set('a=1; HttpOnly')] }))).toContain('cookie-not-secure-on-https');
    // max-age=0 removes the policy; a domain cookie reaches hosts the policy does not cover.
    expect(ids(exchange({ responseHeaders: [set('a=1; HttpOnly'), hsts('max-age=0')] }))).toContain('cookie-not-secure-on-https');
    expect(ids(exchange({ responseHeaders: [set('a=1; Domain=example.com'), hsts('max-age=31536000; includeSubDomains')] }))).toContain(
      'cookie-not-secure-on-https',
    );
    expect(
      ids(
        exchange({
          url: 'https://example.com/',
          responseHeaders: [set('a=1; Domain=example.com'), hsts('max-age=31536000; includeSubDomains')],
        }),
      ),
    ).toContain('cookie-not-secure-hsts');
  });
  it('every finding carries a fix', () => {
    const e = explainCookies(exchange({ responseHeaders: [set('a=1'), set('b=2; SameSite=Sideways')] }), { browser: 'chrome', now: NOW });
    expect(e.findings.length).toBeGreaterThan(0);
    for (const f of e.findings) expect(f.fix, f.id).toMatch(/\w/);
  });
});

describe('attribute hygiene (httplint SET_COOKIE_ATTRIBUTE_DUP, SET_COOKIE_EMPTY_DOMAIN)', () => {
  const run = (...lines: string[]) =>
    explainCookies(exchange({ responseHeaders: lines.map((value) => ({ name: 'Set-Cookie', value })) }), { browser: 'chrome', now: NOW });
  it('names repeated attributes once each, as first written, and the last one still decides', () => {
    const e = run('a=1; Path=/; path=/x; Max-Age=10; Max-Age=20; Path=/y');
    const f = e.findings.find((x) => x.id === 'cookie-attribute-duplicate');
    expect(f?.summary).toMatch(/repeats Path, Max-Age:/);
    expect(f?.severity).toBe('info');
    expect(f?.fix).toMatch(/Path, Max-Age/);
    expect(e.setCookies[0]?.cookie?.path).toBe('/y');
    expect(run('a=1; Path=/; Secure').findings.some((x) => x.id === 'cookie-attribute-duplicate')).toBe(false);
    expect(() => run('a=1; __proto__=1; __proto__=2; constructor; constructor')).not.toThrow();
    expect(run('a=1; __proto__=1; __proto__=2').findings.find((x) => x.id === 'cookie-attribute-duplicate')?.summary).toMatch(/__proto__/);
  });
  it('where httplint is wrong, the engine follows the browsers (docs/httplint.md)', () => {
    // Max-Age=0123 is 123 seconds (RFC 6265bis §5.6.2: digits converted to an integer), nothing to report
    const lead = run('a=1; Max-Age=0123');
    expect(lead.setCookies[0]?.cookie?.expires).toBe(NOW + 123);
    expect(lead.findings.some((x) => x.id === 'cookie-max-age-invalid')).toBe(false);
    // Max-Age=-1 is a valid deletion, not an invalid attribute
    const del = run('a=1; Max-Age=-1');
    expect(del.findings.map((x) => x.id)).toContain('cookie-rejected-expired');
    expect(del.findings.some((x) => x.id === 'cookie-max-age-invalid')).toBe(false);
    // Partitioned without Secure: Chromium refuses the whole cookie, not only the attribute
    expect(run('a=1; Partitioned').setCookies[0]?.stored).toBe(false);
  });
  it('an empty Domain= is ignored: the cookie is stored host-only, and said so', () => {
    const e = run('a=1; Domain=');
    expect(e.findings.some((x) => x.id === 'cookie-domain-empty')).toBe(true);
    expect(e.setCookies[0]?.cookie?.hostOnly).toBe(true);
    expect(run('a=1; Domain=example.com').findings.some((x) => x.id === 'cookie-domain-empty')).toBe(false);
  });
  it('shares read-only parts between results (frozen), never their lists, and repeats a cookie exactly', () => {
    const line = 'sid=abc; Path=/; SameSite=None; Secure; Max-Age=60';
    const a = run(line);
    const b = run(line);
    expect(b).toEqual(a);
    const [ra, rb] = [a.setCookies[0]!, b.setCookies[0]!];
    // Lists are each result's own: a repeat note pushed on one does not show on the other.
    expect(ra.findings).not.toBe(rb.findings);
    expect(ra.attributes).not.toBe(rb.attributes);
    expect(ra.scope).not.toBe(rb.scope);
    // The parts that are the same are shared and frozen, so no caller can change them for the other result.
    const none = ra.findings.find((f) => f.id === 'cookie-samesite-none')!;
    expect(rb.findings).toContain(none);
    expect(Object.isFrozen(none) && Object.isFrozen(none.params)).toBe(true);
    expect(Object.isFrozen(ra.attributes[0])).toBe(true);
    // Two cookies of the same name on other hosts get their own texts.
    const other = explainCookies(exchange({ url: 'https://shop.other.example/', responseHeaders: [{ name: 'Set-Cookie', value: line }] }), {
      browser: 'chrome',
      now: NOW,
    });
    expect(other.setCookies[0]?.scope[0]).toContain('shop.other.example');
    expect(other.setCookies[0]?.findings.map((f) => f.summary)).toEqual(ra.findings.map((f) => f.summary));
  });
});

import { describe, expect, it } from 'vitest';
import { readSharedJson } from '../../../tests/support/shared';
import { runCookieCase } from './conformance';

// The shared reference file (../shared beside the repository, or CACHE_LENS_SHARED).
const file = readSharedJson<{ format: string }>('reference', 'cookie-cases.json');

const cases = (file as unknown as { cases: Array<{ id: string; expect: Record<string, unknown> }> }).cases;

describe('cookie-cases.json through the public API', () => {
  it('has the expected format', () => {
    expect(file.format).toBe('cookie-cases/1');
    expect(cases.length).toBeGreaterThanOrEqual(52);
  });
  for (const c of cases) {
    it(c.id, () => {
      const actual = runCookieCase(c);
      for (const key of Object.keys(c.expect)) expect(actual[key], key).toEqual(c.expect[key]);
    });
  }
});

describe('parse-then-send', () => {
  const base = { kind: 'parse-then-send', now: 1767225600 };
  it('sends what the response stored, to the parse URL by default', () => {
    const out = runCookieCase({
      ...base,
      requestUrl: 'http://home.example.org/cookie-parser?x',
      setCookie: ['b=2; Path=/', 'a=1; Path=/cookie-parser', 'c=3; Domain=other.org'],
    });
    expect(out).toEqual({ sent: ['a', 'b'], cookieHeader: 'a=1; b=2' });
  });
  it('takes the request from send, and reports null when nothing goes', () => {
    const c = { ...base, requestUrl: 'http://home.example.org/a/b', setCookie: ['x=1'] };
    expect(runCookieCase({ ...c, send: { requestUrl: 'http://home.example.org/a/c' } }).cookieHeader).toBe('x=1');
    expect(runCookieCase({ ...c, send: { requestUrl: 'http://home.example.org/other' } }).cookieHeader).toBeNull();
    expect(runCookieCase({ ...c, send: { now: base.now + 10 } }).sent).toEqual(['x']);
  });
  it('applies the send context (cross-site subresource, expiry by a later now)', () => {
    const c = {
      ...base,
      requestUrl: 'https://a.example/',
      setCookie: ['lax=1; SameSite=Lax', 'none=1; SameSite=None; Secure', 'short=1; Max-Age=5'],
    };
    expect(runCookieCase({ ...c, send: { navigation: 'subresource', topLevelUrl: 'https://b.example/' } }).sent).toEqual(['none']);
    expect(runCookieCase({ ...c, send: { now: base.now + 6 } }).sent).toEqual(['lax', 'none']);
  });
  it('never throws on junk', () => {
    for (const junk of [null, 1, 'x', [], { send: 5 }, { send: { requestUrl: 7, now: 'soon' } }]) {
      expect(() =>
        runCookieCase({ kind: 'parse-then-send', ...(typeof junk === 'object' && !Array.isArray(junk) ? junk : {}), setCookie: ['a=1'] }),
      ).not.toThrow();
    }
  });
});

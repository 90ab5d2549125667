import { describe, expect, it } from 'vitest';
import { effectiveExpiry, parseCookieDate, parseSetCookie, trimWsp, utf8Length } from './parse';

const NOW = 1767225600; // 2026-01-01T00:00:00Z
const utc = (...a: [number, number, number, number?, number?, number?]) => Date.UTC(...a) / 1000;

describe('cookie-date (RFC 6265bis §5.1.1)', () => {
  it('reads the usual formats', () => {
    expect(parseCookieDate('Wed, 01 Jul 2026 12:00:00 GMT')).toBe(utc(2026, 6, 1, 12));
    expect(parseCookieDate('Wednesday, 01-Jul-26 12:00:00 GMT')).toBe(utc(2026, 6, 1, 12));
    expect(parseCookieDate('Wed Jul  1 12:00:00 2026')).toBe(utc(2026, 6, 1, 12));
    expect(parseCookieDate('1 jUlY 2026 1:2:3')).toBe(utc(2026, 6, 1, 1, 2, 3));
  });
  it('maps two-digit years 70-99 to 19xx and 0-69 to 20xx', () => {
    expect(parseCookieDate('01 Jan 70 00:00:00')).toBe(0);
    expect(parseCookieDate('01 Jan 99 00:00:00')).toBe(utc(1999, 0, 1));
    expect(parseCookieDate('01 Jan 69 00:00:00')).toBe(utc(2069, 0, 1));
    expect(parseCookieDate('01 Jan 00 00:00:00')).toBe(utc(2000, 0, 1));
  });
  it('rejects impossible or incomplete dates', () => {
    expect(parseCookieDate('31 Jun 2026 10:00:00')).toBeNull();
    expect(parseCookieDate('15 Apr 2026 10:00')).toBeNull();
    expect(parseCookieDate('15 Apr 1600 10:00:00')).toBeNull();
    expect(parseCookieDate('15 Apr 2026 24:00:00')).toBeNull();
    expect(parseCookieDate('32 Apr 2026 10:00:00')).toBeNull();
    expect(parseCookieDate('')).toBeNull();
    expect(parseCookieDate('x'.repeat(100000))).toBeNull();
  });
});

describe('parseSetCookie (RFC 6265bis §5.6)', () => {
  it('splits name and value at the first "=" and trims only SP/HTAB', () => {
    const p = parseSetCookie(' \tA = b=c \t; Path=/', NOW);
    expect([p.name, p.value]).toEqual(['A', 'b=c']);
    expect(trimWsp('\u00a0x\u00a0')).toBe('\u00a0x\u00a0');
  });
  it('makes a nameless cookie when there is no "="', () => {
    const p = parseSetCookie('justvalue; Secure', NOW);
    expect(p.error).toBeUndefined();
    expect([p.name, p.value, p.secure]).toEqual(['', 'justvalue', true]);
  });
  it('treats attribute names case-insensitively, last one wins, Max-Age over Expires', () => {
    const p = parseSetCookie('a=1; max-AGE=10; EXPIRES=Wed, 01 Jul 2026 12:00:00 GMT; sAmEsItE=strict; samesite=Lax; HTTPONLY', NOW);
    expect(p.maxAgeExpiry).toBe(NOW + 10);
    expect(effectiveExpiry(p)).toBe(NOW + 10);
    expect(p.bothMaxAgeAndExpires).toBe(true);
    expect(p.sameSite).toBe('lax');
    expect(p.httpOnly).toBe(true);
  });
  it('caps lifetimes at 400 days', () => {
    const p = parseSetCookie('a=1; Max-Age=999999999999999999999', NOW);
    expect(effectiveExpiry(p)).toBe(NOW + 34560000);
    expect(p.capped).toBe(true);
    const e = parseSetCookie('a=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT', NOW);
    expect(effectiveExpiry(e)).toBe(NOW + 34560000);
  });
  it('ignores malformed Max-Age values', () => {
    for (const v of ['+10', '1.5', '10s', '-', '', ' 1 0']) {
      const p = parseSetCookie(`a=1; Max-Age=${v}`, NOW);
      expect(p.maxAgeExpiry, v).toBeUndefined();
    }
    expect(parseSetCookie('a=1; Max-Age=-0', NOW).maxAgeExpiry).toBe(0);
  });
  it('strips one leading dot from Domain and lower-cases it', () => {
    expect(parseSetCookie('a=1; Domain=.EXAMPLE.com', NOW).domain).toBe('example.com');
    expect(parseSetCookie('a=1; Domain=..example.com', NOW).domain).toBe('.example.com');
    expect(parseSetCookie('a=1; Domain=', NOW).domain).toBeUndefined();
  });
  it('rejects control characters but allows HTAB', () => {
    expect(parseSetCookie('a=b\u0000c', NOW).error).toBe('invalid-characters');
    expect(parseSetCookie('a=b\nc', NOW).error).toBe('invalid-characters');
    expect(parseSetCookie('a=b\u007f', NOW).error).toBe('invalid-characters');
    expect(parseSetCookie('a=b\tc', NOW).error).toBeUndefined();
  });
  it('counts the 4096 limit in UTF-8 bytes of name plus value', () => {
    expect(parseSetCookie(`${'n'.repeat(96)}=${'v'.repeat(4000)}`, NOW).error).toBeUndefined();
    expect(parseSetCookie(`${'n'.repeat(97)}=${'v'.repeat(4000)}`, NOW).error).toBe('too-large');
    expect(utf8Length('é€😀')).toBe(2 + 3 + 4);
  });
  it('drops attribute values over 1024 bytes but keeps the rest', () => {
    const p = parseSetCookie(`a=1; Path=/ok; Path=/${'x'.repeat(1024)}; Secure`, NOW);
    expect(p.path).toBe('/ok');
    expect(p.secure).toBe(true);
    expect(p.attributes[1]?.oversized).toBe(true);
  });
  it('records an unknown SameSite value as unspecified', () => {
    const p = parseSetCookie('a=1; SameSite=Lax; SameSite=bogus', NOW);
    expect(p.sameSite).toBe('unspecified');
    expect(p.sameSiteInvalid).toBe('bogus');
  });
});

describe('parseSetCookie: an empty Domain= after a valid one', () => {
  it('resets to host-only, as Chrome keeps the last Domain attribute', () => {
    expect(parseSetCookie('a=1; Domain=foo.example.org; Domain=', 0).domain).toBeUndefined();
    expect(parseSetCookie('a=1; Domain=; Domain=example.org', 0).domain).toBe('example.org');
  });
});

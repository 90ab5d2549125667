import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../types';
import { explainCookies } from './index';
import { parseCookieDate, parseSetCookie } from './parse';
import { cookiesForRequest } from './send';
import { decodeSignedCookie } from './signed';
import { storeSetCookies } from './store';

const NOW = 1767225600;
// Strings mixing control characters, separators, non-ASCII and lone surrogates.
const nasty = fc.string({
  unit: fc.constantFrom(
    'a',
    '=',
    ';',
    ' ',
    '\t',
    '\u0000',
    '\u001f',
    '\u007f',
    '.',
    '-',
    '/',
    'é',
    '\ud800',
    '😀',
    '"',
    ',',
    ':',
    '1',
    'Domain',
    'Path',
    'Max-Age',
    'Expires',
    'SameSite',
    '__Host-',
  ),
  maxLength: 200,
});
const anyString = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), nasty);

describe('cookie parsers never throw and stay bounded', () => {
  it('parseSetCookie / parseCookieDate / decodeSignedCookie on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const p = parseSetCookie(s, NOW);
        expect(p.attributes.length).toBeLessThanOrEqual(64);
        const d = parseCookieDate(s);
        expect(d === null || Number.isFinite(d)).toBe(true);
        decodeSignedCookie(s);
      }),
      { numRuns: 2000 },
    );
  });
  it('storeSetCookies then cookiesForRequest on arbitrary headers and URLs', () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 20 }), fc.oneof(fc.webUrl(), anyString), (lines, url) => {
        const r = storeSetCookies({ requestUrl: url, setCookie: lines, now: NOW });
        expect(r.results).toHaveLength(lines.length);
        for (const x of r.results) {
          expect(x.stored === (x.rejectReason === undefined)).toBe(true);
          expect(x.raw.length).toBeLessThanOrEqual(8193);
        }
        const s = cookiesForRequest({ jar: r.jar, requestUrl: url, now: NOW });
        expect(s.sent.length + s.notSent.length).toBe(r.jar.length);
      }),
      { numRuns: 500 },
    );
  });
  it('handles 1 MB values', () => {
    const mb = 'x'.repeat(1 << 20);
    const cases = [`a=${mb}`, `a=1; Path=/${mb}`, mb, `a=1; Expires=${mb}`, `a=1;${';'.repeat(1 << 20)}`, `a=1; ${'x; '.repeat(300000)}`];
    for (const line of cases) {
      const t = performance.now();
      const r = storeSetCookies({ requestUrl: 'https://a.example.com/', setCookie: [line], now: NOW });
      expect(performance.now() - t).toBeLessThan(2000);
      expect(r.results[0]?.raw.length).toBeLessThanOrEqual(8193);
      expect(r.results[0]?.attributes.length).toBeLessThanOrEqual(64);
    }
  });
  it('handles 10,000 Set-Cookie lines in one response', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `c${i}=${i}; Path=/; Max-Age=${i}; SameSite=Lax; Secure`);
    const x: ExchangeRecord = {
      id: 'big',
      url: 'https://a.example.com/',
      method: 'GET',
      status: 200,
      requestHeaders: [],
      source: 'network',
      responseHeaders: [...lines.map((value) => ({ name: 'set-cookie', value })), { name: 'set-cookie', value: 'extra=1' }],
      requestTimeMs: 0,
      responseTimeMs: 0,
    };
    const e = explainCookies(x, { browser: 'chrome', now: NOW });
    expect(e.setCookies).toHaveLength(10_000);
    expect(e.findings.length).toBeLessThan(1000);
    expect(e.findings.some((f) => f.id === 'cookie-too-many-lines')).toBe(true);
  });
});

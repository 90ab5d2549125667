import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain } from '../explain';
import type { ExchangeRecord } from '../types';
import { explainCookies } from './index';

const NOW = 1767225600;
const OBJECT_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  'prototype',
];

function x(over: Partial<ExchangeRecord>): ExchangeRecord {
  return {
    id: 'h',
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

describe('hostile names in the cookie area: own properties only', () => {
  it('an attribute named "constructor" is an unknown attribute, not "Object"', () => {
    const r = explainCookies(x({ responseHeaders: set('a=1; constructor=x') }), { browser: 'chrome', now: NOW });
    const attr = r.setCookies[0]!.attributes[0]!;
    expect(attr.name).toBe('constructor');
    expect(attr.known).toBe(false);
    expect(r.findings.map((f) => f.id)).toContain('cookie-attribute-unknown');
  });

  it('every Object.prototype member as a cookie name, attribute name or value: no internal error, nothing called Object', () => {
    const name = fc.constantFrom(...OBJECT_NAMES);
    const line = fc
      .tuple(
        name,
        fc.constantFrom('', '1', ...OBJECT_NAMES),
        fc.array(fc.tuple(name, fc.constantFrom('', '=x', `=${OBJECT_NAMES[1]}`)), { maxLength: 4 }),
      )
      .map(([n, v, attrs]) => `${n}=${v}${attrs.map(([a, av]) => `; ${a}${av}`).join('')}`);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.constantFrom(...OBJECT_NAMES), (lines, cookieName) => {
        const rec = x({
          responseHeaders: set(...lines),
          requestHeaders: [{ name: 'Cookie', value: `${cookieName}=1; ${lines[0]}` }],
          jarSnapshot: [
            {
              name: cookieName,
              value: '1',
              domain: 'www.example.com',
              hostOnly: true,
              path: '/',
              secure: true,
              httpOnly: false,
              sameSite: cookieName as never,
              partitioned: false,
              persistent: false,
              expires: null,
            },
          ],
        });
        const e = explain(rec, { browser: 'chrome', now: NOW });
        expect(e.findings.map((f) => f.id)).not.toContain('engine-error');
        for (const s of e.cookies.setCookies) {
          for (const a of s.attributes) {
            expect(a.name).not.toMatch(/^(Object|Function)$/);
            expect(a.plain).not.toMatch(/function|\[native code\]/);
          }
        }
        expect(JSON.stringify(e)).not.toMatch(/\[native code\]|\[object Object\]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('bounded output: repeats summarised', () => {
  it('10,000 identical Set-Cookie lines explain in about the size of one, with the count', () => {
    const one = JSON.stringify(
      explainCookies(x({ responseHeaders: set('id=abc; Path=/; Secure; HttpOnly') }), { browser: 'chrome', now: NOW }),
    );
    const many = explainCookies(x({ responseHeaders: set(...Array.from({ length: 10_000 }, () => 'id=abc; Path=/; Secure; HttpOnly')) }), {
      browser: 'chrome',
      now: NOW,
    });
    expect(many.setCookies).toHaveLength(1);
    expect(many.setCookies[0]?.repeats).toBe(9_999);
    expect(many.findings.find((f) => f.id === 'cookie-set-repeated')?.params?.count).toBe(10_000);
    expect(JSON.stringify(many).length).toBeLessThan(one.length + 2_000);
  });

  it('size grows with the distinct lines: 10,000 lines of 3 distinct cookies stay small', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `c${i % 3}=v; Path=/; SameSite=Lax`);
    const r = explainCookies(x({ responseHeaders: set(...lines) }), { browser: 'chrome', now: NOW });
    expect(r.setCookies.map((s) => s.repeats)).toEqual([3333, 3332, 3332]);
    expect(JSON.stringify(r).length).toBeLessThan(20_000);
  });

  it('10,000 lines setting one cookie with different values: one entry, the last value, the count', () => {
    const r = explainCookies(x({ responseHeaders: set(...Array.from({ length: 10_000 }, (_, i) => `id=v${i}; Path=/`)) }), {
      browser: 'chrome',
      now: NOW,
    });
    expect(r.setCookies).toHaveLength(1);
    expect(r.setCookies[0]).toMatchObject({ index: 9_999, repeats: 9_999, cookie: { value: 'v9999' } });
    expect(JSON.stringify(r).length).toBeLessThan(10_000);
  });

  it('identical lines refused for the same reason are merged too, with their reason', () => {
    const r = explainCookies(
      x({
        url: 'http://www.example.com/',
        responseHeaders: set('a=1', 'a=1'),
        jarSnapshot: [
          {
            name: 'a',
            value: 's',
            domain: 'www.example.com',
            hostOnly: true,
            path: '/',
            secure: true,
            httpOnly: false,
            sameSite: 'lax',
            partitioned: false,
            persistent: false,
            expires: null,
          },
        ],
      }),
      { browser: 'chrome', now: NOW },
    );
    // Both lines are refused for the same reason (a Secure "a" exists): one entry, repeated once.
    expect(r.setCookies).toHaveLength(1);
    expect(r.setCookies[0]?.rejectReason).toBe('overwrite-secure');
    expect(r.setCookies[0]?.repeats).toBe(1);
  });
});

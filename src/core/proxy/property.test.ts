import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { explainProxy, parseForwarded, parseVia, parseXForwardedFor } from './index';
import { MAX_ENTRIES } from './parsers';
import type { ExchangeRecord } from '../types';

const MB = 'for="[::1]";by=_x, 1.1 a (b,c)\u0000\r\n'.repeat(30_000);
const nasty = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .array(
      fc.constantFrom(
        '"',
        ',',
        ';',
        '=',
        '(',
        ')',
        '\\',
        ' ',
        '\u0000',
        'for',
        'by',
        '[',
        ']',
        ':',
        '1.1',
        '10.0.0.1',
        '_',
        '__proto__',
        'constructor',
      ),
      { maxLength: 200 },
    )
    .map((a) => a.join('')),
);

describe('proxy parsers never throw and stay bounded', () => {
  it('Via, Forwarded, X-Forwarded-For', () => {
    fc.assert(
      fc.property(fc.array(nasty, { maxLength: 4 }), (lines) => {
        const v = parseVia(lines);
        expect(v.hops.length + v.invalid.length).toBeLessThanOrEqual(MAX_ENTRIES);
        expect(parseForwarded(lines).elements.length).toBeLessThanOrEqual(MAX_ENTRIES);
        expect(parseXForwardedFor(lines).addresses.length).toBeLessThanOrEqual(MAX_ENTRIES);
      }),
      { numRuns: 1000 },
    );
    expect(parseVia([MB]).hops.length).toBeLessThanOrEqual(MAX_ENTRIES);
    expect(parseForwarded([MB]).elements.length).toBeLessThanOrEqual(MAX_ENTRIES);
    expect(parseXForwardedFor(new Array<string>(10_000).fill(MB.slice(0, 1000))).addresses.length).toBeLessThanOrEqual(MAX_ENTRIES);
  });
  it('explainProxy on arbitrary headers, 1 MB values and 10,000 lines', () => {
    const names = ['via', 'forwarded', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-real-ip'];
    const rec = (res: Array<{ name: string; value: string }>, status = 200): ExchangeRecord => ({
      id: 'p',
      url: 'https://e/',
      method: 'GET',
      status,
      requestHeaders: res,
      responseHeaders: res,
      requestTimeMs: 0,
      responseTimeMs: 0,
      source: 'network',
    });
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.constantFrom(...names), value: nasty }), { maxLength: 10 }),
        fc.constantFrom(200, 502, 504),
        (h, s) => {
          const r = explainProxy(rec(h, s));
          expect(r.findings.length).toBeLessThan(40);
        },
      ),
      { numRuns: 500 },
    );
    const r = explainProxy(rec(names.map((name) => ({ name, value: MB }))));
    expect(JSON.stringify(r).length).toBeLessThan(100_000);
    const many = explainProxy(
      rec(Array.from({ length: 10_000 }, (_, i) => ({ name: names[i % names.length]!, value: '10.0.0.1, 1.1 x' }))),
    );
    expect(JSON.stringify(many).length).toBeLessThan(100_000);
    expect(() => explainProxy({ id: 'x' } as unknown as ExchangeRecord)).not.toThrow();
    expect(() => explainProxy({ ...rec([{ name: 'via', value: '1.1 a' }]), status: '__proto__' as unknown as number })).not.toThrow();
    const proto = parseForwarded(['__proto__=x;for=1.2.3.4']).elements[0]!;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['__proto__', 'for']);
  });
});

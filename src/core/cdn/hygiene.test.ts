import { describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../types';
import { explainCdn } from './index';
import { parseCdnCacheControl } from './cdn-cache-control';
import { CDN_FIXES, CDN_NOTES } from './notes';
import { paramValueOk, parseCacheStatus } from './status';
import { Token } from 'structured-headers';

function x(headers: Record<string, string>): ExchangeRecord {
  return {
    id: 'h',
    url: 'https://example.com/',
    method: 'GET',
    status: 200,
    requestHeaders: [],
    responseHeaders: Object.entries(headers).map(([name, value]) => ({ name, value })),
    requestTimeMs: 0,
    responseTimeMs: 0,
    source: 'network',
  };
}
const ids = (h: Record<string, string>) => explainCdn(x(h), { browser: 'chrome', now: 0 }).findings.map((f) => f.id);

describe('Cache-Status parameters (RFC 9211 §2)', () => {
  it('names parameters RFC 9211 does not define, once each', () => {
    const p = parseCacheStatus(['ExampleCache; hit; unknown=1; other', 'Next; unknown=2']);
    expect(p.unknownParams).toEqual(['unknown', 'other']);
    expect(p.badParams).toBeUndefined();
    expect(ids({ 'Cache-Status': 'ExampleCache; unknown=1' })).toContain('cache-status-unknown-param');
    expect(ids({ 'Cache-Status': 'ExampleCache; hit; ttl=3700' })).not.toContain('cache-status-unknown-param');
  });
  it("checks each defined parameter's type and fwd's values", () => {
    expect(parseCacheStatus(['ExampleCache; fwd=invalid']).badParams).toEqual(['fwd=invalid']);
    expect(
      parseCacheStatus(['ExampleCache; fwd=uri-miss; fwd-status=200; ttl=-5; stored; collapsed; key="k"; detail=abc']).badParams,
    ).toBeUndefined();
    expect(parseCacheStatus(['ExampleCache; hit=1; ttl="60"']).badParams).toEqual(['hit=1', 'ttl="60"']);
    expect(paramValueOk('fwd', new Token('stale'))).toBe(true);
    expect(paramValueOk('fwd', 'stale')).toBe(false);
    // own properties only: a hostile parameter name is an unknown parameter, not Object.prototype's
    expect(paramValueOk('constructor', 1)).toBe(true);
    expect(parseCacheStatus(['ExampleCache; constructor=1; hasownproperty=2']).unknownParams).toEqual(['constructor', 'hasownproperty']);
    const f = explainCdn(x({ 'Cache-Status': 'ExampleCache; fwd=invalid' }), { browser: 'chrome', now: 0 }).findings.find(
      (n) => n.id === 'cache-status-bad-param',
    );
    expect(f?.summary).toMatch(/fwd=invalid/);
    expect(f?.fix).toBeTruthy();
  });
});

describe('CDN-Cache-Control values (RFC 9213 §2)', () => {
  it('a directive whose value is unusable is named, the field otherwise read', () => {
    const p = parseCdnCacheControl('cdn-cache-control', ['max-age=foo, no-store']);
    expect(p.invalid).toBe(false);
    expect(p.badValues).toEqual(['max-age=foo']);
    expect(ids({ 'CDN-Cache-Control': 'max-age=foo' })).toEqual(
      expect.arrayContaining(['cdn-cache-control', 'cdn-cache-control-bad-value']),
    );
    expect(ids({ 'CDN-Cache-Control': 'max-age=60, no-store' })).not.toContain('cdn-cache-control-bad-value');
    expect(ids({ 'CDN-Cache-Control': 'max-age=-1' })).toContain('cdn-cache-control-bad-value');
  });
  it('a repeated directive is named; the last value wins', () => {
    const p = parseCdnCacheControl('cdn-cache-control', ['max-age=60, max-age=120']);
    expect(p.repeated).toEqual(['max-age']);
    expect(p.directives.find((d) => d.name === 'max-age')?.value).toBe('120');
    expect(ids({ 'CDN-Cache-Control': 'max-age=60', 'cdn-cache-control': 'max-age=120' })).toContain('cdn-cache-control-duplicate');
  });
});

describe('CDN fixes', () => {
  it('every CDN note has a fix, every fix belongs to a note, and the finding carries it filled in', () => {
    expect(Object.keys(CDN_NOTES).filter((id) => !Object.hasOwn(CDN_FIXES, id))).toEqual([]);
    expect(Object.keys(CDN_FIXES).filter((id) => !Object.hasOwn(CDN_NOTES, id))).toEqual([]);
    const f = explainCdn(x({ 'CDN-Cache-Control': 'max-age=foo' }), { browser: 'chrome', now: 0 }).findings.find(
      (n) => n.id === 'cdn-cache-control-bad-value',
    );
    expect(f?.fix).toBe('Give the directive a whole number of seconds, e.g. cdn-cache-control: max-age=3600.');
  });
  it('cites RFC 9651, not the RFC 8941 it replaced', () => {
    expect(JSON.stringify(CDN_NOTES)).not.toMatch(/\(RFC 8941\)/);
    expect(CDN_NOTES['cache-status-invalid']?.rule).toMatch(/RFC 9651/);
  });
});

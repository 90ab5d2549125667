import { describe, expect, it } from 'vitest';
import { jarToJson, jarToNetscape } from './cookie-export';
import type { JarCookie } from '../core/types';

const c = (over: Partial<JarCookie>): JarCookie => ({
  name: 'sid',
  value: 'v',
  domain: 'example.com',
  hostOnly: true,
  path: '/',
  secure: false,
  httpOnly: false,
  sameSite: 'lax',
  partitioned: false,
  persistent: false,
  expires: null,
  ...over,
});

describe('jar exports', () => {
  it('writes Netscape cookies.txt lines: subdomain flag, HttpOnly prefix, session expiry 0, no stray tabs', () => {
    const lines = jarToNetscape([
      c({}),
      c({ name: 'pref', domain: 'example.com', hostOnly: false, secure: true, httpOnly: true, expires: 1800000000, value: 'a\tb' }),
    ]).split('\n');
    expect(lines[0]).toBe('# Netscape HTTP Cookie File');
    expect(lines).toContain('example.com\tFALSE\t/\tFALSE\t0\tsid\tv');
    expect(lines).toContain('#HttpOnly_.example.com\tTRUE\t/\tTRUE\t1800000000\tpref\ta b');
  });
  it('writes JSON that round-trips', () => {
    const jar = [c({ partitioned: true, partitionKey: 'https://top.test' })];
    expect(JSON.parse(jarToJson(jar))).toEqual(jar);
  });
});

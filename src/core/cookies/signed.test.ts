import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeSignedCookie } from './signed';

// Test-side encoders without Buffer (src/core lint forbids Node globals).
const bytesB64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const b64 = (s: string): string => bytesB64(new TextEncoder().encode(s));
const b64url = (s: string): string => b64(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('decodeSignedCookie', () => {
  it('decodes a JWT payload', () => {
    const token = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"alice","admin":true}')}.${'s'.repeat(43)}`;
    const info = decodeSignedCookie(token);
    expect(info?.format).toBe('jwt');
    expect(info?.payload).toBe('{"sub":"alice","admin":true}');
    expect(info?.plain).toContain('signed, not encrypted: anyone can read this');
  });
  it('flags alg none', () => {
    const token = `${b64url('{"alg":"none"}')}.${b64url('{"sub":"x"}')}.`;
    expect(decodeSignedCookie(token)?.plain).toContain('no signature');
  });
  it('decodes a Flask session and reports a compressed one without inflating', () => {
    const ts = bytesB64(new Uint8Array([0x69, 0x55, 0x0a, 0x00])).replace(/=+$/, '');
    const flask = `${b64url('{"user_id":42}')}.${ts}.${'A'.repeat(27)}`;
    expect(decodeSignedCookie(flask)).toMatchObject({ format: 'itsdangerous', payload: '{"user_id":42}' });
    const compressed = decodeSignedCookie(`.eJyrVkrLz1eyUkpKLFKqBQApXAVh.${ts}.${'B'.repeat(27)}`);
    expect(compressed?.format).toBe('itsdangerous');
    expect(compressed?.plain).toContain('compressed, signed');
  });
  it('decodes Express and Rails-style signed cookies', () => {
    expect(decodeSignedCookie(`s%3Auser42.${'x'.repeat(43)}`)).toMatchObject({ format: 'express', payload: 'user42' });
    const rails = `${b64('{"user":"bob"}')}--${'a1'.repeat(20)}`;
    expect(decodeSignedCookie(rails)).toMatchObject({ format: 'rails', payload: '{"user":"bob"}' });
  });
  it('leaves ordinary and encrypted values alone', () => {
    expect(decodeSignedCookie('GA1.2.1234567890.1700000000')).toBeNull();
    expect(decodeSignedCookie('abc')).toBeNull();
    expect(decodeSignedCookie(`${'a'.repeat(20)}--${'b'.repeat(16)}--${'c'.repeat(24)}`)).toBeNull();
  });
  it('base64 decoder matches Buffer', () => {
    for (const s of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', '\u00ff\u00fe']) {
      const bytes = new TextEncoder().encode(s);
      expect(decodeBase64(b64(s))).toEqual(bytes);
      expect(decodeBase64(b64url(s))).toEqual(bytes);
    }
    expect(decodeBase64('a*b')).toBeNull();
  });
});

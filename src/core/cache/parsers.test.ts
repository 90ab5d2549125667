import { describe, expect, it } from 'vitest';
import { DELTA_CAP, parseAge, parseCacheControl, parseDateField, parseETag, parseHttpDate, parsePragma, parseVary } from './parsers';

const ids = (findings: ReadonlyArray<{ id: string }>) => findings.map((f) => f.id);
const NOW_2023 = 1700000000;

describe('parseCacheControl', () => {
  it('reads names case-insensitively and keeps values', () => {
    const cc = parseCacheControl(['MaX-AgE=60, Public'], 'response');
    expect([...cc.names]).toEqual(['max-age', 'public']);
    expect(cc.deltas.get('max-age')?.seconds).toBe(60);
    expect(cc.findings).toEqual([]);
  });

  it('combines several field lines as one list', () => {
    const cc = parseCacheControl(['no-cache', 'max-age=5'], 'response');
    expect(cc.names.has('no-cache')).toBe(true);
    expect(cc.deltas.get('max-age')?.seconds).toBe(5);
  });

  it('handles quoted values with commas and escapes', () => {
    const cc = parseCacheControl(['no-cache="Set-Cookie, X-A\\"b", max-age=3'], 'response');
    expect(cc.directives[0]).toEqual({ name: 'no-cache', value: 'Set-Cookie, X-A"b', quoted: true });
    expect(cc.deltas.get('max-age')?.seconds).toBe(3);
  });

  it('accepts quoted delta-seconds but flags it', () => {
    const cc = parseCacheControl(['max-age="60"'], 'response');
    expect(cc.deltas.get('max-age')).toMatchObject({ seconds: 60, quoted: true, invalid: false });
    expect(ids(cc.findings)).toContain('cc-quoted-value');
  });

  it.each(['abc', "'3600'", '-3600', '1.5', '60s'])('treats max-age=%s as invalid', (v) => {
    const cc = parseCacheControl([`max-age=${v}`], 'response');
    expect(cc.deltas.get('max-age')).toMatchObject({ seconds: null, invalid: true });
    expect(ids(cc.findings)).toContain('cc-invalid-value');
  });

  it('flags a missing value', () => {
    const cc = parseCacheControl(['max-age'], 'response');
    expect(cc.deltas.get('max-age')?.seconds).toBeNull();
    expect(ids(cc.findings)).toContain('cc-missing-value');
  });

  it('caps huge delta-seconds at 2^31', () => {
    const cc = parseCacheControl(['max-age=99999999999'], 'response');
    expect(cc.deltas.get('max-age')?.seconds).toBe(DELTA_CAP);
    expect(ids(cc.findings)).toContain('cc-huge-delta');
  });

  it('conflicting duplicates resolve to no value and a warning', () => {
    const cc = parseCacheControl(['max-age=60, max-age=120'], 'response');
    expect(cc.deltas.get('max-age')).toMatchObject({ seconds: null, conflict: true });
    expect(ids(cc.findings)).toContain('cc-conflicting-duplicate');
  });

  it('identical duplicates keep the value with an info note', () => {
    const cc = parseCacheControl(['max-age=60', 'max-age=60'], 'response');
    expect(cc.deltas.get('max-age')).toMatchObject({ seconds: 60, conflict: false });
    expect(ids(cc.findings)).toEqual(['cc-duplicate-directive']);
    expect(ids(parseCacheControl(['public, public'], 'response').findings)).toEqual(['cc-duplicate-directive']);
  });

  it('flags unknown directives, values on valueless directives and misplaced directives', () => {
    expect(ids(parseCacheControl(['pre-check=0'], 'response').findings)).toEqual(['cc-unknown-directive']);
    expect(ids(parseCacheControl(['no-store=1'], 'response').findings)).toEqual(['cc-unexpected-value']);
    expect(ids(parseCacheControl(['min-fresh=5'], 'response').findings)).toEqual(['cc-request-only-in-response']);
    expect(ids(parseCacheControl(['public'], 'request').findings)).toEqual(['cc-response-only-in-request']);
  });

  it('reports syntax problems without throwing', () => {
    expect(ids(parseCacheControl(['=5'], 'response').findings)).toContain('cc-syntax');
    expect(ids(parseCacheControl(['no-cache="abc'], 'response').findings)).toContain('cc-syntax');
    expect(ids(parseCacheControl(['max age=5'], 'response').findings)).toContain('cc-syntax');
  });

  it('ignores empty list members', () => {
    const cc = parseCacheControl([' , ,max-age=1,, '], 'response');
    expect(cc.directives).toHaveLength(1);
    expect(cc.findings).toEqual([]);
  });

  it('bounds work on huge values', () => {
    const cc = parseCacheControl(['max-age=1,' + 'x,'.repeat(500000)], 'response');
    expect(cc.directives.length).toBeLessThanOrEqual(64);
    expect(cc.findings.length).toBeLessThanOrEqual(24);
    expect(ids(cc.findings)).toContain('cc-too-long');
  });
});

describe('parseHttpDate', () => {
  const t = 784111777; // Sun, 06 Nov 1994 08:49:37 GMT
  it('parses the three formats of RFC 9110 §5.6.7', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toEqual({ time: t, format: 'imf-fixdate' });
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW_2023)).toEqual({ time: t, format: 'rfc850' });
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toEqual({ time: t, format: 'asctime' });
  });

  it('matches names case-insensitively', () => {
    expect(parseHttpDate('THU, 18 AUG 2050 02:01:18 GMT').time).toBe(2544400878);
  });

  it('applies the two-digit-year rule relative to now', () => {
    // In 2023, "50" is 27 years ahead (2050 kept); "94" would be 71 years ahead, so it is 1994.
    expect(parseHttpDate('Thursday, 18-Aug-50 02:01:18 GMT', NOW_2023).time).toBe(2544400878);
    // In 2023, "94" read in this century (2094) is more than 50 years ahead: it is 1994.
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW_2023).time).toBe(t);
    // In 2090, "94" (2094) is only 4 years ahead, so it stays 2094; "30" is read as 2030.
    const in2090 = 3786912000;
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', in2090).time).toBe(parseHttpDate('Sun, 06 Nov 2094 08:49:37 GMT').time);
    expect(parseHttpDate('Tuesday, 01-Jan-30 00:00:00 GMT', in2090).time).toBe(parseHttpDate('Tue, 01 Jan 2030 00:00:00 GMT').time);
  });

  it.each([
    '0',
    '',
    'Thu, 18 Aug 50 02:01:18 GMT',
    'Sun, 06 Nov 1994 08:49:37 UTC',
    'Sun, 31 Nov 1994 08:49:37 GMT',
    'Sun, 06 Nov 1994 24:00:00 GMT',
    'Sun, 06 Nov 1994 8:49:37 GMT ',
    '2023-11-14T22:13:20Z',
    'Sun,  6 Nov 1994 08:49:37 GMT',
    'Funday, 06-Nov-94 08:49:37 GMT',
    'Sun, 29 Feb 2023 00:00:00 GMT',
  ])('rejects %j', (v) => {
    expect(parseHttpDate(v, NOW_2023)).toEqual({ time: null, format: null });
  });

  it('handles leap days and years before 100', () => {
    expect(parseHttpDate('Thu, 29 Feb 2024 00:00:00 GMT').time).toBe(1709164800);
    expect(parseHttpDate('Mon, 01 Jan 0001 00:00:00 GMT').time).toBe(-62135596800);
  });

  it('parseDateField uses the first line and notices different duplicates', () => {
    const f = parseDateField(['Sun, 06 Nov 1994 08:49:37 GMT', 'Mon, 07 Nov 1994 08:49:37 GMT'], NOW_2023);
    expect(f).toMatchObject({ time: t, multiple: true });
    expect(parseDateField([], NOW_2023)).toMatchObject({ time: null, raw: null });
  });
});

describe('parseAge', () => {
  it('reads delta-seconds and the first member of a list', () => {
    expect(parseAge(['60']).value).toBe(60);
    const listed = parseAge(['7200, 0']);
    expect(listed.value).toBe(7200);
    expect(ids(listed.findings)).toEqual(['age-multiple']);
  });
  it.each(['abc', '-5', '1.5', ''])('ignores %j with a finding', (v) => {
    const a = parseAge([v]);
    expect(a.value).toBeNull();
    expect(ids(a.findings)).toContain('age-invalid');
  });
  it('is null without a field', () => {
    expect(parseAge([])).toEqual({ value: null, findings: [] });
  });
});

describe('parseETag', () => {
  it('recognises strong, weak and malformed tags', () => {
    expect(parseETag('"abc"')).toEqual({ value: '"abc"', weak: false, valid: true });
    expect(parseETag('W/"abc"')).toEqual({ value: 'W/"abc"', weak: true, valid: true });
    expect(parseETag('""').valid).toBe(true);
    expect(parseETag('abc').valid).toBe(false);
    expect(parseETag('"a"b"').valid).toBe(false);
    expect(parseETag('w/"abc"').valid).toBe(false);
    expect(parseETag('"a b"').valid).toBe(false);
  });
});

describe('parseVary / parsePragma', () => {
  it('lists lower-case members and finds *', () => {
    expect(parseVary(['Accept-Encoding, User-Agent', 'accept-encoding'])).toEqual({
      fields: ['accept-encoding', 'user-agent'],
      star: false,
    });
    expect(parseVary(['Foo, *']).star).toBe(true);
  });
  it('finds no-cache in Pragma', () => {
    expect(parsePragma(['No-Cache']).noCache).toBe(true);
    expect(parsePragma(['x-foo']).noCache).toBe(false);
  });
  it('caps members', () => {
    expect(parseVary([Array.from({ length: 1000 }, (_, i) => `h${i}`).join(',')]).fields.length).toBe(64);
  });
});

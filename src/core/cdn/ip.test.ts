import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildRanges } from '../../../scripts/gen-cdn-ranges';
import source from '../../../data/cdn-ip-ranges.json';
import { bareAddress, cdnForIp, parseIPv4, parseIPv6 } from './ip';

describe('parseIPv4 / parseIPv6', () => {
  it('reads dotted quads and rejects the rest', () => {
    expect(parseIPv4('104.21.48.200')).toBe(104 * 2 ** 24 + 21 * 2 ** 16 + 48 * 256 + 200);
    expect(parseIPv4('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(parseIPv4('256.1.1.1')).toBeNull();
    expect(parseIPv4('01.2.3.4')).toBeNull();
    expect(parseIPv4('1.2.3')).toBeNull();
  });
  it('expands IPv6 forms to 32 hex digits', () => {
    expect(parseIPv6('2001:db8::1')).toBe('20010db8000000000000000000000001');
    expect(parseIPv6('::')).toBe('0'.repeat(32));
    expect(parseIPv6('::ffff:192.0.2.1')).toBe('00000000000000000000ffffc0000201');
    expect(parseIPv6('fe80::1%eth0')).toBe('fe800000000000000000000000000001');
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toBe('00010002000300040005000600070008');
    expect(parseIPv6('1::2::3')).toBeNull();
    expect(parseIPv6('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(parseIPv6('12345::')).toBeNull();
  });
  it('strips brackets and ports', () => {
    expect(bareAddress('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(bareAddress('192.0.2.1:8080')).toBe('192.0.2.1');
  });
});

describe('cdnForIp', () => {
  it('answers the seed question: 104.21.48.200 is a Cloudflare address', () => {
    expect(cdnForIp('104.21.48.200')?.id).toBe('cloudflare');
  });
  it('knows CloudFront, Fastly and IPv6 Cloudflare ranges; not documentation addresses', () => {
    expect(cdnForIp('13.32.0.1')?.id).toBe('cloudfront');
    expect(cdnForIp('151.101.1.1')?.id).toBe('fastly');
    expect(cdnForIp('2606:4700::6810:1')?.id).toBe('cloudflare');
    expect(cdnForIp('[2606:4700::6810:1]:443')?.id).toBe('cloudflare');
    expect(cdnForIp('::ffff:104.21.48.200')?.id).toBe('cloudflare');
    expect(cdnForIp('192.0.2.1')).toBeNull();
    expect(cdnForIp('not an ip')).toBeNull();
    expect(cdnForIp(undefined)).toBeNull();
  });
  it('agrees with a naive scan of the source CIDRs (innermost block wins)', () => {
    const src = source as Parameters<typeof buildRanges>[0];
    const blocks: Array<{ start: number; end: number; id: string }> = [];
    const built = buildRanges(src);
    for (const cat of ['cdn', 'waf'] as const) {
      for (const [key, cidrs] of Object.entries(src[cat] as Record<string, string[]>)) {
        const single = buildRanges({ source: 'x', [cat]: { [key]: cidrs } });
        const id = single.providers[0]!.id;
        for (const c of cidrs) {
          if (c.includes(':')) continue;
          const [a = '', b] = c.split('/');
          const base = parseIPv4(a)!;
          const size = 2 ** (32 - Number(b));
          blocks.push({ start: Math.floor(base / size) * size, end: Math.floor(base / size) * size + size - 1, id });
        }
      }
    }
    expect(built.v4.length).toBeGreaterThan(100);
    // sorted and disjoint
    for (let i = 1; i < built.v4.length; i++) expect(built.v4[i]![0]).toBeGreaterThan(built.v4[i - 1]![1]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: blocks.length - 1 }), fc.integer({ min: 0, max: 2 ** 20 }), (bi, off) => {
        const blk = blocks[bi]!;
        const ip = blk.start + (off % (blk.end - blk.start + 1));
        const containing = blocks.filter((b) => b.start <= ip && ip <= b.end).sort((x, y) => x.end - x.start - (y.end - y.start));
        const dotted = [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
        const got = cdnForIp(dotted)?.id;
        // the smallest containing block's provider (ties between providers listing the same block: either)
        const smallest = containing[0]!.end - containing[0]!.start;
        const allowed = containing.filter((b) => b.end - b.start === smallest).map((b) => b.id);
        expect(allowed).toContain(got);
      }),
      { numRuns: 2000 },
    );
  });
});

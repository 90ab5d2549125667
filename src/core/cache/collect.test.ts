import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collect, collectSlots, REQ_SLOTS, RES_SLOTS } from './fields';

const RES = new Set(RES_SLOTS.names);
const REQ = new Set(REQ_SLOTS.names);

function asMap(slots: Array<string[] | undefined>, names: readonly string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  names.forEach((n, i) => slots[i] && m.set(n, slots[i]));
  return m;
}

function sorted(m: Map<string, string[]>): Array<[string, string[]]> {
  return [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

describe('collectSlots (the fast field collector buildFacts uses)', () => {
  it('reads names case-insensitively, keeps wire order, splits Firefox newline-joined values', () => {
    const out = collectSlots(
      [
        { name: 'Cache-Control', value: 'max-age=1' },
        { name: 'ETAG', value: '"a"' },
        { name: 'cache-control', value: 'public' },
        { name: 'X-Other', value: 'x' },
        { name: 'Vary', value: 'Accept\nCookie' },
        { name: 'set-coo\u212aie', value: 'k=1' }, // KELVIN SIGN lower-cases to "k", as collect() sees it
      ],
      RES_SLOTS,
    );
    const m = asMap(out, RES_SLOTS.names);
    expect(m.get('cache-control')).toEqual(['max-age=1', 'public']);
    expect(m.get('etag')).toEqual(['"a"']);
    expect(m.get('vary')).toEqual(['Accept', 'Cookie']);
    expect(m.get('set-cookie')).toEqual(['k=1']);
    expect(m.has('date')).toBe(false);
  });
  it('gives exactly what collect() gives, for arbitrary header lists', () => {
    const names = fc.oneof(
      fc.constantFrom(
        ...RES_SLOTS.names,
        ...REQ_SLOTS.names,
        'Cache-Control',
        'ETag',
        'DATE',
        'If-None-Match',
        'Last-Modified',
        'x-cache',
        'Content-Type',
      ),
      fc.string({ maxLength: 20 }),
      fc.string({ maxLength: 16 }).map((s) => s.toUpperCase()),
    );
    const headers = fc.array(fc.record({ name: names, value: fc.string({ maxLength: 30 }) }), { maxLength: 30 });
    fc.assert(
      fc.property(headers, (h) => {
        expect(sorted(asMap(collectSlots(h, RES_SLOTS), RES_SLOTS.names))).toEqual(sorted(collect(h, RES)));
        expect(sorted(asMap(collectSlots(h, REQ_SLOTS), REQ_SLOTS.names))).toEqual(sorted(collect(h, REQ)));
      }),
      { numRuns: 500 },
    );
  });
});

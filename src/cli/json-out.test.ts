import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainHar } from '../lib/explain-har';
import { hasUnsafeUtf8, OutBuffer, safeJsonBytes } from './json-out';
import { safeJson } from './sanitize';

const SHARED = resolve(process.env.CACHE_LENS_SHARED ?? join(import.meta.dirname, '../../../shared'));
const HARS = join(SHARED, 'fixtures/har');

/** Every code point safeJson rewrites (besides what JSON.stringify already escapes). */
const UNSAFE = [0x7f, ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i), 0x61c, 0x200e, 0x200f, 0x2028, 0x2029];
for (let c = 0x202a; c <= 0x202e; c++) UNSAFE.push(c);
for (let c = 0x2066; c <= 0x2069; c++) UNSAFE.push(c);

const bytesOf = (s: string) => Buffer.from(s, 'utf8');

describe('safeJsonBytes', () => {
  it('gives the bytes of safeJson(JSON.stringify(e)) for every entry of the shared HARs', () => {
    const files = readdirSync(HARS).filter((f) => f.endsWith('.har'));
    expect(files.length).toBeGreaterThan(0);
    let n = 0;
    for (const f of files) {
      for (const e of explainHar(readFileSync(join(HARS, f)), {}).entries) {
        const json = JSON.stringify(e);
        expect(safeJsonBytes(bytesOf(json)).equals(bytesOf(safeJson(json)))).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(100);
  });

  it('finds each character safeJson rewrites, alone and among others', () => {
    for (const c of UNSAFE) {
      const ch = String.fromCodePoint(c);
      expect(hasUnsafeUtf8(bytesOf(ch)), c.toString(16)).toBe(true);
      const json = JSON.stringify({ a: `§ … ${ch} x`, b: '→' });
      expect(safeJsonBytes(bytesOf(json)).toString('utf8')).toBe(safeJson(json));
      expect(safeJsonBytes(bytesOf(json)).toString('utf8')).not.toContain(ch);
    }
  });

  it('leaves the neighbours of those characters alone', () => {
    const SAFE = [0x7e, 0xa0, 0xa7, 0x61b, 0x61d, 0x200d, 0x2010, 0x2026, 0x2027, 0x202f, 0x2065, 0x206a, 0x2192, 0x1f600];
    for (const c of SAFE) expect(hasUnsafeUtf8(bytesOf(String.fromCodePoint(c))), c.toString(16)).toBe(false);
  });

  it('agrees with safeJson on any JSON text', () => {
    const chars = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom(...UNSAFE.map((c) => String.fromCodePoint(c)), 'a', '§', '…', '\u2066', 'é', '"', '\\') }),
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 6 }), (list) => {
        const json = JSON.stringify(list);
        expect(safeJsonBytes(bytesOf(json)).equals(bytesOf(safeJson(json)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('OutBuffer', () => {
  it('hands on whole UTF-8 buffers, in order, and pieces larger than a buffer on their own', () => {
    const got: Buffer[] = [];
    const out = new OutBuffer((b) => void got.push(Buffer.from(b)), false, 16);
    const pieces = ['abc', 'é…', 'x'.repeat(40), '→', '', 'tail'];
    for (const p of pieces) void out.add(p);
    void out.flush();
    expect(Buffer.concat(got).toString('utf8')).toBe(pieces.join(''));
    for (const b of got) expect(b.toString('utf8')).not.toContain('\ufffd');
    expect(got.some((b) => b.toString('utf8') === 'x'.repeat(40))).toBe(true);
  });

  it('with json, makes each buffer safe', () => {
    const got: Buffer[] = [];
    const out = new OutBuffer((b) => void got.push(b), true, 64);
    const text = JSON.stringify(['a\u202eb', 'c'.repeat(100), '\u0085']);
    void out.add(text.slice(0, 10));
    void out.add(text.slice(10));
    void out.flush();
    expect(Buffer.concat(got).toString('utf8')).toBe(safeJson(text));
  });

  it('waits for a sink that asks to', async () => {
    const order: string[] = [];
    const out = new OutBuffer(
      (b) =>
        new Promise<void>((r) =>
          setTimeout(() => {
            order.push(b.toString('utf8'));
            r();
          }, 1),
        ),
      false,
      8,
    );
    for (const p of ['aaaa', 'bbbb', 'cccc']) {
      const w = out.add(p);
      if (w) await w;
    }
    await out.flush();
    expect(order.join('')).toBe('aaaabbbbcccc');
  });
});

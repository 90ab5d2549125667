import { describe, expect, it } from 'vitest';
import { generateHar } from '../bench/har-gen';
import { readHar } from '../src/core/har';

describe('bench HAR generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = JSON.stringify(generateHar(500, 7));
    expect(JSON.stringify(generateHar(500, 7))).toBe(a);
    expect(JSON.stringify(generateHar(500, 8))).not.toBe(a);
  });

  it('produces a valid HAR with the advertised header mix', () => {
    const records = readHar(generateHar(2000, 42)).records;
    expect(records).toHaveLength(2000);
    const values = (name: string) =>
      records.flatMap((r) => r.responseHeaders.filter((h) => h.name.toLowerCase() === name).map((h) => h.value));
    const cc = values('cache-control');
    expect(cc.some((v) => v.includes('immutable'))).toBe(true);
    expect(cc.some((v) => v.startsWith('private'))).toBe(true);
    expect(cc.some((v) => v === 'no-cache')).toBe(true);
    expect(values('set-cookie').length).toBeGreaterThan(200);
    expect(values('vary').length).toBeGreaterThan(500);
    expect(values('cf-cache-status').length + values('x-amz-cf-pop').length + values('x-vercel-cache').length).toBeGreaterThan(100);
    expect(records.filter((r) => r.status === 304).length).toBeGreaterThan(50);
    expect(records.filter((r) => r.source === 'memory-cache' || r.source === 'disk-cache').length).toBeGreaterThan(20);
  });
});

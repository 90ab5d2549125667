import { describe, expect, it } from 'vitest';
import { explainCdn } from './index';
import { explainProxy } from '../proxy/index';
import type { ExchangeRecord } from '../types';
import { readSharedJson } from '../../../tests/support/shared';

// 10,000 exchanges with the header mixes of the reference cases (every provider, tiers, RFC 9211, negatives).
const cases = readSharedJson<{ cases: unknown }>('reference', 'cdn-cases.json').cases as Array<{
  status: number;
  headers: Record<string, string | string[]>;
}>;
const ips = ['104.21.48.200', '151.101.1.1', '13.32.0.1', '192.0.2.1', '2606:4700::6810:1', undefined];
const exchanges: ExchangeRecord[] = Array.from({ length: 10_000 }, (_, i) => {
  const c = cases[i % cases.length]!;
  const responseHeaders = Object.entries(c.headers).flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((value) => ({ name, value })));
  responseHeaders.push({ name: 'Date', value: 'Sat, 21 Nov 2026 21:00:00 GMT' }, { name: 'Content-Length', value: String(i) });
  return {
    id: String(i),
    url: `https://example.com/${i}`,
    method: 'GET',
    status: c.status,
    requestHeaders: [],
    responseHeaders,
    requestTimeMs: 0,
    responseTimeMs: 0,
    source: 'network',
    serverIp: ips[i % ips.length],
  };
});

describe('speed (best of several rounds: the machine is shared)', () => {
  it('explainCdn on 10,000 exchanges: no pathological slowdown (best of 5 after warm-up)', () => {
    const ctx = { browser: 'chrome' as const, now: 0 };
    for (let i = 0; i < 2000; i++) explainCdn(exchanges[i]!, ctx);
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const t0 = performance.now();
      for (const x of exchanges) explainCdn(x, ctx);
      best = Math.min(best, performance.now() - t0);
    }
    console.log(`explainCdn: 10,000 exchanges in ${best.toFixed(1)} ms`);
    // The goal is < 100 ms on an idle machine (npm run bench measures it). This guard only catches a pathological
    // slowdown (a quadratic loop, a regex blow-up), with room for a loaded 2-core CI machine.
    expect(best).toBeLessThan(1000);
  });
  it('explainProxy on 10,000 exchanges', () => {
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const t0 = performance.now();
      for (const x of exchanges) explainProxy(x);
      best = Math.min(best, performance.now() - t0);
    }
    console.log(`explainProxy: 10,000 exchanges in ${best.toFixed(1)} ms`);
    expect(best).toBeLessThan(1000);
  });
});

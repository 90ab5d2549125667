import { describe, expect, it } from 'vitest';
import { readSharedJson, readSharedText, sharedHarFiles } from '../../../tests/support/shared';
import { runCdnCase } from './conformance';
import { explainCdn } from './index';
import type { ExchangeRecord, HeaderList } from '../types';

/** The parts of a HAR file this test reads. */
interface HarFile {
  log?: { entries?: HarEntry[] };
}
interface HarEntry {
  request?: { url?: string; method?: string; headers?: HeaderList };
  response?: { status?: number; headers?: HeaderList };
  serverIPAddress?: string;
}

// The shared reference file and HAR fixtures (../shared beside the repository, or CACHE_LENS_SHARED).
const cases = readSharedJson<{ format: string; cases: Array<{ id: string; expect: Record<string, unknown> }> }>(
  'reference',
  'cdn-cases.json',
);
const hars: Record<string, string> = Object.fromEntries(sharedHarFiles().map((f) => [f, readSharedText('fixtures', 'har', f)]));

describe('cdn-cases.json through runCdnCase', () => {
  it('is the cdn-cases/1 format with 33 cases', () => {
    expect(cases.format).toBe('cdn-cases/1');
    expect(cases.cases.length).toBe(33);
  });
  // One test for the file: npm test counts each reference case once, in its conformance step.
  it('passes every case (each mismatch listed with its id)', () => {
    const mismatches = [];
    for (const c of cases.cases) {
      const actual = runCdnCase(c);
      const picked: Record<string, unknown> = {};
      for (const key of Object.keys(c.expect)) picked[key] = actual[key];
      if (JSON.stringify(picked) !== JSON.stringify(c.expect)) mismatches.push({ id: c.id, expected: c.expect, actual: picked });
    }
    expect(mismatches).toEqual([]);
  });
});

describe('explainCdn over the HAR fixtures', () => {
  const files = Object.keys(hars);
  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(10);
  });
  for (const path of files) {
    it(`${path.split('/').pop()} explains every entry without throwing`, () => {
      const har = JSON.parse(hars[path]!.replace(/^\uFEFF/, '')) as HarFile | null;
      const entries: HarEntry[] = har?.log?.entries ?? [];
      let identified = 0;
      entries.forEach((e, i) => {
        const x: ExchangeRecord = {
          id: String(i),
          url: e.request?.url ?? '',
          method: e.request?.method ?? 'GET',
          status: e.response?.status ?? 0,
          requestHeaders: e.request?.headers ?? [],
          responseHeaders: e.response?.headers ?? [],
          requestTimeMs: 0,
          responseTimeMs: 0,
          source: 'network',
          serverIp: e.serverIPAddress,
        };
        const r = explainCdn(x, { browser: 'chrome', now: 0 });
        expect(Array.isArray(r.findings)).toBe(true);
        if (r.cdn) identified++;
      });
      expect(identified).toBeLessThanOrEqual(entries.length);
    });
  }
});

import { describe, expect, it } from 'vitest';
import {
  createExplainer,
  emptyCache,
  emptyCdn,
  emptyCookies,
  emptyProxy,
  HISTORY_CAP,
  REQUEST_HEADERS_LOST,
  type Engines,
} from './compose';
import type { EngineContext, ExchangeRecord, Finding, Severity } from './types';

const ctx: EngineContext = { browser: 'chrome', now: 1_767_225_600 };

function rec(i: number, url = 'https://a.example/x'): ExchangeRecord {
  return {
    id: `r${i}`,
    url,
    method: 'GET',
    status: 200,
    requestHeaders: [],
    responseHeaders: [],
    requestTimeMs: i,
    responseTimeMs: i,
    source: 'network',
  };
}
const finding = (id: string, severity: Severity): Finding => ({ id, topic: 'cache', severity, summary: id, rule: id, link: 'x' });

function fakes(over: Partial<Engines> = {}): Engines {
  return {
    explainCache: () => ({ ...emptyCache(ctx), findings: [finding('c-info', 'info'), finding('c-warn', 'warning')] }),
    explainCookies: () => ({ ...emptyCookies(), findings: [finding('k-good', 'good'), finding('k-err', 'error')] }),
    explainCdn: () => ({ ...emptyCdn(), cdn: 'fastly', findings: [finding('d-warn', 'warning')] }),
    explainProxy: () => ({ ...emptyProxy(), findings: [] }),
    ...over,
  };
}

describe('explain composer', () => {
  it("merges all areas' findings worst first, areas in order within a severity", () => {
    const e = createExplainer(fakes()).explain(rec(1), ctx);
    expect(e.findings.map((f) => f.id)).toEqual(['k-err', 'c-warn', 'd-warn', 'c-info', 'k-good']);
    expect(e.schema).toBe('cache-lens/explanation/1');
    expect(e.cdn.cdn).toBe('fastly');
    expect(e).toMatchObject({ exchangeId: 'r1', url: 'https://a.example/x', method: 'GET', status: 200, source: 'network', hidden: [] });
  });

  it('turns a throwing area into an engine-error finding and an empty area, keeping the others', () => {
    const e = createExplainer(
      fakes({
        explainCdn: () => {
          throw new RangeError('boom\nline');
        },
      }),
    ).explain(rec(1), ctx);
    expect(e.findings[0]).toMatchObject({
      id: 'engine-error',
      severity: 'error',
      params: { area: 'cdn', message: 'RangeError: boom line' },
    });
    expect(e.findings[0]?.fix).toContain('report it');
    expect(e.findings[0]?.summary).toContain('cdn');
    expect(e.cdn).toEqual(emptyCdn());
    expect(e.cache.findings).toHaveLength(2);
    expect(e.findings.map((f) => f.id)).toContain('k-err');
  });

  it('treats a malformed area result as an error too, and survives throwing non-Errors', () => {
    const e = createExplainer(
      fakes({
        explainCache: () => undefined as never,
        explainProxy: () => {
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- the engine must survive a non-Error throw
          throw 'a string';
        },
      }),
    ).explain(rec(1), ctx);
    expect(e.findings.filter((f) => f.id === 'engine-error').map((f) => f.params?.area)).toEqual(['cache', 'proxy']);
    expect(e.cache).toEqual(emptyCache(ctx));
  });

  it('drops malformed findings rather than mis-sorting them', () => {
    const e = createExplainer(
      fakes({
        explainProxy: () => ({
          ...emptyProxy(),
          findings: [null, finding('p-bad', 'toString' as Severity), finding('p-ok', 'error')] as never,
        }),
      }),
    ).explain(rec(1), ctx);
    expect(e.findings.map((f) => f.id)).toEqual(['k-err', 'p-ok', 'c-warn', 'd-warn', 'c-info', 'k-good']);
  });

  it('survives a broken record', () => {
    const e = createExplainer(fakes()).explain({ requestHeadersIncomplete: true, requestHeaders: 'x' } as never, ctx);
    expect(e).toMatchObject({ exchangeId: '', url: '', status: 0, source: 'unknown' });
    expect(e.hidden.length).toBeGreaterThan(0);
  });

  it('fills hidden only when request headers are incomplete, and not for headers that are present', () => {
    const ex = createExplainer(fakes());
    expect(ex.explain(rec(1), ctx).hidden).toEqual([]);
    const all = ex.explain({ ...rec(1), requestHeadersIncomplete: true }, ctx).hidden;
    expect(all.some((h) => h.startsWith('Cookie:'))).toBe(true);
    expect(all.some((h) => h.startsWith('If-None-Match'))).toBe(true);
    const some = ex.explain({ ...rec(1), requestHeadersIncomplete: true, requestHeaders: [{ name: 'cookie', value: 'a=1' }] }, ctx).hidden;
    expect(some.some((h) => h.startsWith('Cookie:'))).toBe(false);
    expect(some.length).toBe(all.length - 1);
  });

  it('says the request headers were lost, instead of listing what the browser hides, when none reached the recorder', () => {
    const ex = createExplainer(fakes());
    const lost = { ...rec(1), requestHeadersIncomplete: true, requestHeadersLost: true, requestHeaders: [] };
    expect(ex.explain(lost, ctx).hidden).toEqual([REQUEST_HEADERS_LOST]);
    expect(ex.explain({ ...lost, requestHeaders: undefined } as never, ctx).hidden).toEqual([REQUEST_HEADERS_LOST]);
    // Headers that arrived later win over the mark.
    const found = ex.explain({ ...lost, requestHeaders: [{ name: 'accept', value: '*/*' }] }, ctx).hidden;
    expect(found).not.toContain(REQUEST_HEADERS_LOST);
  });
});

describe('explainAll', () => {
  it('gives each record only the earlier same-URL records as history, oldest first', () => {
    const seen: Array<{ id: string; history: string[] }> = [];
    const ex = createExplainer(
      fakes({
        explainCache: (x, c, history) => {
          seen.push({ id: x.id, history: (history ?? []).map((h) => h.id) });
          return emptyCache(c);
        },
      }),
    );
    const records = [rec(0, 'https://a/1'), rec(1, 'https://a/2'), rec(2, 'https://a/1'), rec(3, 'https://a/1'), rec(4, 'https://a/2')];
    const out = ex.explainAll(records, ctx);
    expect(out.map((e) => e.exchangeId)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(seen).toEqual([
      { id: 'r0', history: [] },
      { id: 'r1', history: [] },
      { id: 'r2', history: ['r0'] },
      { id: 'r3', history: ['r0', 'r2'] },
      { id: 'r4', history: ['r1'] },
    ]);
  });

  it('caps history at the latest HISTORY_CAP same-URL records, so a long recording stays linear', () => {
    let maxLen = 0;
    let last: string[] = [];
    const ex = createExplainer(
      fakes({
        explainCache: (_x, c, history) => {
          maxLen = Math.max(maxLen, history?.length ?? 0);
          last = (history ?? []).map((h) => h.id);
          return emptyCache(c);
        },
      }),
    );
    const records = Array.from({ length: 1000 }, (_, i) => rec(i));
    ex.explainAll(records, ctx);
    expect(maxLen).toBe(HISTORY_CAP);
    expect(last[last.length - 1]).toBe('r998');
    expect(last[0]).toBe(`r${999 - HISTORY_CAP}`);
  });
});

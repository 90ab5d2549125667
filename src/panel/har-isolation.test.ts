import { describe, expect, it, vi } from 'vitest';
import { harActions, importHarText } from './har-actions';
import { makeStore, record, snapshot } from './test/fixtures';
import { oldHar } from './test/har';

const upsert = (id: string) => ({ type: 'bg>panel:upsert' as const, v: 1 as const, tabId: 7, exchanges: [record({ id })] });

describe('HAR mode is isolated from live traffic', () => {
  it('live upserts, pages, snapshots and clears do not touch an imported HAR; its export holds only its entries', async () => {
    const { store } = makeStore();
    store.receive(snapshot([record({ id: 'live1' })]));
    importHarText(store, oldHar(), 'old.har');
    const imported = store.records.value.map((x) => x.id);
    expect(imported).toHaveLength(1);
    store.receive(upsert('live2'));
    store.receive({
      type: 'bg>panel:page',
      v: 1,
      tabId: 7,
      page: { id: 'p2', tabId: 7, url: 'https://example.com/next', startedMs: 0, dropped: 0 },
    });
    store.receive(snapshot([record({ id: 'live3' })]));
    store.receive({ type: 'bg>panel:cleared', v: 1, tabId: 7 });
    expect(store.status.value).toBe('imported');
    expect(store.records.value.map((x) => x.id)).toEqual(imported);
    expect(store.pending.value).toEqual([]);

    let text = '';
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      void (b as Blob).text().then((t) => (text = t));
      return 'blob:x';
    });
    const click = vi.fn();
    vi.stubGlobal('document', { createElement: () => ({ click, remove() {} }), body: { append() {} } });
    harActions(store).exportHar();
    await vi.waitFor(() => expect(text).not.toBe(''));
    const entries = (JSON.parse(text) as { log: { entries: Array<{ request: { url: string } }> } }).log.entries;
    expect(entries.map((e) => e.request.url)).toEqual(['https://old.example/app.js']);
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('Back to live (or Clear) leaves the HAR and asks the background for the tab again', () => {
    const { store, sent } = makeStore();
    store.receive(snapshot([record({ id: 'live1' })]));
    importHarText(store, oldHar(), 'old.har');
    store.clear();
    expect(store.status.value).toBe('loading');
    expect(store.records.value).toEqual([]);
    expect(sent.at(-1)).toEqual({ type: 'panel>bg:subscribe', v: 1, tabId: 7 });
    // nothing was cleared in the background
    expect(sent.some((m) => (m as { type: string }).type === 'panel>bg:clear')).toBe(false);
    store.receive(snapshot([record({ id: 'live1' }), record({ id: 'live2' })]));
    expect(store.status.value).toBe('ready');
    expect(store.records.value.map((x) => x.id)).toEqual(['live1', 'live2']);
    expect(store.judgeAt.value).toBe('now');
    store.receive(upsert('live3'));
    expect(store.records.value).toHaveLength(3);
  });
});

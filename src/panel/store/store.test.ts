import { describe, expect, it } from 'vitest';
import { createStore } from './index';
import { fakeExplainer, makeStore, manyRecords, NOW_MS, record, snapshot } from '../test/fixtures';

describe('panel store', () => {
  it('takes a snapshot without explaining anything, then explains lazily and memoizes', () => {
    const ex = fakeExplainer();
    const { store } = makeStore(ex.fn);
    store.receive(snapshot(manyRecords(1000)));
    expect(store.status.value).toBe('ready');
    expect(store.records.value).toHaveLength(1000);
    expect(ex.calls).toHaveLength(0);
    const x = store.records.value[5]!; // 1000 records, checked above
    store.explainRecord(x);
    store.explainRecord(x);
    expect(ex.calls).toEqual(['r5']);
  });

  it('shows records before the engine arrives and explains them once it does', () => {
    const ex = fakeExplainer();
    const store = createStore({ clock: () => NOW_MS });
    store.receive(snapshot([record({ id: 'a' })]));
    expect(store.explainById('a')).toBeNull();
    expect(store.engineReady.value).toBe(false);
    store.setExplainer(ex.fn);
    expect(store.explainById('a')?.exchangeId).toBe('a');
  });

  it('re-explains a record when an upsert bumps its version, and appends new ones in time order', () => {
    const ex = fakeExplainer();
    const { store } = makeStore(ex.fn);
    store.receive(snapshot([record({ id: 'a' })]));
    store.explainById('a');
    store.receive({
      type: 'bg>panel:upsert',
      v: 1,
      tabId: 7,
      exchanges: [record({ id: 'a', status: 304 }), record({ id: 'b', requestTimeMs: NOW_MS - 200_000 })],
    });
    expect(store.records.value.map((x) => x.id)).toEqual(['b', 'a']);
    expect(store.getRecord('a')!.status).toBe(304);
    store.explainById('a');
    expect(ex.calls).toEqual(['a', 'a']);
  });

  it('passes earlier exchanges of the same URL as history', () => {
    const seen: string[][] = [];
    const { store } = makeStore((x, _ctx, history) => {
      seen.push((history ?? []).map((h) => h.id));
      return fakeExplainer().fn(x, _ctx, history);
    });
    const url = 'https://example.com/app.css';
    store.receive(
      snapshot([
        record({ id: 'first', url }),
        record({ id: 'second', url, requestTimeMs: NOW_MS - 1000, responseTimeMs: NOW_MS - 900 }),
        record({ id: 'other' }),
      ]),
    );
    store.explainById('second');
    expect(seen).toEqual([['first']]);
  });

  it('buffers upserts while live updates are off and applies them when turned back on', () => {
    const { store } = makeStore();
    store.receive(snapshot([]));
    store.setLive(false);
    store.receive({ type: 'bg>panel:upsert', v: 1, tabId: 7, exchanges: [record({ id: 'late' })] });
    expect(store.records.value).toHaveLength(0);
    expect(store.pending.value).toHaveLength(1);
    store.setLive(true);
    expect(store.records.value.map((x) => x.id)).toEqual(['late']);
  });

  it('ignores messages for another tab or protocol version', () => {
    const { store } = makeStore();
    store.receive({ ...snapshot([record({ id: 'x' })]), tabId: 8 });
    store.receive({ ...snapshot([record({ id: 'x' })]), v: 2 as 1 });
    expect(store.status.value).toBe('loading');
  });

  it('starts afresh on a new page without preserve log, keeps earlier pages with it', () => {
    const { store } = makeStore();
    store.receive(snapshot([record({ id: 'a' })]));
    const page2 = { id: 'p2', tabId: 7, url: 'https://example.com/two', startedMs: NOW_MS, dropped: 0 };
    store.receive({ type: 'bg>panel:page', v: 1, tabId: 7, page: page2 });
    expect(store.records.value).toHaveLength(0);
    expect(store.pages.value.map((p) => p.id)).toEqual(['p2']);

    const { store: s2, sent } = makeStore();
    s2.receive(snapshot([record({ id: 'a' })]));
    s2.setPreserveLog(true);
    s2.receive({ type: 'bg>panel:page', v: 1, tabId: 7, page: page2 });
    expect(s2.records.value).toHaveLength(1);
    expect(s2.pages.value.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(sent).toContainEqual({ type: 'panel>bg:set-preserve-log', v: 1, tabId: 7, preserve: true });
  });

  it('clear empties the list and tells the background', () => {
    const { store, sent } = makeStore();
    store.receive(snapshot([record({ id: 'a' })]));
    store.clear();
    expect(store.records.value).toHaveLength(0);
    expect(sent).toContainEqual({ type: 'panel>bg:clear', v: 1, tabId: 7 });
  });

  it('asks for the jar with a request id and takes only the matching answer', () => {
    const { store, sent } = makeStore();
    store.receive(snapshot([]));
    store.requestJar('https://example.com/');
    const req = sent.at(-1) as { type: string; requestId: string; url: string };
    expect(req).toMatchObject({ type: 'panel>bg:get-jar', url: 'https://example.com/', tabId: 7 });
    store.receive({ type: 'bg>panel:jar', v: 1, requestId: 'stale-id', cookies: [] });
    expect(store.jar.value!.loading).toBe(true);
    store.receive({ type: 'bg>panel:jar', v: 1, requestId: req.requestId, cookies: [] });
    expect(store.jar.value!.loading).toBe(false);
  });

  it('groups exchanges under their pages, oldest page first, and collapses a page', () => {
    const { store } = makeStore();
    const pages = [
      { id: 'p2', tabId: 7, url: 'https://example.com/two', startedMs: NOW_MS - 10_000, dropped: 0 },
      { id: 'p1', tabId: 7, url: 'https://example.com/one', startedMs: NOW_MS - 90_000, dropped: 3 },
    ];
    store.receive(
      snapshot([record({ id: 'a', pageId: 'p1' }), record({ id: 'b', pageId: 'p2' }), record({ id: 'c', pageId: 'p1' })], pages),
    );
    const shape = () => store.items.value.map((i) => (i.kind === 'page' ? `[${i.page.id}:${i.count}]` : i.record.id));
    expect(shape()).toEqual(['[p1:2]', 'a', 'c', '[p2:1]', 'b']);
    store.togglePage('p1');
    expect(shape()).toEqual(['[p1:2]', '[p2:1]', 'b']);
  });

  it('moves the selection with the keyboard model and clamps at the ends', () => {
    const { store } = makeStore();
    store.receive(snapshot(manyRecords(3)));
    store.moveSelection(1);
    expect(store.selectedId.value).toBe('r0');
    store.moveSelection(1e9);
    expect(store.selectedId.value).toBe('r2');
    store.moveSelection(-1);
    expect(store.selectedId.value).toBe('r1');
  });
});

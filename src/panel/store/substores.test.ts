import { describe, expect, it } from 'vitest';
import { computed, effect, signal } from '@preact/signals';
import { createGroupStore } from './groups';
import { createRecordStore } from './records';
import { createExplanationStore } from './explanations';
import { createStore } from './index';
import { explanation, fakeExplainer, NOW, NOW_MS, record, snapshot } from '../test/fixtures';

describe('sub-stores', () => {
  it('groups: the visible list is computed from the filtered records, the pages and the folded pages', () => {
    const filtered = signal([record({ id: 'a', pageId: 'p1' }), record({ id: 'b', pageId: 'p2' }), record({ id: 'c', pageId: 'gone' })]);
    const filtering = signal(false);
    const pages = signal([
      { id: 'p2', tabId: 1, url: 'https://two.test/', startedMs: 2, dropped: 0 },
      { id: 'p1', tabId: 1, url: 'https://one.test/', startedMs: 1, dropped: 0 },
      { id: 'p3', tabId: 1, url: 'https://three.test/', startedMs: 3, dropped: 0 },
    ]);
    const g = createGroupStore({ filtered, filtering, pages, tabId: signal(1) });
    const shape = () => g.items.value.map((i) => (i.kind === 'page' ? `[${i.page.id}:${i.count}]` : i.record.id));
    expect(shape()).toEqual(['[(no page):1]', 'c', '[p1:1]', 'a', '[p2:1]', 'b', '[p3:0]']);
    g.togglePage('p1');
    expect(shape()).toEqual(['[(no page):1]', 'c', '[p1:1]', '[p2:1]', 'b', '[p3:0]']);
    filtering.value = true; // a filter is set: pages without a match are left out
    expect(shape()).not.toContain('[p3:0]');
  });

  it('explanations: the engine arriving is a signal, so what rendered without it is computed again', () => {
    const data = createRecordStore({ onReset: () => {}, onStale: () => {} });
    data.setRecords([record({ id: 'a' })]);
    const ex = createExplanationStore({ browser: 'chrome', judgedAtSec: signal(NOW), data, jar: signal(null), jarOffered: signal(false) });
    const status = computed(() => ex.explainById('a')?.exchangeId ?? 'none');
    const seen: string[] = [];
    const stop = effect(() => void seen.push(status.value));
    expect(ex.engineReady.value).toBe(false);
    ex.setExplainer(fakeExplainer().fn);
    expect(seen).toEqual(['none', 'a']);
    stop();
  });

  it('purposes: the overview is computed again when the purpose table arrives, with no counter to bump', () => {
    const ex = fakeExplainer({
      a: (x) => ({
        cookies: {
          ...explanation(x).cookies,
          setCookies: [
            {
              index: 0,
              raw: '_ga=1',
              stored: true,
              attributes: [],
              scope: [],
              lifetime: 'session',
              prefix: null,
              purpose: null,
              signed: null,
              findings: [],
              cookie: {
                name: '_ga',
                value: '1',
                domain: 'example.com',
                hostOnly: true,
                path: '/',
                secure: false,
                httpOnly: false,
                sameSite: 'lax',
                partitioned: false,
                persistent: false,
                expires: null,
              },
            },
          ],
        },
      }),
    });
    const store = createStore({ explain: ex.fn, clock: () => NOW_MS });
    store.receive(snapshot([record({ id: 'a', responseHeaders: [{ name: 'Set-Cookie', value: '_ga=1' }] })]));
    const categories = () => store.overview.value.map((c) => c.purpose.category);
    expect(categories()).toEqual(['Unknown']);
    store.setPurposeLookup((name) =>
      name === '_ga' ? { category: 'Analytics', platform: 'Google Analytics', description: 'Distinguishes users.' } : null,
    );
    expect(categories()).toEqual(['Analytics']);
  });
});

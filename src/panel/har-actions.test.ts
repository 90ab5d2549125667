import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../tests/support/shared';
import { importHarText } from './har-actions';
import { makeStore } from './test/fixtures';

describe('HAR import', () => {
  it('loads a real HAR into the store as an imported recording, with its pages', () => {
    const { store } = makeStore();
    const text = readFileSync(sharedPath('fixtures', 'har', 'pagexray-304.har'), 'utf8');
    importHarText(store, text, 'pagexray-304.har');
    expect(store.status.value).toBe('imported');
    expect(store.records.value.length).toBeGreaterThan(10);
    expect(store.pages.value.length).toBeGreaterThan(0);
    expect(store.items.value[0]?.kind).toBe('page');
    expect(store.notice.value).toBeNull();
  });
  it('says what is wrong with a file that is not a HAR and keeps the current recording', () => {
    const { store } = makeStore();
    importHarText(store, '{"hello":1}', 'notes.json');
    expect(store.notice.value).toMatch(/^notes\.json could not be read: not a HAR/);
    expect(store.status.value).toBe('loading');
  });
});

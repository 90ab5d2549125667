/**
 * The groups sub-store: the visible list as page header rows followed by their exchanges, oldest page first, with
 * collapsed pages folded and, while a filter is set, pages without a match left out. `computed` from the filtered
 * records and the pages.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ExchangeRecord } from '../../core/types';
import type { PageRecord } from '../../shared/protocol';

export type ListItem = { kind: 'page'; page: PageRecord; count: number; collapsed: boolean } | { kind: 'exchange'; record: ExchangeRecord };

const NO_PAGE = '(no page)';

export interface GroupDeps {
  filtered: ReadonlySignal<ExchangeRecord[]>;
  filtering: ReadonlySignal<boolean>;
  pages: ReadonlySignal<PageRecord[]>;
  tabId: ReadonlySignal<number | null>;
}

export function createGroupStore({ filtered, filtering, pages, tabId }: GroupDeps) {
  const collapsedPages = signal<ReadonlySet<string>>(new Set());

  const items = computed<ListItem[]>(() => {
    const rows = filtered.value;
    const collapsed = collapsedPages.value;
    const pageList = pages.value;
    if (pageList.length === 0) return rows.map((record) => ({ kind: 'exchange' as const, record }));
    const groups = new Map<string, ExchangeRecord[]>();
    const known = new Set(pageList.map((p) => p.id));
    for (const x of rows) {
      const key = x.pageId && known.has(x.pageId) ? x.pageId : NO_PAGE;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(x);
    }
    const out: ListItem[] = [];
    const order = [...pageList].sort((a, b) => a.startedMs - b.startedMs);
    const hideEmpty = filtering.value;
    const emit = (page: PageRecord, list: ExchangeRecord[]) => {
      if (hideEmpty && list.length === 0) return;
      const isCollapsed = collapsed.has(page.id);
      out.push({ kind: 'page', page, count: list.length, collapsed: isCollapsed });
      if (!isCollapsed) for (const record of list) out.push({ kind: 'exchange', record });
    };
    const orphans = groups.get(NO_PAGE);
    if (orphans?.length) emit({ id: NO_PAGE, tabId: tabId.value ?? -1, url: 'Requests outside a page', startedMs: 0, dropped: 0 }, orphans);
    for (const p of order) emit(p, groups.get(p.id) ?? []);
    return out;
  });

  function togglePage(id: string) {
    const next = new Set(collapsedPages.value);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    collapsedPages.value = next;
  }

  return { items, collapsedPages, togglePage };
}

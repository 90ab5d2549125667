/** The selection sub-store: the selected exchange, its detail tab, and keyboard moves through the visible list. */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ExchangeRecord } from '../../core/types';
import type { ListItem } from './groups';
import type { DetailTab } from './types';

export function createSelectionStore({ records, items }: { records: ReadonlySignal<ExchangeRecord[]>; items: ReadonlySignal<ListItem[]> }) {
  const selectedId = signal<string | null>(null);
  const detailTab = signal<DetailTab>('caching');
  /** Through records (not an id index), so an upsert of the selected exchange re-renders the detail. */
  const selected = computed(() => {
    const id = selectedId.value;
    return id ? (records.value.find((x) => x.id === id) ?? null) : null;
  });

  /** Move the selection by `delta` exchange rows within the visible list. */
  function moveSelection(delta: number) {
    const list = items.value.filter((i): i is Extract<ListItem, { kind: 'exchange' }> => i.kind === 'exchange');
    if (list.length === 0) return;
    const cur = list.findIndex((i) => i.record.id === selectedId.value);
    const next = cur < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, cur + delta));
    selectedId.value = list[next]!.record.id; // next is clamped to [0, list.length - 1]
  }

  return {
    selectedId,
    detailTab,
    selected,
    moveSelection,
    select: (id: string | null) => {
      selectedId.value = id;
    },
  };
}

/**
 * A fixed-row-height window over a long list: only the rows inside the scroll box (plus a few) are in the DOM, so
 * 10,000 cookies or headers cost as much as 30. Used by the Cookies and Headers tabs above a threshold; below it
 * they draw full cards and tables as before.
 */
import type { ComponentChildren } from 'preact';
import { useSignal } from '@preact/signals';

export const VROW_HEIGHT = 22;
const OVERSCAN = 6;

export interface VirtualListProps<T> {
  items: readonly T[];
  /** The scroll box's height in px (it shrinks to fit fewer rows). */
  maxHeight?: number;
  label: string;
  row: (item: T, index: number) => ComponentChildren;
  /** Optional header row drawn above the window (not scrolled). */
  head?: ComponentChildren;
}

export function VirtualList<T>({ items, maxHeight = 330, label, row, head }: VirtualListProps<T>) {
  const scrollTop = useSignal(0);
  const total = items.length * VROW_HEIGHT;
  const height = Math.min(maxHeight, total);
  const first = Math.max(0, Math.floor(scrollTop.value / VROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop.value + height) / VROW_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++)
    rows.push(
      <div key={i} class="vrow" role="listitem" style={{ transform: `translateY(${i * VROW_HEIGHT}px)`, height: `${VROW_HEIGHT}px` }}>
        {row(items[i]!, i) /* first >= 0, last <= items.length */}
      </div>,
    );
  return (
    <div class="vlist-wrap">
      {head}
      <div
        class="vlist"
        role="list"
        aria-label={label}
        data-count={items.length}
        tabIndex={0}
        style={{ height: `${height}px` }}
        onScroll={(e) => (scrollTop.value = e.currentTarget.scrollTop)}
      >
        <div class="vlist-inner" style={{ height: `${total}px` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}

/**
 * The request list: a virtualised ARIA grid. Fixed row height; only the rows inside the scroll window (plus a
 * small overscan) are in the DOM, so 10,000 exchanges cost as much as 40. Keyboard: arrows, PageUp/PageDown,
 * Home/End move the selection, Enter opens the detail pane, Esc closes it.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { ExchangeRecord } from '../../core/types';
import type { ListItem, PanelStore } from '../store';
import {
  cdnLabel,
  isPending,
  cookieCell,
  cookieCellWords,
  cookieCounts,
  freshnessLabel,
  freshnessTitle,
  shortName,
  sourceLabel,
  typeLabel,
} from '../format';
import { headline } from '../../core/headline';
import { dismissOnEscape, SeverityBadge, Term } from './common';
import { TRACKING_CATEGORIES } from '../cookie-overview';

export const ROW_HEIGHT = 20;
const OVERSCAN = 8;

export function RequestList({ store, onOpen }: { store: PanelStore; onOpen?: () => void }) {
  const scrollTop = useSignal(0);
  const height = useSignal(400);
  const ref = useRef<HTMLDivElement>(null);
  const items = store.items.value;
  const selectedId = store.selectedId.value;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      if (el.clientHeight > 0) height.value = el.clientHeight;
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the selected row in view when the keyboard moves it.
  useEffect(() => {
    const el = ref.current;
    if (!el || !selectedId) return;
    const i = items.findIndex((it) => it.kind === 'exchange' && it.record.id === selectedId);
    if (i < 0) return;
    const top = (i + 1) * ROW_HEIGHT; // +1: the header row
    if (top < el.scrollTop + ROW_HEIGHT) el.scrollTop = top - ROW_HEIGHT;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [selectedId]);

  const first = Math.max(0, Math.floor(scrollTop.value / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop.value + height.value) / ROW_HEIGHT) + OVERSCAN);
  // Only these rows are explained; each reads the panel clock through store.explainRecord, so as time passes the
  // rows on screen (and nothing else) are judged again.
  const windowRows = [];
  for (let i = first; i < last; i++) {
    const item = items[i]!; // first >= 0, last <= items.length
    windowRows.push(<Row key={itemKey(item)} item={item} index={i} store={store} selected={selectedId} />);
  }

  function onKeyDown(ev: KeyboardEvent) {
    const page = Math.max(1, Math.floor(height.value / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -1e9, End: 1e9 };
    const move = moves[ev.key];
    if (move !== undefined) {
      ev.preventDefault();
      store.moveSelection(move);
    } else if (ev.key === 'Enter' && store.selectedId.value) {
      ev.preventDefault();
      onOpen?.();
    } else if (ev.key === 'Escape') {
      store.select(null);
    }
  }

  const activeDescendant =
    selectedId && items.some((it) => it.kind === 'exchange' && it.record.id === selectedId) ? `row-${selectedId}` : undefined;

  return (
    <div
      class="request-list"
      role="grid"
      aria-label="Recorded requests"
      aria-rowcount={items.length + 1}
      aria-activedescendant={activeDescendant}
      tabIndex={0}
      ref={ref}
      onScroll={(e) => (scrollTop.value = e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div class="row header" role="row" aria-rowindex={1}>
        <span role="columnheader" title="HTTP status code">
          Status
        </span>
        <span role="columnheader" class="col-method" title="Request method">
          Method
        </span>
        <span role="columnheader" title="Last part of the URL (hover a name for the full URL)">
          Name
        </span>
        <span role="columnheader" class="col-type" title="Resource type">
          Type
        </span>
        <span
          role="columnheader"
          class="col-from"
          title="Where the response came from: network, disk or memory cache, service worker, or revalidated"
        >
          From
        </span>
        <span role="columnheader" class="col-cdn" title="CDN, its cache status and PoP">
          CDN
        </span>
        <span role="columnheader">
          <Term id="freshness">Freshness</Term>
        </span>
        <span role="columnheader" class="col-cookies legend-cell">
          <CookiesLegend />
        </span>
        <span role="columnheader" title="The most important finding for this response">
          Findings
        </span>
      </div>
      <div class="rows" role="rowgroup" style={{ height: `${items.length * ROW_HEIGHT}px` }}>
        {windowRows}
      </div>
    </div>
  );
}

function itemKey(item: ListItem): string {
  return item.kind === 'page' ? `p:${item.page.id}` : item.record.id;
}

function Row({ item, index, store, selected }: { item: ListItem; index: number; store: PanelStore; selected: string | null }) {
  const style = { transform: `translateY(${index * ROW_HEIGHT}px)` };
  if (item.kind === 'page') {
    return (
      <div class="row page-row" role="row" aria-rowindex={index + 2} style={style} aria-expanded={!item.collapsed}>
        <span role="gridcell" class="page-cell">
          <button
            type="button"
            class="page-toggle"
            onClick={() => store.togglePage(item.page.id)}
            aria-label={`${item.collapsed ? 'Expand' : 'Collapse'} page ${item.page.url}`}
          >
            {item.collapsed ? '▸' : '▾'}
          </button>{' '}
          <span class="page-url">{item.page.url}</span>{' '}
          <span class="muted">
            {item.count} request{item.count === 1 ? '' : 's'}
            {item.page.dropped ? ` · ${item.page.dropped} dropped by retention` : ''}
          </span>
        </span>
      </div>
    );
  }
  return <ExchangeRow x={item.record} index={index} store={store} selected={selected === item.record.id} style={style} />;
}

function ExchangeRow({
  x,
  index,
  store,
  selected,
  style,
}: {
  x: ExchangeRecord;
  index: number;
  store: PanelStore;
  selected: boolean;
  style: Record<string, string>;
}) {
  // a request still in flight is not explained yet: it is pending
  const pending = isPending(x);
  const e = pending ? null : store.explainRecord(x);
  const k = cookieCounts(e);
  // purpose in the list: a third-party request that sets or sends an analytics or marketing cookie is flagged
  const tracking = e ? trackingCookies(e, x, store) : [];
  const cookieWords = cookieCellWords(k) + (tracking.length ? `; tracking (third-party ${tracking.join(', ')})` : '');
  // the engine names the row's most important finding (src/core/headline.ts); the column shows that decision
  const top = e ? headline(e.findings) : null;
  const status = x.error ? 'failed' : x.status === 0 ? '—' : String(x.status);
  const searchHit = store.search.matchIds.value.has(x.id);
  return (
    <div
      id={`row-${x.id}`}
      class={`row exchange${selected ? ' selected' : ''}${x.error || x.status >= 400 ? ' failed' : ''}${searchHit ? ' search-hit' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      style={style}
      onClick={() => store.select(x.id)}
    >
      <span role="gridcell" title={x.error ?? x.statusText ?? ''}>
        {status}
      </span>
      <span role="gridcell" class="col-method">
        {x.method}
      </span>
      <span role="gridcell" class="name" title={x.url}>
        {shortName(x.url)}
      </span>
      <span role="gridcell" class="col-type" title={x.resourceType ?? ''}>
        {typeLabel(x.resourceType)}
      </span>
      <span role="gridcell" class="col-from">
        {pending ? 'pending' : sourceLabel(x, e)}
      </span>
      <span role="gridcell" class="col-cdn">
        {cdnLabel(e)}
      </span>
      <span role="gridcell" class="col-fresh" title={freshnessTitle(e)}>
        {freshnessLabel(e)}
      </span>
      <span role="gridcell" class="col-cookies" title={cookieWords} aria-label={cookieWords}>
        {cookieCell(k)}
        {tracking.length ? ' ⚑' : ''}
      </span>
      <span role="gridcell" class="col-findings" title={top && top.severity !== 'good' ? `${top.severity}: ${top.label}` : ''}>
        {top && top.severity !== 'good' ? <SeverityBadge severity={top.severity} label={top.label} /> : ''}
      </span>
    </div>
  );
}

/** The Cookies column's header: its legend opens on hover and on keyboard focus (Esc hides it). */
function CookiesLegend() {
  return (
    <span class="term legend" tabIndex={0} aria-describedby="cookies-legend" onKeyDown={dismissOnEscape}>
      Cookies
      <span class="term-card legend-card" role="tooltip" id="cookies-legend">
        <strong>Cookies column</strong>
        <span>
          <b>↓N</b> cookies this response set (Set-Cookie)
        </span>
        <span>
          <b>↑N</b> cookies this request sent (Cookie)
        </span>
        <span>
          <b>!</b> after ↓: some were rejected; after ↑: cookies in the jar were not sent (SameSite, Secure, partition, blocked or expired)
        </span>
        <span class="rule">Open the row's Cookies tab for each cookie and the reason.</span>
      </span>
    </span>
  );
}

/** Names and purposes of the analytics/marketing cookies a third-party request set or sent (the overview's rule). */
function trackingCookies(e: NonNullable<ReturnType<PanelStore['explainRecord']>>, x: ExchangeRecord, store: PanelStore): string[] {
  if (!e.cookies.thirdParty) return [];
  const out: string[] = [];
  let host = '';
  try {
    host = new URL(x.url).hostname;
  } catch {
    /* keep empty */
  }
  for (const s of e.cookies.setCookies) {
    const name = s.cookie?.name ?? '';
    const cat = s.purpose?.category ?? store.purposeOf(name, s.cookie?.domain ?? host).category;
    if (TRACKING_CATEGORIES.has(cat)) out.push(`${cat.toLowerCase()} ${name || '(nameless)'}`);
  }
  const sent = e.cookies.send
    ? e.cookies.send.sent.map((s) => s.cookie)
    : e.cookies.requestCookies.map((r) => ({ name: r.name, domain: host }));
  for (const c of sent) {
    const cat = store.purposeOf(c.name, c.domain).category;
    if (TRACKING_CATEGORIES.has(cat)) out.push(`${cat.toLowerCase()} ${c.name || '(nameless)'}`);
  }
  return [...new Set(out)];
}

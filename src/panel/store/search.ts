/**
 * The search sub-store: DevTools' own search box (Ctrl+F while the panel is shown) searches the visible list without
 * filtering it. A row matches when the filter language (../query.ts) matches it, or when the text appears in one of
 * its headers (names; values too unless "Hide values" is on) or in what the engine said about it (CDN, cache status,
 * cookie names, findings). Matches are highlighted (../components/SearchHighlight.tsx); next/previous select them in
 * turn, so the detail pane shows each one with the text highlighted.
 */
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { Explanation } from '../../core/explanation';
import type { ExchangeRecord } from '../../core/types';
import { matchQuery, parseQuery } from '../query';
import type { ListItem } from './groups';

export interface SearchDeps {
  items: ReadonlySignal<ListItem[]>;
  selectedId: Signal<string | null>;
  hideValues: ReadonlySignal<boolean>;
  explainForFilter: (x: ExchangeRecord) => Explanation | null;
  purposeOf: (name: string, domain: string) => { category: string };
}

/**
 * The text to highlight on screen: the search as a literal (case-insensitive), or a `/regex/`'s pattern. A search
 * made only of filter terms (`status-code:404`) highlights rows, not text.
 */
export function searchPattern(text: string): RegExp | null {
  const t = text.trim();
  if (!t) return null;
  const re = /^\/(.+)\/([a-z]*)$/.exec(t);
  if (re) {
    try {
      return new RegExp(re[1]!, 'gi'); // (.+) always takes part in a match
    } catch {
      return null;
    }
  }
  if (/^-?[a-z-]+:/i.test(t)) return null;
  return new RegExp(t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
}

/** The strings of a record and its explanation that a search looks through (beyond the filter language's). */
function searchableText(x: ExchangeRecord, e: Explanation | null, hideValues: boolean): string[] {
  const out: string[] = [x.url, x.method, String(x.status)];
  for (const { name, value } of [...x.requestHeaders, ...x.responseHeaders]) out.push(hideValues ? name : `${name}: ${value}`);
  if (e) {
    if (e.cdn.cdnName) out.push(e.cdn.cdnName);
    if (e.cdn.cacheStatus) out.push(e.cdn.cacheStatus);
    for (const s of e.cookies.setCookies) if (s.cookie?.name) out.push(s.cookie.name);
    for (const f of e.findings) out.push(f.summary, f.id);
  }
  return out;
}

export function createSearchStore({ items, selectedId, hideValues, explainForFilter, purposeOf }: SearchDeps) {
  const text = signal('');
  /** Index in `matches` of the match last moved to; -1 before the first move. */
  const current = signal(-1);
  const query = computed(() => parseQuery(text.value));
  const pattern = computed(() => searchPattern(text.value));

  /** Ids of the exchange rows in the visible list that match, in list order. */
  const matches = computed<string[]>(() => {
    if (!text.value.trim()) return [];
    const q = query.value;
    const re = pattern.value;
    const hide = hideValues.value;
    const purpose = (name: string, domain: string) => purposeOf(name, domain).category;
    const out: string[] = [];
    for (const it of items.value) {
      if (it.kind !== 'exchange') continue;
      const x = it.record;
      const explained = () => explainForFilter(x);
      let hit = !q.error && q.terms.length > 0 && matchQuery(q, x, explained, purpose);
      if (!hit && re) hit = searchableText(x, explained(), hide).some((s) => ((re.lastIndex = 0), re.test(s)));
      if (hit) out.push(x.id);
    }
    return out;
  });
  const matchIds = computed(() => new Set(matches.value));

  function move(delta: number) {
    const list = matches.value;
    if (list.length === 0) return;
    // from the selected row when it is a match, else from the last match moved to
    const at = list.indexOf(selectedId.value ?? '');
    const from = at >= 0 ? at : current.value;
    const next = from < 0 ? (delta > 0 ? 0 : list.length - 1) : (from + delta + list.length) % list.length;
    current.value = next;
    selectedId.value = list[next]!; // next is in [0, list.length - 1]
  }

  return {
    text,
    current,
    pattern,
    matches,
    matchIds,
    /** DevTools' "performSearch": highlight the matches and select the first. */
    perform(q: string) {
      text.value = q;
      const list = matches.value;
      current.value = list.length ? 0 : -1;
      if (list.length) selectedId.value = list[0]!;
    },
    next: () => move(1),
    previous: () => move(-1),
    cancel() {
      text.value = '';
      current.value = -1;
    },
  };
}

export type SearchStore = ReturnType<typeof createSearchStore>;

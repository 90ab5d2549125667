/**
 * Paints DevTools' search (store/search.ts) on screen: every occurrence of the searched text in the request list
 * and the detail pane, through the CSS Custom Highlight API, which marks text ranges without touching the DOM that
 * Preact owns (https://developer.mozilla.org/docs/Web/API/CSS_Custom_Highlight_API; Chrome 105+, Firefox 140+, the
 * manifest's minimum). Repainted when the DOM under the panel changes (scrolling the list, switching tabs).
 */
import { useEffect } from 'preact/hooks';
import type { PanelStore } from '../store';

export const SEARCH_HIGHLIGHT = 'cache-lens-search';
/** Where the search looks on screen. */
const AREAS = '.request-list .rows, .detail';
const MAX_RANGES = 2000;

/** Ranges of every match of `re` in the text under `roots` (hidden tooltips left out). */
export function searchRanges(roots: Iterable<Element>, re: RegExp): Range[] {
  const out: Range[] = [];
  for (const root of roots) {
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (node.parentElement?.closest('.term-card')) continue;
      const text = node.data;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0] === '') {
          re.lastIndex++;
          continue;
        }
        const range = root.ownerDocument.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        out.push(range);
        if (out.length >= MAX_RANGES) return out;
      }
    }
  }
  return out;
}

interface HighlightRegistry {
  set(name: string, h: unknown): void;
  delete(name: string): void;
}

export function SearchHighlight({ store }: { store: PanelStore }) {
  const re = store.search.pattern.value;
  useEffect(() => {
    const registry = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS?.highlights;
    const HighlightCtor = (globalThis as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
    // No Custom Highlight API (older browsers, jsdom): the rows are still marked by their class.
    if (!registry || !HighlightCtor) return;
    if (!re) {
      registry.delete(SEARCH_HIGHLIGHT);
      return;
    }
    const root = document.getElementById('app') ?? document.body;
    let frame = 0;
    const paint = () => {
      frame = 0;
      registry.set(SEARCH_HIGHLIGHT, new HighlightCtor(...searchRanges(root.querySelectorAll(AREAS), re)));
    };
    paint();
    const observer = new MutationObserver(() => {
      frame ||= requestAnimationFrame(paint);
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
      registry.delete(SEARCH_HIGHLIGHT);
    };
  }, [re]);
  return null;
}

/** "Search “x”: 2 of 5" under the toolbar while DevTools' search is active. */
export function SearchStatus({ store }: { store: PanelStore }) {
  const s = store.search;
  const text = s.text.value;
  if (!text.trim()) return null;
  const n = s.matches.value.length;
  const at = s.matches.value.indexOf(store.selectedId.value ?? '');
  return (
    <div class="banner info search-status" role="status">
      Search “{text}”:{' '}
      {n === 0 ? 'no request matches' : at >= 0 ? `${at + 1} of ${n} matching requests` : `${n} matching request${n === 1 ? '' : 's'}`}
      {n > 1 && (
        <>
          {' '}
          <button type="button" onClick={() => s.previous()} aria-label="Previous match">
            ↑
          </button>
          <button type="button" onClick={() => s.next()} aria-label="Next match">
            ↓
          </button>
        </>
      )}{' '}
      <button type="button" onClick={() => s.cancel()}>
        End search
      </button>
    </div>
  );
}

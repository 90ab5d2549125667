// @vitest-environment happy-dom
/** Keyboard and accessibility: roles, names, the tabs pattern, focus hand-offs, hover cards reachable by keyboard. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { App } from './App';
import { explanation, fakeExplainer, makeStore, record, snapshot } from '../test/fixtures';
import { cookieCell, cookieCellWords, typeLabel } from '../format';

afterEach(cleanup);

function setup(select?: string) {
  const ex = fakeExplainer({
    ck: (x) => ({
      cookies: {
        ...explanation(x).cookies,
        setCookies: [
          {
            index: 0,
            raw: 'a=1; Secure',
            stored: false,
            rejectReason: 'secure-from-insecure',
            attributes: [],
            scope: [],
            lifetime: 'session',
            prefix: null,
            purpose: null,
            signed: null,
            findings: [],
          },
        ],
        requestCookies: [
          { name: 'sid', value: '1' },
          { name: 'b', value: '2' },
        ],
      },
    }),
  });
  const { store } = makeStore(ex.fn);
  store.receive(
    snapshot([
      record({ id: 'a', url: 'https://example.com/a.js', resourceType: 'xmlhttprequest' }),
      record({ id: 'ck', url: 'https://example.com/ck' }),
      record({ id: 'c' }),
    ]),
  );
  render(<App store={store} har={{ importFile: vi.fn(), exportHar: vi.fn() }} requestAccess={() => {}} />);
  if (select) act(() => store.select(select));
  return { store };
}

/** The accessible name, as far as these controls need it: aria-label, a wrapping <label>, text, title. */
function accName(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label;
  const by = el.getAttribute('aria-labelledby');
  if (by)
    return by
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  const wrap = el.closest('label');
  if (wrap && wrap !== el) return wrap.textContent.trim();
  return el.textContent.trim() || (el.getAttribute('title') ?? '');
}

describe('accessibility', () => {
  it('every button, input and select has a name (toolbar, list and detail pane)', () => {
    setup('a');
    const controls = [...document.querySelectorAll('button, input, select, [role="tab"]')];
    expect(controls.length).toBeGreaterThan(12);
    const unnamed = controls.filter((c) => !accName(c)).map((c) => c.outerHTML.slice(0, 80));
    expect(unnamed).toEqual([]);
    expect(screen.getByRole('toolbar', { name: 'Request list controls' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Close details' })).toBeTruthy();
    expect(screen.getByLabelText('Filter text')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Preserve log' })).toBeTruthy();
  });

  it('the list is a labelled grid: header row of column headers, rows in a row group, cells in words', () => {
    setup();
    const grid = screen.getByRole('grid', { name: 'Recorded requests' });
    expect(grid.tabIndex).toBe(0);
    const headers = within(grid)
      .getAllByRole('columnheader')
      .map((h) => h.textContent.replace(/Cookies column.*/s, '').trim());
    expect(headers.slice(0, 5)).toEqual(['Status', 'Method', 'Name', 'Type', 'From']);
    expect(headers).toContain('Findings');
    const group = within(grid).getByRole('rowgroup');
    expect(within(group).getAllByRole('row').length).toBe(4); // page row + 3 exchanges
    const ck = document.getElementById('row-ck')!;
    const cookieCellEl = ck.querySelector('.col-cookies')!;
    expect(cookieCellEl.textContent).toBe('↓1! ↑2');
    expect(cookieCellEl.getAttribute('aria-label')).toBe('1 cookie set, 1 rejected; 2 cookies sent');
    // resource types read as DevTools names them, the raw type in the tooltip
    const type = document.getElementById('row-a')!.querySelector('.col-type')!;
    expect(type.textContent).toBe('xhr/fetch');
    expect(type.getAttribute('title')).toBe('xmlhttprequest');
  });

  it('the Cookies column legend opens on keyboard focus and Esc hides it without touching the selection', () => {
    const { store } = setup('a');
    const legend = document.querySelector('.col-cookies .term') as HTMLElement;
    expect(legend.tabIndex).toBe(0);
    const card = document.getElementById(legend.getAttribute('aria-describedby')!)!;
    expect(card.getAttribute('role')).toBe('tooltip');
    expect(card.textContent).toContain('↓N');
    expect(card.textContent).toContain('cookies this request sent');
    expect(card.textContent).toMatch(/!.*rejected/);
    legend.focus();
    fireEvent.keyDown(legend, { key: 'Escape' });
    expect(legend.classList.contains('dismissed')).toBe(true);
    expect(store.selectedId.value).toBe('a');
    fireEvent.blur(legend);
    expect(legend.classList.contains('dismissed')).toBe(false);
  });

  it('glossary terms in the detail pane are focusable; Esc hides their card, a second Esc closes the pane', () => {
    const { store } = setup('a');
    const term = screen.getByRole('tabpanel').querySelector('.term') as HTMLElement;
    expect(term.tabIndex).toBe(0);
    expect(document.getElementById(term.getAttribute('aria-describedby')!)!.getAttribute('role')).toBe('tooltip');
    fireEvent.keyDown(term, { key: 'Escape' });
    expect(term.classList.contains('dismissed')).toBe(true);
    expect(store.selectedId.value).toBe('a');
    fireEvent.keyDown(term, { key: 'Escape' });
    expect(store.selectedId.value).toBeNull();
  });

  it('tabs: roving tabindex, arrows wrap, Home/End, focus follows, the panel is labelled by its tab', () => {
    setup('a');
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Caching', 'Cookies', 'CDN & proxies', 'Headers']);
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1, -1]);
    const tablist = screen.getByRole('tablist', { name: 'Explanation' });
    fireEvent.keyDown(tabs[0]!, { key: 'End' }); // four tabs, checked above
    const headers = screen.getByRole('tab', { name: 'Headers' });
    expect(headers.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(headers);
    expect(headers.tabIndex).toBe(0);
    const panel = screen.getByRole('tabpanel');
    expect(headers.getAttribute('aria-controls')).toBe(panel.id);
    expect(panel.getAttribute('aria-labelledby')).toBe(headers.id);
    fireEvent.keyDown(tablist, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Caching' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(tablist, { key: 'Home' });
    expect(screen.getByRole('tab', { name: 'Caching' }).getAttribute('aria-selected')).toBe('true');
    // tabs that are not selected point at no (absent) panel
    expect(screen.getByRole('tab', { name: 'Cookies' }).hasAttribute('aria-controls')).toBe(false);
  });

  it('Enter in the list moves focus into the explanation; Esc there closes it and gives focus back to the list', () => {
    const { store } = setup();
    const grid = screen.getByRole('grid');
    grid.focus();
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(store.selectedId.value).toBe('a');
    expect(grid.getAttribute('aria-activedescendant')).toBe('row-a');
    fireEvent.keyDown(grid, { key: 'Enter' });
    const panel = screen.getByRole('tabpanel');
    expect(document.activeElement).toBe(panel);
    fireEvent.keyDown(panel, { key: 'Escape' });
    expect(store.selectedId.value).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('grid'));
  });
});

describe('list cell formats', () => {
  it('leaves out zero counts and says the same in words', () => {
    expect(cookieCell({ set: 0, rejected: 0, sent: 4, notSent: 1 })).toBe('↑4!');
    expect(cookieCell({ set: 0, rejected: 0, sent: 0, notSent: 0 })).toBe('');
    expect(cookieCell({ set: 0, rejected: 0, sent: 0, notSent: 2 })).toBe('↑0!');
    expect(cookieCellWords({ set: 0, rejected: 0, sent: 4, notSent: 1 })).toBe('4 cookies sent, 1 in the jar not sent');
    expect(typeLabel('main_frame')).toBe('document');
    expect(typeLabel('script')).toBe('script');
  });
});

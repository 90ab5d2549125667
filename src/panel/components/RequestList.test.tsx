// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { App } from './App';
import { explanation, fakeExplainer, makeStore, manyRecords, NOW_MS, record, snapshot } from '../test/fixtures';
import { ROW_HEIGHT } from './RequestList';

afterEach(cleanup);

function rows() {
  return document.querySelectorAll('.row.exchange');
}

describe('request list', () => {
  it('shows one row per exchange with status, method, name, source, CDN, freshness, cookies and findings badge', () => {
    const ex = fakeExplainer({
      cdn: (x) => ({
        cdn: { ...explanation(x).cdn, cdn: 'cloudflare', cdnName: 'Cloudflare', cacheStatus: 'hit', pop: 'FRA', popCity: 'Frankfurt' },
        findings: [
          { id: 'heuristic-freshness', topic: 'cache', severity: 'info', summary: 's', rule: 'r', link: 'https://x.test/' },
          { id: 'no-validator', topic: 'cache', severity: 'warning', summary: 's', rule: 'r', link: 'https://x.test/' },
        ],
      }),
      cookie: (x) => ({
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
        },
      }),
    });
    const { store } = makeStore(ex.fn);
    store.receive(
      snapshot([
        record({ id: 'cdn', url: 'https://example.com/lib/app.js?v=2' }),
        record({ id: 'cookie', status: 404, method: 'POST', source: 'disk-cache' }),
      ]),
    );
    render(<App store={store} />);
    const [r1, r2] = rows();
    if (!r1 || !r2) throw new Error('expected two rows');
    expect(r1.textContent).toContain('200');
    expect(r1.textContent).toContain('app.js?v=2');
    expect(r1.textContent).toContain('Cloudflare HIT · FRA');
    expect(r1.textContent).toContain('fresh 59 min');
    // the Findings column names the engine's headline finding, not a bare level
    const badge = within(r1 as HTMLElement).getByText('no validator');
    expect(badge.className).toContain('sev-warning');
    expect(r2.textContent).toContain('404');
    expect(r2.textContent).toContain('POST');
    expect(r2.textContent).toContain('disk cache');
    expect(r2.textContent).toContain('↓1!');
  });

  it('labels a 304 and an inferred revalidation as revalidated, from the engine result only', () => {
    const ex = fakeExplainer({
      inferred: (x) => ({
        cache: { ...explanation(x).cache, revalidation: { previousId: 'a', inferred: true, validator: 'etag', matched: true, plain: 'p' } },
      }),
    });
    const { store } = makeStore(ex.fn);
    // the adapters record a 304 as source 'revalidated'; the engine's result carries it (and its own inferences)
    store.receive(
      snapshot([
        record({ id: 'r304', status: 304, source: 'revalidated' }),
        record({ id: 'inferred', source: 'disk-cache' }),
        record({ id: 'hit', source: 'disk-cache' }),
      ]),
    );
    render(<App store={store} />);
    expect(rows()[0]?.textContent).toContain('revalidated (304)');
    expect(rows()[1]?.textContent).toContain('revalidated (inferred)');
    expect(rows()[2]?.textContent).toContain('disk cache');
    // the "Came from" filter asks the engine too: the inferred revalidation counts as revalidated
    act(() => store.setFilter('source', 'revalidated'));
    expect([...rows()].map((r) => r.querySelector('.name')!.textContent)).toEqual(['r304.js', 'inferred.js']);
  });

  it('groups rows under page headers and reaches earlier pages', () => {
    const { store } = makeStore();
    const pages = [
      { id: 'p1', tabId: 7, url: 'https://example.com/first-page', startedMs: NOW_MS - 90_000, dropped: 0 },
      { id: 'p2', tabId: 7, url: 'https://example.com/second-page', startedMs: NOW_MS - 10_000, dropped: 0 },
    ];
    store.receive(snapshot([record({ id: 'old', pageId: 'p1' }), record({ id: 'new', pageId: 'p2' })], pages));
    render(<App store={store} />);
    expect(screen.getByText('https://example.com/first-page')).toBeTruthy();
    expect(screen.getByText('https://example.com/second-page')).toBeTruthy();
    expect(rows()).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Collapse page https://example.com/first-page' }));
    expect(rows()).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Expand page https://example.com/first-page' })).toBeTruthy();
  });

  it('renders only a window of 10,000 rows and explains only those', () => {
    const ex = fakeExplainer();
    const { store } = makeStore(ex.fn);
    store.receive(snapshot(manyRecords(10_000)));
    render(<App store={store} />);
    const rendered = rows().length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(80);
    expect(ex.calls.length).toBe(rendered);
    const grid = screen.getByRole('grid');
    expect(grid.getAttribute('aria-rowcount')).toBe('10002'); // header + page row + 10,000
    // scroll to the middle: the window moves
    grid.scrollTop = 5000 * ROW_HEIGHT;
    fireEvent.scroll(grid);
    const ids = [...rows()].map((r) => r.id);
    expect(ids).toContain('row-r4999');
    expect(ids).not.toContain('row-r0');
    expect(rows().length).toBeLessThan(80);
  });

  it('moves the selection with arrows, opens the detail, closes it with Escape', () => {
    const { store } = makeStore();
    store.receive(snapshot(manyRecords(5)));
    render(<App store={store} />);
    const grid = screen.getByRole('grid');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(store.selectedId.value).toBe('r1');
    expect(grid.getAttribute('aria-activedescendant')).toBe('row-r1');
    expect(document.getElementById('row-r1')!.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tablist', { name: 'Explanation' })).toBeTruthy();
    fireEvent.keyDown(grid, { key: 'Escape' });
    expect(store.selectedId.value).toBeNull();
    expect(screen.queryByRole('tablist')).toBeNull();
  });

  it('says what to do when empty, loading, without a tab, or without host access', async () => {
    const { store } = makeStore();
    render(<App store={store} requestAccess={() => {}} />);
    expect(screen.getByText('Loading the recording…')).toBeTruthy();
    store.receive(snapshot([], [], false));
    await Promise.resolve();
    expect(await screen.findByText('No requests recorded yet')).toBeTruthy();
    expect(screen.getByText(/Reload the page to record its requests/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('no access to this site');
    expect(screen.getByRole('button', { name: 'Grant access to this site' })).toBeTruthy();
    store.receive({ ...snapshot([], [], false), accessNote: 'this is a browser page; no extension may read its traffic.' });
    expect(await screen.findByText(/cannot record this page: this is a browser page/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Grant access to this site' })).toBeNull();
    store.status.value = 'no-tab';
    expect(await screen.findByText(/\?tabId=N/)).toBeTruthy();
  });
});

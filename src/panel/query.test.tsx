// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { App } from './components/App';
import { explanation, fakeExplainer, makeStore, record, snapshot, NOW_MS } from './test/fixtures';
import { parseQuery } from './query';
import type { PageRecord } from '../shared/protocol';

afterEach(cleanup);

function setup() {
  const ex = fakeExplainer({
    cf: (x) => ({ cdn: { ...explanation(x).cdn, cdnName: 'Cloudflare', cacheStatus: 'hit' } }),
    ck: (x) => ({
      cookies: {
        ...explanation(x).cookies,
        requestCookies: [{ name: 'sid', value: '1' }],
        setCookies: [
          {
            index: 0,
            raw: 'IDE=1',
            stored: true,
            attributes: [],
            scope: [],
            lifetime: '',
            prefix: null,
            signed: null,
            findings: [],
            purpose: { category: 'Marketing', platform: 'DoubleClick', description: '' },
          },
        ],
      },
      findings: [
        {
          id: 'no-validator',
          topic: 'cache',
          severity: 'warning',
          summary: 'No validator to revalidate with.',
          rule: 'r',
          link: 'https://x.test/',
        },
      ],
    }),
  });
  const { store } = makeStore(ex.fn);
  const pages: PageRecord[] = [
    { id: 'p1', tabId: 7, url: 'https://example.com/', startedMs: NOW_MS - 90_000, dropped: 0 },
    { id: 'p2', tabId: 7, url: 'https://example.com/two', startedMs: NOW_MS - 80_000, dropped: 0 },
  ];
  store.receive(
    snapshot(
      [
        record({
          id: 'cf',
          url: 'https://cdn.example.com/cf.js',
          responseHeaders: [
            { name: 'ETag', value: '"a"' },
            { name: 'Content-Length', value: '20000' },
          ],
        }),
        record({ id: 'ck', url: 'https://example.com/api', method: 'POST', status: 404, pageId: 'p2' }),
        record({ id: 'plain', url: 'https://example.com/plain.css', resourceType: 'stylesheet' }),
      ],
      pages,
    ),
  );
  render(<App store={store} />);
  return { store };
}

const shown = () => [...document.querySelectorAll('.row.exchange')].map((r) => r.id.replace('row-', ''));
const type = (v: string) => fireEvent.input(screen.getByLabelText('Filter text'), { target: { value: v } });

describe('filter terms', () => {
  it.each([
    ['status-code:404', ['ck']],
    ['-status-code:404', ['cf', 'plain']],
    ['domain:*.example.com', ['cf']],
    ['domain:example.com', ['cf', 'plain', 'ck']],
    ['has-response-header:etag', ['cf']],
    ['-has-response-header:etag', ['plain', 'ck']],
    ['larger-than:10k', ['cf']],
    ['method:post', ['ck']],
    ['cookie-name:sid', ['ck']],
    ['set-cookie-name:IDE', ['ck']],
    ['purpose:marketing', ['ck']],
    ['cdn:cloudflare', ['cf']],
    ['finding:no-validator', ['ck']],
    ['finding:validator', ['ck']],
    ['/plain\\.css$/', ['plain']],
    ['-/\\.js$/ example', ['plain', 'ck']],
    ['cf.js', ['cf']],
  ])('%s', (q, ids) => {
    setup();
    type(q);
    expect(shown()).toEqual(ids);
  });

  it('hides page groups without matches, and says what is wrong with a bad regex', () => {
    setup();
    expect(document.querySelectorAll('.page-row').length).toBe(2);
    type('status-code:404');
    expect([...document.querySelectorAll('.page-row .page-url')].map((n) => n.textContent)).toEqual(['https://example.com/two']);
    type('/(/');
    expect(document.querySelector('.filter-error')!.textContent).toMatch(/^\/\(\/:/);
    expect(parseQuery('/(/').error).toBeTruthy();
  });

  it('the CDN menu lists the CDNs recorded; "/" focuses the filter', () => {
    setup();
    const cdn = screen.getByLabelText<HTMLSelectElement>('CDN');
    expect([...cdn.options].map((o) => o.value)).toEqual(['', 'none', 'Cloudflare']);
    fireEvent.change(cdn, { target: { value: 'Cloudflare' } });
    expect(shown()).toEqual(['cf']);
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByLabelText('Filter text'));
    // and Down goes on to the list
    fireEvent.keyDown(screen.getByLabelText('Filter text'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(document.querySelector('.request-list'));
  });
});

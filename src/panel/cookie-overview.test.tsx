// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { explain } from '../core/explain';
import { lookupPurpose } from '../core/cookies/purposes';
import { buildOverview } from './cookie-overview';
import { createStore } from './store';
import { App } from './components/App';
import { NOW_MS, record, snapshot } from './test/fixtures';
import type { ExchangeRecord } from '../core/types';

afterEach(cleanup);

const top = 'https://news.example/';
function records(): ExchangeRecord[] {
  return [
    record({
      id: 'doc',
      url: top,
      topLevelUrl: top,
      resourceType: 'main_frame',
      responseHeaders: [
        { name: 'Set-Cookie', value: '_ga=GA1.1.1.1; Path=/; Max-Age=600' },
        { name: 'Set-Cookie', value: 'AWSALB=abc; Path=/' },
        { name: 'Set-Cookie', value: 'mystery=1; Path=/' },
      ],
    }),
    record({
      id: 'ad',
      url: 'https://ad.doubleclick.net/pixel',
      topLevelUrl: top,
      resourceType: 'image',
      initiatorUrl: top,
      responseHeaders: [{ name: 'Set-Cookie', value: 'IDE=AHWqTUm; Path=/; SameSite=None; Secure' }],
    }),
    record({
      id: 'ad2',
      url: 'https://ad.doubleclick.net/pixel2',
      topLevelUrl: top,
      resourceType: 'image',
      initiatorUrl: top,
      requestHeaders: [{ name: 'Cookie', value: 'IDE=AHWqTUm' }],
    }),
  ];
}

describe('Cookies overview', () => {
  it('one row per cookie with purpose (Open Cookie Database, ours, unknown), party, tracking and the rule', () => {
    const now = NOW_MS / 1000;
    const rows = buildOverview(records(), (x) => explain(x, { browser: 'chrome', now }), lookupPurpose);
    const by = Object.fromEntries(rows.map((r) => [r.name, r]));
    const row = (name: string) => {
      const r = by[name];
      if (!r) throw new Error(`no row for ${name}`);
      return r;
    };
    expect(row('IDE').purpose).toMatchObject({ category: 'Marketing', source: 'ocd' });
    expect(row('IDE').thirdParty).toBe(true);
    expect(row('IDE').tracking).toBe(true);
    expect(row('IDE').setCount).toBe(1);
    expect(row('IDE').sentCount).toBe(1);
    expect(row('IDE').why).toMatch(/^Tracking: Marketing in the Open Cookie Database .*third-party.*news\.example/);
    expect(row('_ga').purpose.category).toBe('Analytics');
    expect(row('_ga').tracking).toBe(false); // first-party analytics is not tracking across sites
    expect(row('AWSALB').purpose).toMatchObject({ category: 'Load balancing', source: 'ours', ocdCategory: 'Functional' });
    expect(row('AWSALB').why).toContain("Load balancing by Cache Lens's own list");
    expect(row('mystery').purpose).toMatchObject({ category: 'Unknown', source: 'unknown' });
    expect(rows[0]?.name).toBe('IDE'); // tracking first
  });

  it('answers "which cookies track me" in one view, and leads to where a cookie was set', () => {
    const store = createStore({ explain, clock: () => NOW_MS, send: () => {} });
    store.tabId.value = 7;
    store.setPurposeLookup(lookupPurpose);
    store.receive(snapshot(records()));
    render(<App store={store} />);
    // in the list: the third-party request that sets a marketing cookie is flagged, in words for its tooltip
    const adCell = document.querySelector('#row-ad .col-cookies')!;
    expect(adCell.textContent).toContain('⚑');
    expect(adCell.getAttribute('aria-label')).toContain('tracking (third-party marketing IDE)');
    expect(document.querySelector('#row-doc .col-cookies')!.textContent).not.toContain('⚑');
    fireEvent.click(screen.getByRole('button', { name: 'Cookies overview' }));
    const view = screen.getByRole('region', { name: 'Cookies overview' });
    expect(view.textContent).toContain('4 cookies seen: 1 tracking');
    fireEvent.click(within(view).getByLabelText('Tracking only'));
    const body = view.querySelectorAll('tbody tr');
    expect([...body].map((r) => r.getAttribute('data-cookie'))).toEqual(['IDE']);
    fireEvent.click(within(view).getByLabelText('Tracking only'));
    fireEvent.change(within(view).getByLabelText('Purpose'), { target: { value: 'Load balancing' } });
    expect([...view.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-cookie'))).toEqual(['AWSALB']);
    fireEvent.change(within(view).getByLabelText('Purpose'), { target: { value: '' } });
    act(() => {
      fireEvent.click(within(view.querySelector('tr[data-cookie="IDE"]') as HTMLElement).getByRole('button', { name: /1× pixel$/ }));
    });
    expect(store.view.value).toBe('requests');
    expect(store.selectedId.value).toBe('ad');
    expect(screen.getByRole('tab', { name: 'Cookies' }).getAttribute('aria-selected')).toBe('true');
    // purpose shown on a sent cookie too
    act(() => store.select('ad2'));
    expect(screen.getByRole('list', { name: 'Cookies sent' }).textContent).toContain('Marketing');
  });
});

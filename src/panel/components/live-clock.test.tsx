// @vitest-environment happy-dom
/**
 * With the real engine: the lead sentence, the list's Freshness cell and the timeline are one engine answer at the
 * panel's clock, and move on together as it ticks. Imported HARs are judged at capture time, with a switch to now,
 * and never offered the live cookie jar.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { explain } from '../../core/explain';
import { createStore } from '../store';
import { importHarText } from '../har-actions';
import { App } from './App';
import { NOW_MS, record, snapshot } from '../test/fixtures';
import { oldHar } from '../test/har';

afterEach(cleanup);

const lead = () => document.querySelector('.tab-panel .lead')!.textContent;
const countdownText = () => document.querySelector('.tab-panel .countdown')!.textContent;
const freshCell = () => document.querySelector('.row.exchange .col-fresh')!.textContent;

function liveStore() {
  const sent: unknown[] = [];
  const store = createStore({ explain, clock: () => NOW_MS, send: (m) => sent.push(m) });
  store.tabId.value = 7;
  return { store, sent };
}

describe('one live answer (real engine)', () => {
  it('lead, Freshness column and timeline agree before and after a 3 s lifetime runs out', () => {
    const { store } = liveStore();
    const x = record({
      id: 'short',
      url: 'https://example.com/short.css',
      responseHeaders: [
        { name: 'Date', value: new Date(NOW_MS - 1000).toUTCString() },
        { name: 'Cache-Control', value: 'max-age=3' },
        { name: 'ETag', value: '"s1"' },
      ],
      requestTimeMs: NOW_MS - 1100,
      responseTimeMs: NOW_MS - 1000,
    });
    store.receive(snapshot([x]));
    render(<App store={store} />);
    act(() => store.select('short'));
    expect(lead()).toMatch(/Fresh for another \d s/);
    expect(freshCell()).toMatch(/^fresh \d s$/);
    expect(countdownText()).toMatch(/Fresh.*for another \d s/);

    act(() => {
      store.nowMs.value = NOW_MS + 5000;
    });
    expect(lead()).not.toMatch(/Fresh for another/);
    expect(lead()).toContain('conditional request');
    expect(freshCell()).toMatch(/^stale \d s$/);
    expect(countdownText()).toMatch(/Stale.*for \d s/);
    // "On reload" is the same engine answer
    expect(document.querySelector('.tab-panel')!.textContent).toContain('If-None-Match: "s1"');
  });
});

describe('imported HAR (real engine)', () => {
  it('is judged at capture time with a visible "Judged at", and a switch to now re-judges every surface', () => {
    const { store } = liveStore();
    render(<App store={store} />);
    act(() => importHarText(store, oldHar('max-age=600')));
    expect(document.querySelector('.judged-at')!.textContent).toContain('Judged at 2015-06-01 10:00:01 UTC');
    expect(freshCell()).toBe('fresh 10 min');
    act(() => store.select(store.records.value[0]!.id));
    expect(lead()).toMatch(/Fresh for another 10 min/);

    fireEvent.click(screen.getByRole('button', { name: 'Judge at the current time' }));
    expect(document.querySelector('.judged-at')!.textContent).toContain('Judged at 2026-11-21 12:00:00 UTC');
    expect(freshCell()).toMatch(/^stale 1\d y$/);
    expect(lead()).not.toMatch(/Fresh for another/);
    expect(countdownText()).toMatch(/Stale/);

    fireEvent.click(screen.getByRole('button', { name: 'Judge at capture time' }));
    expect(freshCell()).toBe('fresh 10 min');
  });

  it('offers no cookie jar for HAR traffic, and sends nothing to the background for one', () => {
    const { store, sent } = liveStore();
    store.receive(snapshot([record({ id: 'live' })]));
    render(<App store={store} />);
    act(() => store.select('live'));
    fireEvent.click(screen.getByRole('tab', { name: 'Cookies' }));
    expect(screen.getByRole('button', { name: 'Show jar' })).toBeTruthy();

    act(() => importHarText(store, oldHar()));
    act(() => store.select(store.records.value[0]!.id));
    fireEvent.click(screen.getByRole('tab', { name: 'Cookies' }));
    const text = document.querySelector('.tab-panel')!.textContent;
    expect(screen.queryByRole('button', { name: /jar/i })).toBeNull();
    expect(text).not.toContain('In the jar but not sent');
    expect(text).toContain('cookie jar is not used');
    expect(sent.filter((m) => (m as { type: string }).type === 'panel>bg:get-jar')).toHaveLength(0);
  });
});

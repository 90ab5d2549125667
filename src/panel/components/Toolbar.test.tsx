// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { App } from './App';
import { explanation, fakeExplainer, makeStore, record, snapshot } from '../test/fixtures';

afterEach(cleanup);

const names = () => [...document.querySelectorAll('.row.exchange .name')].map((n) => n.textContent);

function setup() {
  const ex = fakeExplainer({
    cf: (x) => ({ cdn: { ...explanation(x).cdn, cdnName: 'Cloudflare', cacheStatus: 'hit' } }),
    bad: () => ({ findings: [{ id: 'e', topic: 'cookie', severity: 'error', summary: 's', rule: 'r', link: 'https://x.test/' }] }),
    tp: (x) => ({
      cookies: {
        ...explanation(x).cookies,
        thirdParty: true,
        send: {
          sent: [],
          notSent: [
            {
              jarIndex: 0,
              reason: 'samesite-lax',
              why: 'w',
              cookie: {
                name: 'sid',
                value: '1',
                domain: 'example.com',
                hostOnly: true,
                path: '/',
                secure: true,
                httpOnly: false,
                sameSite: 'lax',
                partitioned: false,
                persistent: false,
                expires: null,
              },
            },
          ],
          cookieHeader: null,
        },
      },
    }),
  });
  const { store, sent } = makeStore(ex.fn);
  store.receive(
    snapshot([
      record({ id: 'cf', url: 'https://example.com/cf.js' }),
      record({ id: 'bad', url: 'https://example.com/bad.css', resourceType: 'stylesheet', source: 'disk-cache' }),
      record({ id: 'tp', url: 'https://tracker.test/tp.gif', resourceType: 'image' }),
    ]),
  );
  const har = { importFile: vi.fn(), exportHar: vi.fn() };
  render(<App store={store} har={har} />);
  return { store, sent, har };
}

describe('filters and controls', () => {
  it('filters by text, live as you type, and shows the count', () => {
    setup();
    expect(names()).toEqual(['cf.js', 'bad.css', 'tp.gif']);
    fireEvent.input(screen.getByLabelText('Filter text'), { target: { value: 'BAD' } });
    expect(names()).toEqual(['bad.css']);
    expect(screen.getByText('1 / 3 requests')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Filter text'), { target: { value: 'nothing-matches' } });
    expect(screen.getByText('No request matches the filters')).toBeTruthy();
  });

  it('filters by resource type and by where it came from', () => {
    setup();
    fireEvent.change(screen.getByLabelText('Resource type'), { target: { value: 'image' } });
    expect(names()).toEqual(['tp.gif']);
    fireEvent.change(screen.getByLabelText('Resource type'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Came from'), { target: { value: 'disk-cache' } });
    expect(names()).toEqual(['bad.css']);
  });

  it('filters by CDN, severity, cookie problems and third-party', () => {
    const { store } = setup();
    act(() => store.setFilter('cdn', 'Cloudflare'));
    expect(names()).toEqual(['cf.js']);
    act(() => store.setFilter('cdn', 'none'));
    expect(names()).toEqual(['bad.css', 'tp.gif']);
    act(() => store.setFilter('cdn', ''));
    fireEvent.change(screen.getByLabelText('Findings severity'), { target: { value: 'error' } });
    expect(names()).toEqual(['bad.css']);
    fireEvent.change(screen.getByLabelText('Findings severity'), { target: { value: '' } });
    fireEvent.click(screen.getByLabelText('Cookie problems'));
    expect(names()).toEqual(['tp.gif']);
    fireEvent.click(screen.getByLabelText('Cookie problems'));
    fireEvent.click(screen.getByLabelText('Third-party'));
    expect(names()).toEqual(['tp.gif']);
  });

  it('clear, preserve log and HAR export reach the store, the background and the HAR actions', () => {
    const { store, sent, har } = setup();
    fireEvent.click(screen.getByLabelText('Preserve log'));
    expect(sent).toContainEqual({ type: 'panel>bg:set-preserve-log', v: 1, tabId: 7, preserve: true });
    fireEvent.click(screen.getByRole('button', { name: 'Export HAR' }));
    expect(har.exportHar).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(store.records.value).toHaveLength(0);
    expect(sent).toContainEqual({ type: 'panel>bg:clear', v: 1, tabId: 7 });
    expect(screen.getByText('No requests recorded yet')).toBeTruthy();
  });

  it('pauses live updates and shows how many are waiting', () => {
    const { store } = setup();
    fireEvent.click(screen.getByLabelText('Live'));
    act(() => store.receive({ type: 'bg>panel:upsert', v: 1, tabId: 7, exchanges: [record({ id: 'new1' })] }));
    expect(names()).toHaveLength(3);
    expect(screen.getByText(/\(1 new\)/)).toBeTruthy();
  });
});

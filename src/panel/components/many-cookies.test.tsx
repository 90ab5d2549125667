// @vitest-environment happy-dom
/** Thousands of Set-Cookie lines: the Cookies and Headers tabs draw a window of rows, not every card. */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { App } from './App';
import { explanation, fakeExplainer, makeStore, record, snapshot } from '../test/fixtures';
import type { SetCookieResult } from '../../core/explanation';
import type { ExchangeRecord } from '../../core/types';

afterEach(cleanup);

const N = 3000;
function setCookie(i: number): SetCookieResult {
  return {
    index: i,
    raw: `c${i}=secret${i}; Path=/`,
    stored: i % 100 !== 7,
    attributes: [],
    scope: [`scope line ${i}`],
    lifetime: 'session',
    prefix: null,
    purpose: i % 10 === 0 ? { category: 'Analytics', platform: 'Google Analytics', description: 'counts visits' } : null,
    signed: null,
    findings: [{ id: 'f', topic: 'cookie', severity: 'info', summary: `finding ${i}`, rule: 'r', link: 'https://x.test/' }],
    cookie: {
      name: `c${i}`,
      value: `secret${i}`,
      domain: 'example.com',
      hostOnly: true,
      path: '/',
      secure: false,
      httpOnly: false,
      sameSite: 'lax',
      partitioned: false,
      persistent: false,
      expires: null,
    },
  };
}

function setup() {
  const headers = Array.from({ length: N }, (_, i) => ({ name: 'Set-Cookie', value: `c${i}=secret${i}; Path=/` }));
  const x: ExchangeRecord = record({ id: 'big', responseHeaders: headers });
  const list = Array.from({ length: N }, (_, i) => setCookie(i));
  const ex = fakeExplainer({
    big: (r) => ({ cookies: { ...explanation(r).cookies, setCookies: list, findings: list.slice(0, 60).map((s) => s.findings[0]!) } }), // setCookie() gives each one finding
  });
  const { store } = makeStore(ex.fn);
  store.receive(snapshot([x]));
  render(<App store={store} />);
  act(() => store.select('big'));
  fireEvent.click(screen.getByRole('tab', { name: 'Cookies' }));
  return { store };
}

const nodes = () => document.getElementsByTagName('*').length;

describe('thousands of cookies', () => {
  it('Cookies tab: a summary, a window of rows, the chosen cookie in full, findings capped', () => {
    setup();
    expect(nodes()).toBeLessThan(1500);
    expect(document.body.textContent).toContain(`${N} Set-Cookie lines: ${N - 30} stored, 30 rejected; known purposes: Analytics 300`);
    const list = screen.getByRole('list', { name: `Cookies set by this response (${N})` });
    const rows = list.querySelectorAll('.vrow');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    // scrolled to the end, the last rows are drawn and the first are gone
    act(() => {
      list.scrollTop = (N - 10) * 22;
      fireEvent.scroll(list);
    });
    expect(list.textContent).toContain(`c${N - 1}=secret${N - 1}`);
    expect(list.textContent).not.toContain('c0=secret0');
    const line = [...list.querySelectorAll('button.cookie-line')].find((b) => b.textContent.includes(`c${N - 3}=secret${N - 3}`))!;
    fireEvent.click(line);
    expect(line.getAttribute('aria-pressed')).toBe('true');
    expect(document.querySelector('.cookie-card')!.textContent).toContain(`scope line ${N - 3}`);
    expect(document.querySelectorAll('.findings > li').length).toBeLessThanOrEqual(26 + 1);
    fireEvent.click(screen.getByRole('button', { name: /Show all 60 findings/ }));
    expect(document.querySelectorAll('.findings > li').length).toBe(60 + 1);
  });

  it('Hide values masks the drawn rows; the Headers tab is a window too', () => {
    const { store } = setup();
    fireEvent.click(screen.getByLabelText('Hide values'));
    expect(store.hideValues.value).toBe(true);
    expect(document.querySelector('.vlist')!.textContent).not.toMatch(/secret\d/);
    fireEvent.click(screen.getByRole('tab', { name: 'Headers' }));
    const list = screen.getByRole('list', { name: `Response headers (${N})` });
    expect(list.querySelectorAll('.vrow').length).toBeLessThan(60);
    expect(list.textContent).toContain('c0=••••••');
    expect(document.body.textContent).not.toMatch(/secret\d/);
  });

  it('Hide values: the redactor kept across clock ticks is rebuilt when an explanation brings a new secret', () => {
    const x: ExchangeRecord = record({ id: 'tick', responseHeaders: [{ name: 'Set-Cookie', value: 'tok=plainvalue1; Path=/' }] });
    let calls = 0;
    const ex = fakeExplainer({
      tick: (r) => {
        calls++;
        // from the second explanation on, the engine reads a payload only it knows and quotes it in a finding
        const payload = calls > 1 ? 'LATERSECRET42' : 'FIRSTSECRET41';
        const sc = { ...setCookie(0), raw: 'tok=plainvalue1; Path=/', signed: { format: 'other' as const, payload, plain: 'signed' } };
        return {
          cookies: { ...explanation(r).cookies, setCookies: [sc], findings: [{ ...sc.findings[0]!, summary: `payload ${payload}` }] },
        };
      },
    });
    const { store } = makeStore(ex.fn);
    store.receive(snapshot([x]));
    render(<App store={store} />);
    act(() => store.select('tick'));
    fireEvent.click(screen.getByRole('tab', { name: 'Cookies' }));
    fireEvent.click(screen.getByLabelText('Hide values'));
    expect(document.body.textContent).not.toMatch(/FIRSTSECRET41|plainvalue1/);
    act(() => {
      store.nowMs.value = store.nowMs.value + 5000;
    });
    expect(calls).toBeGreaterThan(1);
    expect(document.body.textContent).toContain('payload ');
    expect(document.body.textContent).not.toMatch(/LATERSECRET42|FIRSTSECRET41|plainvalue1/);
  });
});

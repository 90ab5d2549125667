// @vitest-environment happy-dom
/** A record whose Set-Cookie lines the browser withheld says so, instead of "No Set-Cookie header". */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { App } from './App';
import { fakeExplainer, makeStore, record, snapshot } from '../test/fixtures';

afterEach(cleanup);

function cookiesTabText(headersWithheld: boolean): string {
  const x = record({ id: 'w', responseHeaders: [], ...(headersWithheld ? { headersWithheld: true } : {}) });
  const { store } = makeStore(fakeExplainer({}).fn);
  store.receive(snapshot([x]));
  render(<App store={store} />);
  act(() => store.select('w'));
  fireEvent.click(screen.getByRole('tab', { name: 'Cookies' }));
  return document.body.textContent;
}

describe('withheld headers', () => {
  it('says the browser hid the Set-Cookie lines when the recorder marked the record', () => {
    const text = cookiesTabText(true);
    expect(text).toContain("The browser hid this response's Set-Cookie lines");
    expect(text).not.toContain('No Set-Cookie header');
  });
  it('says "No Set-Cookie header" otherwise', () => {
    expect(cookiesTabText(false)).toContain('No Set-Cookie header');
  });
});

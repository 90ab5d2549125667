// @vitest-environment happy-dom
/**
 * "Hide values" with the real engine: a response full of marker values (nameless cookies, a name that contains its
 * value, a rejected cookie, a signed payload, a Cookie header with a nameless piece, a jar snapshot, the live jar)
 * is walked tab by tab; no marker may appear in the text or in any attribute, nor in the HAR and jar exports.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { App } from './App';
import { explain } from '../../core/explain';
import { createStore } from '../store';
import { NOW_MS, record, snapshot } from '../test/fixtures';
import { harActions } from '../har-actions';
import type { ExchangeRecord, JarCookie } from '../../core/types';
import { collectSecrets, makeRedactor, maskCookieHeader, maskSetCookie, redactRecords } from '../redact';

afterEach(cleanup);

const jwt = (payload: object) =>
  `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;

const jarCookie = (name: string, value: string, path = '/'): JarCookie => ({
  name,
  value,
  domain: 'example.com',
  hostOnly: true,
  path,
  secure: true,
  httpOnly: false,
  sameSite: 'lax',
  partitioned: false,
  persistent: false,
  expires: null,
});

/** Every marker starts with MRK so one regex finds any of them. */
const MARKERS = /MRK[A-Z0-9]*/;
/** Two cookie names contain their own value (the "x•••=S3CR3T2" bug): names are shown, so they are taken out first. */
const withoutNames = (s: string) => s.replace(/xMRKSELF[35]/g, 'NAME');

function markedRecord(): ExchangeRecord {
  return record({
    id: 'm',
    url: 'https://example.com/account',
    resourceType: 'main_frame',
    requestHeaders: [
      { name: 'Cookie', value: 'MRKNAMELESS1; kept=MRKSENT2; xMRKSELF3=MRKSELF3' },
      { name: 'Accept', value: 'text/html' },
    ],
    responseHeaders: [
      { name: 'Cache-Control', value: 'no-store' },
      { name: 'Set-Cookie', value: 'MRKNAMELESS4' },
      { name: 'Set-Cookie', value: 'xMRKSELF5=MRKSELF5; Path=/' },
      { name: 'Set-Cookie', value: '__Host-bad=MRKREJECT6; Domain=example.com; Path=/' },
      { name: 'Set-Cookie', value: `session=${jwt({ user: 'MRKJWT7' })}; Secure; HttpOnly` },
      { name: 'Set-Cookie', value: 'sid=MRKSID8; Secure; HttpOnly\nMRKJOINED9' },
      { name: 'X-Echo', value: 'your cookie was MRKSID8' },
    ],
    jarSnapshot: [jarCookie('kept', 'MRKSENT2'), jarCookie('elsewhere', 'MRKPATH10', '/admin'), jarCookie('', 'MRKJARNAMELESS11')],
  });
}

function setup() {
  const store = createStore({ explain, clock: () => NOW_MS, send: () => {} });
  store.tabId.value = 7;
  store.receive(snapshot([markedRecord()]));
  const har = harActions(store);
  render(<App store={store} har={har} />);
  act(() => store.select('m'));
  return { store, har };
}

const TABS = ['Caching', 'Cookies', 'CDN & proxies', 'Headers'];

/** Text and every attribute of the document, with all <details> opened. */
function everything(): string {
  for (const d of document.querySelectorAll('details')) d.setAttribute('open', '');
  return withoutNames(document.body.innerHTML + '\n' + document.body.textContent);
}

describe('Hide values (real engine)', () => {
  let downloads: string[];
  beforeEach(() => {
    downloads = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      void (b as Blob).text().then((t) => downloads.push(t));
      return 'blob:x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows the markers without it (the test can see them)', () => {
    setup();
    fireEvent.click(screen.getByRole('tab', { name: 'Cookies' }));
    const all = everything();
    for (const m of ['MRKJOINED9', 'MRKSELF5', 'MRKREJECT6', 'MRKSENT2']) expect(all).toContain(m);
  });

  it('leaves no marker in any tab, attribute, finding, rejected header, jar or export', async () => {
    const { store, har } = setup();
    fireEvent.click(screen.getByLabelText('Hide values'));
    expect(store.hideValues.value).toBe(true);
    for (const tab of TABS) {
      fireEvent.click(screen.getByRole('tab', { name: tab }));
      const all = everything();
      expect(all, `tab ${tab}`).not.toMatch(MARKERS);
    }
    // names stay readable: the cookie named xMRKSELF5 is masked after its "=", not inside its name
    fireEvent.click(screen.getByRole('tab', { name: 'Cookies' }));
    expect(document.body.textContent).toContain('xMRKSELF5=•••');
    // the live jar, read through the cookies API
    fireEvent.click(screen.getByRole('button', { name: 'Show jar' }));
    act(() =>
      store.receive({
        type: 'bg>panel:jar',
        v: 1,
        requestId: store.jar.value!.requestId,
        cookies: [jarCookie('', 'MRKLIVEJAR12'), jarCookie('j', 'MRKLIVEJAR13')],
      }),
    );
    expect(document.querySelector('table.jar')).toBeTruthy();
    expect(everything()).not.toMatch(MARKERS);
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export cookies.txt' }));
    har.exportHar();
    await vi.waitFor(() => expect(downloads.length).toBe(3));
    for (const d of downloads) expect(withoutNames(d)).not.toMatch(MARKERS);
  });
});

describe('redactor', () => {
  it('masks the value after the name, not a match inside the name', () => {
    const r = makeRedactor(true, { values: new Set(['S3CR3T2']), names: new Set(['xS3CR3T2']) });
    expect(r('cookie xS3CR3T2 has value S3CR3T2')).toBe('cookie xS3CR3T2 has value •••••••');
    expect(maskSetCookie('xS3CR3T2=S3CR3T2; Path=/')).toBe('xS3CR3T2=•••••••; Path=/');
  });
  it('masks nameless pieces whole, in Cookie and (joined) Set-Cookie', () => {
    expect(maskCookieHeader('S3CR3T; a=b')).toBe('••••••; a=•••');
    expect(maskSetCookie('S3CR3T\nn=v; Secure')).toBe('••••••\nn=•••; Secure');
  });
  it('short values are masked in quotes only', () => {
    const r = makeRedactor(true, { values: new Set(['1']), names: new Set() });
    expect(r('value "1" for 1 hour')).toBe('value "•••" for 1 hour');
  });
  it('is linear: 10,000 values, a long text', () => {
    const values = new Set(Array.from({ length: 10_000 }, (_, i) => `value-${i}-x`));
    const r = makeRedactor(true, { values, names: new Set() });
    const text = Array.from({ length: 2000 }, (_, i) => `cookie c${i} = value-${i * 5}-x;`).join(' ');
    const out = r(text);
    expect(out).not.toMatch(/value-\d+-x/);
  });
  it('collects values from headers, the explanation and the jar; HAR records are masked', () => {
    const x = markedRecord();
    const s = collectSecrets(x, explain(x, { browser: 'chrome', now: NOW_MS / 1000 }));
    for (const v of ['MRKNAMELESS1', 'MRKNAMELESS4', 'MRKSELF5', 'MRKREJECT6', 'MRKJOINED9', 'MRKPATH10', 'MRKJARNAMELESS11'])
      expect(s.values.has(v), v).toBe(true);
    expect(
      JSON.stringify(
        redactRecords([x]).map((r) => [r.requestHeaders, r.responseHeaders.filter((h) => h.name !== 'X-Echo'), r.jarSnapshot]),
      ),
    ).not.toMatch(/=MRK|MRKNAMELESS|MRKJOINED|MRKPATH/);
  });
});

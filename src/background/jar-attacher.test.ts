import { describe, expect, it } from 'vitest';
import type { ExchangeRecord, JarCookie } from '../core/types';
import { JarCache } from './jar';
import { JarAttacher } from './jar-attacher';

const cookie = (name: string): JarCookie => ({
  name,
  value: '1',
  domain: 'a.test',
  hostOnly: true,
  path: '/',
  secure: false,
  httpOnly: false,
  sameSite: 'lax',
  partitioned: false,
  persistent: false,
  expires: null,
});
const rec = (over: Partial<ExchangeRecord> = {}): ExchangeRecord => ({
  id: 'r',
  url: 'https://a.test/x',
  method: 'GET',
  status: 0,
  requestHeaders: [],
  responseHeaders: [],
  requestTimeMs: 1000,
  responseTimeMs: 0,
  source: 'unknown',
  tabId: 1,
  topLevelUrl: 'https://a.test/',
  ...over,
});

function setup(opts: { known?: boolean; browser?: 'chrome' | 'firefox'; jar?: JarCookie[] } = {}) {
  const reads: Array<string | undefined> = [];
  let now = 5000;
  const jars = new JarCache(
    (_url, _top, store) => (reads.push(store), Promise.resolve(opts.jar ?? [cookie('sid')])),
    () => now,
  );
  const changed: ExchangeRecord[] = [];
  let known = opts.known ?? true;
  const attacher = new JarAttacher({
    jars,
    browser: opts.browser ?? 'chrome',
    storeKnown: () => known,
    changed: (r) => void changed.push(r),
  });
  return { attacher, reads, changed, setKnown: (k: boolean) => (known = k), tick: (ms: number) => (now += ms) };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('JarAttacher', () => {
  it('reads the site once, attaches it when it arrives, and stamps the request time when the cached reading was current', async () => {
    const { attacher, reads, changed } = setup();
    const first = rec({ requestTimeMs: 6000 });
    attacher.forRequest(first);
    expect(first.jarSnapshot).toBeUndefined();
    await settle();
    expect(first.jarSnapshot?.map((c) => c.name)).toEqual(['sid']);
    expect(changed).toEqual([first]);
    // The next request of the site: synchronous, from the cache, stamped with its own time.
    const second = rec({ id: 'r2', requestTimeMs: 7000 });
    attacher.forRequest(second);
    expect(second.jarSnapshot?.map((c) => c.name)).toEqual(['sid']);
    expect(second.jarSnapshotMs).toBe(7000);
    expect(reads).toHaveLength(1);
  });

  it('waits for the tab before choosing the cookie store, then reads the incognito store', async () => {
    const { attacher, reads, setKnown } = setup({ known: false });
    const r = rec();
    attacher.forRequest(r);
    await settle();
    expect(reads).toEqual([]);
    setKnown(true);
    r.incognito = true;
    attacher.storeNowKnown(r);
    await settle();
    expect(reads).toEqual(['1']);
    expect(r.jarSnapshot).toBeDefined();
    attacher.storeNowKnown(r); // once only
    await settle();
    expect(reads).toEqual(['1']);
  });

  it("names each browser's private cookie store", () => {
    expect(setup().attacher.cookieStoreFor({ incognito: true })).toBe('1');
    expect(setup({ browser: 'firefox' }).attacher.cookieStoreFor({ incognito: true })).toBe('firefox-private');
    expect(setup().attacher.cookieStoreFor({})).toBeUndefined();
  });

  it('an empty jar is attached only where cookies went or came; an older reading never replaces a newer one', () => {
    const { attacher } = setup();
    const plain = rec();
    expect(attacher.apply(plain, [], 1000)).toBe(false);
    const setter = rec({ responseHeaders: [{ name: 'Set-Cookie', value: 'a=1' }] });
    expect(attacher.apply(setter, [], 1000)).toBe(true);
    expect(attacher.apply(setter, [cookie('a')], 3000)).toBe(true);
    expect(attacher.apply(setter, [], 2000, true)).toBe(false);
    expect(setter.jarSnapshot?.map((c) => c.name)).toEqual(['a']);
  });

  it('after a response that set cookies, takes a reading made after it', async () => {
    const { attacher, reads, tick } = setup();
    const r = rec({ requestTimeMs: 4000 });
    attacher.forRequest(r);
    await settle();
    tick(100);
    r.responseHeaders = [{ name: 'Set-Cookie', value: 'new=1' }];
    attacher.afterResponse(r);
    await settle();
    expect(reads).toHaveLength(2);
    expect(r.jarSnapshotMs).toBe(5100);
  });
});

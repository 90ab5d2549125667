import { describe, expect, it } from 'vitest';
import type { JarCookie } from '../core/types';
import { JarCache, siteDomainOfHost } from './jar';

const cookie = (name: string, domain = 'lab.test'): JarCookie => ({
  name,
  value: '1',
  domain,
  hostOnly: true,
  path: '/',
  secure: false,
  httpOnly: false,
  sameSite: 'lax',
  partitioned: false,
  persistent: false,
  expires: null,
});

/** A fetcher whose answers the test releases by hand, counting calls per cache key. */
function fakeApi() {
  const calls: Array<{ url: string; top?: string; store?: string; resolve: (jar: JarCookie[]) => void; reject: (e: unknown) => void }> = [];
  const fetcher = (url: string, top: string | undefined, store?: string) =>
    new Promise<JarCookie[]>((resolve, reject) => calls.push({ url, top, store, resolve, reject }));
  /** The i-th call; a test that releases a call the cache never made fails here, not with a TypeError. */
  const call = (i: number) => {
    const c = calls[i];
    if (!c) throw new Error(`no cookies API call #${i} (made ${calls.length})`);
    return c;
  };
  return { calls, call, fetcher };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('JarCache', () => {
  it('a burst to one site makes one cookies API reading, shared while pending and served synchronously after', async () => {
    const api = fakeApi();
    let now = 1000;
    const cache = new JarCache(api.fetcher, () => now);
    const pending = Array.from({ length: 500 }, (_, i) => cache.get(`http://lab.test/burst/item/${i}`, 'http://lab.test/burst'));
    expect(api.calls.length).toBe(1);
    expect(cache.peek('http://lab.test/x', 'http://lab.test/')).toBeUndefined();
    api.call(0).resolve([cookie('a')]);
    const readings = await Promise.all(pending);
    expect(new Set(readings).size).toBe(1);
    expect(readings[0]).toEqual({ jar: [cookie('a')], takenMs: 1000 });
    now = 5000;
    // Subdomains are the same site: same reading, no new call.
    expect(cache.peek('https://shop.lab.test/y', 'http://lab.test/')?.jar).toEqual([cookie('a')]);
    await cache.get('http://edge.lab.test/z', 'http://lab.test/');
    expect(api.calls.length).toBe(1);
    expect(cache.fetches).toBe(1);
  });

  it('keys by site, top-level site (partition) and cookie store', () => {
    const api = fakeApi();
    const cache = new JarCache(api.fetcher);
    void cache.get('http://lab.test/a', 'http://lab.test/');
    void cache.get('http://lab.test/a', 'https://other.test/cross/samesite'); // another partition
    void cache.get('http://lab.test/a', 'http://lab.test/', '1'); // incognito store
    void cache.get('http://other.test/a', 'http://lab.test/');
    void cache.get('http://lab.test/b', 'http://www.lab.test/'); // same (schemeful) top-level site as the first
    expect(api.calls.map((c) => [c.url, c.top, c.store])).toEqual([
      ['http://lab.test/a', 'http://lab.test/', undefined],
      ['http://lab.test/a', 'https://other.test/cross/samesite', undefined],
      ['http://lab.test/a', 'http://lab.test/', '1'],
      ['http://other.test/a', 'http://lab.test/', undefined],
    ]);
    expect(cache.key('data:text/plain,x', undefined)).toBeUndefined();
    expect(cache.key('chrome-extension://abc/x.html', undefined)).toBeUndefined();
  });

  it('cookies.onChanged for a cookie of the site drops its readings (all partitions), other sites keep theirs', async () => {
    const api = fakeApi();
    const cache = new JarCache(api.fetcher);
    void cache.get('http://lab.test/', 'http://lab.test/');
    void cache.get('http://lab.test/', 'https://other.test/');
    void cache.get('http://other.test/', 'http://other.test/');
    api.calls.forEach((c) => c.resolve([cookie('x')]));
    await tick();
    expect(cache.size).toBe(3);
    cache.invalidate({ domain: '.shop.lab.test' }); // Domain=shop.lab.test is still the site lab.test
    expect(cache.peek('http://lab.test/', 'http://lab.test/')).toBeUndefined();
    expect(cache.peek('http://lab.test/', 'https://other.test/')).toBeUndefined();
    expect(cache.peek('http://other.test/', 'http://other.test/')).toBeDefined();
    void cache.get('http://lab.test/', 'http://lab.test/');
    expect(api.calls.length).toBe(4);
    cache.invalidate(); // a change the extension made itself: everything
    expect(cache.size).toBe(0);
  });

  it('a reading in flight when its site changed is given to its waiters but not kept', async () => {
    const api = fakeApi();
    const cache = new JarCache(api.fetcher);
    const waiting = cache.get('http://lab.test/', undefined);
    cache.invalidate({ domain: 'lab.test' });
    api.call(0).resolve([cookie('old')]);
    expect((await waiting).jar).toEqual([cookie('old')]);
    expect(cache.peek('http://lab.test/', undefined)).toBeUndefined();
    void cache.get('http://lab.test/', undefined);
    expect(api.calls.length).toBe(2);
  });

  it('notBefore forces a reading started after a response that set cookies', async () => {
    const api = fakeApi();
    let now = 1000;
    const cache = new JarCache(api.fetcher, () => now);
    void cache.get('http://lab.test/', undefined);
    api.call(0).resolve([]);
    await tick();
    now = 2000;
    const fresh = cache.get('http://lab.test/', undefined, undefined, 2000);
    expect(api.calls.length).toBe(2);
    api.call(1).resolve([cookie('new')]);
    expect(await fresh).toEqual({ jar: [cookie('new')], takenMs: 2000 });
    expect(cache.peek('http://lab.test/', undefined)?.jar).toEqual([cookie('new')]);
  });

  it('a failed reading is not cached; the next request tries again', async () => {
    const api = fakeApi();
    const cache = new JarCache(api.fetcher);
    const p = cache.get('http://lab.test/', undefined);
    api.call(0).reject(new Error('boom'));
    await expect(p).rejects.toThrow('boom');
    void cache.get('http://lab.test/', undefined);
    expect(api.calls.length).toBe(2);
  });

  it('is bounded: the oldest reading goes first', () => {
    const api = fakeApi();
    const cache = new JarCache(api.fetcher, Date.now, 3);
    for (const host of ['a.test', 'b.test', 'c.test', 'd.test']) void cache.get(`http://${host}/`, undefined);
    expect(cache.size).toBe(3);
    void cache.get('http://a.test/', undefined);
    expect(api.calls.length).toBe(5);
  });

  it('a reading goes stale when one of its cookies expires (expiry fires no onChanged in time)', async () => {
    const api = fakeApi();
    let now = 1_000_000;
    const cache = new JarCache(api.fetcher, () => now);
    void cache.get('http://lab.test/', undefined);
    api.call(0).resolve([{ ...cookie('short'), persistent: true, expires: 1030 }, cookie('session')]);
    await tick();
    now = 1_029_000;
    expect(cache.peek('http://lab.test/', undefined)).toBeDefined();
    now = 1_030_000;
    expect(cache.peek('http://lab.test/', undefined)).toBeUndefined();
    void cache.get('http://lab.test/', undefined);
    expect(api.calls.length).toBe(2);
  });

  it('siteDomainOfHost: leading dot, case, IPs', () => {
    expect(siteDomainOfHost('.Shop.Lab.Test')).toBe('lab.test');
    expect(siteDomainOfHost('127.0.0.1')).toBe('127.0.0.1');
    expect(siteDomainOfHost('localhost')).toBe('localhost');
  });
});

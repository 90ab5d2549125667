import { describe, expect, it } from 'vitest';
import { COOKIE_PROFILES, cookieProfileFor } from './profiles';
import { REJECT_ORDER } from './rules';
import { cookiesForRequest } from './send';
import { storeSetCookies } from './store';

const NOW = 1767225600;

describe('cookie profiles as data', () => {
  it('every rule of every profile has a value and a source', () => {
    for (const p of Object.values(COOKIE_PROFILES)) {
      for (const [key, rule] of Object.entries(p)) {
        if (key === 'id' || key === 'name') continue;
        expect(rule, `${p.id}.${key}`).toHaveProperty('value');
        expect((rule as { source: string }).source.length, `${p.id}.${key}`).toBeGreaterThan(10);
      }
    }
  });

  it('unknown or hostile browser ids fall back to the Chrome-like model', () => {
    expect(cookieProfileFor(undefined).id).toBe('chrome');
    expect(cookieProfileFor('constructor').id).toBe('chrome');
    expect(cookieProfileFor('firefox').id).toBe('firefox');
  });

  it('Lax-by-default comes from the profile: Chrome refuses a SameSite-less cookie on a cross-site subresource, Firefox stores it', () => {
    const input = {
      requestUrl: 'https://ads.test/px',
      navigation: 'subresource' as const,
      topLevelUrl: 'https://news.example/',
      setCookie: ['id=1'],
      now: NOW,
    };
    expect(storeSetCookies({ ...input, browser: 'chrome' }).results[0]?.rejectReason).toBe('samesite-context');
    expect(storeSetCookies({ ...input, browser: 'firefox' }).results[0]?.stored).toBe(true);
  });

  it("Firefox's Total Cookie Protection keeps a third-party cookie in the top-level site's jar", () => {
    const input = {
      requestUrl: 'https://ads.test/px',
      navigation: 'subresource' as const,
      topLevelUrl: 'https://news.example/',
      setCookie: ['id=1; SameSite=None; Secure'],
      now: NOW,
    };
    const ff = storeSetCookies({ ...input, browser: 'firefox' });
    expect(ff.results[0]?.cookie?.partitionKey).toBe('https://news.example');
    const chrome = storeSetCookies({ ...input, browser: 'chrome' });
    expect(chrome.results[0]!.cookie?.partitionKey).toBeUndefined();
    // Under another top-level site Firefox does not send it; under the same one it does.
    const jar = ff.jar;
    const elsewhere = cookiesForRequest({
      jar,
      requestUrl: 'https://ads.test/px',
      navigation: 'subresource',
      topLevelUrl: 'https://shop.example/',
      browser: 'firefox',
      now: NOW,
    });
    expect(elsewhere.notSent.map((n) => n.reason)).toEqual(['partition-mismatch']);
    const same = cookiesForRequest({
      jar,
      requestUrl: 'https://ads.test/px',
      navigation: 'subresource',
      topLevelUrl: 'https://news.example/',
      browser: 'firefox',
      now: NOW,
    });
    expect(same.sent).toHaveLength(1);
  });

  it('the reject order drives decide(): every reason of a rejection comes in the profile order', () => {
    const r = storeSetCookies({
      requestUrl: 'http://www.example.com/',
      setCookie: ['__Host-x=1; Domain=other.test; SameSite=None; Partitioned; Max-Age=0'],
      now: NOW,
    });
    const reasons = r.results[0]!.rejectReasons!.map((x) => x.reason);
    expect(reasons).toEqual(['domain-mismatch', 'samesite-none-insecure', 'invalid-prefix', 'partitioned-insecure', 'expired']);
    const order = [...REJECT_ORDER];
    expect(reasons).toEqual([...reasons].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(REJECT_ORDER).toBe(COOKIE_PROFILES.chrome.rejectOrder.value);
  });
});

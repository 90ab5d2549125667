import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPath, domainMatch, isPublicSuffix, parseRequestUrl, pathMatch, registrableDomain, siteContext } from './site';

function viaUrl(u: string) {
  const p = new URL(u);
  let host = p.hostname.toLowerCase();
  if (host.startsWith('[')) host = host.slice(1, -1);
  return { scheme: p.protocol.slice(0, -1), host, path: p.pathname || '/' };
}

describe('site helpers', () => {
  it('the fast URL path agrees with WHATWG URL', () => {
    const samples = [
      'https://a.example.com/dir/page?next=/x/y',
      'http://localhost:8080/',
      'https://a.example.com',
      'https://a.example.com:8443/x#frag',
      'https://EXAMPLE.com/A/b',
      'https://a.example.com/a/../b',
      'https://a.example.com/%2e%2e/b',
      'https://127.1/',
      'http://0x7f.0.0.1/',
      'https://a.example.com/sp ace',
      'https://xn--exmple-cua.com/',
      'https://exämple.com/',
      'https://[::1]:3000/p',
      'wss://a.example.com/s',
      'https://a.example.com/a/./b/',
      'https://a.example.com\\\\evil.com/',
      'https://user:pw@a.example.com/',
      'https://a.example.com/static/app.v2.min.js?x=1',
      'https://a.example.com/a/..',
      'https://a.example.com/a/.',
      'https://a.example.com/a/.b/c..d/...',
      'https://a.example.com/a/%2E%2e/b',
      'https://a.example.com/a/.%2e/b',
      'https://a.example.com/a/../b.png#f',
    ];
    for (const u of samples) expect(parseRequestUrl(u), u).toMatchObject(viaUrl(u));
    // A punycode label that does not decode: URL refuses the host, and a dotted path still goes through URL.
    expect(parseRequestUrl('https://xn--/app.js')).toBeNull();
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (u) => {
        expect(parseRequestUrl(u)).toMatchObject(viaUrl(u));
      }),
      { numRuns: 1000 },
    );
  });
  it('domain-match, path-match and default-path follow RFC 6265bis §5.1.3-5.1.4', () => {
    expect(domainMatch('www.example.com', 'example.com', false)).toBe(true);
    expect(domainMatch('notexample.com', 'example.com', false)).toBe(false);
    expect(domainMatch('1.2.3.4', '2.3.4', true)).toBe(false);
    expect(pathMatch('/docs/x', '/docs')).toBe(true);
    expect(pathMatch('/docsx', '/docs')).toBe(false);
    expect(pathMatch('/docs/x', '/docs/')).toBe(true);
    expect([defaultPath(''), defaultPath('/'), defaultPath('/a'), defaultPath('/a/b'), defaultPath('x')]).toEqual([
      '/',
      '/',
      '/',
      '/a',
      '/',
    ]);
  });
  it('knows public suffixes, private section included', () => {
    expect(['co.uk', 'uk', 'github.io', 'com'].map(isPublicSuffix)).toEqual([true, true, true, true]);
    expect(['example.co.uk', '', 'example.com.', 'web-platform.test', '127.0.0.1', '::1'].map(isPublicSuffix)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
  it('applies the list\'s default rule "*": a TLD not on the list is a public suffix', () => {
    expect(['test', 'local', 'localhost', 'zzz'].map(isPublicSuffix)).toEqual([true, true, true, true]);
    expect(registrableDomain('www.web-platform.test')).toBe('web-platform.test');
    expect(registrableDomain('a.b.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('me.github.io')).toBe('me.github.io');
  });
  it('computes the schemeful same-site context', () => {
    const req = parseRequestUrl('https://api.example.com/x')!;
    expect(siteContext(req, { navigation: 'subresource', topLevelUrl: 'https://www.example.com/' })).toMatchObject({
      crossSite: false,
      thirdParty: false,
    });
    expect(siteContext(req, { navigation: 'subresource', topLevelUrl: 'http://www.example.com/' })).toMatchObject({ crossSite: true });
    expect(siteContext(req, { navigation: 'top-level', initiatorUrl: 'https://evil.test/' })).toMatchObject({
      crossSite: true,
      thirdParty: false,
    });
    expect(siteContext(req, { navigation: 'subresource' })).toMatchObject({ crossSite: false, assumed: true });
  });
});

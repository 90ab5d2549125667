/**
 * A deterministic synthetic HAR with the header mixes real pages have: fingerprinted static assets (long max-age,
 * immutable, ETag), HTML (no-cache / private, session and tracking cookies), APIs (private, Vary), legacy Expires,
 * heuristic-only images, 304 revalidations of earlier URLs, and CDN/proxy headers of several providers.
 * Same seed, same HAR, byte for byte.
 */

/** mulberry32: small, fast, good enough for picking header mixes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type H = Array<{ name: string; value: string }>;

const SITES = ['www.shop.example', 'news.example.co.uk', 'app.example.com', 'blog.example.org'] as const;
const THIRD_PARTY = ['cdn.jsdelivr.example', 'fonts.example-static.com', 'analytics.tracker.example', 'ads.adnet.example'];
const POPS = ['AMS', 'FRA', 'LHR', 'CDG', 'IAD', 'SJC', 'NRT', 'SIN', 'GRU', 'SYD'];
const DAY = 86400;
const PAGE_SIZE = 100;

function httpDate(epochS: number): string {
  return new Date(epochS * 1000).toUTCString(); // IMF-fixdate
}

export function generateHar(entries = 10_000, seed = 42): object {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!; // rnd() < 1; every list given has entries
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
  const chance = (p: number) => rnd() < p;

  let t = Date.UTC(2026, 0, 15, 9, 0, 0);
  const seen: Array<{ url: string; etag: string; lastModified: string }> = [];
  const out: object[] = [];

  function cdnHeaders(status: 'HIT' | 'MISS' | 'DYNAMIC' | 'EXPIRED' | 'REVALIDATED', age: number): H {
    const pop = pick(POPS);
    const hit = status === 'HIT';
    switch (Math.floor(rnd() * 7)) {
      case 0:
        return [
          { name: 'server', value: 'cloudflare' },
          { name: 'cf-cache-status', value: status },
          { name: 'cf-ray', value: `${hex(16)}-${pop}` },
          ...(hit ? [{ name: 'age', value: String(age) }] : []),
        ];
      case 1:
        return [
          { name: 'via', value: '1.1 varnish' },
          { name: 'x-served-by', value: `cache-${pop.toLowerCase()}${1000 + Math.floor(rnd() * 9000)}-${pop}` },
          { name: 'x-cache', value: hit ? 'HIT' : 'MISS' },
          { name: 'x-cache-hits', value: hit ? String(1 + Math.floor(rnd() * 50)) : '0' },
          { name: 'age', value: String(age) },
        ];
      case 2:
        return [
          { name: 'x-cache', value: hit ? 'Hit from cloudfront' : 'Miss from cloudfront' },
          { name: 'x-amz-cf-pop', value: `${pop}${50 + Math.floor(rnd() * 9)}-C1` },
          { name: 'x-amz-cf-id', value: hex(40) },
          { name: 'via', value: `1.1 ${hex(32)}.cloudfront.net (CloudFront)` },
        ];
      case 3:
        return [
          { name: 'x-vercel-cache', value: hit ? 'HIT' : 'MISS' },
          { name: 'x-vercel-id', value: `${pop.toLowerCase()}1::${hex(5)}-${hex(12)}` },
          { name: 'server', value: 'Vercel' },
        ];
      case 4:
        return [
          { name: 'cache-status', value: `"Netlify Edge"; ${hit ? 'hit' : 'fwd=miss'}` },
          { name: 'server', value: 'Netlify' },
          { name: 'x-nf-request-id', value: hex(26) },
        ];
      case 5:
        return [
          {
            name: 'x-varnish',
            value: hit
              ? `${100000 + Math.floor(rnd() * 900000)} ${100000 + Math.floor(rnd() * 900000)}`
              : `${100000 + Math.floor(rnd() * 900000)}`,
          },
          { name: 'via', value: '1.1 varnish (Varnish/7.4)' },
          { name: 'age', value: String(age) },
        ];
      default:
        return [];
    }
  }

  function reqHeaders(url: string, site: string, withCookie: boolean): H {
    const h: H = [
      { name: 'Host', value: new URL(url).host },
      {
        name: 'User-Agent',
        value: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
      },
      { name: 'Accept', value: '*/*' },
      { name: 'Accept-Encoding', value: 'gzip, deflate, br, zstd' },
      { name: 'Referer', value: `https://${site}/` },
    ];
    if (withCookie)
      h.push({ name: 'Cookie', value: `sid=${hex(24)}; _ga=GA1.2.${Math.floor(rnd() * 1e9)}.${Math.floor(t / 1000)}; consent=yes` });
    return h;
  }

  function cookies(site: string, nowS: number): H {
    const lines: string[] = [];
    if (chance(0.7)) lines.push(`sid=${hex(32)}; Path=/; HttpOnly; Secure; SameSite=Lax`);
    if (chance(0.4)) lines.push(`csrftoken=${hex(32)}; Max-Age=31449600; Path=/; SameSite=Strict; Secure`);
    if (chance(0.3))
      lines.push(
        `_ga=GA1.2.${Math.floor(rnd() * 1e9)}.${nowS}; Domain=.${site.split('.').slice(-2).join('.')}; Expires=${httpDate(nowS + 400 * DAY)}; Path=/`,
      );
    if (chance(0.15)) lines.push(`__Host-session=${hex(20)}; Path=/; Secure; HttpOnly; SameSite=None; Partitioned`);
    if (chance(0.1)) lines.push(`old=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/`);
    if (chance(0.05)) lines.push(`bad=1; Domain=other.example; Path=/`);
    if (chance(0.05)) lines.push(`tracking=${hex(10)}; SameSite=None`);
    return lines.map((value) => ({ name: 'Set-Cookie', value }));
  }

  let site: string = SITES[0];
  for (let i = 0; i < entries; i++) {
    t += Math.floor(rnd() * 40);
    const nowS = Math.floor(t / 1000);
    // Pages of 100 entries, each opened by its HTML document on one site (the top-level navigation).
    const pageStart = i % PAGE_SIZE === 0;
    if (pageStart) site = pick(SITES);
    const r = pageStart ? 0.6 : rnd();
    let url: string;
    let status = 200;
    let req: H;
    const res: H = [{ name: 'Date', value: httpDate(nowS) }];
    const fromCache = chance(0.05) ? pick(['memory', 'disk']) : undefined;

    if (r < 0.08 && seen.length) {
      // A revalidation of something seen before: 304 with the same validator.
      const prev = pick(seen);
      url = prev.url;
      status = 304;
      req = [
        ...reqHeaders(url, site, false),
        { name: 'If-None-Match', value: prev.etag },
        { name: 'If-Modified-Since', value: prev.lastModified },
      ];
      res.push(
        { name: 'ETag', value: prev.etag },
        { name: 'Cache-Control', value: 'public, max-age=3600' },
        ...cdnHeaders('REVALIDATED', 0),
      );
    } else if (r < 0.5) {
      // Fingerprinted static asset.
      const host = chance(0.3) ? pick(THIRD_PARTY) : site;
      const ext = pick(['js', 'css', 'woff2', 'png', 'svg', 'webp']);
      url = `https://${host}/static/${pick(['app', 'vendor', 'main', 'chunk', 'logo', 'hero'])}.${hex(8)}.${ext}`;
      req = reqHeaders(url, site, false);
      const etag = chance(0.2) ? `W/"${hex(12)}"` : `"${hex(16)}"`;
      const lastModified = httpDate(nowS - Math.floor(rnd() * 90 * DAY));
      const age = Math.floor(rnd() * 80000);
      res.push(
        { name: 'Content-Type', value: ext === 'js' ? 'application/javascript' : ext === 'css' ? 'text/css' : `image/${ext}` },
        {
          name: 'Cache-Control',
          value: pick([
            'public, max-age=31536000, immutable',
            'max-age=31536000',
            'public, max-age=604800, s-maxage=86400',
            'public,max-age=2592000,stale-while-revalidate=86400',
          ]),
        },
        { name: 'ETag', value: etag },
        { name: 'Last-Modified', value: lastModified },
        { name: 'Vary', value: 'Accept-Encoding' },
        ...cdnHeaders(chance(0.8) ? 'HIT' : 'MISS', age),
      );
      if (chance(0.5)) seen.push({ url, etag, lastModified });
    } else if (r < 0.65) {
      // HTML document.
      url = `https://${site}/${pick(['', 'products/', 'article/', 'account/'])}${chance(0.5) ? hex(6) : ''}${chance(0.2) ? `?q=${hex(4)}` : ''}`;
      req = reqHeaders(url, site, chance(0.6));
      res.push(
        { name: 'Content-Type', value: 'text/html; charset=utf-8' },
        {
          name: 'Cache-Control',
          value: pick([
            'no-cache',
            'private, no-store',
            'max-age=0, must-revalidate',
            'public, max-age=300, s-maxage=60',
            'no-cache, no-store, must-revalidate',
          ]),
        },
        { name: 'Vary', value: pick(['Accept-Encoding', 'Accept-Encoding, Cookie', 'Cookie, User-Agent', '*']) },
        ...cookies(site, nowS),
        ...cdnHeaders(pick(['MISS', 'DYNAMIC', 'HIT', 'EXPIRED'] as const), Math.floor(rnd() * 60)),
      );
      if (chance(0.3)) res.push({ name: 'Pragma', value: 'no-cache' }, { name: 'Expires', value: '0' });
      if (chance(0.2)) res.push({ name: 'ETag', value: `W/"${hex(10)}"` });
    } else if (r < 0.85) {
      // API.
      url = `https://${chance(0.5) ? `api.${site.split('.').slice(-2).join('.')}` : site}/api/v${1 + Math.floor(rnd() * 2)}/${pick(['cart', 'user', 'items', 'search'])}?id=${Math.floor(rnd() * 10000)}`;
      req = [...reqHeaders(url, site, chance(0.5)), ...(chance(0.3) ? [{ name: 'Authorization', value: `Bearer ${hex(40)}` }] : [])];
      res.push(
        { name: 'Content-Type', value: 'application/json' },
        {
          name: 'Cache-Control',
          value: pick(['private, max-age=60', 'no-store', 'public, max-age=3600', 'private, no-cache', 'max-age=10, stale-if-error=600']),
        },
        { name: 'Vary', value: pick(['Authorization, Accept', 'Origin', 'Accept-Encoding']) },
        ...(chance(0.2) ? cookies(site, nowS) : []),
        ...cdnHeaders(pick(['DYNAMIC', 'MISS', 'HIT'] as const), 0),
      );
      if (chance(0.3)) res.push({ name: 'Access-Control-Allow-Origin', value: `https://${site}` });
    } else if (r < 0.93) {
      // Legacy Expires-based or heuristic-only image.
      url = `https://${site}/images/${hex(6)}.${pick(['jpg', 'gif', 'png'])}`;
      req = reqHeaders(url, site, false);
      res.push(
        { name: 'Content-Type', value: 'image/jpeg' },
        { name: 'Last-Modified', value: httpDate(nowS - Math.floor(rnd() * 400 * DAY)) },
      );
      if (chance(0.5)) res.push({ name: 'Expires', value: httpDate(nowS + Math.floor(rnd() * 30 * DAY)) });
      if (chance(0.3)) res.push({ name: 'Age', value: String(Math.floor(rnd() * 1000)) });
      if (chance(0.2))
        res.push({ name: 'Via', value: '1.1 proxy.corp.example (squid/5.7)' }, { name: 'X-Cache', value: 'HIT from proxy.corp.example' });
    } else {
      // Third-party trackers, redirects, errors.
      const host = pick(THIRD_PARTY);
      url = `https://${host}/collect?v=${hex(6)}&tid=${hex(8)}`;
      req = reqHeaders(url, site, chance(0.5));
      status = pick([200, 204, 302, 404, 502, 503]);
      res.push(
        { name: 'Cache-Control', value: pick(['no-cache, no-store, must-revalidate', 'private', 'max-age=0']) },
        ...cookies(host, nowS),
      );
      if (status === 302) res.push({ name: 'Location', value: `https://${host}/pixel.gif` });
      if (status >= 500) res.push(...cdnHeaders('MISS', 0));
    }

    const wait = 5 + Math.floor(rnd() * 200);
    const entry: Record<string, unknown> = {
      pageref: `page_${1 + Math.floor(i / PAGE_SIZE)}`,
      startedDateTime: new Date(t).toISOString(),
      time: wait + 10,
      request: {
        method: chance(0.03) ? 'POST' : 'GET',
        url,
        httpVersion: 'h2',
        headers: req,
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: 0,
      },
      response: {
        status,
        statusText: '',
        httpVersion: 'h2',
        headers: res,
        cookies: [],
        content: { size: 0, mimeType: res.find((h) => h.name === 'Content-Type')?.value ?? '' },
        redirectURL: status === 302 ? (res.find((h) => h.name === 'Location')?.value ?? '') : '',
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { blocked: 1, dns: -1, connect: -1, ssl: -1, send: 0.1, wait, receive: 9.9 },
      serverIPAddress: `104.16.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}`,
    };
    if (fromCache) entry._fromCache = fromCache;
    out.push(entry);
  }
  const pages = Array.from({ length: Math.ceil(entries / PAGE_SIZE) }, (_, p) => ({
    startedDateTime: (out[p * PAGE_SIZE] as { startedDateTime: string }).startedDateTime,
    id: `page_${p + 1}`,
    title: `page ${p + 1}`,
    pageTimings: {},
  }));
  return { log: { version: '1.2', creator: { name: 'cache-lens-bench', version: '1' }, pages, entries: out } };
}

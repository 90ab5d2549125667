// The lab's pages. Every page says in plain words what to look for in the Cache Lens panel, then triggers
// the responses that show it. Text from the request (URL, cookies, headers) is always HTML-escaped.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, createHmac } from 'node:crypto';

export interface LabOrigins {
  http: string;
  https: string;
  edge: string;
  shop: string;
  other: string;
  otherHttps: string;
}

export interface LabContext {
  secure: boolean;
  origins: LabOrigins;
  stats(): unknown;
  resetCounts(): void;
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  ctx: LabContext;
  /** Host header without port, lower-case. */
  host: string;
  /** True when the request came through the edge cache (or at least to the edge hostname). */
  viaEdge: boolean;
}

type Handler = (x: Exchange) => void;

/** Payloads the XSS page puts into headers, cookies and its URL. The panel must show them as text. */
export const XSS_PAYLOADS = {
  html: '<img src=x onerror=alert(1)>',
  script: '</script><script>alert(2)</script>',
  attr: '"><svg onload=alert(3)>',
  url: '/xss/<img src=x onerror=alert(4)>',
  link: 'javascript:alert(5)',
} as const;

/** Launch time; Last-Modified of the heuristic demo is ten days before it. */
const startedAt = Date.now();

// ------------------------------------------------------------------ helpers

export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface PageSpec {
  title: string;
  /** What this page demonstrates, one or two plain sentences. */
  intro: string;
  /** "What to look for" bullet points. */
  look: string[];
  /** Extra HTML built by this file (already escaped where needed). */
  body?: string;
  headers?: Record<string, string | string[]>;
  status?: number;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:1.5rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}code,pre{background:#f3f3f3;padding:0 .2em}
pre{padding:.5rem;white-space:pre-wrap;word-break:break-all}li{margin:.2rem 0}.look{background:#fffbe6;border:1px solid #e6d98c;padding:.4rem 1rem}
iframe{border:1px solid #aaa;width:100%;height:11rem}nav{font-size:.9rem}`;

function pageHtml(spec: PageSpec, x: Exchange): string {
  const home = x.viaEdge ? `${x.ctx.origins.edge}/edge/` : `${x.ctx.origins.http}/`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${esc(spec.title)} · Cache Lens lab</title><link rel="icon" href="data:,"><style>${STYLE}</style></head>
<body><nav><a href="${esc(home)}">Lab index</a> · <a href="${esc(x.ctx.origins.http)}/">lab.test</a> · served at ${esc(new Date().toISOString())} by the lab origin</nav>
<h1>${esc(spec.title)}</h1>
<p>${esc(spec.intro)}</p>
<div class="look"><h2>What to look for in Cache Lens</h2><ul>${spec.look.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></div>
${spec.body ?? ''}
</body></html>`;
}

function send(x: Exchange, status: number, headers: Record<string, string | string[] | number>, body: string | Buffer = ''): void {
  x.res.writeHead(status, headers);
  x.res.end(x.req.method === 'HEAD' ? undefined : body);
}

function page(x: Exchange, spec: PageSpec): void {
  // Lesson pages themselves always go back to the server, so their text is never stale.
  send(
    x,
    spec.status ?? 200,
    { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', ...spec.headers },
    pageHtml(spec, x),
  );
}

const link = (href: string, text: string) => `<a href="${esc(href)}">${esc(text)}</a>`;
const img = (src: string, alt: string) => `<img src="${esc(src)}" alt="${esc(alt)}" width="60" height="20">`;
const css = (href: string) => `<link rel="stylesheet" href="${esc(href)}">`;
const js = (src: string) => `<script src="${esc(src)}"></script>`;
const reloadButton = `<p><button onclick="location.reload()">Reload this page</button> (a normal reload, not Ctrl+Shift+R)</p>`;

function svg(label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20"><rect width="60" height="20" fill="#8cc"/><text x="4" y="14" font-size="11">${esc(label)}</text></svg>`;
}

function parseCookies(header: string | undefined): [string, string][] {
  return (header ?? '')
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf('=');
      return i < 0 ? ['', p] : [p.slice(0, i), p.slice(i + 1)];
    });
}

function cookieTable(x: Exchange): string {
  const cookies = parseCookies(x.req.headers.cookie);
  if (!cookies.length) return '<p><b>This request carried no Cookie header.</b></p>';
  return `<p>This request carried ${cookies.length} cookie(s):</p><ul>${cookies
    .map(([n, v]) => `<li><code>${esc(n)}</code> = <code>${esc(v)}</code></li>`)
    .join('')}</ul>`;
}

/** Shows document.cookie, set via textContent. */
const documentCookieScript = `<h2>document.cookie (what page JavaScript can read)</h2><pre id="doc-cookie"></pre>
<script>document.getElementById('doc-cookie').textContent = document.cookie || '(empty)';</script>`;

function b64url(buf: Buffer | string): string {
  return Buffer.from(buf).toString('base64url');
}

/** A JWT (HS256) the way many apps use it as a session cookie. */
export function makeJwt(payload: object, secret = 'lab-secret'): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(payload));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  return `${head}.${body}.${b64url(sig)}`;
}

/** A Flask session cookie (itsdangerous URLSafeTimedSerializer, salt "cookie-session", HMAC-SHA1). */
export function makeFlaskSession(payload: object, secret = 'lab-secret', nowSeconds = Math.floor(Date.now() / 1000)): string {
  const value = b64url(JSON.stringify(payload));
  const tsBytes = Buffer.alloc(4);
  tsBytes.writeUInt32BE(nowSeconds);
  const signed = `${value}.${b64url(tsBytes)}`;
  const key = createHmac('sha1', secret).update('cookie-session').digest();
  const sig = createHmac('sha1', key).update(signed).digest();
  return `${signed}.${b64url(sig)}`;
}

// ------------------------------------------------------------------ the page catalogue (also the index)

export interface LabPageInfo {
  path: string;
  title: string;
  /** Which origin it should be opened on. */
  origin: keyof LabOrigins;
}

export const LAB_SECTIONS: { title: string; pages: LabPageInfo[] }[] = [
  {
    title: 'Caching in the browser',
    pages: [
      { path: '/cache/max-age', title: 'max-age: fresh for a while, then stale', origin: 'http' },
      { path: '/cache/short', title: 'max-age=3: watch a response go stale', origin: 'http' },
      { path: '/cache/etag', title: 'no-cache + ETag: revalidation and 304', origin: 'http' },
      { path: '/cache/last-modified', title: 'Last-Modified: If-Modified-Since and 304', origin: 'http' },
      { path: '/cache/no-store', title: 'no-store: never kept', origin: 'http' },
      { path: '/cache/expires', title: 'Expires: the HTTP/1.0 way', origin: 'http' },
      { path: '/cache/heuristic', title: 'Heuristic freshness from Last-Modified', origin: 'http' },
      { path: '/cache/immutable', title: 'An immutable, versioned asset', origin: 'http' },
      { path: '/cache/vary', title: 'Vary: one URL, several stored responses', origin: 'http' },
      { path: '/cache/swr', title: 'stale-while-revalidate', origin: 'http' },
      { path: '/cache/private', title: 'private vs public, and s-maxage', origin: 'http' },
    ],
  },
  {
    title: 'Cookies',
    pages: [
      { path: '/cookies/host-only', title: 'Host-only vs Domain=lab.test', origin: 'http' },
      { path: '/cookies/path', title: 'Path scoping', origin: 'http' },
      { path: '/cookies/secure', title: 'Secure over http (rejected) and over https', origin: 'http' },
      { path: '/cookies/httponly', title: 'HttpOnly: hidden from JavaScript', origin: 'http' },
      { path: '/cookies/samesite', title: 'SameSite (set the cookies here, over https)', origin: 'https' },
      { path: '/cross/samesite', title: 'SameSite seen from a cross-site page (other.test)', origin: 'otherHttps' },
      { path: '/cross/samesite', title: 'Same, over plain http', origin: 'other' },
      { path: '/cookies/max-age', title: 'Max-Age, Expires and deletion', origin: 'http' },
      { path: '/cookies/prefixes', title: '__Host- and __Secure- prefixes', origin: 'https' },
      { path: '/cookies/partitioned', title: 'Partitioned (CHIPS) cookie', origin: 'https' },
      { path: '/cross/partitioned', title: 'Partitioned cookie inside a cross-site page', origin: 'otherHttps' },
      { path: '/cookies/signed', title: 'Signed session cookies (JWT, Flask)', origin: 'http' },
      { path: '/cookies/set-several', title: 'Several Set-Cookie lines on one response', origin: 'http' },
      { path: '/cookies/show', title: 'Which cookies did this request send?', origin: 'http' },
      { path: '/cookies/show', title: 'The same, from shop.lab.test', origin: 'shop' },
      { path: '/cookies/clear', title: 'Delete all lab cookies', origin: 'http' },
    ],
  },
  {
    title: 'Redirects',
    pages: [
      { path: '/redirect/chain', title: '301 → 302 → 307 → 308 chain', origin: 'http' },
      { path: '/redirect/to-https', title: 'http → https upgrade', origin: 'http' },
      { path: '/redirect/cached-301', title: 'A cached permanent redirect', origin: 'http' },
    ],
  },
  {
    title: 'Edge cache (a real caching reverse proxy) and forwarded headers',
    pages: [
      { path: '/edge/', title: 'Edge cache lessons', origin: 'edge' },
      { path: '/edge/cached', title: 'Cached at the edge: Age and Cache-Status', origin: 'edge' },
      { path: '/edge/both', title: 'Browser 30 s, edge 5 min (max-age vs s-maxage)', origin: 'edge' },
      { path: '/edge/no-store', title: 'no-store: the edge forwards every time', origin: 'edge' },
      { path: '/edge/private', title: 'private: the browser keeps it, the edge does not', origin: 'edge' },
      { path: '/edge/personal', title: 'A request with cookies bypasses the edge', origin: 'edge' },
      { path: '/edge/vary', title: 'Vary at the edge', origin: 'edge' },
      { path: '/edge/swr', title: 'stale-while-revalidate at the edge', origin: 'edge' },
      { path: '/edge/whoami', title: 'X-Forwarded-For: what the origin sees (and the spoofing trap)', origin: 'edge' },
    ],
  },
  {
    title: 'Named CDNs (the headers they send, imitated by the origin)',
    pages: [
      { path: '/cdn/cloudflare', title: 'Cloudflare: cf-cache-status, cf-ray, DYNAMIC on /api/', origin: 'http' },
      { path: '/cdn/fastly', title: 'Fastly: x-served-by, x-cache, x-cache-hits', origin: 'http' },
      { path: '/cdn/cloudfront', title: 'Amazon CloudFront: x-cache, x-amz-cf-pop', origin: 'http' },
      { path: '/cdn/cache-status', title: 'Cache-Status and CDN-Cache-Control (RFC 9211, RFC 9213)', origin: 'http' },
    ],
  },
  {
    title: 'Robustness and tests',
    pages: [
      { path: '/garbage', title: 'Garbage headers: huge, non-ASCII, odd dates, broken cookies', origin: 'http' },
      {
        path: `/xss/${encodeURIComponent(XSS_PAYLOADS.html)}?q=${encodeURIComponent(XSS_PAYLOADS.script)}`,
        title: 'XSS payloads in headers, cookies and the URL',
        origin: 'http',
      },
      { path: '/burst?n=2000', title: 'Burst: 2,000 fetches at once', origin: 'http' },
      { path: '/sw/', title: 'A service worker that fetches by itself (tabId -1)', origin: 'https' },
      { path: '/__lab/stats', title: 'Lab stats (JSON: requests the origin served)', origin: 'http' },
    ],
  },
];

// ------------------------------------------------------------------ routes

const routes = new Map<string, Handler>();
const prefixRoutes: [string, Handler][] = [];
const route = (path: string, h: Handler) => routes.set(path, h);
const routePrefix = (prefix: string, h: Handler) => prefixRoutes.push([prefix, h]);

route('/', (x) => {
  const o = x.ctx.origins;
  const sections = LAB_SECTIONS.map(
    (s) =>
      `<h2>${esc(s.title)}</h2><ul>${s.pages.map((p) => `<li>${link(o[p.origin] + p.path, p.title)} <small>(${esc(new URL(o[p.origin]).host)})</small></li>`).join('')}</ul>`,
  ).join('');
  page(x, {
    title: 'Cache Lens lab',
    intro:
      'A small site that demonstrates, one page at a time, how browsers and shared caches store responses, how cookies are scoped and sent, and what proxies and CDNs add. Open DevTools, choose the Cache Lens panel, then open a page below. Every lesson page is itself sent with Cache-Control: no-cache so its text is always current; the lessons are in the requests it triggers.',
    look: [
      'Each page lists what to look for. Reload normally (F5) to see caching; a hard reload (Ctrl+Shift+R) bypasses the cache.',
      'lab.test, shop.lab.test and edge.lab.test are one site (same registrable domain); other.test is a different site.',
      'The edge cache answers on edge.lab.test; everything else comes straight from the lab origin.',
    ],
    body: sections,
  });
});

// ---------------- caching

route('/cache/max-age', (x) =>
  page(x, {
    title: 'max-age: fresh for a while, then stale',
    intro:
      'The stylesheet and image below are sent with Cache-Control: max-age=300 (five minutes). While fresh, the browser reuses them without asking the server.',
    look: [
      'First visit: max-age.css and max-age.svg come from the network with status 200, "fresh 5 min".',
      'Reload: they come from the disk or memory cache; the lab origin is not asked (its served count does not grow).',
      'The freshness timeline counts down from five minutes; after that the response is stale and the browser will revalidate or refetch.',
    ],
    body: css('/cache/res/max-age.css') + img('/cache/res/max-age.svg', 'max-age image') + reloadButton,
  }),
);

route('/cache/short', (x) =>
  page(x, {
    title: 'max-age=3: watch a response go stale',
    intro:
      'short.css is sent with Cache-Control: max-age=3 and an ETag: fresh for three seconds, then stale. Keep the Cache Lens panel open and watch it change.',
    look: [
      'Right after loading: short.css is "fresh 3 s" in the list, the Caching tab says "Fresh for another" and the timeline counts down.',
      'A few seconds later, without reloading: the list, the lead sentence and the timeline all say stale, and the next use sends If-None-Match.',
      'Then reload: short.css is revalidated (304, which Chrome shows as a cache hit) and fresh again for three seconds; the first response says that is what its prediction was.',
    ],
    body: css('/cache/res/short.css') + reloadButton,
  }),
);

route('/cache/etag', (x) =>
  page(x, {
    title: 'no-cache + ETag: revalidation and 304',
    intro:
      'etag.js is sent with Cache-Control: no-cache and an ETag. no-cache does not mean "do not store": it means "store, but check with the server before every reuse". The check sends If-None-Match; the server answers 304 Not Modified with no body.',
    look: [
      'First visit: etag.js 200 with ETag "lab-etag-v1".',
      'Reload: a conditional request (If-None-Match: "lab-etag-v1") answered 304, linked to the first response in the revalidation story.',
      'Without DevTools open, Chrome reports that 304 as "200, from cache"; Cache Lens explains it as an inferred revalidation.',
    ],
    body: `<p id="etag-out"></p>` + js('/cache/res/etag.js') + reloadButton,
  }),
);

route('/cache/last-modified', (x) =>
  page(x, {
    title: 'Last-Modified: If-Modified-Since and 304',
    intro:
      'last-modified.css has Cache-Control: no-cache and a Last-Modified date but no ETag. The browser revalidates with If-Modified-Since.',
    look: ['Reload: If-Modified-Since is sent and answered 304.', 'The validator is a date, weaker than an ETag: one-second resolution.'],
    body: css('/cache/res/last-modified.css') + reloadButton,
  }),
);

route('/cache/no-store', (x) =>
  page(x, {
    title: 'no-store: never kept',
    intro: 'no-store.json is sent with Cache-Control: no-store. No cache may keep it, so every use is a full download.',
    look: ['Every reload: a new 200 from the network, with a new timestamp in the body.', 'Freshness column: "no-store".'],
    body:
      `<pre id="out"></pre><script>fetch('/cache/res/no-store.json').then(r=>r.text()).then(t=>{document.getElementById('out').textContent=t})</script>` +
      reloadButton,
  }),
);

route('/cache/expires', (x) =>
  page(x, {
    title: 'Expires: the HTTP/1.0 way',
    intro:
      'expires.css carries only an Expires date two minutes after it was sent; expires-past.css carries an Expires date in the past; both have no Cache-Control. When both are present, max-age wins over Expires.',
    look: [
      'expires.css: freshness lifetime = Expires minus Date = 120 s.',
      'expires-past.css: already stale when it arrives, so it is revalidated or refetched on reload.',
      'expires-and-max-age.css: Expires says one hour, max-age=10 wins.',
    ],
    body: css('/cache/res/expires.css') + css('/cache/res/expires-past.css') + css('/cache/res/expires-and-max-age.css') + reloadButton,
  }),
);

route('/cache/heuristic', (x) =>
  page(x, {
    title: 'Heuristic freshness from Last-Modified',
    intro:
      'heuristic.svg has no Cache-Control and no Expires, only Last-Modified ten days ago. Caches may then guess a freshness lifetime; browsers use 10% of the time since the last modification, here one day.',
    look: [
      'The freshness explanation says "heuristic": about 1 day (10% of 10 days).',
      'A finding suggests setting an explicit Cache-Control.',
    ],
    body: img('/cache/res/heuristic.svg', 'heuristic') + reloadButton,
  }),
);

route('/cache/immutable', (x) =>
  page(x, {
    title: 'An immutable, versioned asset',
    intro:
      'The file name carries a content hash (app.3f9a1c.js). A new version gets a new name, so this one can be cached for a year and marked immutable: browsers will not even revalidate it on reload.',
    look: ['Cache-Control: public, max-age=31536000, immutable.', 'Reload: still served from cache, no conditional request (immutable).'],
    body: js('/assets/app.3f9a1c.js') + css('/assets/site.9b2e7d.css') + `<p id="app-out"></p>` + reloadButton,
  }),
);

route('/cache/vary', (x) =>
  page(x, {
    title: 'Vary: one URL, several stored responses',
    intro:
      'vary.json answers in the language of the Accept-Language request header and says so with Vary: Accept-Language. A cache keeps one copy per language and only reuses a copy for a request with the same Accept-Language.',
    look: [
      'Three fetches of the same URL with Accept-Language en, fr and en again.',
      'Vary explained: the stored response matches only requests with the same Accept-Language value.',
      'Browsers keep one response per URL: the fr answer replaces the en one, so the third fetch (en again) goes back to the network. A shared cache keeps one copy per language: compare the edge version.',
    ],
    body:
      `<pre id="out"></pre><script>
(async()=>{const out=document.getElementById('out');for(const lang of ['en','fr','en']){const r=await fetch('/cache/res/vary.json',{headers:{'Accept-Language':lang}});out.textContent+=lang+': '+(await r.text())+'\\n';}})();
</script>` + reloadButton,
  }),
);

route('/cache/swr', (x) =>
  page(x, {
    title: 'stale-while-revalidate',
    intro:
      'swr.json: Cache-Control: max-age=10, stale-while-revalidate=60. For 10 s it is fresh. For the next 60 s the browser may use the stale copy at once and revalidate in the background.',
    look: [
      'Reload within 10 s: from cache.',
      'Reload 10-70 s later: the stale copy is used and a background request refreshes it.',
      'The freshness timeline shows the extra stale-while-revalidate window.',
    ],
    body:
      `<pre id="out"></pre><script>fetch('/cache/res/swr.json').then(r=>r.text()).then(t=>{document.getElementById('out').textContent=t})</script>` +
      reloadButton,
  }),
);

route('/cache/private', (x) =>
  page(x, {
    title: 'private vs public, and s-maxage',
    intro:
      'private.json may be stored only by the browser (Cache-Control: private, max-age=60). shared.json says max-age=60, s-maxage=600: browsers keep it a minute, shared caches (CDNs, proxies) ten minutes. To see a real shared cache at work, use the edge pages.',
    look: ['private: "only this browser may store it; shared caches must not".', 's-maxage: a separate freshness lane for shared caches.'],
    body: `<script>fetch('/cache/res/private.json');fetch('/cache/res/shared.json')</script>` + reloadButton,
  }),
);

// cache resources
const etagValue = '"lab-etag-v1"';
const lastModified = new Date(Math.floor(startedAt / 1000) * 1000 - 10 * 86400_000).toUTCString();

function notModifiedSince(x: Exchange, date: string): boolean {
  const ims = x.req.headers['if-modified-since'];
  return !!ims && !Number.isNaN(Date.parse(ims)) && Date.parse(ims) >= Date.parse(date);
}

route('/cache/res/max-age.css', (x) => send(x, 200, { 'content-type': 'text/css', 'cache-control': 'max-age=300' }, 'h1{color:#064}\n'));
route('/cache/res/max-age.svg', (x) => send(x, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=300' }, svg('max-age')));
route('/cache/res/short.css', (x) => {
  const etag = '"lab-short-v1"';
  if (
    x.req.headers['if-none-match']
      ?.split(',')
      .map((s) => s.trim())
      .includes(etag)
  ) {
    send(x, 304, { etag, 'cache-control': 'max-age=3' });
    return;
  }
  send(x, 200, { 'content-type': 'text/css', 'cache-control': 'max-age=3', etag }, 'p{margin-top:.8rem}\n');
});
route('/cache/res/etag.js', (x) => {
  if (
    x.req.headers['if-none-match']
      ?.split(',')
      .map((s) => s.trim())
      .includes(etagValue)
  ) {
    send(x, 304, { etag: etagValue, 'cache-control': 'no-cache' });
    return;
  }
  send(
    x,
    200,
    { 'content-type': 'text/javascript', 'cache-control': 'no-cache', etag: etagValue },
    "document.getElementById('etag-out').textContent = 'etag.js ran (version lab-etag-v1)';\n",
  );
});
route('/cache/res/last-modified.css', (x) => {
  if (notModifiedSince(x, lastModified)) {
    send(x, 304, { 'last-modified': lastModified, 'cache-control': 'no-cache' });
    return;
  }
  send(x, 200, { 'content-type': 'text/css', 'cache-control': 'no-cache', 'last-modified': lastModified }, 'p{line-height:1.5}\n');
});
route('/cache/res/no-store.json', (x) =>
  send(
    x,
    200,
    { 'content-type': 'application/json', 'cache-control': 'no-store' },
    JSON.stringify({ generatedAt: new Date().toISOString(), random: Math.random() }),
  ),
);
route('/cache/res/expires.css', (x) =>
  send(x, 200, { 'content-type': 'text/css', expires: new Date(Date.now() + 120_000).toUTCString() }, 'h2{color:#335}\n'),
);
route('/cache/res/expires-past.css', (x) =>
  send(x, 200, { 'content-type': 'text/css', expires: 'Thu, 01 Jan 2015 00:00:00 GMT' }, 'h2{font-weight:600}\n'),
);
route('/cache/res/expires-and-max-age.css', (x) =>
  send(
    x,
    200,
    { 'content-type': 'text/css', expires: new Date(Date.now() + 3600_000).toUTCString(), 'cache-control': 'max-age=10' },
    'nav{opacity:.9}\n',
  ),
);
route('/cache/res/heuristic.svg', (x) => {
  if (notModifiedSince(x, lastModified)) {
    send(x, 304, { 'last-modified': lastModified });
    return;
  }
  send(x, 200, { 'content-type': 'image/svg+xml', 'last-modified': lastModified }, svg('heuristic'));
});
route('/assets/app.3f9a1c.js', (x) =>
  send(
    x,
    200,
    { 'content-type': 'text/javascript', 'cache-control': 'public, max-age=31536000, immutable', etag: '"3f9a1c"' },
    "document.getElementById('app-out').textContent = 'app.3f9a1c.js ran';\n",
  ),
);
route('/assets/site.9b2e7d.css', (x) =>
  send(x, 200, { 'content-type': 'text/css', 'cache-control': 'public, max-age=31536000, immutable' }, 'body{accent-color:#064}\n'),
);
const greetings: Record<string, string> = { en: 'Hello', fr: 'Bonjour', de: 'Hallo' };
function varyJson(x: Exchange, cacheControl: string): void {
  const lang = (x.req.headers['accept-language'] ?? 'en').slice(0, 2).toLowerCase();
  send(
    x,
    200,
    {
      'content-type': 'application/json',
      'cache-control': cacheControl,
      vary: 'Accept-Language',
      'content-language': greetings[lang] ? lang : 'en',
    },
    JSON.stringify({ greeting: greetings[lang] ?? greetings.en, lang, generatedAt: new Date().toISOString() }),
  );
}
route('/cache/res/vary.json', (x) => varyJson(x, 'max-age=60'));
route('/cache/res/swr.json', (x) =>
  send(
    x,
    200,
    { 'content-type': 'application/json', 'cache-control': 'max-age=10, stale-while-revalidate=60' },
    JSON.stringify({ generatedAt: new Date().toISOString() }),
  ),
);
route('/cache/res/private.json', (x) =>
  send(x, 200, { 'content-type': 'application/json', 'cache-control': 'private, max-age=60' }, '{"for":"you only"}'),
);
route('/cache/res/shared.json', (x) =>
  send(x, 200, { 'content-type': 'application/json', 'cache-control': 'max-age=60, s-maxage=600' }, '{"for":"everyone"}'),
);

// ---------------- cookies

route('/cookies/show', (x) =>
  page(x, {
    title: `Cookies sent to ${x.host}`,
    intro:
      'This page only reports what arrived. It is useful after the other cookie pages, and from other hosts (shop.lab.test, or inside a frame on other.test).',
    look: ['The request row: "cookies sent", and "not sent" cookies from the jar with the reason (host-only, Path, Secure, SameSite).'],
    body: cookieTable(x) + documentCookieScript,
    headers: { 'cache-control': 'no-store' },
  }),
);
route('/cookies/pixel.svg', (x) =>
  send(
    x,
    200,
    { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' },
    svg(`${parseCookies(x.req.headers.cookie).length} cookies`),
  ),
);
route('/cookies/show.json', (x) => {
  const origin = x.req.headers.origin;
  const cors: Record<string, string> = origin
    ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' }
    : {};
  send(
    x,
    200,
    { 'content-type': 'application/json', 'cache-control': 'no-store', ...cors },
    JSON.stringify({ host: x.host, cookies: parseCookies(x.req.headers.cookie) }),
  );
});

route('/cookies/host-only', (x) =>
  page(x, {
    title: 'Host-only vs Domain=lab.test',
    intro:
      'This response sets two cookies. host_only has no Domain attribute, so it goes back only to exactly lab.test. domain_wide has Domain=lab.test, so it also goes to every subdomain, such as shop.lab.test.',
    look: [
      'Set-Cookie host_only: scope "only lab.test (host-only)".',
      'Set-Cookie domain_wide: scope "lab.test and all its subdomains".',
      'Follow the link to shop.lab.test: only domain_wide is sent; host_only is listed as not sent, because it is host-only.',
    ],
    headers: { 'set-cookie': ['host_only=1; Path=/', 'domain_wide=1; Domain=lab.test; Path=/'] },
    body: `<p>${link(`${x.ctx.origins.shop}/cookies/show`, 'Open shop.lab.test/cookies/show')}</p><p>A subresource from the subdomain: ${img(`${x.ctx.origins.shop}/cookies/pixel.svg`, 'pixel')}</p>`,
  }),
);

route('/cookies/path', (x) =>
  page(x, {
    title: 'Path scoping',
    intro:
      'path_scoped is set with Path=/cookies/path/inside. It is sent only to URLs whose path starts with that prefix. Path is not a security boundary: any page on the host can still read it through a frame.',
    look: [
      'The image from /cookies/path/inside/ sends path_scoped; the image from /cookies/pixel.svg does not, "not sent: Path does not match".',
    ],
    headers: { 'set-cookie': 'path_scoped=1; Path=/cookies/path/inside' },
    body: `<p>Inside the path: ${img('/cookies/path/inside/pixel.svg', 'inside')} outside: ${img('/cookies/pixel.svg', 'outside')}</p><p>${link('/cookies/path/inside/show', 'A page inside the path')}</p>`,
  }),
);
route('/cookies/path/inside/pixel.svg', (x) =>
  send(x, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' }, svg('inside')),
);
route('/cookies/path/inside/show', (x) => routes.get('/cookies/show')!(x));

route('/cookies/secure', (x) =>
  page(x, {
    title: x.ctx.secure ? 'Secure over https (accepted)' : 'Secure over http (rejected)',
    intro: x.ctx.secure
      ? 'Over https the Secure cookie is stored, and from now on it is sent only over https.'
      : 'This plain-http response tries to set secure_cookie with the Secure attribute. Browsers reject it: an insecure origin may not set a Secure cookie. plain_cookie, without Secure, is stored.',
    look: x.ctx.secure
      ? [
          'secure_cookie: stored, "sent only over https".',
          'Go back to the http page: secure_cookie is in the jar but "not sent: Secure cookie on an insecure connection".',
        ]
      : ['secure_cookie: "rejected: Secure cookie from an insecure origin".', 'plain_cookie: stored.'],
    headers: { 'set-cookie': ['secure_cookie=1; Secure; Path=/', 'plain_cookie=1; Path=/'] },
    body: `<p>${x.ctx.secure ? link(`${x.ctx.origins.http}/cookies/secure`, 'The http version') : link(`${x.ctx.origins.https}/cookies/secure`, 'The https version')}</p>`,
  }),
);

route('/cookies/httponly', (x) =>
  page(x, {
    title: 'HttpOnly: hidden from JavaScript',
    intro:
      'lab_session is set with HttpOnly: the browser sends it with requests, but page JavaScript (document.cookie) cannot read it, which limits what an XSS bug can steal. js_visible has no HttpOnly.',
    look: [
      'lab_session: HttpOnly, stored.',
      'document.cookie below lists js_visible but not lab_session.',
      'The jar view still shows lab_session (the extension can see it).',
    ],
    headers: {
      'set-cookie': [
        `lab_session=${createHash('sha256').update(String(Date.now())).digest('hex').slice(0, 24)}; HttpOnly; Path=/; SameSite=Lax`,
        'js_visible=hello; Path=/',
      ],
    },
    body: documentCookieScript,
  }),
);

const sameSiteCookies = (secure: boolean) => [
  'ss_strict=1; SameSite=Strict; Path=/',
  'ss_lax=1; SameSite=Lax; Path=/',
  `ss_none=1; SameSite=None; Path=/${secure ? '; Secure' : ''}`,
  'ss_default=1; Path=/',
];
route('/cookies/samesite', (x) =>
  page(x, {
    title: 'SameSite',
    intro:
      'Four cookies: SameSite=Strict, SameSite=Lax, SameSite=None (which requires Secure, so it only works over https) and one with no SameSite, which Chrome treats as Lax. Then open the cross-site page on other.test, which embeds lab.test in a frame, an image and a fetch.',
    look: [
      x.ctx.secure
        ? 'Over https all four are stored.'
        : 'Over http ss_none is set without Secure and rejected ("SameSite=None requires Secure").',
      'On other.test: the frame and the image may send only ss_none (if third-party cookies are allowed); ss_lax, ss_default and ss_strict are "not sent: SameSite=Lax on a cross-site subresource".',
      'Following a plain link from other.test to lab.test (top-level navigation) sends Lax cookies but not Strict.',
    ],
    headers: { 'set-cookie': sameSiteCookies(x.ctx.secure) },
    body: `<p>${link(`${x.ctx.secure ? x.ctx.origins.otherHttps : x.ctx.origins.other}/cross/samesite`, 'Open the cross-site page on other.test')}</p>`,
  }),
);
route('/cross/samesite', (x) => {
  const lab = x.ctx.secure ? x.ctx.origins.https : x.ctx.origins.http;
  page(x, {
    title: `A cross-site page on ${x.host}`,
    intro: `This page is on ${x.host}, a different site from lab.test. It embeds lab.test three ways. Which of lab.test's cookies travel depends on their SameSite attribute.`,
    look: [
      'Frame and image (cross-site subresources): only SameSite=None cookies can be sent; Lax and Strict ones are "not sent" because this context is cross-site.',
      'Even SameSite=None cookies stay home when the browser blocks third-party cookies (a browser setting; Chromium and Firefox can both do it, and Firefox partitions them by default). The frame and the image then show 0 cookies.',
      'The credentialed fetch: the same, and the lab answers with CORS headers so the page can read the reply.',
      'The link at the bottom is a top-level navigation: Lax cookies are sent too, Strict ones are not.',
    ],
    body: `<h2>Frame</h2><iframe src="${esc(lab)}/cookies/show?from=cross-site-frame"></iframe>
<h2>Image</h2>${img(`${lab}/cookies/pixel.svg?from=cross-site-img`, 'pixel')}
<h2>fetch(credentials: include)</h2><pre id="out"></pre>
<script>fetch(${JSON.stringify(`${lab}/cookies/show.json?from=cross-site-fetch`)},{credentials:'include'}).then(r=>r.text()).then(t=>{document.getElementById('out').textContent=t}).catch(e=>{document.getElementById('out').textContent=String(e)})</script>
<p>${link(`${lab}/cookies/show?from=cross-site-link`, 'Top-level link to lab.test')}</p>`,
  });
});

route('/cookies/max-age', (x) =>
  page(x, {
    title: 'Max-Age, Expires and deletion',
    intro:
      'short_lived expires after 30 seconds (Max-Age=30). dated expires at an Expires date in an hour. session_only has neither, so it lasts until the browser session ends. Deleting a cookie means setting it again with Max-Age=0 or a past Expires.',
    look: [
      'Each cookie shows its expiry countdown or "session".',
      'After 30 s short_lived disappears from the jar.',
      'The delete link sets Max-Age=0 and a 1970 Expires: "deletes cookie".',
    ],
    headers: {
      'set-cookie': [
        'short_lived=1; Max-Age=30; Path=/',
        `dated=1; Expires=${new Date(Date.now() + 3600_000).toUTCString()}; Path=/`,
        'session_only=1; Path=/',
      ],
    },
    body: `<p>${link('/cookies/delete', 'Delete them')}</p>`,
  }),
);
route('/cookies/delete', (x) =>
  page(x, {
    title: 'Deleting cookies',
    intro: 'This response deletes short_lived with Max-Age=0 and dated with an Expires date in 1970, and leaves session_only alone.',
    look: ['Both Set-Cookie lines are explained as deletions.'],
    headers: { 'set-cookie': ['short_lived=; Max-Age=0; Path=/', 'dated=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/'] },
    body: documentCookieScript,
  }),
);

route('/cookies/prefixes', (x) =>
  page(x, {
    title: '__Host- and __Secure- prefixes',
    intro:
      'A name starting with __Secure- must be set with Secure from an https page. A name starting with __Host- must also have Path=/ and no Domain, so it is locked to this exact host.',
    look: [
      '__Host-ok and __Secure-ok: stored.',
      '__Host-with-domain (has Domain) and __Host-bad-path (Path=/cookies): rejected.',
      '__Secure-no-secure (no Secure attribute): rejected.',
      x.ctx.secure ? 'Try the http version too: every prefixed cookie is rejected there.' : 'Over http every prefixed cookie is rejected.',
    ],
    headers: {
      'set-cookie': [
        '__Host-ok=1; Secure; Path=/',
        '__Host-with-domain=1; Secure; Path=/; Domain=lab.test',
        '__Host-bad-path=1; Secure; Path=/cookies',
        '__Secure-ok=1; Secure; Path=/',
        '__Secure-no-secure=1; Path=/',
      ],
    },
    body: `<p>${x.ctx.secure ? link(`${x.ctx.origins.http}/cookies/prefixes`, 'http version') : link(`${x.ctx.origins.https}/cookies/prefixes`, 'https version')}</p>`,
  }),
);

route('/cookies/partitioned', (x) =>
  page(x, {
    title: 'Partitioned (CHIPS) cookie',
    intro:
      'chip is set with Partitioned: it is stored in a separate jar keyed by the top-level site. Set from a frame inside other.test, it is readable only in frames inside other.test, never when lab.test is visited directly. Partitioned requires Secure (and __Host- is recommended).',
    look: [
      'Set-Cookie __Host-chip: "partitioned by top-level site".',
      'Open the cross-site page: the jar view shows the partition key https://other.test.',
    ],
    headers: {
      'set-cookie': x.ctx.secure
        ? [`__Host-chip=${x.url.searchParams.get('from') ?? 'top'}; Secure; Path=/; SameSite=None; Partitioned`]
        : [],
    },
    body: `${cookieTable(x)}<p>${link(`${x.ctx.origins.otherHttps}/cross/partitioned`, 'Open it inside other.test')}</p>`,
  }),
);
route('/cross/partitioned', (x) =>
  page(x, {
    title: `Partitioned cookie inside ${x.host}`,
    intro:
      'The frame below is lab.test/cookies/partitioned, embedded in this other.test page. The cookie it sets lands in the partition for other.test.',
    look: ['The frame request: Set-Cookie __Host-chip, Partitioned.', 'Reload: the frame sends __Host-chip=framed back (same partition).'],
    body: `<iframe src="${esc(x.ctx.origins.https)}/cookies/partitioned?from=framed"></iframe>`,
  }),
);

route('/cookies/signed', (x) => {
  const now = Math.floor(Date.now() / 1000);
  const jwt = makeJwt({ sub: 'student-42', name: 'Ada', role: 'student', iat: now, exp: now + 3600 });
  const flask = makeFlaskSession({ user_id: 42, cart: ['book'], _fresh: true }, 'lab-secret', now);
  page(x, {
    title: 'Signed session cookies',
    intro:
      'Both cookies carry the session data itself, signed by the server with a secret key. Signed is not encrypted: anyone holding the cookie can base64-decode and read it. The signature only stops them from changing it.',
    look: [
      'jwt_session: a JWT (header.payload.signature, HS256); the decoded payload shows sub, name, role, exp.',
      'session: a Flask session cookie (payload.timestamp.signature); the decoded payload shows user_id and cart.',
      'The panel says "signed, not encrypted".',
    ],
    headers: { 'set-cookie': [`jwt_session=${jwt}; Path=/; HttpOnly; SameSite=Lax`, `session=${flask}; Path=/; HttpOnly; SameSite=Lax`] },
    body: `<h2>The values</h2><pre>jwt_session=${esc(jwt)}\nsession=${esc(flask)}</pre><p>Secret key (a lab, so it is public): <code>lab-secret</code></p>`,
  });
});

route('/cookies/set-several', (x) =>
  page(x, {
    title: 'Several Set-Cookie lines on one response',
    intro:
      'One response, five Set-Cookie header lines. One of them has an Expires date, which contains a comma: that is why Set-Cookie lines can never be joined with commas and split again.',
    look: ['Five Set-Cookie entries, each parsed on its own.', 'several_dated keeps its whole Expires date (with its comma).'],
    headers: {
      'set-cookie': [
        'several_a=1; Path=/',
        'several_b=2; Path=/; HttpOnly',
        `several_dated=3; Path=/; Expires=${new Date(Date.now() + 86400_000).toUTCString()}`,
        'several_lax=4; Path=/; SameSite=Lax',
        'several_short=5; Path=/; Max-Age=120',
      ],
    },
  }),
);

const knownCookies: [string, string][] = [
  ['host_only', ''],
  ['domain_wide', '; Domain=lab.test'],
  ['path_scoped', '; Path=/cookies/path/inside'],
  ['plain_cookie', ''],
  ['lab_session', ''],
  ['js_visible', ''],
  ['ss_strict', ''],
  ['ss_lax', ''],
  ['ss_default', ''],
  ['short_lived', ''],
  ['dated', ''],
  ['session_only', ''],
  ['jwt_session', ''],
  ['session', ''],
  ['several_a', ''],
  ['several_b', ''],
  ['several_dated', ''],
  ['several_lax', ''],
  ['several_short', ''],
  ['personal', ''],
  ['xss_cookie', ''],
];
route('/cookies/clear', (x) => {
  const lines = knownCookies.map(([n, extra]) => `${n}=; Max-Age=0${extra.includes('Path') ? '' : '; Path=/'}${extra}`);
  if (x.ctx.secure)
    lines.push(
      'secure_cookie=; Max-Age=0; Path=/; Secure',
      'ss_none=; Max-Age=0; Path=/; Secure; SameSite=None',
      '__Host-ok=; Max-Age=0; Path=/; Secure',
      '__Secure-ok=; Max-Age=0; Path=/; Secure',
    );
  page(x, {
    title: 'Delete all lab cookies',
    intro:
      'This response deletes the cookies the lab pages set on this host (Max-Age=0). Secure ones can only be deleted over https: use the https version too.',
    look: [`${lines.length} deletions.`],
    headers: { 'set-cookie': lines },
    body: `<p>${link(`${x.ctx.origins.https}/cookies/clear`, 'https version')}</p>`,
  });
});

// ---------------- redirects

const hop =
  (status: number, to: string, note: string): Handler =>
  (x) =>
    send(x, status, { location: to, 'cache-control': 'no-store', 'content-type': 'text/plain; charset=utf-8' }, `${status}: ${note}\n`);
route('/redirect/chain', hop(301, '/redirect/step-302', 'moved permanently (method may become GET)'));
route('/redirect/step-302', hop(302, '/redirect/step-307', 'found, temporary'));
route('/redirect/step-307', hop(307, '/redirect/step-308', 'temporary, method and body kept'));
route('/redirect/step-308', (x) =>
  send(
    x,
    308,
    { location: '/redirect/done', 'cache-control': 'no-store', 'set-cookie': 'redirect_hop=308; Path=/', 'content-type': 'text/plain' },
    '308: permanent, method kept; this hop also sets a cookie\n',
  ),
);
route('/redirect/done', (x) =>
  page(x, {
    title: 'Redirect chain: arrived',
    intro:
      'You came through four redirects: 301, 302, 307 and 308. Each hop is its own request and response. The hops are sent with no-store so the chain repeats on every visit.',
    look: [
      'Four redirect exchanges linked one to the next, then this page.',
      'The 308 hop set a cookie (redirect_hop) on its way.',
      '301/302 may turn a POST into a GET; 307/308 never change the method.',
    ],
  }),
);
route('/redirect/to-https', (x) => send(x, 301, { location: `${x.ctx.origins.https}/redirect/done`, 'cache-control': 'no-store' }));
route('/redirect/cached-301', (x) => send(x, 301, { location: '/redirect/cached-target', 'cache-control': 'max-age=60' }));
route('/redirect/cached-target', (x) =>
  page(x, {
    title: 'A cached permanent redirect',
    intro:
      'The 301 that brought you here has Cache-Control: max-age=60. For a minute the browser follows it from its cache without asking the server.',
    look: ['Visit /redirect/cached-301 again within a minute: the 301 comes from the cache.'],
    body: `<p>${link('/redirect/cached-301', 'Follow the redirect again')}</p>`,
  }),
);

// ---------------- edge

function edgeHint(x: Exchange): string[] {
  return x.viaEdge
    ? []
    : [`You opened this page directly on ${x.host}, not through the edge: open it on edge.lab.test to see the edge cache's headers.`];
}
function originSaw(x: Exchange): Record<string, string> {
  const h = x.req.headers;
  return {
    'x-lab-origin-saw-x-forwarded-for': String(h['x-forwarded-for'] ?? '(none)'),
    'x-lab-origin-saw-remote-addr': x.req.socket.remoteAddress ?? '',
    'x-lab-origin-time': new Date().toISOString(),
  };
}
function edgePage(x: Exchange, cacheControl: string, spec: Omit<PageSpec, 'headers'>, extra: Record<string, string | string[]> = {}): void {
  page(x, {
    ...spec,
    look: [...edgeHint(x), ...spec.look],
    headers: { 'cache-control': cacheControl, ...originSaw(x), ...extra },
    body: `<p>The origin produced this copy at <b>${esc(new Date().toISOString())}</b>. If a reload shows the same time, the edge answered from its cache.</p>${spec.body ?? ''}${reloadButton}`,
  });
}

route('/edge/', (x) => {
  const e = x.ctx.origins.edge;
  page(x, {
    title: 'Edge cache lessons',
    intro:
      'edge.lab.test is a real caching reverse proxy in front of the lab origin, like a CDN edge or a Varnish/nginx in front of an app server. It stores responses that allow shared caching and adds Age, Via, Cache-Status (RFC 9211) and X-Forwarded-For on the way.',
    look: [
      ...edgeHint(x),
      'Cache-Status: "lab-edge; fwd=uri-miss; stored" the first time, "lab-edge; hit" afterwards.',
      'Age: how many seconds the edge has held its copy.',
      'Via: the proxy that handled the response.',
      'The chain diagram: browser → lab-edge → origin.',
    ],
    body: `<ul>${LAB_SECTIONS[3]!.pages
      .slice(1)
      .map((p) => `<li>${link(e + p.path, p.title)}</li>`)
      .join('')}</ul>`,
  });
});
route('/edge/cached', (x) =>
  edgePage(x, 'public, max-age=0, s-maxage=120', {
    title: 'Cached at the edge',
    intro:
      'Cache-Control: public, max-age=0, s-maxage=120. The browser must ask again every time (max-age=0), but the edge may answer from its copy for two minutes (s-maxage=120).',
    look: [
      'First load: Cache-Status "fwd=uri-miss; stored", Age 0.',
      'Reload: Cache-Status "hit", Age grows, and the origin time in the page stays the same.',
    ],
    body: css('/edge/res/style.css'),
  }),
);
route('/edge/res/style.css', (x) =>
  send(x, 200, { 'content-type': 'text/css', 'cache-control': 'public, max-age=60, s-maxage=600' }, 'b{color:#064}\n'),
);
route('/edge/both', (x) =>
  edgePage(x, 'public, max-age=30, s-maxage=300', {
    title: 'Browser 30 s, edge 5 min',
    intro:
      'Cache-Control: public, max-age=30, s-maxage=300. The browser keeps it 30 seconds; the edge keeps it five minutes. After 30 s the browser asks again and the edge answers with a hit whose Age is already 30 or more.',
    look: [
      'Two freshness lanes: browser 30 s, shared caches 300 s.',
      "The browser counts the edge's Age against its own 30 s: a copy that is old at the edge is fresh for less time in the browser.",
    ],
  }),
);
route('/edge/no-store', (x) =>
  edgePage(x, 'no-store', {
    title: 'no-store through the edge',
    intro: 'no-store forbids every cache, shared ones included. The edge forwards every request to the origin.',
    look: ['Cache-Status: "fwd=miss" every time, never "stored".'],
  }),
);
route('/edge/private', (x) =>
  edgePage(x, 'private, max-age=60', {
    title: 'private through the edge',
    intro: 'private, max-age=60: this response is meant for one user. The browser may keep it a minute, the edge must not store it.',
    look: [
      'Cache-Status never says "stored"; the origin time changes on every edge request.',
      'The browser still reuses it for 60 s (reload shows it from the disk cache).',
    ],
  }),
);
route('/edge/personal', (x) => {
  const visits = Number(parseCookies(x.req.headers.cookie).find(([n]) => n === 'personal')?.[1] ?? 0) + 1;
  edgePage(
    x,
    'public, max-age=0, s-maxage=120',
    {
      title: 'A request with cookies bypasses the edge',
      intro: `You have visited this page ${visits} time(s) (counted in a cookie). Caches normally do not store responses that set cookies, and many (Varnish by default) do not answer requests that carry cookies from the cache either, even though the response says public, s-maxage=120.`,
      look: [
        'First visit: the response sets a cookie, so the edge does not store it.',
        'Later visits: the request carries the cookie, so the edge bypasses its cache: Cache-Status "fwd=bypass".',
      ],
    },
    { 'set-cookie': `personal=${visits}; Path=/edge/personal` },
  );
});
route('/edge/vary', (x) =>
  edgePage(x, 'public, max-age=0, s-maxage=120', {
    title: 'Vary at the edge',
    intro: 'vary.json varies on Accept-Language. The edge stores one copy per language.',
    look: ['en: miss then stored; fr: a miss although the URL is the same; en again: hit.'],
    body: `<pre id="out"></pre><script>
(async()=>{const out=document.getElementById('out');for(const lang of ['en','fr','en']){const r=await fetch('/edge/res/vary.json',{headers:{'Accept-Language':lang}});out.textContent+=lang+': '+r.headers.get('cache-status')+' age='+r.headers.get('age')+'  '+(await r.text())+'\\n';}})();
</script>`,
  }),
);
route('/edge/res/vary.json', (x) => varyJson(x, 'public, max-age=0, s-maxage=120'));
route('/edge/swr', (x) =>
  edgePage(x, 'public, max-age=0, s-maxage=5, stale-while-revalidate=60', {
    title: 'stale-while-revalidate at the edge',
    intro: 'The edge keeps this copy fresh for 5 s, then may serve it stale for 60 s more while it fetches a new one in the background.',
    look: ['Reload after more than 5 s: still a hit (a stale one, negative ttl), and the copy after that is new.'],
  }),
);
route('/edge/whoami', (x) => {
  const h = x.req.headers;
  const xff = String(h['x-forwarded-for'] ?? '');
  const chain = xff
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  page(x, {
    title: 'What the origin sees',
    intro:
      'Behind a reverse proxy, the origin sees the proxy as its client. The proxy passes on the real client in X-Forwarded-For, appending the address it received the request from. Any client can send its own X-Forwarded-For, so only the entries added by proxies you trust are believable: read the list from the right.',
    look: [
      ...edgeHint(x),
      'Response headers x-lab-origin-saw-*: what the origin received (it echoes them).',
      'The spoofed fetch below sends X-Forwarded-For: 203.0.113.66 itself; the edge appends the real address, so the leftmost entry is a lie and the rightmost is the one to trust (like ProxyFix(x_for=1)).',
    ],
    headers: { 'cache-control': 'no-store', ...originSaw(x) },
    body: `<h2>This request, as the origin received it</h2><pre>${esc(
      [
        `TCP peer (remote address): ${x.req.socket.remoteAddress}`,
        `X-Forwarded-For:   ${xff || '(none: you came directly, not through the edge)'}`,
        `X-Forwarded-Proto: ${String(h['x-forwarded-proto'] ?? '(none)')}`,
        `X-Forwarded-Host:  ${String(h['x-forwarded-host'] ?? '(none)')}`,
        `Via:               ${h.via ?? '(none)'}`,
        `Client by leftmost entry (spoofable): ${chain[0] ?? '-'}`,
        `Client by rightmost entry (added by the edge): ${chain[chain.length - 1] ?? '-'}`,
      ].join('\n'),
    )}</pre>
<h2>A request with a spoofed X-Forwarded-For</h2><pre id="out"></pre>
<script>fetch('/edge/whoami.json',{headers:{'X-Forwarded-For':'203.0.113.66'}}).then(r=>r.text()).then(t=>{document.getElementById('out').textContent=t})</script>`,
  });
});
route('/edge/whoami.json', (x) => {
  const h = x.req.headers;
  send(
    x,
    200,
    { 'content-type': 'application/json', 'cache-control': 'no-store', ...originSaw(x) },
    JSON.stringify(
      {
        remoteAddress: x.req.socket.remoteAddress,
        xForwardedFor: h['x-forwarded-for'] ?? null,
        xForwardedProto: h['x-forwarded-proto'] ?? null,
        via: h.via ?? null,
      },
      null,
      1,
    ),
  );
});

// ---------------- named CDNs (imitations sent by the origin)

const rayId = () => createHash('md5').update(String(Math.random())).digest('hex').slice(0, 16);
const cfHeaders = (status: string, extra: Record<string, string> = {}) => ({
  server: 'cloudflare',
  'cf-ray': `${rayId()}-FRA`,
  'cf-cache-status': status,
  ...extra,
});

route('/cdn/cloudflare', (x) =>
  page(x, {
    title: 'Cloudflare-style headers',
    intro:
      'The lab origin imitates what Cloudflare adds: Server: cloudflare, CF-Ray ending in the PoP code (FRA = Frankfurt) and CF-Cache-Status. The subresources below show HIT, MISS, EXPIRED, REVALIDATED, BYPASS and DYNAMIC.',
    look: [
      'CDN column: "Cloudflare HIT · FRA" (Frankfurt).',
      '/cdn/cloudflare/api/profile says DYNAMIC although it sends Cache-Control: public, max-age=3600: Cloudflare does not cache JSON/HTML by default, only static file extensions, unless a Cache Rule says so.',
      'BYPASS on the response that sets a cookie.',
    ],
    headers: cfHeaders('DYNAMIC'),
    body:
      css('/cdn/cloudflare/style.css') +
      img('/cdn/cloudflare/logo.svg', 'logo') +
      js('/cdn/cloudflare/app.js') +
      `<script>for (const p of ['/cdn/cloudflare/api/profile','/cdn/cloudflare/data.json','/cdn/cloudflare/account']) fetch(p);</script>` +
      reloadButton,
  }),
);
route('/cdn/cloudflare/style.css', (x) =>
  send(
    x,
    200,
    { 'content-type': 'text/css', 'cache-control': 'public, max-age=14400', age: '3127', ...cfHeaders('HIT') },
    'h1{letter-spacing:.01em}\n',
  ),
);
route('/cdn/cloudflare/logo.svg', (x) =>
  send(x, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=14400', ...cfHeaders('MISS') }, svg('cf')),
);
route('/cdn/cloudflare/app.js', (x) =>
  send(
    x,
    200,
    { 'content-type': 'text/javascript', 'cache-control': 'public, max-age=600', ...cfHeaders('EXPIRED') },
    '/* cf expired */\n',
  ),
);
route('/cdn/cloudflare/data.json', (x) =>
  send(x, 200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=600', ...cfHeaders('REVALIDATED') }, '{"ok":true}'),
);
route('/cdn/cloudflare/api/profile', (x) =>
  send(
    x,
    200,
    { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600', ...cfHeaders('DYNAMIC') },
    '{"user":"ada","plan":"student"}',
  ),
);
route('/cdn/cloudflare/account', (x) =>
  send(
    x,
    200,
    {
      'content-type': 'application/json',
      'cache-control': 'private, no-store',
      'set-cookie': '__cf_bm=lab-bot-check; Path=/; HttpOnly; SameSite=None; Secure',
      ...cfHeaders('BYPASS'),
    },
    '{}',
  ),
);

const fastlyHeaders = (cache: string, hits: string, extra: Record<string, string> = {}) => ({
  via: '1.1 varnish, 1.1 varnish',
  'x-served-by': 'cache-iad-kiad7000025-IAD, cache-fra-eddf8230045-FRA',
  'x-cache': cache,
  'x-cache-hits': hits,
  'x-timer': `S${(Date.now() / 1000).toFixed(6)},VS0,VE1`,
  ...extra,
});
route('/cdn/fastly', (x) =>
  page(x, {
    title: 'Fastly-style headers',
    intro:
      "Fastly runs two cache layers (shielding): a shield PoP near the origin (here IAD, Washington) and an edge PoP near you (FRA, Frankfurt). X-Served-By names both, X-Cache gives each one's result in the same order, X-Cache-Hits their hit counts.",
    look: [
      'This page: X-Cache "MISS, HIT": the shield missed long ago, the edge (the last entry, nearest you) answered from cache.',
      'CDN column: "Fastly HIT · FRA".',
      'The image: "MISS, MISS", both layers went to the origin.',
    ],
    headers: { age: '412', ...fastlyHeaders('MISS, HIT', '0, 3') },
    body: img('/cdn/fastly/pic.svg', 'pic') + reloadButton,
  }),
);
route('/cdn/fastly/pic.svg', (x) =>
  send(
    x,
    200,
    { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600', age: '0', ...fastlyHeaders('MISS, MISS', '0, 0') },
    svg('fastly'),
  ),
);

route('/cdn/cloudfront', (x) =>
  page(x, {
    title: 'Amazon CloudFront-style headers',
    intro: 'CloudFront reports its result in X-Cache ("Hit from cloudfront") and its PoP in X-Amz-Cf-Pop (FRA56-P1: Frankfurt).',
    look: ['CDN column: "CloudFront HIT · FRA".'],
    headers: {
      'x-cache': 'Hit from cloudfront',
      'x-amz-cf-pop': 'FRA56-P1',
      'x-amz-cf-id': 'lab0Qm3pCwJ9yX2Yt3EXAMPLEabcdEfGh1234567890==',
      via: '1.1 0a1b2c3d4e5f60718293a4b5c6d7e8f9.cloudfront.net (CloudFront)',
      age: '95',
    },
  }),
);

route('/cdn/cache-status', (x) =>
  page(x, {
    title: 'Cache-Status and CDN-Cache-Control',
    intro:
      'Cache-Status (RFC 9211) is the standard way for every cache on the path to report what it did, one list member per cache, the one nearest the origin first. CDN-Cache-Control (RFC 9213) gives CDNs their own freshness rules that browsers ignore.',
    look: [
      'Two caches in Cache-Status: OriginShield hit; ExampleCDN forwarded (fwd=stale) and stored the answer.',
      'CDN-Cache-Control: max-age=600 applies to the CDN only; the browser follows Cache-Control: max-age=60.',
    ],
    headers: {
      'cache-status': 'OriginShield; hit; ttl=310, ExampleCDN; fwd=stale; fwd-status=200; stored; ttl=600; key="/cdn/cache-status"',
      'cdn-cache-control': 'max-age=600',
      'cache-control': 'max-age=60',
      age: '0',
    },
  }),
);

// ---------------- XSS

routePrefix('/xss', (x) => {
  const p = XSS_PAYLOADS;
  page(x, {
    title: 'XSS payloads',
    intro: `This response carries HTML and script payloads in its headers, its cookies and its URL (${decodeURIComponent(x.url.pathname)}${x.url.search}). The panel must show them as plain text. Nothing may run.`,
    look: ['The payloads appear verbatim in the headers view, the cookie list and the URL column.', 'No alert dialog opens in the panel.'],
    headers: {
      'x-payload-html': p.html,
      'x-payload-script': p.script,
      'x-payload-attr': p.attr,
      'x-payload-link': p.link,
      'cache-status': `${p.html}; hit; detail="${p.attr.replace(/"/g, '')}"`,
      via: `1.1 ${p.html}`,
      server: p.script,
      'cf-ray': `${p.attr}-FRA`,
      'set-cookie': [
        `xss_cookie=${p.html}; Path=/`,
        `xss_script=${p.script}; Path=/`,
        `xss_attr=${p.attr.replace(/[";]/g, '')}; Path=/; Domain=${p.link.replace(/;/g, '')}`,
      ],
    },
    body: `<p>Payloads used: <code>${esc(JSON.stringify(p))}</code></p>`,
  });
});

// ---------------- burst

route('/burst', (x) => {
  const n = Math.max(1, Math.min(20000, Number(x.url.searchParams.get('n') ?? 2000) || 2000));
  // Chromium fails fetches with net::ERR_INSUFFICIENT_RESOURCES when about a thousand or more are pending at
  // once, so at most `c` are in flight (default 256; the browser only opens 6 connections per host anyway).
  const c = Math.max(1, Math.min(n, Number(x.url.searchParams.get('c') ?? 256) || 256));
  page(x, {
    title: `Burst of ${n} requests`,
    intro: `This page fires ${n} fetches as fast as the browser takes them (${c} in flight at a time) to /burst/item/0 … /burst/item/${n - 1} (no-store, tiny JSON). It is for benchmarks and for checking that the recorder loses nothing. Parameters: n (count), c (in flight).`,
    look: [`${n} exchanges recorded; the lab's /__lab/stats served count agrees.`],
    body: `<p id="burst-status">running…</p><script>
(async()=>{const n=${n},c=${c};const t0=performance.now();let ok=0,failed=0,next=0;
const worker=async()=>{while(next<n){const i=next++;try{const r=await fetch('/burst/item/'+i,{cache:'no-store'});await r.arrayBuffer();r.ok?ok++:failed++}catch{failed++}}};
await Promise.all(Array.from({length:c},worker));
const ms=Math.round(performance.now()-t0);document.getElementById('burst-status').textContent='done: '+ok+' ok, '+failed+' failed in '+ms+' ms';
window.burstResult={n,ok,failed,ms};document.title='burst done';})();
</script>`,
  });
});
routePrefix('/burst/item/', (x) =>
  send(x, 200, { 'content-type': 'application/json', 'cache-control': 'no-store' }, `{"i":${JSON.stringify(x.url.pathname.slice(12))}}`),
);

// ---------------- a service worker's own requests

// The page registers /sw/worker.js (scope /sw/, no fetch handler, so the page's own requests are untouched) and asks
// it to fetch /sw/from-worker.json. That fetch belongs to no tab: webRequest reports it with tabId -1.
// Service workers need a secure context: https, or http on 127.0.0.1/localhost.
route('/sw/', (x) =>
  page(x, {
    title: 'A service worker fetching by itself',
    intro:
      'This page registers a service worker. The worker then fetches /sw/from-worker.json on its own. Requests a service worker makes belong to no tab (webRequest reports tabId -1), so Cache Lens keeps them in a separate bucket instead of this tab.',
    look: [
      'This tab lists the page itself. The worker script /sw/worker.js is fetched by the browser for the worker, so it belongs to no tab either.',
      'from-worker.json is not in this tab: it is in the "no tab" bucket (service workers and extensions).',
    ],
    body: `<p id="sw-status">registering…</p><script>
(async()=>{const out=document.getElementById('sw-status');
if(!('serviceWorker' in navigator)){out.textContent='no service worker support (needs https or 127.0.0.1)';return}
try{const reg=await navigator.serviceWorker.register('/sw/worker.js',{scope:'/sw/'});await navigator.serviceWorker.ready;
const sw=reg.active||reg.waiting||reg.installing;const tag=new URLSearchParams(location.search).get('tag')||String(Date.now());
const reply=new Promise(r=>navigator.serviceWorker.addEventListener('message',e=>r(e.data),{once:true}));
sw.postMessage({fetch:'/sw/from-worker.json?tag='+encodeURIComponent(tag)});
out.textContent='done: '+JSON.stringify(await reply);document.title='sw done'}catch(e){out.textContent='failed: '+e}})();
</script>`,
  }),
);
route('/sw/worker.js', (x) =>
  send(
    x,
    200,
    { 'content-type': 'text/javascript', 'cache-control': 'no-cache' },
    `self.addEventListener('install',()=>self.skipWaiting());
self.addEventListener('activate',(e)=>e.waitUntil(self.clients.claim()));
self.addEventListener('message',(e)=>{e.waitUntil(fetch(e.data.fetch,{cache:'no-store'}).then(r=>r.json()).then(j=>e.source.postMessage(j),err=>e.source.postMessage({error:String(err)})))});
`,
  ),
);
route('/sw/from-worker.json', (x) =>
  send(
    x,
    200,
    { 'content-type': 'application/json', 'cache-control': 'no-store' },
    JSON.stringify({ from: 'service worker', tag: x.url.searchParams.get('tag') ?? '' }),
  ),
);

// ---------------- garbage

route('/garbage', (x) => {
  const utf8AsLatin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
  const many: Record<string, string> = {};
  for (let i = 0; i < 300; i++) many[`x-many-${i}`] = String(i);
  page(x, {
    title: 'Garbage headers',
    intro:
      'This response is deliberately malformed: a 64 KB header, non-ASCII bytes, impossible dates, contradictory and broken Cache-Control, unquoted ETag, Vary: *, broken Set-Cookie lines and 300 extra headers. Cache Lens must not crash; each oddity should become a finding.',
    look: ['The panel still renders this row and lists findings for the broken values.', 'Nothing freezes while parsing the 64 KB header.'],
    headers: {
      'x-huge': 'a'.repeat(64 * 1024),
      'x-non-ascii': utf8AsLatin1('grüße, 日本語, emoji 🍪'),
      'x-latin1': 'caf\u00e9',
      'cache-control': ['max-age=abc, max-age=10, , no-cache="set-cookie", private=, s-maxage=-5', 'max-age=99999999999999999999'],
      expires: '0',
      'last-modified': 'Mon, 99 Foo 2020 25:61:61 GMT',
      age: '-1, 12, banana',
      etag: 'unquoted-etag',
      vary: '*, Accept-Encoding,,',
      pragma: 'no-cache, bogus',
      'cache-status': 'broken;;; =hit, "quoted"; fwd=',
      via: '1.1, , HTTP/9 ??? ' + 'x'.repeat(300),
      'x-forwarded-for': 'not-an-ip, 999.1.1.1, ::ffff:1.2.3.4, unknown',
      forwarded: 'for="_hidden";proto=gopher;by=, for=[::1]:99999',
      'set-cookie': [
        '=novalue',
        ';;;',
        `${'n'.repeat(5000)}=toolong`,
        'bad_expires=1; Expires=not a date; Max-Age=1e3; SameSite=Bogus; Domain=.test',
        'dup=1; Path=/; Path=/x; Secure=false; HttpOnly=yes',
        utf8AsLatin1('unicode_cookie=grüße; Path=/'),
      ],
      ...many,
    },
  });
});

// ---------------- lab internals

route('/__lab/stats', (x) =>
  send(
    x,
    200,
    { 'content-type': 'application/json', 'cache-control': 'no-store', 'access-control-allow-origin': '*' },
    JSON.stringify(x.ctx.stats(), null, 1),
  ),
);
route('/__lab/reset', (x) => {
  x.ctx.resetCounts();
  send(x, 200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'access-control-allow-origin': '*' }, '{"reset":true}');
});
route('/favicon.ico', (x) => send(x, 204, { 'cache-control': 'max-age=86400' }));

// ------------------------------------------------------------------ lessons from the seeds (issue 9)
// Each page names the lesson and what to look for in the panel. Headers that a real CDN or proxy would add are
// simulated here (marked as such on the page), as the /cdn/ pages do.

LAB_SECTIONS.push({
  title: 'Lessons: deploys, proxies, trackers',
  pages: [
    { path: '/lessons/unversioned-css', title: 'An unversioned stylesheet cached for a day', origin: 'http' },
    { path: '/lessons/deploy', title: 'After a deploy: purge versus versioned file names', origin: 'http' },
    { path: '/lessons/swr-timeline', title: 'The stale-while-revalidate window on the timeline', origin: 'http' },
    { path: '/cookies/public-suffix', title: 'Domain= a public suffix (rejected)', origin: 'http' },
    { path: '/cookies/sticky', title: 'Load-balancer stickiness cookies (AWSALB, SERVERID)', origin: 'http' },
    { path: '/cookies/tracker', title: 'A tracking cookie in a third-party context', origin: 'https' },
    { path: '/cookies/hide-values', title: 'Hide values: a response full of cookie values', origin: 'http' },
    { path: '/errors/502', title: '502 Bad Gateway behind a reverse proxy and behind a CDN', origin: 'http' },
    { path: '/proxy/via-chain', title: 'A multi-hop Via chain', origin: 'http' },
    { path: '/proxy/xff-chain', title: 'An echoed X-Forwarded-For chain', origin: 'http' },
  ],
});

route('/lessons/unversioned-css', (x) =>
  page(x, {
    title: 'An unversioned stylesheet cached for a day',
    intro:
      'site.css is sent with Cache-Control: max-age=86400 under a name that never changes. Every browser that loaded it keeps using its copy for a day without asking: if the site deploys a new site.css, those visitors see the old styles (or new HTML with old CSS) until their copy expires.',
    look: [
      'site.css: fresh for 24 h, from max-age=86400; on reload it comes from the disk cache with no request at all.',
      'Nothing in the name says which version it is: compare with the versioned name on the deploy page.',
      'The fix: a content hash in the name (site.3f2a9c1b.css) with a long max-age and immutable, and a short or no-cache lifetime on the HTML that names it.',
    ],
    body: css('/lessons/res/site.css') + reloadButton,
  }),
);
route('/lessons/res/site.css', (x) =>
  send(x, 200, { 'content-type': 'text/css', 'cache-control': 'max-age=86400' }, `h1{border-bottom:3px solid #4a7}\n`),
);

/** The deploy page's current release (bumped by ?deploy=1). */
let release = 1;
route('/lessons/deploy', (x) => {
  if (x.url.searchParams.get('deploy') === '1') release++;
  const hashed = createHash('sha256').update(`app-${release}`).digest('hex').slice(0, 8);
  page(x, {
    title: 'After a deploy: purge versus versioned file names',
    intro: `Release ${release}. app.js keeps its name across releases (max-age=3600, s-maxage=86400); app.${hashed}.js changes name with its content (max-age=31536000, immutable). "Deploy" bumps the release. A CDN purge would empty the shared cache, but it cannot reach the copies already in browsers: they keep the old app.js for up to an hour.`,
    look: [
      'Before deploying: app.js fresh for 1 h in the browser (and 24 h for a CDN, s-maxage); the hashed file fresh for a year, immutable.',
      'Click Deploy, then reload normally: the page (no-cache) is new and names the new hashed file, which is a new URL, so it is fetched. app.js still comes from the disk cache: the old version.',
      'The timeline of app.js says how long the stale release can survive; the hashed file never needs a purge.',
    ],
    body:
      js('/lessons/res/app.js') +
      js(`/lessons/res/app.${hashed}.js`) +
      `<p><a href="/lessons/deploy?deploy=1">Deploy release ${release + 1}</a> · <a href="/lessons/deploy">Reload without deploying</a></p>`,
  });
});
route('/lessons/res/app.js', (x) =>
  send(x, 200, { 'content-type': 'text/javascript', 'cache-control': 'max-age=3600, s-maxage=86400' }, `/* release ${release} */\n`),
);
routePrefix('/lessons/res/app.', (x) =>
  send(x, 200, { 'content-type': 'text/javascript', 'cache-control': 'max-age=31536000, immutable' }, `/* ${esc(x.url.pathname)} */\n`),
);

route('/lessons/swr-timeline', (x) =>
  page(x, {
    title: 'The stale-while-revalidate window on the timeline',
    intro:
      'window.json: Cache-Control: max-age=20, stale-while-revalidate=40. Fresh for 20 s; for the 40 s after that a reuse may hand out the stale copy at once while a background request refreshes it; after 60 s it must be fetched (or revalidated) before use.',
    look: [
      'Caching tab: the freshness timeline has three parts: fresh (20 s), the stale-while-revalidate window (40 s), then stale.',
      'Watch the "now" marker move through the window with the panel open; the next-use sentence changes as it crosses each edge.',
    ],
    body:
      `<pre id="out"></pre><script>fetch('/lessons/res/window.json').then(r=>r.text()).then(t=>{document.getElementById('out').textContent=t})</script>` +
      reloadButton,
  }),
);
route('/lessons/res/window.json', (x) =>
  send(
    x,
    200,
    { 'content-type': 'application/json', 'cache-control': 'max-age=20, stale-while-revalidate=40' },
    JSON.stringify({ at: new Date().toISOString() }),
  ),
);

route('/cookies/public-suffix', (x) =>
  page(x, {
    title: 'Domain= a public suffix (rejected)',
    intro:
      "A public suffix is a name under which anyone can register a site (com, co.uk, github.io). A cookie for a whole public suffix would be shared by every site under it, so browsers reject a Domain attribute that is one. This response tries Domain=test (the lab's top-level name) and, for contrast, Domain=lab.test.",
    look: [
      'Cookies tab: psl_bad is rejected: its Domain is a public suffix.',
      'psl_ok (Domain=lab.test) is stored as a domain cookie for lab.test and its subdomains.',
    ],
    headers: { 'set-cookie': ['psl_bad=1; Domain=test; Path=/', 'psl_ok=1; Domain=lab.test; Path=/'] },
  }),
);

route('/cookies/sticky', (x) =>
  page(x, {
    title: 'Load-balancer stickiness cookies (AWSALB, SERVERID)',
    intro:
      "A load balancer spreads visitors over several servers. Stickiness (session affinity) sends one browser back to the same server each time, so state kept in that server's memory is found again; the balancer does it with a cookie naming or encoding the server. AWS Application Load Balancers use AWSALB (and AWSALBCORS for cross-site requests); HAProxy's classic setup inserts SERVERID.",
    look: [
      'Cookies tab: AWSALB, AWSALBCORS and SERVERID are stored; their purpose says Load balancing.',
      'Cookies overview: they are first-party and not tracking; the "Why here" column names the rule (our list, since the Open Cookie Database calls AWSALB only Functional).',
      'Stickiness cookies are usually short-lived (AWSALB: 7 days) and not secret, but losing one moves you to another server.',
    ],
    headers: {
      'set-cookie': [
        `AWSALB=${createHash('sha1').update('lab-a').digest('base64')}; Expires=${new Date(Date.now() + 7 * 86400_000).toUTCString()}; Path=/`,
        `AWSALBCORS=${createHash('sha1').update('lab-a').digest('base64')}; Expires=${new Date(Date.now() + 7 * 86400_000).toUTCString()}; Path=/; SameSite=None; Secure`,
        'SERVERID=app2; Path=/',
      ],
    },
  }),
);

route('/cookies/tracker', (x) =>
  page(x, {
    title: 'A tracking cookie in a third-party context',
    intro:
      "This page (lab.test) embeds a pixel from other.test, another site. The pixel's response sets __gads (a name Google's ad network uses) with SameSite=None; Secure, and the browser sends it back on every later page that embeds the same pixel: other.test can recognise you across every site that includes it. That is what a third-party tracking cookie is.",
    look: [
      'The pixel row: a third-party request (other.test under lab.test) that sets __gads.',
      'Cookies overview: __gads is marked tracking: a marketing cookie set in a third-party context. Its "Why here" says which rule put it there.',
      'Reload: the pixel request sends __gads back, unless the browser blocks third-party cookies (then the Cookies tab says it was not sent, and why).',
    ],
    body: `<p>${img(`${x.ctx.origins.otherHttps}/cookies/res/pixel.gif`, 'tracking pixel')}</p>`,
  }),
);
route('/cookies/res/pixel.gif', (x) =>
  send(
    x,
    200,
    {
      'content-type': 'image/gif',
      'cache-control': 'no-store',
      'set-cookie': `__gads=ID=${createHash('sha1').update(String(Date.now())).digest('hex').slice(0, 16)}:T=1; Max-Age=33696000; Path=/; SameSite=None; Secure`,
    },
    Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAA=', 'base64'),
  ),
);

route('/cookies/hide-values', (x) =>
  page(x, {
    title: 'Hide values: a response full of cookie values',
    intro:
      'Before sharing your screen, tick "Hide values" in Cache Lens: every cookie value is masked in every tab, finding, raw header and export. This response sets cookies whose values start with LABVAL, including a nameless one and one whose name contains its value, so you can check that none shows.',
    look: [
      'With Hide values on: no LABVAL anywhere (Cookies, Headers, findings, the jar, the exports); names stay readable.',
      'xLABVAL2 is a name: it stays, its value is masked.',
    ],
    headers: {
      'set-cookie': ['LABVAL1NAMELESS', 'xLABVAL2=LABVAL2; Path=/', 'plain=LABVAL3; Path=/', 'bad=LABVAL4; Secure; Path=/'],
    },
  }),
);

/** A page that loads `/errors/res/502-<kind>` as a script, so the 502 shows as a row of its own. */
route('/errors/502', (x) =>
  page(x, {
    title: '502 Bad Gateway behind a reverse proxy and behind a CDN',
    intro:
      '502 means a gateway (a reverse proxy, load balancer or CDN) could not get a valid answer from the server behind it: the origin is down, refused the connection, or answered garbage. The two responses below are 502s as an nginx reverse proxy and as Cloudflare would send them (headers simulated by the lab).',
    look: [
      'proxy-502: status 502, Server: nginx, Via names the proxy: the error was made by the proxy, not by the application.',
      "cdn-502: status 502 with Cloudflare's headers (cf-ray, server: cloudflare): the CDN could not reach the origin. The CDN tab names the edge and its PoP.",
      'Caching: errors like these are not stored by default (no freshness information), and Cache-Control: no-store says so explicitly.',
    ],
    body: js('/errors/res/proxy-502.js') + js('/errors/res/cdn-502.js'),
  }),
);
route('/errors/res/proxy-502.js', (x) =>
  send(
    x,
    502,
    { 'content-type': 'text/html', server: 'nginx', via: '1.1 lab-proxy (nginx)', 'cache-control': 'no-store' },
    '<h1>502 Bad Gateway</h1>',
  ),
);
route('/errors/res/cdn-502.js', (x) =>
  send(
    x,
    502,
    {
      'content-type': 'text/html',
      server: 'cloudflare',
      'cf-ray': '8c1f2a3b4d5e6f70-FRA',
      'cf-cache-status': 'DYNAMIC',
      'cache-control': 'no-store',
    },
    '<h1>502 Bad gateway</h1>',
  ),
);

route('/proxy/via-chain', (x) =>
  page(x, {
    title: 'A multi-hop Via chain',
    intro:
      'Each proxy that forwards a message adds itself to Via. On a response the list is in the order the hops were added, so the first entry is the hop nearest the origin and the last one is nearest to you (RFC 9110 §7.6.3). The chain on chain.json is simulated: origin-side proxy, shield cache, then the edge.',
    look: [
      'CDN & proxies tab: three hops, drawn in the order the text names them, each with the protocol it received.',
      'Compare with X-Forwarded-For on the next page, which lists hops the other way round (client first).',
    ],
    body: `<script>fetch('/proxy/res/chain.json')</script>`,
  }),
);
route('/proxy/res/chain.json', (x) =>
  send(
    x,
    200,
    { 'content-type': 'application/json', 'cache-control': 'no-store', via: '1.0 origin-proxy, 1.1 shield-fra (Varnish), 1.1 edge-ams' },
    '{}',
  ),
);

route('/proxy/xff-chain', (x) =>
  page(x, {
    title: 'An echoed X-Forwarded-For chain',
    intro:
      'X-Forwarded-For is a request header: each proxy appends the address it received the request from, so the list reads client first, then each proxy. A server that echoes it back (as xff.json does, with a simulated chain) shows what it saw. Only the entries added by proxies you trust are reliable: the first one can be anything the client wrote.',
    look: [
      'CDN & proxies tab: X-Forwarded-For 203.0.113.7 → 198.51.100.2 → 10.0.0.5, drawn in that order.',
      'Who added each entry: the client (or whatever it claimed), then each proxy the address of the hop before it. A header set by the page itself is not the work of an extension.',
    ],
    body: `<script>fetch('/proxy/res/xff.json')</script>`,
  }),
);
route('/proxy/res/xff.json', (x) =>
  send(
    x,
    200,
    { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-forwarded-for': '203.0.113.7, 198.51.100.2, 10.0.0.5' },
    '{}',
  ),
);

// ---------------- start-up: a slow response with two Set-Cookie lines (for a page loading while the extension starts)

route('/startup/slow-cookies', (x) => {
  const ms = Math.max(0, Math.min(30000, Number(x.url.searchParams.get('ms') ?? 1500) || 0));
  const tag = (x.url.searchParams.get('tag') ?? 'x').replace(/[^\w-]/g, '').slice(0, 40) || 'x';
  setTimeout(() => {
    page(x, {
      title: 'A slow page that sets two cookies',
      intro: `The server waited ${ms} ms before answering with two Set-Cookie lines. Loaded while the browser (and Cache Lens) starts, the request begins before the extension listens.`,
      look: ['Both Set-Cookie lines in the response headers, or a note that the browser hid them.'],
      headers: { 'set-cookie': [`startup_a_${tag}=1; Path=/`, `startup_b_${tag}=2; Path=/; HttpOnly`] },
    });
  }, ms);
});

// ---------------- recorder: a response held until released (a worker stopped mid-request, issue 10)

/** Held responses by key: /recorder/held-item?key=K answers only when /recorder/release?key=K is requested. */
const held = new Map<string, () => void>();

route('/recorder/held', (x) => {
  const key = (x.url.searchParams.get('key') ?? 'x').replace(/[^\w-]/g, '').slice(0, 40) || 'x';
  page(x, {
    title: 'A response held until released',
    intro: `This page fetches /recorder/held-item?key=${key}, which the lab answers only when /recorder/release?key=${key} is requested. The recorder test stops the extension's worker while the request waits.`,
    look: ['One exchange for the held item, 200, with its end time and no "events lost" error once it was released.'],
    body: `<p id="held-status">waiting…</p><script>
fetch('/recorder/held-item?key=${key}',{cache:'no-store'}).then(r=>r.text()).then(t=>{document.getElementById('held-status').textContent='done: '+t},e=>{document.getElementById('held-status').textContent='failed: '+e});
</script>`,
  });
});
route('/recorder/held-item', (x) => {
  const key = (x.url.searchParams.get('key') ?? 'x').replace(/[^\w-]/g, '').slice(0, 40) || 'x';
  const answer = () => send(x, 200, { 'content-type': 'application/json', 'cache-control': 'no-store' }, `{"key":"${key}"}`);
  held.set(key, answer);
  // Never held for ever: a test that dies leaves no request hanging past a minute.
  setTimeout(() => {
    if (held.get(key) !== answer) return;
    held.delete(key);
    answer();
  }, 60_000);
});
route('/recorder/release', (x) => {
  const key = (x.url.searchParams.get('key') ?? 'x').replace(/[^\w-]/g, '').slice(0, 40) || 'x';
  const answer = held.get(key);
  held.delete(key);
  answer?.();
  send(x, answer ? 200 : 404, { 'content-type': 'text/plain', 'cache-control': 'no-store' }, answer ? 'released' : 'nothing held');
});

// ------------------------------------------------------------------ dispatch

export function handleLabRequest(req: IncomingMessage, res: ServerResponse, ctx: LabContext): void {
  const hostHeader = req.headers.host ?? 'lab.test';
  const url = new URL(req.url ?? '/', `${ctx.secure ? 'https' : 'http'}://${hostHeader}`);
  const host = url.hostname.toLowerCase();
  const x: Exchange = { req, res, url, ctx, host, viaEdge: host === 'edge.lab.test' || !!req.headers['x-forwarded-for'] };
  const path = url.pathname === '/edge' ? '/edge/' : url.pathname;
  const handler = routes.get(path) ?? prefixRoutes.find(([p]) => path.startsWith(p))?.[1];
  if (handler) {
    handler(x);
    return;
  }
  page(x, {
    status: 404,
    title: 'Not found',
    intro: `The lab has no page at ${url.pathname}.`,
    look: ['A 404 response: by default it is heuristically cacheable, but this one says no-cache.'],
  });
}

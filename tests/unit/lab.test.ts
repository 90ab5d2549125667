import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from 'node:net';
import { startLab, type Lab } from '../lab/server';
import { edgeCandidates } from '../lab/edge';
import { labRequest } from '../lab/client';
import { LAB_SECTIONS, XSS_PAYLOADS } from '../lab/pages';

function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

describe('lab origin', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ quiet: true });
  });
  afterAll(async () => {
    await (lab as Lab | undefined)?.close(); // unset when beforeAll failed
  });

  it('uses *.test origins on random ports', () => {
    expect(lab.httpOrigin).toMatch(/^http:\/\/lab\.test:\d+$/);
    expect(lab.httpsOrigin).toMatch(/^https:\/\/lab\.test:\d+$/);
    expect(lab.edgeOrigin).toMatch(/^http:\/\/edge\.lab\.test:\d+$/);
    expect(new Set([lab.ports.http, lab.ports.https, lab.ports.edge]).size).toBe(3);
  });

  it('serves the index over http and https with a certificate for the lab names', async () => {
    const plain = await labRequest(`${lab.httpOrigin}/`);
    expect(plain.status).toBe(200);
    expect(plain.body).toContain('Cache Lens lab');
    expect(plain.body).toContain(`${lab.edgeOrigin}/edge/cached`);
    const secure = await labRequest(`${lab.httpsOrigin}/cookies/samesite`);
    expect(secure.status).toBe(200);
    expect(secure.subjectAltName).toContain('DNS:lab.test');
    expect(secure.subjectAltName).toContain('DNS:*.lab.test');
    expect(secure.subjectAltName).toContain('DNS:other.test');
    expect(secure.setCookie.some((c) => c.startsWith('ss_none=1') && /Secure/.test(c))).toBe(true);
  });

  it('answers a conditional request with 304', async () => {
    const first = await labRequest(`${lab.httpOrigin}/cache/res/etag.js`);
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await labRequest(`${lab.httpOrigin}/cache/res/etag.js`, { headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.status).toBe(304);
    const lm = await labRequest(`${lab.httpOrigin}/cache/res/last-modified.css`);
    const lmAgain = await labRequest(`${lab.httpOrigin}/cache/res/last-modified.css`, {
      headers: { 'if-modified-since': String(lm.headers['last-modified']) },
    });
    expect(lmAgain.status).toBe(304);
  });

  it('sends several Set-Cookie lines as separate lines, one with a comma in its date', async () => {
    const r = await labRequest(`${lab.httpOrigin}/cookies/set-several`);
    expect(r.setCookie).toHaveLength(5);
    expect(r.setCookie.find((c) => c.startsWith('several_dated='))).toMatch(/Expires=\w{3}, \d\d \w{3} \d{4}/);
  });

  it('counts what the origin served, and resets', async () => {
    lab.resetCounts();
    await labRequest(`${lab.httpOrigin}/cache/max-age`);
    await labRequest(`${lab.httpOrigin}/cache/res/max-age.css`);
    await labRequest(`${lab.httpOrigin}/__lab/stats`); // not counted
    expect(lab.served()).toBe(2);
    expect(lab.served('/cache/res/')).toBe(1);
    expect(lab.servedPaths()).toEqual(['/cache/max-age', '/cache/res/max-age.css']);
    const stats = JSON.parse((await labRequest(`${lab.httpOrigin}/__lab/stats`)).body) as { served: unknown };
    expect(stats.served).toBe(2);
    lab.resetCounts();
    expect(lab.served()).toBe(0);
  });

  it('escapes payloads in the XSS page body but sends them raw in headers and cookies', async () => {
    const r = await labRequest(
      `${lab.httpOrigin}/xss/${encodeURIComponent(XSS_PAYLOADS.html)}?q=${encodeURIComponent(XSS_PAYLOADS.script)}`,
    );
    expect(r.status).toBe(200);
    expect(r.headers['x-payload-html']).toBe(XSS_PAYLOADS.html);
    expect(r.setCookie.some((c) => c.includes(XSS_PAYLOADS.html))).toBe(true);
    expect(r.body).not.toContain('<img src=x');
    expect(r.body).not.toContain('<script>alert');
    expect(r.body).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('serves the garbage page and signed cookies', async () => {
    const g = await labRequest(`${lab.httpOrigin}/garbage`);
    expect(g.status).toBe(200);
    expect(String(g.headers['x-huge']).length).toBe(64 * 1024);
    const s = await labRequest(`${lab.httpOrigin}/cookies/signed`);
    const jwt = s.setCookie
      .find((c) => c.startsWith('jwt_session='))!
      .split(';')[0]!
      .split('=')[1]!; // it starts with `jwt_session=`
    expect((JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { sub: unknown }).sub).toBe('student-42');
    const flask = s.setCookie
      .find((c) => c.startsWith('session='))!
      .split(';')[0]!
      .slice('session='.length);
    expect(flask.split('.')).toHaveLength(3);
    expect((JSON.parse(Buffer.from(flask.split('.')[0]!, 'base64url').toString()) as { user_id: unknown }).user_id).toBe(42);
  });

  it('serves every page the index links to, each saying what to look for', async () => {
    const origins = {
      http: lab.httpOrigin,
      https: lab.httpsOrigin,
      edge: lab.edgeOrigin,
      shop: lab.shopOrigin,
      other: lab.otherOrigin,
      otherHttps: lab.otherHttpsOrigin,
    };
    for (const p of LAB_SECTIONS.flatMap((s) => s.pages)) {
      const r = await labRequest(origins[p.origin] + p.path);
      if (p.path.startsWith('/redirect/')) {
        expect(r.status, p.path).toBe(301);
        continue;
      }
      expect(r.status, p.path).toBe(200);
      if (!p.path.startsWith('/__lab/')) expect(r.body, p.path).toContain('What to look for in Cache Lens');
    }
  });

  it('runs the redirect chain 301 → 302 → 307 → 308', async () => {
    const statuses: number[] = [];
    let url = `${lab.httpOrigin}/redirect/chain`;
    for (let i = 0; i < 6; i++) {
      const r = await labRequest(url);
      statuses.push(r.status);
      if (!r.headers.location) break;
      url = new URL(r.headers.location, url).href;
    }
    expect(statuses).toEqual([301, 302, 307, 308, 200]);
  });
});

// Every edge implementation available here: normally varnish, nginx and the Node fallback.
describe.each(edgeCandidates())('edge cache: %s', (kind) => {
  let lab: Lab;
  beforeAll(async () => {
    const before = process.env.LAB_EDGE;
    process.env.LAB_EDGE = kind;
    try {
      lab = await startLab({ quiet: true });
    } finally {
      if (before === undefined) delete process.env.LAB_EDGE;
      else process.env.LAB_EDGE = before;
    }
  });
  afterAll(async () => {
    await (lab as Lab | undefined)?.close(); // unset when beforeAll failed
  });

  it(`runs ${kind}`, () => {
    expect(lab.edgeKind).toBe(kind);
  });

  it('misses, stores, then hits with Age and Cache-Status; the origin serves once', async () => {
    lab.resetCounts();
    const first = await labRequest(`${lab.edgeOrigin}/edge/cached`);
    expect(first.status).toBe(200);
    expect(first.headers['cache-status']).toMatch(/^lab-edge; fwd=(uri-)?miss/);
    expect(first.headers.via).toBeTruthy();
    expect(String(first.headers['x-lab-origin-saw-x-forwarded-for'])).toContain('127.0.0.1');
    await new Promise((r) => setTimeout(r, 1100));
    const second = await labRequest(`${lab.edgeOrigin}/edge/cached`);
    expect(second.headers['cache-status']).toMatch(/^lab-edge; hit/);
    if (kind !== 'nginx') expect(Number(second.headers.age)).toBeGreaterThanOrEqual(1); // nginx does not add Age
    expect(second.headers['x-lab-origin-time']).toBe(first.headers['x-lab-origin-time']);
    expect(lab.served('/edge/cached')).toBe(1);
  });

  it('never stores no-store, and bypasses for cookies', async () => {
    lab.resetCounts();
    await labRequest(`${lab.edgeOrigin}/edge/no-store`);
    const again = await labRequest(`${lab.edgeOrigin}/edge/no-store`);
    expect(again.headers['cache-status']).not.toMatch(/hit/);
    expect(lab.served('/edge/no-store')).toBe(2);
    const personal = await labRequest(`${lab.edgeOrigin}/edge/personal`, { headers: { cookie: 'personal=2' } });
    expect(personal.headers['cache-status']).toMatch(/fwd=bypass/);
    expect(personal.body).toContain('visited this page 3 time');
  });

  it('keeps one copy per Accept-Language (Vary)', async () => {
    const en = await labRequest(`${lab.edgeOrigin}/edge/res/vary.json`, { headers: { 'accept-language': 'en' } });
    const fr = await labRequest(`${lab.edgeOrigin}/edge/res/vary.json`, { headers: { 'accept-language': 'fr' } });
    const en2 = await labRequest(`${lab.edgeOrigin}/edge/res/vary.json`, { headers: { 'accept-language': 'en' } });
    expect((JSON.parse(fr.body) as { greeting: unknown }).greeting).toBe('Bonjour');
    expect(fr.headers['cache-status']).not.toMatch(/hit/);
    expect((JSON.parse(en2.body) as { greeting: unknown }).greeting).toBe('Hello');
    expect(en2.headers['cache-status']).toMatch(/hit/);
    expect(en2.body).toBe(en.body);
  });

  it('closes cleanly: no port left listening', async () => {
    const ports = Object.values(lab.ports);
    await lab.close();
    for (const p of ports) expect(await portClosed(p)).toBe(true);
  });
});

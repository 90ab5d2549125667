// Fallback edge cache when neither Varnish nor nginx is installed: a small shared cache in memory.
// It follows the parts of RFC 9111 the lab needs: s-maxage over max-age over Expires, no-store/private/
// no-cache/Set-Cookie not stored, Vary on request headers, stale-while-revalidate, and Age on hits.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EDGE_NAME, type Edge } from './edge.js';

interface StoredResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  storedAt: number; // ms
  lifetime: number; // s
  swr: number; // s
  varyValues: Record<string, string>;
}

function directives(cc: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (cc ?? '').split(',')) {
    const [k, v] = part.trim().split('=');
    if (k) out.set(k.toLowerCase(), (v ?? '').replace(/"/g, ''));
  }
  return out;
}

function lifetimeOf(headers: IncomingHttpHeaders): number {
  const cc = directives(headers['cache-control']);
  if (cc.has('s-maxage')) return Number(cc.get('s-maxage')) || 0;
  if (cc.has('max-age')) return Number(cc.get('max-age')) || 0;
  if (headers.expires) {
    const exp = Date.parse(headers.expires);
    const date = Date.parse(headers.date ?? '') || Date.now();
    return Number.isNaN(exp) ? 0 : Math.max(0, Math.round((exp - date) / 1000));
  }
  return 0;
}

function storable(method: string, status: number, headers: IncomingHttpHeaders): boolean {
  if (method !== 'GET') return false;
  if (![200, 203, 204, 300, 301, 308, 404, 410].includes(status)) return false;
  const cc = directives(headers['cache-control']);
  if (cc.has('no-store') || cc.has('private') || cc.has('no-cache')) return false;
  if (headers['set-cookie']) return false;
  if (headers.vary?.includes('*')) return false;
  return lifetimeOf(headers) > 0;
}

export async function startNodeEdge(originPort: number, port: number): Promise<Edge> {
  const store = new Map<string, StoredResponse[]>();
  const server = createServer((req, res) => {
    const key = `${req.headers.host}${req.url}`;
    const personal = (req.url ?? '').startsWith('/edge/personal');
    if (!personal) delete req.headers.cookie;
    const bypass = (personal && !!req.headers.cookie) || (req.url ?? '').startsWith('/__lab/');
    const now = Date.now();
    const candidates = bypass ? [] : (store.get(key) ?? []);
    const match = candidates.find((c) => Object.entries(c.varyValues).every(([h, v]) => (req.headers[h] ?? '') === v));
    const send = (r: StoredResponse, cacheStatus: string, age: number) => {
      const headers = { ...r.headers, age: String(age), 'cache-status': cacheStatus };
      headers.via = [r.headers.via, '1.1 lab-edge (node)'].filter(Boolean).join(', ');
      res.writeHead(r.status, headers);
      res.end(req.method === 'HEAD' ? undefined : r.body);
    };
    if (match && req.method === 'GET') {
      const age = Math.floor((now - match.storedAt) / 1000);
      const ttl = match.lifetime - age;
      if (ttl > 0) {
        send(match, `${EDGE_NAME}; hit; ttl=${ttl}`, age);
        return;
      }
      if (-ttl <= match.swr) {
        send(match, `${EDGE_NAME}; hit; ttl=${ttl}; detail=stale-while-revalidate`, age);
        forward(() => undefined, true);
        return;
      }
    }
    forward((up, body) => {
      const stored = !bypass && storable(req.method ?? 'GET', up.statusCode ?? 0, up.headers);
      const entry: StoredResponse = {
        status: up.statusCode ?? 502,
        headers: up.headers,
        body,
        storedAt: Date.now(),
        lifetime: lifetimeOf(up.headers),
        swr: Number(directives(up.headers['cache-control']).get('stale-while-revalidate')) || 0,
        varyValues: {},
      };
      const status = bypass
        ? `${EDGE_NAME}; fwd=bypass`
        : `${EDGE_NAME}; fwd=${match ? 'stale' : 'uri-miss'}${stored ? `; stored; ttl=${entry.lifetime}` : '; detail=not-storable'}`;
      send(entry, status, 0);
    }, false);

    function forward(done: (up: IncomingMessage, body: Buffer) => void, background: boolean) {
      const xff = [req.headers['x-forwarded-for'], req.socket.remoteAddress?.replace(/^::ffff:/, '')].filter(Boolean).join(', ');
      const headers: Record<string, string | string[] | undefined> = {
        ...req.headers,
        'x-forwarded-for': xff,
        'x-forwarded-proto': 'http',
        'x-forwarded-host': req.headers.host,
      };
      const up = httpRequest({ host: '127.0.0.1', port: originPort, method: req.method, path: req.url, headers }, (upRes) => {
        const chunks: Buffer[] = [];
        upRes.on('data', (c: Buffer) => chunks.push(c));
        upRes.on('end', () => {
          const body = Buffer.concat(chunks);
          if (!bypass && storable(req.method ?? 'GET', upRes.statusCode ?? 0, upRes.headers)) {
            const varyValues: Record<string, string> = {};
            for (const h of (upRes.headers.vary ?? '')
              .split(',')
              .map((s) => s.trim().toLowerCase())
              .filter(Boolean)) {
              varyValues[h] = (req.headers[h] as string | undefined) ?? '';
            }
            const entry: StoredResponse = {
              status: upRes.statusCode ?? 200,
              headers: upRes.headers,
              body,
              storedAt: Date.now(),
              lifetime: lifetimeOf(upRes.headers),
              swr: Number(directives(upRes.headers['cache-control']).get('stale-while-revalidate')) || 0,
              varyValues,
            };
            const others = (store.get(key) ?? []).filter((c) => !Object.entries(varyValues).every(([h, v]) => c.varyValues[h] === v));
            store.set(key, [...others, entry]);
          }
          done(upRes, body);
        });
      });
      up.on('error', (err) => {
        if (background) return;
        res.writeHead(502, { 'content-type': 'text/plain', 'cache-status': `${EDGE_NAME}; fwd=miss; detail=origin-error` });
        res.end(`lab edge: origin unreachable: ${err.message}`);
      });
      if (background) up.end();
      else req.pipe(up);
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    kind: 'node',
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

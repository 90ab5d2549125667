// The Cache Lens lab: an origin on http and https, and a real caching reverse proxy (the "edge") in front of it.
// Browsers reach it under *.test names mapped to loopback (Chromium: --host-resolver-rules="MAP *.test 127.0.0.1").
//
//   import { startLab } from '../lab/server';  const lab = await startLab();  ...  await lab.close();
//   npx tsx tests/lab/server.ts            # fixed ports 8080 (http), 8443 (https), 8081 (edge)
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { makeCertificate } from './cert.js';
import { startEdge, type EdgeKind } from './edge.js';
import { handleLabRequest, type LabOrigins } from './pages.js';
import { createMatrix, type Matrix } from './matrix.js';

export interface StartLabOptions {
  /** 0 (the default) picks a free port. */
  httpPort?: number;
  httpsPort?: number;
  edgePort?: number;
  quiet?: boolean;
}

export interface Lab {
  /** http://lab.test:PORT */
  httpOrigin: string;
  /** https://lab.test:PORT */
  httpsOrigin: string;
  /** http://edge.lab.test:PORT (the caching reverse proxy in front of httpOrigin) */
  edgeOrigin: string;
  /** http://shop.lab.test:PORT (same site, other host: Domain cookies) */
  shopOrigin: string;
  /** http://other.test:PORT (cross-site) */
  otherOrigin: string;
  /** https://other.test:PORT */
  otherHttpsOrigin: string;
  ports: { http: number; https: number; edge: number };
  /** Which proxy runs the edge: 'varnish', 'nginx' or 'node'. */
  edgeKind: EdgeKind;
  /** Requests the origin served (edge hits excluded, as are /__lab/* and /favicon.ico). Optional path prefix filter. */
  served(prefix?: string): number;
  /** Paths (with query) the origin served, oldest first. */
  servedPaths(): string[];
  resetCounts(): void;
  /** The cache matrix under /matrix/ (tests/lab/matrix.ts): its combinations and per-URL request log. */
  matrix: Matrix;
  close(): Promise<void>;
}

export const LAB_HOSTS = ['lab.test', 'shop.lab.test', 'edge.lab.test', 'other.test'];
/** Chromium flag that sends every *.test name to loopback. */
export const HOST_RESOLVER_RULES = 'MAP *.test 127.0.0.1';
export const DEFAULT_PORTS = { http: 8080, https: 8443, edge: 8081 };

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function freePort(): Promise<number> {
  const s = createHttpServer();
  const port = await listen(s, 0);
  await new Promise((r) => s.close(r));
  return port;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function uncounted(path: string): boolean {
  return path.startsWith('/__lab/') || path === '/favicon.ico';
}

export async function startLab(opts: StartLabOptions = {}): Promise<Lab> {
  const dir = mkdtempSync(join(tmpdir(), 'cache-lens-lab-'));
  // varnishd started as root drops to its own user, which must read the VCL here.
  chmodSync(dir, 0o755);
  const quiet = opts.quiet ?? false;
  const log: string[] = [];
  const origins: LabOrigins = { http: '', https: '', edge: '', shop: '', other: '', otherHttps: '' };
  const stats = () => ({ served: log.length, paths: log.slice(-200), edge: edgeKind, origins });
  let edgeKind: EdgeKind = 'node';
  const matrix = createMatrix();

  const handler = (secure: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    if (!uncounted(path)) log.push(path);
    try {
      if (matrix.handle(req, res, secure)) return;
      handleLabRequest(req, res, { secure, origins, stats, resetCounts: () => (log.length = 0) });
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`lab error: ${(err as Error).message}`);
    }
  };

  const cert = await makeCertificate(dir);
  const http = createHttpServer({ maxHeaderSize: 256 * 1024 }, handler(false));
  const https = createHttpsServer({ key: cert.key, cert: cert.cert, maxHeaderSize: 256 * 1024 }, handler(true));
  http.keepAliveTimeout = https.keepAliveTimeout = 2000;
  const httpPort = await listen(http, opts.httpPort ?? 0);
  const httpsPort = await listen(https, opts.httpsPort ?? 0);
  let edge;
  try {
    edge = await startEdge(httpPort, opts.edgePort ?? 0, dir, { quiet, freePort });
  } catch (e) {
    await Promise.all([closeServer(http), closeServer(https as unknown as Server)]);
    throw e;
  }
  edgeKind = edge.kind;
  Object.assign(origins, {
    http: `http://lab.test:${httpPort}`,
    https: `https://lab.test:${httpsPort}`,
    edge: `http://edge.lab.test:${edge.port}`,
    shop: `http://shop.lab.test:${httpPort}`,
    other: `http://other.test:${httpPort}`,
    otherHttps: `https://other.test:${httpsPort}`,
  });

  let closed = false;
  return {
    httpOrigin: origins.http,
    httpsOrigin: origins.https,
    edgeOrigin: origins.edge,
    shopOrigin: origins.shop,
    otherOrigin: origins.other,
    otherHttpsOrigin: origins.otherHttps,
    ports: { http: httpPort, https: httpsPort, edge: edge.port },
    edgeKind: edge.kind,
    served: (prefix?: string) => (prefix ? log.filter((p) => p.startsWith(prefix)).length : log.length),
    servedPaths: () => log.slice(),
    resetCounts: () => {
      log.length = 0;
    },
    matrix,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([edge.close(), closeServer(http), closeServer(https as unknown as Server)]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function describeLab(lab: Lab): string {
  return [
    `Cache Lens lab (edge cache: ${lab.edgeKind})`,
    `  index        ${lab.httpOrigin}/`,
    `  https        ${lab.httpsOrigin}/`,
    `  edge cache   ${lab.edgeOrigin}/edge/`,
    `  same site    ${lab.shopOrigin}/`,
    `  cross-site   ${lab.otherOrigin}/`,
    `Browsers must map *.test to 127.0.0.1, e.g. chromium --host-resolver-rules="${HOST_RESOLVER_RULES}" --ignore-certificate-errors`,
  ].join('\n');
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const env = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
  const lab = await startLab({
    httpPort: env('LAB_HTTP_PORT', DEFAULT_PORTS.http),
    httpsPort: env('LAB_HTTPS_PORT', DEFAULT_PORTS.https),
    edgePort: env('LAB_EDGE_PORT', DEFAULT_PORTS.edge),
  });
  console.log(describeLab(lab));
  const stop = async () => {
    await lab.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

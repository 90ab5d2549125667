// The lab's edge cache: a real caching reverse proxy in front of the lab origin.
// Preference: Varnish (adds Age itself), then nginx proxy_cache, then a small caching proxy written here.
// LAB_EDGE=varnish|nginx|node forces one.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import { startNodeEdge } from './node-edge.js';

export type EdgeKind = 'varnish' | 'nginx' | 'node';

export interface Edge {
  kind: EdgeKind;
  port: number;
  /** Where its logs went (varnish/nginx), for debugging. */
  logFile?: string;
  close(): Promise<void>;
}

/** RFC 9211 cache name the edge uses in Cache-Status. */
export const EDGE_NAME = 'lab-edge';

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A crashed test must not leave varnishd/nginx behind.
    process.once('exit', () => {
      for (const c of live) c.kill('SIGTERM');
    });
  }
}

function which(bin: string, extra: string[] = []): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin', ...extra]) {
    if (dir && existsSync(join(dir, bin))) return join(dir, bin);
  }
  return null;
}

function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    let exited = false;
    const onExit = (code: number | null) => {
      exited = true;
      reject(new Error(`edge process exited early (code ${code})`));
    };
    child.once('exit', onExit);
    const attempt = () => {
      if (exited) return;
      const sock = createConnection({ host: '127.0.0.1', port });
      sock.once('connect', () => {
        sock.destroy();
        child.off('exit', onExit);
        resolve();
      });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() > deadline) {
          child.off('exit', onExit);
          reject(new Error(`edge did not listen on ${port} within ${timeoutMs} ms`));
        } else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

// ---------------------------------------------------------------- Varnish
// Varnish honours s-maxage/max-age/Expires, stale-while-revalidate (as grace) and adds Age, Via and
// X-Forwarded-For natively. The VCL below adds Cache-Status (RFC 9211) and X-Forwarded-Proto/Host.
function varnishVcl(originPort: number): string {
  return `vcl 4.1;
import std;

backend origin { .host = "127.0.0.1"; .port = "${originPort}"; }

sub vcl_recv {
  # Cookies with Domain=lab.test also reach edge.lab.test, and stock Varnish passes every request that
  # carries a Cookie. Keep cookies only where the lab shows that effect (/edge/personal).
  if (req.url !~ "^/edge/personal") { unset req.http.Cookie; }
  if (req.url ~ "^/__lab/" || req.http.Cookie || req.http.Authorization) {
    set req.http.X-Lab-Edge-Pass = "1";
    return (pass);
  }
}

sub vcl_backend_fetch {
  set bereq.http.X-Forwarded-Proto = "http";
  set bereq.http.X-Forwarded-Host = bereq.http.Host;
  unset bereq.http.X-Lab-Edge-Pass;
}

sub vcl_backend_response {
  # Same rules as Varnish's builtin VCL, but remembering whether the response was stored.
  if (bereq.uncacheable) {
    set beresp.http.X-Lab-Edge-Stored = "0";
    return (deliver);
  }
  if (beresp.ttl <= 0s || beresp.http.Set-Cookie || beresp.http.Vary == "*" ||
      beresp.http.Cache-Control ~ "(?i)(no-cache|no-store|private)") {
    set beresp.http.X-Lab-Edge-Stored = "0";
    set beresp.ttl = 120s;
    set beresp.uncacheable = true;
    return (deliver);
  }
  set beresp.http.X-Lab-Edge-Stored = "1";
  return (deliver);
}

sub vcl_deliver {
  if (req.http.X-Lab-Edge-Pass) {
    set resp.http.Cache-Status = "${EDGE_NAME}; fwd=bypass";
  } elsif (obj.hits > 0) {
    set resp.http.Cache-Status = "${EDGE_NAME}; hit; ttl=" + std.integer(duration=obj.ttl, fallback=0);
  } elsif (resp.http.X-Lab-Edge-Stored == "1") {
    set resp.http.Cache-Status = "${EDGE_NAME}; fwd=uri-miss; stored; ttl=" + std.integer(duration=obj.ttl, fallback=0);
  } else {
    set resp.http.Cache-Status = "${EDGE_NAME}; fwd=miss; detail=not-storable";
  }
  unset resp.http.X-Lab-Edge-Stored;
}
`;
}

async function startVarnish(originPort: number, port: number, dir: string, quiet: boolean): Promise<Edge> {
  const bin = which('varnishd');
  if (!bin) throw new Error('varnishd not found');
  const vcl = join(dir, 'lab.vcl');
  writeFileSync(vcl, varnishVcl(originPort));
  const logFile = join(dir, 'varnish.log');
  const child = spawn(
    bin,
    [
      '-F',
      '-a',
      `127.0.0.1:${port}`,
      '-f',
      vcl,
      '-n',
      join(dir, 'varnish'),
      '-s',
      'malloc,64m',
      '-p',
      'default_grace=0',
      '-p',
      'default_ttl=120',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  track(child);
  let log = '';
  let closing = false;
  const collect = (b: Buffer) => {
    log += b.toString();
    if (!quiet && !closing && /Error/.test(b.toString())) process.stderr.write(`[varnish] ${b.toString()}`);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  try {
    await waitForPort(port, child, 20000);
  } catch (e) {
    await stopChild(child);
    writeFileSync(logFile, log);
    throw new Error(`${(e as Error).message}: ${log.slice(-800)}`);
  }
  return {
    kind: 'varnish',
    port,
    logFile,
    async close() {
      closing = true;
      await stopChild(child);
      writeFileSync(logFile, log);
    },
  };
}

// ---------------------------------------------------------------- nginx
// nginx does not add Age to cached responses (no module for it), so the nginx edge has no Age header.
function nginxConf(originPort: number, port: number, dir: string): string {
  const root = process.getuid?.() === 0 ? 'user root root;\n' : '';
  return `${root}daemon off;
master_process on;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=labedge:10m max_size=200m inactive=30m use_temp_path=off;
  map $upstream_cache_status $lab_cache_status {
    HIT         "${EDGE_NAME}; hit";
    STALE       "${EDGE_NAME}; hit; detail=stale";
    UPDATING    "${EDGE_NAME}; hit; detail=stale-updating";
    REVALIDATED "${EDGE_NAME}; fwd=stale; fwd-status=304";
    EXPIRED     "${EDGE_NAME}; fwd=stale";
    MISS        "${EDGE_NAME}; fwd=uri-miss";
    BYPASS      "${EDGE_NAME}; fwd=bypass";
    default     "${EDGE_NAME}; fwd=bypass";
  }
  map $request_uri $lab_cookie {
    ~^/edge/personal $http_cookie;
    default "";
  }
  server {
    listen 127.0.0.1:${port};
    location /__lab/ {
      proxy_pass http://127.0.0.1:${originPort};
      proxy_set_header Host $http_host;
    }
    location / {
      proxy_pass http://127.0.0.1:${originPort};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header Cookie $lab_cookie;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_cache labedge;
      proxy_cache_key $scheme$http_host$request_uri;
      proxy_cache_bypass $lab_cookie;
      proxy_no_cache $lab_cookie;
      proxy_cache_revalidate on;
      proxy_cache_background_update on;
      proxy_cache_use_stale updating error timeout;
      add_header Via "1.1 lab-edge (nginx)" always;
      add_header Cache-Status $lab_cache_status always;
    }
  }
}
`;
}

async function startNginx(originPort: number, port: number, dir: string, quiet: boolean): Promise<Edge> {
  const bin = which('nginx');
  if (!bin) throw new Error('nginx not found');
  const ndir = join(dir, 'nginx');
  mkdirSync(ndir, { recursive: true });
  const conf = join(ndir, 'nginx.conf');
  writeFileSync(conf, nginxConf(originPort, port, ndir));
  const child = spawn(bin, ['-p', ndir, '-c', conf, '-e', join(ndir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  track(child);
  let log = '';
  child.stderr.on('data', (b: Buffer) => {
    log += b.toString();
    if (!quiet) process.stderr.write(`[nginx] ${b.toString()}`);
  });
  const logFile = join(ndir, 'error.log');
  try {
    await waitForPort(port, child, 10000);
  } catch (e) {
    await stopChild(child);
    const errLog = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    throw new Error(`${(e as Error).message}: ${log}${errLog}`.slice(0, 1500));
  }
  return { kind: 'nginx', port, logFile, close: () => stopChild(child, 'SIGTERM') };
}

/** Which edge startEdge would try first, given what is installed. */
export function edgeCandidates(): EdgeKind[] {
  const forced = process.env.LAB_EDGE as EdgeKind | undefined;
  if (forced === 'varnish' || forced === 'nginx' || forced === 'node') return [forced];
  const kinds: EdgeKind[] = [];
  // Varnish compiles its VCL with a C compiler.
  if (which('varnishd') && spawnSync('cc', ['--version'], { stdio: 'ignore' }).status === 0) kinds.push('varnish');
  if (which('nginx')) kinds.push('nginx');
  kinds.push('node');
  return kinds;
}

export async function startEdge(
  originPort: number,
  port: number,
  dir: string,
  opts: { quiet?: boolean; freePort: () => Promise<number> },
): Promise<Edge> {
  const errors: string[] = [];
  for (const kind of edgeCandidates()) {
    try {
      // Varnish and nginx need a concrete port; pick one now if the caller asked for "any".
      const p = port || (kind === 'node' ? 0 : await opts.freePort());
      if (kind === 'varnish') return await startVarnish(originPort, p, dir, !!opts.quiet);
      if (kind === 'nginx') return await startNginx(originPort, p, dir, !!opts.quiet);
      return await startNodeEdge(originPort, p);
    } catch (e) {
      errors.push(`${kind}: ${(e as Error).message}`);
      if (!opts.quiet) process.stderr.write(`[lab] edge ${kind} failed, trying the next one: ${(e as Error).message}\n`);
    }
  }
  throw new Error(`no edge cache could start:\n${errors.join('\n')}`);
}

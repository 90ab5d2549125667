/**
 * npx tsx tests/world/snippets/run.ts        (VERBOSE=1 prints every check)
 *
 * Every configuration snippet in src/core/fixes/snippets.ts, checked by the real thing:
 * - nginx: each snippet alone in a minimal config passes `nginx -t`; then one nginx with every snippet in its own
 *   location, in front of a backend that sends the bad response, is asked for each, and the headers that arrive
 *   must be the table's `header` (exactly once), without its `removes`, every cookie given the attribute once.
 * - Apache httpd: the same with `apache2 -t` and a running httpd (mod_headers, mod_proxy).
 * - Caddy: the same with `caddy validate` and a running `caddy run`.
 * - Express: each snippet mounted in an app on 127.0.0.1:0, the headers it sends read back.
 * - Cloudflare Workers: each Worker module run under Node's fetch/Response (the Workers APIs they use), against
 *   the same backend. Transform Rule descriptions are checked against `header`/`removes` (they cannot be run here).
 * Nothing listens beyond 127.0.0.1; configs, pids and logs live in a temp dir. A missing server binary is said on a
 * FIGURE line ("SKIPPED") rather than passed. Prints `snippets-<server>: N passed, N failed` per server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { FIX_SNIPPETS } from '../../../src/core/fixes/snippets';
import type { FixSnippets } from '../../../src/core/types';

const VERBOSE = !!process.env.VERBOSE;
// Debian installs nginx and apache2 in /usr/sbin, which is not on an ordinary user's PATH.
process.env.PATH = `${process.env.PATH ?? ''}:/usr/sbin:/sbin`;
const root = mkdtempSync(join(tmpdir(), 'cache-lens-snippets-'));
chmodSync(root, 0o755); // nginx and httpd workers run as another user when started as root
const www = join(root, 'www');
mkdirSync(www);
writeFileSync(join(www, 'app.js'), 'console.log("hello");\n');
// An hour old: httpd makes the ETag of a file modified within the last second weak (it could change again in it).
utimesSync(join(www, 'app.js'), new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));

// ------------------------------------------------------------------------------------------------ the bad response

const BAD_COOKIES = ['sid=abc; Path=/', 'pref=1; Path=/; Secure; HttpOnly; SameSite=Strict'];
const BAD_FIELDS: Array<[string, string]> = [
  ['Cache-Control', 'public, max-age=600'],
  ['Pragma', 'no-cache'],
  ['Expires', 'Thu, 01 Jan 1970 00:00:00 GMT'],
  ['Age', '5'],
  ['Vary', 'User-Agent, Cookie'],
  ['Forwarded', 'for=10.0.0.1;proto=http'],
  ['X-Forwarded-For', '10.0.0.1'],
  ['X-Forwarded-Proto', 'http'],
  ['X-Forwarded-Host', 'internal.example'],
  ['X-Real-IP', '10.0.0.1'],
];

function backend(): Promise<Server> {
  const s = createServer((_req, res) => {
    for (const [n, v] of BAD_FIELDS) res.setHeader(n, v);
    res.setHeader('Set-Cookie', BAD_COOKIES);
    res.setHeader('Content-Type', 'text/plain');
    res.end('hello\n');
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

const port = (s: { address(): string | AddressInfo | null }) => (s.address() as AddressInfo).port;

function freePort(): Promise<number> {
  const s = createServer();
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () => {
      const p = port(s);
      s.close(() => resolve(p));
    }),
  );
}

interface Got {
  status: number;
  headers: IncomingHttpHeaders;
  raw: string[];
}

function get(url: string): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: res.rawHeaders }));
    });
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** Every value of a field as sent (rawHeaders keeps duplicates). */
function values(got: Got, name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < got.raw.length; i += 2) if (got.raw[i]!.toLowerCase() === name.toLowerCase()) out.push(got.raw[i + 1]!); // rawHeaders: name, value pairs
  return out;
}

// ------------------------------------------------------------------------------------------------ what must arrive

function isValidatorFix(s: FixSnippets): boolean {
  return s.header.startsWith('ETag:');
}

function cookieAttr(s: FixSnippets): string | null {
  const m = /^Set-Cookie: <name>=<value>; (.+)$/.exec(s.header);
  return m ? m[1]! : null;
}

function attrName(a: string): string {
  return a.split('=')[0]!.trim().toLowerCase();
}

function attrs(cookie: string): string[] {
  return cookie
    .split(';')
    .slice(1)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * The problems with a response, against the table entry. `baseline` is the same response without the snippet: a
 * cookie that lacked the attribute must gain exactly it; one that had it must keep its own (same attributes).
 */
function judge(s: FixSnippets, got: Got, baseline: Got | null): string[] {
  const problems: string[] = [];
  if (got.status !== 200) problems.push(`status ${got.status}`);
  const attr = cookieAttr(s);
  if (attr) {
    const want = attrName(attr);
    const before = baseline ? values(baseline, 'set-cookie') : BAD_COOKIES;
    const after = values(got, 'set-cookie');
    if (after.length !== before.length) problems.push(`${after.length} Set-Cookie lines, ${before.length} before`);
    for (let i = 0; i < Math.min(before.length, after.length); i++) {
      const was = before[i]!; // i < both lengths
      const now = after[i]!;
      const had = attrs(was).some((a) => attrName(a) === want);
      const a = attrs(now);
      const expected = had ? attrs(was) : [...attrs(was), attr];
      const norm = (l: string[]) =>
        l
          .map((x) => x.toLowerCase().replace(/\s+/g, ''))
          .sort()
          .join(';');
      if (now.split(';')[0] !== was.split(';')[0] || norm(a) !== norm(expected)) problems.push(`Set-Cookie "${now}" (was "${was}")`);
    }
    if (!before.some((c) => !attrs(c).some((a) => attrName(a) === want)))
      problems.push('the baseline already had the attribute everywhere: nothing was tested');
    return problems;
  }
  if (isValidatorFix(s)) {
    const etag = values(got, 'etag');
    if (etag.length !== 1 || !/^"[^"]*"$/.test(etag[0]!)) problems.push(`ETag ${JSON.stringify(etag)} (want one strong ETag)`);
    return problems;
  }
  for (const line of s.header ? s.header.split('\n') : []) {
    const i = line.indexOf(': ');
    const [name, value] = [line.slice(0, i), line.slice(i + 2)];
    const v = values(got, name);
    if (v.length !== 1 || v[0] !== value) problems.push(`${name} ${JSON.stringify(v)} (want "${value}")`);
  }
  for (const name of s.removes ?? []) {
    const v = values(got, name);
    if (v.length) problems.push(`${name} still sent: ${JSON.stringify(v)}`);
  }
  return problems;
}

// ------------------------------------------------------------------------------------------------ running servers

function waitForPort(p: number, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 8000;
  return new Promise((resolve, reject) => {
    const tryOnce = () => {
      if (child.exitCode !== null) {
        reject(new Error(`exited with ${child.exitCode}: ${log()}`));
        return;
      }
      get(`http://127.0.0.1:${p}/`).then(
        () => resolve(),
        () => (Date.now() > until ? reject(new Error(`did not listen on ${p}: ${log()}`)) : setTimeout(tryOnce, 100)),
      );
    };
    tryOnce();
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

const ids = Object.keys(FIX_SNIPPETS).sort();
/** The snippets of a catalogue id (ids come from FIX_SNIPPETS itself). */
function snippet(id: string): FixSnippets {
  const s = FIX_SNIPPETS[id];
  if (!s) throw new Error(`no fix snippets for ${id}`);
  return s;
}
const slug = (id: string) => id.replace(/[^a-z0-9-]/g, '');

interface ServerKit {
  name: 'nginx' | 'apache' | 'caddy';
  binary: string;
  /** A whole config with the given locations (id → snippet code). */
  config(listen: number, backendPort: number, entries: Array<[string, string, boolean]>): string;
  file: string;
  check(file: string): { ok: boolean; out: string };
  start(file: string): ChildProcess;
}

function indent(code: string, pad: string): string {
  return code
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const NGINX: ServerKit = {
  name: 'nginx',
  binary: 'nginx',
  file: join(root, 'nginx', 'nginx.conf'),
  config(listen, b, entries) {
    const dir = join(root, 'nginx');
    const locations = entries.map(([id, code, files]) =>
      files
        ? `    location /s/${slug(id)}/ {\n      alias ${www}/;\n${indent(code, '      ')}\n    }`
        : `    location /s/${slug(id)}/ {\n      proxy_pass http://127.0.0.1:${b}/;\n${indent(code, '      ')}\n    }`,
    );
    return [
      'daemon off;',
      'worker_processes 1;',
      ...(isRoot ? ['user root;'] : []),
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 64; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
      '  server {',
      `    listen 127.0.0.1:${listen};`,
      '    location = / { return 204; }',
      ...locations,
      '  }',
      '}',
      '',
    ].join('\n');
  },
  check(file) {
    // -e: nginx opens its error log before reading the config; the built-in path needs root.
    const r = spawnSync('nginx', ['-t', '-q', '-e', join(root, 'nginx', 'error.log'), '-p', join(root, 'nginx'), '-c', file], {
      encoding: 'utf8',
    });
    return { ok: r.status === 0, out: `${r.stdout}${r.stderr}`.trim() };
  },
  start(file) {
    return spawn('nginx', ['-e', join(root, 'nginx', 'error.log'), '-p', join(root, 'nginx'), '-c', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  },
};

const APACHE_MODULES = ['mpm_event', 'authz_core', 'headers', 'proxy', 'proxy_http', 'alias'];

const APACHE: ServerKit = {
  name: 'apache',
  binary: 'apache2',
  file: join(root, 'apache', 'httpd.conf'),
  config(listen, b, entries) {
    const dir = join(root, 'apache');
    const locations = entries.map(([id, code, files]) =>
      files
        ? `Alias /s/${slug(id)}/ ${www}/\n<Location /s/${slug(id)}/>\n${indent(code, '  ')}\n</Location>`
        : `<Location /s/${slug(id)}/>\n  ProxyPass http://127.0.0.1:${b}/\n${indent(code, '  ')}\n</Location>`,
    );
    return [
      'ServerRoot /usr/lib/apache2',
      'ServerName 127.0.0.1',
      `Listen 127.0.0.1:${listen}`,
      `PidFile ${dir}/httpd.pid`,
      `DefaultRuntimeDir ${dir}`,
      `ErrorLog ${dir}/error.log`,
      'LogLevel warn',
      ...APACHE_MODULES.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`),
      ...(isRoot ? ['User www-data', 'Group www-data'] : []),
      `DocumentRoot ${www}`,
      `<Directory ${www}>\n  Require all granted\n</Directory>`,
      ...locations,
      '',
    ].join('\n');
  },
  check(file) {
    const r = spawnSync('apache2', ['-t', '-f', file], { encoding: 'utf8' });
    return { ok: r.status === 0, out: `${r.stdout}${r.stderr}`.trim() };
  },
  start(file) {
    return spawn('apache2', ['-f', file, '-DFOREGROUND'], { stdio: ['ignore', 'pipe', 'pipe'] });
  },
};

const CADDY_ENV = {
  ...process.env,
  XDG_DATA_HOME: join(root, 'caddy', 'data'),
  XDG_CONFIG_HOME: join(root, 'caddy', 'config'),
  HOME: join(root, 'caddy'),
};

const CADDY: ServerKit = {
  name: 'caddy',
  binary: 'caddy',
  file: join(root, 'caddy', 'Caddyfile'),
  config(listen, b, entries) {
    const routes = entries.map(([id, code, files]) =>
      files
        ? `\thandle_path /s/${slug(id)}/* {\n\t\troot * ${www}\n${indent(code, '\t\t')}\n\t}`
        : `\thandle_path /s/${slug(id)}/* {\n${indent(code, '\t\t')}\n\t\treverse_proxy 127.0.0.1:${b}\n\t}`,
    );
    return ['{\n\tadmin off\n\tauto_https off\n}', `http://127.0.0.1:${listen} {`, '\trespond / 204', ...routes, '}', ''].join('\n');
  },
  check(file) {
    const r = spawnSync('caddy', ['validate', '--config', file, '--adapter', 'caddyfile'], { encoding: 'utf8', env: CADDY_ENV });
    return {
      ok: r.status === 0,
      out: `${r.stdout}${r.stderr}`
        .split('\n')
        .filter((l) => !/"level":"info"/.test(l))
        .join('\n')
        .trim(),
    };
  },
  start(file) {
    return spawn('caddy', ['run', '--config', file, '--adapter', 'caddyfile'], { stdio: ['ignore', 'pipe', 'pipe'], env: CADDY_ENV });
  },
};

interface Tally {
  passed: number;
  failed: number;
  skipped?: string;
}

function report(label: string, t: Tally, detail: string) {
  if (t.skipped) console.log(`FIGURE snippets-${label}: SKIPPED, ${t.skipped}`);
  else {
    console.log(`snippets-${label}: ${t.passed} passed, ${t.failed} failed`);
    console.log(`FIGURE snippets-${label}: ${detail}`);
  }
}

function fail(label: string, id: string, why: string) {
  console.log(`FAIL ${label} ${id}: ${why}`);
}

async function runServer(kit: ServerKit, backendPort: number): Promise<Tally> {
  const entries = ids
    .filter((id) => snippet(id)[kit.name]) // <name>: the one blank a snippet may leave the developer (nginx names cookies one by one); here, the cookie the
    // backend sets without the attribute.
    .map((id): [string, string, boolean] => [id, snippet(id)[kit.name]!.code.replaceAll('<name>', 'sid'), isValidatorFix(snippet(id))]);
  if (!has(kit.binary))
    return {
      passed: 0,
      failed: 0,
      skipped: `${kit.binary} is not installed (apt-get install ${kit.binary}); ${entries.length} snippets not checked`,
    };
  mkdirSync(join(root, kit.name), { recursive: true });
  const t: Tally = { passed: 0, failed: 0 };
  // 1. Each snippet alone, through the server's own config check.
  const valid: Array<[string, string, boolean]> = [];
  for (const e of entries) {
    const file = join(root, kit.name, `check-${slug(e[0])}.conf`);
    writeFileSync(file, kit.config(await freePort(), backendPort, [e]));
    const r = kit.check(file);
    if (r.ok) valid.push(e);
    else {
      t.failed++;
      fail(kit.name, e[0], `config check: ${r.out}`);
    }
  }
  // 2. All valid snippets in one running server, each asked once, plus a baseline location without a snippet.
  const listen = await freePort();
  writeFileSync(kit.file, kit.config(listen, backendPort, [['baseline', '', false], ...valid]));
  let log = '';
  const child = kit.start(kit.file);
  child.stdout?.on('data', (d: Buffer) => (log += String(d)));
  child.stderr?.on('data', (d: Buffer) => (log += String(d)));
  try {
    await waitForPort(listen, child, () => log.slice(-2000));
    const baseline = await get(`http://127.0.0.1:${listen}/s/baseline/`);
    for (const [id, , files] of valid) {
      const s = snippet(id);
      const got = await get(`http://127.0.0.1:${listen}/s/${slug(id)}/${files ? 'app.js' : ''}`);
      const problems = judge(s, got, files ? null : baseline);
      if (problems.length) {
        t.failed++;
        fail(kit.name, id, problems.join('; '));
      } else {
        t.passed++;
        if (VERBOSE) console.log(`ok ${kit.name} ${id}`);
      }
    }
  } catch (e) {
    t.failed += valid.length;
    fail(kit.name, '(server)', (e as Error).message);
  } finally {
    await stop(child);
  }
  return t;
}

/** A snippet's own code as a function of `params`, as the Function constructor makes it (global scope, sloppy mode). */
function snippetFunction(params: string[], body: string): (...args: unknown[]) => unknown {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the snippet's code is what this suite checks
  return new Function(...params, body) as (...args: unknown[]) => unknown;
}

async function runExpress(): Promise<Tally> {
  const t: Tally = { passed: 0, failed: 0 };
  const route = (_req: express.Request, res: express.Response) => {
    res.cookie('sid', 'abc', { path: '/' });
    res.cookie('pref', '1', { path: '/', secure: true, httpOnly: true, sameSite: 'strict' });
    res.send('hello\n');
  };
  const serve = async (mount: (app: express.Express) => void) => {
    const app = express();
    mount(app);
    app.get('/', route);
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      return await get(`http://127.0.0.1:${port(server)}/`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  };
  const baseline = await serve(() => {});
  for (const id of ids) {
    const s = snippet(id);
    if (!s.express) continue;
    try {
      const got = await serve((app) => snippetFunction(['app'], s.express!.code)(app));
      const problems = judge(s, got, baseline);
      if (problems.length) {
        t.failed++;
        fail('express', id, problems.join('; '));
      } else t.passed++;
    } catch (e) {
      t.failed++;
      fail('express', id, (e as Error).message);
    }
  }
  return t;
}

async function runWorkers(backendPort: number): Promise<Tally & { described: number; workers: number }> {
  const t = { passed: 0, failed: 0, described: 0, workers: 0 };
  for (const id of ids) {
    const s = snippet(id);
    const cf = s.cloudflare;
    if (!cf) continue;
    if (cf.kind === 'worker') {
      t.workers++;
      try {
        const worker = snippetFunction([], cf.code.replace(/^export default /m, 'return '))() as {
          fetch(r: Request): Promise<Response>;
        };
        const res = await worker.fetch(new Request(`http://127.0.0.1:${backendPort}/`));
        const raw: string[] = [];
        res.headers.forEach((v, n) => {
          if (n !== 'set-cookie') raw.push(n, v);
        });
        for (const c of res.headers.getSetCookie()) raw.push('set-cookie', c);
        await res.text();
        const problems = judge(s, { status: res.status, headers: {}, raw }, null);
        if (problems.length) {
          t.failed++;
          fail('cloudflare', id, problems.join('; '));
        } else t.passed++;
      } catch (e) {
        t.failed++;
        fail('cloudflare', id, (e as Error).message);
      }
    } else {
      // A description: its "Set static" and "Remove" lines must say what the table says.
      const sets = [...cf.code.matchAll(/^Set static: (.+?) = (.+)$/gm)].map((m) => `${m[1]}: ${m[2]}`).join('\n');
      const removes = [...cf.code.matchAll(/^Remove: (.+)$/gm)].map((m) => m[1]);
      if (sets === s.header && JSON.stringify(removes) === JSON.stringify(s.removes ?? [])) t.described++;
      else {
        t.failed++;
        fail('cloudflare', id, `the rule description disagrees with header/removes: ${cf.code}`);
      }
    }
  }
  return t;
}

(async () => {
  const b = await backend();
  let failed = 0;
  try {
    for (const kit of [NGINX, APACHE, CADDY]) {
      const t = await runServer(kit, port(b));
      failed += t.failed;
      const how =
        kit.name === 'nginx'
          ? 'nginx -t, then a request'
          : kit.name === 'apache'
            ? 'apache2 -t, then a request'
            : 'caddy validate, then a request';
      report(kit.name, t, `${t.passed + t.failed} snippets (${how}), ${t.failed} failed`);
    }
    const ex = await runExpress();
    failed += ex.failed;
    report(
      'express',
      ex,
      `${ex.passed + ex.failed} snippets mounted in Express ${(await import('express/package.json', { with: { type: 'json' } })).default.version}, ${ex.failed} failed`,
    );
    const cf = await runWorkers(port(b));
    failed += cf.failed;
    report(
      'cloudflare',
      cf,
      `${cf.workers} Workers run under Node's fetch/Response, ${cf.failed} failed; ${cf.described} Transform Rule descriptions matched to the table (not run: no Cloudflare here)`,
    );
  } finally {
    await new Promise((resolve) => b.close(resolve));
    if (!process.env.KEEP) rmSync(root, { recursive: true, force: true });
  }
  return failed;
})().then(
  (failed) => {
    process.exitCode = failed > 0 ? 1 : 0;
  },
  (e: unknown) => {
    console.log('snippets: 0 passed, 1 failed');
    console.log(`NOT RUN snippets: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 1;
  },
);

/**
 * npx tsx tests/world/cookies-common/chromium-replay.ts <cases.json> [out.tsv]
 *
 * Replays the http:// parse-then-send cases of a cookie-cases/1 file against the Chromium installed here, the
 * tie-breaker for the superseded lists. For each case, with a fresh profile and every host mapped to 127.0.0.1:
 * Chromium navigates to requestUrl; a raw TCP server on that URL's port answers the first request with the case's
 * Set-Cookie lines and a redirect to send.requestUrl, and answers the next one with a page showing the Cookie header
 * it carried. Writes one line per case: id, the case's expectation, Chromium's Cookie header (null for none).
 * Differences from the case: both steps are top-level navigations (the suites' same-site fetches and iframes behave
 * the same for cookies), and https cases are skipped (no certificate here). Not part of npm test.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/lib/chromium/chromium';
const run = promisify(execFile);

interface Case {
  id: string;
  requestUrl: string;
  setCookie: string[];
  send?: { requestUrl?: string };
  expect: { cookieHeader?: string | null; sent?: string[] };
}

let current: { setPath: string; lines: string[]; location: string; served: boolean } | null = null;

function serve(port: number): Promise<Server> {
  const server = createServer((socket) => {
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [requestLine, ...headers] = buf.subarray(0, end).toString('latin1').split('\r\n');
      const target = requestLine!.split(' ')[1] ?? '/'; // split() gives at least one part
      if (current && !current.served && target === current.setPath) {
        current.served = true;
        const out = ['HTTP/1.1 302 Found'];
        for (const l of current.lines) out.push(`Set-Cookie: ${Buffer.from(l, 'utf8').toString('latin1')}`);
        out.push(`Location: ${current.location}`, 'Content-Length: 0', 'Connection: close', '', '');
        socket.end(Buffer.from(out.join('\r\n'), 'latin1'));
        return;
      }
      const cookie = headers.find((l) => /^cookie:/i.test(l))?.replace(/^cookie:\s*/i, '');
      const shown = cookie === undefined ? '-' : Buffer.from(cookie, 'latin1').toString('hex');
      const body = `<!doctype html><pre id="c">${shown}</pre>`;
      socket.end(
        Buffer.from(
          `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
          'latin1',
        ),
      );
    });
    socket.on('error', () => {});
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function replay(c: Case): Promise<string> {
  const set = new URL(c.requestUrl);
  const location = new URL(c.send?.requestUrl ?? c.requestUrl, c.requestUrl).href;
  current = { setPath: set.pathname + set.search, lines: c.setCookie, location, served: false };
  const profile = mkdtempSync(join(tmpdir(), 'cl-chromium-'));
  try {
    const { stdout } = await run(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        `--user-data-dir=${profile}`,
        '--host-resolver-rules=MAP * 127.0.0.1',
        '--dump-dom',
        set.href,
      ],
      { encoding: 'utf8', timeout: 30_000, maxBuffer: 1 << 24 },
    );
    const m = /<pre id="c">(-|[0-9a-f]*)<\/pre>/.exec(stdout);
    if (!m) return '(no result page)';
    if (m[1] === '-' || m[1] === '') return 'null';
    return JSON.stringify(Buffer.from(m[1]!, 'hex').toString('utf8'));
  } catch (e) {
    return `(failed: ${(e as Error).message.split('\n')[0]})`;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [file, outFile] = process.argv.slice(2);
  if (!file) {
    console.error('usage: chromium-replay.ts <cases.json> [out.tsv]');
    process.exitCode = 2;
    return;
  }
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { cases: Array<Omit<Case, 'requestUrl'> & { requestUrl?: string }> };
  const cases = doc.cases.filter(
    (c): c is Case => c.requestUrl?.startsWith('http://') === true && (c.send?.requestUrl ?? c.requestUrl).startsWith('http://'),
  );
  const lines = [`chromium: ${execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim()}\tat ${Math.floor(Date.now() / 1000)}`];
  const servers = new Map<number, Server>();
  for (const c of cases) {
    const port = Number(new URL(c.requestUrl).port || 80);
    if (!servers.has(port)) servers.set(port, await serve(port));
    const expected = c.expect.cookieHeader !== undefined ? JSON.stringify(c.expect.cookieHeader) : JSON.stringify(c.expect.sent);
    const line = `${c.id}\tcase: ${expected}\tchromium: ${await replay(c)}`;
    lines.push(line);
    console.log(line.length > 300 ? `${line.slice(0, 300)}…` : line);
  }
  for (const s of servers.values()) s.close();
  if (outFile) writeFileSync(outFile, lines.join('\n') + '\n');
}

main().catch((e: unknown) => {
  console.error(`chromium-replay: ${(e as Error).message}`);
  process.exitCode = 1;
});

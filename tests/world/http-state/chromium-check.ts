/**
 * npx tsx tests/world/http-state/chromium-check.ts [test names...]   (default: every case on superseded.json)
 *
 * The tie-breaker for superseded.json: replays http-state tests against the Chromium installed here. A raw TCP
 * server on 127.0.0.1:8888 plays the suite's server (the -test file's lines as response headers, a redirect to the
 * Location or /cookie-parser-result?<name>), the result page shows the Cookie header it received, and headless
 * Chromium (fresh profile per test, every *.example.org host mapped to 127.0.0.1) loads the first URL and dumps the
 * page. Prints one line per test: name, the suite's expectation, Chromium's header. Not part of npm test: its
 * output for every test, saved as chromium-results.tsv, is what run.ts compares the engine with (FIGURE line).
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, 'vendor', 'tests', 'data', 'parser');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/lib/chromium/chromium';
const PORT = 8888;

const server = createServer((socket) => {
  let buf = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    const end = buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = buf.subarray(0, end).toString('latin1');
    const [requestLine, ...lines] = head.split('\r\n');
    const target = requestLine!.split(' ')[1] ?? '/'; // split() gives at least one part
    const query = target.includes('?') ? target.slice(target.indexOf('?') + 1) : '';
    const out: Buffer[] = [];
    if (target.startsWith('/cookie-parser?')) {
      let body: Buffer;
      try {
        body = readFileSync(join(dataDir, `${query}-test`));
      } catch {
        body = Buffer.alloc(0);
      }
      const text = body.toString('latin1');
      out.push(Buffer.from('HTTP/1.1 302 Found\r\n', 'latin1'));
      let hasLocation = false;
      for (const line of text.split('\n')) {
        if (line === '') continue;
        if (/^location:/i.test(line)) hasLocation = true;
        out.push(Buffer.from(`${line.replace(/\r$/, '')}\r\n`, 'latin1'));
      }
      if (!hasLocation) out.push(Buffer.from(`Location: /cookie-parser-result?${query}\r\n`, 'latin1'));
      out.push(Buffer.from('Content-Length: 0\r\nConnection: close\r\n\r\n', 'latin1'));
    } else {
      const cookie = lines.find((l) => /^cookie:/i.test(l))?.replace(/^cookie:\s*/i, '') ?? '';
      // Bytes as received (latin1 round-trip keeps UTF-8 cookies intact); hex so the page carries them verbatim.
      const body = `<!doctype html><pre id="c">${Buffer.from(cookie, 'latin1').toString('hex')}</pre>`;
      out.push(
        Buffer.from(
          `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
          'latin1',
        ),
      );
    }
    socket.end(Buffer.concat(out));
  });
  socket.on('error', () => {});
});

const run = promisify(execFile);

/** Asynchronous: the server above lives in this process and must keep answering while Chromium runs. */
async function runOne(name: string): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'cl-chromium-'));
  try {
    const { stdout: dom } = await run(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        `--user-data-dir=${profile}`,
        '--host-resolver-rules=MAP *.example.org 127.0.0.1, MAP example.org 127.0.0.1',
        '--dump-dom',
        `http://home.example.org:${PORT}/cookie-parser?${name}`,
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    const m = /<pre id="c">([0-9a-f]*)<\/pre>/.exec(dom);
    if (!m) return '(no result page)';
    const header = Buffer.from(m[1]!, 'hex').toString('utf8');
    return header === '' ? 'null' : JSON.stringify(header);
  } catch (e) {
    return `(failed: ${(e as Error).message.split('\n')[0]})`;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const names = process.argv.slice(2).length
  ? process.argv.slice(2)
  : (JSON.parse(readFileSync(join(here, 'superseded.json'), 'utf8')) as Array<{ id: string }>).map((e) => e.id);

/** Once the server listens: the Chromium version line, then one line per test (the TSV run.ts reads). */
async function checkAll(): Promise<void> {
  console.log(`chromium: ${execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim()}\tat ${Math.floor(Date.now() / 1000)}`);
  for (const name of names) {
    const expected = readFileSync(join(dataDir, `${name}-expected`), 'utf8')
      .replace(/^Cookie:/, '')
      .trim();
    console.log(`${name}\tsuite: ${expected === '' ? 'null' : JSON.stringify(expected)}\tchromium: ${await runOne(name)}`);
  }
  server.close();
}

server.listen(PORT, '127.0.0.1', () => void checkAll());

import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { labRequest } from '../lab/client';

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

/** Runs scripts/start.mjs on free ports until it prints the lab's origins and the instructions. */
function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build', ...args], {
    env: { ...process.env, LAB_HTTP_PORT: '0', LAB_HTTPS_PORT: '0', LAB_EDGE_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start.mjs did not get ready:\n${out}`)), 25000);
    child.stdout.on('data', () => {
      if (out.includes('Ctrl-C stops')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('exit', (code) => reject(new Error(`start.mjs exited early (${code}):\n${out}`)));
  });
  const stop = () =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      child.once('exit', (code) => resolve({ code, out }));
      child.kill('SIGINT');
    });
  return { ready, stop, output: () => out };
}

describe('npm start (scripts/start.mjs)', () => {
  it('--lab-only serves the lab, prints what to click, and stops cleanly on Ctrl-C', async () => {
    const run = start(['--lab-only']);
    const out = await run.ready;
    const http = /index\s+(http:\/\/lab\.test:\d+)\//.exec(out)![1]!;
    const edge = /edge cache\s+(http:\/\/edge\.lab\.test:\d+)\//.exec(out)![1]!;
    expect(out).toContain('What to do');
    expect((await labRequest(`${http}/`)).status).toBe(200);
    expect((await labRequest(`${edge}/edge/cached`)).headers['cache-status']).toMatch(/^lab-edge;/);
    const { code, out: all } = await run.stop();
    expect(code).toBe(0);
    expect(all).toContain('Stopped.');
    expect(await portClosed(Number(new URL(http).port))).toBe(true);
    expect(await portClosed(Number(new URL(edge).port))).toBe(true);
  });

  it('keeps the lab running and says so when no browser can be found', async () => {
    const run = start([], { CHROME_PATH: '/nonexistent/chrome' });
    await run.ready;
    // The warning goes to stderr, which may be read after the instructions on stdout.
    const warned = /No Chromium or Chrome found|No extension build/;
    for (let i = 0; i < 50 && !warned.test(run.output()); i++) await new Promise((r) => setTimeout(r, 100));
    const out = run.output();
    expect(out).toMatch(warned);
    const http = /index\s+(http:\/\/lab\.test:\d+)\//.exec(out)![1]!;
    expect((await labRequest(`${http}/cache/max-age`)).status).toBe(200);
    expect((await run.stop()).code).toBe(0);
  });
});

import { build } from 'esbuild';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../../tests/support/shared';
import { GLOBAL_BUILD } from '../cli/build.mjs';
import { explainHar } from './explain-har';
import { MiniTextDecoder, MiniURL, miniAtob } from './shims';

const FIXTURES = sharedPath('fixtures', 'har');
/** What the URL test reads of a HAR: request URLs and response headers. */
interface HarUrls {
  log: { entries: Array<{ request: { url: string }; response: { headers: Array<{ name: string; value: string }> } }> };
}
const HARS = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.har'))
  .sort();
let code = '';

beforeAll(async () => {
  // The same esbuild options as dist/npm/cache-lens.global.js, built in memory.
  const r = await build({ ...GLOBAL_BUILD, write: false, logLevel: 'silent' });
  code = r.outputFiles[0]!.text;
}, 60000);

/** A context with only the language's built-ins: no URL, TextDecoder, atob, console, timers, process. */
function bare(): vm.Context {
  const ctx = vm.createContext({});
  const missing: unknown = vm.runInContext(
    '["URL","TextDecoder","TextEncoder","atob","btoa","setTimeout","process","require","structuredClone"].filter((n) => typeof globalThis[n] !== "undefined")',
    ctx,
  );
  expect(missing).toEqual([]);
  return ctx;
}

describe('the classic-script build', () => {
  it('is one classic script with no imports, defining exactly one global', () => {
    expect(() => new vm.Script(code)).not.toThrow(); // an import/export statement would be a syntax error here
    expect(code).not.toMatch(/\brequire\(|\bimport\(/);
    const ctx = bare();
    const before = vm.runInContext('Object.getOwnPropertyNames(globalThis)', ctx) as string[];
    vm.runInContext(code, ctx);
    const after = vm.runInContext('Object.getOwnPropertyNames(globalThis)', ctx) as string[];
    expect(after.filter((n) => !before.includes(n))).toEqual(['CacheLens']);
    expect(vm.runInContext('typeof URL + typeof TextDecoder + typeof atob', ctx)).toBe('undefinedundefinedundefined'); // it adds none
    expect(vm.runInContext('Object.keys(CacheLens).sort().join()', ctx)).toBe(
      'CLI_SCHEMA,EXPLANATION_SCHEMA,explain,explainEntry,explainHar,findingIds,readHar',
    );
  });

  it(`explains every shared HAR in a bare context exactly as the library does under Node (${HARS.length} files)`, () => {
    const ctx = bare();
    vm.runInContext(code, ctx);
    for (const f of HARS) {
      const text = readFileSync(join(FIXTURES, f), 'utf8');
      ctx.harText = text;
      const inVm = vm.runInContext('JSON.stringify(CacheLens.explainHar(harText, { browser: "chrome" }))', ctx) as string;
      const inNode = JSON.stringify(explainHar(text, { browser: 'chrome' }));
      expect(inVm.length, f).toBe(inNode.length);
      expect(inVm === inNode, f).toBe(true);
    }
  }, 120000);

  it('findingIds(payload) for one HTTP Archive row; null / [] for a bad one instead of an exception', () => {
    const ctx = bare();
    vm.runInContext(code, ctx);
    const payload = JSON.stringify({
      startedDateTime: '2026-01-01T00:00:00Z',
      request: { method: 'GET', url: 'https://x.example/a.js', headers: [] },
      response: {
        status: 200,
        headers: [
          { name: 'Cache-Control', value: 'no-cache' },
          { name: 'Set-Cookie', value: 'id=1; SameSite=Bogus' },
        ],
      },
      timings: { wait: 10 },
    });
    ctx.payload = payload;
    const ids = vm.runInContext('CacheLens.findingIds(payload)', ctx) as string[];
    expect([...ids]).toContain('no-cache-no-validator');
    expect([...ids]).toContain('cookie-samesite-invalid');
    expect(vm.runInContext('CacheLens.explainEntry("{nope")', ctx)).toBe(null);
    expect([...(vm.runInContext('CacheLens.findingIds({request:{}})', ctx) as string[])]).toEqual([]);
  });
});

describe('the substitutes it carries agree with the host', () => {
  const urls = new Set<string>();
  for (const f of HARS) {
    for (const e of (JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as HarUrls).log.entries) {
      urls.add(e.request.url);
      for (const h of e.response.headers) if (/^(location|content-location)$/i.test(h.name)) urls.add(`${h.value}\u0000${e.request.url}`);
    }
  }
  const tricky = [
    'HTTP://Example.COM:80/a/./b/../c?q=1#f',
    'https://example.com:443',
    'https://user:pa ss@example.com:8443/p a t h?x=<y>&z="w"#frag ment',
    'https://élève.example/ça?é=é',
    'https://xn--lve-6lad.example/',
    'https://例え.テスト/パス',
    'https://EXAMPLE。com/',
    'http://0x7f.1/',
    'http://127.1/',
    'http://192.168.0.257/',
    'http://[2001:DB8:0:0:0:0:0:1]:8080/',
    'http://[::ffff:192.168.0.1]/',
    'http://[::]/',
    'https://example.com/a\\b\\..\\c',
    'https://example.com/%2e%2E/x/%2e/y',
    'https://example.com/?a=1&b=%zz',
    'data:text/plain,hello world',
    'blob:https://example.com/uuid',
    'about:blank',
    'chrome-extension://abc/page.html?x#y',
    'ws://example.com/socket',
    'file:///tmp/a b.txt',
    '  https://example.com/\t\npath  ',
    'https://exa mple.com/',
    'https://',
    'not a url',
    'https://example.com:99999/',
  ];
  const bases: Array<[string, string]> = [
    ['/root?x', 'https://a.example/dir/file?q#h'],
    ['sibling', 'https://a.example/dir/file'],
    ['../up/./x', 'https://a.example/a/b/c'],
    ['//other.example/p', 'https://a.example/'],
    ['?only', 'https://a.example/p/q?old#h'],
    ['#frag', 'https://a.example/p?q'],
    ['', 'https://a.example/p?q#h'],
    ['https:rel', 'https://a.example/dir/'],
    ['\\\\back.example\\x', 'https://a.example/'],
    ['mailto:x@y.example', 'https://a.example/'],
    ['x', 'data:text/plain,abc'],
  ];

  function both(input: string, base?: string): [string, string] {
    const run = (Ctor: typeof URL | typeof MiniURL) => {
      try {
        const u = new Ctor(input, base);
        return [u.href, u.origin, u.protocol, u.hostname, u.host, u.port, u.pathname, u.search, u.hash].join(' | ');
      } catch {
        return 'throws';
      }
    };
    return [run(MiniURL), run(URL)];
  }

  it(`URL: the same href, origin and parts as the host's for every URL in the shared HARs (${urls.size}) and the hard cases`, () => {
    const differ: string[] = [];
    for (const u of urls) {
      const [input = '', base] = u.split('\u0000');
      const [mini, host] = both(input, base);
      if (mini !== host) differ.push(`${input} :: ${mini} != ${host}`);
    }
    for (const u of tricky) {
      const [mini, host] = both(u);
      if (mini !== host) differ.push(`${u} :: ${mini} != ${host}`);
    }
    for (const [rel, base] of bases) {
      const [mini, host] = both(rel, base);
      if (mini !== host) differ.push(`${rel} on ${base} :: ${mini} != ${host}`);
    }
    expect(
      differ.length,
      differ
        .slice(0, 8)
        .map((d) => d.slice(0, 400))
        .join('\n'),
    ).toBe(0);
  });

  it('URL: searchParams read like the host', () => {
    for (const u of ['https://a.example/?a=1&b=x+y&c=%C3%A9&a=2&d', 'https://a.example/?bad=%zz']) {
      expect([...new MiniURL(u).searchParams]).toEqual([...new URL(u).searchParams]);
    }
  });

  it('TextDecoder: the same text as the host for any bytes, whole or streamed in pieces', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom('utf-8', 'utf-16le', 'utf-16be'),
        fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 20 }),
        fc.boolean(),
        (bytes, enc, cuts, ignoreBOM) => {
          expect(new MiniTextDecoder(enc, { ignoreBOM }).decode(bytes)).toBe(new TextDecoder(enc, { ignoreBOM }).decode(bytes));
          const a = new MiniTextDecoder(enc, { ignoreBOM });
          const b = new TextDecoder(enc, { ignoreBOM });
          let at = 0;
          let x = '';
          let y = '';
          for (const c of cuts) {
            const piece = bytes.subarray(at, at + c);
            at += c;
            x += a.decode(piece, { stream: true });
            y += b.decode(piece, { stream: true });
          }
          x += a.decode(bytes.subarray(at));
          y += b.decode(bytes.subarray(at));
          expect(x).toBe(y);
        },
      ),
      { numRuns: 2000 },
    );
    const text = 'Gr\u00fc\u00dfe, \u4e16\u754c \ud83d\ude00';
    expect(new MiniTextDecoder().decode(new TextEncoder().encode(text))).toBe(text);
    expect(() => new MiniTextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff]))).toThrow(TypeError);
    // WebIDL strings: a script may pass any value, converted as the host's own would
    expect(new MiniTextDecoder({ toString: () => 'UTF-16' }).encoding).toBe('utf-16le');
    expect(() => new MiniTextDecoder(5)).toThrow("The encoding label provided ('5') is invalid.");
    expect(miniAtob({ toString: () => 'aGk=' })).toBe('hi');
  });

  it('atob: the same bytes as the host, and the same refusals', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABCXYZabcxyz0189+/= \n'.split('')), maxLength: 24 }), (s) => {
        let host: string;
        try {
          host = atob(s);
        } catch {
          host = 'throws';
        }
        let mini: string;
        try {
          mini = miniAtob(s);
        } catch {
          mini = 'throws';
        }
        expect(mini).toBe(host);
      }),
      { numRuns: 2000 },
    );
  });
});

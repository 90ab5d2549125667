import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HarError } from '../core/har';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADAPTER_VENDOR_FIELDS, HarStreamParser, slimEntry } from './har-stream';

function run(text: string, chunks: number[] = [text.length]): { entries: unknown[]; log: Record<string, unknown>; maxBuffered: number } {
  const entries: unknown[] = [];
  const p = new HarStreamParser((e, i) => {
    expect(i).toBe(entries.length);
    entries.push(e);
  });
  let at = 0;
  let maxBuffered = 0;
  for (const n of chunks) {
    p.push(text.slice(at, at + n));
    at += n;
    maxBuffered = Math.max(maxBuffered, p.buffered);
  }
  if (at < text.length) p.push(text.slice(at));
  const { log } = p.end();
  return { entries, log, maxBuffered };
}

const tricky = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('"', '\\', '\\"', '\\\\', '{', '}', '[', ']', ':', ',', '\u2028', '\ud83d\ude00', '\u0000', ' '),
);
const entry = fc.record({
  startedDateTime: fc.constant('2026-01-01T00:00:00.000Z'),
  request: fc.record({
    method: fc.constant('GET'),
    url: tricky,
    headers: fc.array(fc.record({ name: tricky, value: tricky }), { maxLength: 4 }),
  }),
  response: fc.record({
    status: fc.integer({ min: 100, max: 599 }),
    headers: fc.array(fc.record({ name: tricky, value: tricky })),
    content: fc.record({ text: tricky, size: fc.integer() }),
  }),
  extra: fc.jsonValue({ maxDepth: 3 }),
});
const har = fc.record({
  log: fc.record({
    version: fc.constant('1.2'),
    creator: fc.record({ name: tricky }),
    pages: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    entries: fc.array(entry, { maxLength: 6 }),
  }),
  other: fc.jsonValue({ maxDepth: 3 }),
});

describe('HarStreamParser', () => {
  it('yields, for any chunking and any spacing, exactly the entries JSON.parse reads (bodies dropped)', () => {
    fc.assert(
      fc.property(har, fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 60 }), fc.boolean(), (doc, chunks, pretty) => {
        const text = JSON.stringify(doc, null, pretty ? 2 : undefined);
        const whole = JSON.parse(text) as typeof doc;
        const got = run(text, chunks);
        expect(got.entries).toEqual(whole.log.entries.map(slimEntry));
        expect(got.log.creator).toEqual(whole.log.creator);
        expect(got.log.pages).toEqual(whole.log.pages);
        expect(got.log).not.toHaveProperty('entries');
      }),
      { numRuns: 300 },
    );
  });

  it('says on which line each entry starts, whatever the chunking', () => {
    const text = '{"log":{\n"entries":[\n{"a":"x\\ny"},\n\n  {"b":1},{"c":2}\n]}}';
    for (const chunks of [[text.length], [1, 1, 1, 2, 3, 5, 8, 13, 21], [7, 7, 7, 7, 7, 7]]) {
      const lines: number[] = [];
      const p = new HarStreamParser((_e, _i, line) => lines.push(line));
      let at = 0;
      for (const n of chunks) p.push(text.slice(at, (at += n)));
      p.push(text.slice(at));
      p.end();
      expect(lines).toEqual([3, 5, 5]);
    }
  });

  it('drops bodies, cookie and query arrays and unread vendor fields as soon as an entry is read', () => {
    const text = JSON.stringify({
      log: {
        entries: [
          {
            _full_url: 'x',
            _score_cache: 100,
            _initiator_type: 'script',
            _fromCache: 'disk',
            _initiator: { url: 'i' },
            request: {
              url: 'u',
              postData: { text: 'a=1', mimeType: 'x' },
              queryString: [{ name: 'a' }],
              cookies: [{ name: 'c' }],
              _headers: [],
              headers: [],
            },
            response: { content: { text: 'BODY', size: 4 }, cookies: [], _error: 'e', _body: 'b', headers: [] },
          },
        ],
      },
    });
    const [e] = run(text).entries;
    expect(e).toEqual({
      _initiator_type: 'script',
      _fromCache: 'disk',
      _initiator: { url: 'i' },
      request: { url: 'u', headers: [] },
      response: { content: { size: 4 }, _error: 'e', headers: [] },
    });
  });

  it('drops no field the HAR adapter reads (read from src/core/har.ts itself)', () => {
    const src = readFileSync(join(__dirname, '../core/har.ts'), 'utf8');
    const read = new Set([...src.matchAll(/(?:\.|\[['"`])(_[A-Za-z_]+)\b/g)].map((m) => m[1]!));
    expect(read.size).toBeGreaterThan(3); // it does read vendor fields (_fromCache, _initiator, ...)
    expect([...read].filter((f) => !ADAPTER_VENDOR_FIELDS.has(f))).toEqual([]);
    for (const f of ['postData', 'queryString', 'cookies']) expect(src).not.toMatch(new RegExp(`\\b(req|request)\\.${f}\\b`));
    expect(src).not.toMatch(/\b(res|response)\.cookies\b|content\.text/);
  });

  it('holds one entry at a time: 40 entries with 1 MB bodies, read in 64 kB chunks, never buffer more than one entry', () => {
    const body = 'x'.repeat(1 << 20);
    const text = JSON.stringify({
      log: { version: '1.2', entries: Array.from({ length: 40 }, (_, i) => ({ i, response: { content: { text: body } } })) },
    });
    const chunks = new Array<number>(Math.ceil(text.length / 65536)).fill(65536);
    const got = run(text, chunks);
    expect(got.entries).toHaveLength(40);
    expect(text.length).toBeGreaterThan(40 * (1 << 20));
    expect(got.maxBuffered).toBeLessThan((1 << 20) + 2 * 65536);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['empty', '  ', /not JSON: the input is empty/],
    ['a top-level array', '[1,2]', /not a HAR: the top level is not a JSON object/],
    ['a top-level number', '42', /not a HAR: the top level is not a JSON object/],
    ['no log', '{"entries":[]}', /there is no "log" object/],
    ['log not an object', '{"log":[]}', /there is no "log" object/],
    ['entries not an array', '{"log":{"entries":{}}}', /no log.entries array/],
    ['no entries', '{"log":{}}', /no log.entries array/],
    ['a broken entry', '{"log":{"entries":[{"a":1},{"a":tru}]}}', /not JSON: entry 1: /],
    ['a truncated file', '{"log":{"entries":[{"a":"xyz', /ends in the middle/],
    ['trailing text', '{"log":{"entries":[]}} {}', /after the end of the HAR/],
    ['a stray bracket', '{"log":{"entries":[}}', /not JSON: an unexpected "}"/],
  ];
  for (const [name, text, msg] of bad) {
    it(`refuses ${name} with a HarError`, () => {
      let error: unknown;
      try {
        run(text, [1, 2, 3, 5, 8, 13]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(HarError);
      expect((error as Error).message).toMatch(msg);
    });
  }

  it('never throws anything but HarError on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('{', '}', '[', ']', '"', '\\', ':', ',', 'a', '1', ' ', 'log', 'entries', '"log"', '"entries"'),
        }),
        (text) => {
          try {
            run(text, [3, 1, 4, 1, 5]);
          } catch (e) {
            expect(e).toBeInstanceOf(HarError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('HarStreamParser whole entries', () => {
  it('hands each entry on exactly as JSON.parse reads it when asked to (nothing slimmed)', () => {
    const entry = {
      _webpagetest: 1,
      request: { url: 'https://a.example/', postData: { text: 'x' } },
      response: { content: { text: 'body' } },
    };
    const text = JSON.stringify({ log: { version: '1.2', entries: [entry, entry] } });
    const got: unknown[] = [];
    const p = new HarStreamParser((e) => got.push(e), { whole: true });
    for (let i = 0; i < text.length; i += 7) p.push(text.slice(i, i + 7));
    p.end();
    expect(got).toEqual([entry, entry]);
  });
});

/**
 * Converts data/cdn-ip-ranges.json (projectdiscovery/cdncheck snapshot: CIDRs grouped by category and provider)
 * into src/core/cdn/ip-ranges.generated.json: disjoint, sorted numeric ranges per provider for a binary search.
 *   npx tsx scripts/gen-cdn-ranges.ts           writes the file
 *   npx tsx scripts/gen-cdn-ranges.ts --check   exits 1 when the committed file is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIPv4, parseIPv6 } from '../src/core/cdn/ip';

/** Source provider keys to the engine's provider ids (cdn-cases conventions) and display names. */
const PROVIDERS: Record<string, { id: string; name: string }> = {
  cloudflare: { id: 'cloudflare', name: 'Cloudflare' },
  cloudfront: { id: 'cloudfront', name: 'Amazon CloudFront' },
  fastly: { id: 'fastly', name: 'Fastly' },
  google: { id: 'google', name: 'Google Cloud CDN' },
  incapsula: { id: 'imperva', name: 'Imperva (Incapsula)' },
  腾讯云: { id: 'tencent', name: 'Tencent Cloud' },
  arvancloud: { id: 'arvancloud', name: 'ArvanCloud' },
  cafe24: { id: 'cafe24', name: 'Cafe24' },
  cdnetworks: { id: 'cdnetworks', name: 'CDNetworks' },
  gcore: { id: 'gcore', name: 'Gcore' },
  gocache: { id: 'gocache', name: 'GoCache' },
  kinx: { id: 'kinx', name: 'KINX' },
  lgtelecom: { id: 'lgtelecom', name: 'LG U+' },
  qrator: { id: 'qrator', name: 'Qrator' },
  skbroadband: { id: 'skbroadband', name: 'SK Broadband' },
  云盾: { id: 'yundun', name: 'Yundun (云盾)' },
  加速乐: { id: 'jiasule', name: 'Jiasule (加速乐)' },
  百度云加速: { id: 'baidu', name: 'Baidu Yunjiasu (百度云加速)' },
};

interface Source {
  source?: string;
  [category: string]: unknown;
}

type Range<T> = { start: T; end: T; p: number };

export interface GeneratedRanges {
  source: string;
  providers: Array<{ id: string; name: string; category: string }>;
  v4: Array<[number, number, number]>;
  v6: Array<[string, string, number]>;
}

function v4Range(cidr: string): { start: number; end: number } | null {
  const [addr = '', bitsText] = cidr.split('/');
  const base = parseIPv4(addr);
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (base === null || !Number.isInteger(bits) || bits < 0 || bits > 32) return null;
  const size = 2 ** (32 - bits);
  const start = Math.floor(base / size) * size;
  return { start, end: start + size - 1 };
}

function v6Range(cidr: string): { start: string; end: string } | null {
  const [addr = '', bitsText] = cidr.split('/');
  const hex = parseIPv6(addr);
  const bits = bitsText === undefined ? 128 : Number(bitsText);
  if (hex === null || !Number.isInteger(bits) || bits < 0 || bits > 128) return null;
  const value = BigInt('0x' + hex);
  const hostBits = BigInt(128 - bits);
  const mask = (1n << hostBits) - 1n;
  const start = value & ~mask;
  const end = start | mask;
  const toHex = (n: bigint) => n.toString(16).padStart(32, '0');
  return { start: toHex(start), end: toHex(end) };
}

/**
 * CIDR blocks either nest or are disjoint. Sorting by start (larger block first) and sweeping with a stack yields
 * disjoint segments owned by the innermost block; adjacent segments of one provider are merged.
 */
function flatten<T>(ranges: Range<T>[], next: (x: T) => T, prev: (x: T) => T, cmp: (a: T, b: T) => number): Range<T>[] {
  const sorted = ranges.slice().sort((a, b) => cmp(a.start, b.start) || cmp(b.end, a.end) || a.p - b.p);
  const out: Range<T>[] = [];
  const emit = (start: T, end: T, p: number) => {
    if (cmp(start, end) > 0) return;
    const last = out[out.length - 1];
    if (last && last.p === p && cmp(next(last.end), start) === 0) last.end = end;
    else out.push({ start, end, p });
  };
  const stack: Range<T>[] = [];
  let cursor: T | null = null;
  for (const r of sorted) {
    for (let top = stack.at(-1); top && cmp(top.end, r.start) < 0; top = stack.at(-1)) {
      stack.pop();
      if (cursor !== null) emit(cursor, top.end, top.p);
      cursor = next(top.end);
    }
    const enclosing = stack.at(-1);
    if (enclosing && cursor !== null && cmp(cursor, r.start) < 0) emit(cursor, prev(r.start), enclosing.p);
    if (enclosing && cmp(r.end, enclosing.end) > 0) continue; // not nested: impossible for CIDRs
    if (cursor === null || cmp(cursor, r.start) < 0 || !stack.length) cursor = r.start;
    if (cmp(cursor, r.start) < 0) cursor = r.start;
    stack.push(r);
  }
  while (stack.length) {
    const top = stack.pop()!;
    if (cursor !== null && cmp(cursor, top.end) <= 0) emit(cursor, top.end, top.p);
    cursor = next(top.end);
  }
  return out;
}

const numCmp = (a: number, b: number) => a - b;
const strCmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const hexStep = (x: string, d: bigint) => {
  const v = BigInt('0x' + x) + d;
  return (v < 0n ? 0n : v).toString(16).padStart(32, '0');
};

export function buildRanges(input: Source): GeneratedRanges {
  const providers: GeneratedRanges['providers'] = [];
  const index = new Map<string, number>();
  const v4: Range<number>[] = [];
  const v6: Range<string>[] = [];
  for (const category of Object.keys(input).sort()) {
    const group = input[category];
    if (!group || typeof group !== 'object' || Array.isArray(group)) continue;
    for (const key of Object.keys(group).sort()) {
      const cidrs = (group as Record<string, unknown>)[key];
      if (!Array.isArray(cidrs)) continue;
      const known = PROVIDERS[key] ?? { id: key.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name: key };
      let p = index.get(known.id);
      if (p === undefined) {
        p = providers.length;
        index.set(known.id, p);
        providers.push({ id: known.id, name: known.name, category });
      }
      for (const cidr of cidrs) {
        if (typeof cidr !== 'string') continue;
        if (cidr.includes(':')) {
          const r = v6Range(cidr);
          if (r) v6.push({ ...r, p });
        } else {
          const r = v4Range(cidr);
          if (r) v4.push({ ...r, p });
        }
      }
    }
  }
  const flat4 = flatten(
    v4,
    (x) => x + 1,
    (x) => x - 1,
    numCmp,
  );
  const flat6 = flatten(
    v6,
    (x) => hexStep(x, 1n),
    (x) => hexStep(x, -1n),
    strCmp,
  );
  return {
    source: typeof input.source === 'string' ? input.source : 'unknown',
    providers,
    v4: flat4.map((r) => [r.start, r.end, r.p]),
    v6: flat6.map((r) => [r.start, r.end, r.p]),
  };
}

/** One range per line: readable diffs when the dataset is refreshed. */
export function serialise(g: GeneratedRanges): string {
  const lines = (rows: unknown[]) => rows.map((r) => '    ' + JSON.stringify(r)).join(',\n');
  return (
    '{\n' +
    `  "source": ${JSON.stringify(g.source)},\n` +
    `  "providers": [\n${lines(g.providers)}\n  ],\n` +
    `  "v4": [\n${lines(g.v4)}\n  ],\n` +
    `  "v6": [\n${lines(g.v6)}\n  ]\n` +
    '}\n'
  );
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const INPUT_PATH = resolve(root, 'data/cdn-ip-ranges.json');
export const OUTPUT_PATH = resolve(root, 'src/core/cdn/ip-ranges.generated.json');

export function generate(): string {
  const text = readFileSync(INPUT_PATH, 'utf8').replace(/^\uFEFF/, '');
  return serialise(buildRanges(JSON.parse(text) as Source));
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const text = generate();
  if (process.argv.includes('--check')) {
    const current = readFileSync(OUTPUT_PATH, 'utf8');
    if (current !== text) {
      console.error('src/core/cdn/ip-ranges.generated.json is out of date: run npx tsx scripts/gen-cdn-ranges.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(OUTPUT_PATH, text);
    console.log(`wrote ${OUTPUT_PATH}`);
  }
}

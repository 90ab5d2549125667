/**
 * npm run conformance -- <folder>
 *
 * Runs every `*-cases.json` in <folder> through the engine's conformance adapters, chosen by the file's `format`
 * field only (never by case ids), and compares just the fields each case's `expect` pins down.
 * Prints `<file>: N passed, N failed` per file, then each failing id with expected and actual values.
 * Exit code: 0 all passed, 1 some case failed (or a file could not be run), 2 bad usage.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type CaseRunner = (c: unknown) => Record<string, unknown>;

/** format -> how to load its adapter (lazy, so one missing area does not stop the others). */
export const ADAPTERS: Record<string, () => Promise<CaseRunner>> = {
  'cache-cases/1': async () => (await import('../src/core/cache/conformance')).runCacheCase,
  'cookie-cases/1': async () => (await import('../src/core/cookies/conformance')).runCookieCase,
  'cdn-cases/1': async () => (await import('../src/core/cdn/conformance')).runCdnCase,
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Array.isArray for JSON read as unknown: its elements stay unknown (not any). */
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

/**
 * Does `actual` satisfy `expected`? Objects: every key of the expected object must match (extra actual keys are
 * ignored), recursively. Arrays: same length, element by element. Everything else: strict equality (NaN equals NaN).
 */
export function matchesExpected(expected: unknown, actual: unknown): boolean {
  if (isArray(expected)) {
    if (!isArray(actual) || actual.length !== expected.length) return false;
    return expected.every((e, i) => matchesExpected(e, actual[i]));
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false;
    return Object.keys(expected).every((k) => matchesExpected(expected[k], actual[k]));
  }
  return Object.is(expected, actual) || (expected === 0 && actual === 0);
}

/** The part of `actual` that `expected` looks at, for a readable failure report. */
export function projectLike(expected: unknown, actual: unknown): unknown {
  if (isArray(expected) && isArray(actual)) {
    return actual.map((a, i) => (i < expected.length ? projectLike(expected[i], a) : a));
  }
  if (isPlainObject(expected) && isPlainObject(actual)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(expected)) out[k] = k in actual ? projectLike(expected[k], actual[k]) : undefined;
    return out;
  }
  return actual;
}

export interface CaseFailure {
  id: string;
  expected: unknown;
  actual: unknown;
}

export interface FileResult {
  file: string;
  passed: number;
  failed: number;
  failures: CaseFailure[];
  /** Set when the whole file could not be run (unreadable, unknown format, adapter missing). */
  error?: string;
}

export async function runCaseFile(path: string, adapters = ADAPTERS): Promise<FileResult> {
  const file = basename(path);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    return { file, passed: 0, failed: 0, failures: [], error: `cannot read it as JSON (${(e as Error).message})` };
  }
  if (!isPlainObject(doc) || !isArray(doc.cases)) return { file, passed: 0, failed: 0, failures: [], error: 'no "cases" array' };
  const format = typeof doc.format === 'string' ? doc.format : '';
  const load = adapters[format];
  if (!load)
    return { file, passed: 0, failed: 0, failures: [], error: `unknown format "${format}" (known: ${Object.keys(adapters).join(', ')})` };
  let run: CaseRunner;
  try {
    run = await load();
    if (typeof run !== 'function') throw new Error('adapter is not a function');
  } catch (e) {
    return { file, passed: 0, failed: 0, failures: [], error: `the ${format} adapter could not be loaded (${(e as Error).message})` };
  }
  const result: FileResult = { file, passed: 0, failed: 0, failures: [] };
  doc.cases.forEach((c, i) => {
    const fields = isPlainObject(c) ? c : undefined;
    const id = typeof fields?.id === 'string' ? fields.id : `#${i}`;
    const expected = fields?.expect;
    let actual: unknown;
    let ok: boolean;
    if (!fields || !isPlainObject(expected)) {
      ok = false;
      actual = 'the case has no "expect" object';
    } else {
      try {
        // cache-cases/1 `browser`: a case's own field wins over the file's; absent means rfc.
        const withBrowser = doc.browser !== undefined && fields.browser === undefined ? { ...fields, browser: doc.browser } : c;
        const out = run(withBrowser);
        ok = matchesExpected(expected, out);
        actual = projectLike(expected, out);
      } catch (e) {
        ok = false;
        actual = `threw ${String((e as { message?: unknown } | null | undefined)?.message ?? e)}`;
      }
    }
    if (ok) result.passed++;
    else {
      result.failed++;
      result.failures.push({ id, expected, actual });
    }
  });
  return result;
}

export function caseFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('-cases.json'))
    .sort()
    .map((f) => join(folder, f));
}

/** Runs a folder and writes the report through `out`. Returns the exit code. */
export async function runFolder(folder: string, out: (line: string) => void, adapters = ADAPTERS): Promise<number> {
  const files = caseFiles(folder);
  if (files.length === 0) {
    out(`no *-cases.json files in ${folder}`);
    return 1;
  }
  const results: FileResult[] = [];
  for (const f of files) results.push(await runCaseFile(f, adapters));
  // A file that could not be run counts as one failure, so a tally of these lines never overlooks it.
  for (const r of results) out(r.error ? `${r.file}: 0 passed, 1 failed` : `${r.file}: ${r.passed} passed, ${r.failed} failed`);
  for (const r of results) {
    if (r.error) out(`NOT RUN ${r.file}: ${r.error}`);
    for (const f of r.failures) {
      out(`FAIL ${r.file} ${f.id}`);
      out(`  expected: ${JSON.stringify(f.expected)}`);
      out(`  actual:   ${JSON.stringify(f.actual)}`);
    }
  }
  const passed = results.reduce((s, r) => s + r.passed, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  const broken = results.filter((r) => r.error).length;
  // Worded without "<name>: N passed, N failed" so tools that add up the per-file lines do not count it twice.
  out(`in all ${passed} passed and ${failed} failed over ${results.length} file(s)${broken ? `, ${broken} of them not run` : ''}`);
  return failed > 0 || broken > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const folder = argv.find((a) => !a.startsWith('-'));
  if (!folder) {
    console.error('usage: npm run conformance -- <folder with *-cases.json>');
    return 2;
  }
  try {
    if (!statSync(folder).isDirectory()) throw new Error();
  } catch {
    console.error(`conformance: ${folder} is not a folder`);
    return 2;
  }
  return runFolder(resolve(folder), (l) => console.log(l));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(`conformance: ${(e as Error).message}`);
      process.exitCode = 2;
    },
  );
}

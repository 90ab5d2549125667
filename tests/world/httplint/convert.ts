/**
 * npx tsx tests/world/httplint/convert.ts
 *
 * Reads httplint's own tests from vendor/ (Python source, unchanged) and writes httplint-cases.json:
 *   - notes: every httplint note in our areas (caching, cookies, proxies), with the file that defines it, its
 *     category and level. In scope: a note of category CACHING, COOKIES or VALIDATION defined in a vendored file,
 *     plus the generic notes httplint raises on our fields (GENERIC_IN_SCOPE below).
 *   - cases: one per test. Field tests are the `FieldTest` classes of the vendored field parsers (`name`, `inputs`,
 *     `expected_notes`, `linter_class`): httplint asserts the exact set of notes, so the in-scope notes defined in
 *     the same file and not expected are recorded as `absent`. Message tests are the `def test_*` methods of
 *     test/test_cache.py and test/test_status.py (`process_response_topline`, `process_headers`,
 *     `assertIn`/`assertNotIn`).
 * The Python is not run: the converter reads the few expression forms these files use (bytes literals, implicit
 * concatenation, `+`, `*` with module-level integer constants, a `for header in [...]` loop). A test it cannot read
 * is listed under `skipped` with the reason, never dropped silently.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, 'vendor');

/** The field parsers of our areas (vendor/httplint/field/parsers/<name>.py). */
export const FIELD_FILES = [
  'age',
  'cache_control',
  'cache_status',
  'cdn_cache_control',
  'cookie',
  'date',
  'etag',
  'expires',
  'last_modified',
  'pragma',
  'proxy_status',
  'set_cookie',
  'vary',
  'via',
  'x_cache',
  'x_cache_lookup',
];
/** Other vendored files that define notes. */
const NOTE_FILES = [
  'httplint/cache.py',
  'httplint/status.py',
  'httplint/field/__init__.py',
  'httplint/field/utils.py',
  'httplint/field/singleton_field.py',
  'httplint/field/structured_field.py',
  ...FIELD_FILES.map((f) => `httplint/field/parsers/${f}.py`),
];
const MESSAGE_TESTS = ['test/test_cache.py', 'test/test_status.py'];
const CATEGORIES_IN_SCOPE = new Set(['CACHING', 'COOKIES', 'VALIDATION']);
/** Notes of other categories that httplint raises on the fields of our areas. */
const GENERIC_IN_SCOPE = new Set([
  'SINGLE_HEADER_REPEAT',
  'BAD_DATE_SYNTAX',
  'DATE_OBSOLETE',
  'BAD_SYNTAX',
  'RESPONSE_HDR_IN_REQUEST',
  'REQUEST_HDR_IN_RESPONSE',
  'FIELD_DEPRECATED',
  'STRUCTURED_FIELD_PARSE_ERROR',
  'DUPLICATE_KEY',
  'DATE_CLOCKLESS',
  'DATE_INCORRECT',
  'DATE_CORRECT',
  'AGE_PENALTY',
  'LM_FUTURE',
  'LM_PRESENT',
  'PRAGMA_OTHER',
  'VIA_PRESENT',
  'VARY_NEGOTIATE',
  'HEADER_SHOULD_NOT_BE_IN_304',
]);
/** The URL httplint's FakeResponseLinter and FakeRequestLinter use (httplint/field/tests.py). */
const BASE_URI = 'http://example.com/foo/bar';

export interface NoteInfo {
  id: string;
  file: string;
  category: string;
  level: string;
}
export interface Case {
  id: string;
  source: string;
  kind: 'field' | 'message';
  message: 'response' | 'request';
  url: string;
  status: number;
  headers: Array<[string, string]>;
  /** Notes httplint raises on this input (in scope only). */
  expected: string[];
  /** Notes httplint does not raise on this input (in scope only). */
  absent: string[];
}

// ------------------------------------------------------------------ a small reader for Python expressions

type Val = string | number;

function pyString(src: string, i: number): { value: string; end: number } {
  const q = src[i];
  let out = '';
  let k = i + 1;
  while (k < src.length && src[k] !== q) {
    if (src[k] === '\\') {
      const c = src[k + 1]!; // in valid Python a backslash inside a string literal always escapes a character
      if (c === 'x') {
        out += String.fromCharCode(parseInt(src.slice(k + 2, k + 4), 16));
        k += 4;
        continue;
      }
      out += c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
      k += 2;
      continue;
    }
    out += src[k++]!; // k < src.length
  }
  return { value: out, end: k + 1 };
}

type Tok = { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'name'; v: string } | { t: 'op'; v: string };

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!; // i < src.length
    if (/\s/.test(c)) i++;
    else if ((c === 'b' || c === 'r') && (src[i + 1] === '"' || src[i + 1] === "'")) {
      const s = pyString(src, i + 1);
      toks.push({ t: 'str', v: s.value });
      i = s.end;
    } else if (c === '"' || c === "'") {
      const s = pyString(src, i);
      toks.push({ t: 'str', v: s.value });
      i = s.end;
    } else if (/\d/.test(c)) {
      const m = /^\d+/.exec(src.slice(i))![0];
      toks.push({ t: 'num', v: Number(m) });
      i += m.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_]\w*/.exec(src.slice(i))![0];
      toks.push({ t: 'name', v: m });
      i += m.length;
    } else if ('+*()[],'.includes(c)) {
      toks.push({ t: 'op', v: c });
      i++;
    } else throw new Error(`unexpected "${c}" in ${src.slice(0, 80)}`);
  }
  return toks;
}

/** Evaluates a Python list of expressions: `[expr, expr, ...]`. */
function evalList(src: string, consts: Map<string, number>, env: Record<string, string> = {}): Val[] {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const atOp = (v: string) => {
    const t = peek();
    return t?.t === 'op' && t.v === v;
  };
  const take = (v?: string) => {
    const t = toks[p++];
    if (v !== undefined && (t?.t !== 'op' || t.v !== v)) throw new Error(`expected ${v} in ${src.slice(0, 80)}`);
    return t;
  };
  function atom(): Val {
    const t = take();
    if (!t) throw new Error(`unexpected end in ${src.slice(0, 80)}`);
    if (t.t === 'str') {
      let s = t.v;
      while (peek()?.t === 'str') s += (take() as { v: string }).v; // implicit concatenation
      return s;
    }
    if (t.t === 'num') return t.v;
    if (t.t === 'name') {
      if (Object.hasOwn(env, t.v)) return env[t.v]!;
      const c = consts.get(t.v);
      if (c === undefined) throw new Error(`unknown name ${t.v}`);
      return c;
    }
    if (t.v === '(') {
      const v = expr();
      take(')');
      return v;
    }
    throw new Error(`unexpected ${t.v}`);
  }
  function term(): Val {
    let v = atom();
    while (atOp('*')) {
      take();
      const r = atom();
      v = typeof v === 'string' ? v.repeat(r as number) : typeof r === 'string' ? r.repeat(v) : v * r;
    }
    return v;
  }
  function expr(): Val {
    let v = term();
    while (atOp('+')) {
      take();
      const r = term();
      v = typeof v === 'string' ? v + String(r) : v + (r as number);
    }
    return v;
  }
  take('[');
  const out: Val[] = [];
  while (!atOp(']')) {
    out.push(expr());
    if (atOp(',')) take();
  }
  take(']');
  return out;
}

/** The text of a bracketed expression starting at src[i] === open. */
function balanced(src: string, i: number, open = '[', close = ']'): string {
  let depth = 0;
  for (let k = i; k < src.length; k++) {
    const c = src[k];
    if (c === '"' || c === "'") {
      k = pyString(src, k).end - 1;
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return src.slice(i, k + 1);
  }
  throw new Error('unbalanced');
}

function constants(src: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of src.matchAll(/^([A-Z_][A-Z0-9_]*) = (\d+)\s*$/gm)) out.set(m[1]!, Number(m[2]));
  return out;
}

/** Top-level blocks: `class Name(Base):` with its indented body. */
function classes(src: string): Array<{ name: string; base: string; body: string }> {
  const out: Array<{ name: string; base: string; body: string }> = [];
  const re = /^class (\w+)\(([^)]*(?:\)[^:]*)?)\):\n/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    const start = m.index + m[0].length;
    const rest = src.slice(start);
    const end = /^\S/m.exec(rest);
    out.push({ name: m[1]!, base: m[2]!, body: end ? rest.slice(0, end.index) : rest });
  }
  return out;
}

// ------------------------------------------------------------------ notes

export function readNotes(): NoteInfo[] {
  const notes: NoteInfo[] = [];
  for (const file of NOTE_FILES) {
    const src = readFileSync(join(vendor, file), 'utf8');
    for (const c of classes(src)) {
      if (c.base !== 'Note') continue;
      const category = /category = categories\.(\w+)/.exec(c.body)?.[1] ?? '';
      const level = /level = levels\.(\w+)/.exec(c.body)?.[1] ?? '';
      if (CATEGORIES_IN_SCOPE.has(category) || GENERIC_IN_SCOPE.has(c.name)) notes.push({ id: c.name, file, category, level });
    }
  }
  return notes.sort((a, b) => a.file.localeCompare(b.file) || a.id.localeCompare(b.id));
}

// ------------------------------------------------------------------ tests

function fieldCases(notes: NoteInfo[], skipped: Array<{ source: string; reason: string }>): Case[] {
  const inScope = new Set(notes.map((n) => n.id));
  const cases: Case[] = [];
  for (const f of FIELD_FILES) {
    const file = `httplint/field/parsers/${f}.py`;
    const src = readFileSync(join(vendor, file), 'utf8');
    const consts = constants(src);
    const own = notes.filter((n) => n.file === file).map((n) => n.id);
    for (const c of classes(src)) {
      if (!/^FieldTest\b/.test(c.base)) continue;
      const source = `${file}#${c.name}`;
      if (/\bdef test_/.test(c.body)) {
        skipped.push({ source, reason: 'a custom test method (not a table of inputs and notes)' });
        continue;
      }
      const name = /^\s+name = "([^"]+)"/m.exec(c.body)?.[1];
      const inputsAt = c.body.search(/^\s+inputs = \[/m);
      if (!name || inputsAt < 0) {
        skipped.push({ source, reason: 'no name or inputs' });
        continue;
      }
      const inputs = evalList(balanced(c.body, c.body.indexOf('[', inputsAt)), consts).map(String);
      const en = /expected_notes(?:: NoteClassListType)? = (\[[^\]]*\])/.exec(c.body);
      const expected = en
        ? en[1]!
            .slice(1, -1)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
      const request = /linter_class = FakeRequestLinter/.test(c.body) || /RequestLinterProtocol\]/.test(c.base);
      cases.push({
        id: `${f}/${c.name}`,
        source,
        kind: 'field',
        message: request ? 'request' : 'response',
        url: BASE_URI,
        status: 200,
        headers: inputs.map((v) => [name, v]),
        expected: expected.filter((n) => inScope.has(n)),
        absent: own.filter((n) => !expected.includes(n)),
      });
    }
  }
  return cases;
}

function messageCases(notes: NoteInfo[], skipped: Array<{ source: string; reason: string }>): Case[] {
  const inScope = new Set(notes.map((n) => n.id));
  const cases: Case[] = [];
  for (const file of MESSAGE_TESTS) {
    const src = readFileSync(join(vendor, file), 'utf8');
    for (const m of src.matchAll(/^    def (test_\w+)\(self\):\n((?:        .*\n|\s*\n)*)/gm)) {
      const name = m[1]!; // both groups always take part
      const body = m[2]!;
      const source = `${file}#${name}`;
      const topline = /process_response_topline\(b"HTTP\/1\.1", b"(\d{3})"/.exec(body);
      const hdrAt = body.indexOf('process_headers(');
      if (!topline || hdrAt < 0) {
        skipped.push({ source, reason: 'not a response test with process_response_topline and process_headers' });
        continue;
      }
      const listSrc = balanced(body, body.indexOf('[', hdrAt));
      const expected = [...body.matchAll(/assertIn\((\w+), notes\)/g)].map((x) => x[1]!);
      const absent = [...body.matchAll(/assertNotIn\((\w+), notes\)/g)].map((x) => x[1]!);
      if (![...expected, ...absent].some((n) => inScope.has(n))) {
        skipped.push({ source, reason: 'asserts no note of our areas' });
        continue;
      }
      const loop = /for (\w+) in (\[[^\]]*\]):/.exec(body);
      const envs: Array<Record<string, string>> = loop ? evalList(loop[2]!, new Map()).map((v) => ({ [loop[1]!]: String(v) })) : [{}];
      envs.forEach((env, k) => {
        // [(name, value), ...]: read as a flat list of pairs
        const flat = evalList(listSrc.replace(/[()]/g, ' '), new Map(), env).map(String);
        const headers: Array<[string, string]> = [];
        for (let j = 0; j + 1 < flat.length; j += 2) headers.push([flat[j]!, flat[j + 1]!]); // j + 1 < length
        cases.push({
          id: `${file.replace(/^test\/|\.py$/g, '')}/${name}${envs.length > 1 ? `/${k}` : ''}`,
          source,
          kind: 'message',
          message: 'response',
          url: BASE_URI,
          status: Number(topline[1]),
          headers,
          expected: expected.filter((n) => inScope.has(n)),
          absent: absent.filter((n) => inScope.has(n)),
        });
      });
    }
  }
  return cases;
}

export function convert(): { commit: string; notes: NoteInfo[]; cases: Case[]; skipped: Array<{ source: string; reason: string }> } {
  const commit = /\b([0-9a-f]{40})\b/.exec(readFileSync(join(vendor, 'SOURCE.md'), 'utf8'))?.[1] ?? 'unknown';
  const notes = readNotes();
  const skipped: Array<{ source: string; reason: string }> = [];
  const cases = [...fieldCases(notes, skipped), ...messageCases(notes, skipped)];
  return { commit, notes, cases, skipped };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = convert();
  writeFileSync(join(here, 'httplint-cases.json'), JSON.stringify({ format: 'httplint-cases/1', ...out }, null, 1) + '\n');
  console.log(`httplint-cases.json: ${out.notes.length} notes in scope, ${out.cases.length} cases, ${out.skipped.length} skipped`);
}

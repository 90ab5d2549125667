/**
 * "Hide values": every cookie value the panel could show, masked wherever it would appear. Two layers:
 * - structural: cookie headers and name=value pairs are masked by their syntax (the value after the first "=", the
 *   whole pair when it has no "=", which is how a nameless cookie is written), so the name stays readable;
 * - textual: any other text (findings, reasons, scope lines, other headers) has every known value replaced, the
 *   longest match first. Known names are matched too and kept, so `xS3CR3T2=S3CR3T2` keeps its name `xS3CR3T2`.
 * Values under three characters are only masked structurally and in quotes ("1"): masking every "1" in a sentence
 * would hide the sentence, not the secret. No DOM here; components call `redactor()` for what they render.
 */
import type { Explanation } from '../core/explanation';
import type { ExchangeRecord, HeaderList, JarCookie } from '../core/types';

export const MASK_CHAR = '•';

export function mask(value: string, hide: boolean): string {
  return hide ? MASK_CHAR.repeat(Math.min(8, Math.max(3, value.length))) : value;
}

/** One "name=value" piece of a Cookie or Set-Cookie header; a piece without "=" is all value (a nameless cookie). */
export function maskPair(pair: string): string {
  const eq = pair.indexOf('=');
  if (eq < 0) {
    const lead = /^\s*/.exec(pair)![0];
    return pair.trim() === '' ? pair : lead + mask(pair.trim(), true);
  }
  return pair.slice(0, eq + 1) + mask(pair.slice(eq + 1), true);
}

/** Cookie request header: every piece is a cookie. */
export function maskCookieHeader(value: string): string {
  return value
    .split(';')
    .map((p) => maskPair(p))
    .join(';');
}

/** Set-Cookie: the first piece is the cookie; the attributes stay. Firefox joins several lines with "\n". */
export function maskSetCookie(value: string, redact: (s: string) => string = (s) => s): string {
  return value
    .split('\n')
    .map((line) => {
      const semi = line.indexOf(';');
      const pair = semi < 0 ? line : line.slice(0, semi);
      const rest = semi < 0 ? '' : line.slice(semi);
      return maskPair(pair) + redact(rest);
    })
    .join('\n');
}

/** The value part of a raw Set-Cookie line or Cookie piece ("a=b" → "b", "b" → "b"). */
function pairValue(pair: string): string {
  const eq = pair.indexOf('=');
  return (eq < 0 ? pair : pair.slice(eq + 1)).trim();
}
function pairName(pair: string): string {
  const eq = pair.indexOf('=');
  return eq < 0 ? '' : pair.slice(0, eq).trim();
}

const MIN_FREE = 3;

export interface Redactor {
  (text: string): string;
  /** For a header value: cookie headers by structure, every other header by text. */
  header(name: string, value: string): string;
  readonly on: boolean;
}

const IDENTITY: Redactor = Object.assign((s: string) => s, { header: (_n: string, v: string) => v, on: false });

/** Every cookie value (and name) of one exchange, its explanation and the jar shown beside it. */
export function collectSecrets(
  x: ExchangeRecord | null,
  e: Explanation | null,
  jar: JarCookie[] = [],
): { values: Set<string>; names: Set<string> } {
  const values = new Set<string>();
  const names = new Set<string>();
  const addCookie = (name: string, value: string) => {
    if (value) values.add(value);
    if (name) names.add(name);
  };
  const fromHeaders = (list: HeaderList) => {
    for (const h of list) {
      const n = h.name.toLowerCase();
      if (n === 'cookie') for (const p of h.value.split(';')) addCookie(pairName(p), pairValue(p));
      else if (n === 'set-cookie')
        for (const line of h.value.split('\n')) {
          const pair = line.split(';')[0]!;
          addCookie(pairName(pair), pairValue(pair));
        }
    }
  };
  if (x) {
    fromHeaders(x.requestHeaders);
    fromHeaders(x.responseHeaders);
    for (const c of x.jarSnapshot ?? []) addCookie(c.name, c.value);
  }
  if (e) {
    const c = e.cookies;
    for (const s of c.setCookies) {
      if (s.cookie) addCookie(s.cookie.name, s.cookie.value);
      const pair = s.raw.split(';')[0]!;
      addCookie(pairName(pair), pairValue(pair));
      if (s.signed) values.add(s.signed.payload);
    }
    for (const r of c.requestCookies) addCookie(r.name, r.value);
    for (const s of c.send?.sent ?? []) addCookie(s.cookie.name, s.cookie.value);
    for (const s of c.send?.notSent ?? []) addCookie(s.cookie.name, s.cookie.value);
  }
  for (const c of jar) addCookie(c.name, c.value);
  // a string that is both a name and a value is a value (masking wins)
  for (const v of values) names.delete(v);
  return { values, names };
}

/**
 * A redactor for the given secrets. Text is scanned once: at each position the longest known value or name that
 * starts there is looked up through a three-character index, then by exact string for each length known under that
 * prefix (longest first), so the cost is linear in the text and in the number of distinct lengths, not in the number
 * of cookies: 10,000 values that all start alike ("GA1.1.", "value-") cost as much as ten.
 */
export function makeRedactor(hide: boolean, secrets: { values: Set<string>; names: Set<string> }): Redactor {
  if (!hide) return IDENTITY;
  /** By first three characters: the lengths present (longest first) and each string, true when it is a kept name. */
  const index = new Map<string, { lengths: number[]; keep: Map<string, boolean> }>();
  const shortValues: string[] = [];
  const add = (s: string, keep: boolean) => {
    if (s.length < MIN_FREE) {
      if (!keep) shortValues.push(s);
      return;
    }
    const k = s.slice(0, MIN_FREE);
    let bucket = index.get(k);
    if (!bucket) index.set(k, (bucket = { lengths: [], keep: new Map() }));
    // a string that is both a value and a name is masked (values are added first and win)
    if (bucket.keep.has(s)) return;
    bucket.keep.set(s, keep);
    if (!bucket.lengths.includes(s.length)) bucket.lengths.push(s.length);
  };
  for (const v of secrets.values) add(v, false);
  for (const n of secrets.names) add(n, true);
  for (const bucket of index.values()) bucket.lengths.sort((a, b) => b - a);
  const quotedShort = shortValues.length
    ? new RegExp(`"(?:${shortValues.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})"`, 'g')
    : null;

  const fn = (text: string): string => {
    if (!text) return text;
    let out = '';
    let from = 0;
    let i = 0;
    const end = text.length - MIN_FREE;
    while (i <= end) {
      const bucket = index.get(text.slice(i, i + MIN_FREE));
      let hit: string | undefined;
      let keep = false;
      if (bucket)
        for (const len of bucket.lengths) {
          if (i + len > text.length) continue;
          const k = bucket.keep.get(text.slice(i, i + len));
          if (k !== undefined) {
            hit = text.slice(i, i + len);
            keep = k;
            break;
          }
        }
      if (hit === undefined) {
        i++;
        continue;
      }
      if (!keep) out += text.slice(from, i) + mask(hit, true);
      else out += text.slice(from, i + hit.length);
      i += hit.length;
      from = i;
    }
    out += text.slice(from);
    return quotedShort ? out.replace(quotedShort, (m) => `"${mask(m.slice(1, -1), true)}"`) : out;
  };
  const header = (name: string, value: string) => {
    const n = name.toLowerCase();
    if (n === 'cookie') return maskCookieHeader(value);
    if (n === 'set-cookie') return maskSetCookie(value, fn);
    return fn(value);
  };
  return Object.assign(fn, { header, on: true });
}

/** Records with their cookie values masked (for HAR export while "Hide values" is on). */
export function redactRecords(records: ExchangeRecord[]): ExchangeRecord[] {
  return records.map((x) => {
    const r = makeRedactor(true, collectSecrets(x, null));
    const headers = (list: HeaderList) => list.map((h) => ({ name: h.name, value: r.header(h.name, h.value) }));
    return {
      ...x,
      requestHeaders: headers(x.requestHeaders),
      responseHeaders: headers(x.responseHeaders),
      ...(x.jarSnapshot ? { jarSnapshot: x.jarSnapshot.map((c) => ({ ...c, value: mask(c.value, true) })) } : {}),
    };
  });
}

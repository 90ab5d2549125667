/**
 * Page data and file names reach a terminal, a CI log or a PR comment: nothing in them may act on the reader.
 * C0/C1 control characters (ESC starts every ANSI sequence), DEL, bidirectional embeddings/overrides/isolates
 * (Unicode TR9, the "Trojan Source" characters, CVE-2021-42574) and line/paragraph separators are shown as
 * visible escapes instead of being written raw. Lone surrogates are shown too (they are not valid UTF-8 output).
 */
const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_OR_NEWLINE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(c: string): string {
  const n = c.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** One line of page data: every unsafe character (newlines and tabs too) visible, cut at `max` characters. */
export function clean(s: string, max = 300): string {
  const t = s.replace(UNSAFE_OR_NEWLINE, visible);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Text we composed that may hold page data: newlines and tabs kept, everything else unsafe made visible. */
export function cleanBlock(s: string): string {
  return s.replace(UNSAFE, visible);
}

// JSON.stringify already writes C0 controls and lone surrogates as escapes (ES2019 well-formed JSON.stringify), so a
// plain character class is enough here, and it is much faster on 100 MB of output than one with lookarounds.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text (from JSON.stringify, which already escapes C0 controls): the remaining unsafe characters written as
 * \uXXXX escapes, so the data stays byte-for-byte the same once parsed but nothing raw reaches a terminal.
 */
export function safeJson(json: string): string {
  JSON_UNSAFE.lastIndex = 0;
  if (!JSON_UNSAFE.test(json)) return json;
  JSON_UNSAFE.lastIndex = 0;
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

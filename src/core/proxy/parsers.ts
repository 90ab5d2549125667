/**
 * Parsers for proxy fields: Via (RFC 9110 §7.6.3), Forwarded (RFC 7239 §4), X-Forwarded-For and friends.
 * Bounded (entries and characters capped) and total: bad input yields `invalid` entries, never an exception.
 */
import type { ViaHop } from '../explanation';
import { bareAddress, parseIPv4, parseIPv6 } from '../cdn/ip';

export const MAX_CHARS = 16 * 1024;
export const MAX_ENTRIES = 64;

function capped(value: string): string {
  return value.length > MAX_CHARS ? value.slice(0, MAX_CHARS) : value;
}

/** Split on `sep` outside double-quoted strings (with \-escapes) and, when `parens`, outside (comments). */
export function splitOutside(value: string, sep: string, parens: boolean, max = MAX_ENTRIES): string[] {
  if (max >= 1 && value.indexOf(sep) < 0) return [capped(value).trim()]; // no separator: one entry, as the loop gives
  const out: string[] = [];
  let quoted = false;
  let depth = 0;
  let start = 0;
  const text = capped(value);
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (parens && c === '(') depth++;
    else if (parens && c === ')' && depth > 0) depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (out.length < max) out.push(text.slice(start).trim());
  return out;
}

// ------------------------------------------------------------------ Via

/** Via = #( received-protocol RWS received-by [ RWS comment ] ), received-protocol = [ protocol-name "/" ] protocol-version */
const VIA_HOP = /^(?:([!#$%&'*+.^_`|~0-9A-Za-z-]+)\/)?([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]+([^\s(]+)(?:[ \t]+(\(.*\)))?$/;

export interface ViaParse {
  hops: ViaHop[];
  invalid: string[];
}

export function parseVia(lines: string[]): ViaParse {
  const hops: ViaHop[] = [];
  const invalid: string[] = [];
  for (const line of lines.slice(0, MAX_ENTRIES)) {
    for (const entry of splitOutside(line, ',', true)) {
      if (hops.length + invalid.length >= MAX_ENTRIES) break;
      if (!entry) continue;
      const m = VIA_HOP.exec(entry.length > 1024 ? entry.slice(0, 1024) : entry);
      if (!m) {
        invalid.push(entry.slice(0, 120));
        continue;
      }
      const [, name, version = '', received = ''] = m; // groups 2 and 3 are not optional
      const hop: ViaHop = { protocol: name ? `${name}/${version}` : version, received };
      if (m[4]) hop.comment = m[4].slice(1, -1).slice(0, 256);
      hops.push(hop);
    }
  }
  return { hops, invalid };
}

// ------------------------------------------------------------------ Forwarded

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export interface ForwardedParse {
  elements: Array<Record<string, string>>;
  invalid: string[];
}

function unquote(v: string): string | null {
  if (!v.startsWith('"')) return TOKEN.test(v) ? v : null;
  if (v.length < 2 || !v.endsWith('"')) return null;
  return v.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** RFC 7239 §6: node = nodename [ ":" node-port ]; nodename = IPv4 / "[" IPv6 "]" / "unknown" / obfuscated. */
export function validNode(node: string): boolean {
  if (node === 'unknown' || /^_[A-Za-z0-9._-]+$/.test(node)) return true;
  let name = node;
  let port: string | null = null;
  if (node.startsWith('[')) {
    const close = node.indexOf(']');
    if (close < 0) return false;
    name = node.slice(1, close);
    const rest = node.slice(close + 1);
    if (rest) {
      if (!rest.startsWith(':')) return false;
      port = rest.slice(1);
    }
    if (parseIPv6(name) === null) return false;
  } else {
    const colon = node.indexOf(':');
    if (colon >= 0) {
      port = node.slice(colon + 1);
      name = node.slice(0, colon);
    }
    if (name !== 'unknown' && !/^_[A-Za-z0-9._-]+$/.test(name) && parseIPv4(name) === null) return false;
  }
  if (port !== null && !/^(\d{1,5}|_[A-Za-z0-9._-]+)$/.test(port)) return false;
  return true;
}

/** Forwarded = 1#forwarded-element; forwarded-element = [ pair ] *( ";" [ pair ] ); pair = token "=" value */
export function parseForwarded(lines: string[]): ForwardedParse {
  const elements: Array<Record<string, string>> = [];
  const invalid: string[] = [];
  for (const line of lines.slice(0, MAX_ENTRIES)) {
    for (const element of splitOutside(line, ',', false)) {
      if (elements.length >= MAX_ENTRIES) break;
      if (!element) continue;
      const record = new Map<string, string>();
      let bad = false;
      for (const pair of splitOutside(element, ';', false, 16)) {
        if (!pair) continue;
        const eq = pair.indexOf('=');
        const name = eq < 0 ? '' : pair.slice(0, eq).trim().toLowerCase();
        const value = eq < 0 ? null : unquote(pair.slice(eq + 1).trim());
        if (!name || !TOKEN.test(name) || value === null || record.has(name)) {
          bad = true;
          continue;
        }
        if ((name === 'for' || name === 'by') && !validNode(value)) bad = true;
        record.set(name, value.slice(0, 256));
      }
      if (bad) invalid.push(element.slice(0, 120));
      // fromEntries defines own properties, so a "__proto__" pair stays data (no prototype change).
      if (record.size) elements.push(Object.fromEntries(record));
    }
  }
  return { elements, invalid };
}

// ------------------------------------------------------------------ X-Forwarded-For

export interface XffParse {
  addresses: string[];
  invalid: string[];
}

/** True for an IPv4/IPv6 address as proxies write them (optionally with a port or brackets). */
export function isIpLiteral(text: string): boolean {
  const bare = bareAddress(text);
  return parseIPv4(bare) !== null || parseIPv6(bare) !== null;
}

export function parseXForwardedFor(lines: string[]): XffParse {
  const addresses: string[] = [];
  const invalid: string[] = [];
  for (const line of lines.slice(0, MAX_ENTRIES)) {
    for (const raw of splitOutside(line, ',', false)) {
      if (addresses.length >= MAX_ENTRIES) break;
      if (!raw) continue;
      const entry = raw.slice(0, 64);
      addresses.push(entry);
      if (!isIpLiteral(entry) && entry.toLowerCase() !== 'unknown') invalid.push(entry);
    }
  }
  return { addresses, invalid };
}

/** Private, loopback and link-local ranges (RFC 1918, RFC 6890, RFC 4193): an internal proxy hop. */
export function isPrivateAddress(text: string): boolean {
  const bare = bareAddress(text);
  const v4 = parseIPv4(bare);
  if (v4 !== null) {
    const a = v4 >>> 24;
    const b = (v4 >>> 16) & 0xff;
    return (
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const v6 = parseIPv6(bare);
  if (v6 === null) return false;
  return v6 === '00000000000000000000000000000001' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe8');
}

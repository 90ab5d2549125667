/**
 * Recognises signed (not encrypted) cookie formats and shows what anyone can read in them:
 * JWT (RFC 7519), itsdangerous / Flask sessions, Express cookie-signature ("s:"), Rails-style "data--digest".
 * Gated by cheap shape checks first; decoding is bounded.
 */
import type { SignedCookieInfo } from '../explanation';

const MAX_INPUT = 8192;
const MAX_PAYLOAD = 500;
const B64_CHARS = /^[A-Za-z0-9_\-+/]*={0,2}$/;
const B64URL_PART = /^[A-Za-z0-9_-]+$/;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
LOOKUP['-'.charCodeAt(0)] = 62;
LOOKUP['_'.charCodeAt(0)] = 63;

/** base64 or base64url (padding optional) to bytes; null when not valid. */
export function decodeBase64(s: string): Uint8Array | null {
  const clean = s.replace(/=+$/, '');
  if (clean.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i);
    const v = c < 128 ? LOOKUP[c]! : -1; // LOOKUP covers 0-127
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function bytesToText(b: Uint8Array): string {
  return utf8.decode(b);
}

function printable(text: string): boolean {
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) || c === 0xfffd) bad++;
  }
  return bad <= text.length / 20;
}

function jsonObject(text: string): unknown {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

function clip(text: string): string {
  return text.length > MAX_PAYLOAD ? `${text.slice(0, MAX_PAYLOAD)}…` : text;
}

const READABLE = 'signed, not encrypted: anyone can read this';

function jwt(v: string): SignedCookieInfo | null {
  const parts = v.split('.');
  const [headerPart = '', payloadPart = ''] = parts;
  if (parts.length !== 3 || !B64URL_PART.test(headerPart) || !B64URL_PART.test(payloadPart)) return null;
  const headerBytes = decodeBase64(headerPart);
  const payloadBytes = decodeBase64(payloadPart);
  if (!headerBytes || !payloadBytes) return null;
  const header = jsonObject(bytesToText(headerBytes)) as Record<string, unknown> | undefined;
  if (!header || typeof header !== 'object' || typeof header.alg !== 'string') return null;
  const payloadText = bytesToText(payloadBytes);
  const alg = header.alg;
  const plain =
    alg.toLowerCase() === 'none' || parts[2] === ''
      ? 'JWT with no signature (alg "none"): anyone can read and forge this'
      : `JWT signed with ${alg}; ${READABLE}`;
  return { format: 'jwt', payload: clip(payloadText), plain };
}

/** itsdangerous: [.]payload.timestamp.signature, payload zlib-compressed when it starts with '.'. */
function itsdangerous(v: string): SignedCookieInfo | null {
  const compressed = v.startsWith('.');
  const parts = (compressed ? v.slice(1) : v).split('.');
  if (parts.length !== 3 || !parts.every((p) => B64URL_PART.test(p))) return null;
  const [payload = '', ts = '', sig = ''] = parts; // three parts (checked above)
  // Timestamps are 4-5 bytes (6-7 base64 chars); the HMAC is at least 20 bytes.
  if (ts.length < 5 || ts.length > 8 || sig.length < 20) return null;
  const tsBytes = decodeBase64(ts);
  if (!tsBytes || tsBytes.length < 4) return null;
  let seconds = 0;
  for (const b of tsBytes) seconds = seconds * 256 + b;
  const when = new Date(seconds * 1000);
  const signedAt = Number.isNaN(when.getTime()) ? '' : ` on ${when.toISOString().slice(0, 10)}`;
  if (compressed) {
    return {
      format: 'itsdangerous',
      payload: '(zlib-compressed)',
      plain: `compressed, signed (itsdangerous / Flask session${signedAt}): not encrypted; inflating it shows the data to anyone`,
    };
  }
  const bytes = decodeBase64(payload);
  if (!bytes) return null;
  const text = bytesToText(bytes);
  if (!printable(text)) return null;
  return { format: 'itsdangerous', payload: clip(text), plain: `itsdangerous / Flask session signed${signedAt}; ${READABLE}` };
}

/** Express cookie-signature: "s:" + value + "." + base64 HMAC-SHA256 (43 chars), often URL-encoded. */
function express(v: string): SignedCookieInfo | null {
  let s = v;
  if (s.startsWith('s%3A') || s.startsWith('s%3a')) {
    try {
      s = decodeURIComponent(s);
    } catch {
      return null;
    }
  }
  if (!s.startsWith('s:')) return null;
  const dot = s.lastIndexOf('.');
  if (dot < 3) return null;
  const sig = s.slice(dot + 1);
  if (sig.length < 20 || !B64_CHARS.test(sig)) return null;
  let payload = s.slice(2, dot);
  if (payload.startsWith('j:')) payload = payload.slice(2);
  return { format: 'express', payload: clip(payload), plain: `Express signed cookie; ${READABLE}` };
}

/** Rails-style "base64data--hexdigest" (MessageVerifier). Three parts would be encrypted (data--iv--tag). */
function rails(v: string): SignedCookieInfo | null {
  let s = v;
  if (s.includes('%')) {
    try {
      s = decodeURIComponent(s);
    } catch {
      return null;
    }
  }
  const parts = s.split('--');
  if (parts.length !== 2) return null;
  const [data = '', digest = ''] = parts; // two parts (checked above)
  if (!/^[0-9a-f]{40}$|^[0-9a-f]{64}$|^[0-9a-f]{128}$/i.test(digest) || data.length < 4 || !B64_CHARS.test(data)) return null;
  const bytes = decodeBase64(data);
  if (!bytes) return null;
  const text = bytesToText(bytes);
  const readable = printable(text);
  return {
    format: 'rails',
    payload: readable ? clip(text) : '(binary, probably Ruby Marshal)',
    plain: `Rails-style signed cookie (data--digest); ${READABLE}`,
  };
}

/** A signed-but-readable cookie value, or null. Never throws. */
export function decodeSignedCookie(value: string): SignedCookieInfo | null {
  if (typeof value !== 'string' || value.length < 16 || value.length > MAX_INPUT) return null;
  let v = value;
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
  try {
    if (v.includes('.')) {
      const found = jwt(v) ?? itsdangerous(v) ?? express(v);
      if (found) return found;
    }
    if (v.includes('--')) return rails(v);
    if (v.startsWith('s%3A') || v.startsWith('s%3a')) return express(v);
  } catch {
    return null;
  }
  return null;
}

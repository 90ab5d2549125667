/**
 * What the engine needs beyond the language, for the classic-script build (src/cli/build.mjs injects these names
 * in place of the globals): URL, TextDecoder and atob. A host that has its own (browsers, workers, Deno, Node) keeps
 * them; a bare JavaScript engine (BigQuery's UDF sandbox, a `node:vm` context) gets the small versions below.
 *
 * They follow the WHATWG URL and Encoding standards for what HAR data holds: absolute and relative http(s)/ws(s)
 * URLs, IPv4/IPv6 hosts, IDN host names (NFC + lower case + Punycode, RFC 3492; not the full UTS #46 mapping),
 * dot segments, percent-encoding of the path, query and fragment; UTF-8 and UTF-16 decoding with U+FFFD for
 * malformed bytes. Written for this project; they are tested against the host's own in src/lib/global.test.ts.
 */

// ------------------------------------------------------------------------------------------------ TextDecoder

type Bytes = Uint8Array | ArrayBuffer | ArrayBufferView;

function asBytes(input?: Bytes): Uint8Array {
  if (input === undefined) return new Uint8Array(0);
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
}

const LABELS: Record<string, 'utf-8' | 'utf-16le' | 'utf-16be'> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  'utf-16be': 'utf-16be',
};

export class MiniTextDecoder {
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  private pending: number[] = [];
  private bomSeen = false;

  // `label` and atob's `data` are WebIDL DOMStrings: a script may hand the host's global any value, converted here.
  constructor(label: unknown = 'utf-8', options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    const name = String(label);
    const enc = LABELS[name.trim().toLowerCase()];
    if (!enc) throw new RangeError(`The encoding label provided ('${name}') is invalid.`);
    this.encoding = enc;
    this.fatal = !!options.fatal;
    this.ignoreBOM = !!options.ignoreBOM;
  }

  decode(input?: Bytes, options: { stream?: boolean } = {}): string {
    const fresh = asBytes(input);
    const bytes = this.pending.length ? Uint8Array.from([...this.pending, ...fresh]) : fresh;
    this.pending = [];
    const stream = !!options.stream;
    let out = this.encoding === 'utf-8' ? this.utf8(bytes, stream) : this.utf16(bytes, stream, this.encoding === 'utf-16be');
    if (!this.ignoreBOM && !this.bomSeen && out.length) {
      this.bomSeen = true;
      if (out.charCodeAt(0) === 0xfeff) out = out.slice(1);
    }
    if (!stream) this.bomSeen = false;
    return out;
  }

  private bad(): string {
    if (this.fatal) throw new TypeError('The encoded data was not valid.');
    return '\ufffd';
  }

  private utf8(b: Uint8Array, stream: boolean): string {
    let out = '';
    let chunk: number[] = [];
    const flush = () => {
      if (chunk.length) {
        out += String.fromCharCode.apply(null, chunk);
        chunk = [];
      }
    };
    let i = 0;
    const n = b.length;
    while (i < n) {
      const c = b[i]!;
      if (c < 0x80) {
        chunk.push(c);
        i++;
        if (chunk.length > 8192) flush();
        continue;
      }
      let need = 0;
      let cp = 0;
      let lower = 0x80;
      let upper = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) [need, cp] = [1, c & 0x1f];
      else if (c >= 0xe0 && c <= 0xef) {
        [need, cp] = [2, c & 0x0f];
        if (c === 0xe0) lower = 0xa0;
        if (c === 0xed) upper = 0x9f;
      } else if (c >= 0xf0 && c <= 0xf4) {
        [need, cp] = [3, c & 0x07];
        if (c === 0xf0) lower = 0x90;
        if (c === 0xf4) upper = 0x8f;
      } else {
        flush();
        out += this.bad();
        i++;
        continue;
      }
      let j = 1;
      let ok = true;
      for (; j <= need; j++) {
        if (i + j >= n) {
          if (stream) {
            flush();
            this.pending = Array.from(b.subarray(i));
            return out;
          }
          ok = false;
          break;
        }
        const d = b[i + j]!; // i + j < n (checked above)
        if (d < (j === 1 ? lower : 0x80) || d > (j === 1 ? upper : 0xbf)) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (d & 0x3f);
      }
      if (!ok) {
        flush();
        out += this.bad();
        i += j; // the maximal subpart is replaced by one U+FFFD (WHATWG Encoding §8.1.1)
        continue;
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else chunk.push(cp);
      i += need + 1;
      if (chunk.length > 8192) flush();
    }
    flush();
    return out;
  }

  /** WHATWG Encoding §14.2.1 (shared UTF-16 decoder), byte by byte; state carried in `pending`: [leadByte?, leadSurrogate?]. */
  private leadByte: number | null = null;
  private leadSurrogate: number | null = null;

  private utf16(b: Uint8Array, stream: boolean, be: boolean): string {
    let out = '';
    for (let i = 0; i < b.length; i++) {
      if (this.leadByte === null) {
        this.leadByte = b[i]!;
        continue;
      }
      const byte = b[i]!;
      const unit = be ? (this.leadByte << 8) | byte : this.leadByte | (byte << 8);
      this.leadByte = null;
      if (this.leadSurrogate !== null) {
        const lead = this.leadSurrogate;
        this.leadSurrogate = null;
        if (unit >= 0xdc00 && unit <= 0xdfff) {
          out += String.fromCharCode(lead, unit);
          continue;
        }
        out += this.bad();
        // the unit is processed again below ("prepend to stream")
      }
      if (unit >= 0xd800 && unit <= 0xdbff) this.leadSurrogate = unit;
      else if (unit >= 0xdc00 && unit <= 0xdfff) out += this.bad();
      else out += String.fromCharCode(unit);
    }
    if (!stream && (this.leadByte !== null || this.leadSurrogate !== null)) {
      this.leadByte = null;
      this.leadSurrogate = null;
      out += this.bad();
    }
    return out;
  }
}

// ------------------------------------------------------------------------------------------------ atob

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** HTML "forgiving-base64 decode": ASCII whitespace removed, padding checked, a binary string out. */
export function miniAtob(data: unknown): string {
  let s = String(data).replace(/[\t\n\f\r ]/g, '');
  if (s.length % 4 === 0) s = s.replace(/==?$/, '');
  if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s))
    throw new Error('InvalidCharacterError: the string to be decoded is not correctly encoded.');
  let out = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    acc = (acc << 6) | B64.indexOf(s[i]!);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ URL

const SPECIAL: Record<string, string | null> = { 'ftp:': '21', 'file:': null, 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };

function utf8Percent(c: string): string {
  let out = '';
  const cp = c.codePointAt(0)!;
  const bytes: number[] =
    cp < 0x80
      ? [cp]
      : cp < 0x800
        ? [0xc0 | (cp >> 6), 0x80 | (cp & 63)]
        : cp < 0x10000
          ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)]
          : [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  for (const b of bytes) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/** Percent-encodes C0 controls, non-ASCII (as UTF-8; a lone surrogate as U+FFFD) and the set's extra characters. */
function encodeSet(s: string, extra: RegExp): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) out += '%EF%BF%BD';
    else if (cp < 0x20 || cp > 0x7e || extra.test(ch)) out += utf8Percent(ch);
    else out += ch;
  }
  return out;
}
const FRAGMENT_SET = /[ "<>`]/;
const QUERY_SET = /[ "#<>]/;
const SPECIAL_QUERY_SET = /[ "#<>']/;
const PATH_SET = /[ "#<>?`{}^]/;
const USERINFO_SET = /[ "#<>?`{}/:;=@[\\\]^|]/;

// Punycode (RFC 3492) encoder for one label.
function punycode(label: string): string {
  const cps = Array.from(label, (c) => c.codePointAt(0)!);
  const basic = cps.filter((c) => c < 0x80);
  let out = String.fromCharCode(...basic);
  let h = basic.length;
  const b = h;
  if (b > 0) out += '-';
  let n = 128;
  let delta = 0;
  let bias = 72;
  const digit = (d: number) => String.fromCharCode(d + 22 + 75 * (d < 26 ? 1 : 0));
  const adapt = (d: number, num: number, first: boolean) => {
    d = first ? Math.floor(d / 700) : d >> 1;
    d += Math.floor(d / num);
    let k = 0;
    while (d > 455) {
      d = Math.floor(d / 35);
      k += 36;
    }
    return k + Math.floor((36 * d) / (d + 38));
  };
  while (h < cps.length) {
    const m = Math.min(...cps.filter((c) => c >= n));
    delta += (m - n) * (h + 1);
    n = m;
    for (const c of cps) {
      if (c < n) delta++;
      if (c === n) {
        let q = delta;
        for (let k = 36; ; k += 36) {
          const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
          if (q < t) break;
          out += digit(t + ((q - t) % (36 - t)));
          q = Math.floor((q - t) / (36 - t));
        }
        out += digit(q);
        bias = adapt(delta, h + 1, h === b);
        delta = 0;
        h++;
      }
    }
    delta++;
    n++;
  }
  return out;
}

function parseIPv4Number(s: string): number | null {
  if (s === '') return null;
  let radix = 10;
  if (/^0[xX]/.test(s)) [s, radix] = [s.slice(2), 16];
  else if (s.length > 1 && s[0] === '0') [s, radix] = [s.slice(1), 8];
  if (s === '') return 0;
  const ok = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!ok.test(s)) return null;
  return parseInt(s, radix);
}

/** The host as IPv4 (serialized), null when it does not end in a number, false when it does but is no valid IPv4. */
function ipv4(host: string): string | null | false {
  const parts = host.split('.');
  if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
  const last = parts[parts.length - 1]!; // split gives at least one part, and one is left after the pop
  // "ends in a number" (WHATWG URL §3.5)
  if (!(/^[0-9]+$/.test(last) || /^0[xX][0-9a-fA-F]*$/.test(last))) return null;
  if (parts.length > 4) return false;
  const nums = parts.map(parseIPv4Number);
  if (nums.some((x) => x === null)) return false;
  const ns = nums as number[];
  let v = ns[ns.length - 1]!; // as many numbers as parts: at least one
  if (ns.slice(0, -1).some((x) => x > 255) || v >= 256 ** (5 - ns.length)) return false;
  for (let i = 0; i < ns.length - 1; i++) v += ns[i]! * 256 ** (3 - i);
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

function ipv6(inner: string): string | null {
  let s = inner;
  let tail4: number[] = [];
  const v4 = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const quad = v4[1]!; // the group is not optional
    const texts = quad.split('.');
    const p = texts.map(Number);
    if (p.some((x, i) => x > 255 || !/^(0|[1-9]\d*)$/.test(texts[i]!))) return null;
    const [p0 = 0, p1 = 0, p2 = 0, p3 = 0] = p; // four numbers (the pattern)
    tail4 = [(p0 << 8) | p1, (p2 << 8) | p3];
    s = s.slice(0, s.length - quad.length) + (s.endsWith(':' + quad) ? '0' : '');
    s = s.replace(/:0$/, ':').replace(/::$/, '::');
    if (s.endsWith(':') && !s.endsWith('::')) s = s.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const grab = (h: string) => (h === '' ? [] : h.split(':'));
  const head = grab(halves[0]!); // split gives at least one part
  const tail = halves.length === 2 ? grab(halves[1]!) : [];
  if ([...head, ...tail].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const total = head.length + tail.length + tail4.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return null;
  const groups = [
    ...head.map((g) => parseInt(g, 16)),
    ...new Array<number>(8 - total).fill(0),
    ...tail.map((g) => parseInt(g, 16)),
    ...tail4,
  ];
  // serialise: longest run (>1) of zeros compressed, first one wins
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      out += i === 0 ? '::' : ':';
      i += bestLen - 1;
      continue;
    }
    out += groups[i]!.toString(16) + (i < 7 ? ':' : ''); // eight groups (total checked above)
  }
  return `[${out}]`;
}

function parseHost(input: string, special: boolean): string | null {
  if (input.startsWith('[')) return input.endsWith(']') ? ipv6(input.slice(1, -1)) : null;
  if (!special) return /[\0\t\n\r #/:<>?@[\\\]^|]/.test(input) ? null : encodeSet(input, /(?!)/);
  let domain: string;
  try {
    domain = decodeURIComponent(input);
  } catch {
    domain = input;
  }
  domain = domain
    .normalize('NFC')
    .replace(/[\u3002\uff0e\uff61]/g, '.')
    .toLowerCase();
  if (domain === '' || /[\u0000-\u001f\u007f #%/:<>?@[\\\]^|]/.test(domain)) return null;
  const ascii = domain
    .split('.')
    .map((l) => (/^[\x00-\x7f]*$/.test(l) ? l : `xn--${punycode(l)}`))
    .join('.');
  const v4 = ipv4(ascii);
  if (v4 === false) return null;
  return v4 ?? ascii;
}

function removeDots(segments: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const s = segment.toLowerCase();
    const last = i === segments.length - 1;
    if (s === '..' || s === '.%2e' || s === '%2e.' || s === '%2e%2e') {
      if (out.length > 0) out.pop();
      if (last) out.push('');
    } else if (s === '.' || s === '%2e') {
      if (last) out.push('');
    } else out.push(segment);
  }
  return out;
}

interface Parts {
  protocol: string;
  username: string;
  password: string;
  hostname: string;
  port: string;
  pathname: string;
  /** Without the "?"; null when the URL has none (an empty query still prints its "?"). */
  query: string | null;
  /** Without the "#"; null when there is none. */
  fragment: string | null;
  opaque: boolean;
}

function fail(input: string): never {
  throw new TypeError(`Invalid URL: ${input.slice(0, 100)}`);
}

function parse(input: string, base?: Parts): Parts {
  let s = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  let hash: string | null = null;
  const hashAt = s.indexOf('#');
  if (hashAt >= 0) {
    hash = s.slice(hashAt + 1);
    s = s.slice(0, hashAt);
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(s);
  let protocol: string;
  let rest: string;
  if (scheme) {
    protocol = scheme[1]!.toLowerCase() + ':';
    rest = s.slice(scheme[0].length);
    const special = Object.hasOwn(SPECIAL, protocol);
    if (special && base && base.protocol === protocol && !/^[/\\]/.test(rest)) {
      return relativeTo(base, rest, hash);
    }
    if (!special) {
      if (rest.startsWith('//')) return authorityPath(protocol, rest.slice(2), hash, false);
      if (rest.startsWith('/'))
        return finish(
          { protocol, username: '', password: '', hostname: '', port: '', pathname: '', query: null, fragment: null, opaque: false },
          rest,
          hash,
          false,
        );
      // opaque path (data:, mailto:, about:blank ...)
      const q = rest.indexOf('?');
      const path = q >= 0 ? rest.slice(0, q) : rest;
      return {
        protocol,
        username: '',
        password: '',
        hostname: '',
        port: '',
        opaque: true,
        pathname: encodeSet(path, /(?!)/),
        query: q >= 0 ? encodeSet(rest.slice(q + 1), QUERY_SET) : null,
        fragment: hash === null ? null : encodeSet(hash, FRAGMENT_SET),
      };
    }
    rest = rest.replace(/^[/\\]*/, '');
    if (protocol === 'file:')
      return finish(
        { protocol, username: '', password: '', hostname: '', port: '', pathname: '', query: null, fragment: null, opaque: false },
        '/' + rest,
        hash,
        true,
      );
    return authorityPath(protocol, rest, hash, true);
  }
  if (!base) fail(input);
  if (base.opaque) {
    if (s === '' && hash !== null) return { ...base, fragment: encodeSet(hash, FRAGMENT_SET) };
    fail(input);
  }
  return relativeTo(base, s, hash);
}

function relativeTo(base: Parts, s: string, hash: string | null): Parts {
  const special = Object.hasOwn(SPECIAL, base.protocol);
  const slash = special ? /^[/\\]{2}/ : /^\/\//;
  if (slash.test(s)) return authorityPath(base.protocol, s.slice(2), hash, special);
  const b = { ...base, fragment: null, query: null };
  if (s === '') return { ...base, fragment: hash === null ? null : encodeSet(hash, FRAGMENT_SET) };
  if (s.startsWith('?')) return finish(b, b.pathname + s, hash, special, true);
  if (special ? /^[/\\]/.test(s) : s.startsWith('/')) return finish(b, s, hash, special);
  const dir = b.pathname.slice(0, b.pathname.lastIndexOf('/') + 1) || '/';
  return finish(b, dir + s, hash, special);
}

function authorityPath(protocol: string, s: string, hash: string | null, special: boolean): Parts {
  const end = s.search(special ? /[/\\?]/ : /[/?]/);
  const authority = end >= 0 ? s.slice(0, end) : s;
  const path = end >= 0 ? s.slice(end) : '';
  let hostPort = authority;
  let username = '';
  let password = '';
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const cred = authority.slice(0, at);
    hostPort = authority.slice(at + 1);
    const colon = cred.indexOf(':');
    username = encodeSet(colon >= 0 ? cred.slice(0, colon) : cred, USERINFO_SET);
    password = colon >= 0 ? encodeSet(cred.slice(colon + 1), USERINFO_SET) : '';
  }
  const portMatch = /:([^:\]]*)$/.exec(hostPort);
  let rawHost = hostPort;
  let port = '';
  if (portMatch && !(hostPort.startsWith('[') && !hostPort.slice(0, portMatch.index).endsWith(']'))) {
    rawHost = hostPort.slice(0, portMatch.index);
    const p = portMatch[1]!; // the group is not optional (it may be empty)
    if (p !== '') {
      if (!/^[0-9]+$/.test(p) || Number(p) > 65535) fail(s);
      port = String(Number(p));
      if (SPECIAL[protocol] === port) port = '';
    }
  }
  if (special && rawHost === '') fail(s);
  const hostname = rawHost === '' ? '' : parseHost(rawHost, special);
  if (hostname === null) fail(s);
  return finish(
    { protocol, username, password, hostname, port, pathname: '', query: null, fragment: null, opaque: false },
    path,
    hash,
    special,
  );
}

function finish(p: Parts, pathQuery: string, hash: string | null, special: boolean, pathDone = false): Parts {
  const q = pathQuery.indexOf('?');
  let path = q >= 0 ? pathQuery.slice(0, q) : pathQuery;
  const query = q >= 0 ? pathQuery.slice(q + 1) : null;
  if (special) path = path.replace(/\\/g, '/');
  if (!pathDone && (special || path !== '')) {
    if (!path.startsWith('/')) path = '/' + path;
    const segs = removeDots(path.slice(1).split('/'));
    path = '/' + segs.map((x) => encodeSet(x, PATH_SET)).join('/');
  }
  return {
    ...p,
    pathname: path,
    query: query === null ? null : encodeSet(query, special ? SPECIAL_QUERY_SET : QUERY_SET),
    fragment: hash === null ? null : encodeSet(hash, FRAGMENT_SET),
  };
}

export class MiniURLSearchParams {
  private list: Array<[string, string]> = [];
  constructor(init = '') {
    const s = init.startsWith('?') ? init.slice(1) : init;
    for (const pair of s.split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const dec = (x: string) => {
        const plus = x.replace(/\+/g, ' ');
        try {
          return decodeURIComponent(plus);
        } catch {
          return plus.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
        }
      };
      this.list.push([dec(eq >= 0 ? pair.slice(0, eq) : pair), dec(eq >= 0 ? pair.slice(eq + 1) : '')]);
    }
  }
  get(name: string): string | null {
    return this.list.find(([n]) => n === name)?.[1] ?? null;
  }
  getAll(name: string): string[] {
    return this.list.filter(([n]) => n === name).map(([, v]) => v);
  }
  has(name: string): boolean {
    return this.list.some(([n]) => n === name);
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.list.map((p) => [p[0], p[1]] as [string, string])[Symbol.iterator]();
  }
  entries(): IterableIterator<[string, string]> {
    return this[Symbol.iterator]();
  }
  toString(): string {
    const enc = (x: string) =>
      encodeURIComponent(x)
        .replace(/%20/g, '+')
        .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    return this.list.map(([n, v]) => `${enc(n)}=${enc(v)}`).join('&');
  }
}

export class MiniURL {
  private p: Parts;
  constructor(url: string | MiniURL, base?: string | MiniURL) {
    const b = base === undefined ? undefined : parse(String(base));
    this.p = parse(String(url), b);
  }
  static canParse(url: string, base?: string): boolean {
    try {
      new MiniURL(url, base);
      return true;
    } catch {
      return false;
    }
  }
  get protocol(): string {
    return this.p.protocol;
  }
  get username(): string {
    return this.p.username;
  }
  get password(): string {
    return this.p.password;
  }
  get hostname(): string {
    return this.p.hostname;
  }
  get port(): string {
    return this.p.port;
  }
  get host(): string {
    return this.p.hostname + (this.p.port ? `:${this.p.port}` : '');
  }
  get pathname(): string {
    return this.p.pathname;
  }
  get search(): string {
    return this.p.query ? `?${this.p.query}` : '';
  }
  get hash(): string {
    return this.p.fragment ? `#${this.p.fragment}` : '';
  }
  get searchParams(): MiniURLSearchParams {
    return new MiniURLSearchParams(this.p.query ?? '');
  }
  get origin(): string {
    if (Object.hasOwn(SPECIAL, this.p.protocol) && this.p.protocol !== 'file:') return `${this.p.protocol}//${this.host}`;
    if (this.p.protocol === 'blob:') {
      try {
        const inner = new MiniURL(this.p.pathname);
        if (inner.protocol === 'http:' || inner.protocol === 'https:') return inner.origin;
      } catch {
        /* opaque */
      }
    }
    return 'null';
  }
  get href(): string {
    const p = this.p;
    const tail = `${p.query === null ? '' : `?${p.query}`}${p.fragment === null ? '' : `#${p.fragment}`}`;
    if (p.opaque) return `${p.protocol}${p.pathname}${tail}`;
    const cred = p.username || p.password ? `${p.username}${p.password ? `:${p.password}` : ''}@` : '';
    const auth = p.hostname !== '' || Object.hasOwn(SPECIAL, p.protocol) ? `//${cred}${this.host}` : '';
    return `${p.protocol}${auth}${p.pathname}${tail}`;
  }
  toString(): string {
    return this.href;
  }
  toJSON(): string {
    return this.href;
  }
}

// ------------------------------------------------------------------------------------------------ exports

const host = globalThis as Record<string, unknown>;
/** The host's own when it has one: the classic script then behaves exactly like the ESM library. */
export const URL = (typeof host.URL === 'function' ? host.URL : MiniURL) as unknown as typeof globalThis.URL;
export const TextDecoder = (typeof host.TextDecoder === 'function'
  ? host.TextDecoder
  : MiniTextDecoder) as unknown as typeof globalThis.TextDecoder;
export const atob = (typeof host.atob === 'function' ? host.atob : miniAtob) as typeof globalThis.atob;

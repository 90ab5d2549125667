/**
 * JSON output as bytes: explanations are written with plain JSON.stringify straight into large UTF-8 buffers, and
 * each buffer is checked once for the characters safeJson rewrites. Checking the bytes (a few native byte searches)
 * costs a fraction of running safeJson's regular expression over 100 MB of text, and nearly every buffer has none of
 * those characters; one that does is decoded, passed through safeJson and encoded again, so the bytes written are
 * exactly those of `safeJson(JSON.stringify(e))` in every case.
 */
import { safeJson } from './sanitize';

/**
 * Whether UTF-8 bytes hold a character that safeJson rewrites: U+007F-U+009F, U+061C, U+200E, U+200F, U+2028,
 * U+2029, U+202A-U+202E, U+2066-U+2069. (Lone surrogates never reach here: JSON.stringify escapes them, and text
 * with them cannot be UTF-8.) A false alarm would only cost time; a miss is what the tests rule out.
 */
export function hasUnsafeUtf8(b: Uint8Array): boolean {
  // U+007F is the one byte 0x7f; the others start with 0xc2 (U+0080-U+009F), 0xd8 (U+061C) or 0xe2 (U+2xxx).
  if (b.indexOf(0x7f) >= 0) return true;
  for (let i = b.indexOf(0xc2); i >= 0; i = b.indexOf(0xc2, i + 2)) {
    const n = b[i + 1]!;
    if (n >= 0x80 && n <= 0x9f) return true;
  }
  for (let i = b.indexOf(0xd8); i >= 0; i = b.indexOf(0xd8, i + 2)) if (b[i + 1] === 0x9c) return true;
  for (let i = b.indexOf(0xe2); i >= 0; i = b.indexOf(0xe2, i + 3)) {
    const n = b[i + 1];
    const m = b[i + 2]!;
    if (n === 0x80 && (m === 0x8e || m === 0x8f || (m >= 0xa8 && m <= 0xae))) return true;
    if (n === 0x81 && m >= 0xa6 && m <= 0xa9) return true;
  }
  return false;
}

/** UTF-8 JSON text made safe as safeJson makes the string: the same buffer when nothing needs rewriting. */
export function safeJsonBytes(b: Buffer): Buffer {
  return hasUnsafeUtf8(b) ? Buffer.from(safeJson(b.toString('utf8')), 'utf8') : b;
}

const UTF8_MAX_PER_UNIT = 3;

/**
 * Collects output text into UTF-8 buffers of about `size` bytes and hands each full one to `sink`. Strings are
 * encoded straight into the buffer (no joining of strings first); a string is never split between two buffers, so
 * each buffer is whole UTF-8. With `json`, each buffer passes through safeJsonBytes before it goes.
 */
export class OutBuffer {
  private buf: Buffer;
  private off = 0;

  constructor(
    private readonly sink: (b: Buffer) => void | Promise<void>,
    private readonly json: boolean,
    private readonly size = 1 << 20,
  ) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Bytes held, not yet handed on. */
  get held(): number {
    return this.off;
  }

  /** Adds text; returns the sink's promise when a full buffer went out and the sink asked to wait. */
  add(s: string): void | Promise<void> {
    if (s.length === 0) return;
    if (this.off + s.length * UTF8_MAX_PER_UNIT <= this.buf.length) {
      this.off += this.buf.write(s, this.off, 'utf8');
      return;
    }
    return this.addSlow(s);
  }

  private addSlow(s: string): void | Promise<void> {
    const p = this.flush();
    const need = s.length * UTF8_MAX_PER_UNIT;
    if (need > this.size) {
      // one piece larger than a buffer: it goes out on its own
      const q = this.emit(Buffer.from(s, 'utf8'));
      return p && q ? p.then(() => q) : (p ?? q);
    }
    this.off += this.buf.write(s, this.off, 'utf8');
    return p;
  }

  /** Hands on what is held (if anything). */
  flush(): void | Promise<void> {
    if (this.off === 0) return;
    const b = this.buf.subarray(0, this.off);
    this.buf = Buffer.allocUnsafe(this.size);
    this.off = 0;
    return this.emit(b);
  }

  private emit(b: Buffer): void | Promise<void> {
    return this.sink(this.json ? safeJsonBytes(b) : b);
  }
}

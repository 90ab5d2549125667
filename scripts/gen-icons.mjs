#!/usr/bin/env node
// Renders the extension's store/toolbar icons (the lens of src/devtools/icon.svg) to PNG without any image tool:
// shapes are sampled 4x4 per pixel for anti-aliasing, then written as an RGBA PNG with node:zlib.
//   node scripts/gen-icons.mjs   -> src/icons/icon-{16,32,48,128}.png (committed)
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x1a, 0x73, 0xe8];
const GREEN = [0x18, 0x80, 0x38];

/** Colour at (x, y) in the SVG's 32x32 space, or null: ring, handle, then the plus sign on top. */
function shade(x, y) {
  const inPlus = (Math.abs(y - 13) <= 1 && x >= 9 && x <= 17) || (Math.abs(x - 13) <= 1 && y >= 9 && y <= 17);
  if (inPlus) return GREEN;
  const r = Math.hypot(x - 13, y - 13);
  if (Math.abs(r - 9) <= 1.5) return BLUE;
  // handle: segment (19.5,19.5)-(28,28), width 4, round caps
  const t = Math.max(0, Math.min(1, (x - 19.5 + (y - 19.5)) / 17));
  const px = 19.5 + 8.5 * t,
    py = 19.5 + 8.5 * t;
  if (Math.hypot(x - px, y - py) <= 2) return BLUE;
  return null;
}

function render(size) {
  const S = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let n = 0,
        r = 0,
        g = 0,
        b = 0;
      for (let sj = 0; sj < S; sj++)
        for (let si = 0; si < S; si++) {
          const c = shade(((i + (si + 0.5) / S) / size) * 32, ((j + (sj + 0.5) / S) / size) * 32);
          if (c) {
            n++;
            r += c[0];
            g += c[1];
            b += c[2];
          }
        }
      const o = (j * size + i) * 4;
      if (n) {
        rgba[o] = r / n;
        rgba[o + 1] = g / n;
        rgba[o + 2] = b / n;
        rgba[o + 3] = Math.round((255 * n) / (S * S));
      }
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // 8-bit RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('src/icons', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`src/icons/icon-${size}.png`, png(size, render(size)));
console.log('wrote src/icons/icon-{16,32,48,128}.png');

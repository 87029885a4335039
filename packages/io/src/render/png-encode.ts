/**
 * A small PNG encoder: 8-bit RGBA, non-interlaced, zlib (node:zlib) compressed, with per-row
 * adaptive filtering (the "minimum sum of absolute differences" heuristic of the PNG spec,
 * ISO/IEC 15948 / W3C PNG 2nd ed. §12.8). Chunk layout and CRC-32 per §5.3 of the same spec.
 */
import { deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** CRC-32 (ISO 3309 / ITU-T V.42, polynomial 0xEDB88320 reflected), as PNG chunks use it. */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out, 4, 8 + data.length), 8 + data.length);
  return out;
}

export interface PngEncodeOptions {
  /** zlib compression level 0–9 (default 6). */
  level?: number;
  /** Row filtering: 'adaptive' picks None/Sub/Up/Paeth per row (default); 'none' is fastest. */
  filter?: 'adaptive' | 'none';
}

/**
 * Encodes `rgba` (width·height·4 bytes, row-major, top row first, not premultiplied) as PNG.
 */
export function encodePng(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, options: PngEncodeOptions = {}): Buffer {
  if (!Number.isInteger(width) || width < 1 || width > 0x7fffffff) throw new RangeError(`width must be a positive integer, got ${width}`);
  if (!Number.isInteger(height) || height < 1 || height > 0x7fffffff) throw new RangeError(`height must be a positive integer, got ${height}`);
  if (rgba.length !== width * height * 4) throw new RangeError(`rgba must have width·height·4 = ${width * height * 4} bytes, got ${rgba.length}`);
  const level = options.level ?? 6;
  if (!Number.isInteger(level) || level < 0 || level > 9) throw new RangeError(`level must be an integer in [0, 9], got ${level}`);

  const stride = width * 4;
  const raw = new Uint8Array((stride + 1) * height);
  if (options.filter === 'none') {
    for (let y = 0; y < height; y++) {
      raw[y * (stride + 1)] = 0;
      raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
    }
  } else {
    filterAdaptive(rgba, width, height, raw);
  }

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const idat = deflateSync(raw, { level });
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}

/** Paeth predictor (PNG spec §9.4). */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = p > a ? p - a : a - p;
  const pb = p > b ? p - b : b - p;
  const pc = p > c ? p - c : c - p;
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Writes each row with the filter (0 None, 1 Sub, 2 Up, 4 Paeth) whose output has the least sum of |signed bytes|. */
function filterAdaptive(src: Uint8Array | Uint8ClampedArray, width: number, height: number, out: Uint8Array): void {
  const stride = width * 4;
  const cand = [new Uint8Array(stride), new Uint8Array(stride), new Uint8Array(stride), new Uint8Array(stride)];
  const types = [0, 1, 2, 4];
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const prev = row - stride;
    const none = cand[0];
    const sub = cand[1];
    const up = cand[2];
    const pae = cand[3];
    let sNone = 0;
    let sSub = 0;
    let sUp = 0;
    let sPae = 0;
    for (let i = 0; i < stride; i++) {
      const x = src[row + i];
      const a = i >= 4 ? src[row + i - 4] : 0;
      const b = y > 0 ? src[prev + i] : 0;
      const c = y > 0 && i >= 4 ? src[prev + i - 4] : 0;
      const vNone = x;
      const vSub = (x - a) & 0xff;
      const vUp = (x - b) & 0xff;
      const vPae = (x - paeth(a, b, c)) & 0xff;
      none[i] = vNone;
      sub[i] = vSub;
      up[i] = vUp;
      pae[i] = vPae;
      sNone += vNone < 128 ? vNone : 256 - vNone;
      sSub += vSub < 128 ? vSub : 256 - vSub;
      sUp += vUp < 128 ? vUp : 256 - vUp;
      sPae += vPae < 128 ? vPae : 256 - vPae;
    }
    let best = 0;
    let bestSum = sNone;
    if (sSub < bestSum) {
      best = 1;
      bestSum = sSub;
    }
    if (sUp < bestSum) {
      best = 2;
      bestSum = sUp;
    }
    if (sPae < bestSum) best = 3;
    const o = y * (stride + 1);
    out[o] = types[best];
    out.set(cand[best], o + 1);
  }
}

/** A `data:image/png;base64,…` URI for embedding a PNG in SVG. */
export function pngDataUri(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64')}`;
}

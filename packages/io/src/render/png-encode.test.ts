import * as zlib from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from './png-encode.js';

/** Deterministic test image: gradients, flat areas and noise so every filter type is exercised. */
function testImage(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  let s = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const k = (y * width + x) * 4;
      s = (s * 1103515245 + 12345) >>> 0;
      rgba[k] = (x * 7) & 0xff;
      rgba[k + 1] = (y * 3 + x) & 0xff;
      rgba[k + 2] = x < width / 2 ? 200 : (s >>> 16) & 0xff;
      rgba[k + 3] = y % 5 === 0 ? 0 : 255 - x;
    }
  }
  return rgba;
}

describe('encodePng', () => {
  it.each(['adaptive', 'none'] as const)('round-trips through an independent decoder (pngjs), filter %s', (filter) => {
    const w = 37;
    const h = 23;
    const rgba = testImage(w, h);
    const png = encodePng(rgba, w, h, { filter });
    const decoded = PNG.sync.read(png);
    expect(decoded.width).toBe(w);
    expect(decoded.height).toBe(h);
    expect(Buffer.compare(decoded.data, Buffer.from(rgba))).toBe(0);
  });

  it('writes the signature, an IHDR per spec and chunk CRCs that zlib.crc32 agrees with', () => {
    const png = encodePng(testImage(5, 4), 5, 4);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    let off = 8;
    const types: string[] = [];
    while (off < png.length) {
      const len = png.readUInt32BE(off);
      const type = png.toString('latin1', off + 4, off + 8);
      types.push(type);
      const stored = png.readUInt32BE(off + 8 + len);
      // node:zlib.crc32 (zlib's own implementation) as the independent reference, where available
      const ref = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
      if (ref) expect(stored).toBe(ref(png.subarray(off + 4, off + 8 + len)) >>> 0);
      if (type === 'IHDR') {
        expect(len).toBe(13);
        expect(png.readUInt32BE(off + 8)).toBe(5);
        expect(png.readUInt32BE(off + 12)).toBe(4);
        expect([...png.subarray(off + 16, off + 21)]).toEqual([8, 6, 0, 0, 0]);
      }
      off += 12 + len;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
  });

  it('crc32 matches the published check value of "123456789" (0xCBF43926)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('rejects a buffer of the wrong size', () => {
    expect(() => encodePng(new Uint8Array(10), 2, 2)).toThrow(/16 bytes, got 10/);
  });
});

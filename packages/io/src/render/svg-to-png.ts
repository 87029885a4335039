/**
 * SVG → PNG with resvg (@resvg/resvg-js, a Rust SVG renderer with prebuilt binaries), using the
 * system's fonts (Debian: fonts-dejavu-core provides "DejaVu Sans", the maps' font).
 */
import { Resvg } from '@resvg/resvg-js';
import { writeFileAtomic } from '../fs/atomic-write.js';

export interface SvgToPngOptions {
  /** Output pixels per SVG pixel (default 1.5, crisp in reports). */
  scale?: number;
}

/** Rasterises an SVG document to PNG bytes. */
export function svgToPng(svg: string, options: SvgToPngOptions = {}): Buffer {
  const scale = options.scale ?? 1.5;
  if (!(scale > 0 && scale <= 8)) throw new RangeError(`scale must be in (0, 8], got ${scale}`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    imageRendering: 0,
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}

/**
 * Writes `<basePath>.svg` and `<basePath>.png` (basePath without extension) and returns the paths.
 */
export function writeSvgAndPng(basePath: string, svg: string, options: SvgToPngOptions = {}): { svgPath: string; pngPath: string } {
  const svgPath = `${basePath}.svg`;
  const pngPath = `${basePath}.png`;
  writeFileAtomic(svgPath, svg);
  writeFileAtomic(pngPath, svgToPng(svg, options));
  return { svgPath, pngPath };
}

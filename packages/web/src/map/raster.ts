/**
 * Coverage rasters to map images. The analysis grid is regular in longitude and latitude; the
 * map is Web Mercator, where an image source is stretched linearly between its corners. So each
 * image row is resampled from the grid row under its Mercator latitude, which places every
 * cell exactly (a plain lon/lat image would drift by up to a few km in the middle of the box).
 */
import { detectedNotEngagedMask } from '@parapet/core';
import type { CoverageJson } from '../api.js';

export type Rgba = [number, number, number, number];

export interface GridLike {
  westDeg: number;
  southDeg: number;
  eastDeg: number;
  northDeg: number;
  width: number;
  height: number;
}

const mercY = (latDeg: number): number => Math.log(Math.tan(Math.PI / 4 + (latDeg * Math.PI) / 360));

/** For each image row (Mercator-spaced), the grid row it shows. */
export function mercatorRowMap(grid: GridLike, rows = grid.height): Int32Array {
  const yN = mercY(grid.northDeg);
  const yS = mercY(grid.southDeg);
  const out = new Int32Array(rows);
  const dLat = (grid.northDeg - grid.southDeg) / grid.height;
  for (let r = 0; r < rows; r++) {
    const y = yN - ((r + 0.5) * (yN - yS)) / rows;
    const lat = (2 * Math.atan(Math.exp(y)) - Math.PI / 2) * (180 / Math.PI);
    out[r] = Math.min(grid.height - 1, Math.max(0, Math.floor((grid.northDeg - lat) / dLat)));
  }
  return out;
}

/** Image corners for a MapLibre image source: top-left, top-right, bottom-right, bottom-left. */
export function imageCorners(grid: GridLike): [[number, number], [number, number], [number, number], [number, number]] {
  return [
    [grid.westDeg, grid.northDeg],
    [grid.eastDeg, grid.northDeg],
    [grid.eastDeg, grid.southDeg],
    [grid.westDeg, grid.southDeg],
  ];
}

/**
 * Paints a per-cell class (0 = transparent) into a canvas with `palette[class]`, resampling rows
 * to Mercator. `classOf(k)` gives the class of grid cell k.
 */
export function paintRaster(grid: GridLike, classOf: (k: number) => number, palette: readonly Rgba[]): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = grid.width;
  canvas.height = grid.height;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(grid.width, grid.height);
  const px = img.data;
  const rows = mercatorRowMap(grid);
  for (let r = 0; r < grid.height; r++) {
    const base = rows[r] * grid.width;
    for (let i = 0; i < grid.width; i++) {
      const c = classOf(base + i);
      if (c === 0) continue;
      const col = palette[Math.min(c, palette.length - 1)];
      const o = (r * grid.width + i) * 4;
      px[o] = col[0];
      px[o + 1] = col[1];
      px[o + 2] = col[2];
      px[o + 3] = col[3];
    }
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

export type LayerKind = 'engage' | 'detect' | 'seen' | 'overlap' | 'uncertainty' | 'ring' | 'mda' | 'none';

export interface LegendItem {
  color: Rgba;
  label: string;
}

export interface LayerPaint {
  classOf: (k: number) => number;
  palette: Rgba[];
  legend: LegendItem[];
}

const ENGAGE: Rgba = [214, 69, 24, 255];
const DETECT: Rgba = [46, 117, 182, 255];
/** Detected by some radar, engageable by no site (core's detectedNotEngagedMask). */
export const SEEN_NOT_ENGAGED: Rgba = [200, 20, 160, 255];
/** Sequential ramp for 1, 2, 3, 4, 5+ sites (ColorBrewer YlOrRd). */
const OVERLAP: Rgba[] = [
  [254, 204, 92, 255],
  [253, 141, 60, 255],
  [240, 59, 32, 255],
  [189, 0, 38, 255],
  [110, 0, 40, 255],
];

/** How to paint one layer of a coverage result: classes per cell, colours and legend. */
export function layerPaint(cov: CoverageJson, rasters: Uint8Array, runIndex: number, kind: LayerKind): LayerPaint | undefined {
  const run = cov.runs[runIndex];
  const n = cov.grid.width * cov.grid.height;
  if (!run || kind === 'none') return undefined;
  const view = (offset: number): Uint8Array => rasters.subarray(offset, offset + n);
  if (kind === 'engage') {
    const e = view(run.engageOffset);
    return { classOf: (k) => (e[k] ? 1 : 0), palette: [[0, 0, 0, 0], ENGAGE], legend: [{ color: ENGAGE, label: 'can be engaged' }] };
  }
  if (kind === 'detect') {
    const d = view(run.detectOffset);
    const e = view(run.engageOffset);
    return {
      classOf: (k) => (e[k] ? 2 : d[k] ? 1 : 0),
      palette: [[0, 0, 0, 0], DETECT, ENGAGE],
      legend: [
        { color: DETECT, label: 'detected only' },
        { color: ENGAGE, label: 'detected and engageable' },
      ],
    };
  }
  if (kind === 'seen') {
    // The rule is core's (the same mask behind metrics.detectedNotEngagedAreaKm2), not redrawn here.
    const m = detectedNotEngagedMask({ detectCount: view(run.detectOffset), engageCount: view(run.engageOffset) });
    return {
      classOf: (k) => m[k],
      palette: [[0, 0, 0, 0], SEEN_NOT_ENGAGED],
      legend: [{ color: SEEN_NOT_ENGAGED, label: 'detected by some radar, but no site can engage it (seen, not shot)' }],
    };
  }
  if (kind === 'overlap') {
    const e = view(run.engageOffset);
    return {
      classOf: (k) => Math.min(e[k], 5),
      palette: [[0, 0, 0, 0], ...OVERLAP],
      legend: OVERLAP.map((c, i) => ({ color: c, label: i === 4 ? '5+ sites' : `${i + 1} site${i ? 's' : ''}` })),
    };
  }
  if (kind === 'ring') {
    const ring = view(cov.rings.engageOffset);
    const e = view(run.engageOffset);
    return {
      classOf: (k) => (e[k] ? 2 : ring[k] ? 1 : 0),
      palette: [[0, 0, 0, 0], [150, 150, 150, 255], ENGAGE],
      legend: [
        { color: [150, 150, 150, 255], label: 'inside a range ring, not engageable' },
        { color: ENGAGE, label: 'engageable' },
      ],
    };
  }
  if (kind === 'mda') {
    const m = cov.mda.find((x) => x.threatId === run.threatId);
    if (!m) return undefined;
    const mda = new Float32Array(rasters.buffer, rasters.byteOffset + m.offset, n);
    const bounds = [100, 300, 1000, 3000, 10000];
    const labels = ['below 100 m', '100–300 m', '300 m–1 km', '1–3 km', '3–10 km', 'above 10 km'];
    const pal: Rgba[] = [
      [63, 0, 125, 255],
      [84, 39, 143, 255],
      [117, 107, 177, 255],
      [158, 154, 200, 255],
      [203, 201, 226, 255],
      [236, 234, 245, 255],
    ];
    return {
      classOf: (k) => {
        const v = mda[k];
        if (v === Infinity) return 0;
        let c = 0;
        while (c < bounds.length && v >= bounds[c]) c++;
        return c + 1;
      },
      palette: [[0, 0, 0, 0], ...pal],
      legend: pal.map((color, i) => ({ color, label: `${labels[i]} MSL` })),
    };
  }
  // Uncertainty: where the spread of the public figures puts the edge of the engagement zone.
  if (!run.low || !run.high) return undefined;
  const lo = view(run.low.engageOffset);
  const nom = view(run.engageOffset);
  const hi = view(run.high.engageOffset);
  const band: Rgba[] = [
    [0, 0, 0, 0],
    [128, 0, 38, 255],
    [240, 59, 32, 255],
    [254, 217, 118, 255],
  ];
  return {
    classOf: (k) => (lo[k] ? 1 : nom[k] ? 2 : hi[k] ? 3 : 0),
    palette: band,
    legend: [
      { color: band[1], label: 'engaged even at the low end of the sources' },
      { color: band[2], label: 'engaged with nominal values' },
      { color: band[3], label: 'engaged only at the high end' },
    ],
  };
}

/** Compare: cells gained (B only), lost (A only) and kept (both). */
export function deltaPaint(grid: GridLike, a: Uint8Array, b: Uint8Array): LayerPaint {
  const pal: Rgba[] = [
    [0, 0, 0, 0],
    [26, 152, 80, 255],
    [215, 48, 39, 255],
    [170, 170, 170, 255],
  ];
  void grid;
  return {
    classOf: (k) => (b[k] && !a[k] ? 1 : a[k] && !b[k] ? 2 : a[k] && b[k] ? 3 : 0),
    palette: pal,
    legend: [
      { color: pal[1], label: 'gained in B' },
      { color: pal[2], label: 'lost in B' },
      { color: pal[3], label: 'in both' },
    ],
  };
}

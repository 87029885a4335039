/**
 * Coverage rasters to map colours: for the layer on screen, a class per grid cell (0 = nothing)
 * and a palette; the GPU layer (coverage-layer.ts) looks each cell's colour up and places it on
 * the Web Mercator map. The rasters come from a job's raster buffer: the whole analysis, or the
 * layer on screen computed first after an edit (its "focus").
 */
import { detectedNotEngagedMask } from '@parapet/core';
import type { CoverageFocusJson, CoverageJson } from '../api.js';

export type Rgba = [number, number, number, number];

export interface GridLike {
  westDeg: number;
  southDeg: number;
  eastDeg: number;
  northDeg: number;
  width: number;
  height: number;
}

/** The rasters a layer is coloured from (views into a job's raster buffer); absent ones are not in the job. */
export interface LayerRasters {
  grid: GridLike;
  /** Sites detecting / able to engage, per cell. */
  detect: Uint8Array;
  engage: Uint8Array;
  /** Inside some site's longest missile range. */
  engageRing?: Uint8Array;
  /** Lowest detectable altitude MSL, m (+Infinity: never). */
  mda?: Float32Array;
  /** The engage counts at the low and high reading of the sources. */
  lowEngage?: Uint8Array;
  highEngage?: Uint8Array;
}

const bytes = (rasters: Uint8Array, offset: number, n: number): Uint8Array => rasters.subarray(offset, offset + n);
const floats = (rasters: Uint8Array, offset: number, n: number): Float32Array => new Float32Array(rasters.buffer, rasters.byteOffset + offset, n);

/** Run `runIndex` of a whole analysis. */
export function runRasters(cov: CoverageJson, rasters: Uint8Array, runIndex: number): LayerRasters | undefined {
  const run = cov.runs[runIndex];
  if (!run) return undefined;
  const n = cov.grid.width * cov.grid.height;
  const mda = cov.mda.find((m) => m.threatId === run.threatId);
  return {
    grid: cov.grid,
    detect: bytes(rasters, run.detectOffset, n),
    engage: bytes(rasters, run.engageOffset, n),
    engageRing: bytes(rasters, cov.rings.engageOffset, n),
    mda: mda ? floats(rasters, mda.offset, n) : undefined,
    lowEngage: run.low ? bytes(rasters, run.low.engageOffset, n) : undefined,
    highEngage: run.high ? bytes(rasters, run.high.engageOffset, n) : undefined,
  };
}

/** The layer on screen computed alone. */
export function focusRasters(f: CoverageFocusJson, rasters: Uint8Array): LayerRasters {
  const n = f.grid.width * f.grid.height;
  return {
    grid: f.grid,
    detect: bytes(rasters, f.detectOffset, n),
    engage: bytes(rasters, f.engageOffset, n),
    engageRing: f.rings ? bytes(rasters, f.rings.engageOffset, n) : undefined,
    mda: f.mda ? floats(rasters, f.mda.offset, n) : undefined,
  };
}

/** Whether `r` holds what layer `kind` is coloured from. */
export function canPaint(r: LayerRasters, kind: LayerKind): boolean {
  if (kind === 'ring') return r.engageRing !== undefined;
  if (kind === 'mda') return r.mda !== undefined;
  if (kind === 'uncertainty') return r.lowEngage !== undefined && r.highEngage !== undefined;
  return kind !== 'none';
}

/** Each cell's class under a paint, in grid order (row 0 north). */
export function cellClasses(grid: GridLike, paint: LayerPaint, out = new Uint8Array(grid.width * grid.height)): Uint8Array {
  for (let k = 0; k < out.length; k++) out[k] = paint.classOf(k);
  return out;
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

export const ENGAGE: Rgba = [214, 69, 24, 255];
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

/** How to colour layer `kind`: classes per cell, colours and legend (undefined: nothing to draw). */
export function layerPaint(r: LayerRasters | undefined, kind: LayerKind): LayerPaint | undefined {
  if (!r || kind === 'none' || !canPaint(r, kind)) return undefined;
  const { detect: d, engage: e } = r;
  if (kind === 'engage') {
    return { classOf: (k) => (e[k] ? 1 : 0), palette: [[0, 0, 0, 0], ENGAGE], legend: [{ color: ENGAGE, label: 'can be engaged' }] };
  }
  if (kind === 'detect') {
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
    const m = detectedNotEngagedMask({ detectCount: d, engageCount: e });
    return {
      classOf: (k) => m[k],
      palette: [[0, 0, 0, 0], SEEN_NOT_ENGAGED],
      legend: [{ color: SEEN_NOT_ENGAGED, label: 'detected by some radar, but no site can engage it (seen, not shot)' }],
    };
  }
  if (kind === 'overlap') {
    return {
      classOf: (k) => Math.min(e[k], 5),
      palette: [[0, 0, 0, 0], ...OVERLAP],
      legend: OVERLAP.map((c, i) => ({ color: c, label: i === 4 ? '5+ sites' : `${i + 1} site${i ? 's' : ''}` })),
    };
  }
  if (kind === 'ring') {
    const ring = r.engageRing!;
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
    const mda = r.mda!;
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
  const lo = r.lowEngage!;
  const hi = r.highEngage!;
  const band: Rgba[] = [
    [0, 0, 0, 0],
    [128, 0, 38, 255],
    [240, 59, 32, 255],
    [254, 217, 118, 255],
  ];
  return {
    classOf: (k) => (lo[k] ? 1 : e[k] ? 2 : hi[k] ? 3 : 0),
    palette: band,
    legend: [
      { color: band[1], label: 'engaged even at the low end of the sources' },
      { color: band[2], label: 'engaged with nominal values' },
      { color: band[3], label: 'engaged only at the high end' },
    ],
  };
}

/** Compare: cells gained (B only), lost (A only) and kept (both). */
export function deltaPaint(a: Uint8Array, b: Uint8Array): LayerPaint {
  const pal: Rgba[] = [
    [0, 0, 0, 0],
    [26, 152, 80, 255],
    [215, 48, 39, 255],
    [170, 170, 170, 255],
  ];
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

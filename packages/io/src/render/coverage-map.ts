/**
 * The maps Parapet draws, all on the shared frame (map-frame.ts):
 * - coverage: detection lightly tinted, engagement stronger, darker where 2 or 3+ sites engage;
 * - continuous raster (minimum detectable altitude, Pd, …) with a colour ramp and colour bar;
 * - A/B delta: gained (green), lost (red), covered in both (grey);
 * - categorical: any class raster with a palette (e.g. uncertainty bands).
 */
import type { RegionGrid, ResolvedSite } from '@parapet/core';
import { parseColor, rampFunction, rampLut, type RampName } from './color-ramp.js';
import { composeMapSvg, type LegendEntry, type MapFrameOptions, type MapRing, type MapSite } from './map-frame.js';

export interface CategoryStyle {
  /** Class value in the raster (1–255; 0 is always transparent). */
  value: number;
  /** CSS colour, #rrggbb. */
  color: string;
  /** Opacity over the basemap, 0–1. */
  opacity: number;
  label: string;
}

export interface CategoricalMapOptions extends MapFrameOptions {
  /** Class per cell (grid order); 0 = nothing drawn. */
  classes: ArrayLike<number>;
  palette: readonly CategoryStyle[];
  legendTitle?: string;
  /** Legend lists classes present in the raster, plus these values (default: every palette entry). */
  alwaysListed?: readonly number[];
}

function checkLength(name: string, grid: RegionGrid, a: ArrayLike<number>): void {
  const n = grid.width * grid.height;
  if (a.length !== n) throw new RangeError(`${name} must have grid.width·grid.height = ${n} cells, got ${a.length}`);
}

/** Paints class values into RGBA; returns the image and which classes occur. */
function classesToRgba(classes: ArrayLike<number>, palette: readonly CategoryStyle[]): { rgba: Uint8Array; present: Set<number> } {
  const lut = new Uint8Array(256 * 4);
  for (const c of palette) {
    if (!Number.isInteger(c.value) || c.value < 1 || c.value > 255) throw new RangeError(`palette value must be an integer in [1, 255], got ${c.value}`);
    const [r, g, b] = parseColor(c.color);
    lut.set([r, g, b, Math.round(Math.max(0, Math.min(1, c.opacity)) * 255)], c.value * 4);
  }
  const n = classes.length;
  const rgba = new Uint8Array(n * 4);
  const seen = new Uint8Array(256);
  for (let k = 0; k < n; k++) {
    const v = classes[k] & 255;
    if (v === 0) continue;
    seen[v] = 1;
    const o = v * 4;
    const q = k * 4;
    rgba[q] = lut[o];
    rgba[q + 1] = lut[o + 1];
    rgba[q + 2] = lut[o + 2];
    rgba[q + 3] = lut[o + 3];
  }
  const present = new Set<number>();
  for (let v = 1; v < 256; v++) if (seen[v]) present.add(v);
  return { rgba, present };
}

/** A map of a class raster with a palette legend. */
export function renderCategoricalMapSvg(opts: CategoricalMapOptions): string {
  checkLength('classes', opts.grid, opts.classes);
  const { rgba, present } = classesToRgba(opts.classes, opts.palette);
  const legend: LegendEntry[] = opts.palette
    .filter((c) => (opts.alwaysListed ? opts.alwaysListed.includes(c.value) || present.has(c.value) : true))
    .map((c) => ({ kind: 'fill', color: c.color, opacity: c.opacity, label: c.label }));
  return composeMapSvg(opts, { rasterRgba: rgba, legendTitle: opts.legendTitle, legend });
}

// ---------------------------------------------------------------- coverage

/** Class values of the coverage map. */
export const COVERAGE_CLASS = { detected: 1, engaged1: 2, engaged2: 3, engaged3plus: 4 } as const;

export const COVERAGE_PALETTE: readonly CategoryStyle[] = [
  { value: COVERAGE_CLASS.detected, color: '#e9b824', opacity: 0.3, label: 'Detected, not engaged' },
  { value: COVERAGE_CLASS.engaged1, color: '#ee7a2f', opacity: 0.5, label: 'Engaged by 1 site' },
  { value: COVERAGE_CLASS.engaged2, color: '#d0362a', opacity: 0.55, label: 'Engaged by 2 sites' },
  { value: COVERAGE_CLASS.engaged3plus, color: '#8c1530', opacity: 0.6, label: 'Engaged by 3 or more sites' },
];

/** Coverage class per cell from the counts of detecting and engaging sites. */
export function coverageClasses(
  detectCount: ArrayLike<number> | undefined,
  engageCount: ArrayLike<number> | undefined,
  n: number,
  out?: Uint8Array,
): Uint8Array {
  const cls = out ?? new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const e = engageCount ? engageCount[k] : 0;
    const d = detectCount ? detectCount[k] : 0;
    cls[k] = e >= 3 ? 4 : e === 2 ? 3 : e === 1 ? 2 : d > 0 ? 1 : 0;
  }
  return cls;
}

export interface CoverageMapOptions extends MapFrameOptions {
  /** Number of sites detecting the target above each cell (CoverageLayer.detectCount). */
  detectCount?: ArrayLike<number>;
  /** Number of sites able to engage it (CoverageLayer.engageCount). */
  engageCount?: ArrayLike<number>;
  /** Legend heading (default "Coverage"). */
  legendTitle?: string;
}

/** The coverage map of one threat at one altitude. */
export function renderCoverageMapSvg(opts: CoverageMapOptions): string {
  const n = opts.grid.width * opts.grid.height;
  if (opts.detectCount) checkLength('detectCount', opts.grid, opts.detectCount);
  if (opts.engageCount) checkLength('engageCount', opts.grid, opts.engageCount);
  const classes = coverageClasses(opts.detectCount, opts.engageCount, n);
  return renderCategoricalMapSvg({
    ...opts,
    classes,
    palette: COVERAGE_PALETTE,
    legendTitle: opts.legendTitle ?? 'Coverage',
    // detection and single engagement always listed so maps of one run read alike; overlap classes when present
    alwaysListed: [COVERAGE_CLASS.detected, COVERAGE_CLASS.engaged1],
  });
}

// ---------------------------------------------------------------- A/B delta

export const DELTA_CLASS = { kept: 1, gained: 2, lost: 3 } as const;

export interface DeltaMapOptions extends MapFrameOptions {
  /** Per cell +1 gained (B only), −1 lost (A only), 0 unchanged (core's maskDelta().delta). */
  delta: ArrayLike<number>;
  /** A's mask (non-zero = covered in A): with it, cells covered in both are drawn grey. */
  before?: ArrayLike<number>;
  /** Short names of A and B for the legend (default "A", "B"). */
  labelA?: string;
  labelB?: string;
  legendTitle?: string;
}

/** Gained / lost / kept coverage between two runs on the same grid. */
export function renderDeltaMapSvg(opts: DeltaMapOptions): string {
  checkLength('delta', opts.grid, opts.delta);
  if (opts.before) checkLength('before', opts.grid, opts.before);
  const n = opts.delta.length;
  const classes = new Uint8Array(n);
  const before = opts.before;
  for (let k = 0; k < n; k++) {
    const d = opts.delta[k];
    classes[k] = d > 0 ? DELTA_CLASS.gained : d < 0 ? DELTA_CLASS.lost : before && before[k] !== 0 ? DELTA_CLASS.kept : 0;
  }
  const a = opts.labelA ?? 'A';
  const b = opts.labelB ?? 'B';
  const palette: CategoryStyle[] = [
    { value: DELTA_CLASS.gained, color: '#1a9641', opacity: 0.6, label: `Gained: covered in ${b} only` },
    { value: DELTA_CLASS.lost, color: '#d7191c', opacity: 0.6, label: `Lost: covered in ${a} only` },
    { value: DELTA_CLASS.kept, color: '#7d7d7d', opacity: 0.35, label: 'Covered in both' },
  ];
  return renderCategoricalMapSvg({ ...opts, classes, palette, legendTitle: opts.legendTitle ?? 'Change' });
}

// ---------------------------------------------------------------- continuous raster

export interface RasterMapOptions extends MapFrameOptions {
  /** Value per cell (grid order); NaN and ±Infinity are not drawn. */
  values: ArrayLike<number>;
  /** Values mapped to the ends of the ramp. */
  domain: [number, number];
  /** Colour bar title, with the unit, e.g. "Minimum detectable altitude (m MSL)". */
  valueLabel: string;
  ramp?: RampName | ((t: number) => string);
  /** Reverse the ramp (e.g. low altitudes dark). */
  reverse?: boolean;
  /** Class boundaries (ascending): values are binned, each bin one colour. */
  breaks?: readonly number[];
  /** Values outside the domain (or breaks): clamped to the end colour (default) or not drawn. */
  outOfRange?: 'clamp' | 'transparent';
  /** Opacity of the raster over the basemap (default 0.75). */
  opacity?: number;
  ticks?: readonly number[];
  format?: (v: number) => string;
}

/** A continuous (or classed) raster with a colour bar: minimum detectable altitude, Pd, … */
export function renderRasterMapSvg(opts: RasterMapOptions): string {
  checkLength('values', opts.grid, opts.values);
  const [v0, v1] = opts.domain;
  if (!(Number.isFinite(v0) && Number.isFinite(v1) && v1 > v0)) throw new RangeError(`domain must be two finite ascending numbers, got [${v0}, ${v1}]`);
  const breaks = opts.breaks;
  if (breaks) {
    if (breaks.length < 2) throw new RangeError(`breaks needs at least 2 values, got ${breaks.length}`);
    for (let i = 1; i < breaks.length; i++) if (!(breaks[i] > breaks[i - 1])) throw new RangeError(`breaks must be ascending, got ${breaks.join(', ')}`);
  }
  const ramp = opts.ramp ?? 'viridis';
  const lut = rampLut(ramp, opts.reverse);
  const alpha = Math.round((opts.opacity ?? 0.75) * 255);
  const clamp = (opts.outOfRange ?? 'clamp') === 'clamp';
  const lo = breaks ? breaks[0] : v0;
  const hi = breaks ? breaks[breaks.length - 1] : v1;
  const nClass = breaks ? breaks.length - 1 : 0;
  const n = opts.values.length;
  const rgba = new Uint8Array(n * 4);
  for (let k = 0; k < n; k++) {
    const v = opts.values[k];
    if (!Number.isFinite(v)) continue;
    if (!clamp && (v < lo || v > hi)) continue;
    let t: number;
    if (breaks) {
      let c = 0;
      while (c < nClass - 1 && v >= breaks[c + 1]) c++;
      t = nClass === 1 ? 0.5 : c / (nClass - 1);
    } else {
      t = (v - v0) / (v1 - v0);
      t = t < 0 ? 0 : t > 1 ? 1 : t;
    }
    const li = Math.round(t * 255) * 3;
    const o = k * 4;
    rgba[o] = lut[li];
    rgba[o + 1] = lut[li + 1];
    rgba[o + 2] = lut[li + 2];
    rgba[o + 3] = alpha;
  }
  return composeMapSvg(opts, {
    rasterRgba: rgba,
    rasterContinuous: !breaks,
    legend: [],
    colorBar: {
      title: opts.valueLabel,
      color: rampFunction(ramp, opts.reverse),
      domain: [v0, v1],
      breaks,
      ticks: opts.ticks,
      format: opts.format,
      opacity: opts.opacity ?? 0.75,
    },
  });
}

// ---------------------------------------------------------------- inputs from core types

export interface SiteMarkerOptions {
  /** Which range rings to draw per site (default 'engage': the longest missile range). */
  rings?: 'engage' | 'detect' | 'both' | 'none';
  /** Label of a site (default: its id). */
  label?: (site: ResolvedSite) => string;
}

/**
 * Map symbols and range rings for resolved sites. Each engage ring is the site's longest
 * missile range, each detect ring its longest radar instrumented range; a ring label
 * ("S-400 380 km") is written once per distinct text, so many sites of one system stay legible.
 */
export function siteMarkers(sites: readonly ResolvedSite[], options: SiteMarkerOptions = {}): { sites: MapSite[]; rings: MapRing[] } {
  const which = options.rings ?? 'engage';
  const labelled = new Set<string>();
  const rings: MapRing[] = [];
  const ringLabel = (text: string): string | undefined => {
    if (labelled.has(text)) return undefined;
    labelled.add(text);
    return text;
  };
  for (const s of sites) {
    if (which === 'engage' || which === 'both') {
      const m = s.missiles.reduce<ResolvedSite['missiles'][number] | undefined>((a, b) => (a && a.maxRangeM >= b.maxRangeM ? a : b), undefined);
      if (m && m.maxRangeM > 0) {
        rings.push({
          lonDeg: s.lonDeg,
          latDeg: s.latDeg,
          radiusM: m.maxRangeM,
          kind: 'engage',
          label: ringLabel(`${m.name} ${Math.round(m.maxRangeM / 1000)} km`),
        });
      }
    }
    if (which === 'detect' || which === 'both') {
      const r = s.radars.reduce<ResolvedSite['radars'][number] | undefined>((a, b) => (a && a.instrumentedRangeM >= b.instrumentedRangeM ? a : b), undefined);
      if (r && r.instrumentedRangeM > 0) {
        rings.push({
          lonDeg: s.lonDeg,
          latDeg: s.latDeg,
          radiusM: r.instrumentedRangeM,
          kind: 'detect',
          label: ringLabel(`${r.name} ${Math.round(r.instrumentedRangeM / 1000)} km`),
        });
      }
    }
  }
  return {
    sites: sites.map((s) => ({ id: s.id, label: options.label ? options.label(s) : s.id, lonDeg: s.lonDeg, latDeg: s.latDeg, status: s.status })),
    rings,
  };
}

// ---------------------------------------------------------------- caption

export interface CoverageCaptionInfo {
  scenarioName: string;
  threatName: string;
  altitudeM: number;
  altitudeReference: 'msl' | 'agl';
  /** Effective earth radius factor k. */
  kFactor: number;
  /** "smooth earth" when absent; otherwise a short description of the DEM. */
  terrain?: string;
  /** Catalog values behind this map, by confidence. */
  sources: { values: number; high: number; medium: number; low: number };
  /** Which end of the sourced spread was used (default nominal). */
  valueCase?: 'nominal' | 'low' | 'high';
}

function fmtK(k: number): string {
  return Math.abs(k - 4 / 3) < 1e-9 ? '4/3' : String(Math.round(k * 1000) / 1000);
}

/** The standard caption paragraphs of a coverage map. */
export function coverageCaptionLines(info: CoverageCaptionInfo): string[] {
  const s = info.sources;
  return [
    `Scenario: ${info.scenarioName}.`,
    `Threat: ${info.threatName} at ${info.altitudeM.toLocaleString('en-US')} m ${info.altitudeReference.toUpperCase()}.`,
    `Earth model: WGS84, refraction k = ${fmtK(info.kFactor)}; ${info.terrain ? `terrain from ${info.terrain}` : 'smooth earth, no terrain masking'}.`,
    `Sources: ${s.values} catalog values (${info.valueCase ?? 'nominal'} case); confidence ${s.high} high, ${s.medium} medium, ${s.low} low.`,
    'Site positions are city-level and notional. Coverage shows where the target would be detected or engaged, not where it would be.',
  ];
}

/**
 * The frame every Parapet map shares: title, basemap (sea, land, optional shaded relief,
 * coastlines, borders, country names), a data raster aligned cell-for-cell with the analysis
 * grid, graticule, range rings, sites, places, scale bar, and a side panel with the legend,
 * an optional colour bar and the caption. The specific maps (coverage, continuous raster, A/B
 * delta, categorical) only supply the raster and their legend entries.
 */
import { geodesicDirect, type RegionGrid, type SiteStatus } from '@parapet/core';
import { basemapPaths } from './basemap.js';
import { hillshade, hillshadeRgba } from './hillshade.js';
import { makeMapProjection, metresPerDegree, type MapProjection } from './map-projection.js';
import { encodePng, pngDataUri } from './png-encode.js';
import { esc, f1, FONT_FAMILY, placeLabels, textWidthPx, wrapText, type LabelRequest, type Rect } from './svg-text.js';

export interface MapSite {
  id: string;
  /** Text shown beside the symbol (default: the id). */
  label?: string;
  lonDeg: number;
  latDeg: number;
  status: SiteStatus;
}

export interface MapPlace {
  name: string;
  lonDeg: number;
  latDeg: number;
}

export interface MapRing {
  /** Centre (the site), degrees. */
  lonDeg: number;
  latDeg: number;
  /** Geodesic radius, metres. */
  radiusM: number;
  /** 'engage': a missile's maximum range; 'detect': a radar's instrumented range. */
  kind: 'engage' | 'detect';
  /** Optional text drawn at the ring's northernmost visible point, e.g. "40N6E 380 km". */
  label?: string;
}

/** What every map takes besides its data raster. */
export interface MapFrameOptions {
  /** The analysis grid; the map covers exactly its bounding box. */
  grid: RegionGrid;
  title: string;
  subtitle?: string;
  /** Caption paragraphs shown under the legend (scenario, threat, earth model, sources…). */
  captionLines?: readonly string[];
  sites?: readonly MapSite[];
  places?: readonly MapPlace[];
  rings?: readonly MapRing[];
  /** Elevation (m) on the grid, row-major like the grid; drawn as shaded relief over land. */
  reliefElevationM?: ArrayLike<number>;
  /** Largest map area, SVG px (defaults 900 × 1000); the map keeps true proportions inside. */
  maxMapWidthPx?: number;
  maxMapHeightPx?: number;
  /** Names of countries with a large visible part (default true). */
  countryLabels?: boolean;
}

export type LegendEntry =
  | { kind: 'fill'; color: string; opacity: number; label: string }
  | { kind: 'line'; color: string; width: number; dash?: string; label: string }
  | { kind: 'site'; status: SiteStatus; label: string }
  | { kind: 'place'; label: string }
  | { kind: 'heading'; label: string };

export interface ColorBar {
  title: string;
  /** Colour at t ∈ [0, 1] (CSS). */
  color: (t: number) => string;
  /** Value at t = 0 and t = 1. */
  domain: [number, number];
  /** Class boundaries (ascending, within the domain): drawn as discrete blocks when given. */
  breaks?: readonly number[];
  /** Values to label (continuous bars); default: 5 evenly spaced. */
  ticks?: readonly number[];
  format?: (v: number) => string;
  opacity?: number;
}

export interface MapOverlay {
  /** grid.width × grid.height RGBA (not premultiplied), drawn over land and relief, under coastlines. */
  rasterRgba?: Uint8Array;
  /** The raster holds gradients (a colour ramp), not a few flat classes: only changes PNG compression. */
  rasterContinuous?: boolean;
  /** Heading of the raster's legend entries. */
  legendTitle?: string;
  legend: readonly LegendEntry[];
  colorBar?: ColorBar;
}

export const MAP_STYLE = {
  sea: '#dae6ef',
  land: '#f3f0e8',
  coast: '#4d6070',
  border: '#555555',
  graticule: '#27415a',
  engageRing: '#8e1b1b',
  detectRing: '#1d4f7a',
  ink: '#1b1b1b',
  muted: '#5f6670',
} as const;

const RING_STYLE = {
  engage: { color: MAP_STYLE.engageRing, width: 1.5, dash: '8 4' },
  detect: { color: MAP_STYLE.detectRing, width: 1.2, dash: '2 3' },
};

const STATUS_LABEL: Record<SiteStatus, string> = {
  confirmed: 'Site, confirmed',
  reported: 'Site, reported',
  hypothetical: 'Site, hypothetical',
};

const M = 20; // outer margin
const PANEL_W = 300;
const SITE_R = 7;
const PLACE_R = 4.5;

/** An upright triangle for a site, styled by status: solid, hollow, or hollow dashed. */
function siteSymbol(x: number, y: number, status: SiteStatus, r = SITE_R): string {
  const pts = `${f1(x)},${f1(y - r)} ${f1(x + r * 0.92)},${f1(y + r * 0.62)} ${f1(x - r * 0.92)},${f1(y + r * 0.62)}`;
  if (status === 'confirmed') return `<polygon points="${pts}" fill="${MAP_STYLE.ink}" stroke="#fff" stroke-width="1.2" stroke-linejoin="round"/>`;
  const halo = `<polygon points="${pts}" fill="none" stroke="#fff" stroke-width="4" stroke-linejoin="round"/>`;
  if (status === 'reported') {
    return `${halo}<polygon points="${pts}" fill="#fff" stroke="${MAP_STYLE.ink}" stroke-width="2" stroke-linejoin="round"/><circle cx="${f1(x)}" cy="${f1(y + r * 0.1)}" r="${f1(r * 0.28)}" fill="${MAP_STYLE.ink}"/>`;
  }
  return `${halo}<polygon points="${pts}" fill="#fff" stroke="${MAP_STYLE.ink}" stroke-width="1.6" stroke-dasharray="2.5 1.8" stroke-linejoin="round"/>`;
}

function placeSymbol(x: number, y: number): string {
  return `<circle cx="${f1(x)}" cy="${f1(y)}" r="${PLACE_R}" fill="#fff" stroke="${MAP_STYLE.ink}" stroke-width="1.8"/><circle cx="${f1(x)}" cy="${f1(y)}" r="1.6" fill="${MAP_STYLE.ink}"/>`;
}

function haloText(
  x: number,
  y: number,
  text: string,
  size: number,
  opts: { anchor?: string; weight?: string; fill?: string; style?: string; extra?: string } = {},
): string {
  return (
    `<text x="${f1(x)}" y="${f1(y)}" font-size="${size}" text-anchor="${opts.anchor ?? 'start'}"` +
    `${opts.weight ? ` font-weight="${opts.weight}"` : ''}${opts.style ? ` font-style="${opts.style}"` : ''}${opts.extra ?? ''} fill="${opts.fill ?? MAP_STYLE.ink}"` +
    ` stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${esc(text)}</text>`
  );
}

/** A nice number ≤ `v` from the 1–2–5 series. */
function niceBelow(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  const m = v / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

function graticuleStep(pxPerDeg: number, minSpacingPx: number): number {
  for (const s of [0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 20, 30, 45, 90]) if (s * pxPerDeg >= minSpacingPx) return s;
  return 90;
}

function fmtDeg(v: number, pos: string, neg: string, step: number): string {
  const decimals = step >= 1 ? 0 : step >= 0.1 ? (Number.isInteger(step * 10) ? 1 : 2) : 2;
  let lon = v;
  if (pos === 'E') lon = ((((v + 180) % 360) + 360) % 360) - 180;
  return `${Math.abs(lon).toFixed(decimals)}°${lon < 0 ? neg : lon > 0 || pos === 'N' ? pos : ''}`;
}

/** Geodesic circle as SVG path data, 2° azimuth steps (GeographicLib direct problem). */
function ringPath(p: MapProjection, ring: MapRing): string {
  let d = '';
  for (let azDeg = 0; azDeg <= 360; azDeg += 2) {
    const q = geodesicDirect(ring.lonDeg, ring.latDeg, azDeg, ring.radiusM);
    d += `${azDeg === 0 ? 'M' : 'L'}${f1(p.x(q.lonDeg))},${f1(p.y(q.latDeg))}`;
  }
  return `${d}Z`;
}

/** Azimuths tried for a ring's label, in order: north first, then fanning out. */
const RING_LABEL_AZIMUTHS = [0, 15, -15, 30, -30, 45, -45, 60, -60, 90, -90, 120, -120, 150, -150, 180];

/**
 * A ring label box on the ring at the first azimuth where it lies inside the map and clear of
 * `taken` (text centred on the ring line, over a halo); null when no azimuth is free.
 */
function placeRingLabel(p: MapProjection, ring: MapRing, text: string, taken: readonly Rect[]): { x: number; y: number; box: Rect } | null {
  const size = 10;
  const w = textWidthPx(text, size);
  for (const az of RING_LABEL_AZIMUTHS) {
    const q = geodesicDirect(ring.lonDeg, ring.latDeg, az, ring.radiusM);
    const x = p.x(q.lonDeg);
    const y = p.y(q.latDeg) + size * 0.35;
    const box: Rect = { x0: x - w / 2 - 2, y0: y - size * 0.8 - 1, x1: x + w / 2 + 2, y1: y + size * 0.25 + 1 };
    if (box.x0 < 3 || box.x1 > p.widthPx - 3 || box.y0 < 3 || box.y1 > p.heightPx - 3) continue;
    if (taken.some((o) => Math.min(o.x1, box.x1) > Math.max(o.x0, box.x0) && Math.min(o.y1, box.y1) > Math.max(o.y0, box.y0))) continue;
    return { x, y, box };
  }
  return null;
}

/**
 * The grid raster as an embedded PNG spanning the map area. Data rasters whose cells are drawn
 * 3 px or larger use nearest-neighbour sampling (a cell is a cell: no blurred edges or invented
 * in-between classes); finer ones, and shaded relief, are smoothed.
 */
function rasterImage(rgba: Uint8Array, grid: RegionGrid, p: MapProjection, smooth: boolean, continuous: boolean): string {
  const n = grid.width * grid.height * 4;
  if (rgba.length !== n) throw new RangeError(`raster must be grid.width·grid.height·4 = ${n} bytes, got ${rgba.length}`);
  // flat classes compress best unfiltered; gradients need row filters (measured on the 1 km Korea sample)
  const png = encodePng(rgba, grid.width, grid.height, continuous ? { level: 3, filter: 'adaptive' } : { level: 6, filter: 'none' });
  const cellPx = Math.min(p.widthPx / grid.width, p.heightPx / grid.height);
  const rendering = smooth || cellPx < 3 ? '' : ' image-rendering="optimizeSpeed"';
  return `<image x="0" y="0" width="${p.widthPx}" height="${p.heightPx}" preserveAspectRatio="none"${rendering} href="${pngDataUri(png)}"/>`;
}

function legendSwatch(e: LegendEntry, x: number, yMid: number): string {
  switch (e.kind) {
    case 'fill':
      return (
        `<rect x="${x}" y="${f1(yMid - 7)}" width="30" height="14" fill="${MAP_STYLE.land}"/>` +
        `<rect x="${x}" y="${f1(yMid - 7)}" width="30" height="14" fill="${e.color}" fill-opacity="${e.opacity}" stroke="#777" stroke-width="0.6"/>`
      );
    case 'line':
      return `<line x1="${x}" y1="${f1(yMid)}" x2="${x + 30}" y2="${f1(yMid)}" stroke="${e.color}" stroke-width="${e.width}"${e.dash ? ` stroke-dasharray="${e.dash}"` : ''}/>`;
    case 'site':
      return siteSymbol(x + 15, yMid + 1, e.status, 7);
    case 'place':
      return placeSymbol(x + 15, yMid);
    default:
      return '';
  }
}

/** Draws the legend entries (wrapped) from `y`; returns the SVG and the y after the last row. */
function legendBlock(entries: readonly LegendEntry[], x: number, y: number, width: number): { svg: string; y: number } {
  let svg = '';
  let cy = y;
  for (const e of entries) {
    if (e.kind === 'heading') {
      cy += 6;
      for (const line of wrapText(e.label, width, 12, true)) {
        cy += 16;
        svg += `<text x="${x}" y="${f1(cy)}" font-size="12" font-weight="bold" fill="${MAP_STYLE.ink}">${esc(line)}</text>`;
      }
      cy += 4;
      continue;
    }
    const lines = wrapText(e.label, width - 40, 12);
    const rowH = Math.max(22, lines.length * 15 + 7);
    const mid = cy + rowH / 2;
    svg += legendSwatch(e, x, mid);
    const firstBaseline = mid - ((lines.length - 1) * 15) / 2 + 4;
    lines.forEach((line, i) => {
      svg += `<text x="${x + 40}" y="${f1(firstBaseline + i * 15)}" font-size="12" fill="${MAP_STYLE.ink}">${esc(line)}</text>`;
    });
    cy += rowH;
  }
  return { svg, y: cy };
}

function colorBarBlock(bar: ColorBar, x: number, y: number, width: number): { svg: string; y: number } {
  const [v0, v1] = bar.domain;
  const fmt = bar.format ?? ((v: number) => String(Math.round(v * 100) / 100));
  const tOf = (v: number): number => (v1 === v0 ? 0 : (v - v0) / (v1 - v0));
  const opacity = bar.opacity ?? 1;
  let svg = '';
  let cy = y + 6;
  for (const line of wrapText(bar.title, width, 12, true)) {
    cy += 16;
    svg += `<text x="${x}" y="${f1(cy)}" font-size="12" font-weight="bold" fill="${MAP_STYLE.ink}">${esc(line)}</text>`;
  }
  cy += 8;
  const h = 16;
  const barW = width - 16;
  const x0 = x + 8;
  svg += `<rect x="${f1(x0)}" y="${f1(cy)}" width="${f1(barW)}" height="${h}" fill="${MAP_STYLE.land}"/>`;
  let ticks: number[];
  if (bar.breaks && bar.breaks.length >= 2) {
    const b = bar.breaks;
    const nClass = b.length - 1;
    for (let i = 0; i < nClass; i++) {
      const t = nClass === 1 ? 0.5 : i / (nClass - 1);
      svg += `<rect x="${f1(x0 + (i * barW) / nClass)}" y="${f1(cy)}" width="${f1(barW / nClass + 0.3)}" height="${h}" fill="${bar.color(t)}" fill-opacity="${opacity}"/>`;
    }
    ticks = b.slice();
    svg += `<rect x="${f1(x0)}" y="${f1(cy)}" width="${f1(barW)}" height="${h}" fill="none" stroke="#666" stroke-width="0.8"/>`;
    // Every boundary gets a tick; labels go to the requested ticks (all boundaries by default),
    // skipping any that would overlap the previous label.
    let lastRight = -Infinity;
    ticks.forEach((v, i) => {
      const tx = x0 + (i * barW) / nClass;
      svg += `<line x1="${f1(tx)}" y1="${f1(cy + h)}" x2="${f1(tx)}" y2="${f1(cy + h + 4)}" stroke="#444" stroke-width="0.8"/>`;
      if (bar.ticks && !bar.ticks.includes(v)) return;
      const label = fmt(v);
      const half = textWidthPx(label, 11) / 2;
      if (tx - half < lastRight + 4) return;
      lastRight = tx + half;
      svg += `<text x="${f1(tx)}" y="${f1(cy + h + 16)}" font-size="11" text-anchor="middle" fill="${MAP_STYLE.ink}">${esc(label)}</text>`;
    });
  } else {
    let stops = '';
    for (let i = 0; i <= 20; i++) stops += `<stop offset="${i / 20}" stop-color="${bar.color(i / 20)}" stop-opacity="${opacity}"/>`;
    svg += `<defs><linearGradient id="pp-colorbar" x1="0" x2="1" y1="0" y2="0">${stops}</linearGradient></defs>`;
    svg += `<rect x="${f1(x0)}" y="${f1(cy)}" width="${f1(barW)}" height="${h}" fill="url(#pp-colorbar)" stroke="#666" stroke-width="0.8"/>`;
    ticks = bar.ticks ? bar.ticks.slice() : [0, 0.25, 0.5, 0.75, 1].map((t) => v0 + t * (v1 - v0));
    for (const v of ticks) {
      const tx = x0 + tOf(v) * barW;
      svg += `<line x1="${f1(tx)}" y1="${f1(cy + h)}" x2="${f1(tx)}" y2="${f1(cy + h + 4)}" stroke="#444" stroke-width="0.8"/>`;
      svg += `<text x="${f1(tx)}" y="${f1(cy + h + 16)}" font-size="11" text-anchor="middle" fill="${MAP_STYLE.ink}">${esc(fmt(v))}</text>`;
    }
  }
  return { svg, y: cy + h + 22 };
}

/** The caption paragraphs under a heading, then the credit line in small type. */
function notesBlock(captionLines: readonly string[], credit: string, x: number, y: number, width: number): { svg: string; y: number } {
  let svg = '';
  let py = y;
  if (captionLines.length > 0) {
    svg += `<text x="${x}" y="${f1(py + 4)}" font-size="13" font-weight="bold" fill="${MAP_STYLE.ink}">About this map</text>`;
    py += 14;
    for (const para of captionLines) {
      py += 5;
      for (const line of wrapText(para, width, 12)) {
        py += 15;
        svg += `<text x="${x}" y="${f1(py)}" font-size="12" fill="#2c2c2c">${esc(line)}</text>`;
      }
    }
    py += 14;
  }
  for (const line of wrapText(credit, width, 10)) {
    py += 13;
    svg += `<text x="${x}" y="${f1(py)}" font-size="10" fill="${MAP_STYLE.muted}">${esc(line)}</text>`;
  }
  return { svg, y: py };
}

/** Assembles the full SVG document of a map. */
export function composeMapSvg(opts: MapFrameOptions, overlay: MapOverlay): string {
  const { grid } = opts;
  const p = makeMapProjection(grid, opts.maxMapWidthPx ?? 900, opts.maxMapHeightPx ?? 1000);
  const W = p.widthPx;
  const H = p.heightPx;
  const sites = opts.sites ?? [];
  const places = opts.places ?? [];
  const rings = opts.rings ?? [];

  // ---- layout
  const latLabelW = 44;
  const mapX = M + latLabelW;
  const totalW = mapX + W + 24 + PANEL_W + M;
  const titleLines = wrapText(opts.title, totalW - 2 * M, 20, true);
  const subLines = opts.subtitle ? wrapText(opts.subtitle, totalW - 2 * M, 13) : [];
  let headerH = M + titleLines.length * 25 + subLines.length * 18 + 10;
  const mapY = headerH;
  const panelX = mapX + W + 24;

  // ---- map content (drawn in map coordinates inside a clipped group)
  const bm = basemapPaths(p);
  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${f1(W)}" height="${f1(H)}" fill="${MAP_STYLE.sea}"/>`);
  parts.push(`<path d="${bm.land}" fill="${MAP_STYLE.land}" stroke="none"/>`);
  if (opts.reliefElevationM) {
    const shade = hillshade(grid, opts.reliefElevationM, { zFactor: 2 });
    // relief on land only: DEMs hold 0 m or voids at sea, and the coastline is the map's truth
    parts.push(`<clipPath id="pp-land-clip"><path d="${bm.land}"/></clipPath>`);
    parts.push(`<g clip-path="url(#pp-land-clip)">${rasterImage(hillshadeRgba(shade, 45, 0.55), grid, p, true, true)}</g>`);
  }
  if (overlay.rasterRgba) parts.push(rasterImage(overlay.rasterRgba, grid, p, false, overlay.rasterContinuous ?? false));
  parts.push(`<path d="${bm.coast}" fill="none" stroke="${MAP_STYLE.coast}" stroke-width="0.9" stroke-linejoin="round"/>`);
  parts.push(`<path d="${bm.borders}" fill="none" stroke="#fff" stroke-width="3" stroke-opacity="0.7" stroke-linejoin="round"/>`);
  parts.push(`<path d="${bm.borders}" fill="none" stroke="${MAP_STYLE.border}" stroke-width="1.2" stroke-dasharray="6 2 1.5 2" stroke-linejoin="round"/>`);

  // graticule
  const step = graticuleStep(Math.min(p.pxPerDegLon, p.pxPerDegLat), 70);
  const lonTicks: number[] = [];
  const latTicks: number[] = [];
  for (let v = Math.ceil(grid.westDeg / step) * step; v <= grid.eastDeg + 1e-9; v += step) lonTicks.push(Math.round(v / step) * step);
  for (let v = Math.ceil(grid.southDeg / step) * step; v <= grid.northDeg + 1e-9; v += step) latTicks.push(Math.round(v / step) * step);
  let grat = '';
  for (const lon of lonTicks) grat += `M${f1(p.x(lon))},0V${f1(H)}`;
  for (const lat of latTicks) grat += `M0,${f1(p.y(lat))}H${f1(W)}`;
  parts.push(`<path d="${grat}" fill="none" stroke="${MAP_STYLE.graticule}" stroke-opacity="0.18" stroke-width="0.7"/>`);

  // range rings (their labels are placed after the other labels, where there is room)
  for (const r of rings) {
    const st = RING_STYLE[r.kind];
    const d = ringPath(p, r);
    parts.push(`<path d="${d}" fill="none" stroke="#fff" stroke-opacity="0.6" stroke-width="${st.width + 2}"/>`);
    parts.push(`<path d="${d}" fill="none" stroke="${st.color}" stroke-width="${st.width}" stroke-dasharray="${st.dash}"/>`);
  }

  // symbols, then labels placed around them
  const obstacles: Rect[] = [];
  const labelReqs: LabelRequest[] = [];
  const symbolSvg: string[] = [];
  const inMap = (x: number, y: number): boolean => x >= 0 && x <= W && y >= 0 && y <= H;
  for (const pl of places) {
    const x = p.x(pl.lonDeg);
    const y = p.y(pl.latDeg);
    if (!inMap(x, y)) continue;
    symbolSvg.push(placeSymbol(x, y));
    obstacles.push({ x0: x - PLACE_R - 1, y0: y - PLACE_R - 1, x1: x + PLACE_R + 1, y1: y + PLACE_R + 1 });
  }
  for (const s of sites) {
    const x = p.x(s.lonDeg);
    const y = p.y(s.latDeg);
    if (!inMap(x, y)) continue;
    symbolSvg.push(siteSymbol(x, y, s.status));
    obstacles.push({ x0: x - SITE_R, y0: y - SITE_R - 1, x1: x + SITE_R, y1: y + SITE_R * 0.7 + 1 });
  }
  for (const s of sites) {
    const x = p.x(s.lonDeg);
    const y = p.y(s.latDeg);
    if (inMap(x, y)) labelReqs.push({ text: s.label ?? s.id, x, y, fontSizePx: 11, bold: true, gapPx: SITE_R + 1 });
  }
  for (const pl of places) {
    const x = p.x(pl.lonDeg);
    const y = p.y(pl.latDeg);
    if (inMap(x, y)) labelReqs.push({ text: pl.name, x, y, fontSizePx: 12, gapPx: PLACE_R + 1 });
  }
  // scale bar (bottom-left, inside the map) is an obstacle too
  const { lonM } = metresPerDegree(grid);
  const pxPerKm = p.pxPerDegLon / (lonM / 1000);
  const barKm = niceBelow((W * 0.28) / pxPerKm);
  const barPx = barKm * pxPerKm;
  const sbX = 14;
  const sbY = H - 30;
  const scaleBox: Rect = { x0: sbX - 8, y0: sbY - 20, x1: sbX + barPx + 34, y1: H - 6 };
  obstacles.push(scaleBox);
  const bounds: Rect = { x0: 2, y0: 2, x1: W - 2, y1: H - 2 };
  const placed = placeLabels(labelReqs, obstacles, bounds);
  const labelSvg = placed.map((l, i) => {
    const req = labelReqs[i];
    let leader = '';
    if (l.far) {
      // from the symbol's edge to the nearest point of the label box
      const bx = Math.max(l.box.x0, Math.min(req.x, l.box.x1));
      const by = Math.max(l.box.y0, Math.min(req.y, l.box.y1));
      const len = Math.hypot(bx - req.x, by - req.y);
      if (len > req.gapPx) {
        const sx = req.x + ((bx - req.x) * req.gapPx) / len;
        const sy = req.y + ((by - req.y) * req.gapPx) / len;
        leader = `<line x1="${f1(sx)}" y1="${f1(sy)}" x2="${f1(bx)}" y2="${f1(by)}" stroke="#fff" stroke-width="2.6" stroke-linecap="round"/><line x1="${f1(sx)}" y1="${f1(sy)}" x2="${f1(bx)}" y2="${f1(by)}" stroke="${MAP_STYLE.ink}" stroke-width="0.9"/>`;
      }
    }
    return leader + haloText(l.x, l.y, l.text, req.fontSizePx, { anchor: l.anchor, weight: req.bold ? 'bold' : undefined });
  });

  const taken = obstacles.concat(placed.map((l) => l.box));
  const ringLabelSvg: string[] = [];
  for (const r of rings) {
    if (!r.label) continue;
    const at = placeRingLabel(p, r, r.label, taken);
    if (!at) continue;
    taken.push(at.box);
    const b = at.box;
    ringLabelSvg.push(
      `<rect x="${f1(b.x0)}" y="${f1(b.y0)}" width="${f1(b.x1 - b.x0)}" height="${f1(b.y1 - b.y0)}" rx="2" fill="#fff" fill-opacity="0.85"/>` +
        `<text x="${f1(at.x)}" y="${f1(at.y)}" font-size="10" text-anchor="middle" fill="${RING_STYLE[r.kind].color}">${esc(r.label)}</text>`,
    );
  }

  // country names: only where they fit without touching anything else
  const countrySvg: string[] = [];
  if (opts.countryLabels ?? true) {
    for (const c of bm.countries) {
      if (c.areaPx2 < 0.015 * W * H) continue;
      const text = c.name.toUpperCase();
      const size = 13;
      const w = textWidthPx(text, size, false) + text.length * 2.5;
      // at the visible part's centroid, or nudged a little when something is in the way
      for (const [dx, dy] of [
        [0, 0],
        [0, -24],
        [0, 24],
        [-48, 0],
        [48, 0],
        [0, -48],
        [0, 48],
      ]) {
        const x = c.x + dx;
        const y = c.y + dy;
        const box: Rect = { x0: x - w / 2, y0: y - size, x1: x + w / 2, y1: y + 4 };
        if (box.x0 < 4 || box.x1 > W - 4 || box.y0 < 4 || box.y1 > H - 4) continue;
        if (taken.some((o) => Math.min(o.x1, box.x1) > Math.max(o.x0, box.x0) && Math.min(o.y1, box.y1) > Math.max(o.y0, box.y0))) continue;
        taken.push(box);
        countrySvg.push(
          `<text x="${f1(x)}" y="${f1(y)}" font-size="${size}" text-anchor="middle" letter-spacing="2.5" fill="#6e6a60" fill-opacity="0.9" stroke="#fff" stroke-opacity="0.6" stroke-width="2.5" paint-order="stroke">${esc(text)}</text>`,
        );
        break;
      }
    }
  }
  parts.push(...countrySvg, ...ringLabelSvg, ...symbolSvg, ...labelSvg);

  // scale bar
  const half = barPx / 2;
  parts.push(
    `<rect x="${f1(scaleBox.x0)}" y="${f1(scaleBox.y0)}" width="${f1(scaleBox.x1 - scaleBox.x0)}" height="${f1(scaleBox.y1 - scaleBox.y0)}" rx="3" fill="#fff" fill-opacity="0.85" stroke="#999" stroke-width="0.6"/>` +
      `<rect x="${f1(sbX)}" y="${f1(sbY)}" width="${f1(half)}" height="6" fill="${MAP_STYLE.ink}"/>` +
      `<rect x="${f1(sbX + half)}" y="${f1(sbY)}" width="${f1(half)}" height="6" fill="#fff" stroke="${MAP_STYLE.ink}" stroke-width="0.8"/>` +
      `<rect x="${f1(sbX)}" y="${f1(sbY)}" width="${f1(barPx)}" height="6" fill="none" stroke="${MAP_STYLE.ink}" stroke-width="0.8"/>` +
      `<text x="${f1(sbX)}" y="${f1(sbY - 5)}" font-size="10" text-anchor="middle" fill="${MAP_STYLE.ink}">0</text>` +
      `<text x="${f1(sbX + half)}" y="${f1(sbY - 5)}" font-size="10" text-anchor="middle" fill="${MAP_STYLE.ink}">${barKm / 2}</text>` +
      `<text x="${f1(sbX + barPx)}" y="${f1(sbY - 5)}" font-size="10" text-anchor="start" fill="${MAP_STYLE.ink}" dx="-4">${barKm} km</text>` +
      `<text x="${f1(sbX)}" y="${f1(sbY + 16)}" font-size="9" fill="${MAP_STYLE.muted}">true at ${((grid.southDeg + grid.northDeg) / 2).toFixed(1)}°</text>`,
  );

  // ---- frame, graticule labels
  const frame: string[] = [];
  frame.push(`<rect x="${mapX}" y="${mapY}" width="${f1(W)}" height="${f1(H)}" fill="none" stroke="#333" stroke-width="1"/>`);
  for (const lon of lonTicks) {
    const x = mapX + p.x(lon);
    frame.push(`<line x1="${f1(x)}" y1="${f1(mapY + H)}" x2="${f1(x)}" y2="${f1(mapY + H + 5)}" stroke="#333"/>`);
    frame.push(`<line x1="${f1(x)}" y1="${mapY}" x2="${f1(x)}" y2="${mapY - 5}" stroke="#333"/>`);
    frame.push(
      `<text x="${f1(x)}" y="${f1(mapY + H + 18)}" font-size="11" text-anchor="middle" fill="${MAP_STYLE.muted}">${fmtDeg(lon, 'E', 'W', step)}</text>`,
    );
  }
  for (const lat of latTicks) {
    const y = mapY + p.y(lat);
    frame.push(`<line x1="${mapX - 5}" y1="${f1(y)}" x2="${mapX}" y2="${f1(y)}" stroke="#333"/>`);
    frame.push(`<line x1="${f1(mapX + W)}" y1="${f1(y)}" x2="${f1(mapX + W + 5)}" y2="${f1(y)}" stroke="#333"/>`);
    frame.push(`<text x="${mapX - 8}" y="${f1(y + 4)}" font-size="11" text-anchor="end" fill="${MAP_STYLE.muted}">${fmtDeg(lat, 'N', 'S', step)}</text>`);
  }

  // ---- side panel: legend, colour bar, caption, credits
  const panel: string[] = [];
  const innerX = panelX + 12;
  const innerW = PANEL_W - 24;
  let py = mapY;
  const legendEntries: LegendEntry[] = [];
  if (overlay.legend.length > 0) {
    if (overlay.legendTitle) legendEntries.push({ kind: 'heading', label: overlay.legendTitle });
    legendEntries.push(...overlay.legend);
  }
  const ringKinds = new Set(rings.map((r) => r.kind));
  const statuses = new Set(sites.map((s) => s.status));
  if (ringKinds.size > 0 || statuses.size > 0 || places.length > 0) legendEntries.push({ kind: 'heading', label: 'Symbols' });
  if (ringKinds.has('engage')) legendEntries.push({ kind: 'line', ...RING_STYLE.engage, label: 'Range ring: missile maximum range' });
  if (ringKinds.has('detect')) legendEntries.push({ kind: 'line', ...RING_STYLE.detect, label: 'Range ring: radar instrumented range' });
  for (const st of ['confirmed', 'reported', 'hypothetical'] as const)
    if (statuses.has(st)) legendEntries.push({ kind: 'site', status: st, label: STATUS_LABEL[st] });
  if (places.length > 0) legendEntries.push({ kind: 'place', label: 'Place of interest' });
  legendEntries.push({ kind: 'line', color: MAP_STYLE.border, width: 1.2, dash: '6 2 1.5 2', label: 'International boundary' });

  const legendTop = py;
  let body = '';
  let ly = legendTop + 8;
  body += `<text x="${innerX}" y="${f1(ly + 16)}" font-size="15" font-weight="bold" fill="${MAP_STYLE.ink}">Legend</text>`;
  ly += 20;
  if (overlay.colorBar) {
    const cb = colorBarBlock(overlay.colorBar, innerX, ly, innerW);
    body += cb.svg;
    ly = cb.y;
  }
  const lg = legendBlock(legendEntries, innerX, ly, innerW);
  body += lg.svg;
  ly = lg.y + 10;
  panel.push(
    `<rect x="${panelX}" y="${f1(legendTop)}" width="${PANEL_W}" height="${f1(ly - legendTop)}" rx="4" fill="#fafafa" stroke="#bbb" stroke-width="0.8"/>`,
  );
  panel.push(body);
  py = ly + 18;

  // caption and credits: in the panel when they fit beside the map, else under the map
  const credit = `Basemap: Natural Earth 1:50m (world-atlas). Equirectangular, true scale at ${((grid.southDeg + grid.northDeg) / 2).toFixed(1)}° latitude. Made with Parapet — for analysis and education; positions are city-level and notional.`;
  const mapBottom = mapY + H + 26;
  const inPanel = notesBlock(opts.captionLines ?? [], credit, panelX, py, PANEL_W);
  let notesBottom: number;
  if (inPanel.y <= mapBottom + 40) {
    panel.push(inPanel.svg);
    notesBottom = inPanel.y;
  } else {
    const below = notesBlock(opts.captionLines ?? [], credit, M, mapBottom + 10, mapX + W - M);
    panel.push(below.svg);
    notesBottom = Math.max(below.y, py);
  }

  const totalH = Math.ceil(Math.max(mapBottom, notesBottom + 8) + M);

  // ---- header
  const header: string[] = [];
  let hy = M;
  for (const line of titleLines) {
    hy += 22;
    header.push(`<text x="${M}" y="${hy}" font-size="20" font-weight="bold" fill="${MAP_STYLE.ink}">${esc(line)}</text>`);
  }
  hy += 3;
  for (const line of subLines) {
    hy += 18;
    header.push(`<text x="${M}" y="${hy}" font-size="13" fill="${MAP_STYLE.muted}">${esc(line)}</text>`);
  }
  headerH = hy;

  const width = Math.ceil(totalW);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${totalH}" viewBox="0 0 ${width} ${totalH}" font-family="${esc(FONT_FAMILY)}">\n` +
    `<title>${esc(opts.title)}</title>\n` +
    `<defs><clipPath id="pp-map-clip"><rect x="0" y="0" width="${f1(W)}" height="${f1(H)}"/></clipPath></defs>\n` +
    `<rect x="0" y="0" width="${width}" height="${totalH}" fill="#fff"/>\n` +
    `${header.join('\n')}\n` +
    `<g transform="translate(${mapX},${mapY})" clip-path="url(#pp-map-clip)">\n${parts.join('\n')}\n</g>\n` +
    `${frame.join('\n')}\n` +
    `${panel.join('\n')}\n` +
    `</svg>\n`
  );
}

/**
 * Vertical coverage diagram (range–height "Blake chart") as SVG: the radar's vertical plane with
 * straight rays and constant-height lines that curve down with range over the 4/3 earth; filled
 * detection regions at several Pd, the engagement zones, the missiles' kinematic envelopes, the
 * radar horizon, the terrain profile and the region it masks, a legend and a table of ranges at
 * given heights. Coordinates: x = (a+h)·sin(s/a), y = (a+h)·cos(s/a) − a (core `blakeXY`),
 * drawn with a vertical exaggeration so that both the range and the height read.
 */
import { blakeXY, type HeightBand, type VerticalCoverage } from '@parapet/core';
import { esc, f1, FONT_FAMILY, textWidthPx } from './svg-text.js';

export interface VcdTable {
  title: string;
  columns: string[];
  rows: string[][];
}

export interface VcdSvgOptions {
  title: string;
  subtitle: string[];
  footer: string[];
  /** Radar whose Pd contours are filled (index into vc.input.radars). */
  primaryRadarIndex: number;
  /** Top of the plot, metres MSL (default: from the contents). */
  maxHeightM?: number;
  table?: VcdTable;
  width?: number;
  height?: number;
}

const PD_FILLS = ['#08519c', '#4292c6', '#9ecae1', '#deebf7'];
const ENGAGE = '#cc2f25';
const HALO = 'paint-order="stroke" stroke="#ffffff" stroke-width="3" stroke-linejoin="round"';
const OTHER_RADAR_DASH = ['6 3', '2 3', '10 3 2 3'];
const OTHER_RADAR_COLORS = ['#0b3d20', '#6a3d9a', '#8c510a'];

function niceStep(span: number, target: number): number {
  const raw = span / target;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

function fmtKm(m: number): string {
  const km = m / 1000;
  return km >= 100 ? km.toFixed(0) : km >= 10 ? km.toFixed(0) : km.toFixed(1).replace(/\.0$/, '');
}

/** Renders the diagram. */
export function renderVcdSvg(vc: VerticalCoverage, opts: VcdSvgOptions): string {
  const W = opts.width ?? 1500;
  const H = opts.height ?? 900;
  const a = vc.input.earthRadiusM;
  const s = vc.groundRangeM;
  const n = s.length;
  const sMax = s[n - 1];
  const primary = opts.primaryRadarIndex;
  const radar = vc.input.radars[primary];

  // Plot extent in the Blake frame (metres).
  let topM = opts.maxHeightM ?? 0;
  if (!opts.maxHeightM) {
    for (const d of vc.detections) if (d.radarIndex === primary) for (let i = 0; i < n; i++) if (d.hi[i] > topM) topM = d.hi[i];
    for (const k of vc.kinematic) for (let i = 0; i < n; i++) if (k.hi[i] > topM) topM = k.hi[i];
    topM = Math.max(5000, Math.ceil((topM * 1.08) / 5000) * 5000);
  }
  const [xEnd, yEarthEnd] = blakeXY(sMax, 0, a);
  const terrainTop = vc.input.terrain ? Math.max(...vc.groundMslM) : 0;
  const yMinM = Math.min(yEarthEnd, 0) - 0.02 * topM;
  const yMaxM = Math.max(topM, terrainTop);

  const legendW = 360;
  const L = 78;
  const R = W - legendW - 30;
  const T = 96;
  const B = H - 118;
  const sx = (R - L) / xEnd;
  const sy = (B - T) / (yMaxM - yMinM);
  const px = (x: number): number => L + x * sx;
  const py = (y: number): number => B - (y - yMinM) * sy;
  const pt = (si: number, h: number): [number, number] => {
    const [x, y] = blakeXY(si, h, a);
    return [px(x), py(y)];
  };

  /** Path through (s, h) points, dropping points closer than 0.4 px to the previous one. */
  const polyline = (pts: [number, number][]): string => {
    let d = '';
    let lx = NaN;
    let ly = NaN;
    for (let i = 0; i < pts.length; i++) {
      const [x, y] = pts[i];
      const last = i === pts.length - 1;
      if (d && !last && Math.abs(x - lx) < 0.4 && Math.abs(y - ly) < 0.4) continue;
      d += `${d ? 'L' : 'M'}${f1(x)},${f1(y)}`;
      lx = x;
      ly = y;
    }
    return d;
  };

  /** SVG path of each run of covered samples of a band: `closed` polygons, or the upper and outer edges only. */
  const bandRunsPath = (band: HeightBand, closed: boolean): string => {
    let d = '';
    let i = 0;
    while (i < n) {
      while (i < n && !(band.hi[i] >= band.lo[i])) i++;
      if (i >= n) break;
      const start = i;
      while (i < n && band.hi[i] >= band.lo[i]) i++;
      const end = i - 1;
      const pts: [number, number][] = [];
      for (let j = start; j <= end; j++) pts.push(pt(s[j], Math.min(band.hi[j], yMaxM + 1000)));
      if (closed) {
        for (let j = end; j >= start; j--) pts.push(pt(s[j], band.lo[j]));
        d += `${polyline(pts)}Z`;
      } else {
        pts.push(pt(s[end], band.lo[end]));
        d += polyline(pts);
      }
    }
    return d;
  };
  /** Closed polygons of a height band, one per run of covered samples. */
  const bandPath = (band: HeightBand): string => bandRunsPath(band, true);
  /** Upper and outer edges only of a height band (for envelopes whose floor is the ground). */
  const bandTopPath = (band: HeightBand): string => bandRunsPath(band, false);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT_FAMILY}">`);
  out.push(`<defs><clipPath id="plot"><rect x="${L}" y="${T}" width="${R - L}" height="${B - T}"/></clipPath>`);
  out.push(
    `<pattern id="mask-hatch" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)"><rect width="7" height="7" fill="#ececec"/><line x1="0" y1="0" x2="0" y2="7" stroke="#9a9a9a" stroke-width="1.2"/></pattern>`,
  );
  out.push(
    `<pattern id="engage-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(-45)"><line x1="0" y1="0" x2="0" y2="8" stroke="${ENGAGE}" stroke-width="2.2"/></pattern></defs>`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);

  // Title block.
  out.push(`<text x="${L}" y="36" font-size="24" font-weight="bold" fill="#111">${esc(opts.title)}</text>`);
  opts.subtitle.forEach((line, i) => out.push(`<text x="${L}" y="${60 + i * 18}" font-size="14" fill="#333">${esc(line)}</text>`));

  out.push(`<g clip-path="url(#plot)">`);
  out.push(`<rect x="${L}" y="${T}" width="${R - L}" height="${B - T}" fill="#fbfdff"/>`);

  // Earth below sea level (smooth) or the terrain.
  {
    const pts: [number, number][] = [];
    for (let i = 0; i < n; i++) pts.push(pt(s[i], 0));
    pts.push([px(xEnd) + 50, B + 50], [L - 50, B + 50]);
    out.push(`<path d="${polyline(pts)}Z" fill="#e8dcc4" stroke="#8a7350" stroke-width="1.2"/>`);
  }
  // Masked region: above the ground, below the radar horizon / terrain mask of the primary radar.
  {
    const mask = vc.maskMslM[primary];
    const band: HeightBand = { lo: new Float64Array(n), hi: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      band.lo[i] = vc.groundMslM[i];
      band.hi[i] = Math.min(mask[i], yMaxM + 1000);
      if (!(band.hi[i] > band.lo[i] + 1)) {
        band.lo[i] = NaN;
        band.hi[i] = NaN;
      }
    }
    out.push(`<path d="${bandPath(band)}" fill="url(#mask-hatch)" stroke="none"/>`);
  }
  if (vc.input.terrain) {
    const pts: [number, number][] = [];
    for (let i = 0; i < n; i++) pts.push(pt(s[i], vc.groundMslM[i]));
    for (let i = n - 1; i >= 0; i--) pts.push(pt(s[i], Math.min(0, vc.groundMslM[i]) - 200));
    out.push(`<path d="${polyline(pts)}Z" fill="#b79a6a" stroke="#6b5330" stroke-width="1"/>`);
  }

  // Height lines (curved) and elevation rays (straight).
  const hStep = niceStep(yMaxM, 8);
  for (let h = hStep; h <= yMaxM + 1; h += hStep) {
    const pts: [number, number][] = [];
    for (let i = 0; i < n; i += 10) pts.push(pt(s[i], h));
    pts.push(pt(sMax, h));
    out.push(`<path d="${polyline(pts)}" fill="none" stroke="#c9d3dd" stroke-width="0.9"/>`);
  }
  const antennaMsl = vc.siteGroundMslM + radar.antennaHeightM;
  const [ax, ay] = blakeXY(0, antennaMsl, a);
  const rayLabels: string[] = [];
  for (const eDeg of [0, 0.5, 1, 2, 3, 5, 10, 20, 45]) {
    const e = (eDeg * Math.PI) / 180;
    // End the ray where it leaves the plot (resvg mishandles far off-canvas coordinates under a clip).
    const tTop = e > 0 ? (yMaxM - ay) / Math.sin(e) : Infinity;
    const tRight = (xEnd - ax) / Math.cos(e);
    const t = Math.min(tTop, tRight);
    const lx = px(ax + t * Math.cos(e));
    const ly = py(ay + t * Math.sin(e));
    out.push(`<line x1="${f1(px(ax))}" y1="${f1(py(ay))}" x2="${f1(lx)}" y2="${f1(ly)}" stroke="#dde3ea" stroke-width="0.8" stroke-dasharray="3 4"/>`);
    if (eDeg > 0)
      rayLabels.push(
        `<text x="${f1(Math.min(lx - 3, R - 4))}" y="${f1(Math.max(ly + 12, T + 12))}" font-size="11" fill="#7d8a99" text-anchor="end" ${HALO}>${eDeg}°</text>`,
      );
  }

  // Detection regions of the primary radar, widest (lowest Pd) first, nested tones.
  const prim = vc.detections.filter((d) => d.radarIndex === primary).sort((x, y) => x.pd - y.pd);
  // Light (lowest Pd, widest) to dark (highest Pd).
  const fills = prim.map((_, k) => PD_FILLS[Math.max(0, Math.min(PD_FILLS.length - 1, prim.length - 1 - k))]);
  out.push(`<g opacity="0.78">`);
  prim.forEach((d, k) => out.push(`<path d="${bandPath(d)}" fill="${fills[k]}" stroke="#08306b" stroke-width="0.8" stroke-opacity="0.7"/>`));
  out.push(`</g>`);

  // Other radars: outline at the engagement Pd.
  const others = vc.detections.filter((d) => d.radarIndex !== primary && d.pd === vc.input.engagementPd);
  others.forEach((d, k) => {
    out.push(`<path d="${bandPath(d)}" fill="none" stroke="${OTHER_RADAR_COLORS[k % 3]}" stroke-width="1.8" stroke-dasharray="${OTHER_RADAR_DASH[k % 3]}"/>`);
  });

  // Engagement zones (union look: one group opacity) and kinematic envelopes.
  out.push(`<g opacity="0.22">`);
  for (const e of vc.engagements) out.push(`<path d="${bandPath(e)}" fill="${ENGAGE}" stroke="none"/>`);
  out.push(`</g><g opacity="0.75">`);
  for (const e of vc.engagements) out.push(`<path d="${bandPath(e)}" fill="url(#engage-hatch)" stroke="none"/>`);
  out.push(`</g>`);
  for (const e of vc.engagements) out.push(`<path d="${bandPath(e)}" fill="none" stroke="#7a0b1d" stroke-width="1.6"/>`);
  for (const k of vc.kinematic)
    out.push(`<path d="${bandTopPath(k)}" fill="none" stroke="${ENGAGE}" stroke-width="1.2" stroke-dasharray="7 4" opacity="0.85"/>`);

  // Radar horizon (primary radar): the grazing ray or terrain mask.
  {
    const mask = vc.maskMslM[primary];
    const pts: [number, number][] = [];
    for (let i = 0; i < n; i++) if (mask[i] <= yMaxM * 1.5) pts.push(pt(s[i], mask[i]));
    out.push(`<path d="${polyline(pts)}" fill="none" stroke="#222" stroke-width="1.6" stroke-dasharray="9 4"/>`);
  }
  out.push(...rayLabels);
  // Antenna.
  out.push(`<circle cx="${f1(px(ax))}" cy="${f1(py(ay))}" r="4" fill="#111"/>`);
  out.push(`</g>`);

  // Height labels at the right end of each curved height line, and left axis at the site.
  for (let h = 0; h <= yMaxM + 1; h += hStep) {
    const [, yl] = pt(0, h);
    if (yl >= T - 1 && yl <= B + 1) {
      out.push(`<line x1="${L - 5}" y1="${f1(yl)}" x2="${L}" y2="${f1(yl)}" stroke="#333"/>`);
      out.push(`<text x="${L - 8}" y="${f1(yl + 4)}" font-size="13" text-anchor="end" fill="#222">${fmtKm(h)}</text>`);
    }
    const [xr, yr] = pt(sMax, h);
    if (yr >= T + 8 && yr <= B - 2)
      out.push(`<text x="${f1(xr + 4)}" y="${f1(yr + 4)}" font-size="11" fill="#7d8a99" ${HALO}>${h === 0 ? 'sea level' : `${fmtKm(h)} km`}</text>`);
  }
  const sStep = niceStep(sMax, 10);
  for (let x = 0; x <= sMax + 1; x += sStep) {
    const [xb] = pt(x, 0);
    out.push(`<line x1="${f1(xb)}" y1="${B}" x2="${f1(xb)}" y2="${B + 5}" stroke="#333"/>`);
    out.push(`<text x="${f1(xb)}" y="${B + 21}" font-size="13" text-anchor="middle" fill="#222">${fmtKm(x)}</text>`);
  }
  out.push(`<rect x="${L}" y="${T}" width="${R - L}" height="${B - T}" fill="none" stroke="#444" stroke-width="1"/>`);
  out.push(`<text x="${(L + R) / 2}" y="${B + 44}" font-size="14" text-anchor="middle" fill="#222">ground range from the site (km)</text>`);
  out.push(
    `<text x="${L - 54}" y="${(T + B) / 2}" font-size="14" text-anchor="middle" fill="#222" transform="rotate(-90 ${L - 54} ${(T + B) / 2})">height above sea level at the site (km) — curved lines: constant height</text>`,
  );

  // Legend.
  const lx = R + 24;
  let ly = T + 4;
  const item = (swatch: string, label: string): void => {
    out.push(`<g transform="translate(${lx},${ly})">${swatch}</g>`);
    const lines = wrap(label, legendW - 50, 13);
    lines.forEach((ln, i) => out.push(`<text x="${lx + 40}" y="${ly + 13 + i * 16}" font-size="13" fill="#222">${esc(ln)}</text>`));
    ly += Math.max(22, lines.length * 16 + 6);
  };
  out.push(`<text x="${lx}" y="${ly + 12}" font-size="14" font-weight="bold" fill="#111">Legend</text>`);
  ly += 24;
  prim
    .slice()
    .reverse()
    .forEach((d) => {
      const k = prim.indexOf(d);
      item(
        `<rect width="30" height="16" fill="${fills[k]}" opacity="0.78" stroke="#08306b" stroke-width="0.8"/>`,
        `${radar.name.split(' ')[0]} detects, Pd ≥ ${d.pd} per scan (R = ${fmtKm(d.rangeM)} km${d.rangeM === radar.instrumentedRangeM && d.rangeM < d.pdRangeM ? ', instrumented limit' : d.rangeM < d.pdRangeM ? ', jammed' : ''})`,
      );
    });
  others.forEach((d, k) => {
    const r = vc.input.radars[d.radarIndex];
    item(
      `<line x1="0" y1="8" x2="30" y2="8" stroke="${OTHER_RADAR_COLORS[k % 3]}" stroke-width="2" stroke-dasharray="${OTHER_RADAR_DASH[k % 3]}"/>`,
      `${r.name.split(' ')[0]} detects, Pd ≥ ${d.pd} (R = ${fmtKm(d.rangeM)} km)`,
    );
  });
  item(
    `<rect width="30" height="16" fill="${ENGAGE}" fill-opacity="0.22" stroke="#7a0b1d" stroke-width="1.6"/><rect width="30" height="16" fill="url(#engage-hatch)" opacity="0.75"/>`,
    `engagement zone: missile kinematics ∩ guidance radar detection at Pd ≥ ${vc.input.engagementPd}`,
  );
  item(
    `<line x1="0" y1="8" x2="30" y2="8" stroke="${ENGAGE}" stroke-width="1.4" stroke-dasharray="7 4"/>`,
    'missile kinematic envelopes (range ring in the vertical): ' + vc.input.missiles.map((m) => `${m.name.split(' ')[0]} ${fmtKm(m.maxRangeM)} km`).join(', '),
  );
  const slow = vc.engagements.filter((e) => !e.speedOk).map((e) => vc.input.missiles[e.missileIndex].name.split(' ')[0]);
  if (slow.length) item('', `too fast to engage for: ${slow.join(', ')}`);
  item(
    `<line x1="0" y1="8" x2="30" y2="8" stroke="#222" stroke-width="1.6" stroke-dasharray="9 4"/>`,
    `${vc.input.terrain ? 'terrain mask' : 'radar horizon (4/3 earth)'}, antenna ${Math.round(radar.antennaHeightM)} m above ground`,
  );
  item(
    `<rect width="30" height="16" fill="url(#mask-hatch)" stroke="#9a9a9a"/>`,
    vc.input.terrain ? 'hidden by terrain and curvature' : 'hidden by the earth’s curvature',
  );
  if (vc.input.terrain) item(`<rect width="30" height="16" fill="#b79a6a" stroke="#6b5330"/>`, 'terrain profile along the azimuth');
  item(`<line x1="0" y1="8" x2="30" y2="8" stroke="#dde3ea" stroke-width="1.2" stroke-dasharray="3 4"/>`, 'elevation angle from the antenna (straight rays)');

  // Table of ranges at heights.
  if (opts.table) {
    ly += 14;
    const t = opts.table;
    out.push(`<text x="${lx}" y="${ly + 12}" font-size="14" font-weight="bold" fill="#111">${esc(t.title)}</text>`);
    ly += 22;
    const colW = [70, ...t.columns.slice(1).map(() => (legendW - 80) / (t.columns.length - 1))];
    const row = (cells: string[], bold: boolean): void => {
      let x = lx;
      cells.forEach((c, i) => {
        const anchor = i === 0 ? 'start' : 'end';
        const tx = i === 0 ? x : x + colW[i] - 6;
        out.push(
          `<text x="${f1(tx)}" y="${ly + 12}" font-size="12.5" text-anchor="${anchor}" ${bold ? 'font-weight="bold"' : ''} fill="#222">${esc(c)}</text>`,
        );
        x += colW[i];
      });
      ly += 18;
    };
    row(t.columns, true);
    out.push(`<line x1="${lx}" y1="${ly - 3}" x2="${lx + legendW - 10}" y2="${ly - 3}" stroke="#999"/>`);
    t.rows.forEach((r) => row(r, false));
  }

  opts.footer.forEach((line, i) => out.push(`<text x="${L}" y="${H - 14 + (i - opts.footer.length + 1) * 16}" font-size="12" fill="#555">${esc(line)}</text>`));
  out.push(`</svg>`);
  return out.join('\n');
}

function wrap(text: string, maxPx: number, size: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && textWidthPx(next, size) > maxPx) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

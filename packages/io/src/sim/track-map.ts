/**
 * Map of one sample run: each group's route, each member's track until it was killed or reached
 * its final waypoint, first detections, missile flights (launch site → intercept point) and the
 * intercept outcomes, over the shared map frame (render/map-frame.ts: basemap, sites, places,
 * missile range rings).
 */
import { makeRegionGrid, targetName, type BBox, type SimLogEvent, type SimModel } from '@parapet/core';
import { composeMapSvg, type LegendEntry, type MapRing } from '../render/map-frame.js';
import { makeMapProjection, type MapProjection } from '../render/map-projection.js';
import { f1 } from '../render/svg-text.js';

const GROUP_COLORS = ['#1f5fa8', '#b8560f', '#6a3d9a', '#1b7f4b', '#9c2a6b', '#4d4d4d'];
const KILL = '#b01717';
const MAX_W = 900;
const MAX_H = 1000;

export interface TrackMapOptions {
  places?: readonly { name: string; lon: number; lat: number }[];
  /** Map extent; default: the routes and sites with a margin. */
  bbox?: BBox;
}

function extent(model: SimModel): BBox {
  let w = Infinity;
  let e = -Infinity;
  let s = Infinity;
  let n = -Infinity;
  const add = (lon: number, lat: number): void => {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  };
  for (const g of model.groups) for (const p of g.waypoints) add(p.lonDeg, p.latDeg);
  for (const site of model.sites) add(site.lonDeg, site.latDeg);
  const padLon = Math.max(0.3, (e - w) * 0.08);
  const padLat = Math.max(0.3, (n - s) * 0.08);
  return { westDeg: w - padLon, eastDeg: e + padLon, southDeg: s - padLat, northDeg: n + padLat };
}

/** The vector layer of the run, in map pixel coordinates. */
function runLayer(model: SimModel, log: readonly SimLogEvent[], p: MapProjection): string {
  const out: string[] = [];
  const color = (gi: number): string => GROUP_COLORS[gi % GROUP_COLORS.length];
  const groupOf = new Map<string, number>();
  for (let i = 0; i < model.targetGroup.length; i++) groupOf.set(targetName(model, i), model.targetGroup[i]);
  // Planned routes (thin, dashed).
  model.groups.forEach((g, gi) => {
    const d = g.waypoints.map((w, k) => `${k ? 'L' : 'M'}${f1(p.x(w.lonDeg))},${f1(p.y(w.latDeg))}`).join('');
    out.push(`<path d="${d}" fill="none" stroke="${color(gi)}" stroke-width="1" stroke-dasharray="5 4" stroke-opacity="0.7"/>`);
  });
  // Flown tracks: from appearance to kill or arrival.
  const endT = new Map<string, number>();
  for (const e of log) if (e.type === 'intercept' && e.result === 'kill') endT.set(e.target, e.t);
  for (let i = 0; i < model.targetGroup.length; i++) {
    const gi = model.targetGroup[i];
    const g = model.groups[gi];
    const name = targetName(model, i);
    const tEnd = endT.get(name);
    const kEnd = tEnd === undefined ? g.samples - 1 : Math.min(g.samples - 1, Math.round((tEnd - model.targetStartSec[i]) / model.stepSec));
    const stride = Math.max(1, Math.floor(g.samples / 400));
    let d = '';
    for (let k = 0; k <= kEnd; k += stride) d += `${k ? 'L' : 'M'}${f1(p.x(g.lonDeg[k]))},${f1(p.y(g.latDeg[k]))}`;
    d += `L${f1(p.x(g.lonDeg[kEnd]))},${f1(p.y(g.latDeg[kEnd]))}`;
    out.push(`<path d="${d}" fill="none" stroke="${color(gi)}" stroke-width="1.6" stroke-opacity="0.55" stroke-linejoin="round"/>`);
  }
  // Missile flights and outcomes.
  const siteById = new Map(model.sites.map((s) => [s.id, s]));
  for (const e of log) {
    if (e.type === 'launch') {
      const s = siteById.get(e.fu);
      if (s)
        out.push(
          `<line x1="${f1(p.x(s.lonDeg))}" y1="${f1(p.y(s.latDeg))}" x2="${f1(p.x(e.lon))}" y2="${f1(p.y(e.lat))}" stroke="${KILL}" stroke-width="0.7" stroke-opacity="0.45"/>`,
        );
    }
  }
  for (const e of log) {
    if (e.type === 'detect') {
      const gi = groupOf.get(e.target) ?? 0;
      const x = p.x(e.lon);
      const y = p.y(e.lat);
      out.push(
        `<path d="M${f1(x)},${f1(y - 4)}L${f1(x + 4)},${f1(y)}L${f1(x)},${f1(y + 4)}L${f1(x - 4)},${f1(y)}Z" fill="#fff" stroke="${color(gi)}" stroke-width="1.3"/>`,
      );
    }
    if (e.type === 'intercept' && e.result !== 'no-target') {
      const x = p.x(e.lon);
      const y = p.y(e.lat);
      if (e.result === 'kill')
        out.push(
          `<path d="M${f1(x - 5)},${f1(y - 5)}L${f1(x + 5)},${f1(y + 5)}M${f1(x - 5)},${f1(y + 5)}L${f1(x + 5)},${f1(y - 5)}" stroke="#fff" stroke-width="4"/><path d="M${f1(x - 5)},${f1(y - 5)}L${f1(x + 5)},${f1(y + 5)}M${f1(x - 5)},${f1(y + 5)}L${f1(x + 5)},${f1(y - 5)}" stroke="${KILL}" stroke-width="2.2"/>`,
        );
      else out.push(`<circle cx="${f1(x)}" cy="${f1(y)}" r="3.5" fill="none" stroke="${KILL}" stroke-width="1.3"/>`);
    }
  }
  return `<g id="parapet-raid-run">${out.join('')}</g>`;
}

/** The track and engagement map of one run (its event log) as an SVG document. */
export function trackMapSvg(model: SimModel, run: number, log: readonly SimLogEvent[], opts: TrackMapOptions = {}): string {
  const bbox = opts.bbox ?? extent(model);
  const grid = makeRegionGrid(bbox, 5000);
  const rings: MapRing[] = model.fireUnits.map((fu) => {
    const site = model.sites[fu.siteIndex];
    return { lonDeg: site.lonDeg, latDeg: site.latDeg, radiusM: Math.max(...fu.missiles.map((m) => m.maxRangeM)), kind: 'engage' as const };
  });
  const legend: LegendEntry[] = [
    ...model.groups.map((g, gi) => ({
      kind: 'line' as const,
      color: GROUP_COLORS[gi % GROUP_COLORS.length],
      width: 2,
      label: `${g.id}: ${g.count} × ${g.threatName}`,
    })),
    { kind: 'line', color: '#555', width: 1, dash: '5 4', label: 'Planned route' },
    { kind: 'line', color: KILL, width: 0.8, label: 'Missile flight (launch → intercept)' },
  ];
  const kills = log.filter((e) => e.type === 'intercept' && e.result === 'kill').length;
  const misses = log.filter((e) => e.type === 'intercept' && e.result === 'miss').length;
  const leaked = log.filter((e) => e.type === 'arrive').length;
  const svg = composeMapSvg(
    {
      grid,
      title: `Raid run ${run} — ${model.scenarioName}`,
      subtitle: `One sample run: ${kills} kills, ${misses} misses, ${leaked} of ${model.targetGroup.length} targets reached their final waypoint.`,
      captionLines: [
        "Solid lines: each target's track until it was killed (red ×) or reached its final waypoint. Red circles: missiles that missed. Diamonds: first detection of each target.",
        `Detection: ${model.detectionLabel}. Line of sight: ${model.visibilityLabel}. Tracks: ${model.trackM} of ${model.trackN} scans.`,
        'A notional, educational outcome model: coarse fire-control rules, city-level positions, public parameters.',
      ],
      sites: model.sites.map((s) => ({ id: s.id, lonDeg: s.lonDeg, latDeg: s.latDeg, status: s.status as 'confirmed' | 'reported' | 'hypothetical' })),
      places: (opts.places ?? []).map((pl) => ({ name: pl.name, lonDeg: pl.lon, latDeg: pl.lat })),
      rings,
      maxMapWidthPx: MAX_W,
      maxMapHeightPx: MAX_H,
    },
    { legend, legendTitle: 'Raid' },
  );
  // The frame has no vector-overlay hook: insert the run's layer at the end of the clipped map group.
  const p = makeMapProjection(grid, MAX_W, MAX_H);
  const open = svg.indexOf('clip-path="url(#pp-map-clip)">');
  const close = open < 0 ? -1 : svg.indexOf('\n</g>\n', open);
  if (close < 0) throw new Error('map frame layout changed: cannot find the map group');
  return `${svg.slice(0, close)}\n${runLayer(model, log, p)}${svg.slice(close)}`;
}

/**
 * The coverage analysis of a smooth-earth scenario assembled from per-site parts kept in a
 * SiteCache: the same numbers as io's runCoverage and core's minDetectableAltitude — each part is
 * core's own function run on one site, and the parts combine the way those functions combine
 * sites — but a site whose inputs did not change since an earlier job is not computed again.
 * Scenarios with terrain go through runCoverage instead (compute.ts): their line of sight comes
 * from one DEM window over every site.
 *
 * How the parts combine, per cell k (s over the sites, in scenario order):
 *   detectCount[k] = min(255, Σ_s detect_s[k]), engageCount[k] likewise   (core computeCoverageLayer)
 *   MDA[k] = min_s MDA_s[k]                                                 (core minDetectableAltitude)
 *   engageRing[k] = ∨_s engageRing_s[k], detectRing[k] likewise            (core ringMasks)
 * and at a place: detectedBy and engagedBy in site order; the lowest engaged altitude
 * E = min_s E_s and the lowest detected altitude D = min_s D_s. (placeOutcome scans altitude up
 * to E; every site is scanned below E and the engaging site detects at E, so a D_s below E is
 * never missed and D ≤ E.)
 *
 * A focused job computes the one (threat, altitude) on screen. A site missing from the cache then
 * gets a frame only as far as its radars can see a target at that altitude over the smooth earth,
 * the exact radar horizon s = a_e·(acos(a_e/(a_e+h_r)) + acos(a_e/(a_e+h_t))) (core
 * radarHorizonExactM), or as far as it can detect that target at all under the jamming present
 * (SiteEvaluator.maxReachM), whichever is nearer: beyond it the site detects and engages nothing,
 * so the part equals the full frame's.
 */
import { createHash } from 'node:crypto';
import {
  computeCoverageLayer,
  effectiveEarthRadiusM,
  layerMetrics,
  maskAreaKm2,
  minDetectableAltitude,
  placeOutcome,
  radarHorizonExactM,
  resolveJammers,
  resolveSites,
  resolveThreats,
  ringMasks,
  SiteEvaluator,
  siteMaxReachM,
  SmoothEarthVisibility,
  type Catalog,
  type CoverageLayer,
  type CoverageRun,
  type JammingInput,
  type Place,
  type PlaceOutcome,
  type RegionGrid,
  type ResolvedJammer,
  type ResolvedSite,
  type RingMasks,
  type Scenario,
  type SiteFrame,
  type ThreatParams,
  type ValueCase,
} from '@parapet/core';
import { computeSiteFrames, scenarioGrid, type Phase } from '@parapet/io';
import { cropAltitudes, cropBytes, DETECT_BIT, ENGAGE_BIT, type SiteCache, type SiteEntry, type SiteLayerPart } from './site-cache.js';

export type CoverageProgress = (phase: Phase, done: number, total: number) => void;

/** A coverage analysis as the job results need it (compute.ts coverageJson). */
export interface CoverageData {
  scenarioName: string;
  valueCase: ValueCase;
  visibilityLabel: string;
  grid: RegionGrid;
  sites: ResolvedSite[];
  threats: ThreatParams[];
  /** Threat-major: every altitude of the first threat, then the next. */
  runs: CoverageRun[];
  /** With stand-off jammers: the same layers without them. */
  unjammedRuns?: CoverageRun[];
  rings: RingMasks;
  /** Per threat (order of `threats`): lowest detectable altitude MSL per cell, the jammers acting. */
  mdaMslM: Float32Array[];
  jammers: ResolvedJammer[];
  elapsedMs: number;
}

/** The layer on screen: one threat and altitude; `rings` and `mda` when the layer shows them. */
export interface CoverageFocus {
  threatId: string;
  altitudeM: number;
  rings: boolean;
  mda: boolean;
}

export interface FocusData {
  grid: RegionGrid;
  /** The (threat, altitude) layer with the jammers acting. */
  layer: CoverageLayer;
  places: PlaceOutcome[];
  rings?: RingMasks;
  mdaMslM?: Float32Array;
  elapsedMs: number;
}

const hash = (x: unknown): string => createHash('sha1').update(JSON.stringify(x)).digest('base64url');

interface Prepared {
  scenario: Scenario;
  grid: RegionGrid;
  sites: ResolvedSite[];
  threats: ThreatParams[];
  earthRadiusM: number;
  /** Reach of each site's frame: the coverage-maximising reading, as runCoverage asks (shared by low, nominal, high). */
  frameReachM: number[];
  jamming: JammingInput | undefined;
  entries: SiteEntry[];
  threatKeys: string[];
  jamKey: string;
  label: string;
}

function prepare(scenario: Scenario, catalog: Catalog, valueCase: ValueCase, cache: SiteCache): Prepared {
  const grid = scenarioGrid(scenario);
  const sites = resolveSites(scenario, catalog, valueCase);
  const threats = resolveThreats(scenario, catalog, valueCase);
  const high = valueCase === 'high' ? sites : resolveSites(scenario, catalog, 'high');
  const frameReachM = high.map(siteMaxReachM);
  const earthRadiusM = effectiveEarthRadiusM(scenario.earth.kFactor);
  const standOff = resolveJammers(scenario, catalog, valueCase);
  const jamming = standOff.length > 0 ? { standOff } : undefined;
  const gridKey = [grid.westDeg, grid.southDeg, grid.eastDeg, grid.northDeg, grid.width, grid.height];
  const entries = sites.map((s, i) => cache.entry(hash({ gridKey, site: s, frameReachM: frameReachM[i], earthRadiusM })));
  return {
    scenario,
    grid,
    sites,
    threats,
    earthRadiusM,
    frameReachM,
    jamming,
    entries,
    threatKeys: threats.map(hash),
    jamKey: jamming ? hash(standOff) : '-',
    label: new SmoothEarthVisibility(earthRadiusM, [], scenario.earth.kFactor).label,
  };
}

const layerKey = (p: Prepared, ti: number, altitudeM: number, jammed: boolean): string =>
  `${p.threatKeys[ti]}|${altitudeM}|${p.scenario.analysis.altitudeReference}|${jammed ? p.jamKey : '-'}`;
const placeKey = (p: Prepared, place: Place, ti: number, altitudeM: number, jammed: boolean): string =>
  `${place.name}|${place.lon}|${place.lat}|${layerKey(p, ti, altitudeM, jammed)}`;
const mdaKey = (p: Prepared, ti: number): string => `${p.threatKeys[ti]}|${p.jamKey}`;

/** Frames (io's cache, else computed) and smooth-earth line of sight for the sites that need them. */
async function siteFrames(
  p: Prepared,
  need: number[],
  reachM: (si: number) => number,
  onProgress?: CoverageProgress,
): Promise<Map<number, { frame: SiteFrame; visibility: SmoothEarthVisibility }>> {
  const frames = await computeSiteFrames(
    p.grid,
    need.map((si) => ({ lonDeg: p.sites[si].lonDeg, latDeg: p.sites[si].latDeg, maxReachM: reachM(si) })),
    (d, t) => onProgress?.('frames', d, t),
  );
  return new Map(need.map((si, i) => [si, { frame: frames[i], visibility: new SmoothEarthVisibility(p.earthRadiusM, [frames[i]], p.scenario.earth.kFactor) }]));
}

/** Core's layer for one site: its detect and engage cells as bits, and its range extremes. */
function siteLayer(
  p: Prepared,
  si: number,
  f: { frame: SiteFrame; visibility: SmoothEarthVisibility },
  threat: ThreatParams,
  altitudeM: number,
  jamming: JammingInput | undefined,
): SiteLayerPart {
  const l = computeCoverageLayer({
    grid: p.grid,
    sites: [p.sites[si]],
    frames: [f.frame],
    visibility: f.visibility,
    threat,
    altitudeM,
    altitudeReference: p.scenario.analysis.altitudeReference,
    jamming,
  });
  const n = p.grid.width * p.grid.height;
  const bits = new Uint8Array(n);
  for (let k = 0; k < n; k++) bits[k] = (l.detectCount[k] ? DETECT_BIT : 0) | (l.engageCount[k] ? ENGAGE_BIT : 0);
  return { bits: cropBytes(p.grid, bits), stats: l.sites[0] };
}

/** Sums the sites' parts into counts (capped at 255, as computeCoverageLayer counts). */
function combineLayer(p: Prepared, parts: SiteLayerPart[], threat: ThreatParams, altitudeM: number): CoverageLayer {
  const { grid } = p;
  const n = grid.width * grid.height;
  const detectCount = new Uint8Array(n);
  const engageCount = new Uint8Array(n);
  for (const { bits } of parts) {
    for (let j = 0; j < bits.height; j++) {
      const row = (bits.j0 + j) * grid.width + bits.i0;
      const off = j * bits.width;
      for (let i = 0; i < bits.width; i++) {
        const b = bits.data[off + i];
        const k = row + i;
        if (b & DETECT_BIT && detectCount[k] < 255) detectCount[k]++;
        if (b & ENGAGE_BIT && engageCount[k] < 255) engageCount[k]++;
      }
    }
  }
  return {
    threatId: threat.id,
    altitudeM,
    altitudeReference: p.scenario.analysis.altitudeReference,
    detectCount,
    engageCount,
    sites: parts.map((x) => x.stats),
  };
}

/** Every site's layer part for (threat, altitude): cached, else computed on its frame (which `frames` must hold). */
function layerParts(
  p: Prepared,
  cache: SiteCache,
  frames: Map<number, { frame: SiteFrame; visibility: SmoothEarthVisibility }>,
  ti: number,
  altitudeM: number,
  jammed: boolean,
): SiteLayerPart[] {
  const key = layerKey(p, ti, altitudeM, jammed);
  return p.sites.map((_, si) => {
    const e = p.entries[si];
    let part = e.layers.get(key);
    if (!part) {
      const f = frames.get(si);
      if (!f) throw new Error(`incremental coverage: no frame for site ${p.sites[si].id}`);
      part = siteLayer(p, si, f, p.threats[ti], altitudeM, jammed ? p.jamming : undefined);
      cache.setLayer(e, key, part);
    }
    return part;
  });
}

/** The outcome at a place, from each site's own outcome there (cached, else core placeOutcome on that site alone). */
function placeFromParts(p: Prepared, cache: SiteCache, place: Place, ti: number, altitudeM: number, jammed: boolean): PlaceOutcome {
  const key = placeKey(p, place, ti, altitudeM, jammed);
  const ref = p.scenario.analysis.altitudeReference;
  // Smooth earth: a point's line of sight needs no frame.
  const pointVisibility = new SmoothEarthVisibility(p.earthRadiusM, [], p.scenario.earth.kFactor);
  const parts = p.sites.map((site, si) => {
    const e = p.entries[si];
    let o = e.places.get(key);
    if (!o) {
      o = placeOutcome(place, [site], pointVisibility, p.threats[ti], altitudeM, ref, jammed ? p.jamming : undefined);
      cache.setPlace(e, key, o);
    }
    return o;
  });
  const lowest = (xs: (number | null)[]): number | null => xs.reduce<number | null>((m, x) => (x !== null && (m === null || x < m) ? x : m), null);
  const detectedBy = parts.flatMap((o) => o.detectedBy);
  const engagedBy = parts.flatMap((o) => o.engagedBy);
  return {
    name: place.name,
    lonDeg: place.lon,
    latDeg: place.lat,
    detected: detectedBy.length > 0,
    engaged: engagedBy.length > 0,
    detectedBy,
    engagedBy,
    lowestEngagedAltitudeM: lowest(parts.map((o) => o.lowestEngagedAltitudeM)),
    lowestDetectedAltitudeM: lowest(parts.map((o) => o.lowestDetectedAltitudeM)),
    rangeFromSiteKm: Object.assign({}, ...parts.map((o) => o.rangeFromSiteKm)) as Record<string, number>,
  };
}

/** The range-ring masks of every site, ORed (ringMasks on each site alone, cached). */
function ringsFromParts(p: Prepared, cache: SiteCache, frames: Map<number, { frame: SiteFrame }>): RingMasks {
  const { grid } = p;
  const n = grid.width * grid.height;
  const engageRing = new Uint8Array(n);
  const detectRing = new Uint8Array(n);
  p.sites.forEach((site, si) => {
    const e = p.entries[si];
    if (!e.ring) {
      const f = frames.get(si);
      if (!f) throw new Error(`incremental coverage: no frame for site ${site.id}`);
      const r = ringMasks(grid, [site], [f.frame]);
      const bits = new Uint8Array(n);
      for (let k = 0; k < n; k++) bits[k] = (r.engageRing[k] ? ENGAGE_BIT : 0) | (r.detectRing[k] ? DETECT_BIT : 0);
      cache.setRing(e, cropBytes(grid, bits));
    }
    const b = e.ring!;
    for (let j = 0; j < b.height; j++) {
      const row = (b.j0 + j) * grid.width + b.i0;
      for (let i = 0; i < b.width; i++) {
        const v = b.data[j * b.width + i];
        if (v & ENGAGE_BIT) engageRing[row + i] = 1;
        if (v & DETECT_BIT) detectRing[row + i] = 1;
      }
    }
  });
  return { engageRing, detectRing, engageRingAreaKm2: maskAreaKm2(grid, engageRing), detectRingAreaKm2: maskAreaKm2(grid, detectRing) };
}

/** The minimum detectable altitude of a threat, the per-cell minimum of each site's own (cached). */
function mdaFromParts(p: Prepared, cache: SiteCache, frames: Map<number, { frame: SiteFrame; visibility: SmoothEarthVisibility }>, ti: number): Float32Array {
  const { grid } = p;
  const out = new Float32Array(grid.width * grid.height).fill(Infinity);
  const key = mdaKey(p, ti);
  p.sites.forEach((site, si) => {
    const e = p.entries[si];
    let part = e.mda.get(key);
    if (!part) {
      const f = frames.get(si);
      if (!f) throw new Error(`incremental coverage: no frame for site ${site.id}`);
      part = cropAltitudes(
        grid,
        minDetectableAltitude({ grid, sites: [site], frames: [f.frame], visibility: f.visibility, threat: p.threats[ti], jamming: p.jamming }).mslM,
      );
      cache.setMda(e, key, part);
    }
    for (let j = 0; j < part.height; j++) {
      const row = (part.j0 + j) * grid.width + part.i0;
      for (let i = 0; i < part.width; i++) {
        const v = part.data[j * part.width + i];
        if (v < out[row + i]) out[row + i] = v;
      }
    }
  });
  return out;
}

/** The whole analysis (every threat and altitude, unjammed layers, rings, MDA), computing only the parts not cached. */
export async function cachedCoverage(
  scenario: Scenario,
  catalog: Catalog,
  opts: { valueCase: ValueCase; cache: SiteCache; onProgress?: CoverageProgress },
): Promise<CoverageData> {
  const t0 = performance.now();
  const { cache } = opts;
  const p = prepare(scenario, catalog, opts.valueCase, cache);
  const alts = scenario.analysis.altitudesM;
  const variants = p.jamming ? [true, false] : [false];
  const need = p.sites
    .map((_, si) => si)
    .filter((si) => {
      const e = p.entries[si];
      if (!e.ring) return true;
      return p.threats.some((_, ti) => !e.mda.has(mdaKey(p, ti)) || variants.some((jam) => alts.some((alt) => !e.layers.has(layerKey(p, ti, alt, jam)))));
    });
  const frames = await siteFrames(p, need, (si) => p.frameReachM[si], opts.onProgress);
  const rings = ringsFromParts(p, cache, frames);
  const total = variants.length * p.threats.length * alts.length;
  let done = 0;
  const runsOf = (jammed: boolean): CoverageRun[] =>
    p.threats.flatMap((threat, ti) =>
      alts.map((altitudeM) => {
        const layer = combineLayer(p, layerParts(p, cache, frames, ti, altitudeM, jammed), threat, altitudeM);
        const places = scenario.places.map((pl) => placeFromParts(p, cache, pl, ti, altitudeM, jammed));
        opts.onProgress?.('layers', ++done, total);
        return { layer, metrics: layerMetrics(p.grid, layer, rings, threat, places) };
      }),
    );
  const runs = runsOf(p.jamming !== undefined);
  const unjammedRuns = p.jamming ? runsOf(false) : undefined;
  const mdaMslM = p.threats.map((_, ti) => mdaFromParts(p, cache, frames, ti));
  return {
    scenarioName: scenario.name,
    valueCase: opts.valueCase,
    visibilityLabel: p.label,
    grid: p.grid,
    sites: p.sites,
    threats: p.threats,
    runs,
    unjammedRuns,
    rings,
    mdaMslM,
    jammers: p.jamming ? [...p.jamming.standOff] : [],
    elapsedMs: performance.now() - t0,
  };
}

/** Ground range beyond which none of a site's radars sees a target at `targetMslM` over the smooth earth, metres. */
export function siteHorizonM(site: ResolvedSite, targetMslM: number, earthRadiusM: number): number {
  let best = 0;
  for (const r of site.radars) best = Math.max(best, radarHorizonExactM(r.antennaHeightM, targetMslM, earthRadiusM));
  return best;
}

/** One (threat, altitude) layer with the jammers acting, its places, and the rings or MDA when asked. */
export async function cachedFocus(
  scenario: Scenario,
  catalog: Catalog,
  opts: { valueCase: ValueCase; focus: CoverageFocus; cache: SiteCache; onProgress?: CoverageProgress },
): Promise<FocusData> {
  const t0 = performance.now();
  const { cache, focus } = opts;
  const p = prepare(scenario, catalog, opts.valueCase, cache);
  const ti = p.threats.findIndex((t) => t.id === focus.threatId);
  if (ti < 0) throw new RangeError(`focus.threatId: "${focus.threatId}" is not a target of this analysis (${p.threats.map((t) => t.id).join(', ')})`);
  if (!scenario.analysis.altitudesM.includes(focus.altitudeM))
    throw new RangeError(`focus.altitudeM: ${focus.altitudeM} is not an altitude of this analysis (${scenario.analysis.altitudesM.join(', ')})`);
  const jammed = p.jamming !== undefined;
  const lk = layerKey(p, ti, focus.altitudeM, jammed);
  const need = p.sites
    .map((_, si) => si)
    .filter((si) => {
      const e = p.entries[si];
      return !e.layers.has(lk) || (focus.rings && !e.ring) || (focus.mda && !e.mda.has(mdaKey(p, ti)));
    });
  // Rings and MDA need the whole frame; the layer alone needs it out to the radar horizon of the
  // target or to the farthest the site can detect it at all (SiteEvaluator.maxReachM, with this
  // jamming), whichever is nearer — beyond either it adds nothing (with a margin for the frame's
  // Float32 ranges and a cell).
  const full = focus.rings || focus.mda;
  const reach = (si: number): number => {
    if (full) return p.frameReachM[si];
    const detectM = new SiteEvaluator(p.sites[si], p.threats[ti], 0, p.earthRadiusM, p.jamming).maxReachM;
    return Math.min(p.frameReachM[si], Math.min(siteHorizonM(p.sites[si], focus.altitudeM, p.earthRadiusM) * 1.001, detectM) + 2 * p.grid.resolutionM);
  };
  const frames = await siteFrames(p, need, reach, opts.onProgress);
  const layer = combineLayer(p, layerParts(p, cache, frames, ti, focus.altitudeM, jammed), p.threats[ti], focus.altitudeM);
  const places = scenario.places.map((pl) => placeFromParts(p, cache, pl, ti, focus.altitudeM, jammed));
  const rings = focus.rings ? ringsFromParts(p, cache, frames) : undefined;
  const mdaMslM = focus.mda ? mdaFromParts(p, cache, frames, ti) : undefined;
  opts.onProgress?.('layers', 1, 1);
  return { grid: p.grid, layer, places, rings, mdaMslM, elapsedMs: performance.now() - t0 };
}

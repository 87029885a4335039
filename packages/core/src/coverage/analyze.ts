/**
 * The coverage analysis of a scenario: site frames → visibility → one layer per (threat,
 * altitude) → metrics and place outcomes. Pure: frames and visibility are passed in, so the
 * caller decides how to compute them (threads, terrain, caches).
 */
import { maskAreaKm2, type RegionGrid } from '../geo/region-grid.js';
import type { Scenario } from '../scenario/schema.js';
import type { ResolvedSite, ThreatParams } from '../scenario/resolve.js';
import { SiteEvaluator, type JammingInput, type RadarJamming } from '../engagement/site-evaluator.js';
import { computeCoverageLayer, type CoverageLayer } from './layer.js';
import { placeOutcome, type PlaceOutcome } from './places.js';
import type { SiteFrame } from './site-frame.js';
import type { VisibilityProvider } from './visibility-provider.js';

export interface LayerMetrics {
  threatId: string;
  threatName: string;
  altitudeM: number;
  altitudeReference: 'msl' | 'agl';
  detectAreaKm2: number;
  engageAreaKm2: number;
  /** Area where some radar detects the target but no missile can be guided onto it, km² (the stealth question). */
  detectedNotEngagedAreaKm2: number;
  /** Area engaged by two or more sites, km². */
  multiEngageAreaKm2: number;
  /** Largest number of sites engaging one cell. */
  maxEngageOverlap: number;
  /** Area inside the union of the sites' longest missile range rings, km² (the "range ring" answer). */
  engageRingAreaKm2: number;
  /** Area inside the union of the radars' instrumented range rings, km². */
  detectRingAreaKm2: number;
  /** engageAreaKm2 / engageRingAreaKm2: how much of the ring is real coverage at this altitude. */
  engageRingFraction: number;
  places: PlaceOutcome[];
  sites: { id: string; maxDetectRangeKm: number; maxEngageRangeKm: number }[];
}

export interface RingMasks {
  engageRing: Uint8Array;
  detectRing: Uint8Array;
  engageRingAreaKm2: number;
  detectRingAreaKm2: number;
}

/** Cells within each site's longest missile range and longest instrumented range (ground range). */
export function ringMasks(grid: RegionGrid, sites: readonly ResolvedSite[], frames: readonly SiteFrame[]): RingMasks {
  const n = grid.width * grid.height;
  const engageRing = new Uint8Array(n);
  const detectRing = new Uint8Array(n);
  sites.forEach((s, si) => {
    const mr = Math.max(0, ...s.missiles.map((m) => m.maxRangeM));
    const dr = Math.max(0, ...s.radars.map((r) => r.instrumentedRangeM));
    const rangeM = frames[si].rangeM;
    // A site without missiles (or radars) has no ring: not even its own cell.
    for (let k = 0; k < n; k++) {
      const d = rangeM[k];
      if (mr > 0 && d <= mr) engageRing[k] = 1;
      if (dr > 0 && d <= dr) detectRing[k] = 1;
    }
  });
  return { engageRing, detectRing, engageRingAreaKm2: maskAreaKm2(grid, engageRing), detectRingAreaKm2: maskAreaKm2(grid, detectRing) };
}

/** Largest ground range any site could matter at: its longest instrumented range or missile range. */
export function siteMaxReachM(site: ResolvedSite): number {
  return Math.max(...site.radars.map((r) => r.instrumentedRangeM), ...site.missiles.map((m) => m.maxRangeM));
}

export function layerMetrics(grid: RegionGrid, layer: CoverageLayer, rings: RingMasks, threat: ThreatParams, places: PlaceOutcome[]): LayerMetrics {
  const n = grid.width * grid.height;
  const multi = new Uint8Array(n);
  const seenOnly = detectedNotEngagedMask(layer);
  let maxOverlap = 0;
  for (let k = 0; k < n; k++) {
    const c = layer.engageCount[k];
    if (c >= 2) multi[k] = 1;
    if (c > maxOverlap) maxOverlap = c;
  }
  const engageAreaKm2 = maskAreaKm2(grid, layer.engageCount);
  return {
    threatId: threat.id,
    threatName: threat.name,
    altitudeM: layer.altitudeM,
    altitudeReference: layer.altitudeReference,
    detectAreaKm2: maskAreaKm2(grid, layer.detectCount),
    engageAreaKm2,
    detectedNotEngagedAreaKm2: maskAreaKm2(grid, seenOnly),
    multiEngageAreaKm2: maskAreaKm2(grid, multi),
    maxEngageOverlap: maxOverlap,
    engageRingAreaKm2: rings.engageRingAreaKm2,
    detectRingAreaKm2: rings.detectRingAreaKm2,
    engageRingFraction: rings.engageRingAreaKm2 > 0 ? engageAreaKm2 / rings.engageRingAreaKm2 : 0,
    places,
    sites: layer.sites.map((s) => ({ id: s.siteId, maxDetectRangeKm: s.maxDetectRangeM / 1000, maxEngageRangeKm: s.maxEngageRangeM / 1000 })),
  };
}

/** Cells where some radar detects the target and no site can engage it: 1, else 0. */
export function detectedNotEngagedMask(layer: Pick<CoverageLayer, 'detectCount' | 'engageCount'>, out?: Uint8Array): Uint8Array {
  const n = layer.detectCount.length;
  const m = out ?? new Uint8Array(n);
  for (let k = 0; k < n; k++) m[k] = layer.detectCount[k] > 0 && layer.engageCount[k] === 0 ? 1 : 0;
  return m;
}

export interface CoverageRun {
  layer: CoverageLayer;
  metrics: LayerMetrics;
}

/**
 * Runs every (threat, altitude) of the scenario's analysis. `onLayer` is called after each layer
 * (for progress bars); layers are returned in threat-major order.
 */
export function analyzeCoverage(
  scenario: Scenario,
  grid: RegionGrid,
  sites: readonly ResolvedSite[],
  threats: readonly ThreatParams[],
  frames: readonly SiteFrame[],
  visibility: VisibilityProvider,
  onLayer?: (done: number, total: number) => void,
  jamming?: JammingInput,
): { runs: CoverageRun[]; rings: RingMasks } {
  const rings = ringMasks(grid, sites, frames);
  const runs: CoverageRun[] = [];
  const total = threats.length * scenario.analysis.altitudesM.length;
  const ref = scenario.analysis.altitudeReference;
  for (const threat of threats) {
    for (const altitudeM of scenario.analysis.altitudesM) {
      const layer = computeCoverageLayer({ grid, sites, frames, visibility, threat, altitudeM, altitudeReference: ref, jamming });
      const places = scenario.places.map((p) => placeOutcome(p, sites, visibility, threat, altitudeM, ref, jamming));
      runs.push({ layer, metrics: layerMetrics(grid, layer, rings, threat, places) });
      onLayer?.(runs.length, total);
    }
  }
  return { runs, rings };
}

/** Burn-through and jammed detection ranges of every radar of every site against each threat. */
export interface JammingRow {
  threatId: string;
  siteId: string;
  radars: readonly RadarJamming[];
}

/** What jamming does to each (threat, site): the ranges of SiteEvaluator.jammingSummary. */
export function jammingTable(
  sites: readonly ResolvedSite[],
  threats: readonly ThreatParams[],
  visibility: VisibilityProvider,
  jamming: JammingInput | undefined,
): JammingRow[] {
  const rows: JammingRow[] = [];
  for (const threat of threats) {
    sites.forEach((site, si) => {
      const ev = new SiteEvaluator(site, threat, visibility.siteGroundMslM(si), visibility.earthRadiusM, jamming);
      rows.push({ threatId: threat.id, siteId: site.id, radars: ev.jammingSummary() });
    });
  }
  return rows;
}

/**
 * One coverage layer: every site evaluated at every cell of the grid for one threat at one
 * altitude; counts of detecting and engaging sites per cell, and per-site range extremes.
 */
import type { RegionGrid } from '../geo/region-grid.js';
import { DETECTED, ENGAGED, SiteEvaluator, type JammingInput } from '../engagement/site-evaluator.js';
import type { AltitudeReference } from '../scenario/schema.js';
import type { ResolvedSite, ThreatParams } from '../scenario/resolve.js';
import type { SiteFrame } from './site-frame.js';
import type { VisibilityProvider } from './visibility-provider.js';

export interface SiteLayerStats {
  siteId: string;
  /** Largest ground range of a cell this site detects, metres (0 if none). */
  maxDetectRangeM: number;
  /** Largest ground range of a cell this site engages, metres (0 if none). */
  maxEngageRangeM: number;
}

export interface CoverageLayer {
  threatId: string;
  altitudeM: number;
  altitudeReference: AltitudeReference;
  /** Number of sites detecting the target above each cell. */
  detectCount: Uint8Array;
  /** Number of sites able to engage the target above each cell. */
  engageCount: Uint8Array;
  sites: SiteLayerStats[];
}

export interface LayerInput {
  grid: RegionGrid;
  sites: readonly ResolvedSite[];
  frames: readonly SiteFrame[];
  visibility: VisibilityProvider;
  threat: ThreatParams;
  altitudeM: number;
  altitudeReference: AltitudeReference;
  /** Stand-off jammers acting (none when absent). */
  jamming?: JammingInput;
}

export function computeCoverageLayer(input: LayerInput): CoverageLayer {
  const { grid, sites, frames, visibility, threat, altitudeM, altitudeReference, jamming } = input;
  const n = grid.width * grid.height;
  const detectCount = new Uint8Array(n);
  const engageCount = new Uint8Array(n);
  const ground = visibility.groundMslM();
  const agl = altitudeReference === 'agl';
  const stats: SiteLayerStats[] = [];
  for (let si = 0; si < sites.length; si++) {
    const site = sites[si];
    const ev = new SiteEvaluator(site, threat, visibility.siteGroundMslM(si), visibility.earthRadiusM, jamming);
    const minVis: Float32Array[] = [];
    for (let r = 0; r < ev.radarCount; r++) minVis.push(visibility.minVisibleMslM(si, ev.antennaAglM[r]));
    const rangeM = frames[si].rangeM;
    const azRad = frames[si].azimuthRad;
    let maxDet = 0;
    let maxEng = 0;
    for (let k = 0; k < n; k++) {
      const s = rangeM[k];
      if (!(s <= ev.maxReachM)) continue;
      const g = ground === undefined ? 0 : ground[k];
      if (g !== g) continue; // void in the DEM
      const targetMsl = agl ? altitudeM + g : altitudeM;
      const bits = ev.evaluate(s, azRad[k], g, targetMsl, minVis, k);
      if (bits & DETECTED) {
        if (detectCount[k] < 255) detectCount[k]++;
        if (s > maxDet) maxDet = s;
      }
      if (bits & ENGAGED) {
        if (engageCount[k] < 255) engageCount[k]++;
        if (s > maxEng) maxEng = s;
      }
    }
    stats.push({ siteId: site.id, maxDetectRangeM: maxDet, maxEngageRangeM: maxEng });
  }
  return { threatId: threat.id, altitudeM, altitudeReference, detectCount, engageCount, sites: stats };
}

/**
 * Minimum detectable altitude (MSL) per grid cell against one threat: the lowest target altitude
 * at which some radar of some site detects it there, or +Infinity.
 *
 * With the detection rule of the coverage engine (engagement/site-evaluator.ts) — in line of
 * sight (h ≥ h_vis, the provider's minimum visible height for that antenna), not below the ground,
 * at or below the radar's maximum altitude, and within its detection range R in slant range — the
 * lowest detectable height over a cell is h* = max(h_vis, ground) when the slant range to h* is
 * ≤ R, and the radar cannot detect there otherwise. (Slant range grows with target height above
 * the antenna's level, so no higher altitude comes back into range; below the antenna's level it
 * shrinks by at most metres, which this ignores.)
 */
import { SiteEvaluator, slantRangeM, type RegionGrid, type ResolvedSite, type SiteFrame, type ThreatParams, type VisibilityProvider } from '@parapet/core';

export function minimumDetectableAltitude(
  grid: RegionGrid,
  sites: readonly ResolvedSite[],
  frames: readonly SiteFrame[],
  visibility: VisibilityProvider,
  threat: ThreatParams,
  out: Float32Array = new Float32Array(grid.width * grid.height),
): Float32Array {
  const n = grid.width * grid.height;
  if (out.length !== n) throw new RangeError(`out must have ${n} cells, got ${out.length}`);
  out.fill(Infinity);
  const ground = visibility.groundMslM();
  const a = visibility.earthRadiusM;
  for (let si = 0; si < sites.length; si++) {
    const site = sites[si];
    const siteGround = visibility.siteGroundMslM(si);
    const ev = new SiteEvaluator(site, threat, siteGround, a);
    const rangeM = frames[si].rangeM;
    for (let r = 0; r < ev.radarCount; r++) {
      const antennaAgl = ev.antennaAglM[r];
      const antennaMsl = siteGround + antennaAgl;
      const maxAlt = site.radars[r].maxAltitudeM;
      const detectM = ev.detectionRangeM(r);
      const minVis = visibility.minVisibleMslM(si, antennaAgl);
      for (let k = 0; k < n; k++) {
        const s = rangeM[k];
        if (!(s <= detectM)) continue; // ground range ≤ slant range
        const g = ground === undefined ? 0 : ground[k];
        if (g !== g) continue; // DEM void
        const v = minVis[k];
        const h = v > g ? v : g;
        if (h > maxAlt || h >= out[k]) continue;
        if (slantRangeM(s, antennaMsl, h, a) <= detectM) out[k] = h;
      }
    }
  }
  return out;
}

/**
 * Minimum detectable altitude: per cell, the lowest altitude at which some site's radar detects a
 * threat there — in line of sight (at or above the minimum visible height of the provider, and
 * above the ground), within the radar's detection range against that threat (slant range on the
 * effective sphere ≤ R, R from the radar equation / Pd threshold as in SiteEvaluator), and at or
 * below the radar's maximum altitude. The composite is the per-cell minimum over sites and radars.
 *
 * For a target at ground range s the slant range r(h) (geo/horizon.ts, law of cosines) falls with
 * height up to h* = (a_e + H)·cos(s/a_e) − a_e (the foot of the perpendicular from the antenna)
 * and rises beyond it, so the lowest height in range is the line-of-sight height h₀ when
 * r(h₀) ≤ R, else the height in [h₀, h*] where r = R (found by bisection), else none.
 */
import { slantRangeM } from '../geo/horizon.js';
import type { RegionGrid } from '../geo/region-grid.js';
import { SiteEvaluator, type JammingInput } from '../engagement/site-evaluator.js';
import type { ResolvedSite, ThreatParams } from '../scenario/resolve.js';
import type { SiteFrame } from '../coverage/site-frame.js';
import type { VisibilityProvider } from '../coverage/visibility-provider.js';

export interface MinDetectableAltitude {
  threatId: string;
  /** Lowest detectable altitude MSL per cell, metres; +Infinity where no radar detects at any altitude. */
  mslM: Float32Array;
  /** The same above the cell's ground (AGL); +Infinity likewise, NaN on DEM voids. */
  aglM: Float32Array;
  /** Index of the site achieving the minimum per cell (−1 where none). */
  siteIndex: Int16Array;
}

/**
 * Lowest MSL height ≥ `lowestMslM` and ≤ `maxAltM` whose slant range from an antenna at
 * `antennaMslM` is ≤ `rangeM`, at ground range `groundRangeM`; +Infinity if none.
 */
export function lowestInRangeM(groundRangeM: number, antennaMslM: number, lowestMslM: number, maxAltM: number, rangeM: number, earthRadiusM: number): number {
  if (!(lowestMslM <= maxAltM)) return Infinity;
  if (slantRangeM(groundRangeM, antennaMslM, lowestMslM, earthRadiusM) <= rangeM) return lowestMslM;
  const hStar = Math.min(maxAltM, (earthRadiusM + antennaMslM) * Math.cos(groundRangeM / earthRadiusM) - earthRadiusM);
  if (!(hStar > lowestMslM) || slantRangeM(groundRangeM, antennaMslM, hStar, earthRadiusM) > rangeM) return Infinity;
  let lo = lowestMslM; // out of range
  let hi = hStar; // in range
  for (let it = 0; it < 40 && hi - lo > 0.01; it++) {
    const mid = 0.5 * (lo + hi);
    if (slantRangeM(groundRangeM, antennaMslM, mid, earthRadiusM) <= rangeM) hi = mid;
    else lo = mid;
  }
  return hi;
}

export interface MinDetectableAltitudeInput {
  grid: RegionGrid;
  sites: readonly ResolvedSite[];
  frames: readonly SiteFrame[];
  visibility: VisibilityProvider;
  threat: ThreatParams;
  jamming?: JammingInput;
}

/** The minimum-detectable-altitude map of one threat over the region grid. */
export function minDetectableAltitude(input: MinDetectableAltitudeInput): MinDetectableAltitude {
  const { grid, sites, frames, visibility, threat, jamming } = input;
  const n = grid.width * grid.height;
  const msl = new Float32Array(n).fill(Infinity);
  const who = new Int16Array(n).fill(-1);
  const ground = visibility.groundMslM();
  const a = visibility.earthRadiusM;
  for (let si = 0; si < sites.length; si++) {
    const site = sites[si];
    const siteGround = visibility.siteGroundMslM(si);
    const ev = new SiteEvaluator(site, threat, siteGround, a, jamming);
    const rangeM = frames[si].rangeM;
    const azRad = frames[si].azimuthRad;
    for (let r = 0; r < ev.radarCount; r++) {
      const detR = ev.detectionRangeM(r);
      const maxAlt = site.radars[r].maxAltitudeM;
      const antennaMslM = siteGround + ev.antennaAglM[r];
      const minVis = visibility.minVisibleMslM(si, ev.antennaAglM[r]);
      // Ground range can never exceed slant range on the sphere by more than the chord/arc gap.
      const reach = detR * 1.01;
      for (let k = 0; k < n; k++) {
        const s = rangeM[k];
        if (!(s <= reach) || !ev.inSector(r, azRad[k])) continue;
        const g = ground === undefined ? 0 : ground[k];
        if (g !== g) continue;
        const v = minVis[k];
        const h0 = v > g ? v : g;
        if (!(h0 < msl[k])) continue;
        const h = lowestInRangeM(s, antennaMslM, h0, maxAlt, detR, a);
        if (h < msl[k]) {
          msl[k] = h;
          who[k] = si;
        }
      }
    }
  }
  const agl = new Float32Array(n);
  for (let k = 0; k < n; k++) agl[k] = msl[k] - (ground === undefined ? 0 : ground[k]);
  return { threatId: threat.id, mslM: msl, aglM: agl, siteIndex: who };
}

/**
 * Per-cell change B − A of two altitude maps (negative: B detects lower). Where only one side
 * detects, ±Infinity; where neither does, NaN.
 */
export function altitudeDeltaM(a: Float32Array, b: Float32Array, out: Float32Array = new Float32Array(a.length)): Float32Array {
  if (b.length !== a.length || out.length !== a.length)
    throw new RangeError(`altitude maps must have the same length, got ${a.length}, ${b.length}, ${out.length}`);
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[k];
    if (x === Infinity && y === Infinity) out[k] = NaN;
    else if (x === Infinity) out[k] = -Infinity;
    else if (y === Infinity) out[k] = Infinity;
    else out[k] = y - x;
  }
  return out;
}

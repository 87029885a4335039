/**
 * Where line of sight comes from. Coverage asks a provider for the minimum visible height (MSL)
 * of every cell seen from a given antenna, and for ground elevations. The smooth-earth provider
 * answers analytically; the terrain provider (visibility/) answers from a DEM.
 */
import { minVisibleHeightSmoothM } from '../geo/horizon.js';
import type { SiteFrame } from './site-frame.js';

export interface VisibilityProvider {
  /** Short label for captions and explanations ("smooth 4/3 earth", "terrain: SRTM3 …"). */
  readonly label: string;
  readonly earthRadiusM: number;
  /** Ground elevation MSL at the site, metres (0 on a smooth earth). */
  siteGroundMslM(siteIndex: number): number;
  /** Ground elevation MSL of every grid cell, or undefined on a smooth (sea-level) earth. */
  groundMslM(): Float32Array | undefined;
  /** Ground elevation MSL at a point (0 on a smooth earth). */
  pointGroundMslM(lonDeg: number, latDeg: number): number;
  /**
   * Minimum visible target height (MSL, metres) at every grid cell for an antenna `antennaAglM`
   * above the ground at site `siteIndex`. +Infinity where nothing is visible.
   */
  minVisibleMslM(siteIndex: number, antennaAglM: number): Float32Array;
  /** The same at one point, at ground range `rangeM` and azimuth `azimuthRad` from the site. */
  pointMinVisibleMslM(siteIndex: number, antennaAglM: number, lonDeg: number, latDeg: number, rangeM: number, azimuthRad: number): number;
}

/** Line of sight over a smooth sphere of radius a_e = k·R: see `minVisibleHeightSmoothM`. */
export class SmoothEarthVisibility implements VisibilityProvider {
  readonly label: string;
  private readonly cache = new Map<string, Float32Array>();

  constructor(
    readonly earthRadiusM: number,
    private readonly frames: readonly SiteFrame[],
    kFactor: number,
  ) {
    this.label = `smooth earth, k = ${kFactor.toFixed(3)}`;
  }

  siteGroundMslM(): number {
    return 0;
  }

  groundMslM(): undefined {
    return undefined;
  }

  pointGroundMslM(): number {
    return 0;
  }

  minVisibleMslM(siteIndex: number, antennaAglM: number): Float32Array {
    const key = `${siteIndex}|${antennaAglM}`;
    let out = this.cache.get(key);
    if (out) return out;
    const rangeM = this.frames[siteIndex].rangeM;
    out = new Float32Array(rangeM.length);
    const a = this.earthRadiusM;
    for (let k = 0; k < rangeM.length; k++) {
      const s = rangeM[k];
      out[k] = s === Infinity ? Infinity : minVisibleHeightSmoothM(s, antennaAglM, a);
    }
    this.cache.set(key, out);
    return out;
  }

  pointMinVisibleMslM(_siteIndex: number, antennaAglM: number, _lon: number, _lat: number, rangeM: number): number {
    return minVisibleHeightSmoothM(rangeM, antennaAglM, this.earthRadiusM);
  }
}

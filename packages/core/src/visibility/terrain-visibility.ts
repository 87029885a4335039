/**
 * Line of sight over terrain, as coverage consumes it (VisibilityProvider). The rasters — ground
 * per cell and minimum visible height per (site, antenna height) — are computed beforehand by the
 * horizon sweep (io spreads it over threads); point queries (places of interest) trace the
 * geodesic from the site through the DEM directly.
 */
import { geodesicDirect } from '../geo/geodesic.js';
import type { VisibilityProvider } from '../coverage/visibility-provider.js';
import { elevationAt, type ElevationGrid } from '../terrain/elevation-grid.js';
import { minVisibleFromHorizonM, NO_HORIZON } from './horizon-sweep.js';

export interface TerrainSite {
  lonDeg: number;
  latDeg: number;
}

/** Key of a (site, antenna height) raster. */
export function terrainRasterKey(siteIndex: number, antennaAglM: number): string {
  return `${siteIndex}|${antennaAglM}`;
}

/** Metres per degree of latitude and of longitude near `latDeg` (for step sizes only). */
function metresPerDegree(latDeg: number): { lat: number; lon: number } {
  const lat = 111_132.954 - 559.822 * Math.cos((2 * latDeg * Math.PI) / 180);
  return { lat, lon: 111_412.84 * Math.cos((latDeg * Math.PI) / 180) };
}

/**
 * Horizon (max tan E) between a site and a point, from the geographic DEM along the geodesic:
 * positions from GeographicLib every ≤ 1 km, linear in between, samples every half DEM spacing.
 */
export function traceHorizon(dem: ElevationGrid, site: TerrainSite, antennaMslM: number, earthRadiusM: number, rangeM: number, azimuthRad: number): number {
  const mpd = metresPerDegree(site.latDeg);
  const stepM = 0.5 * Math.min(dem.dy * mpd.lat, dem.dx * Math.max(1, mpd.lon));
  const knots = Math.max(1, Math.ceil(rangeM / 1000));
  const azDeg = (azimuthRad * 180) / Math.PI;
  const rho0 = earthRadiusM + antennaMslM;
  let horizon = NO_HORIZON;
  let prev = { lonDeg: site.lonDeg, latDeg: site.latDeg };
  for (let k = 1; k <= knots; k++) {
    const s1 = (rangeM * k) / knots;
    const s0 = (rangeM * (k - 1)) / knots;
    const next = geodesicDirect(site.lonDeg, site.latDeg, azDeg, s1);
    const steps = Math.max(1, Math.ceil((s1 - s0) / stepM));
    for (let i = 1; i <= steps; i++) {
      const f = i / steps;
      const s = s0 + f * (s1 - s0);
      if (s >= rangeM) break;
      const z = elevationAt(dem, prev.lonDeg + f * (next.lonDeg - prev.lonDeg), prev.latDeg + f * (next.latDeg - prev.latDeg));
      if (z !== z) continue;
      const th = s / earthRadiusM;
      const rho = earthRadiusM + z;
      const t = (rho * Math.cos(th) - rho0) / (rho * Math.sin(th));
      if (t > horizon) horizon = t;
    }
    prev = next;
  }
  return horizon;
}

export interface TerrainVisibilityInit {
  label: string;
  earthRadiusM: number;
  /** Geographic DEM covering the region and the sites (for points). */
  dem: ElevationGrid;
  sites: readonly TerrainSite[];
  siteGroundMslM: readonly number[];
  /** Ground MSL per region cell. */
  groundMslM: Float32Array;
  /** Minimum visible height MSL per region cell, by terrainRasterKey(site, antenna AGL). */
  minVisibleMslM: ReadonlyMap<string, Float32Array>;
}

export class TerrainVisibility implements VisibilityProvider {
  readonly label: string;
  readonly earthRadiusM: number;
  private readonly pointCache = new Map<string, number>();

  constructor(private readonly init: TerrainVisibilityInit) {
    this.label = init.label;
    this.earthRadiusM = init.earthRadiusM;
  }

  /** The DEM behind this provider (geographic). */
  get dem(): ElevationGrid {
    return this.init.dem;
  }

  siteGroundMslM(siteIndex: number): number {
    return this.init.siteGroundMslM[siteIndex];
  }

  groundMslM(): Float32Array {
    return this.init.groundMslM;
  }

  pointGroundMslM(lonDeg: number, latDeg: number): number {
    return elevationAt(this.init.dem, lonDeg, latDeg);
  }

  minVisibleMslM(siteIndex: number, antennaAglM: number): Float32Array {
    const r = this.init.minVisibleMslM.get(terrainRasterKey(siteIndex, antennaAglM));
    if (!r) throw new RangeError(`no terrain raster for site ${siteIndex} with a ${antennaAglM} m antenna; the provider was built without it`);
    return r;
  }

  pointMinVisibleMslM(siteIndex: number, antennaAglM: number, lonDeg: number, latDeg: number, rangeM: number, azimuthRad: number): number {
    const key = `${siteIndex}|${antennaAglM}|${lonDeg}|${latDeg}`;
    const hit = this.pointCache.get(key);
    if (hit !== undefined) return hit;
    const antennaMslM = this.init.siteGroundMslM[siteIndex] + antennaAglM;
    const horizon = traceHorizon(this.init.dem, this.init.sites[siteIndex], antennaMslM, this.earthRadiusM, rangeM, azimuthRad);
    let h = minVisibleFromHorizonM(horizon, rangeM, antennaMslM, this.earthRadiusM);
    const g = this.pointGroundMslM(lonDeg, latDeg);
    if (h < g) h = g;
    this.pointCache.set(key, h);
    return h;
  }
}

/**
 * Point line-of-sight queries answered from a provider's per-site rasters on the analysis grid:
 * the minimum visible height of the grid cell that contains the point — the value the coverage
 * maps use for that cell. Raids query tens of thousands of route points per radar, for which a
 * terrain provider's exact per-point profile trace is too slow; points outside the grid fall back
 * to the exact query.
 */
import type { VisibilityProvider } from '../coverage/visibility-provider.js';
import type { RegionGrid } from '../geo/region-grid.js';

export class GridSampledVisibility implements VisibilityProvider {
  readonly label: string;
  readonly earthRadiusM: number;

  constructor(
    private readonly inner: VisibilityProvider,
    private readonly grid: RegionGrid,
  ) {
    this.label = `${inner.label}; raid points at the ${grid.resolutionM} m grid cell`;
    this.earthRadiusM = inner.earthRadiusM;
  }

  siteGroundMslM(siteIndex: number): number {
    return this.inner.siteGroundMslM(siteIndex);
  }

  groundMslM(): Float32Array | undefined {
    return this.inner.groundMslM();
  }

  pointGroundMslM(lonDeg: number, latDeg: number): number {
    return this.inner.pointGroundMslM(lonDeg, latDeg);
  }

  minVisibleMslM(siteIndex: number, antennaAglM: number): Float32Array {
    return this.inner.minVisibleMslM(siteIndex, antennaAglM);
  }

  pointMinVisibleMslM(siteIndex: number, antennaAglM: number, lonDeg: number, latDeg: number, rangeM: number, azimuthRad: number): number {
    const g = this.grid;
    const i = Math.floor((lonDeg - g.westDeg) / g.dLonDeg);
    const j = Math.floor((g.northDeg - latDeg) / g.dLatDeg);
    if (i < 0 || j < 0 || i >= g.width || j >= g.height) return this.inner.pointMinVisibleMslM(siteIndex, antennaAglM, lonDeg, latDeg, rangeM, azimuthRad);
    return this.inner.minVisibleMslM(siteIndex, antennaAglM)[j * g.width + i];
  }
}

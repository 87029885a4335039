import { describe, expect, it } from 'vitest';
import { SmoothEarthVisibility } from '../coverage/visibility-provider.js';
import { computeSiteFrame } from '../coverage/site-frame.js';
import { effectiveEarthRadiusM } from '../geo/earth.js';
import { geodesicInverse } from '../geo/geodesic.js';
import { cellLatDeg, cellLonDeg, makeRegionGrid } from '../geo/region-grid.js';
import { minVisibleHeightSmoothM } from '../geo/horizon.js';
import { GridSampledVisibility } from './grid-visibility.js';

describe('grid-sampled point visibility', () => {
  const ae = effectiveEarthRadiusM(4 / 3);
  const grid = makeRegionGrid({ westDeg: 126, southDeg: 37, eastDeg: 128, northDeg: 38 }, 5000);
  const frame = computeSiteFrame(grid, 127, 37.5, 300_000);
  const v = new GridSampledVisibility(new SmoothEarthVisibility(ae, [frame], 4 / 3), grid);

  it("returns the value of the cell that contains the point (the cell centre's minimum visible height)", () => {
    const lon = 127.61,
      lat = 37.83;
    const i = Math.floor((lon - 126) / grid.dLonDeg);
    const j = Math.floor((38 - lat) / grid.dLatDeg);
    const centre = geodesicInverse(127, 37.5, cellLonDeg(grid, i), cellLatDeg(grid, j)).distanceM;
    expect(v.pointMinVisibleMslM(0, 20, lon, lat, 0, 0)).toBeCloseTo(minVisibleHeightSmoothM(centre, 20, ae), 0);
  });

  it('falls back to the exact query outside the grid', () => {
    const r = geodesicInverse(127, 37.5, 129, 37.5).distanceM;
    expect(v.pointMinVisibleMslM(0, 20, 129, 37.5, r, Math.PI / 2)).toBeCloseTo(minVisibleHeightSmoothM(r, 20, ae), 6);
  });
});

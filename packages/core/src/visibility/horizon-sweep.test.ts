import { describe, expect, it } from 'vitest';
import { coneTerrain, flatTerrain, fractalTerrain, ridgeTerrain } from '../terrain/synthetic.js';
import type { ElevationGrid } from '../terrain/elevation-grid.js';
import { exactLineOfSight } from './exact-los.js';
import { horizonSweep, horizonSweepAll, minVisibleFromHorizonM, sweepWedgeCounts, type SweepSetup } from './horizon-sweep.js';

const A_E = (4 / 3) * 6371008.8;

/** Share of cells where the kernel and the exact oracle disagree for a target `aglM` above ground. */
function disagreement(
  dem: ElevationGrid,
  col: number,
  row: number,
  antennaAglM: number,
  aglM: number,
  maxRangeM: number,
  raysPerCell = Number(process.env.RAYS ?? 1),
): { share: number; cells: number } {
  const antennaMslM = dem.heightsM[row * dem.width + col] + antennaAglM;
  const setup: SweepSetup = { dem, observerCol: col, observerRow: row, antennaMslM, earthRadiusM: A_E, maxRangeM, raysPerCell };
  const hz = horizonSweepAll(setup);
  let bad = 0;
  let cells = 0;
  for (let j = 0; j < dem.height; j++) {
    for (let i = 0; i < dem.width; i++) {
      if (i === col && j === row) continue;
      const s = Math.hypot((i - col) * dem.dx, (j - row) * dem.dy);
      if (s > maxRangeM) {
        expect(hz[j * dem.width + i]).toBeNaN();
        continue;
      }
      const target = dem.heightsM[j * dem.width + i] + aglM;
      const kernel = target >= minVisibleFromHorizonM(hz[j * dem.width + i], s, antennaMslM, A_E);
      const exact = exactLineOfSight({ dem, observerCol: col, observerRow: row, antennaMslM, earthRadiusM: A_E }, i, j, target);
      cells++;
      if (kernel !== exact) bad++;
    }
  }
  if (process.env.SHOW) console.log(`disagree ${bad}/${cells} = ${((100 * bad) / cells).toFixed(3)}% (agl ${aglM}, rays ${raysPerCell})`);
  return { share: bad / cells, cells };
}

describe('horizonSweep against the exact line-of-sight oracle', () => {
  const fractal = fractalTerrain(241, 241, 90, { seed: 7, amplitudeM: 900, wavelengthM: 12_000 });
  const rough = fractalTerrain(201, 201, 1000, { seed: 3, amplitudeM: 1500, wavelengthM: 60_000 });
  const cones = coneTerrain(201, 201, 90, [
    { xM: 2000, yM: 1500, peakM: 400, radiusM: 1500 },
    { xM: -3000, yM: -500, peakM: 250, radiusM: 900 },
    { xM: 500, yM: -4000, peakM: 600, radiusM: 2500 },
  ]);
  const ridges = ridgeTerrain(201, 201, 90, [
    { xM: 3000, yM: 0, strikeRad: 0.3, crestM: 300, halfWidthM: 800 },
    { xM: 0, yM: -2500, strikeRad: 1.7, crestM: 200, halfWidthM: 500 },
  ]);

  for (const aglM of [100, 1000]) {
    it(`fractal 90 m terrain, ${aglM} m targets: ≤ 0.2% of cells disagree`, () => {
      const r = disagreement(fractal, 120, 120, 30, aglM, 20_000);
      expect(r.cells).toBeGreaterThan(30_000);
      expect(r.share).toBeLessThanOrEqual(0.002);
    });
    it(`fractal 1 km terrain to 100 km (curvature matters), ${aglM} m targets: ≤ 0.2% disagree`, () => {
      const r = disagreement(rough, 60, 130, 30, aglM, 100_000);
      expect(r.share).toBeLessThanOrEqual(0.002);
    });
    it(`cones and ridges, ${aglM} m targets: ≤ 0.2% disagree`, () => {
      expect(disagreement(cones, 100, 100, 20, aglM, 9_000).share).toBeLessThanOrEqual(0.002);
      expect(disagreement(ridges, 90, 110, 20, aglM, 9_000).share).toBeLessThanOrEqual(0.002);
    });
  }

  it('an observer near a corner of the grid sweeps only what the grid holds', () => {
    const r = disagreement(fractal, 5, 230, 30, 100, 50_000);
    expect(r.share).toBeLessThanOrEqual(0.002);
  });

  it('a cone straight ahead hides what lies behind it', () => {
    // Observer at the centre, a 500 m cone 3 km east: a 100 m target 6 km east is hidden, one 6 km west is seen.
    const dem = coneTerrain(161, 161, 100, [{ xM: 3000, yM: 0, peakM: 500, radiusM: 1000 }]);
    const setup: SweepSetup = { dem, observerCol: 80, observerRow: 80, antennaMslM: 30, earthRadiusM: A_E, maxRangeM: 8000 };
    const hz = horizonSweepAll(setup);
    const east = minVisibleFromHorizonM(hz[80 * 161 + 140], 6000, 30, A_E);
    const west = minVisibleFromHorizonM(hz[80 * 161 + 20], 6000, 30, A_E);
    // Independent geometry, flat to < 1 m at 6 km: the line from 30 m over the 500 m peak at 3 km reaches 970 m at 6 km.
    expect(east).toBeGreaterThan(960);
    expect(east).toBeLessThan(975);
    expect(west).toBeLessThan(100);
  });
});

describe('horizonSweep on a flat sea-level DEM', () => {
  it('reproduces the radar horizon d = √(2·a_e·h_r) + √(2·a_e·h_t) within 0.1%', () => {
    const dem = flatTerrain(1201, 1201, 400, 0);
    const hr = 30;
    const setup: SweepSetup = { dem, observerCol: 600, observerRow: 600, antennaMslM: hr, earthRadiusM: A_E, maxRangeM: 240_000 };
    const hz = horizonSweepAll(setup);
    for (const ht of [100, 1000]) {
      const d = Math.sqrt(2 * A_E * hr) + Math.sqrt(2 * A_E * ht);
      let checked = 0;
      const wrong: number[] = [];
      for (let j = 0; j < dem.height; j++) {
        for (let i = 0; i < dem.width; i++) {
          const s = Math.hypot(i - 600, j - 600) * 400;
          if (s > 240_000 || s === 0) continue;
          const seen = ht >= minVisibleFromHorizonM(hz[j * dem.width + i], s, hr, A_E);
          if ((s < d * 0.999 && !seen) || (s > d * 1.001 && seen)) wrong.push(s);
          if (Math.abs(s / d - 1) < 0.01) checked++;
        }
      }
      expect(wrong).toEqual([]);
      expect(checked).toBeGreaterThan(1000);
    }
  });
});

describe('horizonSweep work split', () => {
  it('gives the same raster whether run in one call or in wedge chunks', () => {
    const dem = fractalTerrain(101, 81, 90, { seed: 2 });
    const setup: SweepSetup = { dem, observerCol: 30, observerRow: 50, antennaMslM: 300, earthRadiusM: A_E, maxRangeM: 6000, raysPerCell: 2 };
    const whole = horizonSweepAll(setup);
    const parts = new Float32Array(whole.length).fill(NaN);
    const total = sweepWedgeCounts(setup).reduce((x, y) => x + y, 0);
    for (let w = 0; w < total; w += 37) horizonSweep(setup, parts, w, Math.min(total, w + 37));
    expect(Array.from(parts)).toEqual(Array.from(whole));
  });

  it('writes every node within range exactly and leaves the rest alone', () => {
    const dem = flatTerrain(51, 51, 100, 10);
    const hz = horizonSweepAll({ dem, observerCol: 25, observerRow: 25, antennaMslM: 40, earthRadiusM: A_E, maxRangeM: 2000 });
    let inside = 0;
    for (let j = 0; j < 51; j++) {
      for (let i = 0; i < 51; i++) {
        const s = Math.hypot(i - 25, j - 25) * 100;
        if (s <= 2000) {
          expect(Number.isNaN(hz[j * 51 + i])).toBe(false);
          inside++;
        } else expect(hz[j * 51 + i]).toBeNaN();
      }
    }
    // Lattice points within a radius-20 disc (Gauss circle problem, N(20) = 1257).
    expect(inside).toBe(1257);
  });

  it('rejects a geographic grid and an observer outside the grid', () => {
    const dem = flatTerrain(11, 11, 100);
    expect(() =>
      horizonSweepAll({ dem: { ...dem, crs: 'geographic' }, observerCol: 5, observerRow: 5, antennaMslM: 10, earthRadiusM: A_E, maxRangeM: 500 }),
    ).toThrow(/planar/);
    expect(() => horizonSweepAll({ dem, observerCol: 11, observerRow: 5, antennaMslM: 10, earthRadiusM: A_E, maxRangeM: 500 })).toThrow(/observerCol/);
  });
});

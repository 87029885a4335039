import { describe, expect, it } from 'vitest';
import { geodesicInverse } from '../geo/geodesic.js';
import { minVisibleHeightSmoothM } from '../geo/horizon.js';
import { makeElevationGrid } from '../terrain/elevation-grid.js';
import { fractalTerrain } from '../terrain/synthetic.js';
import { finishGeodesicSweep, geodesicSweep, geodesicSweepRayCounts, type GeodesicSweepSetup } from './geodesic-sweep.js';
import { minVisibleFromHorizonM } from './horizon-sweep.js';

const A_E = (4 / 3) * 6371008.8;
const D = 15 / 3600;
const N = 241;

function setupFor(heights: Float32Array): GeodesicSweepSetup {
  const dem = makeElevationGrid(N, N, { crs: 'geographic', x0: 127, y0: 38.5, dx: D, dy: D }, heights);
  return {
    dem,
    siteLonDeg: 127.5 + 0.3 * D,
    siteLatDeg: 38.0 - 0.2 * D,
    antennaMslM: 30,
    earthRadiusM: A_E,
    maxRangeM: 80_000,
    window: { c0: 0, c1: N - 1, r0: 0, r1: N - 1 },
  };
}

function sweep(s: GeodesicSweepSetup, chunks: number): Float32Array {
  const out = new Float32Array(N * N).fill(NaN);
  const total = geodesicSweepRayCounts(s).reduce((a, b) => a + b, 0);
  const per = Math.ceil(total / chunks);
  for (let r = 0; r < total; r += per) geodesicSweep(s, out, r, Math.min(total, r + per));
  finishGeodesicSweep(s, out);
  return out;
}

describe('geodesicSweep', () => {
  it('over a sea-level DEM gives the smooth-earth horizon at every node within range', () => {
    const s = setupFor(new Float32Array(N * N));
    const out = sweep(s, 1);
    let checked = 0;
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < N; i++) {
        const rangeM = geodesicInverse(s.siteLonDeg, s.siteLatDeg, 127 + i * D, 38.5 - j * D).distanceM;
        if (rangeM > 75_000 || rangeM < 2000) continue;
        const h = Math.max(0, minVisibleFromHorizonM(out[j * N + i], rangeM, 30, A_E));
        const expected = minVisibleHeightSmoothM(rangeM, 30, A_E);
        expect(Math.abs(h - expected), `node ${i},${j}`).toBeLessThan(0.002 * expected + 0.5);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30_000);
  });

  it('gives the same values however the rays are split (threads)', () => {
    const s = setupFor(fractalTerrain(N, N, 400, { seed: 3, amplitudeM: 800, wavelengthM: 20_000 }).heightsM);
    const one = sweep(s, 1);
    for (const chunks of [3, 17]) expect(sweep(s, chunks)).toEqual(one);
    // Every node within range is written.
    let unset = 0;
    for (let k = 0; k < one.length; k++) if (one[k] !== one[k]) unset++;
    expect(unset).toBe(0);
  });

  it('refuses a window that does not hold the site', () => {
    const s = { ...setupFor(new Float32Array(N * N)), window: { c0: 0, c1: 50, r0: 0, r1: 50 } };
    expect(() => geodesicSweep(s, new Float32Array(51 * 51), 0, 10)).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { countVoids, elevationAt, elevationExtent, fillVoids, makeElevationGrid, sampleBilinear } from './elevation-grid.js';
import { coneTerrain, fractalTerrain, ridgeTerrain } from './synthetic.js';

describe('ElevationGrid', () => {
  // z = 2x + 3y + xy on nodes (x, y) = (col, row): bilinear interpolation reproduces it exactly.
  const w = 5;
  const h = 4;
  const heights = new Float32Array(w * h);
  for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) heights[j * w + i] = 2 * i + 3 * j + i * j;
  const g = makeElevationGrid(w, h, { crs: 'geographic', x0: 127, y0: 38, dx: 0.5, dy: 0.25 }, heights);

  it('interpolates a bilinear surface exactly, edges included', () => {
    for (const [x, y] of [
      [0.3, 0.7],
      [3.9, 2.2],
      [4, 3],
      [0, 0],
      [2.5, 3],
    ]) {
      expect(sampleBilinear(g, x, y)).toBeCloseTo(2 * x + 3 * y + x * y, 5);
    }
  });

  it('maps coordinates to nodes (row 0 north) and reports NaN outside', () => {
    expect(elevationAt(g, 127 + 0.5 * 1.5, 38 - 0.25 * 2)).toBeCloseTo(2 * 1.5 + 3 * 2 + 3, 5);
    expect(elevationAt(g, 126.9, 37.5)).toBeNaN();
    expect(elevationExtent(g)).toEqual({ westDeg: 127, eastDeg: 129, northDeg: 38, southDeg: 37.25 });
  });

  it('rejects inconsistent shapes', () => {
    expect(() => makeElevationGrid(3, 3, { crs: 'planar', x0: 0, y0: 0, dx: 1, dy: 1 }, new Float32Array(8))).toThrow(/9 values, got 8/);
    expect(() => makeElevationGrid(3, 3, { crs: 'planar', x0: 0, y0: 0, dx: 0, dy: 1 })).toThrow(/dx/);
  });
});

describe('fillVoids', () => {
  const make = (): ReturnType<typeof makeElevationGrid> => {
    const g = makeElevationGrid(5, 5, { crs: 'planar', x0: 0, y0: 0, dx: 1, dy: 1 }, new Float32Array(25).fill(100));
    g.heightsM[12] = NaN; // centre
    g.heightsM[0] = NaN;
    return g;
  };

  it('interpolate: a void surrounded by 100 m becomes 100 m', () => {
    const g = make();
    expect(fillVoids(g, 'interpolate')).toBe(2);
    expect(g.heightsM[12]).toBeCloseTo(100, 5);
    expect(countVoids(g)).toBe(0);
  });

  it('interpolate weights by inverse distance along rows and columns', () => {
    // Row: 0 [void] [void] 30 → the first void is 1 from 0 and 2 from 30: (0·1 + 30·½)/(1 + ½) = 10.
    const g = makeElevationGrid(4, 2, { crs: 'planar', x0: 0, y0: 0, dx: 1, dy: 1 }, Float32Array.of(0, NaN, NaN, 30, 0, 0, 0, 30));
    fillVoids(g, 'interpolate');
    // Column: the void also sees the node below it (0 at distance 1): (10·1.5 + 0·1)/(1.5 + 1) = 6.
    expect(g.heightsM[1]).toBeCloseTo(6, 5);
  });

  it('zero and none', () => {
    const a = make();
    fillVoids(a, 'zero');
    expect(a.heightsM[12]).toBe(0);
    const b = make();
    expect(fillVoids(b, 'none')).toBe(0);
    expect(countVoids(b)).toBe(2);
  });
});

describe('synthetic terrain', () => {
  it('cones peak where placed and fall linearly', () => {
    const g = coneTerrain(21, 21, 100, [{ xM: 0, yM: 0, peakM: 500, radiusM: 1000 }]);
    expect(g.heightsM[10 * 21 + 10]).toBeCloseTo(500, 3);
    expect(g.heightsM[10 * 21 + 15]).toBeCloseTo(250, 3);
    expect(g.heightsM[0]).toBe(0);
  });

  it('ridges follow their strike', () => {
    // A north–south ridge through x = 0: the crest row is column 10 all along.
    const g = ridgeTerrain(21, 21, 100, [{ xM: 0, yM: 0, strikeRad: 0, crestM: 300, halfWidthM: 600 }]);
    for (let j = 0; j < 21; j++) expect(g.heightsM[j * 21 + 10]).toBeCloseTo(300, 3);
    expect(g.heightsM[5 * 21 + 13]).toBeCloseTo(150, 3);
  });

  it('fractal terrain is deterministic per seed and spans hills and floors', () => {
    const a = fractalTerrain(64, 64, 90, { seed: 4 });
    const b = fractalTerrain(64, 64, 90, { seed: 4 });
    const c = fractalTerrain(64, 64, 90, { seed: 5 });
    expect(Array.from(a.heightsM)).toEqual(Array.from(b.heightsM));
    expect(Array.from(a.heightsM)).not.toEqual(Array.from(c.heightsM));
    const big = fractalTerrain(200, 200, 200, { seed: 1 });
    let max = 0;
    let floor = 0;
    for (const z of big.heightsM) {
      max = Math.max(max, z);
      if (z === 0) floor++;
    }
    expect(max).toBeGreaterThan(300);
    expect(floor).toBeGreaterThan(0);
  });
});

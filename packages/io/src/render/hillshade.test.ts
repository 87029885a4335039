import { describe, expect, it } from 'vitest';
import { geodesicInverse, makeRegionGrid } from '@parapet/core';
import { hillshade, hillshadeRgba } from './hillshade.js';

const grid = makeRegionGrid({ westDeg: 127, southDeg: 38, eastDeg: 127.5, northDeg: 38.4 }, 1000);
const latMPerDeg = geodesicInverse(127.25, 37.7, 127.25, 38.7).distanceM;
const dyM = grid.dLatDeg * latMPerDeg;

/** Textbook Lambert hillshade (Burrough & McDonnell 1998, eq. 8.6) for a plane of slope angle θ and aspect α. */
function textbook(slopeRad: number, aspectDeg: number, sunAzDeg = 315, sunAltDeg = 45): number {
  const zen = ((90 - sunAltDeg) * Math.PI) / 180;
  return Math.cos(zen) * Math.cos(slopeRad) + Math.sin(zen) * Math.sin(slopeRad) * Math.cos(((sunAzDeg - aspectDeg) * Math.PI) / 180);
}

function plane(grad: (xM: number, yM: number) => number): Float32Array {
  const z = new Float32Array(grid.width * grid.height);
  for (let j = 0; j < grid.height; j++) {
    const dxM = grid.rowCellAreaM2[j] / dyM;
    for (let i = 0; i < grid.width; i++) z[j * grid.width + i] = grad(i * dxM, (grid.height - j) * dyM);
  }
  return z;
}

describe('hillshade', () => {
  const mid = Math.floor(grid.height / 2) * grid.width + Math.floor(grid.width / 2);

  it('shades a plane rising to the east (facing west) as the textbook formula says', () => {
    const s = 0.3; // 30% grade
    const shade = hillshade(
      grid,
      plane((x) => s * x),
    );
    expect(shade[mid]).toBeCloseTo(textbook(Math.atan(s), 270), 3);
  });

  it('shades a plane rising to the north (facing south, away from a NW sun) darker', () => {
    const s = 0.5;
    const shade = hillshade(
      grid,
      plane((_x, y) => s * y),
    );
    expect(shade[mid]).toBeCloseTo(textbook(Math.atan(s), 180), 3);
    expect(shade[mid]).toBeLessThan(Math.sin(Math.PI / 4));
  });

  it('applies the vertical exaggeration to the slope', () => {
    const shade = hillshade(
      grid,
      plane((x) => 0.1 * x),
      { zFactor: 3, sunAzimuthDeg: 90, sunAltitudeDeg: 30 },
    );
    expect(shade[mid]).toBeCloseTo(textbook(Math.atan(0.3), 270, 90, 30), 3);
  });

  it('gives flat ground sin(sun altitude), drawn transparent, and NaN next to voids', () => {
    const z = new Float32Array(grid.width * grid.height).fill(250);
    z[mid] = Number.NaN;
    const shade = hillshade(grid, z);
    expect(shade[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(Number.isNaN(shade[mid + 1])).toBe(true);
    const rgba = hillshadeRgba(shade);
    expect(rgba[3]).toBe(0);
    expect(rgba[(mid + 1) * 4 + 3]).toBe(0);
  });

  it('darkens slopes turned from the sun and lightens those facing it', () => {
    const away = hillshadeRgba(
      hillshade(
        grid,
        plane((x) => 0.5 * x + 0 * x),
      ),
    );
    const toward = hillshadeRgba(
      hillshade(
        grid,
        plane((x) => -0.5 * x),
      ),
    );
    expect(away[mid * 4]).toBe(255); // facing west, toward a north-west sun: white
    expect(away[mid * 4 + 3]).toBeGreaterThan(0);
    expect(toward[mid * 4]).toBe(0); // facing east: black
    expect(toward[mid * 4 + 3]).toBeGreaterThan(0);
  });

  it('rejects an elevation raster of the wrong size', () => {
    expect(() => hillshade(grid, new Float32Array(3))).toThrow(/must have \d+ cells/);
  });
});

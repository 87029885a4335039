import { describe, expect, it } from 'vitest';
import { makeRegionGrid, maskAreaKm2 } from '../geo/region-grid.js';
import { bandFigure, bandTones, formatBand, holdsAcrossSpread, layerBands } from './uncertainty-bands.js';

describe('bandTones', () => {
  it('gives 3 where every reading covers, 2 where the nominal does, 1 where some does, 0 elsewhere', () => {
    const low = [1, 0, 0, 0, 1];
    const nominal = [1, 1, 0, 0, 0];
    const high = [1, 1, 1, 0, 0];
    expect([...bandTones({ low, nominal, high })]).toEqual([3, 2, 1, 0, 1]);
  });
  it('rejects masks of different lengths', () => {
    expect(() => bandTones({ low: [1], nominal: [1, 1], high: [1, 1] })).toThrow(/same length/);
  });
});

describe('figures', () => {
  it('formats "41,000 km² (28,000–63,000)"', () => {
    expect(formatBand(bandFigure({ low: 28_140, nominal: 41_320, high: 63_400 }), 'km²')).toBe('41,000 km² (28,000–63,000)');
    expect(formatBand(bandFigure({ low: 5, nominal: 5, high: 5 }), 'km')).toBe('5 km');
  });
  it('says whether a change holds across the spread', () => {
    expect(holdsAcrossSpread({ low: 100, nominal: 2000, high: 5000 })).toBe('gain');
    expect(holdsAcrossSpread({ low: -100, nominal: 2000, high: 5000 })).toBe('depends on the sources');
    expect(holdsAcrossSpread({ low: -1, nominal: -2, high: -3 })).toBe('loss');
  });
});

describe('layerBands', () => {
  it('areas: every ≤ nominal ≤ some, and equal to the masks counted directly', () => {
    const grid = makeRegionGrid({ westDeg: 125, southDeg: 37, eastDeg: 126, northDeg: 38 }, 5000);
    const n = grid.width * grid.height;
    const low = new Uint8Array(n);
    const nominal = new Uint8Array(n);
    const high = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      high[k] = k % 2 === 0 ? 1 : 0;
      nominal[k] = k % 4 === 0 ? 1 : 0;
      low[k] = k % 8 === 0 ? 1 : 0;
    }
    const b = layerBands(grid, 't', 1000, { low, nominal, high }, { low, nominal, high });
    expect(b.engageEveryKm2).toBeCloseTo(maskAreaKm2(grid, low), 6);
    expect(b.engageSomeKm2).toBeCloseTo(maskAreaKm2(grid, high), 6);
    expect(b.engageAreaKm2.min).toBeCloseTo(b.engageEveryKm2, 6);
    expect(b.engageAreaKm2.nominal).toBeCloseTo(maskAreaKm2(grid, nominal), 6);
  });
});

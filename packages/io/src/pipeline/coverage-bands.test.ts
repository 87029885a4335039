import { afterAll, describe, expect, it } from 'vitest';
import { checkScenario, maskAreaKm2 } from '@parapet/core';
import { loadCatalog } from '../catalog/load-catalog.js';
import { runCoverageBands } from './coverage-bands.js';
import { closePools } from './worker-pool.js';

// Worker code is loaded from dist/: run `npx tsc -b packages/cli` first.
const doc = {
  name: 'bands',
  region: { bbox: [125.0, 37.6, 127.0, 39.4], resolutionM: 4000 },
  sites: [
    { id: 'sa2', system: 's-75', lon: 125.75, lat: 39.03, status: 'hypothetical', sources: [{ title: 'Parapet estimate: test' }] },
    { id: 's400', system: 's-400', lon: 125.8, lat: 38.9, status: 'hypothetical', sources: [{ title: 'Parapet estimate: test' }] },
  ],
  places: [{ name: 'Kaesong', lon: 126.55, lat: 37.99 }],
  analysis: { threats: ['f-16'], altitudesM: [1000, 10000] },
};

afterAll(async () => {
  await closePools();
});

describe('runCoverageBands', () => {
  it('low ⊆ nominal ⊆ high cell by cell, tones and figures consistent with the three runs', async () => {
    const cat = loadCatalog();
    const checked = checkScenario(doc, cat);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const r = await runCoverageBands(checked.scenario, cat);
    expect(r.layers).toHaveLength(2);
    r.layers.forEach((b, i) => {
      const [lo, no, hi] = (['low', 'nominal', 'high'] as const).map((vc) => r.cases[vc].runs[i].layer.engageCount);
      for (let k = 0; k < no.length; k++) {
        if (lo[k]) expect(no[k]).toBeGreaterThan(0);
        if (no[k]) expect(hi[k]).toBeGreaterThan(0);
      }
      const grid = r.cases.nominal.grid;
      // With nested readings, "every" is the low run and "some" the high run.
      expect(b.engageEveryKm2).toBeCloseTo(maskAreaKm2(grid, lo), 6);
      expect(b.engageSomeKm2).toBeCloseTo(maskAreaKm2(grid, hi), 6);
      expect(b.engageAreaKm2.min).toBeLessThanOrEqual(b.engageAreaKm2.nominal);
      expect(b.engageAreaKm2.nominal).toBeLessThanOrEqual(b.engageAreaKm2.max);
      expect(b.engageAreaKm2.nominal).toBeCloseTo(r.cases.nominal.runs[i].metrics.engageAreaKm2, 6);
    });
    // The sources' spread shows: at 1 km the low reading engages less than the high one.
    expect(r.layers[0].engageAreaKm2.min).toBeLessThan(r.layers[0].engageAreaKm2.max);
    expect(Object.keys(r.places[0].engagedUnder)).toEqual(['Kaesong']);
  });
});

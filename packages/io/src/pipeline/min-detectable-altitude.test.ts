/**
 * Minimum detectable altitude (core/visibility/min-detectable-altitude.ts) through the coverage
 * pipeline, against an independent oracle: the place evaluation of the
 * coverage engine, which scans altitude upward in 10 m steps at a point and reports the first
 * detected altitude. At cell centres the two must agree to within one step.
 */
import { cellLatDeg, cellLonDeg, minDetectableAltitude, placeOutcome, radarHorizonApproxM } from '@parapet/core';
import { loadCatalog } from '../catalog/load-catalog.js';
import { parseScenarioText } from '../scenario/load-scenario.js';
import { runCoverage } from './coverage.js';
import { closePools } from './worker-pool.js';
import { afterAll, describe, expect, it } from 'vitest';

const TEXT = `name: MDA test
region: { bbox: [122.0, 35.0, 130.0, 42.0], resolutionM: 8000 }
sites:
  - { id: a, system: s-75, lon: 125.75, lat: 39.03, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
  - { id: b, system: s-75, lon: 125.9, lat: 38.4, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
analysis: { threats: [f-16], altitudesM: [1000] }
`;

afterAll(() => closePools());

describe('minDetectableAltitude', () => {
  it('agrees with the 10 m altitude scan of the place evaluation at cell centres', async () => {
    const catalog = loadCatalog();
    const r = parseScenarioText(TEXT, 'mda.yaml', catalog);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const an = await runCoverage(r.scenario, catalog);
    const threat = an.threats[0];
    const mda = minDetectableAltitude({ grid: an.grid, sites: an.sites, frames: an.frames, visibility: an.visibility, threat }).mslM;
    let finite = 0;
    let never = 0;
    for (let j = 1; j < an.grid.height; j += 4) {
      for (let i = 1; i < an.grid.width; i += 4) {
        const k = j * an.grid.width + i;
        const place = { name: `c${k}`, lon: cellLonDeg(an.grid, i), lat: cellLatDeg(an.grid, j) };
        const o = placeOutcome(place, an.sites, an.visibility, threat, 1000, 'msl');
        if (o.lowestDetectedAltitudeM === null) {
          // The scan stops at the first engaged altitude; "never detected" must match too.
          if (o.lowestEngagedAltitudeM === null) expect(mda[k]).toBe(Infinity);
          never++;
          continue;
        }
        expect(mda[k]).toBeLessThanOrEqual(o.lowestDetectedAltitudeM + 0.01);
        expect(mda[k]).toBeGreaterThan(o.lowestDetectedAltitudeM - 10);
        finite++;
      }
    }
    expect(finite).toBeGreaterThan(20);
    expect(never).toBeGreaterThan(5);
  });

  it('grows with distance like the radar horizon on a smooth earth', async () => {
    const catalog = loadCatalog();
    const r = parseScenarioText(TEXT, 'mda.yaml', catalog);
    if (!r.ok) throw new Error('invalid');
    const an = await runCoverage(r.scenario, catalog);
    const mda = minDetectableAltitude({ grid: an.grid, sites: an.sites, frames: an.frames, visibility: an.visibility, threat: an.threats[0] }).mslM;
    // Along site a's row, the lowest detectable altitude at ground range d is the height whose
    // horizon distance from the highest antenna reaches d: invert d = √(2·a_e·h_r) + √(2·a_e·h_t).
    const a = an.visibility.earthRadiusM;
    const hr = Math.max(...an.sites[0].radars.map((x) => x.antennaHeightM));
    const j = Math.round((an.grid.northDeg - 39.03) / an.grid.dLatDeg - 0.5);
    let checked = 0;
    for (let i = 0; i < an.grid.width; i++) {
      const k = j * an.grid.width + i;
      const d = an.frames[0].rangeM[k];
      if (!(d > 20_000 && d < 45_000) || an.frames[1].rangeM[k] < 60_000) continue;
      const ht = (d - Math.sqrt(2 * a * hr)) ** 2 / (2 * a);
      expect(radarHorizonApproxM(hr, ht, a)).toBeCloseTo(d, -1);
      expect(Math.abs(mda[k] - ht)).toBeLessThan(2 + 0.002 * ht);
      checked++;
    }
    expect(checked).toBeGreaterThan(2);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { checkScenario, effectiveEarthRadiusM, geodesicInverse, maskAreaKm2, pickValue } from '@parapet/core';
import { loadCatalog } from '../catalog/load-catalog.js';
import { buildCoverageSummary } from '../export/summary.js';
import { runCoverage } from './coverage.js';
import { closePools } from './worker-pool.js';

// Worker code is loaded from dist/: run `npx tsc -b packages/cli` first.
// One SA-2 battery and the catalog's EA-18G-class stand-off jammer 150 km south of it, through the
// whole path a user takes: catalog → scenario → resolve → coverage → summary.
const doc = {
  name: 'jamming end to end',
  region: { bbox: [125.0, 37.4, 127.0, 39.6], resolutionM: 4000 },
  sites: [{ id: 'sa2', system: 's-75', lon: 125.75, lat: 39.03, status: 'hypothetical', sources: [{ title: 'Parapet estimate: test' }] }],
  jammers: [
    { id: 'soj', jammer: 'ea-18g-class', lon: 125.75, lat: 37.68, altitudeM: 9000, status: 'hypothetical', sources: [{ title: 'Parapet estimate: test' }] },
  ],
  analysis: { threats: ['f-16', 'f-35a'], altitudesM: [1000, 10000] },
};

afterAll(async () => {
  await closePools();
});

describe('coverage with a stand-off jammer', () => {
  it('jammed coverage lies inside the unjammed one, and seen-not-engageable = detected − engaged', async () => {
    const cat = loadCatalog();
    const checked = checkScenario(doc, cat);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const a = await runCoverage(checked.scenario, cat);
    expect(a.jamming?.standOff).toHaveLength(1);
    expect(a.unjammedRuns).toHaveLength(a.runs.length);
    a.runs.forEach((run, i) => {
      const clean = a.unjammedRuns![i];
      let shrank = 0;
      for (let k = 0; k < run.layer.detectCount.length; k++) {
        expect(run.layer.detectCount[k]).toBeLessThanOrEqual(clean.layer.detectCount[k]);
        expect(run.layer.engageCount[k]).toBeLessThanOrEqual(clean.layer.engageCount[k]);
        if (run.layer.detectCount[k] < clean.layer.detectCount[k]) shrank++;
      }
      expect(shrank).toBeGreaterThan(0);
      // Engaging needs the guidance radar's detection, so "seen, not engageable" is the difference of the two areas.
      for (const m of [run.metrics, clean.metrics]) expect(m.detectedNotEngagedAreaKm2).toBeCloseTo(m.detectAreaKm2 - m.engageAreaKm2, 6);
      const seenOnly = new Uint8Array(run.layer.detectCount.length);
      for (let k = 0; k < seenOnly.length; k++) seenOnly[k] = run.layer.detectCount[k] > 0 && run.layer.engageCount[k] === 0 ? 1 : 0;
      expect(run.metrics.detectedNotEngagedAreaKm2).toBeCloseTo(maskAreaKm2(a.grid, seenOnly), 6);
    });
  });

  it("the summary's sidelobe burn-through range of the P-12 is R₀·(1 + J/N)^-¼ with J/N from the catalog by hand", async () => {
    const cat = loadCatalog();
    const checked = checkScenario(doc, cat);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const a = await runCoverage(checked.scenario, cat);
    const summary = buildCoverageSummary(a, cat, 'test.yaml');
    const row = summary.jamming!.find((r) => r.threat === 'f-16' && r.site === 'sa2')!;
    const p12 = row.radars.find((r) => r.radar === 'p-12')!;
    expect(p12.jammers).toEqual(['soj']);

    // J/N = ERP·G·SLL·λ² / ((4π)²·R²·k·T₀·F·B), every input read from the catalog files here.
    const radar = cat.systems.get('s-75')!.radars.find((r) => r.id === 'p-12')!;
    const jam = cat.jammers.get('ea-18g-class')!;
    const db = (x: number): number => 10 ** (x / 10);
    const erpW = db(jam.erp.nominal);
    const bandwidthHz = jam.bandwidth.nominal * (jam.bandwidth.unit === 'MHz' ? 1e6 : jam.bandwidth.unit === 'GHz' ? 1e9 : 1);
    const fHz = pickValue(radar.band.frequency, 'frequency');
    const lambda = 299_792_458 / fHz;
    const gSide = db(radar.receiver.gain.nominal + radar.receiver.sidelobeLevel.nominal);
    const nf = db(radar.receiver.noiseFigure.nominal);
    const ae = effectiveEarthRadiusM(4 / 3);
    const ground = pickValue(radar.antennaHeight, 'length');
    const s = geodesicInverse(125.75, 39.03, 125.75, 37.68).distanceM;
    const ra = ae + ground;
    const rj = ae + 9000;
    const slant = Math.sqrt(ra * ra + rj * rj - 2 * ra * rj * Math.cos(s / ae));
    const jn = (erpW * gSide * lambda * lambda) / ((4 * Math.PI) ** 2 * slant * slant * 1.380649e-23 * 290 * nf * bandwidthHz);
    expect(jn).toBeGreaterThan(1);
    const expectedKm = p12.unjammedKm * (1 + jn) ** -0.25;
    // The summary rounds to 0.1 km.
    expect(Math.abs(p12.standOffSidelobeKm - expectedKm)).toBeLessThanOrEqual(0.06 + 0.001 * expectedKm);
    expect(p12.standOffMainlobeKm).toBeLessThan(p12.standOffSidelobeKm);
  });
});

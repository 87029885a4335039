import { describe, expect, it } from 'vitest';
import {
  explainSiteThreat,
  findNode,
  FRONT,
  rcsAtM2,
  resolveSystemAt,
  resolveThreat,
  SiteEvaluator,
  swerlingDetection,
  STANDARD_K_FACTOR,
  effectiveEarthRadiusM,
} from '@parapet/core';
import { loadCatalog } from './load-catalog.js';

// One rule, three callers: the coverage maps (SiteEvaluator), the explanation tree (explain) and
// the raid simulation's per-scan Pd (sim detection model) must agree on every radar of the
// catalog against every threat, at the default and a stricter detection threshold.
describe('detection range at a Pd: coverage, explain and the simulation agree', () => {
  const cat = loadCatalog();
  const ae = effectiveEarthRadiusM(STANDARD_K_FACTOR);
  const site = { id: 'x', lon: 127, lat: 38, status: 'hypothetical' as const };
  for (const pd of [0.5, 0.9]) {
    it(`every system × threat at Pd ${pd}`, () => {
      let checked = 0;
      for (const system of cat.systems.values()) {
        const resolved = resolveSystemAt(system, site, 'nominal');
        for (const threat of cat.threats.values()) {
          const tp = { ...resolveThreat(threat, 'nominal'), pdThreshold: pd };
          const ev = new SiteEvaluator(resolved, tp, 0, ae);
          const tree = explainSiteThreat({
            catalog: cat,
            system,
            site: { id: 'x', lonDeg: 127, latDeg: 38 },
            threat,
            altitudeM: 5000,
            kFactor: STANDARD_K_FACTOR,
            pdThreshold: pd,
          });
          const sim = swerlingDetection();
          resolved.radars.forEach((r, i) => {
            const mapR = ev.detectionRangeM(i);
            const explained = findNode(tree, `radar.${r.id}.range`)?.value as number;
            expect(explained, `${system.id}/${r.id} vs ${threat.id}`).toBeCloseTo(mapR, 3);
            // Inside the instrumented range, the simulation's per-scan Pd at the map's range is the threshold.
            if (mapR < r.instrumentedRangeM * 0.999) {
              const p = sim.pdPerScan(r, { slantRangeM: mapR, rcsM2: rcsAtM2(tp.rcsM2, r.band, FRONT), swerling: threat.swerling });
              expect(Math.abs(p - pd), `${system.id}/${r.id} vs ${threat.id}: Pd ${p}`).toBeLessThan(1e-6);
            }
            checked++;
          });
        }
      }
      expect(checked).toBeGreaterThan(100);
    });
  }
});

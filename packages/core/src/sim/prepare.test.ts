import { describe, expect, it } from 'vitest';
import { SmoothEarthVisibility } from '../coverage/visibility-provider.js';
import { DETECTED, SiteEvaluator } from '../engagement/site-evaluator.js';
import { effectiveEarthRadiusM } from '../geo/earth.js';
import { geodesicInverse } from '../geo/geodesic.js';
import { minVisibleHeightSmoothM } from '../geo/horizon.js';
import { resolveSystemAt, resolveThreat } from '../scenario/resolve.js';
import { cookieCutterDetection } from './models/detection-model.js';
import { prepareSimulation } from './prepare.js';
import { testCatalog, testScenario, testSystem, testThreat } from './sim-fixtures.js';

const ae = effectiveEarthRadiusM(4 / 3);
const smooth = new SmoothEarthVisibility(ae, [], 4 / 3);

describe('prepared detection tables', () => {
  it('agree with the coverage rules (SiteEvaluator) at every route sample, for each radar alone', () => {
    // Low (300 m) route 89 km abeam: crosses the surveillance radar's horizon and range edges.
    const scen = testScenario({ routeLonDeg: 128.0, altitudeM: 300 });
    const m = prepareSimulation(scen, testCatalog(), smooth, { detection: cookieCutterDetection });
    const g = m.groups[0];
    const sys = testSystem();
    const full = resolveSystemAt(sys, scen.sites[0], 'nominal');
    const threat = resolveThreat(testThreat(), 'nominal');
    let changes = 0;
    full.radars.forEach((radar, r) => {
      const ev = new SiteEvaluator({ ...full, radars: [radar], missiles: [] }, threat, 0, ae);
      let prev = -1;
      for (let k = 0; k < g.samples; k++) {
        const gi = geodesicInverse(127.0, 37.0, g.lonDeg[k], g.latDeg[k]);
        const rho = gi.distanceM;
        const bit = ev.evaluate(rho, (gi.azimuthDeg * Math.PI) / 180, 0, g.altMslM[k], [Float64Array.of(minVisibleHeightSmoothM(rho, radar.antennaHeightM, ae))], 0) & DETECTED;
        const det = m.pd[r * m.groups.length][k] > 0 ? DETECTED : 0;
        expect(det).toBe(bit);
        if (prev >= 0 && det !== prev) changes++;
        prev = det;
      }
    });
    expect(changes).toBeGreaterThanOrEqual(2); // the route really crosses coverage edges
  });
});

describe('time of flight', () => {
  it('solves v̄·τ = R(τ) for a target flying straight at the site (flat-earth check, 1%)', () => {
    // Head-on at 5 km altitude, 250 m/s; missile 1000 m/s. Launched when the target is at ground
    // range ρ0: (v̄τ)² = (ρ0 − v_t·τ)² + h², solved in closed form.
    const m = prepareSimulation(testScenario(), testCatalog(), smooth);
    const g = m.groups[0];
    const tof = m.tofSec[0];
    let checked = 0;
    for (let k = 0; k < g.samples; k += 7) {
      if (!(tof[k] === tof[k])) continue;
      const rho0 = geodesicInverse(127.0, 37.0, g.lonDeg[k], g.latDeg[k]).distanceM;
      if (g.latDeg[k] > 37.0) continue; // approaching only
      const vm = 1000, vt = 250, h = 5000;
      // (vm² − vt²)τ² + 2ρ0·vt·τ − (ρ0² + h²) = 0
      const a = vm * vm - vt * vt, b = 2 * rho0 * vt, c = -(rho0 * rho0 + h * h);
      const tau = (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
      expect(Math.abs(tof[k] - tau) / tau).toBeLessThan(0.01);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('offers shots only when the intercept point lies within the 40 km envelope', () => {
    const m = prepareSimulation(testScenario(), testCatalog(), smooth);
    const g = m.groups[0];
    const tof = m.tofSec[0];
    let shots = 0;
    for (let k = 0; k < g.samples; k++) {
      if (!(tof[k] === tof[k])) continue;
      shots++;
      const ki = Math.min(g.samples - 1, Math.round(k + tof[k] / m.stepSec));
      const d = geodesicInverse(127.0, 37.0, g.lonDeg[ki], g.latDeg[ki]).distanceM;
      expect(Math.hypot(d, 5000)).toBeLessThanOrEqual(40_000 + 300);
    }
    expect(shots).toBeGreaterThan(100);
  });
});

describe('Swerling detection (the default)', () => {
  it('gives Pd_ref = 0.5 at the reference range and Pfa^(1/(1+SNR)) elsewhere (Swerling I, one pulse)', () => {
    // Straight overhead at 5 km: the surveillance radar (150 km vs 1 m², Pfa 1e−6 by default)
    // sees a 1 m² Swerling-1 jet. SNR_ref solves 0.5 = Pfa^(1/(1+SNR_ref)).
    const m = prepareSimulation(testScenario(), testCatalog(), smooth);
    const g = m.groups[0];
    const pd = m.pd[0];
    const snrRef = Math.log(1e-6) / Math.log(0.5) - 1;
    let checked = 0;
    for (let k = 0; k < g.samples; k += 37) {
      const rho = geodesicInverse(127.0, 37.0, g.lonDeg[k], g.latDeg[k]).distanceM;
      const slant = Math.sqrt((ae + 5000) ** 2 + (ae + 20) ** 2 - 2 * (ae + 5000) * (ae + 20) * Math.cos(rho / ae));
      const expected = slant <= 200_000 ? Math.pow(1e-6, 1 / (1 + snrRef * (150_000 / slant) ** 4)) : 0;
      expect(pd[k]).toBeCloseTo(expected, 5);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});

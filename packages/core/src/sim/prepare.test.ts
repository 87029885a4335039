import { describe, expect, it } from 'vitest';
import { SmoothEarthVisibility } from '../coverage/visibility-provider.js';
import { DETECTED, SiteEvaluator } from '../engagement/site-evaluator.js';
import { effectiveEarthRadiusM } from '../geo/earth.js';
import { geodesicInverse } from '../geo/geodesic.js';
import { minVisibleHeightSmoothM } from '../geo/horizon.js';
import { resolveSystemAt, resolveThreat } from '../scenario/resolve.js';
import { cookieCutterDetection } from './models/detection-model.js';
import { prepareSimulation } from './prepare.js';
import { makeCatalog } from '../catalog/catalog.js';
import type { Jammer, Threat } from '../catalog/schema.js';
import type { Value } from '../catalog/value.js';
import { BANDS } from '../radar/band.js';
import { flatRcs, testCatalog, testScenario, testSystem, testThreat } from './sim-fixtures.js';

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
        const bit =
          ev.evaluate(rho, (gi.azimuthDeg * Math.PI) / 180, 0, g.altMslM[k], [Float64Array.of(minVisibleHeightSmoothM(rho, radar.antennaHeightM, ae))], 0) &
          DETECTED;
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
      const vm = 1000,
        vt = 250,
        h = 5000;
      // (vm² − vt²)τ² + 2ρ0·vt·τ − (ρ0² + h²) = 0
      const a = vm * vm - vt * vt,
        b = 2 * rho0 * vt,
        c = -(rho0 * rho0 + h * h);
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

// ————— Sectors, jamming and aspect in the prepared Pd tables —————

const SRC = [{ title: 'Parapet estimate: test fixture' }];
const val = (nominal: number, unit: string): Value => ({ nominal, unit, sources: SRC, confidence: 'low' });
/** Swerling I, one pulse, Pfa 1e−6, calibrated Pd 0.5 at R_ref: Pd = Pfa^(1/(1+SNR)), SNR = SNR_ref·(R_ref/R)⁴·(σ/σ_ref)/(1 + J/N). */
const SNR_REF = Math.log(1e-6) / Math.log(0.5) - 1;
const pdSw1 = (slant: number, refRangeM: number, sigma: number, jn = 0): number =>
  Math.pow(1e-6, 1 / (1 + (SNR_REF * (refRangeM / slant) ** 4 * sigma) / (1 + jn)));
/** Slant range from a 20 m antenna at ground 0 (the acquisition radar) to MSL height h, ground range ρ. */
const slant20 = (rho: number, h: number): number => Math.sqrt((ae + h) ** 2 + (ae + 20) ** 2 - 2 * (ae + h) * (ae + 20) * Math.cos(rho / ae));

describe('azimuth sectors in the simulation', () => {
  /** test-sam with its radars given sectors of half-width 45° (acquisition fixed; fire control fixed or steerable). */
  function sectorCatalog(fcSteerable: boolean) {
    const sys = testSystem();
    sys.radars[0] = { ...sys.radars[0], sector: { halfWidth: val(45, 'deg'), steerable: false } };
    sys.radars[1] = { ...sys.radars[1], sector: { halfWidth: val(45, 'deg'), steerable: fcSteerable } };
    return makeCatalog([sys], [testThreat()]);
  }
  function northFacing(routeLonDeg = 127.0) {
    const scen = testScenario({ routeLonDeg });
    scen.sites[0] = { ...scen.sites[0], boresightDeg: 0 };
    return scen;
  }

  it('a fixed sector facing north gives Pd 0 on the route south of the site (outside) and > 0 north of it (inside)', () => {
    const m = prepareSimulation(northFacing(), sectorCatalog(false), smooth);
    const g = m.groups[0];
    let inside = 0;
    let outside = 0;
    for (let k = 0; k < g.samples; k++) {
      if (g.latDeg[k] < 36.99) {
        expect(m.pd[0][k]).toBe(0);
        expect(m.pd[1][k]).toBe(0);
        outside++;
      } else if (g.latDeg[k] > 37.01) {
        expect(m.pd[0][k]).toBeGreaterThan(0);
        inside++;
      }
    }
    expect(inside).toBeGreaterThan(100);
    expect(outside).toBeGreaterThan(100);
  });

  it('abeam: Pd > 0 exactly where the azimuth from the site lies within 45° of the boresight (brute force per sample)', () => {
    const scen = testScenario({ routeLonDeg: 127.5 });
    scen.sites[0] = { ...scen.sites[0], boresightDeg: 60 };
    const m = prepareSimulation(scen, sectorCatalog(false), smooth);
    const g = m.groups[0];
    let inside = 0;
    let outside = 0;
    for (let k = 0; k < g.samples; k++) {
      const az = geodesicInverse(127.0, 37.0, g.lonDeg[k], g.latDeg[k]).azimuthDeg;
      const off = Math.abs(((((az - 60) % 360) + 540) % 360) - 180);
      if (Math.abs(off - 45) < 0.05) continue; // the edge itself
      if (off < 45) {
        expect(m.pd[0][k]).toBeGreaterThan(0);
        inside++;
      } else {
        expect(m.pd[0][k]).toBe(0);
        outside++;
      }
    }
    expect(inside).toBeGreaterThan(50);
    expect(outside).toBeGreaterThan(50);
  });

  it('a steerable fire-control array is turned toward its target: not limited by its sector', () => {
    const m = prepareSimulation(northFacing(), sectorCatalog(true), smooth);
    const g = m.groups[0];
    let south = 0;
    for (let k = 0; k < g.samples; k++) {
      if (g.latDeg[k] < 36.99 && geodesicInverse(127.0, 37.0, g.lonDeg[k], g.latDeg[k]).distanceM < 90_000) {
        expect(m.pd[1][k]).toBeGreaterThan(0);
        expect(m.pd[0][k]).toBe(0); // the fixed acquisition radar still sees nothing there
        south++;
      }
    }
    expect(south).toBeGreaterThan(100);
  });
});

describe('noise jamming in the simulation', () => {
  const spj: Jammer = {
    id: 'spj',
    name: 'test self-protection jammer',
    kind: 'self-protection',
    description: 'synthetic',
    sources: SRC,
    bands: ['S'],
    erp: val(0, 'dBW'),
    bandwidth: val(50, 'MHz'),
  };
  /** K = J/N·R² of the jammer against the test receiver (35 dBi, 4 dB, 3 GHz), from first principles. */
  const K = ((1 / (4 * Math.PI)) * ((10 ** 3.5 * (299_792_458 / 3e9) ** 2) / (4 * Math.PI))) / (1.380649e-23 * 290 * 10 ** 0.4 * 50e6);

  it('a self-protection jammer lowers the tabulated Pd to Pfa^(1/(1 + SNR/(1 + K/R²)))', () => {
    const clean = prepareSimulation(testScenario(), makeCatalog([testSystem()], [testThreat()], [spj]), smooth);
    const scen = testScenario();
    scen.raids![0].groups[0] = { ...scen.raids![0].groups[0], jammer: 'spj' };
    const jammed = prepareSimulation(scen, makeCatalog([testSystem()], [testThreat()], [spj]), smooth);
    const g = jammed.groups[0];
    expect(g.jammerId).toBe('spj');
    let lower = 0;
    let checked = 0;
    for (let k = 0; k < g.samples; k++) {
      expect(jammed.pd[0][k]).toBeLessThanOrEqual(clean.pd[0][k]);
      if (jammed.pd[0][k] < clean.pd[0][k] - 0.01) lower++;
      if (k % 29 === 0) {
        const R = slant20(geodesicInverse(127.0, 37.0, g.lonDeg[k], g.latDeg[k]).distanceM, 5000);
        expect(jammed.pd[0][k]).toBeCloseTo(pdSw1(R, 150_000, 1, K / (R * R)), 5);
        checked++;
      }
    }
    expect(lower).toBeGreaterThan(100);
    expect(checked).toBeGreaterThan(10);
  });

  it('a stand-off jammer north of the site: main-lobe J/N on its bearing, sidelobe elsewhere; `jamming: false` ignores it', () => {
    // 200 km due north of the site (the route's own bearing north of the site), at 10 km.
    const soj: Jammer = { ...spj, id: 'soj', kind: 'stand-off', erp: val(30, 'dBW'), bandwidth: val(100, 'MHz') };
    const scen = testScenario();
    const jLat = 37.0 + 200_000 / 111_000; // ≈ 200 km; the exact geodesic distance is taken below
    scen.jammers = [{ id: 'j', jammer: 'soj', lon: 127.0, lat: jLat, altitudeM: 10_000, status: 'hypothetical', sources: SRC }];
    const cat = makeCatalog([testSystem()], [testThreat()], [soj]);
    const jammed = prepareSimulation(scen, cat, smooth);
    const off = prepareSimulation(scen, cat, smooth, { jamming: false });
    const clean = prepareSimulation(testScenario(), cat, smooth);
    expect(Array.from(off.pd[0])).toEqual(Array.from(clean.pd[0]));
    const dj = geodesicInverse(127.0, 37.0, 127.0, jLat).distanceM;
    const Rj = slant20(dj, 10_000);
    const lambda = 299_792_458 / 3e9;
    const jnMain = ((db(30) / (4 * Math.PI * Rj * Rj)) * ((10 ** 3.5 * lambda * lambda) / (4 * Math.PI))) / (1.380649e-23 * 290 * 10 ** 0.4 * 100e6);
    const g = jammed.groups[0];
    let north = 0;
    let south = 0;
    for (let k = 0; k < g.samples; k += 13) {
      const gi = geodesicInverse(127.0, 37.0, g.lonDeg[k], g.latDeg[k]);
      if (gi.distanceM < 2000) continue;
      const R = slant20(gi.distanceM, 5000);
      const onBearing = Math.abs(gi.azimuthDeg) < 0.5; // north of the site: the jammer's bearing
      const jn = onBearing ? jnMain : jnMain * db(-25);
      expect(jammed.pd[0][k]).toBeCloseTo(pdSw1(R, 150_000, 1, jn), 5);
      if (onBearing) north++;
      else south++;
    }
    expect(north).toBeGreaterThan(5);
    expect(south).toBeGreaterThan(5);
  });

  function db(x: number): number {
    return 10 ** (x / 10);
  }
});

describe('aspect per route sample', () => {
  it('a target flying north over the site shows the front to the radar before passing it and the rear after', () => {
    // Front 1 m², rear 0.01 m² (every band); side not given (= front).
    const rcs: Threat['rcs'] = {
      front: flatRcs(1).front,
      rear: Object.fromEntries(BANDS.map((b) => [b, val(0.01, 'm2')])) as Threat['rcs']['front'],
    };
    const threat: Threat = { ...testThreat(), rcs };
    const m = prepareSimulation(testScenario(), makeCatalog([testSystem()], [threat]), smooth);
    const g = m.groups[0];
    let before = 0;
    let after = 0;
    for (let k = 0; k < g.samples; k += 11) {
      const gi = geodesicInverse(127.0, 37.0, g.lonDeg[k], g.latDeg[k]);
      if (gi.distanceM < 30_000) continue; // near overhead the aspect passes through the side sector
      const R = slant20(gi.distanceM, 5000);
      if (R > 200_000) continue;
      const approaching = g.latDeg[k] < 37.0;
      expect(m.pd[0][k]).toBeCloseTo(pdSw1(R, 150_000, approaching ? 1 : 0.01), 5);
      if (approaching) before++;
      else after++;
    }
    expect(before).toBeGreaterThan(5);
    expect(after).toBeGreaterThan(5);
  });
});

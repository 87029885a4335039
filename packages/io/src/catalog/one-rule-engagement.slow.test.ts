/**
 * One engagement rule, four callers: the coverage maps (SiteEvaluator.evaluate, per cell), the
 * vertical coverage diagram (its bands and its range-at-height solver), the explanation's ring
 * figures (closed-form spans) and the raid simulation's tables (per-scan Pd and the shots it
 * offers). For every catalog system against every catalog threat at several altitudes, on the
 * smooth 4/3 earth along the site's boresight, they must give the same detected / engaged
 * decisions and the same farthest ranges.
 */
import { describe, expect, it } from 'vitest';
import {
  computeVerticalCoverage,
  coveredRangeAtHeightM,
  effectiveEarthRadiusM,
  ENGAGED,
  explainSiteThreat,
  explainThreat,
  findNode,
  geodesicDirect,
  geodesicInverse,
  minVisibleHeightSmoothM,
  prepareSimulation,
  resolveSystemAt,
  resolveSimSite,
  resolveThreat,
  SIDE,
  SiteEvaluator,
  SmoothEarthVisibility,
  STANDARD_K_FACTOR,
  vcdMissilesOf,
  vcdRadarsOf,
  type Catalog,
  type Scenario,
  type System,
  type Threat,
  type ThreatParams,
} from '@parapet/core';
import { loadCatalog } from './load-catalog.js';

const cat: Catalog = loadCatalog();
const ae = effectiveEarthRadiusM(STANDARD_K_FACTOR);
const SITE = { id: 'x', lon: 127, lat: 38, status: 'hypothetical' as const };
/** Heights MSL; 60 km is above every aircraft's reach but inside THAAD's envelope (its floor is 40 km). */
const ALTITUDES_M = [100, 1000, 5000, 12000, 60_000];
const PD = 0.5;
const SRC = [{ title: 'Parapet estimate: test' }];

/** Farthest ground range in [0, maxM] where `pred` holds: a scan every `stepM` from the far end, then bisection to 1 m; 0 if nowhere. */
function farthestM(pred: (s: number) => boolean, maxM: number, stepM: number): number {
  for (let s = maxM; s >= 0; s -= stepM) {
    if (!pred(s)) continue;
    if (s === maxM) return s;
    let lo = s;
    let hi = Math.min(maxM, s + stepM);
    while (hi - lo > 1) {
      const mid = 0.5 * (lo + hi);
      if (pred(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  }
  return 0;
}

/** The maps' rule at ground range s along the boresight (north), height h MSL, on the smooth earth: detected by radar r / engaged by any missile. */
function coverage(ev: SiteEvaluator, system: System) {
  const minVis = (r: number, s: number): number => minVisibleHeightSmoothM(s, ev.antennaAglM[r], ae);
  return {
    detects: (r: number, s: number, h: number): boolean => ev.radarDetects(r, s, 0, 0, h, minVis(r, s)),
    engaged: (s: number, h: number): boolean =>
      (ev.evaluate(
        s,
        0,
        0,
        h,
        system.radars.map((_, r) => Float64Array.of(minVis(r, s))),
        0,
      ) &
        ENGAGED) !==
      0,
  };
}

describe('engagement rule: coverage, VCD and explain agree for every catalog system × threat', () => {
  for (const system of cat.systems.values()) {
    it(`${system.id}`, () => {
      const site = resolveSystemAt(system, SITE, 'nominal', 0);
      let checkedPoints = 0;
      let engagedPoints = 0;
      const mismatches: string[] = [];
      for (const threat of cat.threats.values()) {
        const tp: ThreatParams = { ...resolveThreat(threat, 'nominal'), pdThreshold: PD };
        const ev = new SiteEvaluator(site, tp, 0, ae);
        const cov = coverage(ev, system);
        const maxM = Math.max(1000, Math.min(ev.maxReachM, 3_000_000));
        const vc = computeVerticalCoverage({
          radars: vcdRadarsOf(system, 'nominal', undefined, 0),
          missiles: vcdMissilesOf(system, 'nominal'),
          threat: explainThreat(threat, 'nominal').params,
          pdLevels: [PD],
          engagementPd: PD,
          earthRadiusM: ae,
          maxGroundRangeM: maxM,
          samples: 801,
          azimuthRad: 0,
        });
        for (const h of ALTITUDES_M) {
          const label = `${system.id} vs ${threat.id} at ${h} m`;
          // Decisions at every sample of the diagram: its bands against the maps' per-cell rule.
          for (let i = 0; i < vc.groundRangeM.length; i++) {
            const s = vc.groundRangeM[i];
            for (const d of vc.detections) {
              const inBand = d.lo[i] <= h && h <= d.hi[i];
              if (inBand !== cov.detects(d.radarIndex, s, h)) mismatches.push(`${label}: ${system.radars[d.radarIndex].id} at ${s} m: VCD ${inBand}`);
            }
            const engagedVcd = vc.engagements.some((e) => e.lo[i] <= h && h <= e.hi[i]);
            const engagedMap = cov.engaged(s, h);
            if (engagedVcd !== engagedMap) mismatches.push(`${label}: engaged at ${s} m: VCD ${engagedVcd}, maps ${engagedMap}`);
            checkedPoints++;
            if (engagedMap) engagedPoints++;
          }
          // Farthest ranges: the diagram's solver, the explanation's closed forms, the maps' rule.
          const tree = explainSiteThreat({
            catalog: cat,
            system,
            site: { id: 'x', lonDeg: SITE.lon, latDeg: SITE.lat },
            threat,
            altitudeM: h,
            kFactor: STANDARD_K_FACTOR,
            pdThreshold: PD,
          });
          const step = maxM / 800;
          system.radars.forEach((r, ri) => {
            const map = farthestM((s) => cov.detects(ri, s, h), maxM, step);
            expect(coveredRangeAtHeightM(vc, h, { kind: 'detect', radarIndex: ri, pd: PD }), `${label}: VCD ${r.id}`).toBeCloseTo(map, -1);
            expect(findNode(tree, `radar.${r.id}.groundRangeAtAltitude`)!.value as number, `${label}: explain ${r.id}`).toBeCloseTo(map, -1);
          });
          const engagedFar = farthestM((s) => cov.engaged(s, h), maxM, step);
          const vcdFar = Math.max(0, ...system.missiles.map((_, mi) => coveredRangeAtHeightM(vc, h, { kind: 'engage', missileIndex: mi })));
          const explainFar = Math.max(0, ...system.missiles.map((m) => findNode(tree, `missile.${m.id}.groundRangeAtAltitude`)!.value as number));
          expect(vcdFar, `${label}: VCD engaged`).toBeCloseTo(engagedFar, -1);
          expect(explainFar, `${label}: explain engaged`).toBeCloseTo(engagedFar, -1);
        }
      }
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(checkedPoints).toBeGreaterThan(1000);
      if (system.missiles.length > 0) expect(engagedPoints).toBeGreaterThan(0);
    });
  }
});

/**
 * The simulation's view of a target circling the site at ground range s and height h (an arc of
 * ±15° about the boresight, flown back and forth, side-on to the radars): its per-scan Pd tables
 * must reach the threshold exactly where the maps' rule detects (each route sample's own range and
 * azimuth), and it must offer a shot at every launch time exactly when the maps engage at (s, h).
 */
describe('engagement rule: the simulation agrees with the maps for every catalog system × threat', () => {
  const smooth = new SmoothEarthVisibility(ae, [], STANDARD_K_FACTOR);

  function orbit(s: number, h: number, passes: number): { lon: number; lat: number; altitudeM: number }[] {
    const pts: { lon: number; lat: number; altitudeM: number }[] = [];
    for (let p = 0; p < passes; p++) {
      for (let k = 0; k <= 30; k++) {
        const az = p % 2 === 0 ? -15 + k : 15 - k;
        if (p > 0 && k === 0) continue;
        const q = geodesicDirect(SITE.lon, SITE.lat, az, s);
        pts.push({ lon: q.lonDeg, lat: q.latDeg, altitudeM: h });
      }
    }
    return pts;
  }

  for (const system of cat.systems.values()) {
    it(`${system.id}`, () => {
      const site = resolveSystemAt(system, SITE, 'nominal', 0);
      let shotsChecked = 0;
      let samplesChecked = 0;
      const mismatches: string[] = [];
      for (const threat of cat.threats.values()) {
        // Side-on: the maps assume the aspect the orbit shows the radars.
        const tp: ThreatParams = { ...resolveThreat(threat, 'nominal'), pdThreshold: PD, aspect: SIDE };
        const ev = new SiteEvaluator(site, tp, 0, ae);
        const cov = coverage(ev, system);
        const maxM = Math.max(1000, Math.min(ev.maxReachM, 3_000_000));
        // Orbits: inside and just beyond the farthest engaged range, away from every edge of the engaged set.
        const groups: { id: string; s: number; h: number; engaged: boolean }[] = [];
        for (const h of ALTITUDES_M) {
          const far = farthestM((s) => cov.engaged(s, h), maxM, maxM / 800);
          // The near edge of the farthest engaged stretch, to 200 m.
          let near = far;
          while (near > 200 && cov.engaged(near - 200, h)) near -= 200;
          const candidates = far > 0 ? [0.5 * (near + far), far * 1.1] : [Math.min(maxM, 50_000)];
          for (const s of candidates) {
            if (s < 2000) continue;
            const e = cov.engaged(s, h);
            // Skip an orbit within 1 km of an edge: the arc's chords wander by metres.
            if (cov.engaged(s - 1000, h) !== e || cov.engaged(s + 1000, h) !== e) continue;
            groups.push({ id: `g${groups.length}`, s, h, engaged: e });
          }
        }
        if (groups.length === 0) continue;
        // Long enough that a missile launched in the first half intercepts before the end.
        const sim = resolveSimSite(system, { ...SITE, system: system.id, sources: SRC }, { places: [] }, 'nominal');
        const flightSec = 60 + 1.5 * Math.max(0, ...sim.missiles.map((m) => m.maxRangeM / m.averageSpeedMps));
        const speed = tp.speedMps;
        const scenario: Scenario = {
          name: 'orbit',
          region: { bbox: [120, 30, 134, 46], resolutionM: 5000 },
          earth: { kFactor: STANDARD_K_FACTOR },
          sites: [{ ...SITE, system: system.id, boresightDeg: 0, sources: SRC }],
          places: [],
          analysis: { threats: [threat.id], altitudesM: [1000], altitudeReference: 'msl', pd: PD },
          raids: [
            {
              id: 'r',
              startSec: 0,
              groups: groups.map((g) => ({
                id: g.id,
                threat: threat.id,
                count: 1,
                spacingSec: 0,
                startSec: 0,
                altitudeReference: 'msl' as const,
                route: orbit(g.s, g.h, Math.max(2, Math.ceil((2 * flightSec * speed) / (((30 * Math.PI) / 180) * g.s)))),
              })),
            },
          ],
        };
        const model = prepareSimulation(scenario, cat, smooth, { stepSec: 3, guidancePdMin: PD });
        const G = model.groups.length;
        model.groups.forEach((g, gi) => {
          const want = groups[gi];
          // Per-scan Pd ≥ Pd* exactly where the maps' rule detects, radar by radar.
          for (let k = 0; k < g.samples; k += 7) {
            const q = geodesicInverse(SITE.lon, SITE.lat, g.lonDeg[k], g.latDeg[k]);
            for (let r = 0; r < site.radars.length; r++) {
              const slant = ev.rule.slantM(r, q.distanceM, g.altMslM[k]);
              if (Math.abs(slant - ev.detectionRangeM(r)) < 1) continue; // on the edge itself
              const simDetects = model.pd[r * G + gi][k] >= PD;
              const mapDetects = ev.radarDetects(
                r,
                q.distanceM,
                (q.azimuthDeg * Math.PI) / 180,
                0,
                g.altMslM[k],
                minVisibleHeightSmoothM(q.distanceM, ev.antennaAglM[r], ae),
              );
              if (simDetects !== mapDetects)
                mismatches.push(
                  `${system.id}/${site.radars[r].id} vs ${threat.id}: orbit ${want.s.toFixed(0)} m at ${want.h} m, sample ${k}: sim ${simDetects}`,
                );
              samplesChecked++;
            }
          }
          // A shot offered at every launch time of the first half of the orbit exactly when the maps engage there.
          const f = model.fireUnits.findIndex((fu) => fu.siteIndex === 0);
          if (f < 0) return;
          const tof = model.tofSec[f * G + gi];
          const half = Math.floor(g.samples / 2);
          for (let j = 0; j < half; j++) {
            if ((tof[j] === tof[j]) !== want.engaged)
              mismatches.push(
                `${system.id} vs ${threat.id}: orbit ${want.s.toFixed(0)} m at ${want.h} m, launch ${j}: shot ${tof[j] === tof[j]}, maps engage ${want.engaged}`,
              );
            shotsChecked++;
          }
        });
      }
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(samplesChecked).toBeGreaterThan(100);
      if (system.missiles.length > 0) expect(shotsChecked).toBeGreaterThan(10);
    });
  }
});

/** Keeps the fixtures honest: the threats are the catalog's. */
it('the catalog has systems and threats to check', () => {
  const threats: Threat[] = [...cat.threats.values()];
  expect(cat.systems.size).toBeGreaterThan(8);
  expect(threats.length).toBeGreaterThan(5);
});

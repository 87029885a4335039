/**
 * Closed-form validation of the raid simulation (issue 5): outcomes whose probability is known
 * without the code under test, checked inside 95% intervals; limits checked on every event log by
 * an independent replay; exact reproducibility from a seed.
 */
import { describe, expect, it } from 'vitest';
import { effectiveEarthRadiusM } from '../geo/earth.js';
import { geodesicInverse } from '../geo/geodesic.js';
import { SmoothEarthVisibility } from '../coverage/visibility-provider.js';
import { cookieCutterDetection } from './models/detection-model.js';
import type { SimLogEvent } from './models/log.js';
import { runMonteCarlo } from './monte-carlo.js';
import { prepareSimulation, type SimModel } from './prepare.js';
import { mergeRunTable, newRunTable, runRaidBlock } from './raid-runner.js';
import { testCatalog, testScenario, type TestScenarioOptions, type TestSystemOptions } from './sim-fixtures.js';
import { wilson } from './stats.js';
import { summarizeRuns } from './summary.js';

const smooth = new SmoothEarthVisibility(effectiveEarthRadiusM(4 / 3), [], 4 / 3);

function model(sys: TestSystemOptions, scen: TestScenarioOptions = {}, trackM = 2, trackN = 3): SimModel {
  return prepareSimulation(testScenario(scen), testCatalog(sys), smooth, { trackM, trackN, detection: cookieCutterDetection });
}

function survivors(m: SimModel, runs: number, seed: number): { survived: number; shots: number[]; killed: boolean[] } {
  const { table } = runMonteCarlo(m, { runs, seed });
  const shots: number[] = [];
  const killed: boolean[] = [];
  let survived = 0;
  for (let r = 0; r < runs; r++) {
    const k = !Number.isNaN(table.killedAtSec[r]);
    killed.push(k);
    if (!k) survived++;
    shots.push(table.shotsAt[r]);
  }
  return { survived, shots, killed };
}

describe('one target crossing one fire unit, k independent shots of Pk p: survival (1 − p)^k', () => {
  const runs = 4000;

  it('salvo of 3, p = 0.3: survival 0.343 inside the 95% interval, 3 missiles every run', () => {
    const m = model({ pk: 0.3, launchers: 1, missilesPerLauncher: 3, missileChannels: 3 }, { doctrine: { salvo: 3 } });
    const { survived, shots } = survivors(m, runs, 11);
    const ci = wilson(survived, runs);
    expect(ci.lo).toBeLessThanOrEqual(0.7 ** 3);
    expect(ci.hi).toBeGreaterThanOrEqual(0.7 ** 3);
    expect(new Set(shots)).toEqual(new Set([3]));
  });

  it('shoot-look-shoot with 3 missiles, p = 0.3: survival 0.343; survivors took exactly 3 shots', () => {
    const m = model({ pk: 0.3, launchers: 1, missilesPerLauncher: 3, missileChannels: 1 }, { doctrine: 'shoot-look-shoot' });
    const { survived, shots, killed } = survivors(m, runs, 12);
    const ci = wilson(survived, runs);
    expect(ci.lo).toBeLessThanOrEqual(0.7 ** 3);
    expect(ci.hi).toBeGreaterThanOrEqual(0.7 ** 3);
    shots.forEach((s, r) => {
      if (!killed[r]) expect(s).toBe(3);
      else expect(s).toBeGreaterThanOrEqual(1);
    });
    // Shoot-look-shoot stops when the target dies: mean shots = 1 + q + q² with q = 0.7.
    const meanShots = shots.reduce((a, b) => a + b, 0) / runs;
    expect(meanShots).toBeCloseTo(1 + 0.7 + 0.49, 1);
  });

  it('salvo of 2, p = 0.5, with the default Swerling detection (launch needs a guidance detection draw): 0.25', () => {
    const m = prepareSimulation(
      testScenario({ doctrine: { salvo: 2 } }),
      testCatalog({ pk: 0.5, launchers: 1, missilesPerLauncher: 2, missileChannels: 2 }),
      smooth,
    );
    const { survived, shots } = survivors(m, runs, 14);
    const ci = wilson(survived, runs);
    expect(ci.lo).toBeLessThanOrEqual(0.25);
    expect(ci.hi).toBeGreaterThanOrEqual(0.25);
    expect(new Set(shots)).toEqual(new Set([2]));
  });

  it('one shot, p = 0.8: survival 0.2', () => {
    const m = model({ pk: 0.8, launchers: 1, missilesPerLauncher: 1, missileChannels: 1 });
    const { survived } = survivors(m, runs, 13);
    const ci = wilson(survived, runs);
    expect(ci.lo).toBeLessThanOrEqual(0.2);
    expect(ci.hi).toBeGreaterThanOrEqual(0.2);
  });
});

describe('a target outside every envelope always survives', () => {
  it('passing 89 km abeam of a 40 km missile: detected, never engaged', () => {
    const m = model({ pk: 1 }, { routeLonDeg: 128.0 });
    const { table, summary } = runMonteCarlo(m, { runs: 200, seed: 3 });
    expect(summary.groups[0].survival.p).toBe(1);
    expect(summary.groups[0].firstDetection.detected.p).toBe(1);
    expect(table.fired.every((x) => x === 0)).toBe(true);
  });

  it('overhead above the missile ceiling (25 km vs 20 km): never engaged', () => {
    const m = model({ pk: 1 }, { altitudeM: 25_000 });
    const { table, summary } = runMonteCarlo(m, { runs: 200, seed: 4 });
    expect(summary.overall.survival.p).toBe(1);
    expect(table.fired.every((x) => x === 0)).toBe(true);
  });

  it('but the same route inside the envelope is engaged (the test above is not vacuous)', () => {
    const m = model({ pk: 1 }, { altitudeM: 15_000 });
    const { summary } = runMonteCarlo(m, { runs: 50, seed: 4 });
    expect(summary.overall.survival.p).toBe(0);
  });
});

/** Replays a log with its own bookkeeping and returns every violation found. */
function checkLimits(log: SimLogEvent[], m: SimModel): { violations: string[]; peakInFlight: number; peakEngaged: number; reloads: number } {
  const fu = m.fireUnits[0];
  const p = fu.params;
  const site = m.sites[fu.siteIndex];
  let ready = p.launchers * p.missilesPerLauncher;
  let reloaded = 0;
  let inFlight = 0;
  let reloads = 0;
  let peakInFlight = 0;
  let peakEngaged = 0;
  const flying = new Map<string, number>();
  const trackedAt = new Map<string, number>();
  const violations: string[] = [];
  let lastT = 0;
  for (const e of log) {
    if (e.t < lastT) violations.push(`time goes back at ${e.t}`);
    lastT = e.t;
    if (e.type === 'track' && !trackedAt.has(e.target)) trackedAt.set(e.target, e.t);
    if (e.type === 'launch') {
      if (flying.has(e.target)) violations.push(`${e.t}: second engagement of ${e.target} while missiles fly`);
      const tr = trackedAt.get(e.target);
      if (tr === undefined) violations.push(`${e.t}: launch at untracked ${e.target}`);
      else if (e.t < tr + p.reactionTimeSec - 1e-9) violations.push(`${e.t}: launch before the reaction time`);
      if (e.n > p.salvo) violations.push(`${e.t}: salvo of ${e.n} > ${p.salvo}`);
      ready -= e.n;
      inFlight += e.n;
      flying.set(e.target, e.n);
      if (ready < 0) violations.push(`${e.t}: inventory below zero`);
      const d = geodesicInverse(site.lonDeg, site.latDeg, e.lon, e.lat).distanceM;
      if (d > 40_000 + 300) violations.push(`${e.t}: predicted intercept ${d} m from the site, beyond 40 km`);
    }
    if (e.type === 'intercept') {
      inFlight--;
      const left = (flying.get(e.target) ?? 0) - 1;
      if (left < 0) violations.push(`${e.t}: intercept without a missile in flight`);
      if (left <= 0) flying.delete(e.target);
      else flying.set(e.target, left);
    }
    if (e.type === 'reload') {
      ready += e.count;
      reloaded += e.count;
      reloads++;
      if (reloaded > p.reserveMissiles) violations.push(`${e.t}: reloaded ${reloaded} > reserve ${p.reserveMissiles}`);
      if (ready > p.launchers * p.missilesPerLauncher) violations.push(`${e.t}: more missiles ready than launchers hold`);
    }
    if (inFlight > p.missileChannels) violations.push(`${e.t}: ${inFlight} missiles in flight > ${p.missileChannels} channels`);
    if (flying.size > p.targetChannels) violations.push(`${e.t}: ${flying.size} targets engaged > ${p.targetChannels} channels`);
    peakInFlight = Math.max(peakInFlight, inFlight);
    peakEngaged = Math.max(peakEngaged, flying.size);
  }
  return { violations, peakInFlight, peakEngaged, reloads };
}

describe('channel and inventory limits are never exceeded', () => {
  it('holds on every event log of a saturating raid, and the limits are reached', () => {
    const m = model(
      { pk: 0.3, targetChannels: 2, missileChannels: 3, launchers: 2, missilesPerLauncher: 2, reloadTimeSec: 60, reactionTimeSec: 10 },
      { count: 12, spacingSec: 4, doctrine: { salvo: 2 }, reserveMissiles: 4 },
    );
    const runs = 300;
    const { logs } = runMonteCarlo(m, { runs, seed: 5, logRun: () => true });
    let peakIn = 0;
    let peakEng = 0;
    let reloads = 0;
    for (let r = 0; r < runs; r++) {
      const res = checkLimits(logs.get(r)!, m);
      expect(res.violations).toEqual([]);
      peakIn = Math.max(peakIn, res.peakInFlight);
      peakEng = Math.max(peakEng, res.peakEngaged);
      reloads += res.reloads;
    }
    expect(peakIn).toBe(3);
    expect(peakEng).toBe(2);
    expect(reloads).toBeGreaterThan(0);
  });
});

describe('reproducibility', () => {
  const m = model({ pk: 0.4, targetChannels: 2, missileChannels: 4 }, { count: 6, spacingSec: 10, doctrine: { salvo: 2 }, reserveMissiles: 2 });

  it('a fixed seed reproduces the event logs and the summary exactly', () => {
    const a = runMonteCarlo(m, { runs: 40, seed: 99, logRun: () => true });
    const b = runMonteCarlo(m, { runs: 40, seed: 99, logRun: () => true });
    expect(JSON.stringify([...b.logs])).toBe(JSON.stringify([...a.logs]));
    expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
  });

  it('another seed gives other logs', () => {
    const a = runMonteCarlo(m, { runs: 40, seed: 99, logRun: () => true });
    const c = runMonteCarlo(m, { runs: 40, seed: 100, logRun: () => true });
    expect(JSON.stringify([...c.logs])).not.toBe(JSON.stringify([...a.logs]));
  });

  it('splitting the runs into blocks (as worker threads do) changes nothing', () => {
    const whole = runRaidBlock(m, { seed: 7, firstRun: 0, runs: 50 }).table;
    const merged = newRunTable(m, 0, 50);
    for (const [first, n] of [
      [30, 20],
      [0, 13],
      [13, 17],
    ] as const)
      mergeRunTable(merged, runRaidBlock(m, { seed: 7, firstRun: first, runs: n }).table);
    expect(JSON.stringify(summarizeRuns(m, merged, 7))).toBe(JSON.stringify(summarizeRuns(m, whole, 7)));
    expect(Buffer.from(merged.killedAtSec.buffer).equals(Buffer.from(whole.killedAtSec.buffer))).toBe(true);
  });
});

describe('track formation, M of N', () => {
  /**
   * A target that the surveillance radar (10 s period) can detect, with Pd p, on exactly 30 s of
   * its route: whatever the scan phase, exactly N = 3 scans fall in the window, so
   * P(track) = P(Binomial(3, p) ≥ M).
   */
  function windowed(p: number, trackM: number): SimModel {
    const m = model({ noMissiles: true }, {}, trackM, 3);
    const G = m.groups.length;
    const r = m.radars.findIndex((x) => x.radarId === 'acq');
    const pd = new Float32Array(m.groups[0].samples);
    pd.fill(p, 100, 130);
    m.pd[r * G] = pd;
    m.pdFirst[r * G] = 100;
    m.pdLast[r * G] = 129;
    return m;
  }
  const binomTail = (n: number, p: number, k: number): number => {
    let s = 0;
    for (let i = k; i <= n; i++) {
      let c = 1;
      for (let j = 0; j < i; j++) c = (c * (n - j)) / (j + 1);
      s += c * p ** i * (1 - p) ** (n - i);
    }
    return s;
  };

  for (const [p, M] of [
    [0.6, 2],
    [0.5, 3],
    [0.3, 1],
  ] as const) {
    it(`Pd ${p}, ${M} of 3: P(track) = ${binomTail(3, p, M).toFixed(3)}`, () => {
      const m = windowed(p, M);
      const runs = 4000;
      const { table } = runMonteCarlo(m, { runs, seed: 21 });
      let tracked = 0;
      for (let r = 0; r < runs; r++) if (!Number.isNaN(table.firstTrackSec[r])) tracked++;
      const ci = wilson(tracked, runs);
      const expected = binomTail(3, p, M);
      expect(ci.lo).toBeLessThanOrEqual(expected);
      expect(ci.hi).toBeGreaterThanOrEqual(expected);
    });
  }
});

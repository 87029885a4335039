/**
 * Aggregates a table of runs into the answer to the raid question: survival per group and
 * overall with 95% intervals, leakers, missiles expended per fire unit, first detection (when,
 * where, by which radar), and the engagement timeline. Values are computed in run order, so the
 * same runs give the same summary however they were spread over threads.
 */
import type { SimModel } from './prepare.js';
import type { RunTable } from './raid-runner.js';
import { clusteredProportion, meanInterval, quantileSorted, wilson, type MeanInterval, type Proportion } from './stats.js';

export interface GroupSummary {
  id: string;
  raid: string;
  threat: string;
  threatName: string;
  count: number;
  speedMps: number;
  /** Probability that a member of the group survives (reaches its final waypoint). */
  survival: Proportion;
  /** Survivors per run. */
  survivors: MeanInterval;
  /** survivorsHistogram[k] = runs in which exactly k members survived. */
  survivorsHistogram: number[];
  /** Probability that at least one member leaks. */
  anyLeaker: Proportion;
  /** Missiles fired at the group per run. */
  missilesFiredAt: MeanInterval;
  firstDetection: {
    /** Probability that any member is detected at all. */
    detected: Proportion;
    /** Time of the group's first detection, seconds since the scenario start (over the runs that detect it). */
    tSec: { p05: number; p50: number; p95: number; mean: number } | null;
    /** Time from first detection to that member's arrival at its final waypoint, seconds. */
    warningSec: { p05: number; p50: number; p95: number } | null;
    /** Median position of the first-detected member at first detection. */
    place: { lonDeg: number; latDeg: number; altM: number } | null;
    /** The radars that most often detect the group first, with their share of runs. */
    byRadar: { site: string; radar: string; share: number }[];
  };
}

export interface FireUnitSummary {
  site: string;
  system: string;
  doctrine: string;
  missilesFired: MeanInterval & { max: number };
  /** firedHistogram[k] = runs in which exactly k missiles were fired. */
  firedHistogram: number[];
  kills: MeanInterval;
  limits: { targetChannels: number; missileChannels: number; missilesLoaded: number; reserve: number };
  /** Largest use observed in any run (never above the limits). */
  observed: { targetChannels: number; missileChannels: number };
}

export interface SimSummary {
  parapet: { document: 'raid-simulation'; version: 1 };
  scenario: string;
  valueCase: string;
  runs: number;
  seed: number;
  model: {
    detection: string;
    lineOfSight: string;
    track: string;
    /** Pd the guidance radar needs at launch and at the intercept point. */
    guidancePdMin: number;
    stepSec: number;
    defaulted: string[];
  };
  overall: {
    targets: number;
    survival: Proportion;
    leakers: MeanInterval;
    /** leakersHistogram[k] = runs with exactly k leakers. */
    leakersHistogram: number[];
    anyLeaker: Proportion;
    missilesFired: MeanInterval;
  };
  raids: { id: string; targets: number; survival: Proportion }[];
  groups: GroupSummary[];
  fireUnits: FireUnitSummary[];
  timeline: { binSec: number; launchesPerRun: number[]; killsPerRun: number[] };
  events: { total: number; perRun: number };
}

function r4(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : x;
}
function prop(p: Proportion): Proportion {
  return { p: r4(p.p), lo: r4(p.lo), hi: r4(p.hi), n: Math.round(p.n * 10) / 10 };
}
function mean(m: MeanInterval): MeanInterval {
  return { mean: r4(m.mean), lo: r4(m.lo), hi: r4(m.hi), sd: r4(m.sd) };
}
function doctrineLabel(d: SimModel['fireUnits'][number]['params']['doctrine']): string {
  return d === 'shoot-look-shoot' ? 'shoot-look-shoot' : `salvo ${d.salvo}`;
}

/** The summary of all runs in `table` (one table covering runs 0 … n−1 of `seed`). */
export function summarizeRuns(model: SimModel, table: RunTable, seed: number): SimSummary {
  const R = table.runs;
  const T = table.targets;
  const F = table.fireUnits;
  const survivorsPerRun = new Float64Array(R);
  const groups: GroupSummary[] = model.groups.map((g, gi) => {
    const surv = new Float64Array(R);
    const shots = new Float64Array(R);
    const hist = new Array<number>(g.count + 1).fill(0);
    const detT: number[] = [];
    const warn: number[] = [];
    const lon: number[] = [];
    const lat: number[] = [];
    const alt: number[] = [];
    const radarCount = new Map<number, number>();
    let anyLeak = 0;
    for (let r = 0; r < R; r++) {
      let s = 0;
      let sh = 0;
      let first = Infinity;
      let firstI = -1;
      for (let k = 0; k < g.count; k++) {
        const i = g.firstTarget + k;
        const x = r * T + i;
        if (table.killedAtSec[x] !== table.killedAtSec[x]) s++;
        sh += table.shotsAt[x];
        const d = table.firstDetectSec[x];
        if (d < first) {
          first = d;
          firstI = i;
        }
      }
      surv[r] = s;
      survivorsPerRun[r] += s;
      shots[r] = sh;
      hist[s]++;
      if (s > 0) anyLeak++;
      if (firstI >= 0) {
        detT.push(first);
        const startSec = model.targetStartSec[firstI];
        warn.push(startSec + g.durationSec - first);
        const k = Math.min(g.samples - 1, Math.max(0, Math.round((first - startSec) / model.stepSec)));
        lon.push(g.lonDeg[k]);
        lat.push(g.latDeg[k]);
        alt.push(g.altMslM[k]);
        const radar = table.firstDetectRadar[r * T + firstI];
        radarCount.set(radar, (radarCount.get(radar) ?? 0) + 1);
      }
    }
    const asc = (a: number[]): number[] => a.sort((x, y) => x - y);
    const q = (a: number[], p: number): number => Math.round(quantileSorted(a, p) * 10) / 10;
    const detected = detT.length;
    asc(detT);
    asc(warn);
    let detMean = 0;
    for (const t of detT) detMean += t;
    const byRadar = [...radarCount.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 3)
      .map(([radar, n]) => ({ site: model.radars[radar].siteId, radar: model.radars[radar].radarId, share: r4(n / R) }));
    return {
      id: g.id,
      raid: g.raidId,
      threat: g.threatId,
      threatName: g.threatName,
      count: g.count,
      speedMps: g.speedMps,
      survival: prop(clusteredProportion(surv, g.count)),
      survivors: mean(meanInterval(surv)),
      survivorsHistogram: hist,
      anyLeaker: prop(wilson(anyLeak, R)),
      missilesFiredAt: mean(meanInterval(shots)),
      firstDetection: {
        detected: prop(wilson(detected, R)),
        tSec: detected ? { p05: q(detT, 0.05), p50: q(detT, 0.5), p95: q(detT, 0.95), mean: Math.round((detMean / detected) * 10) / 10 } : null,
        warningSec: detected ? { p05: q(warn, 0.05), p50: q(warn, 0.5), p95: q(warn, 0.95) } : null,
        place: detected
          ? {
              lonDeg: Math.round(quantileSorted(asc(lon), 0.5) * 1e4) / 1e4,
              latDeg: Math.round(quantileSorted(asc(lat), 0.5) * 1e4) / 1e4,
              altM: Math.round(quantileSorted(asc(alt), 0.5)),
            }
          : null,
        byRadar,
      },
    };
  });

  const leakHist = new Array<number>(T + 1).fill(0);
  let anyLeak = 0;
  for (let r = 0; r < R; r++) {
    leakHist[survivorsPerRun[r]]++;
    if (survivorsPerRun[r] > 0) anyLeak++;
  }
  while (leakHist.length > 1 && leakHist[leakHist.length - 1] === 0) leakHist.pop();

  const firedTotal = new Float64Array(R);
  const fireUnits: FireUnitSummary[] = model.fireUnits.map((fu, f) => {
    const fired = new Float64Array(R);
    const kills = new Float64Array(R);
    let max = 0;
    let obsT = 0;
    let obsM = 0;
    for (let r = 0; r < R; r++) {
      const x = r * F + f;
      fired[r] = table.fired[x];
      kills[r] = table.kills[x];
      firedTotal[r] += table.fired[x];
      if (table.fired[x] > max) max = table.fired[x];
      if (table.maxEngaged[x] > obsT) obsT = table.maxEngaged[x];
      if (table.maxInFlight[x] > obsM) obsM = table.maxInFlight[x];
    }
    const hist = new Array<number>(max + 1).fill(0);
    for (let r = 0; r < R; r++) hist[fired[r]]++;
    const p = fu.params;
    return {
      site: fu.siteId,
      system: fu.systemId,
      doctrine: doctrineLabel(p.doctrine),
      missilesFired: { ...mean(meanInterval(fired)), max },
      firedHistogram: hist,
      kills: mean(meanInterval(kills)),
      limits: {
        targetChannels: p.targetChannels,
        missileChannels: p.missileChannels,
        missilesLoaded: p.launchers * p.missilesPerLauncher,
        reserve: p.reserveMissiles,
      },
      observed: { targetChannels: obsT, missileChannels: obsM },
    };
  });

  const raidIds = [...new Set(model.groups.map((g) => g.raidId))];
  const raids = raidIds.map((id) => {
    const gs = model.groups.filter((g) => g.raidId === id);
    const m = gs.reduce((a, g) => a + g.count, 0);
    const per = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      for (const g of gs)
        for (let k = 0; k < g.count; k++) if (table.killedAtSec[r * T + g.firstTarget + k] !== table.killedAtSec[r * T + g.firstTarget + k]) per[r]++;
    }
    return { id, targets: m, survival: prop(clusteredProportion(per, m)) };
  });

  const B = table.bins;
  const launches = new Array<number>(B).fill(0);
  const killsT = new Array<number>(B).fill(0);
  for (let r = 0; r < R; r++) {
    for (let b = 0; b < B; b++) {
      launches[b] += table.launchBins[r * B + b];
      killsT[b] += table.killBins[r * B + b];
    }
  }
  let events = 0;
  for (let r = 0; r < R; r++) events += table.events[r];

  return {
    parapet: { document: 'raid-simulation', version: 1 },
    scenario: model.scenarioName,
    valueCase: model.valueCase,
    runs: R,
    seed,
    model: {
      detection: model.detectionLabel,
      lineOfSight: model.visibilityLabel,
      track: `${model.trackM} of ${model.trackN} scans of one radar`,
      guidancePdMin: model.guidancePdMin,
      stepSec: model.stepSec,
      defaulted: model.defaulted,
    },
    overall: {
      targets: T,
      survival: prop(clusteredProportion(survivorsPerRun, T)),
      leakers: mean(meanInterval(survivorsPerRun)),
      leakersHistogram: leakHist,
      anyLeaker: prop(wilson(anyLeak, R)),
      missilesFired: mean(meanInterval(firedTotal)),
    },
    raids,
    groups,
    fireUnits,
    timeline: { binSec: model.timelineBinSec, launchesPerRun: launches.map((x) => r4(x / R)), killsPerRun: killsT.map((x) => r4(x / R)) },
    events: { total: events, perRun: r4(events / R) },
  };
}

/**
 * Prepares a scenario's raids for Monte Carlo: everything that does not depend on chance is
 * computed once, here, and every run only draws random numbers against it.
 *
 * Routes are deterministic, so for each (radar, group) the per-scan Pd is tabulated along the
 * group's route every `stepSec` seconds of route time, and for each (fire unit, group) the time
 * of flight of a missile launched at each route sample is solved and kept only when the intercept
 * is valid. All members of a group share the tables (member k flies the route k·spacing later).
 *
 * Detection of a target at a route sample by radar r: the radar sees it by the engagement rule
 * (engagement/engagement-rule.ts: line of sight from the provider, ceiling, sector, elevation
 * limit), it is inside the instrumented range, and the detection model gives its per-scan Pd
 * (default `swerlingDetection`: Swerling Pd from the radar's calibration point at the target's
 * aspect to the radar, with noise jamming as S/(N+J); `cookieCutterDetection`: Pd = 1 inside
 * R(σ) = R_ref·(σ/σ_ref)^¼). A fixed sector limits every look; a steerable fire-control array
 * is turned toward the target it engages, so its sector does not apply (docs/models/sectors.md).
 *
 * Intercept of a missile launched at route time τ_L: the first τ_I ≥ τ_L with
 *   τ_I − τ_L = R(τ_I) / v̄
 * (R = slant range from the guidance radar, v̄ = the missile's average speed), linear between
 * samples. It is valid if the guidance radar's Pd is at least `guidancePdMin` (default 0.5) at τ_L
 * and at τ_I — the rule's "guidance radar detects at the engagement Pd", since Pd falls with
 * range — the intercept point lies in the missile's envelope and the target is no faster than
 * the missile's maximum target speed (the rule's `inEnvelope`, `speedOk`), and τ_I is before the
 * end of the route.
 * Among a fire unit's missiles the one with the highest Pk is chosen, then the shortest flight.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { ValueCase } from '../catalog/value.js';
import type { VisibilityProvider } from '../coverage/visibility-provider.js';
import { effectiveEarthRadiusM } from '../geo/earth.js';
import { geodesicInverse } from '../geo/geodesic.js';
import { EngagementRule } from '../engagement/engagement-rule.js';
import { aspectAngleRad, aspectSector, type RcsTableM2 } from '../radar/aspect.js';
import { BANDS, bandIndex } from '../radar/band.js';
import { actingJammers, jammerToNoiseAtUnitRange, standOffJn } from '../radar/jamming.js';
import { resolveJammerKind, resolveJammers, resolveThreat, type ResolvedJammerKind } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/schema.js';
import { DEFAULT_PD_THRESHOLD } from '../radar/snr.js';
import { swerlingDetection, type DetectionModel } from './models/detection-model.js';
import { sampleRoute } from './route.js';
import { resolveSimSite, type FireUnitParams } from './sim-params.js';

export interface PrepareOptions {
  valueCase?: ValueCase;
  /** Route sampling step, seconds (default 1). */
  stepSec?: number;
  detection?: DetectionModel;
  /** Track formation: M detections in the last N scans of one radar (default 2 of 3). */
  trackM?: number;
  trackN?: number;
  /** Width of the engagement-timeline bins, seconds (default 30). */
  timelineBinSec?: number;
  /**
   * Single-scan Pd the guidance radar needs at launch and at the intercept point for a shot to be
   * offered (default 0.5, the coverage maps' detection threshold).
   */
  guidancePdMin?: number;
  /** false: ignore the scenario's stand-off jammers (the unjammed case of a comparison). */
  jamming?: boolean;
}

export interface SimGroup {
  id: string;
  raidId: string;
  threatId: string;
  threatName: string;
  category: string;
  count: number;
  /** Index of the first member in the target arrays. */
  firstTarget: number;
  speedMps: number;
  /** RCS by aspect and band, m² (radar/aspect.ts); each radar sees its band at the target's aspect to it. */
  rcsM2: RcsTableM2;
  swerling: number;
  /** Self-protection jammer carried by every member (raid group `jammer`). */
  jammerId?: string;
  /** Route samples (every `stepSec`), the last at the final waypoint. */
  samples: number;
  durationSec: number;
  lonDeg: Float64Array;
  latDeg: Float64Array;
  altMslM: Float64Array;
  groundMslM: Float64Array;
  /** The waypoints as written, for maps. */
  waypoints: { lonDeg: number; latDeg: number }[];
}

export interface SimRadar {
  siteIndex: number;
  siteId: string;
  radarId: string;
  name: string;
  role: string;
  searches: boolean;
  scanPeriodSec: number;
}

export interface SimFireUnit {
  siteIndex: number;
  siteId: string;
  systemId: string;
  systemName: string;
  params: FireUnitParams;
  missiles: { id: string; name: string; pk: number; averageSpeedMps: number; maxRangeM: number; guidanceRadar: number }[];
}

export interface SimSiteInfo {
  id: string;
  systemId: string;
  systemName: string;
  lonDeg: number;
  latDeg: number;
  status: string;
}

/** Everything a run needs: plain data and typed arrays, safe to send to worker threads. */
export interface SimModel {
  scenarioName: string;
  valueCase: ValueCase;
  stepSec: number;
  earthRadiusM: number;
  detectionLabel: string;
  visibilityLabel: string;
  guidancePdMin: number;
  trackM: number;
  trackN: number;
  sites: SimSiteInfo[];
  groups: SimGroup[];
  /** Per target (raid member): its group, its number in the group, its start time. */
  targetGroup: Int32Array;
  targetMember: Int32Array;
  targetStartSec: Float64Array;
  radars: SimRadar[];
  fireUnits: SimFireUnit[];
  /** pd[r·G + g][k]: per-scan Pd of radar r against group g at route sample k. */
  pd: Float32Array[];
  /** First and last route sample with Pd > 0, per (r, g); −1 when none. */
  pdFirst: Int32Array;
  pdLast: Int32Array;
  /** tofSec[f·G + g][k]: time of flight if fire unit f launches at route sample k; NaN if it cannot. */
  tofSec: Float32Array[];
  /** The missile (index into the fire unit's missiles) of that shot. */
  tofMissile: Int8Array[];
  /** nextShot[f·G + g][k]: the first sample ≥ k with a valid shot, −1 if none. */
  nextShot: Int32Array[];
  /** Time at which the last member reaches its final waypoint, seconds. */
  horizonSec: number;
  timelineBinSec: number;
  timelineBins: number;
  /** Parameters taken from the stated defaults because the catalog has none. */
  defaulted: string[];
}

/**
 * Builds the Monte Carlo model of a checked scenario's raids.
 * @param visibility - line of sight and ground elevation (smooth earth or terrain); its site
 *   indices are the scenario's site order
 */
export function prepareSimulation(scenario: Scenario, catalog: Catalog, visibility: VisibilityProvider, opts: PrepareOptions = {}): SimModel {
  const valueCase = opts.valueCase ?? 'nominal';
  const stepSec = opts.stepSec ?? 1;
  const detection = opts.detection ?? swerlingDetection();
  const guidancePdMin = opts.guidancePdMin ?? DEFAULT_PD_THRESHOLD;
  if (!(guidancePdMin > 0 && guidancePdMin <= 1)) throw new RangeError(`guidancePdMin must be in (0, 1], got ${guidancePdMin}`);
  const trackM = opts.trackM ?? 2;
  const trackN = opts.trackN ?? 3;
  if (!(stepSec > 0 && stepSec <= 60)) throw new RangeError(`stepSec must be in (0, 60], got ${stepSec}`);
  if (!Number.isInteger(trackN) || trackN < 1 || trackN > 30) throw new RangeError(`trackN must be an integer in [1, 30], got ${trackN}`);
  if (!Number.isInteger(trackM) || trackM < 1 || trackM > trackN) throw new RangeError(`trackM must be an integer in [1, trackN = ${trackN}], got ${trackM}`);
  const raids = scenario.raids ?? [];
  if (raids.length === 0) throw new RangeError(`scenario "${scenario.name}" has no raids to simulate (add a raids: section)`);
  const ae = effectiveEarthRadiusM(scenario.earth.kFactor);

  // Sites, radars and fire units.
  const defaulted = new Set<string>();
  const simSites = scenario.sites.map((s) => {
    const system = catalog.systems.get(s.system);
    if (!system) throw new Error(`unknown system "${s.system}" (run checkScenario first)`);
    const ss = resolveSimSite(system, s, scenario, valueCase);
    for (const d of ss.defaulted) defaulted.add(d);
    return ss;
  });
  const radars: SimRadar[] = [];
  const radarParams: { p: (typeof simSites)[number]['radars'][number]; site: number }[] = [];
  const radarBase: number[] = [];
  simSites.forEach((ss, si) => {
    radarBase.push(radars.length);
    for (const r of ss.radars) {
      radars.push({ siteIndex: si, siteId: ss.site.id, radarId: r.id, name: r.name, role: r.role, searches: r.searches, scanPeriodSec: r.scanPeriodSec });
      radarParams.push({ p: r, site: si });
    }
  });
  const fireUnits: SimFireUnit[] = [];
  simSites.forEach((ss, si) => {
    if (!ss.fireUnit) return;
    fireUnits.push({
      siteIndex: si,
      siteId: ss.site.id,
      systemId: ss.site.systemId,
      systemName: ss.site.systemName,
      params: ss.fireUnit,
      missiles: ss.missiles.map((m) => ({
        id: m.id,
        name: m.name,
        pk: m.pk,
        averageSpeedMps: m.averageSpeedMps,
        maxRangeM: m.maxRangeM,
        guidanceRadar: radarBase[si] + m.guidanceRadarIndex,
      })),
    });
  });

  // Groups and their routes; targets.
  const groups: SimGroup[] = [];
  const groupJammers: (ResolvedJammerKind | undefined)[] = [];
  const standOff = opts.jamming === false ? [] : resolveJammers(scenario, catalog, valueCase);
  const tGroup: number[] = [];
  const tMember: number[] = [];
  const tStart: number[] = [];
  const ground = (lon: number, lat: number): number => visibility.pointGroundMslM(lon, lat);
  for (const raid of raids) {
    for (const g of raid.groups) {
      const threat = catalog.threats.get(g.threat);
      if (!threat) throw new Error(`unknown threat "${g.threat}" (run checkScenario first)`);
      const tp = resolveThreat(threat, valueCase);
      const spj = g.jammer ? catalog.jammers.get(g.jammer) : undefined;
      if (g.jammer && !spj) throw new Error(`unknown jammer "${g.jammer}" (run checkScenario first)`);
      if (spj) groupJammers.push(resolveJammerKind(spj, valueCase));
      else groupJammers.push(undefined);
      const speedMps = g.speedMps ?? tp.speedMps;
      const route = sampleRoute(
        g.route.map((w) => ({ lonDeg: w.lon, latDeg: w.lat, altitudeM: w.altitudeM, reference: w.altitudeReference ?? g.altitudeReference })),
        speedMps,
        stepSec,
        ground,
      );
      const gi = groups.length;
      groups.push({
        id: g.id,
        raidId: raid.id,
        threatId: threat.id,
        threatName: threat.name,
        category: threat.category,
        count: g.count,
        firstTarget: tGroup.length,
        speedMps,
        rcsM2: tp.rcsM2,
        swerling: threat.swerling,
        jammerId: spj?.id,
        samples: route.count,
        durationSec: route.durationSec,
        lonDeg: route.lonDeg,
        latDeg: route.latDeg,
        altMslM: route.altMslM,
        groundMslM: route.groundMslM,
        waypoints: g.route.map((w) => ({ lonDeg: w.lon, latDeg: w.lat })),
      });
      for (let k = 0; k < g.count; k++) {
        tGroup.push(gi);
        tMember.push(k);
        tStart.push(raid.startSec + g.startSec + k * g.spacingSec);
      }
    }
  }
  const G = groups.length;

  // The engagement rule of every site against every group (the group's speed): the simulation's
  // radars see as the maps' do, except that a steerable fire-control array is not held to its sector.
  const rules = simSites.map((ss, si) =>
    groups.map(
      (g) =>
        new EngagementRule(
          ss.radars.map((p) => (p.sector?.steerable && !p.searches ? { ...p, sector: undefined } : p)),
          ss.missiles,
          g.speedMps,
          visibility.siteGroundMslM(si),
          ae,
        ),
    ),
  );

  // Heading of every group at every route sample (toward the next sample; the last keeps the previous).
  const groupHeadingRad = groups.map((g) => {
    const hd = new Float64Array(g.samples);
    for (let k = 0; k < g.samples; k++) {
      const a = Math.min(k, g.samples - 2);
      hd[k] = a >= 0 ? localBearingRad(g.lonDeg[a], g.latDeg[a], g.lonDeg[a + 1], g.latDeg[a + 1]) : 0;
      if (k > 0 && g.lonDeg[a] === g.lonDeg[a + 1] && g.latDeg[a] === g.latDeg[a + 1]) hd[k] = hd[k - 1];
    }
    return hd;
  });

  // Ground range and azimuth from every site to every route sample (shared by the site's radars).
  const siteRange: Float64Array[] = [];
  const siteAz: Float64Array[] = [];
  simSites.forEach((ss) => {
    for (const g of groups) {
      const rangeM = new Float64Array(g.samples);
      const azRad = new Float64Array(g.samples);
      for (let k = 0; k < g.samples; k++) {
        const r = geodesicInverse(ss.site.lonDeg, ss.site.latDeg, g.lonDeg[k], g.latDeg[k]);
        rangeM[k] = r.distanceM;
        azRad[k] = (r.azimuthDeg * Math.PI) / 180;
      }
      siteRange.push(rangeM);
      siteAz.push(azRad);
    }
  });

  // Per-scan Pd of every radar along every route.
  const pd: Float32Array[] = [];
  const pdFirst = new Int32Array(radars.length * G).fill(-1);
  const pdLast = new Int32Array(radars.length * G).fill(-1);
  radarParams.forEach(({ p, site }, r) => {
    const ss = simSites[site].site;
    const ri = r - radarBase[site];
    const acting = actingJammers(ss.lonDeg, ss.latDeg, visibility.siteGroundMslM(site) + p.antennaHeightM, p.band, p.receiver, standOff, ae);
    // The RCS table's band column for this radar, looked up once (radar/aspect.ts layout [aspect·7 + band]).
    const band = bandIndex(p.band);
    groups.forEach((g, gi) => {
      const out = new Float32Array(g.samples);
      const rangeM = siteRange[site * G + gi];
      const azRad = siteAz[site * G + gi];
      const heading = groupHeadingRad[gi];
      const spj = groupJammers[gi];
      const kSelf = spj && spj.bands.includes(p.band) ? jammerToNoiseAtUnitRange(spj, p.receiver, p.receiver.gainLinear) : 0;
      const rule = rules[site][gi];
      for (let k = 0; k < g.samples; k++) {
        const rho = rangeM[k];
        if (rho > p.instrumentedRangeM * 1.01) continue;
        const h = g.altMslM[k];
        // The limits first: the line of sight over terrain is the costly part.
        if (!rule.withinLimits(ri, rho, azRad[k], h)) continue;
        if (!rule.sees(ri, rho, azRad[k], h, visibility.pointMinVisibleMslM(site, p.antennaHeightM, g.lonDeg[k], g.latDeg[k], rho, azRad[k]))) continue;
        const slant = rule.slantM(ri, rho, h);
        if (slant > p.instrumentedRangeM) continue;
        // The target's aspect to this radar: its heading against the bearing back to the radar.
        const aspect = aspectSector(aspectAngleRad(heading[k], azRad[k] + Math.PI));
        // Noise jamming enters as S/(N+J) = (S/N)/(1 + J/N); S/N ∝ σ, so as an effective RCS σ/(1 + J/N).
        const jn = standOffJn(acting, azRad[k], p.receiver.beamwidthRad) + kSelf / (slant * slant);
        const rcs = g.rcsM2[aspect * BANDS.length + band] / (1 + jn);
        const x = detection.pdPerScan(p, { slantRangeM: slant, rcsM2: rcs, swerling: g.swerling });
        if (!(x >= 0 && x <= 1)) throw new RangeError(`detection model "${detection.label}" returned Pd ${x}, outside [0, 1]`);
        out[k] = x;
        if (x > 0) {
          if (pdFirst[r * G + gi] < 0) pdFirst[r * G + gi] = k;
          pdLast[r * G + gi] = k;
        }
      }
      pd.push(out);
    });
  });

  // Engagement tables of every fire unit against every group.
  const tofSec: Float32Array[] = [];
  const tofMissile: Int8Array[] = [];
  const nextShot: Int32Array[] = [];
  for (const fu of fireUnits) {
    groups.forEach((g, gi) => {
      const n = g.samples;
      const tof = new Float32Array(n).fill(NaN);
      const which = new Int8Array(n).fill(-1);
      const rangeM = siteRange[fu.siteIndex * G + gi];
      const rule = rules[fu.siteIndex][gi];
      fu.missiles.forEach((m, mi) => {
        if (!rule.speedOk(mi)) return;
        const gpd = pd[m.guidanceRadar * G + gi];
        const guidance = rule.guidanceRadar[mi];
        const slant = new Float64Array(n);
        let any = false;
        for (let k = 0; k < n; k++) {
          slant[k] = rule.slantM(guidance, rangeM[k], g.altMslM[k]);
          if (gpd[k] >= guidancePdMin) any = true;
        }
        if (!any) return;
        // The rule's engagement at sample k: the guidance radar at the engagement Pd, and the envelope.
        const okAt = (k: number): boolean => gpd[k] >= guidancePdMin && rule.inEnvelope(mi, rangeM[k], g.altMslM[k], g.altMslM[k] - g.groundMslM[k]);
        const v = m.averageSpeedMps;
        let k = 0;
        for (let j = 0; j < n; j++) {
          if (k < j) k = j;
          // First sample k ≥ j where the missile, launched at j, has reached the target.
          while (k < n && (k - j) * stepSec < slant[k] / v) k++;
          if (k >= n) break; // no intercept before the end of the route, now or later
          if (!(gpd[j] >= guidancePdMin)) continue;
          let x = k;
          if (k > j) {
            const f0 = (k - 1 - j) * stepSec - slant[k - 1] / v;
            const f1 = (k - j) * stepSec - slant[k] / v;
            x = k - 1 + -f0 / (f1 - f0);
          }
          const ki = Math.round(x);
          if (!okAt(ki)) continue;
          const t = (x - j) * stepSec;
          const prev = which[j];
          if (prev < 0 || m.pk > fu.missiles[prev].pk || (m.pk === fu.missiles[prev].pk && t < tof[j])) {
            tof[j] = t;
            which[j] = mi;
          }
        }
      });
      const next = new Int32Array(n);
      let nx = -1;
      for (let j = n - 1; j >= 0; j--) {
        if (which[j] >= 0) nx = j;
        next[j] = nx;
      }
      tofSec.push(tof);
      tofMissile.push(which);
      nextShot.push(next);
    });
  }

  let horizonSec = 0;
  for (let i = 0; i < tGroup.length; i++) horizonSec = Math.max(horizonSec, tStart[i] + groups[tGroup[i]].durationSec);
  const timelineBinSec = opts.timelineBinSec ?? 30;
  if (!(timelineBinSec > 0)) throw new RangeError(`timelineBinSec must be positive, got ${timelineBinSec}`);
  return {
    scenarioName: scenario.name,
    valueCase,
    stepSec,
    earthRadiusM: ae,
    detectionLabel: detection.label,
    visibilityLabel: visibility.label,
    guidancePdMin,
    trackM,
    trackN,
    sites: simSites.map((s) => ({
      id: s.site.id,
      systemId: s.site.systemId,
      systemName: s.site.systemName,
      lonDeg: s.site.lonDeg,
      latDeg: s.site.latDeg,
      status: s.site.status,
    })),
    groups,
    targetGroup: Int32Array.from(tGroup),
    targetMember: Int32Array.from(tMember),
    targetStartSec: Float64Array.from(tStart),
    radars,
    fireUnits,
    pd,
    pdFirst,
    pdLast,
    tofSec,
    tofMissile,
    nextShot,
    horizonSec,
    timelineBinSec,
    timelineBins: Math.max(1, Math.ceil(horizonSec / timelineBinSec)),
    defaulted: [...defaulted].sort(),
  };
}

/**
 * Bearing from point 1 to a nearby point 2, radians clockwise from north, in the local tangent
 * plane (east = Δλ·cos φ, north = Δφ): exact enough between route samples a second apart.
 */
function localBearingRad(lon1Deg: number, lat1Deg: number, lon2Deg: number, lat2Deg: number): number {
  const phi = (((lat1Deg + lat2Deg) / 2) * Math.PI) / 180;
  return Math.atan2((lon2Deg - lon1Deg) * Math.cos(phi), lat2Deg - lat1Deg);
}

/** Name of target i in logs: "<group id>#<member number from 1>". */
export function targetName(model: SimModel, i: number): string {
  return `${model.groups[model.targetGroup[i]].id}#${model.targetMember[i] + 1}`;
}

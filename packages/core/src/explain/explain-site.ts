/**
 * "Explain this number" for one site against one threat at one altitude (and optionally at one
 * place): the derivation tree of every detection and engagement figure, from the catalog values
 * through the model functions the coverage engine uses. The numbers are the coverage engine's:
 * the detection range at the Pd threshold is `radarThreatRangeM` under the jamming of
 * `SiteEvaluator`, and every verdict and range is the engagement rule
 * (engagement/engagement-rule.ts) — this file only lays them out with their formulas.
 *
 * Geometry is the smooth 4/3 earth (geo/horizon.ts); heights are MSL over the sphere. With a
 * terrain provider (`terrain`, the scenario's DEM), the outcome over a place takes its line of
 * sight from the DEM as coverage's places do (coverage/places.ts): the lowest visible height over
 * the place from `pointMinVisibleMslM`, the ground at the site (antenna MSL = ground + height) and
 * at the place (target height above ground for the missiles' minimum altitude). The ring figures
 * (ground ranges at an altitude, over azimuths in a radar's sector with stand-off jammers in its
 * sidelobes) stay smooth-earth closed forms of the same rule.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { Jammer, System, Threat } from '../catalog/schema.js';
import type { ValueCase } from '../catalog/value.js';
import type { VisibilityProvider } from '../coverage/visibility-provider.js';
import { DETECTED, ENGAGED, radarThreatRangeM, selfProtectionK, SiteEvaluator } from '../engagement/site-evaluator.js';
import { groundRangeAtSlantM } from '../engagement/engagement-rule.js';
import { effectiveEarthRadiusM } from '../geo/earth.js';
import { geodesicInverse } from '../geo/geodesic.js';
import { minVisibleHeightSmoothM, radarHorizonExactM } from '../geo/horizon.js';
import { aspectIndex, type Aspect } from '../radar/aspect.js';
import { actingJammers, burnThroughRangeM, standOffJn } from '../radar/jamming.js';
import { DEFAULT_PD_THRESHOLD } from '../radar/snr.js';
import {
  resolveJammerKind,
  resolveSystemAt,
  resolveThreat,
  type RadarParams,
  type ResolvedJammer,
  type ResolvedSite,
  type ThreatParams,
} from '../scenario/resolve.js';
import { linearToDb } from '../units/units.js';
import { explainRadarCalibration, explainThreat, swerlingName } from './catalog-models.js';
import { catalogOrigin, node, type ExplainNode, type Origin } from './explain-node.js';

export interface ExplainRequest {
  catalog: Catalog;
  system: System;
  site: {
    id: string;
    lonDeg: number;
    latDeg: number;
    antennaHeightM?: number /** Azimuth sector radars face, radians (scenario/resolve.ts siteBoresightRad; default north). */;
    boresightRad?: number;
  };
  threat: Threat;
  /** Target altitude, metres MSL (on the smooth earth MSL = above the sphere). */
  altitudeM: number;
  kFactor: number;
  /** Detection threshold (single-scan Pd) and where it came from. */
  pdThreshold?: number;
  pdThresholdOrigin?: Origin;
  valueCase?: ValueCase;
  /** Aspect the analysis assumes to every radar (scenario analysis.aspect; default front). */
  aspect?: Aspect;
  /** Self-protection jammer carried by the threat (scenario analysis.selfProtectionJammer). */
  selfProtectionJammer?: Jammer;
  /** Stand-off jammers of the scenario, resolved at the value case (scenario/resolve.ts resolveJammers). */
  standOffJammers?: readonly ResolvedJammer[];
  place?: { name: string; lonDeg: number; latDeg: number };
  /**
   * Terrain line of sight (the scenario's DEM): the provider and this site's index in it. Used
   * for the outcome over the place; omitted, everything is on the smooth earth.
   */
  terrain?: { provider: VisibilityProvider; siteIndex: number };
}

const fmtKm = (m: number): string => `${(m / 1000).toFixed(1)} km`;
const signed = (x: number): string => (x < 0 ? `− ${(-x).toFixed(2)}` : `+ ${x.toFixed(2)}`);
const fmtDeg = (rad: number): string => `${((rad * 180) / Math.PI).toFixed(1)}°`;

/** The site and threat of a request exactly as the coverage engine resolves them (scenario/resolve.ts). */
export function resolvedForExplain(req: Omit<ExplainRequest, 'altitudeM' | 'place' | 'terrain'>): { site: ResolvedSite; threat: ThreatParams } {
  const valueCase = req.valueCase ?? 'nominal';
  const site = resolveSystemAt(
    req.system,
    { id: req.site.id, lon: req.site.lonDeg, lat: req.site.latDeg, status: 'hypothetical', antennaHeightM: req.site.antennaHeightM },
    valueCase,
    req.site.boresightRad ?? 0,
  );
  const threat: ThreatParams = {
    ...resolveThreat(req.threat, valueCase),
    pdThreshold: req.pdThreshold ?? DEFAULT_PD_THRESHOLD,
    aspect: aspectIndex(req.aspect ?? 'front'),
    selfProtection: req.selfProtectionJammer ? resolveJammerKind(req.selfProtectionJammer, valueCase) : undefined,
  };
  return { site, threat };
}

/** The whole derivation tree for a request. */
export function explainSiteThreat(req: ExplainRequest): ExplainNode {
  const valueCase = req.valueCase ?? 'nominal';
  const { system, threat } = req;
  const h = req.altitudeM;
  const a = effectiveEarthRadiusM(req.kFactor);
  const pd = req.pdThreshold ?? DEFAULT_PD_THRESHOLD;
  const aspect = req.aspect ?? 'front';
  const boresightRad = req.site.boresightRad ?? 0;
  const standOff = req.standOffJammers ?? [];
  const { site, threat: tp } = resolvedForExplain(req);
  // Ring figures: the smooth earth with the site at sea level.
  const smooth = new SiteEvaluator(site, tp, 0, a, { standOff });
  const span = new Float64Array(2);

  const pdNode = node({
    id: 'analysis.pd',
    label: 'detection threshold (single-scan Pd)',
    symbol: 'Pd*',
    value: pd,
    unit: '1',
    origin: req.pdThresholdOrigin ?? { kind: 'default', note: `no analysis.pd in the scenario: default ${DEFAULT_PD_THRESHOLD}` },
  });
  const kNode = node({
    id: 'earth.k',
    label: 'effective-earth radius a_e = k·R (refraction)',
    symbol: 'a_e',
    value: a,
    unit: 'm',
    formula: 'a_e = k·6,371,008.8 m',
    substituted: `a_e = ${req.kFactor.toFixed(4)} × 6,371,008.8 m = ${fmtKm(a)}`,
    origin: { kind: 'constant', reference: 'Skolnik, Introduction to Radar Systems, 3rd ed., §8.4 (k = 4/3 standard atmosphere)' },
  });
  const altNode = node({
    id: 'target.altitude',
    label: 'target altitude (MSL)',
    symbol: 'h',
    value: h,
    unit: 'm',
    origin: { kind: 'scenario', path: '--altitude' },
  });
  const t = explainThreat(threat, valueCase);

  const radarNodes: ExplainNode[] = [];
  /** Per radar: detection model, RCS seen, antenna height, ground range detected at h. */
  const radarFacts: {
    rcsM2: number;
    groundM: number;
    model: ReturnType<typeof explainRadarCalibration>['model'];
    refSnrDb: number;
    refRangeM: number;
    refRcsM2: number;
  }[] = [];

  system.radars.forEach((radar, ri) => {
    const rp = site.radars[ri];
    const p = `${system.id}.radars[${ri}]`;
    const k = `radar.${radar.id}`;
    const cal = explainRadarCalibration(system.id, radar, ri, valueCase);
    const snrReq = cal.model.requiredSnr(pd, t.params.swerling);
    const snrReqNode = node({
      id: `${k}.snrRequired`,
      label: `SNR needed for Pd* against ${threat.name}`,
      symbol: 'SNR_req',
      value: linearToDb(snrReq),
      unit: 'dB',
      formula: 'SNR_req = SNR_req(Pd*; Pfa, N, Swerling_target)',
      substituted: `SNR_req(${pd}; ${cal.calibration.pfa}, ${cal.calibration.pulses}, Swerling ${swerlingName(t.params.swerling)}) = ${linearToDb(snrReq).toFixed(2)} dB`,
      origin: { kind: 'model', reference: 'exact Swerling Pd (docs/models/pd-swerling.md)' },
      children: [pdNode, cal.inputs.pfa, cal.inputs.pulses, t.swerling],
    });
    const rcsNode = t.rcsAt(radar.band.letter, aspect);
    const rcsM2 = rcsNode.value as number;
    const pdRangeM = radarThreatRangeM(rp, tp);
    const pdRangeNode = node({
      id: `${k}.pdRange`,
      label: `range at which ${threat.name} reaches Pd*`,
      symbol: 'R_Pd',
      value: pdRangeM,
      unit: 'm',
      formula: 'R_Pd = R_ref · (σ/σ_ref)^¼ · (SNR_ref/SNR_req)^¼',
      substituted: `R_Pd = ${fmtKm(cal.calibration.refRangeM)} · (${rcsM2}/${cal.calibration.refRcsM2})^¼ · 10^((${linearToDb(cal.model.refSnr).toFixed(2)} − ${linearToDb(snrReq).toFixed(2)})/40) = ${fmtKm(pdRangeM)}`,
      origin: { kind: 'model', reference: 'radar range equation, SNR ∝ σ/R⁴ (Skolnik eq. 2.1; docs/models/detection-range.md)' },
      children: [cal.inputs.refRange, cal.inputs.refRcs, rcsNode, cal.refSnr, snrReqNode],
    });
    const instrM = rp.instrumentedRangeM;
    const instr = node({
      id: `${k}.instrumentedRange`,
      label: 'instrumented range',
      symbol: 'R_instr',
      value: instrM,
      unit: 'm',
      origin: catalogOrigin(`${p}.instrumentedRange`, radar.instrumentedRange, valueCase),
    });
    const rangeM = smooth.detectionRangeM(ri);
    const jam = jammingNode(k, radar.name, pdRangeNode, rp, tp, req.site, standOff, a);
    const limit = jam ?? pdRangeNode;
    const rangeNode = node({
      id: `${k}.range`,
      label: `${radar.name}: detection range against ${threat.name} at Pd ≥ ${pd} (slant)`,
      symbol: 'R',
      value: rangeM,
      unit: 'm',
      formula: jam ? 'R = min(R_bt, R_instr)' : 'R = min(R_Pd, R_instr)',
      substituted: `R = min(${fmtKm(limit.value as number)}, ${fmtKm(instrM)}) = ${fmtKm(rangeM)}`,
      children: jam ? [jam, instr] : [pdRangeNode, instr],
    });
    const antenna =
      req.site.antennaHeightM !== undefined
        ? node({
            id: `${k}.antennaHeight`,
            label: 'antenna height',
            symbol: 'h_r',
            value: req.site.antennaHeightM,
            unit: 'm',
            origin: { kind: 'scenario', path: `sites[${req.site.id}].antennaHeightM` },
          })
        : node({
            id: `${k}.antennaHeight`,
            label: 'antenna height',
            symbol: 'h_r',
            value: rp.antennaHeightM,
            unit: 'm',
            origin: catalogOrigin(`${p}.antennaHeight`, radar.antennaHeight, valueCase),
          });
    const hr = rp.antennaHeightM;
    const maxAlt = node({
      id: `${k}.maxAltitude`,
      label: 'radar maximum altitude',
      symbol: 'h_max',
      value: rp.maxAltitudeM,
      unit: 'm',
      origin: catalogOrigin(`${p}.maxAltitude`, radar.maxAltitude, valueCase),
    });
    const horizonM = radarHorizonExactM(hr, h, a);
    const horizonNode = node({
      id: `${k}.horizon`,
      label: 'radar horizon for the target altitude (smooth 4/3 earth)',
      symbol: 's_H',
      value: horizonM,
      unit: 'm',
      formula: 's_H = a_e·(acos(a_e/(a_e+h_r)) + acos(a_e/(a_e+h)))  ≈ √(2a_e·h_r) + √(2a_e·h)',
      substituted: `s_H(h_r = ${hr} m, h = ${h} m) = ${fmtKm(horizonM)}`,
      origin: { kind: 'model', reference: 'Skolnik eq. 8.29; exact geometry in geo/horizon.ts (docs/models/horizon.md)' },
      children: [antenna, altNode, kNode],
    });
    const limits: ExplainNode[] = [rangeNode, horizonNode, maxAlt];
    if (rp.sector)
      limits.push(
        node({
          id: `${k}.sector`,
          label: 'azimuth sector half-width (about the site boresight)',
          symbol: 'w',
          value: rp.sector.halfWidthRad,
          unit: 'rad',
          note: `boresight ${fmtDeg(boresightRad)}`,
          origin: catalogOrigin(`${p}.sector.halfWidth`, radar.sector!.halfWidth, valueCase),
        }),
      );
    if (rp.maxElevationRad !== undefined)
      limits.push(
        node({
          id: `${k}.maxElevation`,
          label: 'maximum elevation',
          symbol: 'E_max',
          value: rp.maxElevationRad,
          unit: 'rad',
          origin: catalogOrigin(`${p}.maxElevation`, radar.maxElevation!, valueCase),
        }),
      );
    const detected = smooth.rule.smoothDetectSpan(ri, h, boresightRad, rangeM, span);
    const groundM = detected ? span[1] : 0;
    const nearM = detected ? span[0] : 0;
    const slantGroundM = groundRangeAtSlantM(h, hr, rangeM, a);
    radarNodes.push(
      node({
        id: `${k}.groundRangeAtAltitude`,
        label: `${radar.name}: farthest ground range detecting ${threat.name} at ${h} m`,
        symbol: 's_det',
        value: groundM,
        unit: 'm',
        formula:
          's_det = min(s(R), s_H) if h ≤ h_max (and the E_max ray reaches h nearer), else 0;  s(R) = a_e·acos(((a_e+h_r)² + (a_e+h)² − R²) / (2(a_e+h_r)(a_e+h)))',
        substituted:
          h > rp.maxAltitudeM
            ? `h = ${h} m > h_max = ${rp.maxAltitudeM} m → 0`
            : detected
              ? `s_det = min(${fmtKm(slantGroundM)}, ${fmtKm(horizonM)}) = ${fmtKm(groundM)}`
              : `s(R) = ${fmtKm(slantGroundM)}, s_H = ${fmtKm(horizonM)}: ${rp.maxElevationRad !== undefined ? `above E_max = ${fmtDeg(rp.maxElevationRad)} at every range within them` : 'not in range at this height'} → 0`,
        note: nearM > 0 ? `cone of silence: above E_max = ${fmtDeg(rp.maxElevationRad!)} nearer than ${fmtKm(nearM)} (engagement-rule.ts)` : undefined,
        children: limits,
      }),
    );
    radarFacts.push({
      rcsM2,
      groundM,
      model: cal.model,
      refSnrDb: linearToDb(cal.model.refSnr),
      refRangeM: cal.calibration.refRangeM,
      refRcsM2: cal.calibration.refRcsM2,
    });
  });

  const missileNodes: ExplainNode[] = system.missiles.map((m, mi) => {
    const p = `${system.id}.missiles[${mi}]`;
    const k = `missile.${m.id}`;
    const mm = site.missiles[mi];
    const g = mm.guidanceRadarIndex;
    const guidance = system.radars[g];
    const hg = site.radars[g].antennaHeightM;
    const minR = node({
      id: `${k}.minRange`,
      label: 'minimum range',
      symbol: 'R_min',
      value: mm.minRangeM,
      unit: 'm',
      origin: catalogOrigin(`${p}.minRange`, m.minRange, valueCase),
    });
    const maxR = node({
      id: `${k}.maxRange`,
      label: 'maximum range',
      symbol: 'R_max',
      value: mm.maxRangeM,
      unit: 'm',
      origin: catalogOrigin(`${p}.maxRange`, m.maxRange, valueCase),
    });
    const minA = node({
      id: `${k}.minAltitude`,
      label: 'minimum target altitude',
      symbol: 'h_min',
      value: mm.minAltitudeM,
      unit: 'm',
      origin: catalogOrigin(`${p}.minAltitude`, m.minAltitude, valueCase),
    });
    const maxA = node({
      id: `${k}.maxAltitude`,
      label: 'maximum target altitude',
      symbol: 'h_max',
      value: mm.maxAltitudeM,
      unit: 'm',
      origin: catalogOrigin(`${p}.maxAltitude`, m.maxAltitude, valueCase),
    });
    const vMax = node({
      id: `${k}.maxTargetSpeed`,
      label: 'maximum target speed',
      symbol: 'v_max',
      value: mm.maxTargetSpeedMps,
      unit: 'm/s',
      origin: catalogOrigin(`${p}.maxTargetSpeed`, m.maxTargetSpeed, valueCase),
    });
    const speedOk = smooth.rule.speedOk(mi);
    const altOk = h >= mm.minAltitudeM && h <= mm.maxAltitudeM;
    const ok = smooth.rule.smoothEngageSpan(mi, h, boresightRad, smooth.detectionRangeM(g), span);
    const sMaxM = groundRangeAtSlantM(h, hg, mm.maxRangeM, a);
    const guidanceRef = node({
      id: `${k}.guidanceDetection`,
      label: `guidance radar ${guidance.name} detects out to (ground range at ${h} m)`,
      symbol: 's_det',
      value: radarFacts[g].groundM,
      unit: 'm',
      note: `derived above (radar.${guidance.id}.groundRangeAtAltitude)`,
    });
    return node({
      id: `${k}.groundRangeAtAltitude`,
      label: `${m.name}: engagement zone at ${h} m (ground range)`,
      symbol: 's_eng',
      value: ok ? span[1] : 0,
      unit: 'm',
      formula: 'engaged for max(s(R_min), s_det,near) ≤ s ≤ min(s(R_max), s_det) when h_min ≤ h ≤ h_max and v ≤ v_max',
      substituted: !speedOk
        ? `v = ${t.params.speedMps} m/s > v_max = ${mm.maxTargetSpeedMps.toFixed(0)} m/s → no engagement`
        : !altOk
          ? `h = ${h} m outside [${mm.minAltitudeM}, ${mm.maxAltitudeM}] m → no engagement`
          : ok
            ? `from ${fmtKm(span[0])} to min(${fmtKm(sMaxM)}, ${fmtKm(radarFacts[g].groundM)}) = ${fmtKm(span[1])}`
            : `min(${fmtKm(sMaxM)}, ${fmtKm(radarFacts[g].groundM)}) is inside the inner edge → no engagement`,
      note: ok ? `inner edge ${fmtKm(span[0])}` : undefined,
      children: [minR, maxR, minA, maxA, vMax, t.speed, guidanceRef],
    });
  });

  const children: ExplainNode[] = [...radarNodes, ...missileNodes];
  let verdict: boolean | number = Math.max(0, ...missileNodes.map((n) => n.value as number));

  if (req.place) {
    const pl = req.place;
    const inv = geodesicInverse(req.site.lonDeg, req.site.latDeg, pl.lonDeg, pl.latDeg);
    const s = inv.distanceM;
    const rangeNode = node({
      id: 'place.groundRange',
      label: `ground range ${req.site.id} → ${pl.name}`,
      symbol: 's',
      value: s,
      unit: 'm',
      formula: 'geodesic distance on WGS84',
      substituted: `${fmtKm(s)}, azimuth ${inv.azimuthDeg.toFixed(1)}°`,
      origin: { kind: 'model', reference: 'Karney, Algorithms for geodesics, 2013 (GeographicLib)' },
    });
    const placeChildren: ExplainNode[] = [rangeNode];
    const tv = req.terrain;
    const demLabel = tv?.provider.label ?? '';
    // With terrain: ground MSL at the site (under the antenna) and at the place (under the target).
    const siteGroundM = tv ? tv.provider.siteGroundMslM(tv.siteIndex) : 0;
    const placeGroundM = tv ? tv.provider.pointGroundMslM(pl.lonDeg, pl.latDeg) : 0;
    const azimuthRad = (inv.azimuthDeg * Math.PI) / 180;
    const aglM = h - placeGroundM;
    const ev = tv ? new SiteEvaluator(site, tp, siteGroundM, a, { standOff }) : smooth;
    if (tv) {
      placeChildren.push(
        node({
          id: 'place.siteGround',
          label: `ground elevation at ${req.site.id}`,
          symbol: 'z_site',
          value: siteGroundM,
          unit: 'm',
          formula: `bilinear from the DEM (${demLabel})`,
          origin: { kind: 'scenario', path: 'terrain.dem' },
        }),
        node({
          id: 'place.ground',
          label: `ground elevation at ${pl.name}`,
          symbol: 'z_place',
          value: placeGroundM,
          unit: 'm',
          formula: `bilinear from the DEM (${demLabel})`,
          note:
            aglM < 0
              ? `the target altitude ${h} m MSL is below the ground here: nothing is detected or engaged`
              : `target ${aglM.toFixed(0)} m above the ground here`,
          origin: { kind: 'scenario', path: 'terrain.dem' },
        }),
      );
    }
    const minVis: Float64Array[] = [];
    system.radars.forEach((radar, ri) => {
      const rp = site.radars[ri];
      const f = radarFacts[ri];
      const antennaMslM = ev.rule.antennaMslM[ri];
      const hMin = tv
        ? tv.provider.pointMinVisibleMslM(tv.siteIndex, rp.antennaHeightM, pl.lonDeg, pl.latDeg, s, azimuthRad)
        : minVisibleHeightSmoothM(s, rp.antennaHeightM, a);
      minVis.push(Float64Array.of(hMin));
      const slant = ev.rule.slantM(ri, s, h);
      const rangeHereM = ev.detectionRangeAtM(ri, azimuthRad);
      // Noise jamming enters as S/(N+J): J/N of the stand-off jammers at this azimuth and of the self-protection jammer at this range.
      const acting = actingJammers(req.site.lonDeg, req.site.latDeg, antennaMslM, rp.band, rp.receiver, standOff, a);
      const jn = standOffJn(acting, azimuthRad, rp.receiver.beamwidthRad) + selfProtectionK(rp, tp) / (slant * slant);
      const snrDb = linearToDb(f.model.snrAt(slant, f.rcsM2) / (1 + jn));
      const pdHere = f.model.pdAt(slant, f.rcsM2 / (1 + jn), t.params.swerling);
      const visible = h >= hMin && aglM >= 0;
      const inSector = ev.rule.inSector(ri, azimuthRad);
      const detected = ev.radarDetects(ri, s, azimuthRad, placeGroundM, h, hMin);
      const minVisibleNode = tv
        ? node({
            id: `place.radar.${radar.id}.minVisible`,
            label: `lowest visible altitude over the place (${demLabel})`,
            symbol: 'h_vis',
            value: hMin,
            unit: 'm',
            formula: `h_vis = max(z_place, lowest height above the terrain horizon traced along the geodesic through the DEM from the antenna at z_site + h_r = ${antennaMslM.toFixed(0)} m MSL)  (not the smooth-earth formula)`,
            substituted: `horizon over ${fmtKm(s)} at azimuth ${inv.azimuthDeg.toFixed(1)}° → h_vis = ${hMin === Infinity ? '∞' : hMin.toFixed(0)} m MSL`,
            origin: { kind: 'model', reference: 'visibility/terrain-visibility.ts (traceHorizon, DEM from terrain.dem); docs/terrain.md' },
          })
        : node({
            id: `place.radar.${radar.id}.minVisible`,
            label: 'lowest visible altitude over the place (smooth 4/3 earth)',
            symbol: 'h_vis',
            value: hMin,
            unit: 'm',
            formula: 'h_vis = a_e / cos(s/a_e − acos(a_e/(a_e+h_r))) − a_e  (0 inside the antenna horizon)',
            origin: { kind: 'model', reference: 'geo/horizon.ts; docs/models/horizon.md' },
          });
      const limits = [
        rp.sector
          ? `, sector ${fmtDeg(rp.sector.boresightRad)} ± ${fmtDeg(rp.sector.halfWidthRad)} vs azimuth ${inv.azimuthDeg.toFixed(1)}°${inSector ? '' : ' (outside)'}`
          : '',
        rp.maxElevationRad !== undefined ? `, elevation limit ${fmtDeg(rp.maxElevationRad)}` : '',
      ].join('');
      placeChildren.push(
        node({
          id: `place.radar.${radar.id}.detected`,
          label: `${radar.name} detects ${threat.name} over ${pl.name}`,
          value: detected,
          unit: '',
          formula: `${tv ? 'h ≥ h_vis(s)  and  h ≥ z_place' : 'h ≥ h_vis(s)'}  and  h ≤ h_max  and  in sector  and  E ≤ E_max  and  r ≤ R  (engagement-rule.ts)`,
          substituted: `h_vis = ${hMin === Infinity ? '∞' : hMin.toFixed(0)} m, r = ${fmtKm(slant)}, R = ${fmtKm(rangeHereM)}${limits} → ${detected ? 'detected' : 'not detected'}`,
          children: [
            minVisibleNode,
            node({
              id: `place.radar.${radar.id}.slant`,
              label: 'slant range to the target',
              symbol: 'r',
              value: slant,
              unit: 'm',
              formula: tv ? 'r² = (a+z_site+h_r)² + (a+h)² − 2(a+z_site+h_r)(a+h)·cos(s/a)' : 'r² = (a+h_r)² + (a+h)² − 2(a+h_r)(a+h)·cos(s/a)',
            }),
            node({
              id: `place.radar.${radar.id}.range`,
              label: `detection range at Pd* toward ${pl.name}${acting.length || jn > 0 ? ' (with the jamming on this bearing)' : ''}`,
              symbol: 'R',
              value: rangeHereM,
              unit: 'm',
              note: `see radar.${radar.id}.range`,
            }),
            node({
              id: `place.radar.${radar.id}.snr`,
              label: jn > 0 ? 'single-pulse signal-to-(noise + jamming) ratio at the target' : 'single-pulse SNR at the target',
              symbol: 'SNR',
              value: snrDb,
              unit: 'dB',
              formula:
                jn > 0 ? 'SNR = SNR_ref + 10·log10(σ/σ_ref) + 40·log10(R_ref/r) − 10·log10(1 + J/N)' : 'SNR = SNR_ref + 10·log10(σ/σ_ref) + 40·log10(R_ref/r)',
              substituted: `${f.refSnrDb.toFixed(2)} ${signed(10 * Math.log10(f.rcsM2 / f.refRcsM2))} ${signed(40 * Math.log10(f.refRangeM / slant))}${jn > 0 ? ` ${signed(-10 * Math.log10(1 + jn))}` : ''} = ${snrDb.toFixed(2)} dB`,
            }),
            node({
              id: `place.radar.${radar.id}.pd`,
              label: 'single-scan probability of detection at the target',
              symbol: 'Pd',
              value: pdHere,
              unit: '1',
              formula: `Pd = Pd_Swerling ${swerlingName(t.params.swerling)}(SNR; Pfa, N)${visible ? '' : ' — but the target is below the horizon: no detection'}`,
            }),
          ],
        }),
      );
    });
    const bits = ev.evaluate(s, azimuthRad, placeGroundM, h, minVis, 0);
    system.missiles.forEach((m, mi) => {
      const mm = site.missiles[mi];
      const g = mm.guidanceRadarIndex;
      const slant = ev.rule.slantM(g, s, h);
      const guided = ev.radarDetects(g, s, azimuthRad, placeGroundM, h, minVis[g][0]);
      const engaged = guided && ev.rule.speedOk(mi) && ev.rule.inEnvelope(mi, s, h, aglM);
      placeChildren.push(
        node({
          id: `place.missile.${m.id}.engaged`,
          label: `${m.name} can engage ${threat.name} over ${pl.name}`,
          value: engaged,
          unit: '',
          formula: 'guidance radar detects and R_min ≤ r ≤ R_max and h − z_place ≥ h_min and h ≤ h_max and v ≤ v_max  (engagement-rule.ts)',
          substituted: `r = ${fmtKm(slant)} in [${fmtKm(mm.minRangeM)}, ${fmtKm(mm.maxRangeM)}]: ${slant >= mm.minRangeM && slant <= mm.maxRangeM}; guidance radar detects: ${guided}`,
        }),
      );
    });
    const engagedAny = (bits & ENGAGED) !== 0;
    children.push(
      node({
        id: 'place',
        label: `over ${pl.name} at ${h} m`,
        value: engagedAny,
        unit: '',
        note: `${(bits & DETECTED) !== 0 ? 'detected' : 'not detected'}${tv ? `; line of sight from the DEM (${demLabel})` : ''}`,
        children: placeChildren,
      }),
    );
    verdict = engagedAny;
  }

  return node({
    id: 'site',
    label: `${system.name} at ${req.site.id} against ${threat.name} at ${h} m MSL (${valueCase} values, Pd* = ${pd})`,
    value: verdict,
    unit: typeof verdict === 'boolean' ? '' : 'm',
    note:
      typeof verdict === 'boolean'
        ? verdict
          ? 'engaged over the place'
          : 'not engaged over the place'
        : `value: farthest engagement ground range at this altitude${req.terrain ? ` (smooth-earth closed forms; the scenario has terrain, ${req.terrain.provider.label}: give a place for the line of sight from the DEM)` : ''}`,
    children,
  });
}

/**
 * The burn-through range of radar `rp` under the jamming present, with the stand-off jammers in
 * its sidelobes (the farthest it reaches over azimuths) and the threat's self-protection jammer:
 *   R_bt⁴·(1 + ΣJ/N_side) + K·R_bt² = R_Pd⁴                        (radar/jamming.ts)
 * undefined when no jammer acts on this radar.
 */
function jammingNode(
  k: string,
  radarName: string,
  pdRangeNode: ExplainNode,
  rp: RadarParams,
  tp: ThreatParams,
  site: { lonDeg: number; latDeg: number },
  standOff: readonly ResolvedJammer[],
  earthRadiusM: number,
): ExplainNode | undefined {
  const acting = actingJammers(site.lonDeg, site.latDeg, rp.antennaHeightM, rp.band, rp.receiver, standOff, earthRadiusM);
  const kSelf = selfProtectionK(rp, tp);
  if (acting.length === 0 && kSelf === 0) return undefined;
  const sideJn = acting.reduce((sum, j) => sum + j.sideJn, 0);
  const children: ExplainNode[] = [pdRangeNode];
  for (const j of acting) {
    children.push(
      node({
        id: `${k}.jammer.${j.id}`,
        label: `stand-off jammer ${j.id}: J/N in ${radarName}'s sidelobes (main lobe ${linearToDb(j.mainJn).toFixed(1)} dB)`,
        symbol: 'J/N',
        value: linearToDb(j.sideJn),
        unit: 'dB',
        formula: 'J/N = ERP·G_r·λ²/((4π)²·R_j²·k·T₀·F·B_j), G_r the sidelobe gain',
        origin: { kind: 'model', reference: 'docs/models/jamming.md (radar/jamming.ts)' },
      }),
    );
  }
  if (kSelf > 0) {
    children.push(
      node({
        id: `${k}.selfProtection`,
        label: `self-protection jammer ${tp.selfProtection!.name}: K = (J/N)·R²`,
        symbol: 'K',
        value: kSelf,
        unit: 'm2',
        origin: { kind: 'scenario', path: 'analysis.selfProtectionJammer' },
      }),
    );
  }
  const r = burnThroughRangeM(pdRangeNode.value as number, sideJn, kSelf);
  return node({
    id: `${k}.burnThrough`,
    label: `burn-through range under jamming (stand-off jammers in the sidelobes)`,
    symbol: 'R_bt',
    value: r,
    unit: 'm',
    formula: 'R_bt⁴·(1 + ΣJ/N) + K·R_bt² = R_Pd⁴',
    substituted: `ΣJ/N = ${sideJn.toExponential(2)}, K = ${kSelf.toExponential(2)} m² → R_bt = ${fmtKm(r)}`,
    origin: { kind: 'model', reference: 'docs/models/jamming.md' },
    children,
  });
}

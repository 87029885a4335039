/**
 * "Explain this number" for one site against one threat at one altitude (and optionally at one
 * place): the derivation tree of every detection and engagement figure, from the catalog values
 * through the same model functions the coverage engine and the vertical coverage diagram use.
 *
 * Geometry is the smooth 4/3 earth (geo/horizon.ts); heights are MSL over the sphere. With a
 * terrain provider (`terrain`, the scenario's DEM), the outcome over a place takes its line of
 * sight from the DEM as coverage's places do (coverage/places.ts): the lowest visible height over
 * the place from `pointMinVisibleMslM`, the ground at the site (antenna MSL = ground + height) and
 * at the place (target height above ground for the missiles' minimum altitude). The ring figures
 * (farthest ground range at an altitude) stay smooth-earth closed forms.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { System, Threat } from '../catalog/schema.js';
import { pickValue, type ValueCase } from '../catalog/value.js';
import type { VisibilityProvider } from '../coverage/visibility-provider.js';
import { effectiveEarthRadiusM } from '../geo/earth.js';
import { geodesicInverse } from '../geo/geodesic.js';
import { minVisibleHeightSmoothM, radarHorizonExactM, slantRangeM } from '../geo/horizon.js';
import { withinAzimuth } from '../radar/jamming.js';
import { DEFAULT_PD_THRESHOLD } from '../radar/snr.js';
import { linearToDb } from '../units/units.js';
import { explainRadarCalibration, explainThreat, swerlingName, vcdMissilesOf } from './catalog-models.js';
import { catalogInput, node, type ExplainNode, type Origin } from './explain-node.js';

export interface ExplainRequest {
  catalog: Catalog;
  system: System;
  site: { id: string; lonDeg: number; latDeg: number; antennaHeightM?: number; /** Azimuth sector radars face, radians (scenario/resolve.ts siteBoresightRad; default north). */ boresightRad?: number };
  threat: Threat;
  /** Target altitude, metres MSL (on the smooth earth MSL = above the sphere). */
  altitudeM: number;
  kFactor: number;
  /** Detection threshold (single-scan Pd) and where it came from. */
  pdThreshold?: number;
  pdThresholdOrigin?: Origin;
  valueCase?: ValueCase;
  place?: { name: string; lonDeg: number; latDeg: number };
  /**
   * Terrain line of sight (the scenario's DEM): the provider and this site's index in it. Used
   * for the outcome over the place; omitted, everything is on the smooth earth.
   */
  terrain?: { provider: VisibilityProvider; siteIndex: number };
}

const fmtKm = (m: number): string => `${(m / 1000).toFixed(1)} km`;
const signed = (x: number): string => (x < 0 ? `− ${(-x).toFixed(2)}` : `+ ${x.toFixed(2)}`);

/**
 * Ground range at which MSL height h lies at slant range R from an antenna at MSL height h_r:
 * s = a·acos(((a+h_r)² + (a+h)² − R²) / (2(a+h_r)(a+h))); 0 if R < |h − h_r|.
 */
export function groundRangeAtSlantM(heightM: number, antennaMslM: number, slantM: number, earthRadiusM: number): number {
  const ra = earthRadiusM + antennaMslM;
  const rt = earthRadiusM + heightM;
  const c = (ra * ra + rt * rt - slantM * slantM) / (2 * ra * rt);
  if (c >= 1) return 0;
  return earthRadiusM * Math.acos(Math.max(-1, c));
}

/** The whole derivation tree for a request. */
export function explainSiteThreat(req: ExplainRequest): ExplainNode {
  const valueCase = req.valueCase ?? 'nominal';
  const { system, threat } = req;
  const h = req.altitudeM;
  const a = effectiveEarthRadiusM(req.kFactor);
  const pd = req.pdThreshold ?? DEFAULT_PD_THRESHOLD;
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
  const altNode = node({ id: 'target.altitude', label: 'target altitude (MSL)', symbol: 'h', value: h, unit: 'm', origin: { kind: 'scenario', path: '--altitude' } });
  const t = explainThreat(threat, valueCase);

  const radarNodes: ExplainNode[] = [];
  /** Per radar: effective slant detection range at Pd*, antenna MSL height, ground range at h. */
  const radarFacts: { rcsM2: number; sectorHalfRad?: number; rangeM: number; antennaM: number; groundM: number; maxAltM: number; refSnrDb: number; refRangeM: number; refRcsM2: number; model: ReturnType<typeof explainRadarCalibration>['model'] }[] = [];

  system.radars.forEach((radar, ri) => {
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
    const rcsNode = t.rcsAt(radar.band.letter);
    const rcsM2 = rcsNode.value as number;
    const pdRangeM = cal.model.rangeForPd(pd, rcsM2, t.params.swerling);
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
    const instr = catalogInput(`${k}.instrumentedRange`, 'instrumented range', 'R_instr', radar.instrumentedRange, 'length', valueCase, 1, `${p}.instrumentedRange`);
    const rangeM = Math.min(pdRangeM, instr.value as number);
    const rangeNode = node({
      id: `${k}.range`,
      label: `${radar.name}: detection range against ${threat.name} at Pd ≥ ${pd} (slant)`,
      symbol: 'R',
      value: rangeM,
      unit: 'm',
      formula: 'R = min(R_Pd, R_instr)',
      substituted: `R = min(${fmtKm(pdRangeM)}, ${fmtKm(instr.value as number)}) = ${fmtKm(rangeM)}`,
      children: [pdRangeNode, instr],
    });
    const antenna =
      req.site.antennaHeightM !== undefined
        ? node({ id: `${k}.antennaHeight`, label: 'antenna height', symbol: 'h_r', value: req.site.antennaHeightM, unit: 'm', origin: { kind: 'scenario', path: `sites[${req.site.id}].antennaHeightM` } })
        : catalogInput(`${k}.antennaHeight`, 'antenna height', 'h_r', radar.antennaHeight, 'length', valueCase, 1, `${p}.antennaHeight`);
    const hr = antenna.value as number;
    const maxAlt = catalogInput(`${k}.maxAltitude`, 'radar maximum altitude', 'h_max', radar.maxAltitude, 'length', valueCase, 1, `${p}.maxAltitude`);
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
    const slantGroundM = groundRangeAtSlantM(h, hr, rangeM, a);
    const above = h > (maxAlt.value as number);
    const groundM = above ? 0 : Math.min(slantGroundM, horizonM);
    radarNodes.push(
      node({
        id: `${k}.groundRangeAtAltitude`,
        label: `${radar.name}: farthest ground range detecting ${threat.name} at ${h} m`,
        symbol: 's_det',
        value: groundM,
        unit: 'm',
        formula: 's_det = min(s(R), s_H) if h ≤ h_max, else 0;  s(R) = a_e·acos(((a_e+h_r)² + (a_e+h)² − R²) / (2(a_e+h_r)(a_e+h)))',
        substituted: above ? `h = ${h} m > h_max = ${maxAlt.value} m → 0` : `s_det = min(${fmtKm(slantGroundM)}, ${fmtKm(horizonM)}) = ${fmtKm(groundM)}`,
        children: [rangeNode, horizonNode, maxAlt],
      }),
    );
    const sectorHalfRad = radar.sector ? pickValue(radar.sector.halfWidth, 'angle', valueCase, 1) : undefined;
    radarFacts.push({ rcsM2, sectorHalfRad, rangeM, antennaM: hr, groundM, maxAltM: maxAlt.value as number, refSnrDb: linearToDb(cal.model.refSnr), refRangeM: cal.calibration.refRangeM, refRcsM2: cal.calibration.refRcsM2, model: cal.model });
  });

  const missiles = vcdMissilesOf(system, valueCase);
  const missileNodes: ExplainNode[] = system.missiles.map((m, mi) => {
    const p = `${system.id}.missiles[${mi}]`;
    const k = `missile.${m.id}`;
    const mm = missiles[mi];
    const g = radarFacts[mm.guidanceRadarIndex];
    const guidance = system.radars[mm.guidanceRadarIndex];
    const minR = catalogInput(`${k}.minRange`, 'minimum range', 'R_min', m.minRange, 'length', valueCase, -1, `${p}.minRange`);
    const maxR = catalogInput(`${k}.maxRange`, 'maximum range', 'R_max', m.maxRange, 'length', valueCase, 1, `${p}.maxRange`);
    const minA = catalogInput(`${k}.minAltitude`, 'minimum target altitude', 'h_min', m.minAltitude, 'length', valueCase, -1, `${p}.minAltitude`);
    const maxA = catalogInput(`${k}.maxAltitude`, 'maximum target altitude', 'h_max', m.maxAltitude, 'length', valueCase, 1, `${p}.maxAltitude`);
    const vMax = catalogInput(`${k}.maxTargetSpeed`, 'maximum target speed', 'v_max', m.maxTargetSpeed, 'speed', valueCase, 1, `${p}.maxTargetSpeed`);
    const speedOk = t.params.speedMps <= mm.maxTargetSpeedMps;
    const altOk = h >= mm.minAltitudeM && h <= mm.maxAltitudeM;
    const sMax = Math.min(groundRangeAtSlantM(h, g.antennaM, mm.maxRangeM, a), g.groundM);
    const sMin = groundRangeAtSlantM(h, g.antennaM, mm.minRangeM, a);
    const ok = speedOk && altOk && sMax > sMin;
    const guidanceRef = node({
      id: `${k}.guidanceDetection`,
      label: `guidance radar ${guidance.name} detects out to (ground range at ${h} m)`,
      symbol: 's_det',
      value: g.groundM,
      unit: 'm',
      note: `derived above (radar.${guidance.id}.groundRangeAtAltitude)`,
    });
    return node({
      id: `${k}.groundRangeAtAltitude`,
      label: `${m.name}: engagement zone at ${h} m (ground range)`,
      symbol: 's_eng',
      value: ok ? sMax : 0,
      unit: 'm',
      formula: 'engaged for s(R_min) ≤ s ≤ min(s(R_max), s_det) when h_min ≤ h ≤ h_max and v ≤ v_max',
      substituted: !speedOk
        ? `v = ${t.params.speedMps} m/s > v_max = ${mm.maxTargetSpeedMps.toFixed(0)} m/s → no engagement`
        : !altOk
          ? `h = ${h} m outside [${mm.minAltitudeM}, ${mm.maxAltitudeM}] m → no engagement`
          : `from ${fmtKm(sMin)} to min(${fmtKm(groundRangeAtSlantM(h, g.antennaM, mm.maxRangeM, a))}, ${fmtKm(g.groundM)}) = ${fmtKm(sMax)}`,
      note: ok ? `inner edge ${fmtKm(sMin)}` : undefined,
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
    if (tv) {
      placeChildren.push(
        node({ id: 'place.siteGround', label: `ground elevation at ${req.site.id}`, symbol: 'z_site', value: siteGroundM, unit: 'm', formula: `bilinear from the DEM (${demLabel})`, origin: { kind: 'scenario', path: 'terrain.dem' } }),
        node({
          id: 'place.ground',
          label: `ground elevation at ${pl.name}`,
          symbol: 'z_place',
          value: placeGroundM,
          unit: 'm',
          formula: `bilinear from the DEM (${demLabel})`,
          note: aglM < 0 ? `the target altitude ${h} m MSL is below the ground here: nothing is detected or engaged` : `target ${aglM.toFixed(0)} m above the ground here`,
          origin: { kind: 'scenario', path: 'terrain.dem' },
        }),
      );
    }
    const detectedBy: boolean[] = [];
    system.radars.forEach((radar, ri) => {
      const f = radarFacts[ri];
      const antennaMslM = siteGroundM + f.antennaM;
      const hMin = tv ? tv.provider.pointMinVisibleMslM(tv.siteIndex, f.antennaM, pl.lonDeg, pl.latDeg, s, azimuthRad) : minVisibleHeightSmoothM(s, f.antennaM, a);
      const slant = slantRangeM(s, antennaMslM, h, a);
      const snrDb = linearToDb(f.model.snrAt(slant, f.rcsM2));
      const pdHere = f.model.pdAt(slant, f.rcsM2, t.params.swerling);
      const visible = h >= hMin && aglM >= 0;
      const inSector = f.sectorHalfRad === undefined || withinAzimuth(azimuthRad, req.site.boresightRad ?? 0, f.sectorHalfRad);
      const detected = visible && inSector && h <= f.maxAltM && slant <= f.rangeM;
      detectedBy.push(detected);
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
      placeChildren.push(
        node({
          id: `place.radar.${radar.id}.detected`,
          label: `${radar.name} detects ${threat.name} over ${pl.name}`,
          value: detected,
          unit: '',
          formula: tv ? 'h ≥ h_vis(s)  and  h ≥ z_place  and  h ≤ h_max  and  r ≤ R' : 'h ≥ h_vis(s)  and  h ≤ h_max  and  r ≤ R',
          substituted: `h_vis = ${hMin === Infinity ? '∞' : hMin.toFixed(0)} m, r = ${fmtKm(slant)}, R = ${fmtKm(f.rangeM)}${f.sectorHalfRad === undefined ? '' : `, sector ${((req.site.boresightRad ?? 0) * 180 / Math.PI).toFixed(0)}° ± ${(f.sectorHalfRad * 180 / Math.PI).toFixed(0)}° vs azimuth ${inv.azimuthDeg.toFixed(1)}°${inSector ? '' : ' (outside)'}`} → ${detected ? 'detected' : 'not detected'}`,
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
              id: `place.radar.${radar.id}.snr`,
              label: 'single-pulse SNR at the target',
              symbol: 'SNR',
              value: snrDb,
              unit: 'dB',
              formula: 'SNR = SNR_ref + 10·log10(σ/σ_ref) + 40·log10(R_ref/r)',
              substituted: `${f.refSnrDb.toFixed(2)} ${signed(10 * Math.log10(f.rcsM2 / f.refRcsM2))} ${signed(40 * Math.log10(f.refRangeM / slant))} = ${snrDb.toFixed(2)} dB`,
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
    let engagedAny = false;
    system.missiles.forEach((m, mi) => {
      const mm = missiles[mi];
      const g = radarFacts[mm.guidanceRadarIndex];
      const slant = slantRangeM(s, siteGroundM + g.antennaM, h, a);
      // Minimum altitude is above the ground under the target, maximum altitude MSL (as coverage).
      const engaged =
        detectedBy[mm.guidanceRadarIndex] && t.params.speedMps <= mm.maxTargetSpeedMps && aglM >= mm.minAltitudeM && h <= mm.maxAltitudeM && slant >= mm.minRangeM && slant <= mm.maxRangeM;
      engagedAny ||= engaged;
      placeChildren.push(
        node({
          id: `place.missile.${m.id}.engaged`,
          label: `${m.name} can engage ${threat.name} over ${pl.name}`,
          value: engaged,
          unit: '',
          formula: 'guidance radar detects and R_min ≤ r ≤ R_max and h_min ≤ h ≤ h_max and v ≤ v_max',
          substituted: `r = ${fmtKm(slant)} in [${fmtKm(mm.minRangeM)}, ${fmtKm(mm.maxRangeM)}]: ${slant >= mm.minRangeM && slant <= mm.maxRangeM}; guidance radar detects: ${detectedBy[mm.guidanceRadarIndex]}`,
        }),
      );
    });
    children.push(
      node({
        id: 'place',
        label: `over ${pl.name} at ${h} m`,
        value: engagedAny,
        unit: '',
        note: tv ? `line of sight from the DEM (${demLabel})` : undefined,
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

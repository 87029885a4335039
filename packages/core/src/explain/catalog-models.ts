/**
 * The detection models of catalog entries, with the derivation of every number they hold, and
 * the catalog entries as vertical-coverage inputs. Used by `parapet explain` and `parapet vcd`.
 */
import type { Aspect } from '../radar/aspect.js';
import type { Band } from '../radar/band.js';
import { resolveMissile, resolveRadar, resolveRcsTable } from '../scenario/resolve.js';
import type { Radar, System, Threat } from '../catalog/schema.js';
import type { ValueCase } from '../catalog/value.js';
import { linearToDb } from '../units/units.js';
import {
  calibrationWithDefaults,
  DEFAULT_PFA,
  DEFAULT_PULSES,
  DEFAULT_REFERENCE_PD,
  DEFAULT_REFERENCE_SWERLING,
  RadarDetectionModel,
  type DetectionCalibration,
} from '../radar/snr.js';
import type { SwerlingCase } from '../radar/swerling.js';
import type { VcdMissile, VcdRadar, VcdThreat } from '../radar/vertical-coverage.js';
import { catalogInput, defaultInput, node, type ExplainNode } from './explain-node.js';

const SWERLING_NAMES = ['0 (steady)', 'I', 'II', 'III', 'IV'];

export function swerlingName(s: SwerlingCase): string {
  return SWERLING_NAMES[s];
}

function asSwerling(n: number): SwerlingCase {
  if (n === 0 || n === 1 || n === 2 || n === 3 || n === 4) return n;
  throw new RangeError(`swerling must be 0–4, got ${n}`);
}

export interface RadarCalibrationExplained {
  calibration: DetectionCalibration;
  model: RadarDetectionModel;
  inputs: {
    refRange: ExplainNode;
    refRcs: ExplainNode;
    refPd: ExplainNode;
    pfa: ExplainNode;
    pulses: ExplainNode;
    refSwerling: ExplainNode;
  };
  /** SNR_ref = SNR_req(Pd_ref; Pfa, N, Swerling_ref), in dB. */
  refSnr: ExplainNode;
}

/**
 * A radar's calibration point from the catalog (`valueCase` end of every spread), defaults where
 * the catalog is silent, and the reference SNR solved from it.
 */
export function explainRadarCalibration(systemId: string, radar: Radar, radarIndex: number, valueCase: ValueCase): RadarCalibrationExplained {
  const p = `${systemId}.radars[${radarIndex}]`;
  const k = `radar.${radar.id}`;
  const refRange = catalogInput(`${k}.refRange`, 'reference detection range', 'R_ref', radar.detectionRange, 'length', valueCase, 1, `${p}.detectionRange`);
  const refRcs = catalogInput(`${k}.refRcs`, 'reference RCS', 'σ_ref', radar.referenceRcs, 'area', valueCase, -1, `${p}.referenceRcs`);
  const refPd = radar.referencePd
    ? catalogInput(`${k}.refPd`, 'Pd of the reference range', 'Pd_ref', radar.referencePd, 'ratio', valueCase, 1, `${p}.referencePd`)
    : defaultInput(
        `${k}.refPd`,
        'Pd of the reference range',
        'Pd_ref',
        DEFAULT_REFERENCE_PD,
        '1',
        'not in the catalog: the usual brochure convention, Pd 0.5 per scan',
      );
  const pfa =
    radar.pfa !== undefined
      ? node({
          id: `${k}.pfa`,
          label: 'false-alarm probability',
          symbol: 'Pfa',
          value: radar.pfa,
          unit: '1',
          origin: { kind: 'scenario', path: `catalog ${p}.pfa`, note: 'catalog design value (no sources field)' },
        })
      : defaultInput(`${k}.pfa`, 'false-alarm probability', 'Pfa', DEFAULT_PFA, '1', 'not in the catalog: Pfa 1e-6, a common design value');
  const pulses =
    radar.pulsesIntegrated !== undefined
      ? node({
          id: `${k}.pulses`,
          label: 'pulses integrated (non-coherent)',
          symbol: 'N',
          value: radar.pulsesIntegrated,
          unit: 'count',
          origin: { kind: 'scenario', path: `catalog ${p}.pulsesIntegrated`, note: 'catalog design value (no sources field)' },
        })
      : defaultInput(`${k}.pulses`, 'pulses integrated (non-coherent)', 'N', DEFAULT_PULSES, 'count', 'not in the catalog: one pulse');
  const refSwerling = defaultInput(
    `${k}.refSwerling`,
    'fluctuation model of the reference target',
    'Swerling_ref',
    DEFAULT_REFERENCE_SWERLING,
    'case',
    'public ranges do not state it: Swerling I assumed (aircraft-like target, scan-to-scan fluctuation)',
  );
  const calibration = calibrationWithDefaults({
    refRangeM: refRange.value as number,
    refRcsM2: refRcs.value as number,
    refPd: refPd.value as number,
    pfa: pfa.value as number,
    pulses: pulses.value as number,
    refSwerling: DEFAULT_REFERENCE_SWERLING,
  });
  const model = new RadarDetectionModel(calibration);
  const refSnr = node({
    id: `${k}.refSnr`,
    label: 'single-pulse SNR at the reference point',
    symbol: 'SNR_ref',
    value: linearToDb(model.refSnr),
    unit: 'dB',
    formula: 'SNR_ref = SNR_req(Pd_ref; Pfa, N, Swerling_ref)  — exact Swerling Pd inverted (radar/swerling.ts)',
    substituted: `SNR_req(${calibration.refPd}; ${calibration.pfa}, ${calibration.pulses}, Swerling ${swerlingName(calibration.refSwerling)}) = ${linearToDb(model.refSnr).toFixed(2)} dB`,
    origin: { kind: 'model', reference: 'Meyer & Mayer 1973; Shnidman 1989 (docs/models/pd-swerling.md)' },
    children: [refPd, pfa, pulses, refSwerling],
  });
  return { calibration, model, inputs: { refRange, refRcs, refPd, pfa, pulses, refSwerling }, refSnr };
}

export interface ThreatExplained {
  params: VcdThreat;
  /** The RCS input a radar of `band` sees at `aspect` (default front; a missing side or rear table reads the front one, as the coverage maps do). */
  rcsAt(band: Band, aspect?: Aspect): ExplainNode;
  speed: ExplainNode;
  swerling: ExplainNode;
}

export function explainThreat(threat: Threat, valueCase: ValueCase): ThreatExplained {
  const rcsAt = (band: Band, aspect: Aspect = 'front'): ExplainNode => {
    const table = threat.rcs[aspect] ? aspect : 'front';
    return catalogInput(
      `threat.${threat.id}.rcs.${aspect}.${band}`,
      `${threat.name} RCS, ${aspect} aspect, ${band} band${table === aspect ? '' : ' (no figure at this aspect: the front one)'}`,
      'σ',
      threat.rcs[table]![band],
      'area',
      valueCase,
      1,
      `${threat.id}.rcs.${table}.${band}`,
    );
  };
  const speed = catalogInput(`threat.${threat.id}.speed`, `${threat.name} speed`, 'v', threat.speed, 'speed', valueCase, -1, `${threat.id}.speed`);
  const sw = asSwerling(threat.swerling);
  const swerling = node({
    id: `threat.${threat.id}.swerling`,
    label: `${threat.name} fluctuation model`,
    symbol: 'Swerling',
    value: sw,
    unit: 'case',
    origin: { kind: 'scenario', path: `catalog ${threat.id}.swerling`, note: `Swerling ${swerlingName(sw)} (catalog; default I)` },
  });
  return {
    params: { id: threat.id, name: threat.name, rcsM2: resolveRcsTable(threat, valueCase), swerling: sw, speedMps: speed.value as number },
    rcsAt,
    speed,
    swerling,
  };
}

/**
 * The radars of a system as vertical-coverage inputs: resolved as the coverage engine resolves
 * them (scenario/resolve.ts), with the antenna height override of a scenario site and the
 * site's boresight for sector radars, plus each radar's detection model for captions.
 */
export function vcdRadarsOf(system: System, valueCase: ValueCase, antennaHeightOverrideM?: number, boresightRad = 0): VcdRadar[] {
  return system.radars.map((r, i) => ({
    ...resolveRadar(r, valueCase, antennaHeightOverrideM, boresightRad),
    model: explainRadarCalibration(system.id, r, i, valueCase).model,
  }));
}

/** The missiles of a system as vertical-coverage inputs (scenario/resolve.ts). */
export function vcdMissilesOf(system: System, valueCase: ValueCase): VcdMissile[] {
  return system.missiles.map((m) => resolveMissile(m, system.radars, valueCase));
}

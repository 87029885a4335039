/**
 * The Swerling detection model of the raid simulation (sim/models/detection-model.ts
 * `swerlingDetection`) with a memory: the points of one row of a Saltelli design differ only in
 * one group of factors, so most radars see the same targets at the same ranges in all of them,
 * and their per-scan Pd tables repeat. Pd is a pure function of the radar's calibration
 * (reference range, reference RCS, reference Pd, Pfa, pulses — all `swerlingDetection` reads of
 * a radar) and of the geometry (slant range, RCS, Swerling case), so a remembered value is the
 * value: results are bit-identical to `swerlingDetection`. `clear()` forgets everything (between
 * design rows, to bound the memory).
 */
import { swerlingDetection, type DetectionModel, type DetectionRadar, type ScanGeometry } from '../sim/models/detection-model.js';

type ByRcs = Map<number, number>;
type BySlant = Map<number, ByRcs>;

export class MemoSwerlingDetection implements DetectionModel {
  private readonly inner = swerlingDetection();
  readonly label = this.inner.label;
  /** calibration key → Swerling case → slant range → RCS → Pd. */
  private readonly byCalibration = new Map<string, BySlant[]>();
  private ofRadar = new WeakMap<object, BySlant[]>();

  pdPerScan(radar: DetectionRadar, g: ScanGeometry): number {
    let cases = this.ofRadar.get(radar);
    if (!cases) {
      const key = `${radar.refRangeM}|${radar.refRcsM2}|${radar.refPd}|${radar.pfa}|${radar.pulses}`;
      cases = this.byCalibration.get(key);
      if (!cases) {
        cases = [new Map(), new Map(), new Map(), new Map(), new Map()];
        this.byCalibration.set(key, cases);
      }
      this.ofRadar.set(radar, cases);
    }
    const bySlant = cases[g.swerling];
    if (!bySlant) return this.inner.pdPerScan(radar, g);
    let byRcs = bySlant.get(g.slantRangeM);
    if (!byRcs) {
      byRcs = new Map();
      bySlant.set(g.slantRangeM, byRcs);
    }
    let pd = byRcs.get(g.rcsM2);
    if (pd === undefined) {
      pd = this.inner.pdPerScan(radar, g);
      byRcs.set(g.rcsM2, pd);
    }
    return pd;
  }

  /** Forgets every remembered Pd. */
  clear(): void {
    this.byCalibration.clear();
    this.ofRadar = new WeakMap();
  }
}

/**
 * The state of one raid replication, shared by the phase models: targets, radar track bits and
 * fire units, all in typed arrays sized once per model and reset per run (no allocation per
 * event). The prepared `SimModel` is read-only.
 */
import type { Engine } from '../engine.js';
import type { SimModel } from '../prepare.js';
import { round, type SimLogEvent } from './log.js';

export const PENDING = 0;
export const ACTIVE = 1;
export const KILLED = 2;
export const LEAKED = 3;

export class RaidWorld {
  readonly nT: number;
  readonly nR: number;
  readonly nF: number;
  readonly nG: number;
  /** Arrival time at the final waypoint, per target. */
  readonly arriveSec: Float64Array;

  // Targets.
  readonly status: Uint8Array;
  readonly killedAtSec: Float64Array;
  readonly killedBy: Int16Array;
  readonly firstDetectSec: Float64Array;
  readonly firstDetectRadar: Int16Array;
  /** Number of radars currently holding M of their last N scans on the target. */
  readonly trackSupport: Int16Array;
  readonly trackedSinceSec: Float64Array;
  /** Time the first network track on the target formed, NaN if never. */
  readonly firstTrackSec: Float64Array;
  readonly engagedBy: Int16Array;
  readonly salvoLeft: Int16Array;
  readonly salvoMissile: Int8Array;
  readonly shotsAt: Int16Array;

  // Radar × target: the last N scan outcomes as bits, and whether they meet M of N.
  readonly scanBits: Int32Array;
  readonly supports: Uint8Array;

  // Fire units.
  readonly ready: Int32Array;
  readonly reserve: Int32Array;
  readonly engaged: Int32Array;
  readonly inFlight: Int32Array;
  readonly fired: Int32Array;
  readonly kills: Int32Array;
  readonly firedSinceReload: Int32Array;
  readonly maxEngaged: Int32Array;
  readonly maxInFlight: Int32Array;

  readonly launchBins: Int32Array;
  readonly killBins: Int32Array;
  /** Targets not yet arrived, killed or leaked. */
  live = 0;

  /** Event log of the current run, or undefined when not logging. */
  log: SimLogEvent[] | undefined;

  // Model ids in the engine, set by the runner.
  decideModel = -1;
  private decidePendingAtSec = -1;
  /** Time of the earliest pending wake-up of the decision model. */
  wakeAtSec = Infinity;

  constructor(readonly model: SimModel) {
    const nT = model.targetGroup.length;
    this.nT = nT;
    this.nR = model.radars.length;
    this.nF = model.fireUnits.length;
    this.nG = model.groups.length;
    this.arriveSec = new Float64Array(nT);
    for (let i = 0; i < nT; i++) this.arriveSec[i] = model.targetStartSec[i] + model.groups[model.targetGroup[i]].durationSec;
    this.status = new Uint8Array(nT);
    this.killedAtSec = new Float64Array(nT);
    this.killedBy = new Int16Array(nT);
    this.firstDetectSec = new Float64Array(nT);
    this.firstDetectRadar = new Int16Array(nT);
    this.trackSupport = new Int16Array(nT);
    this.trackedSinceSec = new Float64Array(nT);
    this.firstTrackSec = new Float64Array(nT);
    this.engagedBy = new Int16Array(nT);
    this.salvoLeft = new Int16Array(nT);
    this.salvoMissile = new Int8Array(nT);
    this.shotsAt = new Int16Array(nT);
    this.scanBits = new Int32Array(this.nR * nT);
    this.supports = new Uint8Array(this.nR * nT);
    const nF = this.nF;
    this.ready = new Int32Array(nF);
    this.reserve = new Int32Array(nF);
    this.engaged = new Int32Array(nF);
    this.inFlight = new Int32Array(nF);
    this.fired = new Int32Array(nF);
    this.kills = new Int32Array(nF);
    this.firedSinceReload = new Int32Array(nF);
    this.maxEngaged = new Int32Array(nF);
    this.maxInFlight = new Int32Array(nF);
    this.launchBins = new Int32Array(model.timelineBins);
    this.killBins = new Int32Array(model.timelineBins);
  }

  reset(): void {
    this.status.fill(PENDING);
    this.killedAtSec.fill(NaN);
    this.killedBy.fill(-1);
    this.firstDetectSec.fill(NaN);
    this.firstDetectRadar.fill(-1);
    this.trackSupport.fill(0);
    this.trackedSinceSec.fill(NaN);
    this.firstTrackSec.fill(NaN);
    this.engagedBy.fill(-1);
    this.salvoLeft.fill(0);
    this.salvoMissile.fill(-1);
    this.shotsAt.fill(0);
    this.scanBits.fill(0);
    this.supports.fill(0);
    for (let f = 0; f < this.nF; f++) {
      const p = this.model.fireUnits[f].params;
      this.ready[f] = p.launchers * p.missilesPerLauncher;
      this.reserve[f] = p.reserveMissiles;
    }
    this.engaged.fill(0);
    this.inFlight.fill(0);
    this.fired.fill(0);
    this.kills.fill(0);
    this.firedSinceReload.fill(0);
    this.maxEngaged.fill(0);
    this.maxInFlight.fill(0);
    this.launchBins.fill(0);
    this.killBins.fill(0);
    this.live = this.nT;
    this.decidePendingAtSec = -1;
    this.wakeAtSec = Infinity;
  }

  /** Route sample of target i at time t (nearest, clamped to the route). */
  sampleAt(i: number, tSec: number): number {
    const g = this.model.groups[this.model.targetGroup[i]];
    const k = Math.round((tSec - this.model.targetStartSec[i]) / this.model.stepSec);
    return k < 0 ? 0 : k >= g.samples ? g.samples - 1 : k;
  }

  /** Timeline bin of time t. */
  binAt(tSec: number): number {
    const b = Math.floor(tSec / this.model.timelineBinSec);
    return b < 0 ? 0 : b >= this.launchBins.length ? this.launchBins.length - 1 : b;
  }

  /** Asks the decision model to run at the current time (once, however many ask). */
  requestDecide(engine: Engine): void {
    if (this.decidePendingAtSec === engine.nowSec) return;
    this.decidePendingAtSec = engine.nowSec;
    engine.schedule(this.decideModel, engine.nowSec, 0);
  }

  /** Called by the decision model when it runs. */
  decideRan(nowSec: number): void {
    if (this.decidePendingAtSec === nowSec) this.decidePendingAtSec = -1;
    if (nowSec >= this.wakeAtSec) this.wakeAtSec = Infinity;
  }

  /** Asks the decision model to run at a later time `tSec`, unless an earlier wake-up is pending. */
  wakeDecideAt(engine: Engine, tSec: number): void {
    if (!(tSec > engine.nowSec) || tSec >= this.wakeAtSec) return;
    this.wakeAtSec = tSec;
    engine.schedule(this.decideModel, tSec, 0);
  }

  /** Position of target i at route sample k, for logs. */
  where(i: number, k: number): { lon: number; lat: number; altM: number } {
    const g = this.model.groups[this.model.targetGroup[i]];
    return { lon: round(g.lonDeg[k], 5), lat: round(g.latDeg[k], 5), altM: round(g.altMslM[k], 1) };
  }
}

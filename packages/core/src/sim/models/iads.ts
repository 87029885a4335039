/**
 * Decide phase: the IADS assigns tracked targets to fire units. A coarse, notional rule set, run
 * whenever a track forms, a missile arrives, a launcher is reloaded, or an engagement window that
 * was computed earlier opens:
 *
 * 1. Targets held in a network track, alive and not already under fire, are taken in order of
 *    their arrival time at the end of their route (the nearest to its objective first).
 * 2. A fire unit may fire at a target when it has a free target channel, a free missile channel
 *    and a missile ready, its reaction time has passed since the track formed, and the prepared
 *    tables give a valid intercept for a launch now (predicted intercept point inside the
 *    missile's envelope, guidance radar in line of sight and range at launch and intercept).
 * 3. Of those, the fire unit with the shortest time of flight fires; one fire unit engages a
 *    target at a time. When the guidance radar's Pd is below 1, a launch needs a detection draw;
 *    on a miss the decision is retried one guidance-radar period later.
 * 4. When no fire unit can fire yet, the earliest time one could (from the tables) is scheduled.
 */
import type { Engine, SimHandler } from '../engine.js';
import type { EngagementModel } from './engagement.js';
import { ACTIVE, type RaidWorld } from './world.js';

export class IadsModel implements SimHandler {
  readonly phase = 'decide' as const;
  id = -1;
  private readonly order: Int32Array;
  private readonly key: Float64Array;

  constructor(
    private readonly w: RaidWorld,
    private readonly engage: EngagementModel,
  ) {
    this.order = new Int32Array(w.nT);
    this.key = new Float64Array(w.nT);
  }

  start(): void {}

  handle(_code: number, _a: number, _b: number, engine: Engine): void {
    const w = this.w;
    const m = w.model;
    const now = engine.nowSec;
    w.decideRan(now);
    // Nothing to decide while no fire unit has a channel and a missile free.
    let anyFree = false;
    for (let f = 0; f < w.nF && !anyFree; f++) {
      const p = m.fireUnits[f].params;
      anyFree = w.ready[f] > 0 && w.engaged[f] < p.targetChannels && w.inFlight[f] < p.missileChannels;
    }
    if (!anyFree) return;
    // Candidates by arrival time (insertion sort: a few dozen targets).
    let n = 0;
    for (let i = 0; i < w.nT; i++) {
      if (w.status[i] !== ACTIVE || w.trackSupport[i] === 0 || w.engagedBy[i] >= 0) continue;
      const key = w.arriveSec[i];
      let p = n++;
      while (p > 0 && this.key[p - 1] > key) {
        this.key[p] = this.key[p - 1];
        this.order[p] = this.order[p - 1];
        p--;
      }
      this.key[p] = key;
      this.order[p] = i;
    }
    const G = w.nG;
    const step = m.stepSec;
    let nextSec = Infinity;
    for (let c = 0; c < n; c++) {
      const i = this.order[c];
      const g = m.targetGroup[i];
      const start = m.targetStartSec[i];
      const j = w.sampleAt(i, now);
      let best = -1;
      let bestTof = Infinity;
      for (let f = 0; f < w.nF; f++) {
        const p = m.fireUnits[f].params;
        if (w.ready[f] <= 0 || w.engaged[f] >= p.targetChannels || w.inFlight[f] >= p.missileChannels) continue;
        const fg = f * G + g;
        const next = m.nextShot[fg];
        if (next[j] < 0) continue; // no shot now or later on this route
        const readySec = w.trackedSinceSec[i] + p.reactionTimeSec;
        if (now >= readySec) {
          const tof = m.tofSec[fg][j];
          if (tof === tof) {
            if (tof < bestTof) {
              bestTof = tof;
              best = f;
            }
            continue;
          }
        }
        // Not now: when could this fire unit fire next?
        let from = j;
        if (readySec > now) from = Math.max(j, Math.ceil((readySec - start) / step));
        if (from >= next.length) continue;
        const k = next[from];
        if (k < 0) continue;
        const t = Math.max(readySec, start + k * step);
        if (t < nextSec) nextSec = t;
      }
      if (best < 0) continue;
      const fg = best * G + g;
      const mi = m.tofMissile[fg][j];
      const fu = m.fireUnits[best];
      const gr = fu.missiles[mi].guidanceRadar;
      const pd = m.pd[gr * G + g][j];
      if (pd < 1 && !engine.chance(pd)) {
        const t = now + m.radars[gr].scanPeriodSec;
        if (t < nextSec) nextSec = t;
        continue;
      }
      this.engage.launch(best, i, mi, bestTof, engine);
    }
    if (nextSec < Infinity) w.wakeDecideAt(engine, nextSec);
  }
}

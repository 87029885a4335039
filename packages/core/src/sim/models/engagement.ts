/**
 * Engage phase: launches, intercepts and reloads of the fire units.
 *
 * A launch fires n = min(salvo, missiles ready, free missile channels) missiles at one target;
 * the target holds one of the fire unit's target channels and each missile one missile channel
 * until it reaches the predicted intercept point, one time of flight (R / v̄) later. There each
 * missile kills a live target with probability Pk, independently (Bernoulli draw). When the last
 * missile of the salvo has arrived the target channel is freed and the fire unit may look and
 * shoot again (shoot-look-shoot).
 *
 * Inventory: every launcher starts loaded; when missiles equal to one launcher's load have been
 * fired, that launcher is reloaded from the site's reserve after the reload time (never beyond
 * the reserve).
 */
import type { Engine, SimHandler } from '../engine.js';
import { targetName } from '../prepare.js';
import { logTime } from './log.js';
import { ACTIVE, KILLED, type RaidWorld } from './world.js';

const INTERCEPT = 0;
const RELOAD = 1;

export class EngagementModel implements SimHandler {
  readonly phase = 'engage' as const;
  id = -1;

  constructor(private readonly w: RaidWorld) {}

  start(): void {}

  /**
   * Fires at target i from fire unit f with missile mi, time of flight tofSec. The caller (the
   * decision model) has checked that a target channel, a missile channel and a missile are free.
   */
  launch(f: number, i: number, mi: number, tofSec: number, engine: Engine): void {
    const w = this.w;
    const fu = w.model.fireUnits[f];
    const p = fu.params;
    const now = engine.nowSec;
    let n = p.salvo;
    if (n > w.ready[f]) n = w.ready[f];
    if (n > p.missileChannels - w.inFlight[f]) n = p.missileChannels - w.inFlight[f];
    if (n < 1 || w.engaged[f] >= p.targetChannels) throw new Error(`fire unit ${fu.siteId} asked to launch without a free channel or missile`);
    w.ready[f] -= n;
    w.inFlight[f] += n;
    w.engaged[f]++;
    w.fired[f] += n;
    if (w.inFlight[f] > w.maxInFlight[f]) w.maxInFlight[f] = w.inFlight[f];
    if (w.engaged[f] > w.maxEngaged[f]) w.maxEngaged[f] = w.engaged[f];
    w.shotsAt[i] += n;
    w.engagedBy[i] = f;
    w.salvoLeft[i] = n;
    w.salvoMissile[i] = mi;
    w.launchBins[w.binAt(now)] += n;
    w.firedSinceReload[f] += n;
    while (w.firedSinceReload[f] >= p.missilesPerLauncher) {
      w.firedSinceReload[f] -= p.missilesPerLauncher;
      const k = Math.min(p.missilesPerLauncher, w.reserve[f]);
      if (k <= 0) continue;
      w.reserve[f] -= k;
      engine.schedule(this.id, now + p.reloadTimeSec, RELOAD, f, k);
    }
    const tI = now + tofSec;
    for (let s = 0; s < n; s++) engine.schedule(this.id, tI, INTERCEPT, f, i);
    if (w.log) {
      w.log.push({
        t: logTime(now),
        type: 'launch',
        fu: fu.siteId,
        target: targetName(w.model, i),
        missile: fu.missiles[mi].id,
        n,
        tIntercept: logTime(tI),
        ...w.where(i, w.sampleAt(i, tI)),
      });
    }
  }

  handle(code: number, f: number, b: number, engine: Engine): void {
    const w = this.w;
    const fu = w.model.fireUnits[f];
    const now = engine.nowSec;
    if (code === RELOAD) {
      w.ready[f] += b;
      w.log?.push({ t: logTime(now), type: 'reload', fu: fu.siteId, count: b });
      w.requestDecide(engine);
      return;
    }
    const i = b;
    const mi = w.salvoMissile[i];
    w.inFlight[f]--;
    let result: 'kill' | 'miss' | 'no-target' = 'no-target';
    if (w.status[i] === ACTIVE) {
      if (engine.chance(fu.missiles[mi].pk)) {
        result = 'kill';
        w.status[i] = KILLED;
        w.killedAtSec[i] = now;
        w.killedBy[i] = f;
        w.kills[f]++;
        w.killBins[w.binAt(now)]++;
        w.live--;
      } else result = 'miss';
    }
    if (w.log) {
      w.log.push({
        t: logTime(now),
        type: 'intercept',
        fu: fu.siteId,
        target: targetName(w.model, i),
        missile: fu.missiles[mi].id,
        result,
        ...w.where(i, w.sampleAt(i, now)),
      });
    }
    if (--w.salvoLeft[i] === 0) {
      w.engagedBy[i] = -1;
      w.engaged[f]--;
    }
    // A missile channel (and perhaps a target channel) is free: decide again now.
    w.requestDecide(engine);
  }
}

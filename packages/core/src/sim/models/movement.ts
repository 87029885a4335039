/**
 * Move phase: raid members appear at their start time and fly their group's route (positions are
 * read from the prepared route samples, so moving costs nothing between events); a member still
 * alive at its final waypoint has leaked through the defense.
 */
import type { Engine, SimHandler } from '../engine.js';
import { targetName } from '../prepare.js';
import { logTime } from './log.js';
import { ACTIVE, LEAKED, type RaidWorld } from './world.js';

const APPEAR = 0;
const ARRIVE = 1;

export class MovementModel implements SimHandler {
  readonly phase = 'move' as const;
  id = -1;

  constructor(private readonly w: RaidWorld) {}

  start(engine: Engine): void {
    const m = this.w.model;
    for (let i = 0; i < this.w.nT; i++) {
      engine.schedule(this.id, m.targetStartSec[i], APPEAR, i);
      engine.schedule(this.id, this.w.arriveSec[i], ARRIVE, i);
    }
  }

  handle(code: number, i: number, _b: number, engine: Engine): void {
    const w = this.w;
    if (code === APPEAR) {
      w.status[i] = ACTIVE;
      w.log?.push({ t: logTime(engine.nowSec), type: 'appear', target: targetName(w.model, i) });
    } else if (w.status[i] === ACTIVE) {
      w.status[i] = LEAKED;
      w.live--;
      w.log?.push({ t: logTime(engine.nowSec), type: 'arrive', target: targetName(w.model, i) });
    }
  }
}

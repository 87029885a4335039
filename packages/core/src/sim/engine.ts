/**
 * The simulation kernel: a discrete-event engine that owns the clock, the event queue and the
 * run's random stream, and knows nothing about radars or missiles. Models plug in as handlers of
 * one phase each; at equal times events run in phase order move → sense → decide → engage (then
 * in the order they were scheduled), so a sensor always sees positions of the same instant and a
 * decision always sees that instant's tracks. Models never advance time themselves (Stone Soup's
 * rule: sensors do not drive the clock).
 */
import { EventQueue } from './event-queue.js';
import { RandomStream } from './random.js';

export const PHASES = ['move', 'sense', 'decide', 'engage'] as const;
export type Phase = (typeof PHASES)[number];
const PHASE_INDEX: Record<Phase, number> = { move: 0, sense: 1, decide: 2, engage: 3 };

/** A model: handles the events scheduled for it, all in one phase. */
export interface SimHandler {
  readonly phase: Phase;
  /** Called once per run before any event, to reset per-run state and schedule first events. */
  start(engine: Engine): void;
  /** Handles one event: `code` and the two integer arguments are the model's own. */
  handle(code: number, a: number, b: number, engine: Engine): void;
}

export class Engine {
  /** Current simulated time, seconds since the scenario start. */
  nowSec = 0;
  /** Events handled in the current run. */
  eventCount = 0;
  readonly rng = new RandomStream();
  private readonly queue = new EventQueue();
  private readonly handlers: SimHandler[] = [];
  private readonly phaseOf: number[] = [];
  private stopped = false;

  /** Adds a model; returns its id, used to schedule events for it. */
  addModel(h: SimHandler): number {
    this.handlers.push(h);
    this.phaseOf.push(PHASE_INDEX[h.phase]);
    return this.handlers.length - 1;
  }

  /** Schedules event `code(a, b)` for model `model` at `tSec` (≥ now). */
  schedule(model: number, tSec: number, code: number, a = 0, b = 0): void {
    if (!(tSec >= this.nowSec)) throw new RangeError(`cannot schedule an event at ${tSec} s, before the current time ${this.nowSec} s`);
    this.queue.push(tSec, this.phaseOf[model], model, code, a, b);
  }

  /** Ends the run after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /** Uniform random number in [0, 1) from the run's stream. */
  random(): number {
    return this.rng.uniform();
  }

  /** True with probability p (one draw from the run's stream). */
  chance(p: number): boolean {
    return this.rng.chance(p);
  }

  /**
   * Runs one replication: resets the clock and queue, positions the random stream at run `run` of
   * `states` (see `streamStates`), starts every model in the order added, then handles events
   * until the queue is empty, a model calls `stop()`, or the clock passes `endSec`.
   * @returns the number of events handled
   */
  run(states: Int32Array, run: number, endSec = Infinity): number {
    this.nowSec = 0;
    this.eventCount = 0;
    this.stopped = false;
    this.queue.clear();
    this.rng.resetFromStates(states, run);
    for (const h of this.handlers) h.start(this);
    const q = this.queue;
    while (!this.stopped && q.pop()) {
      if (q.topTimeSec > endSec) break;
      this.nowSec = q.topTimeSec;
      this.eventCount++;
      this.handlers[q.topModel].handle(q.topCode, q.topA, q.topB, this);
    }
    return this.eventCount;
  }
}

/**
 * Runs replications of a prepared raid: the kernel with the four phase models (move, sense,
 * decide, engage) over one shared world, one random stream per run. The outcome of each run is
 * written into a `RunTable` row; event logs are kept only for the runs asked for.
 */
import { Engine } from './engine.js';
import { EngagementModel } from './models/engagement.js';
import { IadsModel } from './models/iads.js';
import type { SimLogEvent } from './models/log.js';
import { MovementModel } from './models/movement.js';
import { SensingModel } from './models/sensing.js';
import { RaidWorld } from './models/world.js';
import type { SimModel } from './prepare.js';
import { STREAM_STATE_WORDS, streamStates } from './random.js';

/** Outcomes of a block of runs, one row per run, in flat typed arrays (transferable). */
export interface RunTable {
  firstRun: number;
  runs: number;
  targets: number;
  fireUnits: number;
  bins: number;
  /** [run·targets + i]: kill time, NaN if target i survived. */
  killedAtSec: Float64Array;
  killedBy: Int16Array;
  /** [run·targets + i]: first detection time by any radar, NaN if never detected. */
  firstDetectSec: Float64Array;
  firstDetectRadar: Int16Array;
  /** [run·targets + i]: time the first network track (M of N) formed, NaN if never. */
  firstTrackSec: Float64Array;
  /** Missiles fired at each target. */
  shotsAt: Int16Array;
  /** [run·fireUnits + f]. */
  fired: Int32Array;
  kills: Int32Array;
  maxEngaged: Int32Array;
  maxInFlight: Int32Array;
  /** [run·bins + b]: missiles launched and targets killed in timeline bin b. */
  launchBins: Int32Array;
  killBins: Int32Array;
  /** Events handled per run. */
  events: Float64Array;
}

export function newRunTable(model: SimModel, firstRun: number, runs: number): RunTable {
  const T = model.targetGroup.length;
  const F = model.fireUnits.length;
  const B = model.timelineBins;
  return {
    firstRun,
    runs,
    targets: T,
    fireUnits: F,
    bins: B,
    killedAtSec: new Float64Array(runs * T),
    killedBy: new Int16Array(runs * T),
    firstDetectSec: new Float64Array(runs * T),
    firstDetectRadar: new Int16Array(runs * T),
    firstTrackSec: new Float64Array(runs * T),
    shotsAt: new Int16Array(runs * T),
    fired: new Int32Array(runs * F),
    kills: new Int32Array(runs * F),
    maxEngaged: new Int32Array(runs * F),
    maxInFlight: new Int32Array(runs * F),
    launchBins: new Int32Array(runs * B),
    killBins: new Int32Array(runs * B),
    events: new Float64Array(runs),
  };
}

/** Copies `part` into `whole` at its run offset (both for the same model). */
export function mergeRunTable(whole: RunTable, part: RunTable): void {
  const row = part.firstRun - whole.firstRun;
  if (row < 0 || row + part.runs > whole.runs) throw new RangeError(`runs ${part.firstRun}…${part.firstRun + part.runs - 1} fall outside the table`);
  const T = whole.targets;
  const F = whole.fireUnits;
  const B = whole.bins;
  whole.killedAtSec.set(part.killedAtSec, row * T);
  whole.killedBy.set(part.killedBy, row * T);
  whole.firstDetectSec.set(part.firstDetectSec, row * T);
  whole.firstDetectRadar.set(part.firstDetectRadar, row * T);
  whole.firstTrackSec.set(part.firstTrackSec, row * T);
  whole.shotsAt.set(part.shotsAt, row * T);
  whole.fired.set(part.fired, row * F);
  whole.kills.set(part.kills, row * F);
  whole.maxEngaged.set(part.maxEngaged, row * F);
  whole.maxInFlight.set(part.maxInFlight, row * F);
  whole.launchBins.set(part.launchBins, row * B);
  whole.killBins.set(part.killBins, row * B);
  whole.events.set(part.events, row);
}

export class RaidRunner {
  readonly engine = new Engine();
  readonly world: RaidWorld;

  constructor(readonly model: SimModel) {
    const w = new RaidWorld(model);
    this.world = w;
    const move = new MovementModel(w);
    const sense = new SensingModel(w);
    const engage = new EngagementModel(w);
    const decide = new IadsModel(w, engage);
    const e = this.engine;
    move.id = e.addModel(move);
    sense.id = e.addModel(sense);
    decide.id = e.addModel(decide);
    engage.id = e.addModel(engage);
    w.decideModel = decide.id;
  }

  /**
   * Runs one replication from the stream state at `stateIndex` of `states`, records it into row
   * `row` of `table`, and returns its event log when `log` is given.
   */
  run(states: Int32Array, stateIndex: number, table: RunTable, row: number, log?: { run: number; seed: number }): SimLogEvent[] | undefined {
    const w = this.world;
    w.reset();
    w.log = log ? [{ t: 0, type: 'run', run: log.run, seed: log.seed, scenario: this.model.scenarioName }] : undefined;
    const events = this.engine.run(states, stateIndex);
    const T = w.nT;
    const F = w.nF;
    const B = this.model.timelineBins;
    table.killedAtSec.set(w.killedAtSec, row * T);
    table.killedBy.set(w.killedBy, row * T);
    table.firstDetectSec.set(w.firstDetectSec, row * T);
    table.firstDetectRadar.set(w.firstDetectRadar, row * T);
    table.firstTrackSec.set(w.firstTrackSec, row * T);
    table.shotsAt.set(w.shotsAt, row * T);
    table.fired.set(w.fired, row * F);
    table.kills.set(w.kills, row * F);
    table.maxEngaged.set(w.maxEngaged, row * F);
    table.maxInFlight.set(w.maxInFlight, row * F);
    table.launchBins.set(w.launchBins, row * B);
    table.killBins.set(w.killBins, row * B);
    table.events[row] = events;
    const out = w.log;
    w.log = undefined;
    return out;
  }
}

export interface RunBlockOptions {
  seed: number;
  firstRun: number;
  runs: number;
  /** Stream states of runs [firstRun, firstRun + runs); computed from the seed when absent. */
  states?: Int32Array;
  /** Runs whose event logs are kept. */
  logRun?: (run: number) => boolean;
}

/** Runs a block of replications on the current thread. */
export function runRaidBlock(model: SimModel, opts: RunBlockOptions): { table: RunTable; logs: Map<number, SimLogEvent[]> } {
  const states = opts.states ?? streamStates(opts.seed, opts.firstRun, opts.runs);
  if (states.length !== opts.runs * STREAM_STATE_WORDS) throw new RangeError(`states must hold ${opts.runs} runs, got ${states.length / STREAM_STATE_WORDS}`);
  const runner = new RaidRunner(model);
  const table = newRunTable(model, opts.firstRun, opts.runs);
  const logs = new Map<number, SimLogEvent[]>();
  for (let r = 0; r < opts.runs; r++) {
    const run = opts.firstRun + r;
    const log = runner.run(states, r, table, r, opts.logRun?.(run) ? { run, seed: opts.seed } : undefined);
    if (log) logs.set(run, log);
  }
  return { table, logs };
}

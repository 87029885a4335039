/**
 * The unit of work of a sensitivity analysis, for worker threads here and for any other runner
 * (a job queue, other machines).
 *
 * Contract:
 * - `planSensitivity(input).points` is the number of design points P of the analysis; split
 *   [0, P) into contiguous blocks in any way (`splitSensitivityBlocks` gives one split).
 * - `evaluateSensitivityBlock({ ...input, firstPoint, points })` evaluates points
 *   [firstPoint, firstPoint + points) and returns `{ firstPoint, values }`, values[i] holding
 *   the outputs of point firstPoint + i. It is a pure function of its JSON argument: the result
 *   depends only on the input and the point numbers — never on the process, thread, machine,
 *   order or the other blocks — and is plain JSON (finite numbers only). It reads the scenario
 *   file (or text) and the catalog folder named in the job, so those must be the same wherever
 *   blocks run. It is synchronous and CPU-bound; a process keeps the context of its last input
 *   (catalog, scenario, site frames), so consecutive blocks of one analysis do not rebuild it.
 * - `mergeSensitivityBlocks(input, blocks)` takes the block results in any order, checks that
 *   they cover [0, P) exactly once, puts them in point order and returns the analysis document.
 *   Any split of the design into blocks gives a byte-identical `JSON.stringify` of it.
 */
import { designQuantiles } from '@parapet/core';
import { sensitivityDocument, type SensitivityDocument } from './document.js';
import { evaluatePoint, pointContext, type PointContext } from './evaluate-point.js';
import { planSensitivity, type SensitivityInput, type SensitivityPlan } from './plan.js';

export interface SensitivityBlockJob extends SensitivityInput {
  firstPoint: number;
  points: number;
}

export interface SensitivityBlockResult {
  firstPoint: number;
  /** values[i]: the outputs of point firstPoint + i, two per headline ([value, dice SE]). */
  values: number[][];
}

let cached: { key: string; ctx: PointContext } | undefined;

/** The context of an input, rebuilt only when the input changes. */
function contextFor(input: SensitivityInput): PointContext {
  const key = JSON.stringify([input.scenario, input.catalogDir ?? null, input.options]);
  if (cached?.key !== key) cached = { key, ctx: pointContext(planSensitivity(input)) };
  return cached.ctx;
}

/** Points [first, first + count) of a plan's context. */
export function evaluatePoints(ctx: PointContext, first: number, count: number): number[][] {
  const { plan } = ctx;
  if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 1 || first + count > plan.points) {
    throw new RangeError(`points [${first}, ${first + count}) are outside the analysis' [0, ${plan.points})`);
  }
  const d = plan.factors.length;
  // Design point p − 1 is analysis point p (point 0 is the nominal reading).
  const firstDesign = Math.max(0, first - 1);
  const designCount = first + count - 1 - firstDesign;
  const q = designQuantiles(plan.design, firstDesign, designCount);
  const per = plan.groups.length + 2;
  const values: number[][] = [];
  let row = -2;
  for (let p = first; p < first + count; p++) {
    const u = p === 0 ? null : q.subarray((p - 1 - firstDesign) * d, (p - firstDesign) * d);
    // The points of a design row share most Pd tables; a new row starts a new memory.
    const r = p === 0 ? -1 : Math.floor((p - 1) / per);
    if (r !== row) ctx.detection.clear();
    row = r;
    values.push(evaluatePoint(ctx, u));
  }
  return values;
}

/** Evaluates one block of design points (see the contract above). */
export function evaluateSensitivityBlock(job: SensitivityBlockJob): SensitivityBlockResult {
  const { firstPoint, points, ...input } = job;
  return { firstPoint, values: evaluatePoints(contextFor(input), firstPoint, points) };
}

/** Contiguous blocks of at most `blockPoints` points covering [0, points). */
export function splitSensitivityBlocks(points: number, blockPoints: number): { firstPoint: number; points: number }[] {
  if (!Number.isInteger(blockPoints) || blockPoints < 1) throw new RangeError(`blockPoints must be a positive integer, got ${blockPoints}`);
  const out: { firstPoint: number; points: number }[] = [];
  for (let first = 0; first < points; first += blockPoints) out.push({ firstPoint: first, points: Math.min(blockPoints, points - first) });
  return out;
}

/** The outputs of every point in point order, from blocks covering the plan exactly once. */
export function orderedValues(plan: SensitivityPlan, blocks: readonly SensitivityBlockResult[]): number[][] {
  const sorted = [...blocks].sort((a, b) => a.firstPoint - b.firstPoint);
  const width = 2 * plan.headlines.length;
  const values: number[][] = [];
  for (const b of sorted) {
    if (b.firstPoint !== values.length) {
      throw new RangeError(
        b.firstPoint < values.length ? `blocks overlap at point ${b.firstPoint}` : `no block covers points ${values.length}…${b.firstPoint - 1}`,
      );
    }
    for (const v of b.values) {
      if (v.length !== width || !v.every(Number.isFinite))
        throw new RangeError(`point ${values.length}: expected ${width} finite outputs, got ${JSON.stringify(v)}`);
      values.push(v);
    }
  }
  if (values.length !== plan.points) throw new RangeError(`the blocks cover ${values.length} of ${plan.points} points`);
  return values;
}

/** The analysis document from the results of every block (see the contract above). */
export function mergeSensitivityBlocks(input: SensitivityInput, blocks: readonly SensitivityBlockResult[]): SensitivityDocument {
  const plan = planSensitivity(input);
  return sensitivityDocument(plan, orderedValues(plan, blocks));
}

import { describe, expect, it } from 'vitest';
import { InputError } from '../problems.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { runCoverage } from '../pipeline/coverage.js';
import { closePools } from '../pipeline/worker-pool.js';
import { parseScenarioText } from '../scenario/load-scenario.js';
import { simulateScenario } from '../sim/simulate.js';
import { evaluateSensitivityBlock, mergeSensitivityBlocks, splitSensitivityBlocks, type SensitivityBlockResult } from './block.js';
import { planSensitivity } from './plan.js';
import { input, TEXT } from './sensitivity-fixtures.js';

function runBlocks(sizes: number[]): SensitivityBlockResult[] {
  const out: SensitivityBlockResult[] = [];
  let first = 0;
  for (const points of sizes) {
    out.push(evaluateSensitivityBlock({ ...input, firstPoint: first, points }));
    first += points;
  }
  return out;
}

describe('sensitivity blocks', () => {
  const plan = planSensitivity(input);
  const whole = JSON.stringify(mergeSensitivityBlocks(input, runBlocks([plan.points])));

  it('plans 1 + N·(k + 2) points: the nominal, then the Saltelli design', () => {
    expect(plan.groups.map((g) => g.id)).toEqual(['s-125', 's-75', 'f-16']);
    expect(plan.points).toBe(1 + 3 * (3 + 2));
    expect(plan.headlines.map((h) => h.id)).toEqual(['survival/vipers', 'survival/all', 'engaged-area/f-16/5000', 'lowest-engaged-altitude/kaesong/f-16']);
  });

  const split = runBlocks([2, 7, 1, 1, 5]);

  it('gives a byte-identical document for any split into blocks, merged in any order', () => {
    expect(JSON.stringify(mergeSensitivityBlocks(input, runBlocks([1, 15])))).toBe(whole);
    expect(JSON.stringify(mergeSensitivityBlocks(input, [...split].reverse()))).toBe(whole);
  });

  it('refuses blocks that leave a gap, overlap or carry bad values', () => {
    const [a, b, c, d, e] = split;
    expect(() => mergeSensitivityBlocks(input, [a, b, c, d])).toThrow(/cover 11 of 16/);
    expect(() => mergeSensitivityBlocks(input, [b, c, d, e])).toThrow(/no block covers points 0…1/);
    expect(() => mergeSensitivityBlocks(input, [a, b, b, c, d, e])).toThrow(/overlap/);
    expect(() => mergeSensitivityBlocks(input, [a, b, c, { firstPoint: 10, values: d.values.map((v) => v.slice(1)) }, e])).toThrow(/expected 8 finite outputs/);
  });

  it('splits [0, P) into contiguous blocks', () => {
    expect(splitSensitivityBlocks(7, 3)).toEqual([
      { firstPoint: 0, points: 3 },
      { firstPoint: 3, points: 3 },
      { firstPoint: 6, points: 1 },
    ]);
  });

  it('at the nominal point, gives what simulate and coverage give at the nominal values (same seed, same dice)', async () => {
    const doc = JSON.parse(whole);
    const cat = loadCatalog();
    const r = parseScenarioText(TEXT, 'test.yaml', cat);
    if (!r.ok) throw new Error('test scenario is invalid');
    const sim = await simulateScenario(r.scenario, cat, { runs: 12, seed: 5 });
    expect(doc.headlines[0].nominal).toBe(sim.summary.groups[0].survival.p);
    expect(doc.headlines[1].nominal).toBe(sim.summary.overall.survival.p);
    const cov = await runCoverage(r.scenario, cat);
    expect(doc.headlines[2].nominal).toBe(Math.round(cov.runs[0].metrics.engageAreaKm2));
    expect(doc.headlines[3].nominal).toBe(cov.runs[0].metrics.places[0].lowestEngagedAltitudeM ?? 40_000);
    await closePools();
  });

  it('gives a site that can reach no raid target no share of the survival variance, exactly', () => {
    const doc = JSON.parse(whole);
    const survival = doc.headlines[0];
    expect(survival.distribution.sd).toBeGreaterThan(0);
    const far = survival.indices.find((x: { group: string }) => x.group === 's-75');
    expect([far.s1, far.st]).toEqual([0, 0]);
  });

  it('names bad options, unknown entries and scenario problems', () => {
    expect(() => planSensitivity({ ...input, options: { ...input.options, draws: 1 } })).toThrow(/draws must be a whole number in \[2, 100000\]/);
    expect(() => planSensitivity({ ...input, options: { ...input.options, only: ['s-126'] } })).toThrow(/did you mean "s-125"/);
    expect(() => planSensitivity({ ...input, scenario: { text: TEXT.replace('system: s-125', 'system: s-1250'), file: 'bad.yaml' } })).toThrow(InputError);
  });
});

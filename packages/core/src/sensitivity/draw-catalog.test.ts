import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/catalog.js';
import type { ValueCase } from '../catalog/value.js';
import { resolveJammerKind, resolveSystemAt, resolveThreat } from '../scenario/resolve.js';
import { resolveSimSite } from '../sim/sim-params.js';
import { catalogForDraw } from './draw-catalog.js';
import { enumerateFactors } from './factors.js';
import { jammedScenario, spreadCatalog } from './sensitivity-fixtures.js';

const scen = jammedScenario();

/** Everything the models take from the catalog for the fixture's site, threat and jammer. */
function resolved(cat: Catalog, valueCase: ValueCase) {
  const system = cat.systems.get('test-sam')!;
  const site = scen.sites[0];
  const sim = resolveSimSite(system, site, scen, valueCase);
  return {
    site: resolveSystemAt(system, site, valueCase),
    // The simulation reads referencePd at its nominal in every case (sim-params.ts); compared via `site`.
    sim: { ...sim, radars: sim.radars.map(({ refPd: _refPd, ...r }) => r) },
    threat: resolveThreat(cat.threats.get('test-jet')!, valueCase),
    jammer: resolveJammerKind(cat.jammers.get('test-soj')!, valueCase),
  };
}

describe('the catalog of one draw', () => {
  const cat = spreadCatalog();
  const factors = enumerateFactors(scen, cat, { raids: true, coverage: true, jamming: true });

  it('at u = 1 for every factor is the coverage-maximising (high) reading of the sources', () => {
    const drawn = catalogForDraw(cat, factors, new Float64Array(factors.length).fill(1));
    expect(resolved(drawn, 'nominal')).toEqual(resolved(cat, 'high'));
  });

  it('at u = 0 for every factor is the coverage-minimising (low) reading', () => {
    const drawn = catalogForDraw(cat, factors, new Float64Array(factors.length).fill(0));
    expect(resolved(drawn, 'nominal')).toEqual(resolved(cat, 'low'));
  });

  it('puts each draw inside its spread, removes the spread, and leaves the catalog untouched', () => {
    const before = JSON.stringify([...cat.systems.values(), ...cat.threats.values(), ...cat.jammers.values()]);
    const u = factors.map((_, i) => (i + 0.5) / factors.length);
    const drawn = catalogForDraw(cat, factors, u);
    const acq = drawn.systems.get('test-sam')!.radars[0];
    expect(acq.detectionRange.nominal).toBeGreaterThan(120);
    expect(acq.detectionRange.nominal).toBeLessThan(180);
    expect(acq.detectionRange.low).toBeUndefined();
    expect(acq.detectionRange.high).toBeUndefined();
    expect(acq.detectionRange.sources).toEqual(cat.systems.get('test-sam')!.radars[0].detectionRange.sources);
    expect(JSON.stringify([...cat.systems.values(), ...cat.threats.values(), ...cat.jammers.values()])).toBe(before);
  });

  it('draws the members of a factor together: one quantile, each member at its own end', () => {
    // test-sam fire-unit timing: reaction time is its only member with a spread (5–30 s, sense −1).
    const i = factors.findIndex((f) => f.id === 'test-sam/fire-unit/timing');
    const u = new Float64Array(factors.length).fill(0.5);
    u[i] = 1;
    expect(catalogForDraw(cat, factors, u).systems.get('test-sam')!.fireUnit!.reactionTime!.nominal).toBe(5);
    // The RCS table moves as a whole: every band takes the same number.
    const r = factors.findIndex((f) => f.id === 'test-jet/rcs');
    u[r] = 0.3;
    const rcs = Object.values(catalogForDraw(cat, factors, u).threats.get('test-jet')!.rcs.front).map((v) => v.nominal);
    expect(new Set(rcs).size).toBe(1);
  });

  it('shares entries without a drawn value', () => {
    const only = enumerateFactors(scen, cat, { raids: true, coverage: true, jamming: true, only: ['test-jet'] });
    const drawn = catalogForDraw(cat, only, [0.2, 0.9]);
    expect(drawn.systems.get('test-sam')).toBe(cat.systems.get('test-sam'));
    expect(drawn.threats.get('test-jet')).not.toBe(cat.threats.get('test-jet'));
  });
});

/**
 * The factors' senses and coverage against the models, over the whole built-in catalog: with
 * every factor at u = 1 (u = 0), the catalog of the draw read at its nominal must give exactly
 * what resolve.ts and sim-params.ts give for the original catalog at the `high` (`low`) reading.
 * A value the models read but the factors leave out, or a sense that disagrees with pickValue's,
 * shows up as a difference.
 */
import { describe, expect, it } from 'vitest';
import {
  catalogForDraw,
  enumerateFactors,
  resolveJammerKind,
  resolveSimSite,
  resolveSystemAt,
  resolveThreat,
  type Catalog,
  type Scenario,
  type ValueCase,
} from '@parapet/core';
import { loadCatalog } from '../catalog/load-catalog.js';

const SRC = [{ title: 'Parapet estimate: test' }];

/** One site per catalog system, a raid group per threat carrying every self-protection jammer, every stand-off jammer. */
function everythingScenario(cat: Catalog): Scenario {
  const threats = [...cat.threats.keys()];
  const spj = [...cat.jammers.values()].filter((j) => j.kind === 'self-protection').map((j) => j.id);
  const standOff = [...cat.jammers.values()].filter((j) => j.kind === 'stand-off').map((j) => j.id);
  return {
    name: 'every catalog entry',
    region: { bbox: [125, 36, 128, 39], resolutionM: 5000 },
    earth: { kFactor: 4 / 3 },
    sites: [...cat.systems.keys()].map((system, i) => ({
      id: `site-${i}`,
      system,
      lon: 126 + 0.01 * i,
      lat: 38,
      status: 'hypothetical' as const,
      sources: SRC,
    })),
    places: [],
    analysis: { threats, altitudesM: [1000], altitudeReference: 'msl' },
    jammers: standOff.map((jammer, i) => ({ id: `soj-${i}`, jammer, lon: 126, lat: 36.5, altitudeM: 9000, status: 'hypothetical' as const, sources: SRC })),
    raids: [
      {
        id: 'raid',
        startSec: 0,
        groups: threats.map((threat, i) => ({
          id: `g-${i}`,
          threat,
          jammer: spj[i % Math.max(1, spj.length)],
          count: 1,
          spacingSec: 0,
          startSec: 0,
          altitudeReference: 'msl' as const,
          route: [
            { lon: 127, lat: 36.5, altitudeM: 5000 },
            { lon: 127, lat: 38.5, altitudeM: 5000 },
          ],
        })),
      },
    ],
  };
}

/** Everything the models take from the catalog, per entry. */
function resolved(cat: Catalog, scen: Scenario, valueCase: ValueCase) {
  return {
    systems: scen.sites.map((site) => {
      const system = cat.systems.get(site.system)!;
      const sim = resolveSimSite(system, site, scen, valueCase);
      // The simulation reads referencePd at its nominal in every case (sim-params.ts); resolveSystemAt reads it at the case.
      return { coverage: resolveSystemAt(system, site, valueCase), sim: { ...sim, radars: sim.radars.map(({ refPd: _refPd, ...r }) => r) } };
    }),
    threats: [...cat.threats.values()].map((t) => resolveThreat(t, valueCase)),
    jammers: [...cat.jammers.values()].map((j) => resolveJammerKind(j, valueCase)),
  };
}

describe('factor senses against the resolvers, whole catalog', () => {
  const cat = loadCatalog();
  const scen = everythingScenario(cat);
  const factors = enumerateFactors(scen, cat, { raids: true, coverage: true, jamming: true });

  it('draws values of every system, threat and jammer', () => {
    const entries = new Set(factors.map((f) => f.entry.id));
    for (const id of [...cat.systems.keys(), ...cat.threats.keys(), ...cat.jammers.keys()]) expect(entries.has(id), id).toBe(true);
  });

  for (const [u, valueCase] of [
    [1, 'high'],
    [0, 'low'],
  ] as const) {
    it(`every factor at u = ${u} is the ${valueCase} reading of the sources`, () => {
      const drawn = catalogForDraw(cat, factors, new Float64Array(factors.length).fill(u));
      expect(resolved(drawn, scen, 'nominal')).toEqual(resolved(cat, scen, valueCase));
    });
  }
});

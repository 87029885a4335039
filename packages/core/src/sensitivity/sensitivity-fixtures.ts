/**
 * Synthetic catalog and scenario for the sensitivity tests (not part of the public API): the
 * simulation fixtures' test-sam and test-jet with spreads on some values, and a stand-off jammer.
 */
import { makeCatalog, type Catalog } from '../catalog/catalog.js';
import type { Jammer, System, Threat } from '../catalog/schema.js';
import type { Value } from '../catalog/value.js';
import type { Scenario } from '../scenario/schema.js';
import { flatRcs, testScenario, testSystem, testThreat } from '../sim/sim-fixtures.js';

const spread = (v: Value, low: number, high: number): Value => ({ ...v, low, high });

/** test-sam with spreads on some values (others stay single numbers), test-jet with an RCS and speed spread, a stand-off jammer. */
export function spreadCatalog(): Catalog {
  const s: System = testSystem();
  const [acq, fc] = s.radars;
  acq.detectionRange = spread(acq.detectionRange, 120, 180);
  acq.antennaHeight = spread(acq.antennaHeight, 15, 30);
  acq.scanPeriod = spread(acq.scanPeriod!, 6, 12);
  acq.receiver.gain = spread(acq.receiver.gain, 32, 38);
  fc.maxAltitude = spread(fc.maxAltitude, 25, 40);
  const m = s.missiles[0];
  m.pk = spread(m.pk!, 0.3, 0.7);
  m.maxRange = spread(m.maxRange, 30, 50);
  m.averageSpeed = spread(m.averageSpeed!, 800, 1200);
  s.fireUnit!.missileChannels = spread(s.fireUnit!.missileChannels!, 1, 4);
  s.fireUnit!.reactionTime = spread(s.fireUnit!.reactionTime!, 5, 30);
  const t: Threat = { ...testThreat(), rcs: flatRcs(1), speed: spread(testThreat().speed, 200, 300) };
  for (const b of Object.keys(t.rcs.front) as (keyof Threat['rcs']['front'])[]) t.rcs.front[b] = spread(t.rcs.front[b], 0.5, 3);
  const j: Jammer = {
    id: 'test-soj',
    name: 'Test stand-off jammer',
    kind: 'stand-off',
    description: 'synthetic',
    sources: [{ title: 'Parapet estimate: test fixture' }],
    bands: ['S'],
    erp: { nominal: 40, low: 30, high: 50, unit: 'dBW', sources: [{ title: 'Parapet estimate: test fixture' }], confidence: 'low' },
    bandwidth: { nominal: 100, unit: 'MHz', sources: [{ title: 'Parapet estimate: test fixture' }], confidence: 'low' },
  };
  return makeCatalog([s], [t], [j]);
}

export function jammedScenario(): Scenario {
  return {
    ...testScenario(),
    jammers: [
      { id: 'soj', jammer: 'test-soj', lon: 126.5, lat: 36.5, altitudeM: 9000, status: 'hypothetical', sources: [{ title: 'Parapet estimate: test' }] },
    ],
  };
}

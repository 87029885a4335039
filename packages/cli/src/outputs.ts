/** The comparison document (compare.json and `parapet compare --json`). */
import type { ScenarioComparison } from '@parapet/io';

export function comparisonDocument(c: ScenarioComparison) {
  return {
    parapet: { document: 'coverage-comparison', version: 1 },
    a: c.a.scenario.name,
    b: c.b.scenario.name,
    layers: c.layers.map((l) => ({
      threat: l.threatId,
      altitudeM: l.altitudeM,
      detectAreaKm2: {
        a: Math.round(l.detectAreaA),
        b: Math.round(l.detectAreaB),
        gained: Math.round(l.detect.gainedAreaKm2),
        lost: Math.round(l.detect.lostAreaKm2),
      },
      engageAreaKm2: {
        a: Math.round(l.engageAreaA),
        b: Math.round(l.engageAreaB),
        gained: Math.round(l.engage.gainedAreaKm2),
        lost: Math.round(l.engage.lostAreaKm2),
      },
      places: l.places,
    })),
  };
}

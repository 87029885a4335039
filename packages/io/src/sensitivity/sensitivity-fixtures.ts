/**
 * A small scenario for the sensitivity tests (not part of the public API): an SA-3 battery near
 * Kaesong under a pair of F-16s, and an SA-2 battery far beyond reach of their route.
 */
import type { SensitivityInput } from './plan.js';

export const TEXT = `name: sensitivity test
region: { bbox: [125.5, 37.2, 127.5, 38.8], resolutionM: 5000 }
sites:
  - { id: sa3, system: s-125, lon: 126.55, lat: 37.97, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
  - { id: far-sa2, system: s-75, lon: 131.0, lat: 42.0, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
places:
  - { name: Kaesong, lon: 126.6, lat: 37.9 }
analysis: { threats: [f-16], altitudesM: [5000] }
raids:
  - id: strike
    groups:
      - id: vipers
        threat: f-16
        count: 2
        spacingSec: 20
        route:
          - { lon: 127.0, lat: 37.3, altitudeM: 6000 }
          - { lon: 126.5, lat: 38.6, altitudeM: 6000 }
`;

export const input: SensitivityInput = { scenario: { text: TEXT, file: 'test.yaml' }, options: { draws: 3, runs: 12, seed: 5, group: 'entry' } };

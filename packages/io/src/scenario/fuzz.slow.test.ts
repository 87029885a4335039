import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog.js';
import { mutate, prng, runFuzz } from './fuzz.js';

describe('scenario fuzzer (short, fixed seed; `npm run fuzz` for more)', () => {
  it('300 mutated example scenarios: each validates or yields located problems, never throws', () => {
    const rep = runFuzz({ seed: 1, cases: 300, perCaseMs: 10_000, catalog: loadCatalog() });
    expect(rep.failures.map((f) => `#${f.index} ${f.kind} [${f.mutations.join(', ')}] ${f.detail.split('\n')[0]}`)).toEqual([]);
    expect(rep.valid + rep.invalid).toBe(300);
    expect(rep.invalid).toBeGreaterThan(0);
  });

  it('is deterministic for a seed', () => {
    const a = mutate('name: x\nregion: { bbox: [1, 2, 3, 4] }\n', prng(42));
    const b = mutate('name: x\nregion: { bbox: [1, 2, 3, 4] }\n', prng(42));
    expect(a).toEqual(b);
  });
});

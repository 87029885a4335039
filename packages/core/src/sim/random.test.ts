import { describe, expect, it } from 'vitest';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { RandomStream, streamStates } from './random.js';
import { wilson } from './stats.js';

describe('random streams', () => {
  it('run r starts at the seed jumped r times', () => {
    const g = xoroshiro128plus(42);
    const states = streamStates(42, 0, 4);
    for (let r = 0; r < 4; r++) {
      expect(Array.from(states.subarray(r * 4, r * 4 + 4))).toEqual([...g.getState()]);
      g.jump();
    }
  });

  it('a block of runs has the same states as the same runs inside a longer block', () => {
    expect(Array.from(streamStates(7, 5, 3))).toEqual(Array.from(streamStates(7, 0, 8).subarray(20)));
  });

  it('uniform draws lie in [0, 1) and have mean ½ (95% interval on P(u < ½))', () => {
    const s = new RandomStream();
    s.resetFromStates(streamStates(1, 0, 1), 0);
    let below = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const u = s.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      if (u < 0.5) below++;
    }
    const ci = wilson(below, n);
    expect(ci.lo).toBeLessThan(0.5);
    expect(ci.hi).toBeGreaterThan(0.5);
  });

  it('rejects a seed outside 32 bits', () => {
    expect(() => streamStates(-1, 0, 1)).toThrow(RangeError);
    expect(() => streamStates(2 ** 32, 0, 1)).toThrow(/seed/);
  });
});

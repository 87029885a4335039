/**
 * Seeded random streams for Monte Carlo runs: xoroshiro128+ (Blackman & Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021), from the pure-rand package. Run r uses
 * the stream reached from the seed after r calls of `jump()` (each jump advances 2^64 steps), so
 * streams never overlap within 2^64 draws and run r's numbers do not depend on how runs are split
 * between worker threads.
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

/** Number of 32-bit words in one stream state. */
export const STREAM_STATE_WORDS = 4;

/**
 * The starting states of runs [firstRun, firstRun + count) for `seed`, packed 4 words per run
 * (the layout `RandomStream.fromStates` reads). Costs firstRun + count jumps (≈ 0.1 µs each).
 * @param seed - integer in [0, 2^32)
 */
export function streamStates(seed: number, firstRun: number, count: number): Int32Array {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed must be an integer in [0, 4294967295], got ${seed}`);
  if (!Number.isInteger(firstRun) || firstRun < 0) throw new RangeError(`firstRun must be a non-negative integer, got ${firstRun}`);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const g = xoroshiro128plus(seed | 0);
  for (let r = 0; r < firstRun; r++) g.jump();
  const out = new Int32Array(count * STREAM_STATE_WORDS);
  for (let r = 0; r < count; r++) {
    const s = g.getState();
    for (let w = 0; w < STREAM_STATE_WORDS; w++) out[r * STREAM_STATE_WORDS + w] = s[w];
    g.jump();
  }
  return out;
}

/** One run's random stream: uniform doubles in [0, 1) with 53 random bits. */
export class RandomStream {
  private g: JumpableRandomGenerator;
  /** Number of uniform draws taken since the last reset (for logs and tests). */
  draws = 0;

  constructor(seed = 0) {
    this.g = xoroshiro128plus(seed | 0);
  }

  /** Restarts the stream at run `run`'s state inside a `streamStates` array. */
  resetFromStates(states: Int32Array, run: number): void {
    const o = run * STREAM_STATE_WORDS;
    if (o < 0 || o + STREAM_STATE_WORDS > states.length)
      throw new RangeError(`run ${run} is outside the stream-state array (${states.length / STREAM_STATE_WORDS} runs)`);
    this.g = xoroshiro128plusFromState([states[o], states[o + 1], states[o + 2], states[o + 3]]);
    this.draws = 0;
  }

  /** A uniform double in [0, 1) with 53 random bits (two generator outputs). */
  uniform(): number {
    this.draws++;
    return uniformFloat64(this.g);
  }

  /**
   * A Bernoulli draw: true with probability p, from one generator output (32 bits: p is resolved
   * to 2^−32, far finer than any Pd or Pk the models use).
   */
  chance(p: number): boolean {
    this.draws++;
    return (this.g.next() >>> 0) * 2.3283064365386963e-10 < p;
  }
}

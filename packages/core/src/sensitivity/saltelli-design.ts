/**
 * The sampling design of Saltelli et al. 2010 ("Variance based sensitivity analysis of model
 * output. Design and estimator for the total sensitivity index", Comput. Phys. Commun. 181,
 * 259–270): two independent N × d matrices A and B of uniform quantiles (one column per
 * factor), and for every group g of factors the matrix A_B^(g) — A with the columns of g taken
 * from B. The model runs at every row of A, B and each A_B^(g): N·(k + 2) points for k groups.
 *
 * Points are numbered row by row, p = j·(k + 2) + c with c = 0 for A_j, 1 for B_j, 2 + g for
 * A_B^(g)_j, so any contiguous range of points needs only its own rows. Row j's quantiles come
 * from its own random stream, xorshift128+ (Vigna, "Further scramblings of Marsaglia's xorshift
 * generators", J. Comput. Appl. Math. 315, 2017; the pure-rand package) jumped j times (2^64
 * steps each) from the seed: the first d doubles are A_j, the next d are B_j. So point p's
 * quantiles depend only on (seed, p), never on how the points are split into blocks. The
 * generator differs from the raid dice' xoroshiro128+ (sim/random.ts), so a design never shares
 * numbers with the runs it drives.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xorshift128plus } from 'pure-rand/generator/xorshift128plus';

export interface SaltelliDesign {
  /** N: rows of A and of B. */
  rows: number;
  /** d: factors (columns). */
  factors: number;
  /** The k groups: factor indices of each (disjoint, covering every factor). */
  groups: readonly (readonly number[])[];
  /** Integer in [0, 2^32). */
  seed: number;
}

export type DesignPoint = { matrix: 'A' | 'B'; row: number } | { matrix: 'AB'; row: number; group: number };

/** Checks a design and returns it. */
export function saltelliDesign(rows: number, factors: number, groups: readonly (readonly number[])[], seed: number): SaltelliDesign {
  if (!Number.isInteger(rows) || rows < 2) throw new RangeError(`rows (N) must be an integer ≥ 2, got ${rows}`);
  if (!Number.isInteger(factors) || factors < 1) throw new RangeError(`factors must be a positive integer, got ${factors}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed must be an integer in [0, 4294967295], got ${seed}`);
  const seen = new Uint8Array(factors);
  for (const g of groups) {
    if (g.length === 0) throw new RangeError('a group needs at least one factor');
    for (const f of g) {
      if (!Number.isInteger(f) || f < 0 || f >= factors) throw new RangeError(`group factor index ${f} is outside [0, ${factors})`);
      if (seen[f]) throw new RangeError(`factor ${f} is in two groups`);
      seen[f] = 1;
    }
  }
  if (seen.includes(0)) throw new RangeError('every factor must belong to a group');
  return { rows, factors, groups, seed };
}

/** Number of model runs of the design: N·(k + 2). */
export function designPointCount(d: SaltelliDesign): number {
  return d.rows * (d.groups.length + 2);
}

/** Which matrix row point p is. */
export function designPoint(d: SaltelliDesign, p: number): DesignPoint {
  const per = d.groups.length + 2;
  if (!Number.isInteger(p) || p < 0 || p >= d.rows * per) throw new RangeError(`point ${p} is outside the design [0, ${d.rows * per})`);
  const row = Math.floor(p / per);
  const c = p - row * per;
  return c === 0 ? { matrix: 'A', row } : c === 1 ? { matrix: 'B', row } : { matrix: 'AB', row, group: c - 2 };
}

/**
 * The factor quantiles of points [first, first + count), `count × d` values row-major
 * (point first + i at [i·d, (i + 1)·d)).
 */
export function designQuantiles(d: SaltelliDesign, first: number, count: number): Float64Array {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const out = new Float64Array(count * d.factors);
  if (count === 0) return out;
  const lastRow = designPoint(d, first + count - 1).row;
  const firstRow = designPoint(d, first).row;
  const n = d.factors;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const inGroup = d.groups.map((g) => {
    const m = new Uint8Array(n);
    for (const f of g) m[f] = 1;
    return m;
  });
  const g = xorshift128plus(d.seed | 0);
  for (let r = 0; r < firstRow; r++) g.jump();
  for (let row = firstRow; row <= lastRow; row++) {
    const s = g.clone();
    for (let f = 0; f < n; f++) a[f] = uniformFloat64(s);
    for (let f = 0; f < n; f++) b[f] = uniformFloat64(s);
    g.jump();
    const per = d.groups.length + 2;
    for (let c = 0; c < per; c++) {
      const p = row * per + c;
      if (p < first || p >= first + count) continue;
      const o = (p - first) * n;
      if (c === 0) out.set(a, o);
      else if (c === 1) out.set(b, o);
      else {
        const m = inGroup[c - 2];
        for (let f = 0; f < n; f++) out[o + f] = m[f] ? b[f] : a[f];
      }
    }
  }
  return out;
}

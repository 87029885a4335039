import { describe, expect, it } from 'vitest';
import { designPoint, designPointCount, designQuantiles, saltelliDesign } from './saltelli-design.js';

describe('Saltelli design', () => {
  const d = saltelliDesign(5, 4, [[0, 2], [1], [3]], 7);

  it('has N·(k + 2) points numbered row by row: A, B, then A_B^(g) for each group', () => {
    expect(designPointCount(d)).toBe(25);
    expect(designPoint(d, 0)).toEqual({ matrix: 'A', row: 0 });
    expect(designPoint(d, 1)).toEqual({ matrix: 'B', row: 0 });
    expect(designPoint(d, 2)).toEqual({ matrix: 'AB', row: 0, group: 0 });
    expect(designPoint(d, 24)).toEqual({ matrix: 'AB', row: 4, group: 2 });
    expect(() => designPoint(d, 25)).toThrow(RangeError);
  });

  it('A_B^(g) is A with the columns of group g taken from B', () => {
    const q = designQuantiles(d, 0, designPointCount(d));
    const row = (p: number): number[] => [...q.subarray(p * 4, p * 4 + 4)];
    for (let j = 0; j < 5; j++) {
      const a = row(j * 5);
      const b = row(j * 5 + 1);
      expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
      expect(a).not.toEqual(b);
      expect(row(j * 5 + 2)).toEqual([b[0], a[1], b[2], a[3]]);
      expect(row(j * 5 + 3)).toEqual([a[0], b[1], a[2], a[3]]);
      expect(row(j * 5 + 4)).toEqual([a[0], a[1], a[2], b[3]]);
    }
  });

  it('gives every point the same quantiles however the points are split into blocks', () => {
    const whole = designQuantiles(d, 0, 25);
    for (const sizes of [[1, 24], [7, 7, 7, 4], [3, 11, 2, 9], [25]]) {
      const parts: number[] = [];
      let first = 0;
      for (const n of sizes) {
        parts.push(...designQuantiles(d, first, n));
        first += n;
      }
      expect(Float64Array.from(parts)).toEqual(whole);
    }
  });

  it('is reproduced by its seed and changes with it', () => {
    expect(designQuantiles(saltelliDesign(5, 4, [[0], [1], [2], [3]], 7), 0, 30)).toEqual(
      designQuantiles(saltelliDesign(5, 4, [[0], [1], [2], [3]], 7), 0, 30),
    );
    expect(designQuantiles(saltelliDesign(5, 4, [[0], [1], [2], [3]], 8), 0, 30)).not.toEqual(
      designQuantiles(saltelliDesign(5, 4, [[0], [1], [2], [3]], 7), 0, 30),
    );
  });

  it('refuses groups that overlap or leave a factor out', () => {
    expect(() =>
      saltelliDesign(
        4,
        3,
        [
          [0, 1],
          [1, 2],
        ],
        1,
      ),
    ).toThrow(/two groups/);
    expect(() => saltelliDesign(4, 3, [[0, 1]], 1)).toThrow(/every factor/);
    expect(() => saltelliDesign(1, 3, [[0, 1, 2]], 1)).toThrow(RangeError);
  });
});

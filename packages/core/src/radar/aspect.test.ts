import { describe, expect, it } from 'vitest';
import type { Threat } from '../catalog/schema.js';
import { resolveRcsTable } from '../scenario/resolve.js';
import { aspectAngleRad, aspectIndex, aspectSector, ASPECTS, FRONT, rcsAtM2, rcsIndex, REAR, SIDE } from './aspect.js';
import { BANDS } from './band.js';

const deg = Math.PI / 180;

describe('aspect angle |α| between the heading and the bearing back to the radar', () => {
  it('is 0 nose-on, π tail-on and π/2 broadside, on either side', () => {
    expect(aspectAngleRad(0, 0)).toBe(0);
    expect(aspectAngleRad(0, Math.PI)).toBeCloseTo(Math.PI, 12);
    expect(aspectAngleRad(0, 90 * deg)).toBeCloseTo(90 * deg, 12);
    expect(aspectAngleRad(0, 270 * deg)).toBeCloseTo(90 * deg, 12);
    expect(aspectAngleRad(45 * deg, 225 * deg)).toBeCloseTo(Math.PI, 12);
  });

  it('wraps across north: heading 350°, radar at 10° is 20° off the nose, and the reverse', () => {
    expect(aspectAngleRad(350 * deg, 10 * deg)).toBeCloseTo(20 * deg, 12);
    expect(aspectAngleRad(10 * deg, 350 * deg)).toBeCloseTo(20 * deg, 12);
    expect(aspectAngleRad(-10 * deg, 370 * deg)).toBeCloseTo(20 * deg, 12);
    expect(aspectAngleRad(720 * deg, -170 * deg)).toBeCloseTo(170 * deg, 12);
  });

  it('is always in [0, π] (brute force over a grid of headings and bearings)', () => {
    for (let h = -720; h <= 720; h += 13) {
      for (let b = -720; b <= 720; b += 17) {
        const a = aspectAngleRad(h * deg, b * deg);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(Math.PI + 1e-12);
        // The smallest angle between the two directions, computed another way.
        const d = Math.abs(((((b - h) % 360) + 540) % 360) - 180);
        expect(a / deg).toBeCloseTo(d, 9);
      }
    }
  });
});

describe('aspect sectors: front ≤ 45°, side, rear ≥ 135°', () => {
  it('puts the boundaries in front and rear', () => {
    expect(aspectSector(0)).toBe(FRONT);
    expect(aspectSector(Math.PI / 4)).toBe(FRONT);
    expect(aspectSector(Math.PI / 4 + 1e-9)).toBe(SIDE);
    expect(aspectSector(Math.PI / 2)).toBe(SIDE);
    expect(aspectSector((3 * Math.PI) / 4 - 1e-9)).toBe(SIDE);
    expect(aspectSector((3 * Math.PI) / 4)).toBe(REAR);
    expect(aspectSector(Math.PI)).toBe(REAR);
    expect(aspectSector(-Math.PI / 4)).toBe(FRONT);
    expect(aspectSector(-Math.PI / 2)).toBe(SIDE);
  });

  it('from heading and bearing: a target flying north sees a radar at 40° in front, 90° side, 180° rear', () => {
    expect(aspectSector(aspectAngleRad(0, 40 * deg))).toBe(FRONT);
    expect(aspectSector(aspectAngleRad(0, 320 * deg))).toBe(FRONT);
    expect(aspectSector(aspectAngleRad(0, 90 * deg))).toBe(SIDE);
    expect(aspectSector(aspectAngleRad(0, 230 * deg))).toBe(SIDE);
    expect(aspectSector(aspectAngleRad(0, 180 * deg))).toBe(REAR);
    expect(aspectSector(aspectAngleRad(0, 140 * deg))).toBe(REAR);
    // Across north: heading 350°, radar at 30° → 40° off the nose.
    expect(aspectSector(aspectAngleRad(350 * deg, 30 * deg))).toBe(FRONT);
    expect(aspectSector(aspectAngleRad(350 * deg, 40 * deg))).toBe(SIDE);
  });

  it('are named front, side, rear in index order', () => {
    expect([...ASPECTS]).toEqual(['front', 'side', 'rear']);
    expect([aspectIndex('front'), aspectIndex('side'), aspectIndex('rear')]).toEqual([FRONT, SIDE, REAR]);
    expect(() => aspectIndex('top' as never)).toThrow(RangeError);
  });
});

describe('RCS table layout [aspect·7 + band]', () => {
  // table[i] = i + 1, so every entry names its own index.
  const table = Float64Array.from({ length: 21 }, (_, i) => i + 1);

  it('reads front VHF … Ku, then side, then rear', () => {
    expect(BANDS.map((b) => rcsAtM2(table, b, FRONT))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(BANDS.map((b) => rcsAtM2(table, b, SIDE))).toEqual([8, 9, 10, 11, 12, 13, 14]);
    expect(BANDS.map((b) => rcsAtM2(table, b, REAR))).toEqual([15, 16, 17, 18, 19, 20, 21]);
    expect(rcsAtM2(table, 'S')).toBe(4); // front by default
    expect(rcsIndex(REAR, 'X')).toBe(2 * 7 + 5);
  });

  it('matches what resolveRcsTable builds from a catalog threat; missing side and rear take the front figures', () => {
    const src = [{ title: 'test' }];
    const row = (scale: number): Threat['rcs']['front'] =>
      Object.fromEntries(
        BANDS.map((b, i) => [b, { nominal: scale * (i + 1), unit: 'm2', sources: src, confidence: 'low' as const }]),
      ) as Threat['rcs']['front'];
    const threat = (rcs: Threat['rcs']): Threat => ({
      id: 't',
      name: 't',
      category: 'fighter',
      description: 'x',
      rcs,
      speed: { nominal: 250, unit: 'm/s', sources: src, confidence: 'low' },
      swerling: 1,
      sources: src,
    });
    const full = resolveRcsTable(threat({ front: row(0.001), side: row(1), rear: row(0.1) }), 'nominal');
    expect(rcsAtM2(full, 'VHF', FRONT)).toBeCloseTo(0.001, 12);
    expect(rcsAtM2(full, 'Ku', FRONT)).toBeCloseTo(0.007, 12);
    expect(rcsAtM2(full, 'S', SIDE)).toBeCloseTo(4, 12);
    expect(rcsAtM2(full, 'X', REAR)).toBeCloseTo(0.6, 12);
    const frontOnly = resolveRcsTable(threat({ front: row(0.01) }), 'nominal');
    for (const b of BANDS) {
      expect(rcsAtM2(frontOnly, b, SIDE)).toBe(rcsAtM2(frontOnly, b, FRONT));
      expect(rcsAtM2(frontOnly, b, REAR)).toBe(rcsAtM2(frontOnly, b, FRONT));
    }
  });
});

/**
 * A sourced catalog value: `{ nominal, low?, high?, unit, sources, confidence, note? }`.
 * Where public sources disagree, low/high keep the spread and `note` says who says what.
 * Estimates made by the project cite a source whose title starts with "Parapet estimate".
 */
import { z } from 'zod';

export const SourceSchema = z
  .object({
    title: z.string().min(1, 'a source needs a title'),
    url: z.string().url().optional(),
    accessed: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Units accepted in catalog files, by dimension, with their factor to SI. */
export const UNIT_FACTORS = {
  length: { m: 1, km: 1000, ft: 0.3048, nmi: 1852 },
  area: { m2: 1 },
  speed: { 'm/s': 1, 'km/h': 1 / 3.6, kn: 1852 / 3600 },
  time: { s: 1, min: 60, h: 3600 },
  ratio: { '1': 1, '%': 0.01 },
  count: { count: 1 },
  frequency: { Hz: 1, MHz: 1e6, GHz: 1e9 },
  power: { dB: 1, dBi: 1, dBW: 1 },
  angle: { deg: Math.PI / 180 },
} as const;
export type Dimension = keyof typeof UNIT_FACTORS;

export const ValueSchema = z
  .object({
    nominal: z.number(),
    low: z.number().optional(),
    high: z.number().optional(),
    unit: z.string().min(1),
    sources: z.array(SourceSchema).min(1, 'every value needs at least one source'),
    confidence: z.enum(CONFIDENCES),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.low !== undefined && v.low > v.nominal) ctx.addIssue({ code: 'custom', path: ['low'], message: `low (${v.low}) is above nominal (${v.nominal})` });
    if (v.high !== undefined && v.high < v.nominal)
      ctx.addIssue({ code: 'custom', path: ['high'], message: `high (${v.high}) is below nominal (${v.nominal})` });
  });
export type Value = z.infer<typeof ValueSchema>;

/** A value schema that also checks the unit belongs to `dim`. */
export function valueOf(dim: Dimension) {
  const units = Object.keys(UNIT_FACTORS[dim]);
  return ValueSchema.superRefine((v, ctx) => {
    if (!units.includes(v.unit))
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `unit "${v.unit}" is not a ${dim} unit (use one of: ${units.join(', ')})` });
  });
}

/**
 * Which end of the sourced spread an analysis takes. `low`/`high` here mean the coverage-
 * minimising / coverage-maximising reading, not the smaller/larger number: see `pickValue`.
 */
export type ValueCase = 'low' | 'nominal' | 'high';
export const VALUE_CASES: readonly ValueCase[] = ['low', 'nominal', 'high'];

/** Whether a larger number of this parameter makes the defense's coverage larger (+1) or smaller (−1). */
export type CoverageSense = 1 | -1;

/**
 * The SI number for a value at the given case. For `sense = +1` the coverage-minimising case is
 * the low number; for `sense = −1` (e.g. a missile's minimum range) it is the high number.
 */
export function pickValue(v: Value, dim: Dimension, valueCase: ValueCase = 'nominal', sense: CoverageSense = 1): number {
  const factors = UNIT_FACTORS[dim] as Record<string, number>;
  const factor = factors[v.unit];
  if (factor === undefined) throw new RangeError(`unit "${v.unit}" is not a ${dim} unit`);
  let x = v.nominal;
  if (valueCase !== 'nominal') {
    const wantLarger = (valueCase === 'high') === (sense === 1);
    x = wantLarger ? (v.high ?? v.nominal) : (v.low ?? v.nominal);
  }
  return x * factor;
}

/** True if the title marks a value as the project's own estimate. */
export function isProjectEstimate(s: Source): boolean {
  return /^Parapet estimate/i.test(s.title);
}

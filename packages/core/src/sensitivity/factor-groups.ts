/**
 * The units the output variance is attributed to. A Saltelli design costs N·(k + 2) model runs
 * for k groups, whatever the number of factors, so attribution can be coarser than the draws:
 * the factors stay independent inputs, and a group's Sobol index is the share of variance due to
 * all its factors together (Saltelli et al., "Global Sensitivity Analysis: The Primer", Wiley,
 * 2008, ch. 1: sensitivity indices for groups of factors). Levels:
 *   factor: every factor on its own ("S-400 92N6E range", "S-400 48N6E3 Pk")
 *   part:   per catalog entry and part ("S-400 radars", "S-400 missiles", "S-400 fire unit",
 *           "F-35A RCS", "F-35A speed", "EA-18G emission")
 *   entry:  per catalog entry ("S-400", "F-35A")
 */
import type { Factor } from './factors.js';

export const GROUP_LEVELS = ['factor', 'part', 'entry'] as const;
export type GroupLevel = (typeof GROUP_LEVELS)[number];

export interface FactorGroup {
  id: string;
  label: string;
  /** Indices into the factor list, ascending. */
  factors: number[];
}

/** Groups of the factors at `level`, in the order of their first factor. */
export function groupFactors(factors: readonly Factor[], level: GroupLevel): FactorGroup[] {
  const groups = new Map<string, FactorGroup>();
  factors.forEach((f, i) => {
    const key = level === 'factor' ? f.id : level === 'entry' ? f.entry.id : `${f.entry.id}/${f.part.replace(/\s+/g, '-').toLowerCase()}`;
    const label = level === 'factor' ? f.label : level === 'entry' ? f.entry.label : `${f.entry.label} ${f.part}`;
    const g = groups.get(key);
    if (g) g.factors.push(i);
    else groups.set(key, { id: key, label, factors: [i] });
  });
  return [...groups.values()];
}

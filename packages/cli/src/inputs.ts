/** Loading the catalog and scenarios for a command, with the CLI's error conventions. */
import { loadCatalog, loadScenario } from '@parapet/io';
import type { Catalog, Scenario } from '@parapet/core';
import { UsageError } from './errors.js';

export function catalog(): Catalog {
  return loadCatalog();
}

export function scenario(file: string, cat: Catalog = catalog()): Scenario {
  return loadScenario(file, cat);
}

export function parseNumberOption(name: string, value: string, min: number, max: number): number {
  const x = Number(value);
  if (!Number.isFinite(x) || x < min || x > max) throw new UsageError(`${name} must be a number in [${min}, ${max}], got "${value}"`);
  return x;
}

export function parseIntegerOption(name: string, value: string, min: number, max: number): number {
  const x = parseNumberOption(name, value, min, max);
  if (!Number.isInteger(x)) throw new UsageError(`${name} must be a whole number in [${min}, ${max}], got "${value}"`);
  return x;
}

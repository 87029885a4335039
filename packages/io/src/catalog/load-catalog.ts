/**
 * Loads the catalog from YAML files (one system or threat per file) and validates every entry
 * against the core schema; all problems are reported with FILE:LINE:COL.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { JammerSchema, makeCatalog, SystemSchema, ThreatSchema, type Catalog, type Jammer, type System, type Threat } from '@parapet/core';
import { existsSync } from 'node:fs';
import type { z } from 'zod';
import { dataDir } from '../data-dir.js';
import { InputError, type InputProblem } from '../problems.js';
import { formatPath, parseLocated } from '../yaml/located-document.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function loadEntries<T>(files: string[], schema: z.ZodType<T>, problems: InputProblem[], shownFrom: string): T[] {
  const out: T[] = [];
  for (const file of files) {
    const shown = relative(shownFrom, file) || file;
    const doc = parseLocated(readFileSync(file, 'utf8'));
    if (doc.syntaxErrors.length) {
      problems.push(...doc.syntaxErrors.map((e) => ({ ...e, file: shown })));
      continue;
    }
    const r = schema.safeParse(doc.value);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        problems.push({ file: shown, ...doc.locate(path), path: formatPath(path), message: issue.message });
      }
      continue;
    }
    out.push(r.data);
  }
  return out;
}

let builtIn: Catalog | undefined;

/** Loads and validates the catalog under `dir` (default: the built-in data/catalog). */
export function loadCatalog(dir: string = join(dataDir(), 'catalog')): Catalog {
  if (dir === join(dataDir(), 'catalog') && builtIn) return builtIn;
  const problems: InputProblem[] = [];
  const systems = loadEntries<System>(yamlFiles(join(dir, 'systems')), SystemSchema as unknown as z.ZodType<System>, problems, process.cwd());
  const threats = loadEntries<Threat>(yamlFiles(join(dir, 'threats')), ThreatSchema as unknown as z.ZodType<Threat>, problems, process.cwd());
  const jammerDir = join(dir, 'jammers');
  const jammers = existsSync(jammerDir) ? loadEntries<Jammer>(yamlFiles(jammerDir), JammerSchema as unknown as z.ZodType<Jammer>, problems, process.cwd()) : [];
  if (problems.length) throw new InputError(problems);
  const catalog = makeCatalog(systems, threats, jammers);
  if (dir === join(dataDir(), 'catalog')) builtIn = catalog;
  return catalog;
}

/**
 * Reads a scenario file (YAML, or JSON), validates it against the schema and the catalog, and
 * reports every problem as FILE:LINE:COL: PATH: message.
 */
import { readFileSync } from 'node:fs';
import { checkScenario, type Catalog, type Scenario } from '@parapet/core';
import { InputError, type InputProblem } from '../problems.js';
import { formatPath, parseLocated } from '../yaml/located-document.js';
import { resolveTerrainPath } from '../terrain/scenario-terrain.js';

export type ScenarioParse = { ok: true; scenario: Scenario; problems: [] } | { ok: false; problems: InputProblem[] };

/** Validates scenario text; `file` is only used in messages. */
export function parseScenarioText(text: string, file: string, catalog: Catalog): ScenarioParse {
  const doc = parseLocated(text);
  if (doc.syntaxErrors.length) return { ok: false, problems: doc.syntaxErrors.map((e) => ({ ...e, file })) };
  const r = checkScenario(doc.value, catalog);
  if (r.ok) return { ok: true, scenario: r.scenario, problems: [] };
  const problems = r.issues
    .map((i) => ({ file, ...doc.locate(i.path), path: formatPath(i.path), message: i.message }))
    .sort((a, b) => a.line - b.line || a.col - b.col);
  return { ok: false, problems };
}

/** Reads and validates a scenario file; throws InputError with every problem. */
export function loadScenario(file: string, catalog: Catalog): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a scenario file' : `cannot read (${code ?? String(e)})`;
    throw new InputError([{ file, line: 1, col: 1, path: '', message: why }]);
  }
  const r = parseScenarioText(text, file, catalog);
  if (!r.ok) throw new InputError(r.problems);
  resolveTerrainPath(r.scenario, file, text);
  return r.scenario;
}

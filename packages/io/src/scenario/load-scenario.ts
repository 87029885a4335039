/**
 * Reads a scenario file (YAML, or JSON), validates it against the schema and the catalog, and
 * reports every problem as FILE:LINE:COL: PATH: message.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { checkScenario, type Catalog, type Scenario } from '@parapet/core';
import { InputError, type InputProblem } from '../problems.js';
import { formatPath, parseLocated } from '../yaml/located-document.js';
import { resolveTerrainPath } from '../terrain/scenario-terrain.js';

export type ScenarioParse = { ok: true; scenario: Scenario; problems: [] } | { ok: false; problems: InputProblem[] };

/** Largest scenario file Parapet reads (bytes); a real scenario is a few kilobytes. */
export const MAX_SCENARIO_BYTES = 5 * 1024 * 1024;

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
  const text = readScenarioFile(file);
  const r = parseScenarioText(text, file, catalog);
  if (!r.ok) throw new InputError(r.problems);
  resolveTerrainPath(r.scenario, file, text);
  return r.scenario;
}

const fail = (file: string, message: string): InputError => new InputError([{ file, line: 1, col: 1, path: '', message }]);

function notRegular(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'is a directory, not a scenario file';
  if (st.isFIFO()) return 'is a named pipe (FIFO), not a regular file: a scenario must be a regular file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a regular file: a scenario must be a regular file';
  if (st.isSocket()) return 'is a socket, not a regular file: a scenario must be a regular file';
  return 'is not a regular file: a scenario must be a regular file';
}

const tooBig = (size: number): string =>
  `the file is too large (${size.toLocaleString('en-US')} bytes): scenario files are limited to ${MAX_SCENARIO_BYTES / 1024 / 1024} MB (${MAX_SCENARIO_BYTES.toLocaleString('en-US')} bytes)`;

/**
 * The text of a scenario file, refusing anything but a regular file of at most MAX_SCENARIO_BYTES
 * before reading a byte: stat first (never opening a FIFO, which would block), then open without
 * blocking and check the opened file again (it may have been swapped in between).
 */
export function readScenarioFile(file: string): string {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    throw fail(file, errnoMessage(e));
  }
  const bad = notRegular(st);
  if (bad) throw fail(file, bad);
  if (st.size > MAX_SCENARIO_BYTES) throw fail(file, tooBig(st.size));
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw fail(file, errnoMessage(e));
  }
  try {
    const st2 = fstatSync(fd);
    const bad2 = notRegular(st2);
    if (bad2) throw fail(file, bad2);
    if (st2.size > MAX_SCENARIO_BYTES) throw fail(file, tooBig(st2.size));
    // Read at most one byte past the limit: a file that grows while read is refused too.
    const buf = Buffer.alloc(Math.min(st2.size, MAX_SCENARIO_BYTES) + 1);
    let n = 0;
    for (;;) {
      const k = readSync(fd, buf, n, buf.length - n, null);
      if (k === 0) break;
      n += k;
      if (n >= buf.length) break;
    }
    if (n > MAX_SCENARIO_BYTES) throw fail(file, tooBig(n));
    return buf.subarray(0, n).toString('utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw fail(file, errnoMessage(e));
  } finally {
    closeSync(fd);
  }
}

function errnoMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a scenario file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'no such file (a parent is not a directory)';
  if (code === 'ELOOP') return 'too many symbolic links';
  return `cannot read (${code ?? String(e)})`;
}

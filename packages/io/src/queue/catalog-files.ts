/**
 * A catalog folder as data, so that a worker on another machine evaluates against the
 * submitter's catalog, not whatever its own installation holds: the entry files loadCatalog
 * reads (systems/, threats/, jammers/: *.yaml, *.yml, *.json), with a SHA-256 over their names and
 * bytes. A worker writes them once into a folder named after the digest (`materializeCatalog`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDir } from '../data-dir.js';
import { sha256 } from './queue-protocol.js';

export interface CatalogFiles {
  sha256: string;
  /** Path relative to the catalog folder (e.g. "systems/s-400.yaml") and text. */
  files: { path: string; text: string }[];
}

const FOLDERS = ['systems', 'threats', 'jammers'];
const ENTRY = /\.(ya?ml|json)$/;

/** The entry files of a catalog folder (default: the built-in one). */
export function readCatalogFiles(dir: string = join(dataDir(), 'catalog')): CatalogFiles {
  const files: CatalogFiles['files'] = [];
  for (const folder of FOLDERS) {
    const d = join(dir, folder);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d)
      .filter((x) => ENTRY.test(x))
      .sort())
      files.push({ path: `${folder}/${f}`, text: readFileSync(join(d, f), 'utf8') });
  }
  return { sha256: digest(files), files };
}

function digest(files: CatalogFiles['files']): string {
  return sha256(Buffer.from(JSON.stringify(files.map((f) => [f.path, f.text]))));
}

/**
 * The folder holding `catalog` on this machine, written on first use under the temporary
 * directory (atomically: written aside, then renamed) and reused by every later block.
 */
export function materializeCatalog(catalog: CatalogFiles): string {
  if (digest(catalog.files) !== catalog.sha256) throw new RangeError('the catalog files do not match their SHA-256');
  for (const f of catalog.files) {
    if (!/^(systems|threats|jammers)\/[^/\\]+$/.test(f.path) || f.path.includes('..')) throw new RangeError(`catalog file "${f.path}" is not an entry file`);
  }
  const dir = join(tmpdir(), `parapet-catalog-${catalog.sha256.slice(0, 16)}`);
  if (existsSync(dir)) return dir;
  const aside = `${dir}.${process.pid}`;
  rmSync(aside, { recursive: true, force: true });
  for (const folder of FOLDERS) mkdirSync(join(aside, folder), { recursive: true });
  for (const f of catalog.files) writeFileSync(join(aside, f.path), f.text);
  try {
    renameSync(aside, dir);
  } catch (e) {
    // Another process of this machine was first.
    rmSync(aside, { recursive: true, force: true });
    if (!existsSync(dir)) throw e;
  }
  return dir;
}

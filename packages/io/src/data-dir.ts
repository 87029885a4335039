/** Where the built-in data (catalog, example scenarios) lives: `data/` at the repository root. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The repository's `data/` folder, found by walking up from this module; PARAPET_DATA overrides it. */
export function dataDir(): string {
  if (process.env.PARAPET_DATA) return process.env.PARAPET_DATA;
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'data', 'catalog'))) {
      cached = join(dir, 'data');
      return cached;
    }
    dir = dirname(dir);
  }
  throw new Error('cannot find the data/ folder of the Parapet installation (set PARAPET_DATA)');
}

/**
 * The workspace folder where the workbench saves scenarios. Only plain `.yaml`/`.yml` names
 * directly inside the folder are accepted (no paths), and every save is atomic: a temporary file
 * in the same folder, flushed, then renamed over the target.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@parapet/io';

export interface WorkspaceFile {
  name: string;
  sizeBytes: number;
  modified: string;
}

export class BadFileNameError extends Error {
  override name = 'BadFileNameError';
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,120}\.ya?ml$/;

/** Checks a file name for the workspace; throws BadFileNameError naming the problem. */
export function checkFileName(name: string): string {
  if (!NAME.test(name) || name.includes('..')) {
    throw new BadFileNameError(`file name must be letters, digits, ".", "_", "-" or spaces, ending in .yaml or .yml, with no folders (got "${name}")`);
  }
  return name;
}

export class Workspace {
  constructor(readonly dir: string) {}

  list(): WorkspaceFile[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .filter((n) => NAME.test(n))
      .sort()
      .map((name) => {
        const st = statSync(join(this.dir, name));
        return { name, sizeBytes: st.size, modified: st.mtime.toISOString() };
      });
  }

  read(name: string): string {
    return readFileSync(join(this.dir, checkFileName(name)), 'utf8');
  }

  save(name: string, text: string): WorkspaceFile {
    const file = join(this.dir, checkFileName(name));
    writeFileAtomic(file, text);
    const st = statSync(file);
    return { name, sizeBytes: st.size, modified: st.mtime.toISOString() };
  }
}

/**
 * The workspace folder where the workbench saves scenarios. Only plain `.yaml`/`.yml` names
 * directly inside the folder are accepted (no paths), and every save is atomic and durable
 * (io fs/atomic-write.ts): a temporary file in the same folder, flushed (fsync), renamed over the
 * target, then the folder flushed — so a kill -9 or a power cut at any moment leaves the old file
 * or the new one, whole. Temporary files of a killed server are removed when the workspace is
 * opened. A name that is a symbolic link (or anything but a regular file) is refused, so no read
 * or write leaves the folder; `isInside` confines other paths (a scenario's terrain.dem) to it.
 */
import { closeSync, constants, lstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { removeStaleTempFiles, writeFileAtomic } from '@parapet/io';

export interface WorkspaceFile {
  name: string;
  sizeBytes: number;
  modified: string;
}

export class BadFileNameError extends Error {
  override name = 'BadFileNameError';
}

/** A path that would leave the workspace (a symbolic link, a folder, a special file). */
export class OutsideWorkspaceError extends Error {
  override name = 'OutsideWorkspaceError';
}

/** The real path of `p` (symbolic links followed), or of its nearest existing parent plus the rest. */
export function realPathOf(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = resolve(abs, '..');
    return parent === abs ? abs : join(realPathOf(parent), relative(parent, abs));
  }
}

/** True when `p`, symbolic links followed, is `dir` or inside it. */
export function isInside(dir: string, p: string): boolean {
  const rel = relative(realPathOf(dir), realPathOf(p));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,120}\.ya?ml$/;

/** Checks a file name for the workspace; throws BadFileNameError naming the problem. */
export function checkFileName(name: string): string {
  if (typeof name !== 'string' || !NAME.test(name) || name.includes('..') || name.includes('\0')) {
    throw new BadFileNameError(
      `file name must be letters, digits, ".", "_", "-" or spaces, ending in .yaml or .yml, with no folders (got ${JSON.stringify(String(name))})`,
    );
  }
  return name;
}

export class Workspace {
  constructor(readonly dir: string) {
    removeStaleTempFiles(dir);
  }

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
      .flatMap((name) => {
        try {
          const st = lstatSync(join(this.dir, name));
          return st.isFile() ? [{ name, sizeBytes: st.size, modified: st.mtime.toISOString() }] : [];
        } catch {
          return [];
        }
      });
  }

  /** The file's path, refused when it exists as anything but a regular file inside the folder. */
  private fileOf(name: string): string {
    const file = join(this.dir, checkFileName(name));
    let st: ReturnType<typeof lstatSync> | undefined;
    try {
      st = lstatSync(file);
    } catch {
      st = undefined;
    }
    if (st && !st.isFile()) throw new OutsideWorkspaceError(`${name} is not a plain file in the workspace folder (symbolic links and folders are refused)`);
    if (!isInside(this.dir, file)) throw new OutsideWorkspaceError(`${name} is outside the workspace folder`);
    return file;
  }

  read(name: string): string {
    // O_NOFOLLOW: a link swapped in after the check is not followed either.
    const fd = openSync(this.fileOf(name), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      return readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  }

  save(name: string, text: string): WorkspaceFile {
    const file = this.fileOf(name);
    writeFileAtomic(file, text, { durable: true });
    const st = statSync(file);
    return { name, sizeBytes: st.size, modified: st.mtime.toISOString() };
  }
}

/**
 * Atomic file writes: the bytes go to a temporary file in the target's folder, are flushed to
 * disk (fsync), and the temporary file is renamed over the target. rename(2) replaces a name in
 * one step (POSIX), so a reader — or the user after a crash, a SIGKILL or a power cut — finds the
 * old file or the new one, never a part of one. With `durable`, the folder is flushed too, so the
 * rename itself survives a power cut (the workspace's saved scenarios).
 *
 * Temporary files are named `.<name>.<pid>.<12 hex digits>.tmp`. The folders this thread wrote to are
 * remembered, so that an interrupted process removes its own temporary files, including those of
 * its worker threads in the same folders (`removeTempFiles`, fs/interrupt.ts), and a later
 * process can remove those of a process that was killed (`removeStaleTempFiles`).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Also flush the folder after the rename, so the new name survives a power cut (default false). */
  durable?: boolean;
}

/** Folders this thread has written temporary files into. */
const tempDirs = new Set<string>();

/** `.<name>.<pid>.<hex>.tmp`: the temporary files of process `pid` (any pid when omitted). */
function tempPattern(pid?: number): RegExp {
  return new RegExp(`^\\..+\\.(${pid ?? '\\d+'})\\.[0-9a-f]{12}\\.tmp$`);
}

/**
 * Writes `data` (a string as UTF-8, bytes, or byte chunks written one after the other) to `file`
 * atomically, creating its folder if needed.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array | readonly Uint8Array[], opts: AtomicWriteOptions = {}): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  tempDirs.add(dir);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx');
    try {
      const chunks = typeof data === 'string' ? [Buffer.from(data, 'utf8')] : data instanceof Uint8Array ? [data] : data;
      for (const buf of chunks) {
        let off = 0;
        while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  if (opts.durable) fsyncDir(dir);
}

/** Flushes a folder's entries (its renames) to disk; a no-op where folders cannot be opened (Windows). */
function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch (e) {
    // Some file systems refuse fsync on a folder (EINVAL); the rename is still atomic.
    if ((e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes this process's temporary files from every folder this thread wrote to (call it after
 * stopping the worker threads, on the way out of an interrupted run). Returns the paths removed.
 */
export function removeTempFiles(): string[] {
  const mine = tempPattern(process.pid);
  const removed: string[] = [];
  for (const dir of tempDirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!mine.test(name)) continue;
      rmSync(join(dir, name), { force: true });
      removed.push(join(dir, name));
    }
  }
  return removed;
}

/** Whether process `pid` is alive (signal 0 probes without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files in `dir` left by processes that no longer run (killed during a
 * write, e.g. by SIGKILL). Returns the paths removed.
 */
export function removeStaleTempFiles(dir: string): string[] {
  const any = tempPattern();
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = any.exec(name);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(join(dir, name));
  }
  return removed;
}

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleTempFiles, removeTempFiles, writeFileAtomic } from './atomic-write.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parapet-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Linux never hands out a pid above pid_max ≤ 2²² (proc(5)): no process has this one. */
const DEAD_PID = 4_194_399;

describe('writeFileAtomic', () => {
  it('writes text, bytes and byte chunks, creating the folder, and leaves nothing else', () => {
    const f = join(dir, 'a', 'b.txt');
    writeFileAtomic(f, 'héllo');
    expect(readFileSync(f, 'utf8')).toBe('héllo');
    writeFileAtomic(f, Uint8Array.of(1, 2, 3));
    expect([...readFileSync(f)]).toEqual([1, 2, 3]);
    writeFileAtomic(f, [Uint8Array.of(9), Buffer.from('xy'), new Uint8Array(0)], { durable: true });
    expect([...readFileSync(f)]).toEqual([9, 120, 121]);
    expect(readdirSync(join(dir, 'a'))).toEqual(['b.txt']);
  });

  it('keeps the old file and leaves no temporary file when the rename fails', () => {
    const f = join(dir, 'target');
    mkdirSync(f); // a folder in the way: rename(2) of a file over it fails (EISDIR)
    writeFileSync(join(f, 'inside'), 'old');
    expect(() => writeFileAtomic(f, 'new')).toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readFileSync(join(f, 'inside'), 'utf8')).toBe('old');
  });
});

describe('temporary files', () => {
  const tmpName = (name: string, pid: number): string => `.${name}.${pid}.0123456789ab.tmp`;

  it('removeTempFiles removes this process’s unfinished files from the folders it wrote to, and nothing else', () => {
    writeFileAtomic(join(dir, 'done.json'), '{}');
    // What a worker thread killed mid-write leaves: a temporary file of this process.
    writeFileSync(join(dir, tmpName('map.png', process.pid)), 'half');
    writeFileSync(join(dir, tmpName('other.png', DEAD_PID)), 'another process');
    writeFileSync(join(dir, '.hidden.tmp'), 'a user file');
    const removed = removeTempFiles();
    expect(removed).toContain(join(dir, tmpName('map.png', process.pid)));
    expect(readdirSync(dir).sort()).toEqual(['.hidden.tmp', tmpName('other.png', DEAD_PID), 'done.json'].sort());
  });

  it('removeStaleTempFiles removes the files of processes that no longer run, not those of live ones', () => {
    writeFileSync(join(dir, tmpName('s.yaml', DEAD_PID)), 'killed mid-save');
    writeFileSync(join(dir, tmpName('s.yaml', process.pid)), 'this process, still writing');
    writeFileSync(join(dir, 's.yaml'), 'saved');
    expect(removeStaleTempFiles(dir)).toEqual([join(dir, tmpName('s.yaml', DEAD_PID))]);
    expect(readdirSync(dir).sort()).toEqual([tmpName('s.yaml', process.pid), 's.yaml'].sort());
    expect(removeStaleTempFiles(join(dir, 'missing'))).toEqual([]);
  });
});

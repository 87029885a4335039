/**
 * SIGTERM (and SIGINT) in the middle of `parapet coverage` writing its maps: the built CLI stops
 * with exit code 143 (130), leaves no temporary or partial file in the output folder, and every
 * file there is whole — byte for byte the previous run's or the interrupted run's own (taken from
 * an uninterrupted run of the same scenario), and it parses. A worker thread is rarely caught in
 * the middle of a write, so the test also plants the temporary file such a write leaves (named as
 * the process names its own) just before the signal: the process must remove it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/parapet.js');

const scenario = (name: string, altitudes: string): string => `name: ${name}
region: { bbox: [125.0, 37.4, 127.4, 39.4], resolutionM: 3000 }
sites:
  - { id: sa2, system: s-75, lon: 125.75, lat: 39.03, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
  - { id: s400, system: s-400, lon: 126.5, lat: 38.2, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
places:
  - { name: Seoul, lon: 126.977, lat: 37.569 }
analysis: { threats: [f-16], altitudesM: [${altitudes}] }
`;

let dir: string;
/** Complete runs: the previous output (A) and the one the interrupted run was writing (B). */
let outA: string;
let outB: string;

function files(d: string): string[] {
  return readdirSync(d, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(d, join(e.parentPath, e.name)))
    .sort();
}

function run(file: string, out: string): void {
  const r = spawnSync(process.execPath, [bin, 'coverage', file, '--out', out], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

/** Whether a file is whole for its format (independent of the code that wrote it). */
function parses(path: string): boolean {
  const b = readFileSync(path);
  const text = (): string => b.toString('utf8');
  if (/\.(json|geojson)$/.test(path)) {
    JSON.parse(text());
    return true;
  }
  if (path.endsWith('.png'))
    return (
      b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) &&
      b.subarray(b.length - 8, b.length - 4).toString('latin1') === 'IEND'
    );
  if (path.endsWith('.svg')) return text().trimEnd().endsWith('</svg>');
  if (path.endsWith('.kml')) return text().trimEnd().endsWith('</kml>');
  if (path.endsWith('.kmz')) return b.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06])); // zip end of central directory
  if (path.endsWith('.tif')) return b.subarray(0, 4).equals(Buffer.from([0x49, 0x49, 0x2a, 0x00]));
  if (path.endsWith('.csv')) {
    const lines = text().split('\n');
    return lines.at(-1) === '' && lines.slice(0, -1).every((l) => l.split(',').length === lines[0].split(',').length);
  }
  return true;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parapet-interrupt-'));
  writeFileSync(join(dir, 'a.yaml'), scenario('interrupt A', '1000, 10000'));
  writeFileSync(join(dir, 'b.yaml'), scenario('interrupt B', '1000, 5000, 10000'));
  outA = join(dir, 'outA');
  outB = join(dir, 'outB');
  run(join(dir, 'a.yaml'), outA);
  run(join(dir, 'b.yaml'), outB);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs B over a copy of A's output and sends `signal` once `newFiles` files of B have appeared. */
async function interrupted(signal: 'SIGTERM' | 'SIGINT', newFiles: number): Promise<{ code: number | null; out: string; stderr: string; seen: number }> {
  const out = join(dir, `out-${signal}-${newFiles}`);
  cpSync(outA, out, { recursive: true });
  const before = new Map(files(out).map((f) => [f, statSync(join(out, f)).mtimeMs]));
  const child = spawn(process.execPath, [bin, 'coverage', join(dir, 'b.yaml'), '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let seen = 0;
  for (;;) {
    const done = await Promise.race([exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 20))]);
    if (done) break;
    // Files written by this run so far (new names, or old names with a newer mtime).
    const fresh = files(out).filter(
      (f) => !f.includes('.tmp') && (!before.has(f) || statSync(join(out, f), { throwIfNoEntry: false })?.mtimeMs !== before.get(f)),
    );
    seen = fresh.length;
    if (seen >= newFiles) {
      // What a worker thread stopped in the middle of a write leaves: a temporary file of this
      // process, in a folder the run writes to (named as fs/atomic-write.ts names them).
      writeFileSync(join(out, dirname(fresh[0]), `.unfinished.png.${child.pid}.0123456789ab.tmp`), 'half a PNG');
      child.kill(signal);
      break;
    }
  }
  return { code: await exited, out, stderr, seen };
}

describe('parapet coverage, interrupted while writing its outputs', () => {
  for (const [signal, newFiles, code] of [
    ['SIGTERM', 1, 143],
    ['SIGTERM', 12, 143],
    ['SIGINT', 6, 130],
  ] as const) {
    it(`${signal} after ${newFiles} new file(s): exit ${code}, no temporary files, every file whole (old or new)`, async () => {
      const r = await interrupted(signal, newFiles);
      expect(r.seen, 'the run was stopped before it finished').toBeGreaterThanOrEqual(newFiles);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toContain(`interrupted (${signal})`);
      expect(r.stderr).toMatch(/removed [1-9]\d* unfinished temporary files?/);
      const left = files(r.out);
      expect(left.filter((f) => /(^|\/)\..*\.tmp$|\.part$/.test(f))).toEqual([]);
      const a = new Set(files(outA));
      const b = new Set(files(outB));
      let fromB = 0;
      for (const f of left) {
        expect(a.has(f) || b.has(f), `${f} is an output of A or B`).toBe(true);
        expect(parses(join(r.out, f)), `${f} parses`).toBe(true);
        if (f === 'summary.json') {
          // The only file with a run-dependent field (elapsedMs): the whole of A's or B's summary.
          expect(['interrupt A', 'interrupt B']).toContain((JSON.parse(readFileSync(join(r.out, f), 'utf8')) as { scenario: { name: string } }).scenario.name);
          continue;
        }
        const bytes = readFileSync(join(r.out, f));
        const isA = a.has(f) && bytes.equals(readFileSync(join(outA, f)));
        const isB = b.has(f) && bytes.equals(readFileSync(join(outB, f)));
        expect(isA || isB, `${f} is byte for byte A's or B's`).toBe(true);
        if (isB && !isA) fromB++;
      }
      expect(fromB, 'some files are the interrupted run’s').toBeGreaterThan(0);
    });
  }
});

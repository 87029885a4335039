/**
 * kill -9 during a workspace save (what PUT /api/workspace/:file does): 30 times, a child process
 * saves two large scenarios (4 MB and 3 MB) over one file in turn, and is killed with SIGKILL at
 * a random moment. The file must then be exactly the one or the other, never a mix or a part;
 * the temporary file a killed save leaves is removed when the workspace is next opened.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Workspace } from './workspace.js';

const built = pathToFileURL(fileURLToPath(new URL('../../dist/workspace/workspace.js', import.meta.url))).href;
const ITERATIONS = 30;
const PARALLEL = 3;

/** Version `v` of the scenario: `name: version v` and a note of n copies of v (a command line cannot carry megabytes, so the child builds them too). */
const version = (v: string, n: number): string => `name: version ${v}\nnote: "${v.repeat(n)}"\n`;
const A = version('a', 4_000_000);
const B = version('b', 3_000_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parapet-ws-kill-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Saves A and B over `name` in turn until killed; prints "saving" once the first save starts. */
const child = (name: string): string => `
import { Workspace } from ${JSON.stringify(built)};
const ws = new Workspace(${JSON.stringify(dir)});
const version = ${version.toString()};
const A = version('a', 4_000_000);
const B = version('b', 3_000_000);
process.stdout.write('saving\\n');
for (let i = 0; ; i++) ws.save(${JSON.stringify(name)}, i % 2 ? A : B);
`;

/** One round: the file starts as A; a child saves over it and is killed after a random delay. */
async function round(i: number): Promise<{ content: string; leftTemp: boolean }> {
  const name = `s-${i}.yaml`;
  writeFileSync(join(dir, name), A);
  const p = spawn(process.execPath, ['--input-type=module', '-e', child(name)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  p.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => p.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    p.stdout.once('data', () => resolve());
    p.once('exit', () => reject(new Error(`the saving child exited early: ${err}`)));
  });
  await new Promise((r) => setTimeout(r, Math.random() * 400));
  p.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const leftTemp = readdirSync(dir).some((f) => f.startsWith(`.${name}.${p.pid}.`) && f.endsWith('.tmp'));
  return { content: readFileSync(join(dir, name), 'utf8'), leftTemp };
}

it(`after SIGKILL at a random moment of a save (${ITERATIONS} times), the file is the old or the new one, whole`, async () => {
  const results: { content: string; leftTemp: boolean }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < ITERATIONS) results.push(await round(next++));
    }),
  );
  expect(results).toHaveLength(ITERATIONS);
  for (const r of results) expect(r.content === A || r.content === B, `a file of ${r.content.length} bytes starting "${r.content.slice(0, 16)}"`).toBe(true);
  const midSave = results.filter((r) => r.leftTemp).length;
  console.info(
    `${ITERATIONS} SIGKILLs: ${midSave} in the middle of a save (temporary file left), ${results.filter((r) => r.content === B).length} with version B on disk, the rest A; none partial`,
  );
  // The kills landed in the middle of saves (a temporary file left), and some saves had completed (B).
  expect(results.filter((r) => r.leftTemp).length).toBeGreaterThan(0);
  expect(results.filter((r) => r.content === B).length).toBeGreaterThan(0);
  // Opening the workspace again removes what the killed saves left.
  new Workspace(dir);
  expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  expect(new Workspace(dir).list()).toHaveLength(ITERATIONS);
}, 600_000);

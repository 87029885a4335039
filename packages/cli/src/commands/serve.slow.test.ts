/**
 * `parapet serve` as a user starts it: the built CLI on an ephemeral port prints its URL on
 * stdout, answers there, and stops cleanly on SIGTERM (exit 0 when idle; 143 when it had to
 * cancel a job, with the workspace whole).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/parapet.js');

it('prints the URL of a workbench on 127.0.0.1 and stops on SIGTERM', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'parapet-serve-'));
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--workspace', ws], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^(http:\/\/\S+)\n/m.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`parapet serve exited with ${code}`)));
      setTimeout(() => reject(new Error('no URL printed within 20 s')), 20_000).unref();
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const health = (await (await fetch(new URL('api/health', url))).json()) as { ok: boolean; workspace: string };
    expect(health).toMatchObject({ ok: true, workspace: ws });
    const page = await fetch(url);
    expect(page.headers.get('content-type')).toContain('text/html');
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(ws, { recursive: true, force: true });
  }
});

it('refuses a bad port with a usage error', async () => {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(2);
  expect(err).toContain('--port must be an integer');
});

it('refuses a --web-dir without a built index.html, naming the folder', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'parapet-web-'));
  try {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--web-dir', empty], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain(`no index.html in ${empty}`);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

/** Starts `parapet serve` on an ephemeral port; resolves with the child and its URL. */
async function startServe(ws: string): Promise<{ child: ReturnType<typeof spawn>; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--workspace', ws], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(http:\/\/\S+)\n/m.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`parapet serve exited with ${code}: ${err}`)));
    setTimeout(() => reject(new Error('no URL printed within 60 s')), 60_000).unref();
  });
  return { child, url, stderr: () => err };
}

it('on SIGTERM during a coverage job: cancels it, exits 143, leaves the workspace whole and no temporary file', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'parapet-serve-term-'));
  const { child, url, stderr } = await startServe(ws);
  try {
    // A saved scenario (about 1 MB: a long note) and a long coverage job (fine grid, many layers).
    const saved = `name: saved before the signal\nnote: "${'x'.repeat(1_000_000)}"\n`;
    const put = await fetch(new URL('api/workspace/saved.yaml', url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: saved }),
    });
    expect(put.status).toBe(200);
    const heavy = `name: heavy
region: { bbox: [124.0, 36.5, 129.0, 41.0], resolutionM: 500 }
sites:
  - { id: s400, system: s-400, lon: 125.75, lat: 39.03, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
  - { id: sa5, system: s-200, lon: 126.4, lat: 38.2, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
analysis: { threats: [f-16, f-35a, b-2, cruise-missile], altitudesM: [100, 500, 1000, 3000, 10000] }
`;
    const job = (await (
      await fetch(new URL('api/coverage', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: heavy, file: 'heavy.yaml' }),
      })
    ).json()) as { id: string };
    for (let i = 0; ; i++) {
      const j = (await (await fetch(new URL(`api/jobs/${job.id}`, url))).json()) as { status: string };
      if (j.status === 'running') break;
      expect(j.status, 'the job is still to run').toBe('queued');
      expect(i).toBeLessThan(600);
      await new Promise((r) => setTimeout(r, 100));
    }
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code, stderr()).toBe(143);
    expect(stderr()).toMatch(/SIGTERM: stopping \(cancelling 1 running and 0 queued job\)/);
    expect(readdirSync(ws)).toEqual(['saved.yaml']);
    expect(readFileSync(join(ws, 'saved.yaml'), 'utf8')).toBe(saved);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(ws, { recursive: true, force: true });
  }
});

/**
 * `parapet serve` as a user starts it: the built CLI on an ephemeral port prints its URL on
 * stdout, answers there, and stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

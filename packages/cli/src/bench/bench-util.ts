/** What the benchmarks share: numeric options and timing a peer tool's process. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** `--name VALUE` from the command line as a number, else `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Runs `cmd` (under /usr/bin/time when it exists): wall and CPU (user + system) milliseconds. */
export function timedSpawn(cmd: string, args: string[]): { ms: number; cpuMs: number } {
  const timed = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = timed ? spawnSync('/usr/bin/time', ['-f', 'PARAPET_TIME %U %S', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr}`);
  const m = /PARAPET_TIME ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
}

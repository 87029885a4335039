/**
 * What a reader needs to run a report again and get the same numbers: the command, Parapet's
 * version (the root package.json), Node's, the git commit of the checkout (and whether it had
 * uncommitted changes), the seed, and the SHA-256 of every input file — the scenarios as read and
 * the catalog files of the entries they use, plus a digest of the whole catalog.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { dataDir } from '../data-dir.js';
import type { CatalogEntryUsed } from './catalog-values.js';

export interface ReproduceInfo {
  /** Shell commands, in order. */
  commands: string[];
  parapetVersion: string;
  nodeVersion: string;
  /** Undefined outside a git checkout (or without git). */
  git?: { commit: string; dirty: boolean };
  /** Filled in when the PDF is rendered. */
  chromiumVersion?: string;
  runs: number;
  seed: number;
  inputs: { file: string; sha256: string }[];
  /** SHA-256 over every catalog file (sorted paths, each path, a NUL, its contents). */
  catalogSha256: string;
  generatedAt: string;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** A word as a POSIX shell reads it back: bare when safe, else single-quoted. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The `parapet report` command line that makes a report with these settings. */
export function reportCommand(o: { a: string; b?: string; outDir?: string; runs: number; seed: number; pdf: boolean; jamming: boolean }): string {
  return [
    'npx parapet report',
    shellWord(o.a),
    ...(o.b ? [shellWord(o.b)] : []),
    ...(o.outDir ? [`--out ${shellWord(o.outDir)}`] : []),
    `--runs ${o.runs}`,
    `--seed ${o.seed}`,
    ...(o.pdf ? [] : ['--no-pdf']),
    ...(o.jamming ? [] : ['--no-jamming']),
  ].join(' ');
}

function parapetVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function gitState(root: string): ReproduceInfo['git'] {
  try {
    const run = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const commit = run('rev-parse', 'HEAD');
    return { commit, dirty: run('status', '--porcelain', '--untracked-files=no').length > 0 };
  } catch {
    return undefined;
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]))
    .sort();
}

const KIND_DIR = { system: 'systems', threat: 'threats', jammer: 'jammers' } as const;

export function reproduceInfo(opts: {
  command: string;
  scenarios: { file: string; text: string }[];
  entries: readonly CatalogEntryUsed[];
  runs: number;
  seed: number;
}): ReproduceInfo {
  const data = dataDir();
  const root = dirname(data);
  const catalogDir = join(data, 'catalog');
  const git = gitState(root);
  const inputs = opts.scenarios.map((s) => ({ file: s.file, sha256: sha256(s.text) }));
  for (const e of opts.entries) {
    const f = join(catalogDir, KIND_DIR[e.kind], `${e.id}.yaml`);
    if (existsSync(f)) inputs.push({ file: relative(root, f), sha256: sha256(readFileSync(f)) });
  }
  const digest = createHash('sha256');
  for (const f of filesUnder(catalogDir)) digest.update(relative(catalogDir, f)).update('\0').update(readFileSync(f));
  return {
    commands: [...(git ? [`git checkout ${git.commit}`] : []), 'npm ci', opts.command],
    parapetVersion: parapetVersion(root),
    nodeVersion: process.version,
    git,
    runs: opts.runs,
    seed: opts.seed,
    inputs,
    catalogSha256: digest.digest('hex'),
    generatedAt: new Date().toISOString(),
  };
}

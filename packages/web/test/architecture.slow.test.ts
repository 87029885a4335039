/**
 * The web app's structure, checked: no circular imports (madge over the sources), components that
 * reach no other component (they share state through the store and act through the actions; only
 * the shell, app.ts, mounts them), every package it imports declared in its package.json, and no
 * upward dependency of the server on the web app (the server is handed the built bundle's folder).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import madge from 'madge';
import { beforeAll, describe, expect, it } from 'vitest';

const WEB = join(import.meta.dirname, '..');
const SRC = join(WEB, 'src');

/** Every module of src/ and what it imports (paths relative to src/), from madge. */
let graph: Record<string, string[]>;
let circular: string[][];

beforeAll(async () => {
  const res = await madge(join(SRC, 'main.ts'), {
    baseDir: SRC,
    fileExtensions: ['ts'],
    tsConfig: join(WEB, 'tsconfig.json'),
    excludeRegExp: [/^\.\.\//, /node_modules/],
  });
  graph = res.obj();
  circular = res.circular();
});

/** Files under `dir` (recursively) ending in `.ts`. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Bare package names a file imports, split by whether the import is type-only. */
function packagesOf(file: string): { runtime: Set<string>; types: Set<string> } {
  const text = readFileSync(file, 'utf8');
  const runtime = new Set<string>();
  const types = new Set<string>();
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'([^'.][^']*)'|^\s*import\s+'([^'.][^']*)'/gm)) {
    const spec = m[3] ?? m[4];
    if (spec.startsWith('node:')) continue;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    (m[2] ? types : runtime).add(name);
  }
  return { runtime, types };
}

describe('web app structure', () => {
  it('has no circular imports', () => {
    expect(Object.keys(graph).length).toBeGreaterThan(20);
    expect(circular).toEqual([]);
  });

  it('has components that import no other component, mounted only by the shell', () => {
    const components = Object.keys(graph).filter((f) => f.startsWith('components/'));
    expect(components.length).toBeGreaterThanOrEqual(12);
    for (const c of components) expect({ [c]: graph[c].filter((d) => d.startsWith('components/')) }).toEqual({ [c]: [] });
    const importers = Object.entries(graph)
      .filter(([, deps]) => deps.some((d) => d.startsWith('components/')))
      .map(([f]) => f);
    expect(importers).toEqual(['app.ts']);
  });

  it('declares every package it imports: at run time in dependencies, types and tests in either', () => {
    const pkg = JSON.parse(readFileSync(join(WEB, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const deps = new Set(Object.keys(pkg.dependencies));
    const all = new Set([...deps, ...Object.keys(pkg.devDependencies), 'vitest', 'vite']);
    const missing: string[] = [];
    for (const f of tsFiles(SRC)) {
      const { runtime, types } = packagesOf(f);
      for (const p of runtime) if (!deps.has(p)) missing.push(`${f}: ${p} (run time)`);
      for (const p of types) if (!all.has(p)) missing.push(`${f}: ${p} (types)`);
    }
    for (const f of tsFiles(join(WEB, 'test'))) for (const p of [...packagesOf(f).runtime, ...packagesOf(f).types]) if (!all.has(p)) missing.push(`${f}: ${p}`);
    expect(missing).toEqual([]);
    // And the web app is what it says: it imports core at run time.
    expect(deps.has('@parapet/core')).toBe(true);
  });

  it('is not a dependency of the server', () => {
    const server = join(WEB, '../server');
    const pkg = JSON.parse(readFileSync(join(server, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    expect(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })).not.toContain('@parapet/web');
    const users = tsFiles(join(server, 'src')).filter((f) => /from '@parapet\/web/.test(readFileSync(f, 'utf8')));
    expect(users).toEqual([]);
  });
});

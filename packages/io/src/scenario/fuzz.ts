/**
 * A seeded fuzzer of the scenario reader and validator (no dependency beyond the project's own):
 * mutates the example scenarios (data/scenarios/*.yaml) by text and by structure, runs
 * `parseScenarioText` in-process, and checks that every case either validates or yields located
 * problems (FILE:LINE:COL) — never throws — within a time bound.
 *
 *   npm run fuzz                      # short mode: 2,000 cases, seed 1
 *   npm run fuzz -- --long            # long mode: 100,000 cases
 *   npm run fuzz -- --cases 5000 --seed 7   (or FUZZ_CASES=…, FUZZ_SEED=…)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify as yamlStringify, parse as yamlParse } from 'yaml';
import type { Catalog } from '@parapet/core';
import { loadCatalog } from '../catalog/load-catalog.js';
import { dataDir } from '../data-dir.js';
import { formatProblem } from '../problems.js';
import { parseScenarioText } from './load-scenario.js';

export interface FuzzOptions {
  seed?: number;
  cases?: number;
  /** Time bound of one case, ms of CPU time (user + system). */
  perCaseMs?: number;
  catalog?: Catalog;
  /** Texts to mutate; default: data/scenarios/*.yaml. */
  seeds?: string[];
}

export interface FuzzFailure {
  index: number;
  kind: 'threw' | 'bad-problem' | 'slow';
  detail: string;
  mutations: string[];
  /** The offending input (first 2,000 characters). */
  input: string;
}

export interface FuzzReport {
  cases: number;
  valid: number;
  invalid: number;
  failures: FuzzFailure[];
  slowestMs: number;
  /** Mutations of the slowest case. */
  slowestMutations: string[];
  mutationCounts: Record<string, number>;
}

/** mulberry32: a small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (r: Rng, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)];

const WEIRD_NUMBERS = [
  '1e309',
  '-1e309',
  '.nan',
  '.inf',
  '-.inf',
  'NaN',
  'Infinity',
  '0x7fffffff',
  '0o777',
  '1e-400',
  '-0',
  '9007199254740993',
  '1.7976931348623157e308',
  '""',
  '~',
  'null',
  'true',
  '12:30:00',
  '2001-12-14',
  '1_000',
];
const WEIRD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  1e-320,
  'NaN',
  'Infinity',
  '-Infinity',
  '.nan',
  '',
  ' ',
  'x'.repeat(10_000),
  [],
  {},
  [[[]]],
  { lon: 1 },
  '__proto__',
  'constructor',
  'toString',
];
const SNIPPETS = [
  '? [a, b]\n: 1\n',
  '{a: 1}: 2\n',
  '&a ',
  '*a',
  '*zz',
  '&a [*a]',
  '!!unknown ',
  '!foo ',
  '!!binary ',
  '!!set ',
  '!!omap ',
  '!!timestamp ',
  '!<tag:x> ',
  '? ',
  '<<: *a\n',
  '---\n',
  '...\n',
  '%YAML 1.1\n',
  '\t',
  '\u0000',
  '\uFEFF',
  '\uFFFD',
  '\r\n',
  '"\\u0000"',
  "'",
  '"',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '- ',
  '#',
  '|',
  '>',
  '__proto__: {}\n',
  'constructor: 1\n',
];

function deepText(r: Rng): string {
  const n = 1 + int(r, 200);
  const [o, c] = r() < 0.5 ? ['[', ']'] : ['{a: ', '}'];
  return o.repeat(n) + '1' + (r() < 0.8 ? c.repeat(n) : '');
}

function aliasBomb(r: Rng): string {
  const levels = 3 + int(r, 8);
  let s = 'x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i <= levels; i++)
    s += `x${i}: &x${i} [${Array(9)
      .fill(`*x${i - 1}`)
      .join(', ')}]\n`;
  return s;
}

/** Mutations of the text: byte-level and YAML-aware snippets. */
const TEXT_MUTATIONS: Record<string, (t: string, r: Rng) => string> = {
  truncate: (t, r) => t.slice(0, int(r, t.length + 1)),
  deleteRange: (t, r) => {
    const a = int(r, t.length + 1);
    return t.slice(0, a) + t.slice(a + int(r, 200));
  },
  duplicateRange: (t, r) => {
    const a = int(r, t.length + 1);
    const b = Math.min(t.length, a + int(r, 400));
    return t.slice(0, b) + t.slice(a, b) + t.slice(b);
  },
  duplicateLine: (t, r) => {
    const lines = t.split('\n');
    const i = int(r, lines.length);
    lines.splice(i, 0, lines[i]);
    return lines.join('\n');
  },
  swapLines: (t, r) => {
    const lines = t.split('\n');
    const i = int(r, lines.length);
    const j = int(r, lines.length);
    [lines[i], lines[j]] = [lines[j], lines[i]];
    return lines.join('\n');
  },
  reindent: (t, r) => {
    const lines = t.split('\n');
    const i = int(r, lines.length);
    lines[i] = (r() < 0.5 ? ' '.repeat(1 + int(r, 5)) : '') + lines[i].trimStart();
    return lines.join('\n');
  },
  randomBytes: (t, r) => {
    const a = int(r, t.length + 1);
    let junk = '';
    for (let k = 1 + int(r, 20); k > 0; k--) junk += String.fromCharCode(r() < 0.8 ? int(r, 128) : int(r, 0x10000));
    return t.slice(0, a) + junk + t.slice(a);
  },
  weirdNumber: (t, r) => {
    const nums = [...t.matchAll(/-?\d+(\.\d+)?/g)];
    if (nums.length === 0) return t;
    const m = pick(r, nums);
    return t.slice(0, m.index!) + pick(r, WEIRD_NUMBERS) + t.slice(m.index! + m[0].length);
  },
  hugeNumber: (t, r) => {
    const nums = [...t.matchAll(/\d+(\.\d+)?/g)];
    if (nums.length === 0) return t;
    const m = pick(r, nums);
    return t.slice(0, m.index!) + '9'.repeat(1 + int(r, 400)) + t.slice(m.index! + m[0].length);
  },
  snippet: (t, r) => {
    const a = int(r, t.length + 1);
    return t.slice(0, a) + pick(r, SNIPPETS) + t.slice(a);
  },
  tagValue: (t, r) => {
    const spots = [...t.matchAll(/: /g)];
    if (spots.length === 0) return t;
    const m = pick(r, spots);
    return `${t.slice(0, m.index! + 2)}${pick(r, ['!!unknown ', '!foo ', '!!str ', '!!int ', '!!float ', '!!binary ', '!!map ', '!!seq ', '!!null ', '! '])}${t.slice(m.index! + 2)}`;
  },
  anchorAlias: (t, r) => {
    const spots = [...t.matchAll(/: /g)];
    if (spots.length < 2) return t;
    const a = pick(r, spots);
    const b = pick(r, spots);
    const name = pick(r, ['a', 'b', 'site']);
    // Anchor one value, alias another (maybe before the anchor: unresolved).
    const [first, second] = a.index! < b.index! ? [a, b] : [b, a];
    const anchored = `${t.slice(0, first.index! + 2)}&${name} ${t.slice(first.index! + 2, second.index! + 2)}`;
    const rest = t.slice(second.index! + 2).replace(/^[^\n]*/, `*${r() < 0.2 ? 'nope' : name}`);
    return anchored + rest;
  },
  aliasBomb: (t, r) => `${aliasBomb(r)}${t}`,
  deepNesting: (t, r) => {
    const spots = [...t.matchAll(/: /g)];
    if (spots.length === 0) return deepText(r);
    const m = pick(r, spots);
    return t.slice(0, m.index! + 2) + deepText(r) + t.slice(m.index! + 2).replace(/^[^\n]*/, '');
  },
  deepBlockNesting: (t, r) => {
    let s = '';
    for (let d = 0; d < 30 + int(r, 120); d++) s += `${' '.repeat(d)}k${d}:\n`;
    return r() < 0.5 ? `${t}\n${s}${' '.repeat(200)}v\n` : `${s}${t}`;
  },
  crlf: (t) => t.replace(/\n/g, '\r\n'),
  bom: (t) => `\uFEFF${t}`,
  empty: () => '',
};

type Json = unknown;

/** Paths of every node of a plain value, without recursion. */
function allPaths(v: Json): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: { v: Json; path: (string | number)[] }[] = [{ v, path: [] }];
  while (stack.length > 0 && out.length < 5000) {
    const { v: x, path } = stack.pop()!;
    out.push(path);
    if (Array.isArray(x)) x.forEach((y, i) => stack.push({ v: y, path: [...path, i] }));
    else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) stack.push({ v: y, path: [...path, k] });
  }
  return out;
}

function getAt(root: Json, path: (string | number)[]): Json {
  let x = root as Record<string | number, Json>;
  for (const k of path) x = x?.[k] as Record<string | number, Json>;
  return x;
}

function setAt(root: Json, path: (string | number)[], value: Json, del = false): Json {
  if (path.length === 0) return value;
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, Json> | Json[];
  const key = path[path.length - 1];
  if (Array.isArray(parent) && typeof key === 'number') {
    if (del) parent.splice(key, 1);
    else parent[key] = value;
  } else if (parent && typeof parent === 'object') {
    if (del) delete (parent as Record<string, Json>)[key];
    else (parent as Record<string, Json>)[key] = value;
  }
  return root;
}

/** Mutations of the parsed structure, written back as YAML or JSON. */
const STRUCT_MUTATIONS: Record<string, (v: Json, r: Rng) => Json> = {
  deleteKey: (v, r) => {
    const paths = allPaths(v).filter((p) => p.length > 0);
    return paths.length ? setAt(v, pick(r, paths), undefined, true) : v;
  },
  duplicateKey: (v, r) => {
    // Same value under a near-miss key (a typo), or a sibling copied into an array.
    const p = pick(r, allPaths(v));
    const x = getAt(v, p);
    if (Array.isArray(x) && x.length) {
      const n = r() < 0.1 ? 300 + int(r, 800) : 1 + int(r, 3);
      for (let i = 0; i < n; i++) x.push(structuredClone(x[int(r, x.length)]));
    } else if (x && typeof x === 'object') {
      const keys = Object.keys(x);
      if (keys.length) {
        const k = pick(r, keys);
        (x as Record<string, Json>)[pick(r, [`${k}s`, k.toLowerCase(), `${k}_`, k.slice(1)])] = structuredClone((x as Record<string, Json>)[k]);
      }
    }
    return v;
  },
  swapType: (v, r) => {
    const p = pick(r, allPaths(v));
    const x = getAt(v, p);
    const swapped =
      typeof x === 'number'
        ? String(x)
        : typeof x === 'string'
          ? Number.isFinite(Number(x))
            ? Number(x)
            : [x]
          : Array.isArray(x)
            ? Object.fromEntries(x.map((y, i) => [String(i), y]))
            : x && typeof x === 'object'
              ? Object.values(x)
              : pick(r, WEIRD_VALUES);
    return setAt(v, p, swapped);
  },
  weirdValue: (v, r) => setAt(v, pick(r, allPaths(v)), structuredClone(pick(r, WEIRD_VALUES))),
  hugeNumber: (v, r) => {
    const paths = allPaths(v).filter((p) => typeof getAt(v, p) === 'number');
    return paths.length
      ? setAt(v, pick(r, paths), pick(r, [1e308, -1e308, Infinity, -Infinity, NaN, 2 ** 53 + 1, 1e-320, -0, 1e9, 360.0000001, -180.5, 90.0001]))
      : v;
  },
  deepNesting: (v, r) => {
    const p = pick(r, allPaths(v));
    let x: Json = getAt(v, p);
    for (let d = 20 + int(r, 100); d > 0; d--) x = r() < 0.5 ? [x] : { k: x };
    return setAt(v, p, x);
  },
  bigRegion: (v, r) => {
    const bbox = pick(r, [
      [-180, -85, 180, 85],
      [-180, -90, 180, 90],
      [170, 10, 190, 20],
      [190, 10, 200, 20],
      [179, 0, -179, 1],
      [0, 84, 10, 89.95],
      [0, -89.99, 1, -89.9],
      [124, 36, 130, 41],
      [0, 0, 1e-9, 1e-9],
    ]);
    const res = pick(r, [50, 100, 1000, 50_000, 49, 0, -1, 1e308]);
    return setAt(v, ['region'], { bbox, resolutionM: res });
  },
};

function serialise(v: Json, r: Rng): string {
  if (r() < 0.3) {
    try {
      return JSON.stringify(v, null, r() < 0.5 ? 2 : undefined) ?? '';
    } catch {
      return '';
    }
  }
  return yamlStringify(v, { aliasDuplicateObjects: false, lineWidth: 0 });
}

/** One fuzz input from a seed text, and the names of the mutations applied. */
export function mutate(seedText: string, r: Rng): { text: string; mutations: string[] } {
  const mutations: string[] = [];
  let text = seedText;
  if (r() < 0.45) {
    let v: Json = yamlParse(seedText);
    const names = Object.keys(STRUCT_MUTATIONS);
    for (let k = 1 + int(r, 3); k > 0; k--) {
      const name = pick(r, names);
      mutations.push(`struct:${name}`);
      v = STRUCT_MUTATIONS[name](v, r);
    }
    text = serialise(v, r);
  }
  const names = Object.keys(TEXT_MUTATIONS);
  for (let k = mutations.length ? int(r, 2) : 1 + int(r, 3); k > 0; k--) {
    const name = pick(r, names);
    mutations.push(`text:${name}`);
    text = TEXT_MUTATIONS[name](text, r);
  }
  return { text, mutations };
}

export function exampleScenarioTexts(): string[] {
  const dir = join(dataDir(), 'scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** Runs `cases` seeded cases; a failure is a throw, a problem that is not located, or a slow case. */
export function runFuzz(opts: FuzzOptions = {}): FuzzReport {
  const seed = opts.seed ?? 1;
  const cases = opts.cases ?? 2000;
  const perCaseMs = opts.perCaseMs ?? 2000;
  const catalog = opts.catalog ?? loadCatalog();
  const seeds = opts.seeds ?? exampleScenarioTexts();
  const r = prng(seed);
  const report: FuzzReport = { cases, valid: 0, invalid: 0, failures: [], slowestMs: 0, slowestMutations: [], mutationCounts: {} };
  const file = 'fuzz.yaml';
  for (let index = 0; index < cases; index++) {
    const { text, mutations } = mutate(pick(r, seeds), r);
    for (const m of mutations) report.mutationCounts[m] = (report.mutationCounts[m] ?? 0) + 1;
    const fail = (kind: FuzzFailure['kind'], detail: string): void => {
      report.failures.push({ index, kind, detail, mutations, input: text.slice(0, 2000) });
    };
    // CPU time of this thread, not wall time: on a shared machine a case must not count as slow
    // because other jobs took the cores.
    const cpu0 = process.cpuUsage();
    try {
      const res = parseScenarioText(text, file, catalog);
      if (res.ok) report.valid++;
      else {
        report.invalid++;
        if (res.problems.length === 0) fail('bad-problem', 'invalid with no problems');
        for (const p of res.problems) {
          const ok =
            p.file === file &&
            Number.isInteger(p.line) &&
            p.line >= 1 &&
            Number.isInteger(p.col) &&
            p.col >= 1 &&
            typeof p.path === 'string' &&
            typeof p.message === 'string' &&
            p.message.length > 0;
          if (!ok) {
            fail('bad-problem', `not a located problem: ${JSON.stringify(p).slice(0, 300)}`);
            break;
          }
          formatProblem(p);
        }
      }
    } catch (e) {
      fail('threw', e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}\n${e.stack?.split('\n').slice(1, 6).join('\n')}` : String(e));
    }
    const cpu = process.cpuUsage(cpu0);
    const ms = (cpu.user + cpu.system) / 1000;
    if (ms > report.slowestMs) {
      report.slowestMs = ms;
      report.slowestMutations = mutations;
    }
    if (ms > perCaseMs) fail('slow', `took ${ms.toFixed(0)} ms of CPU (bound ${perCaseMs} ms)`);
  }
  return report;
}

function main(argv: string[]): number {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const long = argv.includes('--long');
  const cases = Number(arg('--cases') ?? process.env.FUZZ_CASES ?? (long ? 100_000 : 2000));
  const seed = Number(arg('--seed') ?? process.env.FUZZ_SEED ?? 1);
  if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed)) {
    process.stderr.write('usage: fuzz [--long] [--cases N] [--seed S]\n');
    return 2;
  }
  const t0 = performance.now();
  const rep = runFuzz({ seed, cases });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  process.stdout.write(
    `fuzz: ${rep.cases} cases (seed ${seed}) in ${s} s: ${rep.valid} valid, ${rep.invalid} with located problems, ${rep.failures.length} failures; slowest case ${rep.slowestMs.toFixed(0)} ms [${rep.slowestMutations.join(', ')}]\n`,
  );
  for (const f of rep.failures.slice(0, 20)) {
    process.stdout.write(`\n#${f.index} ${f.kind} [${f.mutations.join(', ')}]\n${f.detail}\n--- input (start) ---\n${f.input.slice(0, 600)}\n`);
  }
  return rep.failures.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));

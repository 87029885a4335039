/**
 * The derivation tree behind a number: every result names its formula, its inputs (each with
 * value, unit, where it came from — catalog path, sources and confidence, the scenario, or a
 * stated default) and the intermediate values between them. The CLI prints it as a tree and
 * `--json` hands the same object to the UI.
 */
import type { Dimension, Source, Confidence, Value, ValueCase, CoverageSense } from '../catalog/value.js';
import { pickValue, UNIT_FACTORS } from '../catalog/value.js';

export type Origin =
  | {
      kind: 'catalog';
      /** Dotted path inside the catalog entry, e.g. "s-400.radars[0].detectionRange". */
      path: string;
      sources: Source[];
      confidence: Confidence;
      note?: string;
      /** The value as written in the catalog, in its own unit. */
      nominal: number;
      low?: number;
      high?: number;
      unit: string;
      /** Which end of the spread this analysis took. */
      valueCase: ValueCase;
    }
  | { kind: 'scenario'; path: string; note?: string }
  | { kind: 'default'; note: string }
  | { kind: 'constant'; reference: string }
  | { kind: 'model'; reference: string };

export interface ExplainNode {
  /** Stable key for links from summaries (e.g. "detect.91n6e.range"). */
  id: string;
  label: string;
  symbol?: string;
  /** SI value (metres, m², seconds, linear ratios); booleans for verdicts. */
  value: number | boolean;
  /** SI unit of `value` ("m", "m2", "1", "dB", "m/s", "rad"…); empty for booleans. */
  unit: string;
  /** The equation, in symbols. */
  formula?: string;
  /** The equation with the numbers substituted, as shown. */
  substituted?: string;
  origin?: Origin;
  note?: string;
  children: ExplainNode[];
}

export function node(n: Omit<ExplainNode, 'children'> & { children?: ExplainNode[] }): ExplainNode {
  return { ...n, children: n.children ?? [] };
}

const SI_UNIT: Record<Dimension, string> = {
  length: 'm',
  area: 'm2',
  speed: 'm/s',
  time: 's',
  ratio: '1',
  count: 'count',
  frequency: 'Hz',
  power: 'dB',
  angle: 'rad',
};

/** Where a sourced catalog value came from: its path, sources, confidence and spread, and the value case read. */
export function catalogOrigin(path: string, v: Value, valueCase: ValueCase): Origin {
  return {
    kind: 'catalog',
    path,
    sources: v.sources,
    confidence: v.confidence,
    note: v.note,
    nominal: v.nominal,
    low: v.low,
    high: v.high,
    unit: v.unit,
    valueCase,
  };
}

/** An input read from a sourced catalog value at the analysis' value case. */
export function catalogInput(
  id: string,
  label: string,
  symbol: string,
  v: Value,
  dim: Dimension,
  valueCase: ValueCase,
  sense: CoverageSense,
  path: string,
): ExplainNode {
  const factors = UNIT_FACTORS[dim] as Record<string, number>;
  if (factors[v.unit] === undefined) throw new RangeError(`${path}: unit "${v.unit}" is not a ${dim} unit`);
  return node({ id, label, symbol, value: pickValue(v, dim, valueCase, sense), unit: SI_UNIT[dim], origin: catalogOrigin(path, v, valueCase) });
}

/** An input the catalog does not state, filled by a documented default. */
export function defaultInput(id: string, label: string, symbol: string, value: number, unit: string, note: string): ExplainNode {
  return node({ id, label, symbol, value, unit, origin: { kind: 'default', note } });
}

/** Depth-first search of a tree by id. */
export function findNode(root: ExplainNode, id: string): ExplainNode | undefined {
  if (root.id === id) return root;
  for (const c of root.children) {
    const f = findNode(c, id);
    if (f) return f;
  }
  return undefined;
}

/** A node's value with its unit, as a person reads it ("12.3 km", "13.10 dB", "Swerling I"). */
export function formatExplainValue(n: Pick<ExplainNode, 'value' | 'unit'>): string {
  const v = n.value;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  switch (n.unit) {
    case 'm':
      if (!Number.isFinite(v)) return 'none (beyond the horizon)';
      return Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(1)} km` : `${v.toFixed(0)} m`;
    case 'm2':
      return `${v} m²`;
    case 'm/s':
      return `${v.toFixed(0)} m/s`;
    case 'dB':
      return `${v.toFixed(2)} dB`;
    case 'rad':
      return `${((v * 180) / Math.PI).toFixed(2)}°`;
    case 'count':
    case '':
      return String(v);
    case 'case':
      return `Swerling ${['0', 'I', 'II', 'III', 'IV'][v] ?? v}`;
    case '1':
      return v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(1) : `${Number(v.toPrecision(4))}`;
    default:
      return `${Number(v.toPrecision(6))} ${n.unit}`;
  }
}

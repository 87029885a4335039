/**
 * YAML (or JSON, a subset) parsed with source positions, so that a problem found at a document
 * path — by a schema or a reference check — can be reported as FILE:LINE:COL.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** Limits on a YAML or JSON document, so that a hostile or broken file is refused, not a crash. */
export const YAML_LIMITS = {
  /** Alias expansions (`*name`) in one document: stops "billion laughs" alias bombs. */
  maxAliasCount: 100,
  /** Nesting depth of maps and lists. */
  maxDepth: 64,
} as const;

/** Tags a scenario may use: the YAML core schema's own; anything else (`!foo`, `!!binary`) is refused. */
const ALLOWED_TAGS = new Set([
  'tag:yaml.org,2002:str',
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:map',
  'tag:yaml.org,2002:seq',
]);

export interface Located {
  line: number;
  col: number;
}

export interface LocatedProblem extends Located {
  /** Dotted path such as `sites[2].system`, or '' for the document itself. */
  path: string;
  message: string;
}

export interface LocatedDocument {
  /** The plain value, or undefined when the text has syntax errors. */
  value: unknown;
  syntaxErrors: LocatedProblem[];
  /** Position of the node at `path`, or of its deepest existing ancestor. */
  locate(path: readonly (string | number)[]): Located;
}

/** `sites[2].system` from ['sites', 2, 'system']. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

export function parseLocated(text: string): LocatedDocument {
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    // The parser reports its own problems as errors; a throw (e.g. stack exhaustion) is one too.
    const at = { line: 1, col: 1 };
    return { value: undefined, syntaxErrors: [{ ...at, path: '', message: resourceMessage(e) }], locate: () => at };
  }
  const pos = (offset: number): Located => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const syntaxErrors: LocatedProblem[] = doc.errors.map((e) => ({
    ...pos(e.pos[0]),
    path: '',
    message:
      e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message)
        ? `nesting is too deep (the limit is ${YAML_LIMITS.maxDepth} levels)`
        : e.message.split('\n')[0],
  }));
  const locate = (path: readonly (string | number)[]): Located => {
    let node: unknown = doc.contents;
    let best: Located = node && (node as Node).range ? pos((node as Node).range![0]) : { line: 1, col: 1 };
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(key));
        if (!pair) break;
        const keyNode = pair.key as Node;
        if (keyNode.range) best = pos(keyNode.range[0]);
        node = pair.value;
        if (node && (node as Node).range && !isMap(node) && !isSeq(node)) best = pos((node as Node).range![0]);
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as Node | undefined;
        if (!item) break;
        if (item.range) best = pos(item.range[0]);
        node = item;
      } else break;
    }
    return best;
  };
  if (syntaxErrors.length === 0) syntaxErrors.push(...structureProblems(doc, pos));
  if (syntaxErrors.length) return { value: undefined, syntaxErrors, locate };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (e) {
    // Alias expansion beyond the limit (or an alias the walk above did not catch).
    const first = firstAlias(doc);
    const at = first?.range ? pos(first.range[0]) : { line: 1, col: 1 };
    const message = /excessive alias count/i.test(String((e as Error)?.message))
      ? `too many alias expansions (the limit is ${YAML_LIMITS.maxAliasCount}): the document expands aliases (*name) too often`
      : resourceMessage(e);
    return { value: undefined, syntaxErrors: [{ ...at, path: '', message }], locate };
  }
  return { value, syntaxErrors, locate };
}

function resourceMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError && /call stack/i.test(m)) return `nesting is too deep (the limit is ${YAML_LIMITS.maxDepth} levels)`;
  return `cannot read the document: ${m.split('\n')[0]}`;
}

/**
 * Problems the YAML parser leaves to later (or to a throw): nesting too deep, tags other than the
 * core schema's, aliases without an anchor before them. Walks the node tree without recursion.
 */
function structureProblems(doc: Document, pos: (offset: number) => Located): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const at = (n: Node | null | undefined): Located => (n?.range ? pos(n.range[0]) : { line: 1, col: 1 });
  // Depth first, in document order, so that anchors are seen before the aliases after them.
  const anchors = new Set<string>();
  // An anchor counts once its node is complete: `&a [*a]` (a recursive structure) is refused.
  const stack: { node: unknown; depth: number; anchorDone?: string }[] = [{ node: doc.contents, depth: 1 }];
  let depthReported = false;
  while (stack.length > 0 && problems.length < 20) {
    const { node, depth, anchorDone } = stack.pop()!;
    if (anchorDone !== undefined) {
      anchors.add(anchorDone);
      continue;
    }
    if (node === null || node === undefined) continue;
    if (isPair(node)) {
      if (isCollection(node.key)) {
        // `? [a, b]: …` or `{a: 1}: …`: a JS object cannot hold it (yaml would stringify it and warn).
        problems.push({ ...at(node.key as Node), path: '', message: 'a key must be a plain value, not a map or a list' });
        continue;
      }
      stack.push({ node: node.value, depth }, { node: node.key, depth });
      continue;
    }
    const n = node as Node;
    if (isAlias(n)) {
      if (!anchors.has(n.source)) problems.push({ ...at(n), path: '', message: `unresolved alias *${n.source}: no complete anchor &${n.source} before it` });
      continue;
    }
    if (n.anchor) {
      if (isCollection(n)) stack.push({ node: null, depth, anchorDone: n.anchor });
      else anchors.add(n.anchor);
    }
    if (n.tag && !ALLOWED_TAGS.has(n.tag)) {
      problems.push({ ...at(n), path: '', message: `unsupported tag ${n.tag.replace(/^tag:yaml\.org,2002:/, '!!')}: a scenario uses plain YAML values only` });
    }
    if (isCollection(n)) {
      if (depth > YAML_LIMITS.maxDepth) {
        if (!depthReported) problems.push({ ...at(n), path: '', message: `nesting is too deep: more than ${YAML_LIMITS.maxDepth} levels of maps and lists` });
        depthReported = true;
        continue;
      }
      const items = n.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) stack.push({ node: items[i], depth: depth + 1 });
    }
  }
  return problems;
}

function firstAlias(doc: Document): Node | undefined {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (isAlias(node)) return node as Node;
    if (isCollection(node)) {
      const items = node.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
    }
  }
  return undefined;
}

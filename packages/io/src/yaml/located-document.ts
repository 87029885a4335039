/**
 * YAML (or JSON, a subset) parsed with source positions, so that a problem found at a document
 * path — by a schema or a reference check — can be reported as FILE:LINE:COL.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

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
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number): Located => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const syntaxErrors: LocatedProblem[] = doc.errors.map((e) => ({ ...pos(e.pos[0]), path: '', message: e.message.split('\n')[0] }));
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
  return { value: syntaxErrors.length ? undefined : doc.toJS(), syntaxErrors, locate };
}

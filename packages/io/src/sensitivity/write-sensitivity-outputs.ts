/**
 * What `parapet sensitivity` writes into its output folder:
 *   sensitivity.json              the document (document.ts)
 *   tornado-<headline>.svg/.png   what drives each headline result (render/tornado-svg.ts)
 *   outcome-<headline>.svg/.png   the distribution of each survival result across the draws
 *                                 (render/outcome-histogram-svg.ts)
 * <headline> is the headline id with "/" as "-" (survival-f35a-flight, engaged-area-f-35a-10000).
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { outcomeHistogramSvg } from '../render/outcome-histogram-svg.js';
import { writeSvgAndPng } from '../render/svg-to-png.js';
import { tornadoSvg } from '../render/tornado-svg.js';
import type { SensitivityDocument } from './document.js';

/** The file-name part of a headline id. */
export function headlineFileName(id: string): string {
  return id.replace(/\//g, '-');
}

/** Writes every output of an analysis into `outDir`; returns the files written. */
export function writeSensitivityOutputs(outDir: string, doc: SensitivityDocument, opts: { svgOnly?: boolean } = {}): string[] {
  const files: string[] = [];
  const json = join(outDir, 'sensitivity.json');
  writeFileAtomic(json, `${JSON.stringify(doc, null, 2)}\n`);
  files.push(json);
  const figure = (name: string, svg: string): void => {
    if (opts.svgOnly) {
      const f = join(outDir, `${name}.svg`);
      writeFileAtomic(f, svg);
      files.push(f);
    } else {
      const w = writeSvgAndPng(join(outDir, name), svg);
      files.push(w.svgPath, w.pngPath);
    }
  };
  for (const h of doc.headlines) {
    figure(`tornado-${headlineFileName(h.id)}`, tornadoSvg(doc, h));
    if (h.kind === 'survival') figure(`outcome-${headlineFileName(h.id)}`, outcomeHistogramSvg(doc, h));
  }
  return files;
}

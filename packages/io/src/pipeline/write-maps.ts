/**
 * Writes SVG maps and their PNG rasters; the PNGs (resvg, the slow part) are rendered in worker
 * threads, the SVGs written on the calling thread.
 */
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { PngTask } from './png-worker.js';
import writePng from './png-worker.js';
import { poolFor } from './worker-pool.js';

export interface MapJob {
  /** Output path without extension: `<basePath>.svg` and `<basePath>.png` are written. */
  basePath: string;
  svg: string;
}

/** `png: false` writes the SVGs only (no resvg rasters; the report inlines the SVGs). */
export async function writeMaps(jobs: readonly MapJob[], onProgress?: (done: number, total: number) => void, opts: { png?: boolean } = {}): Promise<string[]> {
  if (opts.png === false) {
    const svgs = jobs.map((job, i) => {
      writeFileAtomic(`${job.basePath}.svg`, job.svg);
      onProgress?.(i + 1, jobs.length);
      return `${job.basePath}.svg`;
    });
    return svgs.sort();
  }
  const pool = jobs.length > 1 ? poolFor('pipeline/png-worker.js') : undefined;
  let done = 0;
  const files: string[] = [];
  await Promise.all(
    jobs.map(async (job) => {
      const svgPath = `${job.basePath}.svg`;
      writeFileAtomic(svgPath, job.svg);
      const task: PngTask = { svg: job.svg, pngPath: `${job.basePath}.png` };
      const png = pool ? ((await pool.run(task)) as string) : writePng(task);
      files.push(svgPath, png);
      onProgress?.(++done, jobs.length);
    }),
  );
  return files.sort();
}

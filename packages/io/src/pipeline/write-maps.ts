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

export async function writeMaps(jobs: readonly MapJob[], onProgress?: (done: number, total: number) => void): Promise<string[]> {
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

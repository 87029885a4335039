/** Worker: rasterises one SVG document with resvg and writes the PNG atomically. */
import { svgToPng } from '../render/svg-to-png.js';
import { writeFileAtomic } from '../fs/atomic-write.js';

export interface PngTask {
  svg: string;
  pngPath: string;
  scale?: number;
}

export default function writePng(task: PngTask): string {
  writeFileAtomic(task.pngPath, svgToPng(task.svg, { scale: task.scale }));
  return task.pngPath;
}

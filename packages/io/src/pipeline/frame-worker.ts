/** Worker: fills one band of rows of a site frame held in shared buffers. */
import { fillSiteFrameRows, type RegionGrid, type SiteFrame } from '@parapet/core';

export interface FrameTask {
  grid: RegionGrid;
  siteLonDeg: number;
  siteLatDeg: number;
  maxReachM: number;
  rangeBuffer: SharedArrayBuffer;
  azimuthBuffer: SharedArrayBuffer;
  rowStart: number;
  rowEnd: number;
}

export default function fillFrameBand(task: FrameTask): number {
  const frame: SiteFrame = {
    siteLonDeg: task.siteLonDeg,
    siteLatDeg: task.siteLatDeg,
    maxReachM: task.maxReachM,
    rangeM: new Float32Array(task.rangeBuffer),
    azimuthRad: new Float32Array(task.azimuthBuffer),
  };
  fillSiteFrameRows(task.grid, frame, task.rowStart, task.rowEnd);
  return task.rowEnd - task.rowStart + 1;
}

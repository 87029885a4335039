/**
 * The port through which the core asks for terrain: io implements it for SRTM .hgt tiles,
 * GeoTIFF/COG files and tile caches (packages/io/src/dem/). Where the bytes come from is the
 * adapter's business; the core only sees an ElevationGrid.
 */
import type { BBox } from '../geo/region-grid.js';
import type { ElevationGrid } from './elevation-grid.js';

export interface ReadWindowOptions {
  /** Largest number of nodes to return; a finer source is decimated to fit (default: no limit). */
  maxNodes?: number;
  /** Cancels the read (an AbortSignal; typed structurally since the core has no DOM/node types). */
  signal?: { readonly aborted: boolean };
}

export interface ElevationSource {
  /** Short description for captions ("Copernicus GLO-90, 4 tiles"). */
  readonly label: string;
  /**
   * A geographic grid (longitude/latitude nodes) covering at least `bbox`, in degrees. Rejects
   * with a clear error naming what is missing when the source does not cover the box.
   */
  readWindow(bbox: BBox, options?: ReadWindowOptions): Promise<ElevationGrid>;
}

/** Public DEM tile sources `parapet dem fetch` knows (io/dem/sources.ts has their URLs). */
export const DEM_SOURCE_IDS = ['copernicus-90', 'copernicus-30', 'srtm'] as const;
export type DemSourceId = (typeof DEM_SOURCE_IDS)[number];

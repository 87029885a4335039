/**
 * What a job asks for and what it answers with. Requests carry already-validated scenarios (the
 * server validates on the request thread, where line:col problems are reported); results are
 * plain JSON plus the rasters as one binary buffer, sent to the browser unchanged.
 */
import type { FeatureCollection } from 'geojson';
import type { LayerMetrics, ResolvedSite, Scenario, ThreatParams, ValueCase } from '@parapet/core';

export type JobRequest =
  | { kind: 'coverage'; scenario: Scenario; valueCase: ValueCase; uncertainty: boolean }
  | { kind: 'compare'; a: Scenario; b: Scenario; valueCase: ValueCase };

export type JobPhase = 'frames' | 'terrain' | 'layers' | 'queued' | 'starting';

export interface GridJson {
  westDeg: number;
  southDeg: number;
  eastDeg: number;
  northDeg: number;
  width: number;
  height: number;
  resolutionM: number;
}

/** One (threat, altitude) layer: its metrics and where its counts sit in the raster buffer. */
export interface RunJson {
  index: number;
  threatId: string;
  altitudeM: number;
  metrics: LayerMetrics;
  /** Byte offsets in the job's raster buffer of the detect and engage counts (grid cells each). */
  detectOffset: number;
  engageOffset: number;
  /** Same layer at the low / high reading of the sources, when uncertainty was asked for. */
  low?: { metrics: LayerMetrics; detectOffset: number; engageOffset: number };
  high?: { metrics: LayerMetrics; detectOffset: number; engageOffset: number };
}

export interface CoverageJson {
  scenarioName: string;
  valueCase: ValueCase;
  visibilityLabel: string;
  grid: GridJson;
  sites: ResolvedSite[];
  threats: ThreatParams[];
  runs: RunJson[];
  rings: { engageRingAreaKm2: number; detectRingAreaKm2: number; engageOffset: number; detectOffset: number };
  /** Range rings per site as GeoJSON polygons (longest missile range, radar instrumented range). */
  ringFeatures: FeatureCollection;
  elapsedMs: number;
}

export interface DeltaRowJson {
  threatId: string;
  threatName: string;
  altitudeM: number;
  runA: number;
  runB: number;
  detectAreaA: number;
  detectAreaB: number;
  engageAreaA: number;
  engageAreaB: number;
  engage: { gainedAreaKm2: number; lostAreaKm2: number; keptAreaKm2: number };
  detect: { gainedAreaKm2: number; lostAreaKm2: number; keptAreaKm2: number };
  places: {
    name: string;
    engagedA: boolean;
    engagedB: boolean;
    detectedA: boolean;
    detectedB: boolean;
    lowestEngagedAltitudeA: number | null;
    lowestEngagedAltitudeB: number | null;
  }[];
}

export type JobResult =
  | { kind: 'coverage'; coverage: CoverageJson }
  | { kind: 'compare'; a: CoverageJson; b: CoverageJson; deltas: DeltaRowJson[]; elapsedMs: number };

/** Messages from a job worker to the server. */
export type WorkerMessage =
  | { type: 'progress'; phase: JobPhase; done: number; total: number; step?: string }
  | { type: 'done'; result: JobResult; rasters: ArrayBuffer }
  | { type: 'error'; message: string }
  | { type: 'cancelled' };

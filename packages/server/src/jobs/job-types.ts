/**
 * What a job asks for and what it answers with. Requests carry already-validated scenarios (the
 * server validates on the request thread, where line:col problems are reported); results are
 * plain JSON plus the rasters as one binary buffer, sent to the browser unchanged.
 */
import type { FeatureCollection } from 'geojson';
import type { SimLogEvent, SimSummary } from '@parapet/core';
import type { LayerMetrics, PlaceOutcome, ResolvedJammer, ResolvedSite, Scenario, ThreatParams, ValueCase } from '@parapet/core';
import type { CoverageFocus } from './incremental-coverage.js';
import type { ReportJobRequest, ReportJson } from './report-job.js';
import type { SensitivityJobRequest, SensitivityJson } from './sensitivity-job.js';

export type { CoverageFocus };

export type JobRequest =
  /** `focus`: only the layer on screen (answered with a 'coverage-focus' result; with terrain, the whole analysis). */
  | { kind: 'coverage'; scenario: Scenario; valueCase: ValueCase; uncertainty: boolean; focus?: CoverageFocus }
  | { kind: 'compare'; a: Scenario; b: Scenario; valueCase: ValueCase }
  | { kind: 'simulate'; scenario: Scenario; valueCase: ValueCase; runs: number; seed: number }
  | ReportJobRequest
  | SensitivityJobRequest;

export type JobPhase = 'frames' | 'terrain' | 'layers' | 'queued' | 'starting' | 'prepare' | 'runs' | 'report' | 'draws';

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
  /** With stand-off jammers in the scenario: the same layer's metrics without them (no rasters). */
  unjammed?: { metrics: LayerMetrics };
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
  /** Minimum detectable altitude (m MSL, Float32, +Infinity = never) per threat: byte offsets. */
  mda: { threatId: string; offset: number }[];
  /** The stand-off jammers acting in `runs`, resolved at the run's reading of the sources (empty: none). */
  jammers: ResolvedJammer[];
  elapsedMs: number;
}

/**
 * The layer on screen alone, first after an edit (the whole analysis follows in its own job): the
 * counts of one (threat, altitude) with the jammers acting, its places, and the rings or the
 * minimum detectable altitude when the focus asked for them. Offsets into the job's raster buffer.
 */
export interface CoverageFocusJson {
  grid: GridJson;
  threatId: string;
  altitudeM: number;
  detectOffset: number;
  engageOffset: number;
  places: PlaceOutcome[];
  rings?: { engageOffset: number; detectOffset: number };
  mda?: { threatId: string; offset: number };
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

/** What the raid playback needs: each group's route samples and members' start times, run 0's log. */
export interface PlaybackJson {
  run: number;
  /** Seconds between route samples as sent (a multiple of the model's step). */
  stepSec: number;
  horizonSec: number;
  groups: {
    id: string;
    raidId: string;
    threatName: string;
    category: string;
    route: [number, number, number][];
    waypoints: [number, number][];
    members: { name: string; startSec: number }[];
  }[];
  sites: { id: string; lonDeg: number; latDeg: number }[];
  log: SimLogEvent[];
}

export interface SimulationJson {
  summary: SimSummary;
  playback: PlaybackJson;
  threads: number;
  prepareMs: number;
  runMs: number;
}

export type JobResult =
  | { kind: 'coverage'; coverage: CoverageJson }
  | { kind: 'coverage-focus'; focus: CoverageFocusJson }
  | { kind: 'compare'; a: CoverageJson; b: CoverageJson; deltas: DeltaRowJson[]; elapsedMs: number }
  | { kind: 'simulate'; simulation: SimulationJson }
  | { kind: 'report'; report: ReportJson }
  | { kind: 'sensitivity'; sensitivity: SensitivityJson };

/** Messages from a job worker to the server. */
export type WorkerMessage =
  | { type: 'progress'; phase: JobPhase; done: number; total: number; step?: string }
  | { type: 'done'; result: JobResult; rasters: ArrayBuffer }
  | { type: 'error'; message: string }
  | { type: 'cancelled' };

/**
 * The workbench's state: one store of signals (@preact/signals-core). Components read what they
 * show inside an `effect`, so they redraw when it changes; they change state only through the
 * actions (actions.ts) and the coverage runner (coverage-runner.ts), never by reaching into
 * another component. Each signal says who writes it.
 */
import { signal } from '@preact/signals-core';
import type { CoverageFocusJson, CoverageJson, ExplainSubject, InputProblem, JobEvent, System, Threat, ValueCase, WorkspaceFile } from './api.js';
import type { LayerKind } from './map/raster.js';
import { ScenarioDoc } from './scenario-doc.js';

export interface Example {
  file: string;
  name: string;
  valid: boolean;
}

export type LeftTab = 'scenario' | 'yaml' | 'sources';
export type RightTab = 'coverage' | 'raids' | 'export';
export type AddMode = 'site' | 'place' | null;

/** The last whole analysis shown (job id, result, its raster buffer, the text it was computed from). */
export interface CoverageState {
  jobId: string;
  result: CoverageJson;
  rasters: Uint8Array;
  text: string;
}

/** The layer on screen computed alone after an edit, before the whole analysis arrives. */
export interface PreviewState {
  focus: CoverageFocusJson;
  rasters: Uint8Array;
  text: string;
}

/** The coverage job in flight: the focused layer first, then the whole analysis. */
export interface JobState {
  id: string;
  stage: 'focus' | 'full';
  event: JobEvent;
  text: string;
}

/**
 * Edit → updated map, and its parts (ms): the browser's own work until the coverage request is
 * sent (the edit, the redraw of the panels), the request until the job was accepted (the server
 * parses and validates the text), the job until its end event (queue, engine, event stream; `serverComputeMs` the
 * engine's own time), fetching the result and rasters, colouring (cell classes and the texture
 * upload), and drawing until the map is idle. `stage`: what the map showed (focus: the layer on
 * screen alone).
 */
export interface Timing {
  ms: number;
  clientMs: number;
  requestMs: number;
  computeMs: number;
  serverComputeMs: number;
  transferMs: number;
  colourMs: number;
  paintMs: number;
  stage: 'focus' | 'full';
}

/** Data on its way to the map, with the times so far (written by the runner; the map panel completes it). */
export interface PendingPaint {
  text: string;
  editAt: number;
  stage: 'focus' | 'full';
  clientMs: number;
  requestMs: number;
  computeMs: number;
  serverComputeMs: number;
  transferMs: number;
}

/** Raid playback features drawn over the map (written by the raid panel). */
export interface RaidOverlay {
  routes: GeoJSON.FeatureCollection;
  shots: GeoJSON.FeatureCollection;
  points: GeoJSON.FeatureCollection;
}

export function createStore() {
  // Loaded once at start (main.ts).
  const catalog = signal<{ systems: System[]; threats: Threat[] }>({ systems: [], threats: [] });
  const examples = signal<Example[]>([]);
  // Actions (open, save).
  const workspace = signal<{ dir: string; files: WorkspaceFile[] }>({ dir: '', files: [] });
  const fileName = signal('scenario.yaml');
  const origin = signal('');
  const dirty = signal(false);
  /** The scenario's YAML text: the source of truth (actions). */
  const text = signal('');
  /** The same text as a YAML document, for views and edits that keep comments and layout (actions, with `text`). */
  const doc = signal(new ScenarioDoc(''));
  return {
    catalog,
    examples,
    workspace,
    fileName,
    origin,
    dirty,
    text,
    doc,
    /** Validation problems of `text` (the coverage runner). */
    problems: signal<InputProblem[]>([]),
    // What to show (top bar, tables, compare rows).
    valueCase: signal<ValueCase>('nominal'),
    uncertainty: signal(false),
    autoRun: signal(true),
    layer: signal<LayerKind>('engage'),
    opacity: signal(0.6),
    showRings: signal(true),
    online: signal(false),
    threatId: signal(''),
    altitudeM: signal(0),
    // Selection and modes (actions).
    selectedSite: signal<number | null>(null),
    selectedJammer: signal<number | null>(null),
    addMode: signal<AddMode>(null),
    leftTab: signal<LeftTab>('scenario'),
    rightTab: signal<RightTab>('coverage'),
    analysisOpen: signal(false),
    // Coverage (the coverage runner; pendingPaint and timing completed by the map panel).
    coverage: signal<CoverageState | null>(null),
    preview: signal<PreviewState | null>(null),
    job: signal<JobState | null>(null),
    pendingPaint: signal<PendingPaint | null>(null),
    timing: signal<Timing | null>(null),
    /** A one-line message in the status bar (actions and the runner). */
    flash: signal<{ message: string; error: boolean } | null>(null),
    // Explanation drawer (actions; the map panel sets the diagram's cut point on a map click).
    explain: signal<ExplainSubject | null>(null),
    vcdToward: signal<{ lonDeg: number; latDeg: number } | null>(null),
    /** Compare view open (actions). */
    compareOpen: signal(false),
    /** Main map camera (the map panel), so that compare opens where the user looks. */
    camera: signal<{ center: [number, number]; zoom: number } | null>(null),
    /** Bounding box the main map should fit (actions, on opening a scenario). */
    fitBbox: signal<{ bbox: [number, number, number, number] } | null>(null),
    raidOverlay: signal<RaidOverlay | null>(null),
  };
}

export type Store = ReturnType<typeof createStore>;

/** The run of the last whole analysis shown for the store's target and altitude (−1: none). */
export function runIndexOf(s: Store): number {
  const cov = s.coverage.value?.result;
  return cov?.runs.findIndex((r) => r.threatId === s.threatId.value && r.altitudeM === s.altitudeM.value) ?? -1;
}

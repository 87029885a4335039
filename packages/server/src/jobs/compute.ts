/**
 * The work of a job, independent of where it runs (a job worker thread, or the request thread
 * when the compiled worker is missing): runs the analysis and packs every raster into one buffer
 * so it can be transferred, not copied, and served to the browser as it is.
 *
 * Coverage of a smooth-earth scenario is assembled from per-site parts kept between jobs in
 * `siteCache` (incremental-coverage.ts), so an edit recomputes only the sites it changed; a
 * focused request computes only the layer on screen. With terrain, and for comparisons, the io
 * pipeline runs whole (its site-frame cache still spares unchanged frames).
 */
import { minDetectableAltitude, type Catalog, type CoverageRun, type SimLogEvent, type SimModel, type ValueCase } from '@parapet/core';
import { compareScenarios, rangeRingFeatures, runCoverage, simulateScenario, type CoverageAnalysis, type Phase } from '@parapet/io';
import { cachedCoverage, cachedFocus, type CoverageData, type FocusData } from './incremental-coverage.js';
import type { CoverageFocusJson, CoverageJson, DeltaRowJson, JobPhase, JobRequest, JobResult, PlaybackJson, RunJson } from './job-types.js';
import { computeReportJob } from './report-job.js';
import { computeSensitivityJob } from './sensitivity-job.js';
import { SiteCache } from './site-cache.js';

/** Per-site coverage parts of this thread's jobs (the engine thread keeps them from job to job). */
export const siteCache = new SiteCache();

export type ProgressFn = (phase: JobPhase, done: number, total: number, step?: string) => void;

/** Collects Uint8Array rasters into one buffer, handing out byte offsets. */
class RasterPacker {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  add(a: Uint8Array | Float32Array): number {
    // Float32 rasters start on a 4-byte boundary so the browser can view them in place.
    const pad = a instanceof Float32Array ? (4 - (this.size % 4)) % 4 : 0;
    if (pad) {
      this.parts.push(new Uint8Array(pad));
      this.size += pad;
    }
    const off = this.size;
    const bytes = a instanceof Uint8Array ? a : new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    this.parts.push(bytes);
    this.size += bytes.length;
    return off;
  }

  finish(): ArrayBuffer {
    const out = new Uint8Array(this.size);
    let off = 0;
    for (const p of this.parts) {
      out.set(p, off);
      off += p.length;
    }
    return out.buffer;
  }
}

function runJson(run: CoverageRun, index: number, packer: RasterPacker, unjammed?: CoverageRun): RunJson {
  return {
    index,
    threatId: run.metrics.threatId,
    altitudeM: run.metrics.altitudeM,
    metrics: run.metrics,
    detectOffset: packer.add(run.layer.detectCount),
    engageOffset: packer.add(run.layer.engageCount),
    ...(unjammed ? { unjammed: { metrics: unjammed.metrics } } : {}),
  };
}

/** An io pipeline analysis as coverage data (its minimum detectable altitude computed here). */
export function analysisData(an: CoverageAnalysis): CoverageData {
  return {
    scenarioName: an.scenario.name,
    valueCase: an.valueCase,
    visibilityLabel: an.visibility.label,
    grid: an.grid,
    sites: an.sites,
    threats: an.threats,
    runs: an.runs,
    unjammedRuns: an.unjammedRuns,
    rings: an.rings,
    mdaMslM: an.threats.map(
      (t) => minDetectableAltitude({ grid: an.grid, sites: an.sites, frames: an.frames, visibility: an.visibility, threat: t, jamming: an.jamming }).mslM,
    ),
    jammers: an.jamming ? [...an.jamming.standOff] : [],
    elapsedMs: an.elapsedMs,
  };
}

function gridJson(g: CoverageData['grid']): CoverageJson['grid'] {
  return { westDeg: g.westDeg, southDeg: g.southDeg, eastDeg: g.eastDeg, northDeg: g.northDeg, width: g.width, height: g.height, resolutionM: g.resolutionM };
}

function coverageJson(an: CoverageData, packer: RasterPacker, extra?: { low: CoverageData; high: CoverageData }): CoverageJson {
  return {
    scenarioName: an.scenarioName,
    valueCase: an.valueCase,
    visibilityLabel: an.visibilityLabel,
    grid: gridJson(an.grid),
    sites: an.sites,
    threats: an.threats,
    runs: an.runs.map((r, i) => {
      const j = runJson(r, i, packer, an.unjammedRuns?.[i]);
      if (extra) {
        const lo = extra.low.runs[i];
        const hi = extra.high.runs[i];
        j.low = { metrics: lo.metrics, detectOffset: packer.add(lo.layer.detectCount), engageOffset: packer.add(lo.layer.engageCount) };
        j.high = { metrics: hi.metrics, detectOffset: packer.add(hi.layer.detectCount), engageOffset: packer.add(hi.layer.engageCount) };
      }
      return j;
    }),
    rings: {
      engageRingAreaKm2: an.rings.engageRingAreaKm2,
      detectRingAreaKm2: an.rings.detectRingAreaKm2,
      engageOffset: packer.add(an.rings.engageRing),
      detectOffset: packer.add(an.rings.detectRing),
    },
    ringFeatures: rangeRingFeatures(an.sites),
    mda: an.threats.map((t, i) => ({ threatId: t.id, offset: packer.add(an.mdaMslM[i]) })),
    jammers: an.jammers,
    elapsedMs: an.elapsedMs,
  };
}

function focusJson(f: FocusData, packer: RasterPacker): CoverageFocusJson {
  return {
    grid: gridJson(f.grid),
    threatId: f.layer.threatId,
    altitudeM: f.layer.altitudeM,
    detectOffset: packer.add(f.layer.detectCount),
    engageOffset: packer.add(f.layer.engageCount),
    places: f.places,
    ...(f.rings ? { rings: { engageOffset: packer.add(f.rings.engageRing), detectOffset: packer.add(f.rings.detectRing) } } : {}),
    ...(f.mdaMslM ? { mda: { threatId: f.layer.threatId, offset: packer.add(f.mdaMslM) } } : {}),
    elapsedMs: f.elapsedMs,
  };
}

/** Route samples kept per group for playback, at most. */
const PLAYBACK_SAMPLES = 600;

/** The playback part of a simulation: routes thinned to ≤ PLAYBACK_SAMPLES points per group. */
export function playbackJson(model: SimModel, sites: { id: string; lonDeg: number; latDeg: number }[], run: number, log: readonly SimLogEvent[]): PlaybackJson {
  const longest = Math.max(1, ...model.groups.map((g) => g.samples));
  const every = Math.max(1, Math.ceil(longest / PLAYBACK_SAMPLES));
  return {
    run,
    stepSec: model.stepSec * every,
    horizonSec: model.horizonSec,
    groups: model.groups.map((g) => {
      const route: [number, number, number][] = [];
      for (let k = 0; k < g.samples; k += every) route.push([g.lonDeg[k], g.latDeg[k], g.altMslM[k]]);
      const last = g.samples - 1;
      if (last % every !== 0) route.push([g.lonDeg[last], g.latDeg[last], g.altMslM[last]]);
      const members: { name: string; startSec: number }[] = [];
      for (let m = 0; m < g.count; m++) members.push({ name: `${g.id}#${m + 1}`, startSec: model.targetStartSec[g.firstTarget + m] });
      return {
        id: g.id,
        raidId: g.raidId,
        threatName: g.threatName,
        category: g.category,
        route,
        waypoints: g.waypoints.map((w) => [w.lonDeg, w.latDeg] as [number, number]),
        members,
      };
    }),
    sites,
    log: [...log],
  };
}

/** Runs a job to completion; `progress` reports phases (several passes are labelled by `step`). */
export async function computeJob(req: JobRequest, catalog: Catalog, progress: ProgressFn): Promise<{ result: JobResult; rasters: ArrayBuffer }> {
  const packer = new RasterPacker();
  const onStep = (step: string) => (phase: Phase, done: number, total: number) => progress(phase, done, total, step);
  if (req.kind === 'report') return computeReportJob(req, catalog, progress);
  if (req.kind === 'sensitivity') return computeSensitivityJob(req, progress);
  if (req.kind === 'coverage') {
    const incremental = !req.scenario.terrain;
    if (req.focus && incremental) {
      const f = await cachedFocus(req.scenario, catalog, {
        valueCase: req.valueCase,
        focus: req.focus,
        cache: siteCache,
        onProgress: onStep('layer on screen'),
      });
      return { result: { kind: 'coverage-focus', focus: focusJson(f, packer) }, rasters: packer.finish() };
    }
    const cases: ValueCase[] = req.uncertainty ? [req.valueCase, 'low', 'high'] : [req.valueCase];
    const analyses: CoverageData[] = [];
    for (const c of cases) {
      const onProgress = onStep(cases.length > 1 ? `${c} values` : '');
      analyses.push(
        incremental
          ? await cachedCoverage(req.scenario, catalog, { valueCase: c, cache: siteCache, onProgress })
          : analysisData(await runCoverage(req.scenario, catalog, { valueCase: c, onProgress })),
      );
    }
    const extra = req.uncertainty ? { low: analyses[1], high: analyses[2] } : undefined;
    return { result: { kind: 'coverage', coverage: coverageJson(analyses[0], packer, extra) }, rasters: packer.finish() };
  }
  if (req.kind === 'simulate') {
    progress('prepare', 0, 1);
    const sim = await simulateScenario(req.scenario, catalog, {
      runs: req.runs,
      seed: req.seed,
      valueCase: req.valueCase,
      logRuns: 1,
      onProgress: (d, t) => progress('runs', d, t),
    });
    const sites = req.scenario.sites.map((s) => ({ id: s.id, lonDeg: s.lon, latDeg: s.lat }));
    return {
      result: {
        kind: 'simulate',
        simulation: {
          summary: sim.summary,
          playback: playbackJson(sim.model, sites, 0, sim.logs.get(0) ?? []),
          threads: sim.threads,
          prepareMs: sim.prepareMs,
          runMs: sim.runMs,
        },
      },
      rasters: new ArrayBuffer(0),
    };
  }
  const t0 = performance.now();
  let pass = 0;
  let last = '';
  const cmp = await compareScenarios(req.a, req.b, catalog, {
    valueCase: req.valueCase,
    onProgress: (phase, done, total) => {
      // compareScenarios runs A then B; a new 'frames' phase after 'layers' means B has started.
      if (phase === 'frames' && last === 'layers') pass = 1;
      last = phase;
      progress(phase, done, total, pass === 0 ? 'scenario A' : 'scenario B');
    },
  });
  const a = coverageJson(analysisData(cmp.a), packer);
  const b = coverageJson(analysisData(cmp.b), packer);
  const deltas: DeltaRowJson[] = cmp.layers.map((l) => ({
    threatId: l.threatId,
    threatName: l.threatName,
    altitudeM: l.altitudeM,
    runA: a.runs.findIndex((r) => r.threatId === l.threatId && r.altitudeM === l.altitudeM),
    runB: b.runs.findIndex((r) => r.threatId === l.threatId && r.altitudeM === l.altitudeM),
    detectAreaA: l.detectAreaA,
    detectAreaB: l.detectAreaB,
    engageAreaA: l.engageAreaA,
    engageAreaB: l.engageAreaB,
    engage: { gainedAreaKm2: l.engage.gainedAreaKm2, lostAreaKm2: l.engage.lostAreaKm2, keptAreaKm2: l.engage.keptAreaKm2 },
    detect: { gainedAreaKm2: l.detect.gainedAreaKm2, lostAreaKm2: l.detect.lostAreaKm2, keptAreaKm2: l.detect.keptAreaKm2 },
    places: l.places,
  }));
  return { result: { kind: 'compare', a, b, deltas, elapsedMs: performance.now() - t0 }, rasters: packer.finish() };
}

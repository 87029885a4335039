/**
 * Keeps the coverage in step with the scenario text. After an edit it validates the text
 * (/api/validate: problems with line:col), except after moving a marker, where the coverage
 * request itself validates it (one round trip less on the drag path; a 422 brings the problems).
 * With Auto on, a valid text runs in two jobs on the server's warm engine:
 *
 *   1. the layer on screen alone (`focus`: one target and altitude; the server recomputes only the
 *      sites the edit changed, out to their radar horizon or detection range) — the map updates
 *      from it;
 *   2. the whole analysis (every layer, the places, the unjammed figures, the MDA) — the tables,
 *      then the map again with the same picture.
 *
 * A newer edit cancels the job in flight and waits for it to stop, so the next one finds the
 * engine that holds the caches free. Writes `problems`, `job`, `preview`, `coverage`,
 * `pendingPaint` and `flash` of the store; the map panel completes the timing.
 */
import { batch } from '@preact/signals-core';
import { api, ApiError, followJob, type CoverageFocus, type JobEvent, type JobView } from './api.js';
import type { LayerKind } from './map/raster.js';
import type { Store } from './store.js';

/** Layers the focused job can draw alone (the uncertainty band needs the low and high runs). */
const FOCUSABLE: readonly LayerKind[] = ['engage', 'detect', 'seen', 'overlap', 'ring', 'mda'];

export class CoverageRunner {
  private timer = 0;
  /** Bumped by every edit and run: a stale continuation sees a different number and stops. */
  private generation = 0;
  private editAt = 0;
  private current: { id: string; abort: AbortController; ended: Promise<JobEvent> } | null = null;

  constructor(private readonly store: Store) {}

  /**
   * After an edit (made at `editAt`, default now): validate, and with Auto on run, in `delayMs`;
   * `edited: false` (a reload, a new reading) times nothing.
   */
  schedule(delayMs: number, opts: { edited?: boolean; editAt?: number } = {}): void {
    if (opts.edited !== false) this.startTimer(opts.editAt ?? performance.now());
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      void this.validate().then((ok) => {
        if (ok && this.store.autoRun.peek()) return this.run();
      });
    }, delayMs);
  }

  /**
   * A marker was moved and `text` is the scenario after the move (not yet in the store): with
   * Auto on, the coverage request goes out now, before the panels redraw — it validates the text
   * itself (a 422 brings the problems). Call before writing the text to the store; `editAt`: when
   * the move was made.
   */
  moved(text: string, editAt: number): void {
    this.startTimer(editAt);
    clearTimeout(this.timer);
    if (this.store.autoRun.peek()) void this.run(text);
    else this.timer = window.setTimeout(() => void this.validate(), 0);
  }

  private startTimer(at: number): void {
    this.editAt = at;
    this.store.timing.value = null;
  }

  /** Validates the text; resolves true when it is valid and still the current text. */
  async validate(): Promise<boolean> {
    const gen = ++this.generation;
    const s = this.store;
    try {
      const r = await api.validate(s.text.peek(), s.fileName.peek());
      if (gen !== this.generation) return false;
      s.problems.value = r.problems;
      s.flash.value = r.ok ? null : { message: `${r.problems.length} problem(s) in the scenario — see the Scenario and YAML tabs`, error: true };
      // A job for an earlier text is of no use any more.
      if (!r.ok) await this.stopCurrent();
      return r.ok;
    } catch (e) {
      s.flash.value = { message: `Cannot validate: ${(e as Error).message}`, error: true };
      return false;
    }
  }

  /**
   * Runs the coverage of `text` (default: the store's): the layer on screen first when it can,
   * then everything. With no job in flight the first request is sent before this returns.
   */
  async run(text = this.store.text.peek()): Promise<void> {
    const s = this.store;
    const job = s.job.peek();
    if (job && job.text === text && job.stage === 'full') return;
    const gen = ++this.generation;
    if (this.current) {
      await this.stopCurrent();
      if (gen !== this.generation) return;
    }
    const editAt = this.editAt;
    this.editAt = 0;
    const focus = this.focus();
    if (focus) {
      const done = await this.job(gen, text, 'focus', editAt, focus);
      // A terrain scenario answers the focused request with the whole analysis.
      if (done !== 'focus') return;
    }
    await this.job(gen, text, 'full', editAt);
  }

  cancel(): void {
    ++this.generation;
    void this.stopCurrent();
  }

  /** The layer on screen, when the last whole analysis shows it and the text still asks for it. */
  private focus(): CoverageFocus | undefined {
    const s = this.store;
    const layer = s.layer.peek();
    const cov = s.coverage.peek()?.result;
    if (!cov || !FOCUSABLE.includes(layer)) return undefined;
    const threatId = s.threatId.peek();
    const altitudeM = s.altitudeM.peek();
    const a = s.doc.peek().analysis();
    if (!cov.runs.some((r) => r.threatId === threatId && r.altitudeM === altitudeM) || !a.threats.includes(threatId) || !a.altitudesM.includes(altitudeM))
      return undefined;
    return { threatId, altitudeM, rings: layer === 'ring', mda: layer === 'mda' };
  }

  /**
   * Submits one job, follows it and stores its result; resolves with the stage shown ('full' also
   * when the server answered a focused request with the whole analysis), or null when it stopped.
   */
  private async job(gen: number, text: string, stage: 'focus' | 'full', editAt: number, focus?: CoverageFocus): Promise<'focus' | 'full' | null> {
    const s = this.store;
    const sentAt = performance.now();
    let view: JobView;
    try {
      view = await api.coverage(text, s.fileName.peek(), s.valueCase.peek(), stage === 'full' && s.uncertainty.peek(), focus);
    } catch (e) {
      if (gen !== this.generation) return null;
      if (e instanceof ApiError && e.status === 400 && focus) return 'focus'; // the focus no longer fits: run everything
      batch(() => {
        if (e instanceof ApiError && e.problems.length) s.problems.value = e.problems;
        s.flash.value =
          e instanceof ApiError && e.problems.length
            ? { message: `${e.problems.length} problem(s) in the scenario — see the Scenario and YAML tabs`, error: true }
            : { message: `Cannot run: ${(e as Error).message}`, error: true };
      });
      return null;
    }
    if (gen !== this.generation) return null;
    const accepted = performance.now();
    const abort = new AbortController();
    const ended = view.cached
      ? Promise.resolve<JobEvent>({ type: 'done' })
      : followJob(
          view.id,
          (ev) => {
            if (gen === this.generation) s.job.value = { id: view.id, stage, event: ev, text };
          },
          abort.signal,
        );
    this.current = { id: view.id, abort, ended };
    batch(() => {
      s.problems.value = [];
      s.flash.value = null;
      s.job.value = { id: view.id, stage, event: { type: 'progress', phase: view.status }, text };
    });
    const last = await ended;
    if (this.current?.id === view.id) this.current = null;
    if (gen !== this.generation) return null;
    if (last.type !== 'done') {
      batch(() => {
        s.job.value = null;
        s.flash.value = { message: last.type === 'cancelled' ? 'Cancelled' : `Failed: ${last.message ?? 'unknown error'}`, error: last.type !== 'cancelled' };
      });
      return null;
    }
    const doneAt = performance.now();
    const [result, rasters] = await Promise.all([api.result(view.id), api.rasters(view.id)]);
    if (gen !== this.generation) return null;
    const fetchedAt = performance.now();
    const shown = result.kind === 'coverage' ? 'full' : 'focus';
    batch(() => {
      if (result.kind === 'coverage-focus') s.preview.value = { focus: result.focus, rasters, text };
      else if (result.kind === 'coverage') {
        const cov = result.coverage;
        s.coverage.value = { jobId: view.id, result: cov, rasters, text };
        if (!cov.threats.some((t) => t.id === s.threatId.peek())) s.threatId.value = cov.threats[0]?.id ?? '';
        if (!cov.runs.some((r) => r.altitudeM === s.altitudeM.peek())) s.altitudeM.value = cov.runs[0]?.altitudeM ?? 0;
      }
      s.job.value = null;
      // The first picture after the edit is the one timed.
      if (editAt > 0 && !s.timing.peek() && s.pendingPaint.peek()?.text !== text) {
        const serverComputeMs = result.kind === 'coverage-focus' ? result.focus.elapsedMs : result.kind === 'coverage' ? result.coverage.elapsedMs : 0;
        s.pendingPaint.value = {
          text,
          editAt,
          stage: shown,
          clientMs: sentAt - editAt,
          requestMs: accepted - sentAt,
          computeMs: doneAt - accepted,
          serverComputeMs,
          transferMs: fetchedAt - doneAt,
        };
      }
    });
    return shown;
  }

  /** Cancels the job in flight and waits (at most 3 s) for the server to say it stopped. */
  private async stopCurrent(): Promise<void> {
    const c = this.current;
    if (!c) return;
    this.current = null;
    this.store.job.value = null;
    await api.cancel(c.id).catch(() => undefined);
    await Promise.race([c.ended, new Promise((r) => setTimeout(r, 3000))]);
    c.abort.abort();
  }
}

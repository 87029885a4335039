/**
 * The report for the workbench's button (the same report as `parapet report`, io/report):
 *
 *   POST /api/report   { text, file?, valueCase?, uncertainty?, b?: { text, file? }, runs?, seed?, pdf? }
 *        → 202 { id, kind: "report", status, last, cached }   (follow GET /api/jobs/:id/events)
 *   GET  /api/jobs/:id/report.html   → the self-contained HTML, as a download
 *   GET  /api/jobs/:id/report.pdf    → its PDF (A4), as a download
 *
 * The body is /api/coverage's, plus an optional second scenario `b` (the report then compares B
 * against A), the raid `runs` (default 500) and `seed` (default 1), and `pdf: false` for the HTML
 * only. A report always gives every figure at the nominal values with its range over the low and
 * high readings, so `valueCase` may only be "nominal" and `uncertainty` is always on. Without a
 * Chromium the PDF cannot be printed: asked for, the request is refused (422) before a job starts.
 */
import { ChromiumNotFoundError, findChromium, REPORT_DEFAULT_RUNS, type ReportScenario } from '@parapet/io';
import type { Scenario } from '@parapet/core';
import type { Context, Hono } from 'hono';
import type { Job, JobManager } from '../jobs/job-manager.js';

export interface ReportRouteContext {
  jobs: JobManager;
  /** Validates scenario text (throws the API's 422 with line:col problems). */
  scenario: (text: string, file: string) => Scenario;
  jsonBody: (c: Context) => Promise<Record<string, unknown>>;
  /** The job, or the API's 404. */
  findJob: (id: string) => Job;
  jobView: (j: Job) => Record<string, unknown>;
}

class BadRequest extends Error {
  constructor(
    readonly status: 400 | 422,
    message: string,
  ) {
    super(message);
  }
}

function integer(x: unknown, name: string, fallback: number, min: number, max: number): number {
  if (x === undefined) return fallback;
  const n = Number(x);
  if (!Number.isInteger(n) || n < min || n > max) throw new BadRequest(400, `${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(x)}`);
  return n;
}

/** RFC 6266 attachment: an ASCII fallback name and the UTF-8 one. */
function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerReportRoutes(app: Hono, ctx: ReportRouteContext): void {
  const scenarioIn = (x: Record<string, unknown>, label: string, fallbackFile: string): ReportScenario => {
    if (typeof x.text !== 'string') throw new BadRequest(400, `${label} must be the scenario's YAML text`);
    const file = typeof x.file === 'string' ? x.file : fallbackFile;
    return { file, text: x.text, scenario: ctx.scenario(x.text, file) };
  };

  app.post('/api/report', async (c) => {
    try {
      const body = await ctx.jsonBody(c);
      if (body.valueCase !== undefined && body.valueCase !== 'nominal') {
        throw new BadRequest(
          400,
          `a report gives every figure at the nominal values with its range over the low and high readings: valueCase must be "nominal" or absent, got ${JSON.stringify(body.valueCase)}`,
        );
      }
      const a = scenarioIn(body, 'text', 'scenario.yaml');
      let b: ReportScenario | undefined;
      if (body.b !== undefined) {
        if (typeof body.b !== 'object' || body.b === null) throw new BadRequest(400, 'b must be { text, file? }: the second scenario');
        b = scenarioIn(body.b as Record<string, unknown>, 'b.text', 'b.yaml');
      }
      const runs = integer(body.runs, 'runs', REPORT_DEFAULT_RUNS, 1, 100_000);
      const seed = integer(body.seed, 'seed', 1, 0, 2 ** 31 - 1);
      const pdf = body.pdf !== false;
      if (pdf) findChromium();
      const { job, cached } = ctx.jobs.submit({ kind: 'report', a, b, runs, seed, pdf });
      return c.json({ ...ctx.jobView(job), cached }, 202);
    } catch (e) {
      if (e instanceof BadRequest) return c.json({ error: e.message }, e.status);
      if (e instanceof ChromiumNotFoundError) return c.json({ error: `${e.message}; send "pdf": false for the HTML only` }, 422);
      throw e;
    }
  });

  const file = (kind: 'html' | 'pdf') => (c: Context) => {
    const j = ctx.findJob(c.req.param('id')!);
    if (j.kind !== 'report') return c.json({ error: `job ${j.id} is a ${j.kind} job, not a report` }, 404);
    if (j.status !== 'done' || !j.result || j.result.kind !== 'report' || !j.rasters) return c.json({ error: `job ${j.id} is ${j.status}` }, 409);
    const r = j.result.report;
    const part = kind === 'html' ? r.html : r.pdf;
    if (!part) return c.json({ error: `job ${j.id} was asked for the HTML only ("pdf": false): submit again for the PDF` }, 404);
    const bytes = j.rasters.subarray(part.offset, part.offset + part.bytes);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': kind === 'html' ? 'text/html; charset=utf-8' : 'application/pdf',
      'Content-Disposition': attachment(`${r.fileStem}-report.${kind}`),
      // The report runs no script and fetches nothing: say so, should it be opened in place.
      'Content-Security-Policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=3600',
    });
  };
  app.get('/api/jobs/:id/report.html', file('html'));
  app.get('/api/jobs/:id/report.pdf', file('pdf'));
}

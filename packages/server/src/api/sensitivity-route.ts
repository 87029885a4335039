/**
 * Sensitivity analysis for the workbench (the same analysis as `parapet sensitivity`,
 * docs/models/sensitivity.md):
 *
 *   POST /api/sensitivity  { text, file?, draws?, runs?, seed?, group?, distribution?, jamming?, coverage?, only? }
 *        → 202 { id, kind: "sensitivity", status, last, cached }   (follow GET /api/jobs/:id/events;
 *          progress phase "draws", done/total in design points)
 *   GET  /api/jobs/:id/result
 *        → { kind: "sensitivity", sensitivity: { document, threads, elapsedMs } }, `document` being
 *          sensitivity.json (io/sensitivity/document.ts)
 *   GET  /api/jobs/:id/tornado.svg?headline=ID   → the tornado chart of a headline (image/svg+xml)
 *   GET  /api/jobs/:id/outcome.svg?headline=ID   → the distribution of a headline across the draws
 *
 * Defaults: draws as in the CLI (about 512 model runs), runs 100, seed 1, group "part",
 * distribution "triangular", jamming and coverage on. The options are checked and the design
 * planned on the request thread, so a bad option (400) or an analysis beyond
 * MAX_SENSITIVITY_POINTS design points (400) is refused before a job starts.
 */
import { DISTRIBUTION_SHAPES, GROUP_LEVELS, type DistributionShape, type GroupLevel, type Scenario } from '@parapet/core';
import { outcomeHistogramSvg, planSensitivity, tornadoSvg, type SensitivityDocument, type SensitivityOptions } from '@parapet/io';
import type { Context, Hono } from 'hono';
import type { Job, JobManager } from '../jobs/job-manager.js';

/** Largest analysis the server runs (design points, each a raid Monte Carlo and the coverage headlines). */
export const MAX_SENSITIVITY_POINTS = 20_000;

export interface SensitivityRouteContext {
  jobs: JobManager;
  /** Validates scenario text (throws the API's 422 with line:col problems). */
  scenario: (text: string, file: string) => Scenario;
  jsonBody: (c: Context) => Promise<Record<string, unknown>>;
  /** The job, or the API's 404. */
  findJob: (id: string) => Job;
  jobView: (j: Job) => Record<string, unknown>;
}

class BadRequest extends Error {}

function integer(x: unknown, name: string, min: number, max: number): number | undefined {
  if (x === undefined) return undefined;
  const n = Number(x);
  if (!Number.isInteger(n) || n < min || n > max) throw new BadRequest(`${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(x)}`);
  return n;
}

function choice<T extends string>(x: unknown, name: string, choices: readonly T[], fallback: T): T {
  if (x === undefined) return fallback;
  if (typeof x !== 'string' || !(choices as readonly string[]).includes(x))
    throw new BadRequest(`${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(x)}`);
  return x as T;
}

function flag(x: unknown, name: string): boolean {
  if (x === undefined) return true;
  if (typeof x !== 'boolean') throw new BadRequest(`${name} must be true or false, got ${JSON.stringify(x)}`);
  return x;
}

function onlyOf(x: unknown): string[] | undefined {
  if (x === undefined) return undefined;
  const list = typeof x === 'string' ? x.split(',').map((s) => s.trim()) : x;
  if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === 'string' && s.length > 0))
    throw new BadRequest('only must be a list of catalog ids (or a comma-separated string)');
  return list as string[];
}

export function registerSensitivityRoutes(app: Hono, ctx: SensitivityRouteContext): void {
  app.post('/api/sensitivity', async (c) => {
    const body = await ctx.jsonBody(c);
    if (typeof body.text !== 'string') return c.json({ error: "text must be the scenario's YAML text" }, 400);
    const file = typeof body.file === 'string' ? body.file : 'scenario.yaml';
    ctx.scenario(body.text, file);
    let options: SensitivityOptions;
    try {
      options = {
        draws: integer(body.draws, 'draws', 2, 10_000),
        runs: integer(body.runs, 'runs', 1, 10_000) ?? 100,
        seed: integer(body.seed, 'seed', 0, 2 ** 31 - 1) ?? 1,
        group: choice<GroupLevel>(body.group, 'group', GROUP_LEVELS, 'part'),
        distribution: choice<DistributionShape>(body.distribution, 'distribution', DISTRIBUTION_SHAPES, 'triangular'),
        jamming: flag(body.jamming, 'jamming'),
        coverage: flag(body.coverage, 'coverage'),
        only: onlyOf(body.only),
      };
    } catch (e) {
      if (e instanceof BadRequest) return c.json({ error: e.message }, 400);
      throw e;
    }
    // Unknown `only` ids and scenarios with nothing to analyse are RangeErrors: the API's 400.
    const plan = planSensitivity({ scenario: { text: body.text, file }, options });
    if (plan.points > MAX_SENSITIVITY_POINTS) {
      return c.json(
        {
          error: `${plan.points.toLocaleString('en-US')} design points (${plan.options.draws} draws × ${plan.groups.length + 2} + 1) is beyond the server's limit of ${MAX_SENSITIVITY_POINTS.toLocaleString('en-US')}: use fewer draws, a coarser group or the CLI`,
        },
        400,
      );
    }
    const { job, cached } = ctx.jobs.submit({ kind: 'sensitivity', text: body.text, file, options });
    return c.json({ ...ctx.jobView(job), cached }, 202);
  });

  const chart = (draw: (doc: SensitivityDocument, h: SensitivityDocument['headlines'][number]) => string) => (c: Context) => {
    const j = ctx.findJob(c.req.param('id')!);
    if (j.kind !== 'sensitivity') return c.json({ error: `job ${j.id} is a ${j.kind} job, not a sensitivity analysis` }, 404);
    if (j.status !== 'done' || !j.result || j.result.kind !== 'sensitivity') return c.json({ error: `job ${j.id} is ${j.status}` }, 409);
    const doc = j.result.sensitivity.document;
    const id = c.req.query('headline');
    const h = doc.headlines.find((x) => x.id === id);
    if (!h)
      return c.json(
        { error: `no headline ${JSON.stringify(id ?? null)} in this analysis (headline=ID, one of: ${doc.headlines.map((x) => x.id).join(', ')})` },
        404,
      );
    return c.body(draw(doc, h), 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    });
  };
  app.get('/api/jobs/:id/tornado.svg', chart(tornadoSvg));
  app.get('/api/jobs/:id/outcome.svg', chart(outcomeHistogramSvg));
}

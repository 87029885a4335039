/**
 * The workbench's HTTP API (hono) over the same io/core functions as the CLI, plus the static web
 * bundle. Scenarios travel as YAML text, so validation problems come back with line:col; long
 * computations become jobs (see jobs/) that the browser follows by server-sent events.
 *
 * Safety for a local tool: mutating requests must be JSON (a cross-site form cannot send that
 * without a CORS preflight, which this server never grants), and the Host header must name this
 * machine (defeats DNS rebinding).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { effectiveEarthRadiusM, geodesicInverse, VALUE_CASES, type Catalog, type Scenario, type ValueCase } from '@parapet/core';
import { dataDir, DemError, InputError, loadCatalog, parseScenarioText, pointTerrainVisibility, resolveTerrainPath, type ScenarioParse } from '@parapet/io';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { streamSSE } from 'hono/streaming';
import { basemapJson } from '../basemap/basemap.js';
import { siteVcdSvg } from '../diagrams/vcd.js';
import { explain, type ExplainContext, type ExplainSubject } from '../explain/explain.js';
import { JobManager, type Job, type JobEvent } from '../jobs/job-manager.js';
import { scenarioSources } from '../scenario/scenario-sources.js';
import { BadFileNameError, checkFileName, Workspace } from '../workspace/workspace.js';
import { serveStaticDir } from './static.js';

export interface AppOptions {
  workspaceDir: string;
  /** Folder of the built web bundle (index.html); omitted: API only. */
  webDir?: string;
  catalog?: Catalog;
  /** Folder of the example scenarios (default: data/scenarios). */
  examplesDir?: string;
  jobs?: JobManager;
  /** Extra host names accepted in the Host header (besides localhost and loopback addresses). */
  allowedHosts?: string[];
  /** Also accept any IP address literal as Host (when listening on all interfaces). */
  allowIpHosts?: boolean;
}

export interface ParapetApp {
  app: Hono;
  jobs: JobManager;
  workspace: Workspace;
  close(): Promise<void>;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

class HttpError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 415 | 422,
    message: string,
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
  }
}

function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const i = host.lastIndexOf(':');
  return i >= 0 ? host.slice(0, i) : host;
}

function parseValueCase(x: unknown): ValueCase {
  if (x === undefined) return 'nominal';
  if (typeof x === 'string' && (VALUE_CASES as readonly string[]).includes(x)) return x as ValueCase;
  throw new HttpError(400, `valueCase must be one of ${VALUE_CASES.join(', ')} (got ${JSON.stringify(x)})`);
}

/**
 * The scenario's DEM for an explanation's point questions: for a site, that site; for a place,
 * every site and the place (a DEM read over their box, no horizon sweep). Undefined without
 * terrain, or for subjects that ask no line-of-sight question.
 */
async function explainTerrain(scenario: Scenario, subject: ExplainSubject): Promise<ExplainContext['terrain']> {
  if (!scenario.terrain) return undefined;
  const site = subject.kind === 'site' ? scenario.sites.find((s) => s.id === subject.id) : undefined;
  const place = subject.kind === 'place' ? scenario.places.find((p) => p.name === subject.name) : undefined;
  if (!site && !place) return undefined;
  const sites = (site ? [site] : scenario.sites).map((s) => ({ id: s.id, lonDeg: s.lon, latDeg: s.lat }));
  if (sites.length === 0) return undefined;
  const provider = await pointTerrainVisibility({
    scenario,
    sites,
    points: place ? [{ lonDeg: place.lon, latDeg: place.lat }] : [],
    earthRadiusM: effectiveEarthRadiusM(scenario.earth.kFactor),
  });
  return { provider, siteIds: sites.map((s) => s.id) };
}

function requireText(x: unknown, what: string): string {
  if (typeof x !== 'string') throw new HttpError(400, `${what} must be the scenario's YAML text`);
  return x;
}

export function createApp(opts: AppOptions): ParapetApp {
  const catalog = opts.catalog ?? loadCatalog();
  const jobs = opts.jobs ?? new JobManager();
  const workspace = new Workspace(opts.workspaceDir);
  const examplesDir = opts.examplesDir ?? join(dataDir(), 'scenarios');
  const allowed = new Set([...LOCAL_HOSTS, ...(opts.allowedHosts ?? [])]);
  const app = new Hono();

  const parse = (text: string, file: string): ScenarioParse => parseScenarioText(text, file, catalog);
  const parsedOrThrow = (text: string, file: string) => {
    const r = parse(text, file);
    if (!r.ok) throw new HttpError(422, `${file}: ${r.problems.length} problem(s)`, { problems: r.problems });
    // A relative terrain.dem is read from the workspace folder.
    try {
      resolveTerrainPath(r.scenario, join(workspace.dir, basename(file)), text);
    } catch (e) {
      if (e instanceof InputError) throw new HttpError(422, e.message, { problems: e.problems });
      throw e;
    }
    return r.scenario;
  };
  const jsonBody = async (c: Context): Promise<Record<string, unknown>> => {
    if (!(c.req.header('content-type') ?? '').startsWith('application/json')) throw new HttpError(415, 'send JSON (Content-Type: application/json)');
    try {
      const b = (await c.req.json()) as unknown;
      if (typeof b !== 'object' || b === null) throw new Error();
      return b as Record<string, unknown>;
    } catch {
      throw new HttpError(400, 'the body is not a JSON object');
    }
  };
  const jobView = (j: Job) => ({ id: j.id, kind: j.kind, status: j.status, last: j.last, error: j.error });
  const findJob = (id: string): Job => {
    const j = jobs.get(id);
    if (!j) throw new HttpError(404, `no job ${id} (finished jobs are kept for a while, then forgotten: submit again)`);
    return j;
  };

  app.onError((e, c) => {
    if (e instanceof HttpError) return c.json({ error: e.message, ...e.body }, e.status);
    if (e instanceof BadFileNameError) return c.json({ error: e.message }, 400);
    if (e instanceof RangeError) return c.json({ error: e.message }, 400);
    if (e instanceof DemError) return c.json({ error: e.message }, 422);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return c.json({ error: 'no such file' }, 404);
    process.stderr.write(`parapet serve: internal error: ${e.stack ?? e.message}\n`);
    return c.json({ error: `internal error: ${e.message}` }, 500);
  });

  app.use('*', async (c, next) => {
    const host = c.req.header('host');
    const name = host ? hostName(host) : '';
    const ipLiteral = /^(\d{1,3}\.){3}\d{1,3}$/.test(name) || name.startsWith('[');
    if (host && !allowed.has(name) && !(opts.allowIpHosts && ipLiteral)) return c.text(`Host "${host}" is not allowed`, 403);
    await next();
  });
  app.use('/api/*', bodyLimit({ maxSize: 5 * 1024 * 1024, onError: (c) => c.json({ error: 'request body over 5 MB' }, 413) }));
  app.use('/api/basemap', compress());
  app.use('/api/catalog', compress());

  app.get('/api/health', (c) => c.json({ ok: true, threaded: jobs.runner.threaded, workspace: workspace.dir }));

  app.get('/api/catalog', (c) => c.json({ systems: [...catalog.systems.values()], threats: [...catalog.threats.values()] }));

  app.get('/api/basemap', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(basemapJson(), 200, { 'Content-Type': 'application/json' });
  });

  app.get('/api/examples', (c) => {
    const files = readdirSync(examplesDir).filter((f) => /\.ya?ml$/.test(f)).sort();
    return c.json(
      files.map((file) => {
        const r = parse(readFileSync(join(examplesDir, file), 'utf8'), file);
        return { file, name: r.ok ? r.scenario.name : file, valid: r.ok, problems: r.ok ? 0 : r.problems.length };
      }),
    );
  });
  app.get('/api/examples/:file', (c) => {
    const file = checkFileName(c.req.param('file'));
    return c.body(readFileSync(join(examplesDir, file), 'utf8'), 200, { 'Content-Type': 'text/yaml; charset=utf-8' });
  });

  app.get('/api/workspace', (c) => c.json({ dir: workspace.dir, files: workspace.list() }));
  app.get('/api/workspace/:file', (c) => c.body(workspace.read(c.req.param('file')), 200, { 'Content-Type': 'text/yaml; charset=utf-8' }));
  app.put('/api/workspace/:file', async (c) => {
    const body = await jsonBody(c);
    const text = requireText(body.text, 'text');
    const name = checkFileName(c.req.param('file'));
    const saved = workspace.save(name, text);
    const r = parse(text, name);
    return c.json({ saved, problems: r.problems });
  });

  app.post('/api/validate', async (c) => {
    const body = await jsonBody(c);
    const file = typeof body.file === 'string' ? body.file : 'scenario.yaml';
    const r = parse(requireText(body.text, 'text'), file);
    return c.json(r.ok ? { ok: true, problems: [], scenario: r.scenario } : { ok: false, problems: r.problems });
  });

  app.post('/api/sources', async (c) => {
    const body = await jsonBody(c);
    const scenario = parsedOrThrow(requireText(body.text, 'text'), typeof body.file === 'string' ? body.file : 'scenario.yaml');
    return c.json({ sources: scenarioSources(scenario, catalog) });
  });

  app.post('/api/explain', async (c) => {
    const body = await jsonBody(c);
    const scenario = parsedOrThrow(requireText(body.text, 'text'), typeof body.file === 'string' ? body.file : 'scenario.yaml');
    const subject = body.subject as ExplainSubject | undefined;
    if (!subject || typeof subject !== 'object' || !['site', 'place', 'threat', 'metric'].includes(subject.kind)) {
      throw new HttpError(400, 'subject must be {kind: "site"|"place"|"threat"|"metric", ...}');
    }
    return c.json(
      explain(
        {
          scenario,
          catalog,
          valueCase: parseValueCase(body.valueCase),
          threatId: typeof body.threatId === 'string' ? body.threatId : undefined,
          altitudeM: typeof body.altitudeM === 'number' ? body.altitudeM : undefined,
          // A site's tree needs a threat and an altitude; without them no DEM is read.
          terrain: subject.kind === 'place' || (typeof body.threatId === 'string' && typeof body.altitudeM === 'number') ? await explainTerrain(scenario, subject) : undefined,
        },
        subject,
      ),
    );
  });

  app.post('/api/vcd', async (c) => {
    const body = await jsonBody(c);
    const scenario = parsedOrThrow(requireText(body.text, 'text'), typeof body.file === 'string' ? body.file : 'scenario.yaml');
    if (typeof body.siteId !== 'string' || typeof body.threatId !== 'string') throw new HttpError(400, 'siteId and threatId are required');
    let azimuthDeg: number | undefined;
    if (typeof body.azimuthDeg === 'number') azimuthDeg = body.azimuthDeg;
    else if (typeof body.toLonDeg === 'number' && typeof body.toLatDeg === 'number') {
      // The azimuth toward a clicked point, on the ellipsoid.
      const site = scenario.sites.find((s) => s.id === body.siteId);
      if (!site) throw new HttpError(400, `no site "${String(body.siteId)}"`);
      azimuthDeg = geodesicInverse(site.lon, site.lat, body.toLonDeg, body.toLatDeg).azimuthDeg;
    }
    if (azimuthDeg !== undefined && !(azimuthDeg >= -360 && azimuthDeg <= 360)) throw new HttpError(400, `azimuthDeg must be in [-360, 360], got ${azimuthDeg}`);
    const svg = await siteVcdSvg(scenario, catalog, body.siteId, body.threatId, parseValueCase(body.valueCase), azimuthDeg);
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
  });

  app.post('/api/coverage', async (c) => {
    const body = await jsonBody(c);
    const scenario = parsedOrThrow(requireText(body.text, 'text'), typeof body.file === 'string' ? body.file : 'scenario.yaml');
    const { job, cached } = jobs.submit({ kind: 'coverage', scenario, valueCase: parseValueCase(body.valueCase), uncertainty: body.uncertainty === true });
    return c.json({ ...jobView(job), cached }, 202);
  });

  app.post('/api/simulate', async (c) => {
    const body = await jsonBody(c);
    const scenario = parsedOrThrow(requireText(body.text, 'text'), typeof body.file === 'string' ? body.file : 'scenario.yaml');
    const raids = (scenario as { raids?: unknown[] }).raids;
    if (!Array.isArray(raids) || raids.length === 0) throw new HttpError(422, 'this scenario has no raids: add a raids: section (docs/simulation.md)', { problems: [] });
    const runs = body.runs === undefined ? 1000 : Number(body.runs);
    if (!Number.isInteger(runs) || runs < 1 || runs > 100_000) throw new HttpError(400, `runs must be an integer in [1, 100000], got ${JSON.stringify(body.runs)}`);
    const seed = body.seed === undefined ? 1 : Number(body.seed);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) throw new HttpError(400, `seed must be an integer in [0, 2147483647], got ${JSON.stringify(body.seed)}`);
    const { job, cached } = jobs.submit({ kind: 'simulate', scenario, valueCase: parseValueCase(body.valueCase), runs, seed });
    return c.json({ ...jobView(job), cached }, 202);
  });

  app.post('/api/compare', async (c) => {
    const body = await jsonBody(c);
    const side = (x: unknown, label: string) => {
      const o = (x ?? {}) as Record<string, unknown>;
      return parsedOrThrow(requireText(o.text, `${label}.text`), typeof o.file === 'string' ? o.file : `${label}.yaml`);
    };
    const { job, cached } = jobs.submit({ kind: 'compare', a: side(body.a, 'a'), b: side(body.b, 'b'), valueCase: parseValueCase(body.valueCase) });
    return c.json({ ...jobView(job), cached }, 202);
  });

  app.get('/api/jobs/:id', (c) => c.json(jobView(findJob(c.req.param('id')))));
  app.delete('/api/jobs/:id', (c) => {
    const j = findJob(c.req.param('id'));
    return c.json({ cancelled: jobs.cancel(j.id) });
  });
  app.get('/api/jobs/:id/result', (c) => {
    const j = findJob(c.req.param('id'));
    if (j.status !== 'done' || !j.result) throw new HttpError(409, `job ${j.id} is ${j.status}`);
    return c.json(j.result);
  });
  app.get('/api/jobs/:id/rasters', (c) => {
    const j = findJob(c.req.param('id'));
    if (j.status !== 'done' || !j.rasters) throw new HttpError(409, `job ${j.id} is ${j.status}`);
    c.header('Cache-Control', 'private, max-age=3600');
    return c.body(j.rasters as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/octet-stream' });
  });
  app.get('/api/jobs/:id/events', (c) => {
    const j = findJob(c.req.param('id'));
    return streamSSE(c, async (stream) => {
      const terminal = (ev: JobEvent) => ev.type !== 'progress';
      await stream.writeSSE({ event: j.last.type, data: JSON.stringify(j.last) });
      if (terminal(j.last)) return;
      await new Promise<void>((resolve) => {
        // Writes are chained so that the terminal event is flushed before the stream closes.
        let writes = Promise.resolve();
        const on = (ev: JobEvent): void => {
          writes = writes.then(() => stream.writeSSE({ event: ev.type, data: JSON.stringify(ev) }));
          if (terminal(ev)) void writes.then(stop, stop);
        };
        const stop = (): void => {
          j.events.off('event', on);
          resolve();
        };
        j.events.on('event', on);
        stream.onAbort(stop);
      });
    });
  });

  app.all('/api/*', (c) => c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404));
  if (opts.webDir) app.get('*', serveStaticDir(opts.webDir));

  return { app, jobs, workspace, close: () => jobs.close() };
}

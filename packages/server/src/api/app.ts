/**
 * The workbench's HTTP API (hono) over the same io/core functions as the CLI, plus the static web
 * bundle. Scenarios travel as YAML text, so validation problems come back with line:col; long
 * computations become jobs (see jobs/) that the browser follows by server-sent events.
 *
 * Safety for a local tool: the Host header must name this server — a loopback name or the
 * --host given, with the port it listens on (defeats DNS rebinding); an /api request that carries
 * an Origin (or Sec-Fetch-Site) must come from this server's own origin (a page elsewhere can
 * neither drive nor read the API); mutating requests must be JSON (a cross-site form cannot send
 * that without a CORS preflight, which this server never grants); bodies are at most 5 MB;
 * workspace names and a scenario's terrain.dem cannot leave the workspace folder (or the DEM
 * cache); the job queue is bounded (429 beyond it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { geodesicInverse, VALUE_CASES, type Catalog, type Scenario, type ValueCase } from '@parapet/core';
import {
  dataDir,
  defaultDemCacheDir,
  DemError,
  InputError,
  loadCatalog,
  parseLocated,
  parseScenarioText,
  resolveTerrainPath,
  type ScenarioParse,
} from '@parapet/io';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { streamSSE } from 'hono/streaming';
import { basemapJson } from '../basemap/basemap.js';
import { siteVcdSvg } from '../diagrams/vcd.js';
import { explainScenario, type ExplainSubject } from '../explain/explain.js';
import { JobManager, QueueFullError, type Job, type JobEvent } from '../jobs/job-manager.js';
import type { CoverageFocus } from '../jobs/job-types.js';
import { scenarioSources } from '../scenario/scenario-sources.js';
import { BadFileNameError, checkFileName, isInside, OutsideWorkspaceError, Workspace } from '../workspace/workspace.js';
import { registerExports } from './exports.js';
import { registerReportRoutes } from './report-route.js';
import { registerSensitivityRoutes } from './sensitivity-route.js';
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
  /**
   * The port the server listens on, required in Host and Origin. Default (or 0): the port of the socket
   * each request came in on (when served by @hono/node-server); unknown (app.request): any port.
   */
  port?: number;
  /** Extra origins (e.g. "http://localhost:5173", a dev proxy) accepted in the Origin header. */
  allowedOrigins?: string[];
  /** Folders besides the workspace that a scenario's terrain.dem may name (default: the DEM cache). */
  demDirs?: string[];
  /** Request body limit in bytes for POST/PUT (default 5 MB). */
  maxBodyBytes?: number;
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
    readonly status: 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    message: string,
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A Host header (or an origin's host) split into its lower-cased name and port ('' when absent). */
function splitHost(host: string): { name: string; port: string } {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return { name: h, port: '' };
    const rest = h.slice(end + 1);
    return { name: h.slice(0, end + 1), port: rest.startsWith(':') ? rest.slice(1) : rest };
  }
  const i = h.lastIndexOf(':');
  return i >= 0 ? { name: h.slice(0, i), port: h.slice(i + 1) } : { name: h, port: '' };
}

function parseValueCase(x: unknown): ValueCase {
  if (x === undefined) return 'nominal';
  if (typeof x === 'string' && (VALUE_CASES as readonly string[]).includes(x)) return x as ValueCase;
  throw new HttpError(400, `valueCase must be one of ${VALUE_CASES.join(', ')} (got ${JSON.stringify(x)})`);
}

/**
 * `focus` of POST /api/coverage: `{ threatId, altitudeM, rings?, mda? }`, the layer on screen
 * (one of the analysis' targets and altitudes), computed alone and first (jobs/incremental-coverage.ts).
 */
function parseFocus(x: unknown, scenario: Scenario, catalog: Catalog): CoverageFocus | undefined {
  if (x === undefined) return undefined;
  const f = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
  const threats = scenario.analysis.threats.map((id) => catalog.threats.get(id)?.id ?? id);
  if (typeof f.threatId !== 'string' || !threats.includes(f.threatId)) {
    throw new HttpError(400, `focus.threatId must be one of the analysis' targets (${threats.join(', ')}), got ${JSON.stringify(f.threatId)}`);
  }
  if (typeof f.altitudeM !== 'number' || !scenario.analysis.altitudesM.includes(f.altitudeM)) {
    throw new HttpError(
      400,
      `focus.altitudeM must be one of the analysis' altitudes (${scenario.analysis.altitudesM.join(', ')}), got ${JSON.stringify(f.altitudeM)}`,
    );
  }
  return { threatId: f.threatId, altitudeM: f.altitudeM, rings: f.rings === true, mda: f.mda === true };
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
  const allowed = new Set<string>(LOCAL_HOSTS);
  for (const h of opts.allowedHosts ?? []) {
    const name = h.toLowerCase();
    allowed.add(name);
    if (name.includes(':') && !name.startsWith('[')) allowed.add(`[${name}]`);
  }
  const allowedOrigins = new Set((opts.allowedOrigins ?? []).map((o) => o.toLowerCase().replace(/\/+$/, '')));
  const demDirs = opts.demDirs ?? [defaultDemCacheDir()];
  const maxBodyBytes = opts.maxBodyBytes ?? 5 * 1024 * 1024;
  const maxBodyText = maxBodyBytes % (1024 * 1024) === 0 ? `${maxBodyBytes / (1024 * 1024)} MB` : `${maxBodyBytes} bytes`;
  const app = new Hono();

  /** The port this request came in on, when known. */
  const portOf = (c: Context): number | undefined =>
    (opts.port ? opts.port : undefined) ?? (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.localPort;
  /** Whether `host` (name[:port]) names this server. */
  const isOwnHost = (host: string, port: number | undefined): boolean => {
    const { name, port: p } = splitHost(host);
    if (port !== undefined && (p === '' ? port !== 80 : p !== String(port))) return false;
    if (p !== '' && !/^\d{1,5}$/.test(p)) return false;
    const ipLiteral = /^(\d{1,3}\.){3}\d{1,3}$/.test(name) || /^\[[0-9a-f:.]+\]$/.test(name);
    return allowed.has(name) || (opts.allowIpHosts === true && ipLiteral);
  };
  const forbidden = (c: Context, message: string) => c.json({ error: message }, 403);
  /** A DEM path (file, or folder read one level deep) wholly inside the workspace or a DEM folder. */
  const demConfined = (abs: string): boolean => {
    const roots = [workspace.dir, ...demDirs];
    const inRoots = (p: string) => roots.some((d) => isInside(d, p));
    if (!inRoots(abs)) return false;
    try {
      if (statSync(abs).isDirectory()) return readdirSync(abs).every((n) => inRoots(join(abs, n)));
    } catch {
      // Missing: resolveTerrainPath names it.
    }
    return true;
  };

  const parse = (text: string, file: string): ScenarioParse => parseScenarioText(text, file, catalog);
  const parsedOrThrow = (text: string, file: string) => {
    const r = parse(text, file);
    if (!r.ok) throw new HttpError(422, `${file}: ${r.problems.length} problem(s)`, { problems: r.problems });
    // A relative terrain.dem is read from the workspace folder; none may name a file outside it
    // (or the DEM cache): a scenario saved through the UI must not make the server read elsewhere.
    const t = r.scenario.terrain;
    if (t && t.dem !== 'cache') {
      const abs = isAbsolute(t.dem) ? t.dem : resolve(workspace.dir, t.dem);
      if (t.dem.includes('\0') || !demConfined(abs)) {
        const at = parseLocated(text).locate(['terrain', 'dem']);
        const message = `terrain.dem must name a file in the workspace folder (${workspace.dir}) or be \`cache\`; the server does not read ${JSON.stringify(t.dem)}`;
        throw new HttpError(422, message, { problems: [{ file, ...at, path: 'terrain.dem', message }] });
      }
    }
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
    if (e instanceof OutsideWorkspaceError) return c.json({ error: e.message }, 403);
    if (e instanceof QueueFullError) return c.json({ error: e.message }, 429, { 'Retry-After': '5' });
    if (e instanceof RangeError) return c.json({ error: e.message }, 400);
    if (e instanceof DemError) return c.json({ error: e.message }, 422);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return c.json({ error: 'no such file' }, 404);
    process.stderr.write(`parapet serve: internal error: ${e.stack ?? e.message}\n`);
    return c.json({ error: `internal error: ${e.message}` }, 500);
  });

  // DNS rebinding: the Host must name this server, with its port.
  app.use('*', async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!isOwnHost(host, portOf(c))) return forbidden(c, `Host ${JSON.stringify(host)} is not this server (use http://127.0.0.1:${portOf(c) ?? 'PORT'}/)`);
    await next();
  });
  // Cross-origin pages: an /api request from a browser must come from this server's own origin.
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      let own = allowedOrigins.has(origin.toLowerCase().replace(/\/+$/, ''));
      if (!own) {
        try {
          const u = new URL(origin);
          own = u.protocol === 'http:' && u.origin !== 'null' && isOwnHost(u.host, portOf(c));
        } catch {
          own = false;
        }
      }
      if (!own) return forbidden(c, `requests from origin ${JSON.stringify(origin)} are refused: the API answers only pages served by this server`);
    } else {
      const site = c.req.header('sec-fetch-site');
      if (site === 'cross-site' || site === 'same-site')
        return forbidden(c, `cross-origin requests (Sec-Fetch-Site: ${site}) are refused: the API answers only pages served by this server`);
    }
    await next();
  });
  // Every request body (POST, PUT) is read at most to the limit.
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      // The rest of the body is not read: the connection is not reused.
      onError: (c) => c.json({ error: `request body too large: the limit is ${maxBodyText}` }, 413, { Connection: 'close' }),
    }),
  );
  app.use('/api/basemap', compress());
  app.use('/api/catalog', compress());

  app.get('/api/health', (c) => c.json({ ok: true, threaded: jobs.runner.threaded, workspace: workspace.dir, jobs: jobs.stats() }));

  app.get('/api/catalog', (c) => c.json({ systems: [...catalog.systems.values()], threats: [...catalog.threats.values()] }));

  app.get('/api/basemap', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(basemapJson(), 200, { 'Content-Type': 'application/json' });
  });

  app.get('/api/examples', (c) => {
    const files = readdirSync(examplesDir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
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
      await explainScenario(scenario, catalog, {
        subject,
        valueCase: parseValueCase(body.valueCase),
        threatId: typeof body.threatId === 'string' ? body.threatId : undefined,
        altitudeM: typeof body.altitudeM === 'number' ? body.altitudeM : undefined,
      }),
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
    if (azimuthDeg !== undefined && !(azimuthDeg >= -360 && azimuthDeg <= 360))
      throw new HttpError(400, `azimuthDeg must be in [-360, 360], got ${azimuthDeg}`);
    const svg = await siteVcdSvg(scenario, catalog, body.siteId, body.threatId, parseValueCase(body.valueCase), azimuthDeg);
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
  });

  app.post('/api/coverage', async (c) => {
    const body = await jsonBody(c);
    const scenario = parsedOrThrow(requireText(body.text, 'text'), typeof body.file === 'string' ? body.file : 'scenario.yaml');
    const { job, cached } = jobs.submit({
      kind: 'coverage',
      scenario,
      valueCase: parseValueCase(body.valueCase),
      uncertainty: body.uncertainty === true,
      focus: parseFocus(body.focus, scenario, catalog),
    });
    return c.json({ ...jobView(job), cached }, 202);
  });

  app.post('/api/simulate', async (c) => {
    const body = await jsonBody(c);
    const scenario = parsedOrThrow(requireText(body.text, 'text'), typeof body.file === 'string' ? body.file : 'scenario.yaml');
    const raids = (scenario as { raids?: unknown[] }).raids;
    if (!Array.isArray(raids) || raids.length === 0)
      throw new HttpError(422, 'this scenario has no raids: add a raids: section (docs/simulation.md)', { problems: [] });
    const runs = body.runs === undefined ? 1000 : Number(body.runs);
    if (!Number.isInteger(runs) || runs < 1 || runs > 100_000)
      throw new HttpError(400, `runs must be an integer in [1, 100000], got ${JSON.stringify(body.runs)}`);
    const seed = body.seed === undefined ? 1 : Number(body.seed);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
      throw new HttpError(400, `seed must be an integer in [0, 2147483647], got ${JSON.stringify(body.seed)}`);
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

  registerExports(app, { jobs, catalog });
  registerReportRoutes(app, { jobs, scenario: parsedOrThrow, jsonBody, findJob, jobView });
  registerSensitivityRoutes(app, { jobs, scenario: parsedOrThrow, jsonBody, findJob, jobView });
  app.all('/api/*', (c) => c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404));
  if (opts.webDir) app.get('*', serveStaticDir(opts.webDir));

  return { app, jobs, workspace, close: () => jobs.close() };
}

/** The workbench's HTTP API, typed with the server's own types. */
import type { ResolvedJammer, Source, System, Threat, ValueCase } from '@parapet/core';
import type { InputProblem, SensitivityDocument } from '@parapet/io';
import type { CoverageFocus, CoverageFocusJson, CoverageJson, DeltaRowJson, JobResult, ScenarioSource, SimulationJson, WorkspaceFile } from '@parapet/server';
import type { Explanation } from '@parapet/server';
import type { ExplainNode } from '@parapet/core';
export type { ExplainNode };

export type { SensitivityDocument, SimulationJson };
/** A stand-off jammer as a coverage result names it. */
export type ResolvedJammerJson = ResolvedJammer;
export type {
  CoverageFocus,
  CoverageFocusJson,
  CoverageJson,
  DeltaRowJson,
  Explanation,
  InputProblem,
  JobResult,
  ScenarioSource,
  Source,
  System,
  Threat,
  ValueCase,
  WorkspaceFile,
};

/** Formats of GET /api/jobs/:id/export/:format. */
export const EXPORT_FORMATS = ['geojson', 'kml', 'kmz', 'geotiff', 'png', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problems: InputProblem[] = [],
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const d = (typeof data === 'object' && data ? data : {}) as { error?: string; problems?: InputProblem[] };
    throw new ApiError(d.error ?? `${method} ${path}: HTTP ${res.status}`, res.status, d.problems ?? []);
  }
  return data as T;
}

export interface JobView {
  id: string;
  status: 'queued' | 'running' | 'done' | 'error' | 'cancelled';
  cached?: boolean;
  error?: string;
}

export interface JobEvent {
  type: 'progress' | 'done' | 'error' | 'cancelled';
  phase?: string;
  step?: string;
  done?: number;
  total?: number;
  message?: string;
}

export const api = {
  catalog: () => call<{ systems: System[]; threats: Threat[] }>('GET', 'api/catalog'),
  basemap: () => call<Record<string, GeoJSON.GeoJSON>>('GET', 'api/basemap'),
  examples: () => call<{ file: string; name: string; valid: boolean; problems: number }[]>('GET', 'api/examples'),
  example: (file: string) => call<string>('GET', `api/examples/${encodeURIComponent(file)}`),
  workspace: () => call<{ dir: string; files: WorkspaceFile[] }>('GET', 'api/workspace'),
  workspaceFile: (file: string) => call<string>('GET', `api/workspace/${encodeURIComponent(file)}`),
  save: (file: string, text: string) => call<{ saved: WorkspaceFile; problems: InputProblem[] }>('PUT', `api/workspace/${encodeURIComponent(file)}`, { text }),
  validate: (text: string, file: string) => call<{ ok: boolean; problems: InputProblem[] }>('POST', 'api/validate', { text, file }),
  sources: (text: string, file: string) => call<{ sources: ScenarioSource[] }>('POST', 'api/sources', { text, file }),
  explain: (body: { text: string; file: string; valueCase: ValueCase; subject: ExplainSubject; threatId?: string; altitudeM?: number }) =>
    call<Explanation>('POST', 'api/explain', body),
  vcd: async (body: {
    text: string;
    file: string;
    siteId: string;
    threatId: string;
    valueCase: ValueCase;
    azimuthDeg?: number;
    toLonDeg?: number;
    toLatDeg?: number;
  }): Promise<string> => {
    const res = await fetch('api/vcd', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new ApiError(((await res.json()) as { error?: string }).error ?? `HTTP ${res.status}`, res.status);
    return res.text();
  },
  coverage: (text: string, file: string, valueCase: ValueCase, uncertainty: boolean, focus?: CoverageFocus) =>
    call<JobView>('POST', 'api/coverage', { text, file, valueCase, uncertainty, focus }),
  /** A citation-ready report of the scenario (and of B against it): a job, then report.html / report.pdf. */
  report: (body: { text: string; file: string; valueCase: ValueCase; uncertainty: boolean; b?: { text: string; file: string } }) =>
    call<JobView>('POST', 'api/report', body),
  /** Where a finished coverage job's export lives; `layer` (threat@altitude) for the raster formats. */
  exportUrl: (id: string, format: ExportFormat, layer?: { threatId: string; altitudeM: number }) =>
    `api/jobs/${id}/export/${format}${layer && (format === 'geotiff' || format === 'png') ? `?layer=${encodeURIComponent(`${layer.threatId}@${layer.altitudeM}`)}` : ''}`,
  reportUrl: (id: string, kind: 'html' | 'pdf') => `api/jobs/${id}/report.${kind}`,
  compare: (a: { text: string; file: string }, b: { text: string; file: string }, valueCase: ValueCase) =>
    call<JobView>('POST', 'api/compare', { a, b, valueCase }),
  simulate: (text: string, file: string, valueCase: ValueCase, runs: number, seed: number) =>
    call<JobView>('POST', 'api/simulate', { text, file, valueCase, runs, seed }),
  /** Which sources drive the answers (docs/models/sensitivity.md): a job, then its document and charts. */
  sensitivity: (body: { text: string; file: string; draws: number; runs: number; seed: number; coverage: boolean }) =>
    call<JobView>('POST', 'api/sensitivity', body),
  /** A finished sensitivity job's tornado chart or outcome distribution of one headline (SVG). */
  sensitivityChartUrl: (id: string, chart: 'tornado' | 'outcome', headline: string) => `api/jobs/${id}/${chart}.svg?headline=${encodeURIComponent(headline)}`,
  cancel: (id: string) => call<{ cancelled: boolean }>('DELETE', `api/jobs/${id}`),
  result: (id: string) => call<JobResult>('GET', `api/jobs/${id}/result`),
  rasters: async (id: string): Promise<Uint8Array> => {
    const res = await fetch(`api/jobs/${id}/rasters`);
    if (!res.ok) throw new ApiError(`rasters of job ${id}: HTTP ${res.status}`, res.status);
    return new Uint8Array(await res.arrayBuffer());
  },
};

export type ExplainSubject = { kind: 'site'; id: string } | { kind: 'place'; name: string } | { kind: 'threat'; id: string } | { kind: 'metric'; name: string };

/**
 * Follows a job to its end by server-sent events; resolves with the last event. `signal` closes
 * the stream (the job itself is cancelled separately with api.cancel).
 */
export function followJob(id: string, onEvent: (e: JobEvent) => void, signal?: AbortSignal): Promise<JobEvent> {
  return new Promise((resolve) => {
    const es = new EventSource(`api/jobs/${id}/events`);
    const end = (e: JobEvent): void => {
      es.close();
      resolve(e);
    };
    for (const type of ['progress', 'done', 'error', 'cancelled'] as const) {
      es.addEventListener(type, (m) => {
        const e = JSON.parse((m as MessageEvent<string>).data) as JobEvent;
        onEvent(e);
        if (type !== 'progress') end(e);
      });
    }
    // The server ends the stream after the last event; an error before that is a lost connection.
    es.onerror = () => end({ type: 'error', message: 'lost the connection to the server' });
    signal?.addEventListener('abort', () => end({ type: 'cancelled' }));
  });
}

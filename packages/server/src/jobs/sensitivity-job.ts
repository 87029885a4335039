/**
 * The workbench's sensitivity job: the same analysis as `parapet sensitivity` (io
 * sensitivityScenario, its blocks on worker threads), from the scenario's text. The result is the
 * sensitivity document; the API draws the tornado and outcome charts from it on request
 * (api/sensitivity-route.ts).
 */
import { sensitivityScenario, type SensitivityDocument, type SensitivityOptions } from '@parapet/io';
import type { JobPhase } from './job-types.js';

export interface SensitivityJobRequest {
  kind: 'sensitivity';
  /** The scenario's YAML text (already validated on the request thread) and its file name. */
  text: string;
  file: string;
  options: SensitivityOptions;
}

export interface SensitivityJson {
  document: SensitivityDocument;
  threads: number;
  elapsedMs: number;
}

export async function computeSensitivityJob(
  req: SensitivityJobRequest,
  progress: (phase: JobPhase, done: number, total: number, step?: string) => void,
): Promise<{ result: { kind: 'sensitivity'; sensitivity: SensitivityJson }; rasters: ArrayBuffer }> {
  progress('draws', 0, 1);
  const r = await sensitivityScenario(
    { scenario: { text: req.text, file: req.file }, options: req.options },
    { onProgress: (d, t) => progress('draws', d, t) },
  );
  return { result: { kind: 'sensitivity', sensitivity: { document: r.document, threads: r.threads, elapsedMs: r.elapsedMs } }, rasters: new ArrayBuffer(0) };
}

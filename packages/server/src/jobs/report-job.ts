/**
 * The workbench's report job: the same `writeReport` as `parapet report`, written into a temporary
 * folder, whose report.html and report.pdf are packed into the job's binary buffer (HTML first)
 * and the folder removed. The API serves them as downloads (api/report-route.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '@parapet/core';
import { reportCommand, writeReport, type ReportScenario } from '@parapet/io';
import type { JobPhase } from './job-types.js';

export interface ReportJobRequest {
  kind: 'report';
  a: ReportScenario;
  /** A second scenario: the report compares B against A. */
  b?: ReportScenario;
  runs: number;
  seed: number;
  pdf: boolean;
}

/** Where the report's files sit in the job's buffer, and what they hold. */
export interface ReportJson {
  title: string;
  /** A download name without extension, from the scenario names ("korea-s400-reported-vs-korea-legacy"). */
  fileStem: string;
  html: { offset: number; bytes: number };
  /** Null when the job was asked for the HTML only. */
  pdf: { offset: number; bytes: number; pages: number } | null;
  figures: number;
  tables: number;
  references: number;
  elapsedMs: number;
}

const stemOf = (file: string): string =>
  file
    .replace(/^.*[\\/]/, '')
    .replace(/\.(ya?ml|json)$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'scenario';

export async function computeReportJob(
  req: ReportJobRequest,
  catalog: Catalog,
  progress: (phase: JobPhase, done: number, total: number, step?: string) => void,
): Promise<{ result: { kind: 'report'; report: ReportJson }; rasters: ArrayBuffer }> {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-report-job-'));
  try {
    const command = reportCommand({ a: req.a.file, b: req.b?.file, runs: req.runs, seed: req.seed, pdf: req.pdf, jamming: true });
    const r = await writeReport({
      a: req.a,
      b: req.b,
      catalog,
      outDir: dir,
      runs: req.runs,
      seed: req.seed,
      pdf: req.pdf,
      command,
      onProgress: (step, d, t) => progress('report', d, t, step),
    });
    const html = readFileSync(r.html);
    const pdf = r.pdf ? readFileSync(r.pdf) : undefined;
    const out = new Uint8Array(html.length + (pdf?.length ?? 0));
    out.set(html, 0);
    if (pdf) out.set(pdf, html.length);
    const report: ReportJson = {
      title: r.title,
      fileStem: req.b ? `${stemOf(req.b.file)}-vs-${stemOf(req.a.file)}` : stemOf(req.a.file),
      html: { offset: 0, bytes: html.length },
      pdf: pdf ? { offset: html.length, bytes: pdf.length, pages: r.pages! } : null,
      figures: r.figures,
      tables: r.tables,
      references: r.references,
      elapsedMs: r.elapsedMs,
    };
    return { result: { kind: 'report', report }, rasters: out.buffer };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

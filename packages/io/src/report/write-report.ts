/**
 * `parapet report` and the workbench's report job: runs the analyses (report-analysis.ts), writes
 * `report.html` — one self-contained file — into the output folder with the data behind it in
 * `data/`, and prints it to `report.pdf` with headless Chromium. Chromium is looked for before
 * any computation, so a missing browser fails at once.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '@parapet/core';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { catalogEntriesUsed } from './catalog-values.js';
import { runReportAnalysis, type ReportScenario } from './report-analysis.js';
import { reportHtml } from './report-html.js';
import { findChromium, openPdfRenderer } from './report-pdf.js';
import { reproduceInfo } from './reproduce.js';

export interface WriteReportOptions {
  a: ReportScenario;
  /** A second scenario: the report compares B against A. */
  b?: ReportScenario;
  catalog: Catalog;
  outDir: string;
  /** Monte Carlo runs of each scenario's raids. */
  runs: number;
  seed: number;
  /** false: leave out the scenarios' stand-off jammers. */
  jamming?: boolean;
  /** false: HTML only. */
  pdf?: boolean;
  /** Chromium executable (default: findChromium()). */
  chromium?: string;
  /** The command that makes this report, printed in its "how to reproduce" block. */
  command: string;
  onProgress?: (step: string, done: number, total: number) => void;
}

export interface ReportFiles {
  html: string;
  htmlBytes: number;
  pdf?: string;
  pdfBytes?: number;
  pages?: number;
  /** Folder of the maps and data files. */
  dataDir: string;
  title: string;
  figures: number;
  tables: number;
  references: number;
  elapsedMs: number;
}

/** Default number of raid runs: enough for intervals of a few percentage points, quick on the demo. */
export const REPORT_DEFAULT_RUNS = 500;

export async function writeReport(opts: WriteReportOptions): Promise<ReportFiles> {
  const t0 = performance.now();
  const chromium = opts.pdf === false ? undefined : (opts.chromium ?? findChromium());
  const dataDir = join(opts.outDir, 'data');
  const analysis = await runReportAnalysis(opts.a, opts.b, opts.catalog, {
    dataDir,
    runs: opts.runs,
    seed: opts.seed,
    jamming: opts.jamming,
    onProgress: opts.onProgress,
  });
  const scenarios = opts.b ? [opts.a, opts.b] : [opts.a];
  const entries = catalogEntriesUsed(
    scenarios.map((s) => s.scenario),
    opts.catalog,
  );
  const reproduce = reproduceInfo({ command: opts.command, scenarios, entries, runs: opts.runs, seed: opts.seed });
  const renderer = chromium ? await openPdfRenderer(chromium) : undefined;
  try {
    reproduce.chromiumVersion = renderer?.version;
    const doc = reportHtml({ analysis, entries, reproduce });
    const html = join(opts.outDir, 'report.html');
    writeFileAtomic(html, doc.html);
    const out: ReportFiles = {
      html,
      htmlBytes: statSync(html).size,
      dataDir,
      title: doc.title,
      figures: doc.figures,
      tables: doc.tables,
      references: doc.references,
      elapsedMs: 0,
    };
    if (renderer) {
      opts.onProgress?.('pdf', 0, 1);
      const pdf = join(opts.outDir, 'report.pdf');
      const r = await renderer.render(html, pdf, `${doc.title} — Parapet ${reproduce.parapetVersion}`);
      opts.onProgress?.('pdf', 1, 1);
      Object.assign(out, { pdf, pdfBytes: r.bytes, pages: r.pages });
    }
    out.elapsedMs = performance.now() - t0;
    return out;
  } finally {
    await renderer?.close();
  }
}

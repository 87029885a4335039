/**
 * Exports (right, "Export"): the shown coverage as GeoJSON, KML, KMZ, GeoTIFF, PNG or CSV
 * (GET /api/jobs/:id/export/:format of the last whole analysis; the raster formats take the layer
 * on screen as `?layer=threat@altitude`), and a citation-ready report: POST /api/report with the
 * scenario (and optionally a scenario B to set against it), followed as a job, then its HTML and
 * PDF (GET /api/jobs/:id/report.html, report.pdf).
 */
import { effect, signal } from '@preact/signals-core';
import { api, ApiError, EXPORT_FORMATS, followJob, type ExportFormat, type JobEvent } from '../api.js';
import type { Ctx } from '../component-context.js';
import { h, replaceChildren } from '../ui/dom.js';

const LABELS: Record<ExportFormat, { label: string; title: string }> = {
  geojson: { label: 'GeoJSON', title: 'coverage polygons, rings and sites as GeoJSON' },
  kml: { label: 'KML', title: 'for Google Earth: styled coverage, bands and rings, site placemarks with their sources' },
  kmz: { label: 'KMZ', title: 'the KML zipped with its icons' },
  geotiff: { label: 'GeoTIFF', title: 'the layer on screen as a georeferenced raster' },
  png: { label: 'PNG', title: 'the layer on screen as a map image' },
  csv: { label: 'CSV', title: 'the coverage tables' },
};

/** Saves a response's body under the name its Content-Disposition gives (else `fallback`). */
async function saveResponse(res: Response, fallback: string): Promise<void> {
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The error an API answer carries, or its HTTP status. */
async function failure(res: Response): Promise<string> {
  try {
    return ((await res.json()) as { error?: string }).error ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

export function mountExportPanel(root: HTMLElement, { store: s }: Ctx): void {
  const message = signal<{ text: string; error: boolean } | null>(null);
  const report = signal<{ id: string; event: JobEvent } | null>(null);
  const reportB = signal('');

  const download = async (format: ExportFormat): Promise<void> => {
    const cov = s.coverage.peek();
    if (!cov) return;
    const url = api.exportUrl(cov.jobId, format, { threatId: s.threatId.peek(), altitudeM: s.altitudeM.peek() });
    message.value = { text: `Preparing ${LABELS[format].label}…`, error: false };
    const res = await fetch(url);
    if (!res.ok) {
      message.value = { text: `${LABELS[format].label}: ${await failure(res)}`, error: true };
      return;
    }
    await saveResponse(res, `${s.fileName.peek().replace(/\.ya?ml$/, '')}.${format === 'geotiff' ? 'tif' : format}`);
    message.value = { text: `${LABELS[format].label} saved`, error: false };
  };

  const makeReport = async (): Promise<void> => {
    const b = reportB.peek();
    let bBody: { text: string; file: string } | undefined;
    try {
      if (b) {
        const [kind, file] = [b.slice(0, b.indexOf(':')), b.slice(b.indexOf(':') + 1)];
        bBody = { text: kind === 'workspace' ? await api.workspaceFile(file) : await api.example(file), file };
      }
      const view = await api.report({
        text: s.text.peek(),
        file: s.fileName.peek(),
        valueCase: s.valueCase.peek(),
        uncertainty: s.uncertainty.peek(),
        b: bBody,
      });
      report.value = { id: view.id, event: { type: view.status === 'done' ? 'done' : 'progress', phase: view.status } };
      const last = view.status === 'done' ? ({ type: 'done' } as JobEvent) : await followJob(view.id, (ev) => (report.value = { id: view.id, event: ev }));
      report.value = { id: view.id, event: last };
    } catch (e) {
      report.value = null;
      message.value = { text: `Report: ${e instanceof ApiError || e instanceof Error ? e.message : String(e)}`, error: true };
    }
  };

  effect(() => {
    const cov = s.coverage.value;
    const stale = cov !== null && cov.text !== s.text.value;
    const threat = cov?.result.threats.find((t) => t.id === s.threatId.value);
    const m = message.value;
    const r = report.value;
    const files = s.workspace.value.files;
    replaceChildren(
      root,
      h('h2', {}, 'Export the coverage'),
      cov
        ? h(
            'p',
            { class: 'muted small' },
            `${cov.result.scenarioName} · ${cov.result.valueCase} values${stale ? ' · the last valid run (the scenario changed since)' : ''}. GeoTIFF and PNG: ${threat?.name ?? s.threatId.value} at ${s.altitudeM.value.toLocaleString('en-US')} m.`,
          )
        : h('p', { class: 'muted' }, 'Run the coverage first.'),
      h(
        'div',
        { class: 'export-buttons', role: 'group', 'aria-label': 'Export formats' },
        EXPORT_FORMATS.map((f) =>
          h('button', { class: 'small', 'data-key': `export-${f}`, title: LABELS[f].title, disabled: !cov, onclick: () => void download(f) }, LABELS[f].label),
        ),
      ),
      m ? h('p', { class: m.error ? 'error small' : 'muted small', role: 'status', 'data-key': 'export-message' }, m.text) : null,
      h('h2', {}, 'Report'),
      h(
        'p',
        { class: 'muted small' },
        'One self-contained HTML file (and a PDF from it): the question, the scenario and its sources, the maps and tables with their ranges, the method and every catalog value used, with a numbered reference list.',
      ),
      h(
        'label',
        { class: 'small' },
        'Set against ',
        h(
          'select',
          { 'data-key': 'report-b', 'aria-label': 'Set the report against', onchange: (e: Event) => (reportB.value = (e.target as HTMLSelectElement).value) },
          h('option', { value: '', selected: reportB.value === '' }, '(no scenario B)'),
          h(
            'optgroup',
            { label: 'Examples' },
            s.examples.value.map((x) => h('option', { value: `example:${x.file}`, selected: reportB.value === `example:${x.file}` }, x.name)),
          ),
          files.length
            ? h(
                'optgroup',
                { label: 'Workspace' },
                files.map((f) => h('option', { value: `workspace:${f.name}`, selected: reportB.value === `workspace:${f.name}` }, f.name)),
              )
            : null,
        ),
      ),
      h(
        'div',
        { class: 'export-buttons' },
        h(
          'button',
          {
            class: 'primary',
            'data-key': 'report',
            disabled: s.problems.value.length > 0 || (r !== null && r.event.type === 'progress'),
            onclick: () => void makeReport(),
          },
          'Report',
        ),
      ),
      r && r.event.type === 'progress'
        ? h(
            'p',
            { class: 'small', role: 'status' },
            `Writing the report — ${[r.event.step, r.event.phase].filter(Boolean).join(' · ')} `,
            h('progress', { max: 1, value: r.event.total ? (r.event.done ?? 0) / r.event.total : 0 }),
          )
        : null,
      r && r.event.type === 'done'
        ? h(
            'p',
            { class: 'report-links', 'data-key': 'report-links' },
            h('a', { href: api.reportUrl(r.id, 'html'), target: '_blank', rel: 'noopener', 'data-key': 'report-html' }, 'report.html'),
            ' · ',
            h('a', { href: api.reportUrl(r.id, 'pdf'), target: '_blank', rel: 'noopener', 'data-key': 'report-pdf' }, 'report.pdf'),
          )
        : null,
      r && (r.event.type === 'error' || r.event.type === 'cancelled')
        ? h('p', { class: 'error small' }, `Report ${r.event.type}: ${r.event.message ?? ''}`)
        : null,
    );
  });
}

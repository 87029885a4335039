/**
 * The report job of the HTTP API on an ephemeral 127.0.0.1 port, as the workbench's button uses
 * it: POST /api/report (A, or B against A) → server-sent events to done → the HTML and the PDF
 * as downloads; the content cache; 409 while running; the HTML-only job; bad requests; a missing
 * Chromium refused before any job. The PDF is printed by Debian's chromium and read back with
 * pdfinfo (poppler). Skipped with a warning when Chromium is missing, except under CI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server.js';
import type { JobResult } from '../jobs/job-types.js';

const CHROMIUM = process.env.PARAPET_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) console.warn(`report route tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

const A = `name: Report API test — two SA-2
region: { bbox: [125.0, 37.4, 127.2, 39.4], resolutionM: 4000 }
sites:
  - { id: sa2-a, system: s-75, lon: 125.75, lat: 39.03, status: confirmed, sources: [{ title: "Parapet estimate: test placement" }] }
  - { id: sa2-b, system: s-75, lon: 126.55, lat: 37.97, status: hypothetical, sources: [{ title: "Parapet estimate: test placement" }] }
places:
  - { name: Seoul, lon: 126.977, lat: 37.569 }
analysis:
  threats: [f-16]
  altitudesM: [5000]
raids:
  - id: strike
    groups:
      - { id: pair, threat: f-16, count: 2, spacingSec: 20, route: [{ lon: 126.9, lat: 37.6, altitudeM: 7500 }, { lon: 125.75, lat: 39.03, altitudeM: 7500 }] }
`;
const B = A.replace('name: Report API test — two SA-2', 'name: Report API test — two SA-2 and an S-300').replace(
  'places:',
  '  - { id: s300, system: s-300pmu-2, lon: 125.8, lat: 39.0, status: hypothetical, sources: [{ title: "Parapet estimate: test placement" }] }\nplaces:',
);

let server: RunningServer;
let ws: string;

const post = (path: string, body: unknown) =>
  fetch(new URL(path, server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const get = (path: string) => fetch(new URL(path, server.url));

async function untilDone(id: string): Promise<{ events: string[]; data: Record<string, unknown>[] }> {
  const text = await (await get(`/api/jobs/${id}/events`)).text();
  return {
    events: [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]),
    data: [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]) as Record<string, unknown>),
  };
}

describe.skipIf(!haveChromium && !process.env.CI)('POST /api/report', () => {
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'parapet-ws-'));
    server = await startServer({ port: 0, workspaceDir: ws, webDir: null });
  });
  afterAll(async () => {
    await server?.close();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  it('runs a B-against-A report job and serves its HTML and PDF as downloads; the same request is cached', async () => {
    const body = { text: A, file: 'legacy.yaml', b: { text: B, file: 'with-s300.yaml' }, runs: 20, seed: 2 };
    const res = await post('/api/report', body);
    expect(res.status).toBe(202);
    const job = (await res.json()) as { id: string; kind: string; cached: boolean };
    expect(job.kind).toBe('report');
    expect(job.cached).toBe(false);
    // Not ready yet: the files are refused, not served half-made.
    expect((await get(`/api/jobs/${job.id}/report.html`)).status).toBe(409);
    const { events, data } = await untilDone(job.id);
    expect(events.at(-1)).toBe('done');
    expect(data.some((d) => d.phase === 'report' && typeof d.step === 'string' && (d.step as string).startsWith('coverage'))).toBe(true);
    expect(data.some((d) => d.phase === 'report' && d.step === 'pdf')).toBe(true);

    const result = (await (await get(`/api/jobs/${job.id}/result`)).json()) as JobResult;
    if (result.kind !== 'report') throw new Error(`expected a report result, got ${result.kind}`);
    const r = result.report;
    expect(r.title).toBe('Report API test — two SA-2 and an S-300 compared with Report API test — two SA-2');
    expect(r.fileStem).toBe('with-s300-vs-legacy');

    const html = await get(`/api/jobs/${job.id}/report.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-disposition')).toBe(
      `attachment; filename="with-s300-vs-legacy-report.html"; filename*=UTF-8''with-s300-vs-legacy-report.html`,
    );
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const text = await html.text();
    expect(Buffer.byteLength(text)).toBe(r.html.bytes);
    expect(text).toContain(`<title>${r.title} — Parapet report</title>`);
    expect(text.match(/<figure id="fig-\d+">/g)?.length).toBe(r.figures);
    // The reproduce block gives the CLI command for the same report.
    expect(text).toContain('npx parapet report legacy.yaml with-s300.yaml --runs 20 --seed 2');

    const pdfRes = await get(`/api/jobs/${job.id}/report.pdf`);
    expect(pdfRes.status).toBe(200);
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    expect(pdfRes.headers.get('content-disposition')).toContain('filename="with-s300-vs-legacy-report.pdf"');
    const pdf = Buffer.from(await pdfRes.arrayBuffer());
    expect(pdf.length).toBe(r.pdf!.bytes);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(ws, 'got.pdf');
    writeFileSync(file, pdf);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info.status).toBe(0);
    expect(Number(/^Pages:\s+(\d+)/m.exec(info.stdout)![1])).toBe(r.pdf!.pages);
    expect(r.pdf!.pages).toBeGreaterThan(1);

    const again = (await (await post('/api/report', body)).json()) as { id: string; cached: boolean };
    expect(again).toMatchObject({ id: job.id, cached: true });
  });

  it('makes an HTML-only report with "pdf": false, and says so when the PDF is asked for', async () => {
    const job = (await (await post('/api/report', { text: A, pdf: false, runs: 10 })).json()) as { id: string };
    expect((await untilDone(job.id)).events.at(-1)).toBe('done');
    const html = await get(`/api/jobs/${job.id}/report.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-disposition')).toContain('filename="scenario-report.html"');
    const pdf = await get(`/api/jobs/${job.id}/report.pdf`);
    expect(pdf.status).toBe(404);
    expect(((await pdf.json()) as { error: string }).error).toContain('"pdf": false');
  });

  it('serves report files only for report jobs', async () => {
    const cov = (await (await post('/api/coverage', { text: A })).json()) as { id: string };
    await untilDone(cov.id);
    const r = await get(`/api/jobs/${cov.id}/report.html`);
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: string }).error).toContain('not a report');
    expect((await get('/api/jobs/no-such-job/report.pdf')).status).toBe(404);
  });

  it('refuses bad requests with the problem named', async () => {
    const bad = async (body: unknown, status: number, text: string) => {
      const r = await post('/api/report', body);
      expect(r.status).toBe(status);
      expect(((await r.json()) as { error: string }).error).toContain(text);
    };
    await bad({ text: A, valueCase: 'low' }, 400, 'valueCase must be "nominal"');
    await bad({ text: A, runs: 0 }, 400, 'runs must be an integer in [1, 100000]');
    await bad({ text: A, seed: 1.5 }, 400, 'seed must be an integer');
    await bad({ text: A, b: 'x' }, 400, 'b must be { text, file? }');
    await bad({ text: A, b: {} }, 400, 'b.text must be');
    await bad({}, 400, 'text must be');
    const invalid = await post('/api/report', { text: A, b: { text: B.replace('system: s-300pmu-2', 'system: s-3000'), file: 'b.yaml' } });
    expect(invalid.status).toBe(422);
    const problems = ((await invalid.json()) as { problems: { file: string; path: string; line: number }[] }).problems;
    expect(problems[0]).toMatchObject({ file: 'b.yaml', path: 'sites[2].system' });
    expect(problems[0].line).toBe(B.split('\n').findIndex((l) => l.includes('s-300pmu-2')) + 1);
  });

  it('refuses a PDF report before any job when no Chromium is found', async () => {
    const saved = process.env.PARAPET_CHROMIUM;
    process.env.PARAPET_CHROMIUM = join(ws, 'no-chromium');
    try {
      const r = await post('/api/report', { text: A, runs: 3 });
      expect(r.status).toBe(422);
      const body = (await r.json()) as { error: string };
      expect(body.error).toContain('which does not exist: the PDF needs Chromium');
      expect(body.error).toContain('send "pdf": false for the HTML only');
      expect(server.jobs.stats().running + server.jobs.stats().queued).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.PARAPET_CHROMIUM;
      else process.env.PARAPET_CHROMIUM = saved;
    }
  });
});

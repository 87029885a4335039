/**
 * The HTTP API on an ephemeral 127.0.0.1 port: examples, validation with line:col, a coverage
 * job followed by server-sent events to its result and rasters, the layer on screen alone (focus),
 * the content cache, cancel, atomic workspace saves, and the local-only guards.
 */
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectedNotEngagedMask, geodesicInverse } from '@parapet/core';
import { writeGeoTiff } from '@parapet/io';
import { startServer, type RunningServer } from '../server.js';
import type { JobResult } from '../jobs/job-types.js';

const SCENARIO = `name: API test — two SA-2
region:
  bbox: [125.0, 37.5, 127.0, 39.5]
  resolutionM: 2000
sites:
  - id: sa2-a
    system: s-75
    lon: 125.75
    lat: 39.03
    status: confirmed
    sources: [{ title: "Parapet estimate: test placement" }]
  - id: sa2-b
    system: s-75
    lon: 126.55
    lat: 37.97
    status: hypothetical
    sources: [{ title: "Parapet estimate: test placement" }]
places:
  - { name: Seoul, lon: 126.977, lat: 37.569 }
analysis:
  threats: [f-16]
  altitudesM: [1000, 10000]
`;

let server: RunningServer;
let ws: string;

const post = (path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(new URL(path, server.url), { method: 'POST', headers, body: JSON.stringify(body) });

/** Reads an SSE stream to its end and returns the event names in order. */
async function eventsOf(jobId: string): Promise<{ events: string[]; data: Record<string, unknown>[] }> {
  const res = await fetch(new URL(`/api/jobs/${jobId}/events`, server.url));
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const text = await res.text();
  const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
  const data = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]) as Record<string, unknown>);
  return { events, data };
}

beforeAll(async () => {
  ws = mkdtempSync(join(tmpdir(), 'parapet-ws-'));
  server = await startServer({ port: 0, workspaceDir: ws, webDir: null });
});

afterAll(async () => {
  await server.close();
  rmSync(ws, { recursive: true, force: true });
});

describe('parapet serve API', () => {
  it('binds to 127.0.0.1 on the requested ephemeral port', async () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    const h = (await (await fetch(new URL('/api/health', server.url))).json()) as { ok: boolean };
    expect(h.ok).toBe(true);
  });

  it('lists and serves the example scenarios', async () => {
    const list = (await (await fetch(new URL('/api/examples', server.url))).json()) as { file: string }[];
    const files = readdirSync(join(import.meta.dirname, '../../../../data/scenarios')).filter((f) => f.endsWith('.yaml'));
    expect(list.map((e) => e.file).sort()).toEqual(files.sort());
    const text = await (await fetch(new URL(`/api/examples/${files[0]}`, server.url))).text();
    expect(text).toBe(readFileSync(join(import.meta.dirname, '../../../../data/scenarios', files[0]), 'utf8'));
  });

  it('reports every validation problem with its line and column', async () => {
    const bad = SCENARIO.replace('system: s-75\n    lon: 126.55', 'system: s-7\n    lon: 126.55').replace('status: confirmed', 'status: rumoured');
    const r = (await (await post('/api/validate', { text: bad, file: 'bad.yaml' })).json()) as {
      ok: boolean;
      problems: { line: number; col: number; path: string; message: string }[];
    };
    expect(r.ok).toBe(false);
    const lines = bad.split('\n');
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p]));
    // Line numbers found by searching the text, not by the parser under test.
    expect(byPath['sites[1].system'].line).toBe(lines.findIndex((l) => /system: s-7$/.test(l)) + 1);
    expect(byPath['sites[1].system'].message).toContain('s-75');
    expect(byPath['sites[0].status'].line).toBe(lines.findIndex((l) => l.includes('rumoured')) + 1);
  });

  it('refuses coverage of an invalid scenario with 422 and the problems', async () => {
    const res = await post('/api/coverage', { text: 'name: x\n' });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { problems: unknown[] };
    expect(body.problems.length).toBeGreaterThan(0);
  });

  it('runs a coverage job with progress events, then serves its result and rasters; the same scenario is cached', async () => {
    const res = await post('/api/coverage', { text: SCENARIO });
    expect(res.status).toBe(202);
    const job = (await res.json()) as { id: string; cached: boolean };
    expect(job.cached).toBe(false);
    const { events, data } = await eventsOf(job.id);
    expect(events.at(-1)).toBe('done');
    expect(data.some((d) => d.phase === 'layers' && d.done === d.total)).toBe(true);
    const result = (await (await fetch(new URL(`/api/jobs/${job.id}/result`, server.url))).json()) as JobResult;
    if (result.kind !== 'coverage') throw new Error('expected a coverage result');
    const cov = result.coverage;
    expect(cov.runs.map((r) => r.altitudeM)).toEqual([1000, 10000]);
    const n = cov.grid.width * cov.grid.height;
    const rasters = new Uint8Array(await (await fetch(new URL(`/api/jobs/${job.id}/rasters`, server.url))).arrayBuffer());
    // Every engaged cell lies within the S-75's 45 km maximum range of some site (checked with geodesics).
    const eng = rasters.subarray(cov.runs[1].engageOffset, cov.runs[1].engageOffset + n);
    let engaged = 0;
    for (let j = 0; j < cov.grid.height; j += 3) {
      for (let i = 0; i < cov.grid.width; i += 3) {
        if (!eng[j * cov.grid.width + i]) continue;
        engaged++;
        const lon = cov.grid.westDeg + ((i + 0.5) * (cov.grid.eastDeg - cov.grid.westDeg)) / cov.grid.width;
        const lat = cov.grid.northDeg - ((j + 0.5) * (cov.grid.northDeg - cov.grid.southDeg)) / cov.grid.height;
        const nearest = Math.min(...cov.sites.map((s) => geodesicInverse(s.lonDeg, s.latDeg, lon, lat).distanceM));
        expect(nearest).toBeLessThanOrEqual(45_000 + 2 * cov.grid.resolutionM);
      }
    }
    expect(engaged).toBeGreaterThan(10);
    // Engaged cells counted from the raster match the area in the metrics to within a cell per row band.
    let count = 0;
    for (let k = 0; k < n; k++) if (eng[k]) count++;
    const cellKm2 = (cov.grid.resolutionM / 1000) ** 2;
    expect(count * cellKm2).toBeGreaterThan(cov.runs[1].metrics.engageAreaKm2 * 0.9);
    expect(count * cellKm2).toBeLessThan(cov.runs[1].metrics.engageAreaKm2 * 1.1);
    // Key order in the file does not change the job: the same content hits the cache.
    const again = (await (await post('/api/coverage', { text: SCENARIO })).json()) as { id: string; cached: boolean };
    expect(again).toMatchObject({ id: job.id, cached: true });
  });

  it("carries the detected-but-not-engageable area of every layer: 0 ≤ it ≤ the detected area, and it is core's mask over the rasters", async () => {
    const job = (await (await post('/api/coverage', { text: SCENARIO })).json()) as { id: string };
    expect((await eventsOf(job.id)).events.at(-1)).toBe('done');
    const result = (await (await fetch(new URL(`/api/jobs/${job.id}/result`, server.url))).json()) as JobResult;
    if (result.kind !== 'coverage') throw new Error('expected coverage');
    const cov = result.coverage;
    const n = cov.grid.width * cov.grid.height;
    const rasters = new Uint8Array(await (await fetch(new URL(`/api/jobs/${job.id}/rasters`, server.url))).arrayBuffer());
    const cellKm2 = (cov.grid.resolutionM / 1000) ** 2;
    expect(cov.jammers).toEqual([]);
    for (const run of cov.runs) {
      const m = run.metrics;
      expect(typeof m.detectedNotEngagedAreaKm2).toBe('number');
      expect(m.detectedNotEngagedAreaKm2).toBeGreaterThanOrEqual(0);
      expect(m.detectedNotEngagedAreaKm2).toBeLessThanOrEqual(m.detectAreaKm2);
      // Detected = engaged ∪ (detected, not engaged), disjoint: every engaged cell is detected here.
      expect(m.detectedNotEngagedAreaKm2).toBeCloseTo(m.detectAreaKm2 - m.engageAreaKm2, 0);
      // The cells the workbench colours (core's mask over the served counts) add up to the metric.
      const seen = detectedNotEngagedMask({
        detectCount: rasters.subarray(run.detectOffset, run.detectOffset + n),
        engageCount: rasters.subarray(run.engageOffset, run.engageOffset + n),
      });
      let count = 0;
      for (let k = 0; k < n; k++) count += seen[k];
      expect(count * cellKm2).toBeGreaterThanOrEqual(m.detectedNotEngagedAreaKm2 * 0.9);
      expect(count * cellKm2).toBeLessThanOrEqual(m.detectedNotEngagedAreaKm2 * 1.1 + cellKm2);
    }
    // The SA-2's radar sees farther than its missile flies: some of it is seen but not engageable.
    expect(cov.runs.some((r) => r.metrics.detectedNotEngagedAreaKm2 > 0)).toBe(true);
  });

  it('with a stand-off jammer: the coverage names it, and carries each layer without it (jamming never adds detection)', async () => {
    const text = `${SCENARIO}jammers:
  - id: growler-1
    jammer: ea-18g-class
    lon: 126.4
    lat: 37.2
    altitudeM: 9000
    status: hypothetical
    sources: [{ title: "Parapet estimate: test orbit" }]
`;
    const res = await post('/api/coverage', { text });
    expect(res.status).toBe(202);
    const job = (await res.json()) as { id: string };
    expect((await eventsOf(job.id)).events.at(-1)).toBe('done');
    const result = (await (await fetch(new URL(`/api/jobs/${job.id}/result`, server.url))).json()) as JobResult;
    if (result.kind !== 'coverage') throw new Error('expected coverage');
    const cov = result.coverage;
    expect(cov.jammers.map((j) => [j.entityId, j.jammerId, j.status])).toEqual([['growler-1', 'ea-18g-class', 'hypothetical']]);
    for (const run of cov.runs) {
      const u = run.unjammed!.metrics;
      expect(u.threatId).toBe(run.threatId);
      expect(u.altitudeM).toBe(run.altitudeM);
      expect(run.metrics.detectAreaKm2).toBeLessThanOrEqual(u.detectAreaKm2 + 1e-6);
      expect(run.metrics.engageAreaKm2).toBeLessThanOrEqual(u.engageAreaKm2 + 1e-6);
      expect(run.metrics.detectedNotEngagedAreaKm2).toBeGreaterThanOrEqual(0);
      expect(run.metrics.detectedNotEngagedAreaKm2).toBeLessThanOrEqual(run.metrics.detectAreaKm2);
    }
    expect(cov.runs.some((r) => r.metrics.detectAreaKm2 < r.unjammed!.metrics.detectAreaKm2)).toBe(true);
  });

  it('runs the low and high readings of the sources for the uncertainty band, nested low ⊆ nominal ⊆ high', async () => {
    const job = (await (await post('/api/coverage', { text: SCENARIO, uncertainty: true })).json()) as { id: string };
    expect((await eventsOf(job.id)).events.at(-1)).toBe('done');
    const result = (await (await fetch(new URL(`/api/jobs/${job.id}/result`, server.url))).json()) as JobResult;
    if (result.kind !== 'coverage') throw new Error('expected coverage');
    const rasters = new Uint8Array(await (await fetch(new URL(`/api/jobs/${job.id}/rasters`, server.url))).arrayBuffer());
    const n = result.coverage.grid.width * result.coverage.grid.height;
    for (const run of result.coverage.runs) {
      expect(run.low && run.high).toBeTruthy();
      expect(run.low!.metrics.engageAreaKm2).toBeLessThanOrEqual(run.metrics.engageAreaKm2);
      expect(run.metrics.engageAreaKm2).toBeLessThanOrEqual(run.high!.metrics.engageAreaKm2);
      expect(run.high!.metrics.engageAreaKm2).toBeGreaterThan(run.low!.metrics.engageAreaKm2);
      // Cell by cell: engaged at the low reading ⇒ engaged at nominal ⇒ engaged at high.
      const lo = rasters.subarray(run.low!.engageOffset, run.low!.engageOffset + n);
      const nom = rasters.subarray(run.engageOffset, run.engageOffset + n);
      const hi = rasters.subarray(run.high!.engageOffset, run.high!.engageOffset + n);
      let violations = 0;
      for (let k = 0; k < n; k++) if ((lo[k] && !nom[k]) || (nom[k] && !hi[k])) violations++;
      expect(violations).toBe(0);
    }
  });

  it('cancels a running job', async () => {
    const big = SCENARIO.replace('resolutionM: 2000', 'resolutionM: 300').replace('altitudesM: [1000, 10000]', 'altitudesM: [100, 500, 1000, 3000, 10000]');
    const job = (await (await post('/api/coverage', { text: big })).json()) as { id: string };
    const del = (await (await fetch(new URL(`/api/jobs/${job.id}`, server.url), { method: 'DELETE' })).json()) as { cancelled: boolean };
    expect(del.cancelled).toBe(true);
    const { events } = await eventsOf(job.id).catch(() => ({ events: ['cancelled'] }));
    expect(events.at(-1)).toBe('cancelled');
    // A cancelled job is forgotten; submitting again starts a fresh one.
    const status = await fetch(new URL(`/api/jobs/${job.id}`, server.url));
    expect(status.status).toBe(404);
    // The engine thread survives a cancel and runs the next job.
    const next = (await (await post('/api/coverage', { text: SCENARIO.replace('lon: 125.75', 'lon: 125.8') })).json()) as { id: string };
    expect((await eventsOf(next.id)).events.at(-1)).toBe('done');
  });

  it('runs a compare job with a delta table', async () => {
    const b = SCENARIO.replace('lon: 126.55', 'lon: 126.85');
    const job = (await (await post('/api/compare', { a: { text: SCENARIO }, b: { text: b } })).json()) as { id: string };
    const { events } = await eventsOf(job.id);
    expect(events.at(-1)).toBe('done');
    const result = (await (await fetch(new URL(`/api/jobs/${job.id}/result`, server.url))).json()) as JobResult;
    if (result.kind !== 'compare') throw new Error('expected a compare result');
    expect(result.deltas).toHaveLength(2);
    for (const d of result.deltas) {
      // Areas add up: B = A − lost + gained.
      expect(d.engageAreaB).toBeCloseTo(d.engageAreaA - d.engage.lostAreaKm2 + d.engage.gainedAreaKm2, 3);
      expect(d.engage.gainedAreaKm2).toBeGreaterThan(0);
    }
  });

  it('saves to the workspace atomically, leaving no temporary files, and refuses paths', async () => {
    const put = await fetch(new URL('/api/workspace/mine.yaml', server.url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: SCENARIO }),
    });
    expect(put.status).toBe(200);
    expect(readFileSync(join(ws, 'mine.yaml'), 'utf8')).toBe(SCENARIO);
    expect(readdirSync(ws)).toEqual(['mine.yaml']);
    const list = (await (await fetch(new URL('/api/workspace', server.url))).json()) as { files: { name: string }[] };
    expect(list.files.map((f) => f.name)).toEqual(['mine.yaml']);
    const evil = await fetch(new URL('/api/workspace/..%2Fevil.yaml', server.url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x' }),
    });
    expect(evil.status).toBe(400);
  });

  it('refuses non-JSON writes and foreign Host headers', async () => {
    const form = await fetch(new URL('/api/workspace/x.yaml', server.url), { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: '{"text":"x"}' });
    expect(form.status).toBe(415);
    // fetch() does not let a caller set Host, node:http does.
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path: '/api/health', headers: { host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('lists the scenario sources with what cites each', async () => {
    const r = (await (await post('/api/sources', { text: SCENARIO })).json()) as { sources: { title: string; citedBy: { subject: string }[] }[] };
    const placement = r.sources.find((s) => s.title === 'Parapet estimate: test placement');
    expect(placement?.citedBy.map((c) => c.subject)).toEqual(['site sa2-a', 'site sa2-b']);
    expect(r.sources.some((s) => s.citedBy.some((c) => c.subject === 'threat f-16'))).toBe(true);
  });

  it('runs a Monte Carlo of the example raids with a playback of run 0', async () => {
    const text = readFileSync(join(import.meta.dirname, '../../../../data/scenarios/korea-legacy.yaml'), 'utf8');
    const res = await post('/api/simulate', { text, file: 'korea-legacy.yaml', runs: 60, seed: 7 });
    expect(res.status).toBe(202);
    const job = (await res.json()) as { id: string };
    const { events } = await eventsOf(job.id);
    expect(events.at(-1)).toBe('done');
    const result = (await (await fetch(new URL(`/api/jobs/${job.id}/result`, server.url))).json()) as JobResult;
    if (result.kind !== 'simulate') throw new Error('expected a simulation');
    const { summary, playback } = result.simulation;
    expect(summary.runs).toBe(60);
    expect(summary.overall.leakersHistogram.reduce((a, b) => a + b, 0)).toBe(60);
    const members = playback.groups.reduce((a, g) => a + g.members.length, 0);
    expect(members).toBe(summary.overall.targets);
    // Every target named in run 0's log is one of the playback's members.
    const names = new Set(playback.groups.flatMap((g) => g.members.map((m) => m.name)));
    for (const e of playback.log) if ('target' in e) expect(names.has(e.target)).toBe(true);
    const noRaids = await post('/api/simulate', { text: SCENARIO });
    expect(noRaids.status).toBe(422);
  });

  it('draws the vertical coverage diagram, cut along an azimuth over the scenario terrain', async () => {
    // A synthetic DEM in the workspace: flat at 0 m with a 1,500 m ridge 20–25 km east of the site.
    const west = 124.8;
    const north = 39.8;
    const px = 0.01;
    const w = 250;
    const hgt = 250;
    const data = new Int16Array(w * hgt);
    for (let j = 0; j < hgt; j++)
      for (let i = 0; i < w; i++) {
        const lon = west + (i + 0.5) * px;
        if (lon > 125.98 && lon < 126.04) data[j * w + i] = 1500;
      }
    writeGeoTiff(join(ws, 'ridge.tif'), { width: w, height: hgt, data, westX: west, northY: north, pixelX: px, pixelY: px, crs: 'geographic' });
    const text = SCENARIO.replace('analysis:', 'terrain:\n  dem: ridge.tif\nanalysis:');
    const vcd = (body: Record<string, unknown>) => post('/api/vcd', { text, file: 'ridge-test.yaml', siteId: 'sa2-a', threatId: 'f-16', ...body });
    const smooth = await vcd({});
    expect(smooth.status).toBe(200);
    expect(smooth.headers.get('content-type')).toContain('image/svg+xml');
    expect(await smooth.text()).toMatch(/smooth earth/i);
    const east = await vcd({ azimuthDeg: 90 });
    expect(east.status).toBe(200);
    const svg = await east.text();
    expect(svg).toMatch(/terrain along azimuth 90\.0°/i);
    // A click due east of the site gives the same cut (azimuth from the ellipsoid ≈ 90°).
    const click = await vcd({ toLonDeg: 126.5, toLatDeg: 39.03 });
    expect(await click.text()).toMatch(/terrain along azimuth (89|90)\.\d°/i);
    const bad = await vcd({ siteId: 'nope' });
    expect(bad.status).toBe(400);
  });

  it('serves the offline basemap with both Koreas labelled', async () => {
    const res = await fetch(new URL('/api/basemap', server.url), { headers: { 'accept-encoding': 'gzip' } });
    const bm = (await res.json()) as { countryLabels: { features: { properties: { name: string }; geometry: { coordinates: [number, number] } }[] } };
    const nk = bm.countryLabels.features.find((f) => f.properties.name === 'North Korea');
    expect(nk).toBeDefined();
    const [lon, lat] = nk!.geometry.coordinates;
    expect(lon).toBeGreaterThan(124);
    expect(lon).toBeLessThan(130);
    expect(lat).toBeGreaterThan(38);
    expect(lat).toBeLessThan(43);
  });

  it('answers a focused coverage request with that layer alone, equal to the whole analysis; a focus outside the analysis is refused', async () => {
    const moved = SCENARIO.replace('lon: 126.55', 'lon: 126.45');
    const focusJob = (await (await post('/api/coverage', { text: moved, focus: { threatId: 'f-16', altitudeM: 1000 } })).json()) as { id: string };
    expect((await eventsOf(focusJob.id)).events.at(-1)).toBe('done');
    const f = (await (await fetch(new URL(`/api/jobs/${focusJob.id}/result`, server.url))).json()) as JobResult;
    if (f.kind !== 'coverage-focus') throw new Error(`expected a coverage-focus result, got ${f.kind}`);
    const fr = new Uint8Array(await (await fetch(new URL(`/api/jobs/${focusJob.id}/rasters`, server.url))).arrayBuffer());
    const fullJob = (await (await post('/api/coverage', { text: moved })).json()) as { id: string };
    expect((await eventsOf(fullJob.id)).events.at(-1)).toBe('done');
    const full = (await (await fetch(new URL(`/api/jobs/${fullJob.id}/result`, server.url))).json()) as JobResult;
    if (full.kind !== 'coverage') throw new Error('expected a coverage result');
    const rr = new Uint8Array(await (await fetch(new URL(`/api/jobs/${fullJob.id}/rasters`, server.url))).arrayBuffer());
    const run = full.coverage.runs.find((r) => r.threatId === 'f-16' && r.altitudeM === 1000)!;
    const n = full.coverage.grid.width * full.coverage.grid.height;
    expect([...fr.subarray(f.focus.engageOffset, f.focus.engageOffset + n)]).toEqual([...rr.subarray(run.engageOffset, run.engageOffset + n)]);
    expect([...fr.subarray(f.focus.detectOffset, f.focus.detectOffset + n)]).toEqual([...rr.subarray(run.detectOffset, run.detectOffset + n)]);
    expect(f.focus.places).toEqual(run.metrics.places);
    const bad = await post('/api/coverage', { text: moved, focus: { threatId: 'f-16', altitudeM: 500 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('focus.altitudeM');
  });
});

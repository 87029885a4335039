/**
 * The export downloads of a finished coverage job, against the real server on an ephemeral
 * 127.0.0.1 port: each format equals what `parapet coverage`'s writer makes of the same scenario
 * (io's writeCoverageOutputs on the io pipeline, run here), the GeoTIFFs read back with the
 * geotiff package, the KMZ unpacked with zlib; the error answers (404, 409, 400) are JSON.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { fromArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closePools,
  coverageMapSvg,
  loadCatalog,
  mdaMapSvg,
  minDetectableAltitudes,
  parseScenarioText,
  runCoverageBands,
  seenNotEngageableMapSvg,
  sourceCounts,
  svgToPng,
  writeCoverageOutputs,
  type CoverageAnalysis,
} from '@parapet/io';
import { startServer, type RunningServer } from '../server.js';

const SCENARIO = `name: Export test — two SA-2 & a "reported" S-400
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
  - id: s400
    system: s-400
    lon: 125.8
    lat: 38.9
    status: reported
    sources: [{ title: "Parapet estimate: test placement", url: "https://example.org/?a=1&b=2" }]
places:
  - { name: Seoul, lon: 126.977, lat: 37.569 }
analysis:
  threats: [f-16, f-35a]
  altitudesM: [1000, 10000]
`;

let server: RunningServer;
let ws: string;
let cliOut: string;
let jobId: string;
let cli: CoverageAnalysis;

const url = (path: string) => new URL(path, server.url);
const get = (path: string) => fetch(url(path));

async function finished(res: Response): Promise<string> {
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  // The event stream ends with the job.
  const text = await (await get(`/api/jobs/${id}/events`)).text();
  expect(text).toContain('event: done');
  return id;
}

function unzipFirst(zip: Buffer): { name: string; data: Buffer } {
  // PKWARE APPNOTE 4.3.7 local file header: method at 8, compressed size at 18, name and extra lengths at 26 and 28.
  expect(zip.readUInt32LE(0)).toBe(0x04034b50);
  const nameLength = zip.readUInt16LE(26);
  const start = 30 + nameLength + zip.readUInt16LE(28);
  const raw = zip.subarray(start, start + zip.readUInt32LE(18));
  return { name: zip.toString('latin1', 30, 30 + nameLength), data: zip.readUInt16LE(8) === 8 ? inflateRawSync(raw) : raw };
}

/** The PNGs the CLI's map functions draw, by query (rendered before the server starts: a long synchronous render between requests would let the server drop an idle keep-alive socket the client then reuses). */
let expectedPng: Map<string, Buffer>;

beforeAll(async () => {
  // What `parapet coverage` writes for the same scenario (bands included, no map images).
  const cat = loadCatalog();
  const parsed = parseScenarioText(SCENARIO, 'export-test.yaml', cat);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const bands = await runCoverageBands(parsed.scenario, cat);
  cli = bands.cases.nominal;
  cliOut = mkdtempSync(join(tmpdir(), 'parapet-cli-'));
  await writeCoverageOutputs(cli, cat, 'export-test.yaml', cliOut, { maps: false, bands: bands.layers });
  const sources = sourceCounts(cli, cat);
  const run = (t: string, a: number) => cli.runs.find((r) => r.metrics.threatId === t && r.metrics.altitudeM === a)!;
  expectedPng = new Map([
    ['', svgToPng(coverageMapSvg(cli, cli.runs[0], sources))],
    ['?layer=f-35a@10000&map=seen-not-engageable', svgToPng(seenNotEngageableMapSvg(cli, run('f-35a', 10000), sources))],
    ['?layer=f-16@mda', svgToPng(mdaMapSvg(cli, cli.threats[0], minDetectableAltitudes(cli)[0].mslM))],
  ]);
  ws = mkdtempSync(join(tmpdir(), 'parapet-ws-'));
  server = await startServer({ port: 0, workspaceDir: ws, webDir: null });
  jobId = await finished(
    await fetch(url('/api/coverage'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: SCENARIO, uncertainty: true }),
    }),
  );
});

afterAll(async () => {
  await server.close();
  await closePools();
  rmSync(ws, { recursive: true, force: true });
  rmSync(cliOut, { recursive: true, force: true });
});

describe('GET /api/jobs/:id/export/:format', () => {
  it('geojson, kml, csv: the CLI files, as attachments with their content types', async () => {
    const cases = [
      ['geojson', 'coverage.geojson', 'application/geo+json', 'export-test-two-sa-2-a-reported-s-400-coverage.geojson'],
      ['kml', 'coverage.kml', 'application/vnd.google-earth.kml+xml; charset=utf-8', 'export-test-two-sa-2-a-reported-s-400-coverage.kml'],
      ['csv', 'results.csv', 'text/csv; charset=utf-8; header=present', 'export-test-two-sa-2-a-reported-s-400-results.csv'],
    ] as const;
    for (const [format, file, type, name] of cases) {
      const res = await get(`/api/jobs/${jobId}/export/${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}"`);
      expect(await res.text()).toBe(readFileSync(join(cliOut, file), 'utf8'));
    }
  });

  it('kml holds the uncertainty bands of an uncertainty job', async () => {
    const text = await (await get(`/api/jobs/${jobId}/export/kml`)).text();
    expect(text).toContain('<name>Uncertainty bands</name>');
    expect(text).toContain('engaged-every-reading');
  });

  it('kmz: a ZIP whose first entry doc.kml is the kml download', async () => {
    const res = await get(`/api/jobs/${jobId}/export/kmz`);
    expect(res.headers.get('content-type')).toBe('application/vnd.google-earth.kmz');
    const zip = Buffer.from(await res.arrayBuffer());
    expect(zip.equals(readFileSync(join(cliOut, 'coverage.kmz')))).toBe(true);
    const first = unzipFirst(zip);
    expect(first.name).toBe('doc.kml');
    expect(first.data.toString('utf8')).toBe(await (await get(`/api/jobs/${jobId}/export/kml`)).text());
  });

  it("geotiff of a layer: the coverage classes per cell, on the job's grid", async () => {
    const res = await get(`/api/jobs/${jobId}/export/geotiff?layer=f-16@10000`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/tiff; application=geotiff');
    expect(res.headers.get('content-disposition')).toContain('-f-16-10000m-msl.tif"');
    const tiff = await fromArrayBuffer(await res.arrayBuffer());
    const image = await tiff.getImage();
    const g = cli.grid;
    expect([image.getWidth(), image.getHeight()]).toEqual([g.width, g.height]);
    expect(image.getOrigin().slice(0, 2)).toEqual([g.westDeg, g.northDeg]);
    expect(image.getResolution().slice(0, 2).map(Math.abs)).toEqual([g.dLonDeg, g.dLatDeg]);
    const [values] = (await image.readRasters()) as unknown as Uint8Array[];
    // Classes as documented: 0 not detected, 1 detected only, 2/3/4 engaged by 1, 2, ≥3 sites.
    const layer = cli.runs.find((r) => r.metrics.threatId === 'f-16' && r.metrics.altitudeM === 10000)!.layer;
    let engaged = 0;
    for (let k = 0; k < values.length; k++) {
      const e = layer.engageCount[k];
      expect(values[k]).toBe(e >= 3 ? 4 : e === 2 ? 3 : e === 1 ? 2 : layer.detectCount[k] > 0 ? 1 : 0);
      if (e > 0) engaged++;
    }
    expect(engaged).toBeGreaterThan(100);
  });

  it("geotiff of <threat>@mda: the CLI's mda-<threat>.tif", async () => {
    const res = await get(`/api/jobs/${jobId}/export/geotiff?layer=f-35a@mda`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(join(cliOut, 'mda-f-35a.tif')))).toBe(true);
  });

  it('png: the coverage map of a layer (default: the first), the seen-not-engageable map and the MDA map, as the CLI draws them', async () => {
    const suffix: Record<string, string> = {
      '': '-f-16-1000m-msl.png',
      '?layer=f-35a@10000&map=seen-not-engageable': '-seen-not-engageable-f-35a-10000m-msl.png',
      '?layer=f-16@mda': '-mda-f-16.png',
    };
    for (const [query, expected] of expectedPng) {
      const res = await get(`/api/jobs/${jobId}/export/png${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="export-test-two-sa-2-a-reported-s-400${suffix[query]}"`);
      const png = Buffer.from(await res.arrayBuffer());
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.equals(expected)).toBe(true);
    }
  });

  it('answers an unknown job 404, an unknown format, layer or map 400, and a job not finished 409, with JSON errors', async () => {
    const expectError = async (path: string, status: number, pattern: RegExp) => {
      const res = await get(path);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(((await res.json()) as { error: string }).error).toMatch(pattern);
    };
    await expectError('/api/jobs/0123456789abcdef0123/export/kml', 404, /no job 0123456789abcdef0123/);
    await expectError(`/api/jobs/${jobId}/export/shp`, 400, /unknown export format "shp": one of geojson, kml, kmz, csv, geotiff, png/);
    await expectError(
      `/api/jobs/${jobId}/export/png?layer=f-16@999`,
      400,
      /unknown layer "f-16@999": this job has f-16@1000, f-16@10000, f-35a@1000, f-35a@10000, f-16@mda, f-35a@mda/,
    );
    await expectError(`/api/jobs/${jobId}/export/png?layer=f-16`, 400, /unknown layer "f-16"/);
    await expectError(`/api/jobs/${jobId}/export/kml?layer=f-16@1000`, 400, /layer applies to geotiff and png only/);
    await expectError(`/api/jobs/${jobId}/export/png?map=bands`, 400, /map must be one of coverage, seen-not-engageable/);
    // A new analysis (finer grid, three readings) is still queued or running right after it is submitted.
    const res = await fetch(url('/api/coverage'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: SCENARIO.replace('resolutionM: 2000', 'resolutionM: 700'), uncertainty: true }),
    });
    const { id } = (await res.json()) as { id: string };
    await expectError(`/api/jobs/${id}/export/geojson`, 409, new RegExp(`job ${id} is (queued|running)`));
    await fetch(url(`/api/jobs/${id}`), { method: 'DELETE' });
  });
});

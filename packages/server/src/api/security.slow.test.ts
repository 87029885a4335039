/**
 * The local-only guards of `parapet serve`, on an ephemeral 127.0.0.1 port (no other traffic):
 * Host and Origin checks (DNS rebinding, cross-site pages), body size limits, workspace names and
 * a scenario's terrain.dem confined to the workspace folder, and the bounded job queue under 60
 * simultaneous coverage requests.
 */
import { request as httpRequest } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, parseScenarioText, writeGeoTiff } from '@parapet/io';
import { startServer, type RunningServer } from '../server.js';
import { createApp } from './app.js';
import { JobManager, QueueFullError, type Job } from '../jobs/job-manager.js';
import type { JobRequest } from '../jobs/job-types.js';

/** A tiny scenario (one site, one threat, one altitude, a few hundred cells); `lon` varies it. */
const tiny = (lon = 126.0, extra = ''): string => `name: security test
region:
  bbox: [125.8, 37.8, 126.2, 38.2]
  resolutionM: 4000
${extra}sites:
  - id: s1
    system: s-75
    lon: ${lon.toFixed(5)}
    lat: 38.0
    status: hypothetical
    sources: [{ title: "Parapet estimate: test placement" }]
analysis:
  threats: [f-16]
  altitudesM: [3000]
`;

let server: RunningServer;
let root: string;
let ws: string;
let outside: string;

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): Record<string, unknown>;
}

/** One request by node:http (which, unlike fetch, lets the caller set Host and Origin). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer, opts: { chunked?: boolean } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string | number> = { ...headers };
    if (body !== undefined && !opts.chunked) h['content-length'] = Buffer.byteLength(body);
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method, path, headers: h, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: () => JSON.parse(text) as Record<string, unknown> });
      });
    });
    // The server may answer (413) and close before the whole body is sent.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    if (body !== undefined && opts.chunked) {
      // Streamed in 64 KiB pieces, no Content-Length.
      const b = Buffer.from(body);
      for (let i = 0; i < b.length; i += 65536) req.write(b.subarray(i, i + 65536));
    } else if (body !== undefined) req.write(body);
    req.end();
  });
}

const own = () => `127.0.0.1:${server.port}`;
const JSON_CT = { 'content-type': 'application/json' };

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'parapet-sec-'));
  ws = join(root, 'ws');
  outside = join(root, 'outside');
  mkdirSync(ws);
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.yaml'), 'secret: do not read\n');
  // A valid DEM outside the workspace: without the guard the server would read it.
  const w = 60;
  writeGeoTiff(join(outside, 'dem.tif'), {
    width: w,
    height: w,
    data: new Int16Array(w * w).fill(100),
    westX: 125.7,
    northY: 38.3,
    pixelX: 0.01,
    pixelY: 0.01,
    crs: 'geographic',
  });
  writeGeoTiff(join(ws, 'inside.tif'), {
    width: w,
    height: w,
    data: new Int16Array(w * w).fill(100),
    westX: 125.7,
    northY: 38.3,
    pixelX: 0.01,
    pixelY: 0.01,
    crs: 'geographic',
  });
  symlinkSync(join(outside, 'secret.yaml'), join(ws, 'link.yaml'));
  symlinkSync(join(outside, 'dem.tif'), join(ws, 'link.tif'));
  mkdirSync(join(ws, 'demdir'));
  symlinkSync(join(outside, 'dem.tif'), join(ws, 'demdir', 'N38E125.tif'));
  server = await startServer({ port: 0, workspaceDir: ws, webDir: null, demDirs: [join(root, 'no-cache')] });
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('Host header (DNS rebinding)', () => {
  it('answers its own names with its port', async () => {
    for (const host of [own(), `localhost:${server.port}`, `[::1]:${server.port}`, `LOCALHOST:${server.port}`]) {
      expect((await raw('GET', '/api/health', { host })).status, host).toBe(200);
    }
  });

  it('refuses any other Host with 403 and a JSON error', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${server.port}`,
      '127.0.0.1',
      `127.0.0.1:${server.port + 1}`,
      `localhost:${server.port}0`,
      `localhost.evil.example:${server.port}`,
      `127.0.0.1:${server.port}@evil`,
    ]) {
      const r = await raw('GET', '/api/health', { host });
      // A Host that is not even a valid authority is refused by the HTTP layer (400).
      expect([400, 403], host).toContain(r.status);
      if (r.status === 403) expect(String(r.json().error)).toMatch(/not this server/);
    }
    // A rebound name cannot write either.
    const put = await raw('PUT', '/api/workspace/rebind.yaml', { host: `attacker.example:${server.port}`, ...JSON_CT }, JSON.stringify({ text: tiny() }));
    expect(put.status).toBe(403);
    expect(existsSync(join(ws, 'rebind.yaml'))).toBe(false);
  });
});

describe('Origin (cross-site pages)', () => {
  const validate = (headers: Record<string, string>) => raw('POST', '/api/validate', { host: own(), ...JSON_CT, ...headers }, JSON.stringify({ text: tiny() }));

  it('serves same-origin requests and requests without an Origin', async () => {
    expect((await validate({})).status).toBe(200);
    expect((await validate({ origin: `http://127.0.0.1:${server.port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await validate({ origin: `http://localhost:${server.port}` })).status).toBe(200);
    // What the page itself does: fetch() with its own origin.
    const res = await fetch(new URL('/api/validate', server.url), {
      method: 'POST',
      headers: { ...JSON_CT, origin: `http://127.0.0.1:${server.port}` },
      body: JSON.stringify({ text: tiny() }),
    });
    expect(res.status).toBe(200);
  });

  it('refuses a foreign Origin on writes and reads with 403', async () => {
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${server.port}`,
      `http://127.0.0.1:${server.port + 1}`,
      `https://127.0.0.1:${server.port}`,
      'null',
      'not a url',
    ]) {
      const r = await validate({ origin });
      expect(r.status, origin).toBe(403);
      expect(String(r.json().error)).toMatch(/origin/);
    }
    const put = await raw('PUT', '/api/workspace/csrf.yaml', { host: own(), origin: 'http://evil.example', ...JSON_CT }, JSON.stringify({ text: tiny() }));
    expect(put.status).toBe(403);
    expect(existsSync(join(ws, 'csrf.yaml'))).toBe(false);
    // Reads too: a foreign page must not list or read the workspace, or cancel jobs.
    expect((await raw('GET', '/api/workspace', { host: own(), origin: 'http://evil.example' })).status).toBe(403);
    expect((await raw('DELETE', '/api/jobs/abc', { host: own(), origin: 'http://evil.example' })).status).toBe(403);
    // A no-cors request carries no Origin but says it is cross-site.
    expect((await raw('GET', '/api/workspace', { host: own(), 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await raw('GET', '/api/workspace', { host: own(), 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await raw('GET', '/api/workspace', { host: own(), 'sec-fetch-site': 'none' })).status).toBe(200);
  });
});

describe('body size', () => {
  const big = JSON.stringify({ text: `# ${'x'.repeat(6 * 1024 * 1024)}\n` });

  it('answers 413 naming the 5 MB limit, with or without Content-Length', async () => {
    for (const [method, path] of [
      ['POST', '/api/validate'],
      ['POST', '/api/coverage'],
      ['PUT', '/api/workspace/big.yaml'],
    ] as const) {
      const r = await raw(method, path, { host: own(), ...JSON_CT }, big);
      expect(r.status, path).toBe(413);
      expect(String(r.json().error)).toMatch(/5 MB/);
    }
    const chunked = await raw('POST', '/api/validate', { host: own(), ...JSON_CT }, big, { chunked: true });
    expect(chunked.status).toBe(413);
    // The unread rest of the body ends the connection: a client must not reuse it.
    expect(chunked.headers.connection).toBe('close');
    expect(existsSync(join(ws, 'big.yaml'))).toBe(false);
    // Just under the limit is fine.
    const ok = await raw('POST', '/api/validate', { host: own(), ...JSON_CT }, JSON.stringify({ text: `${tiny()}# ${'x'.repeat(4 * 1024 * 1024)}\n` }));
    expect(ok.status).toBe(200);
  });
});

describe('workspace paths', () => {
  it('refuses traversal names and creates nothing outside the workspace', async () => {
    const names = [
      '..%2Fescape.yaml',
      '..%2F..%2Fescape.yaml',
      '%2Ftmp%2Fescape.yaml',
      'sub%2Fescape.yaml',
      '..%5Cescape.yaml',
      'escape%00.yaml',
      '.yaml',
      '..',
      '%2E%2E%2Foutside%2Fescape.yaml',
      'escape.yaml%00.txt',
      'escape.txt',
    ];
    for (const n of names) {
      const r = await raw('PUT', `/api/workspace/${n}`, { host: own(), ...JSON_CT }, JSON.stringify({ text: tiny() }));
      expect([400, 403, 404], n).toContain(r.status);
      const g = await raw('GET', `/api/workspace/${n}`, { host: own() });
      expect([400, 403, 404], n).toContain(g.status);
    }
    expect(readdirSync(root).sort()).toEqual(['outside', 'ws']);
    expect(readdirSync(outside).sort()).toEqual(['dem.tif', 'secret.yaml']);
    expect(readdirSync(ws).filter((n) => n.includes('escape'))).toEqual([]);
  });

  it('refuses a name that is a symbolic link out of the workspace, for read and write', async () => {
    const g = await raw('GET', '/api/workspace/link.yaml', { host: own() });
    expect(g.status).toBe(403);
    expect(g.body).not.toContain('do not read');
    const p = await raw('PUT', '/api/workspace/link.yaml', { host: own(), ...JSON_CT }, JSON.stringify({ text: tiny() }));
    expect(p.status).toBe(403);
    expect(readFileSync(join(outside, 'secret.yaml'), 'utf8')).toBe('secret: do not read\n');
    const list = (await raw('GET', '/api/workspace', { host: own() })).json() as { files: { name: string }[] };
    expect(list.files.map((f) => f.name)).not.toContain('link.yaml');
    // A plain name still saves and reads back.
    expect((await raw('PUT', '/api/workspace/plain.yaml', { host: own(), ...JSON_CT }, JSON.stringify({ text: tiny() }))).status).toBe(200);
    expect((await raw('GET', '/api/workspace/plain.yaml', { host: own() })).body).toBe(tiny());
  });
});

describe('terrain.dem', () => {
  const vcd = (dem: string) =>
    raw(
      'POST',
      '/api/vcd',
      { host: own(), ...JSON_CT },
      JSON.stringify({ text: tiny(126.0, `terrain: { dem: ${JSON.stringify(dem)} }\n`), siteId: 's1', threatId: 'f-16', azimuthDeg: 90 }),
    );

  it('reads a DEM in the workspace folder', async () => {
    const r = await vcd('inside.tif');
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/terrain along azimuth 90\.0°/i);
  });

  it('refuses a DEM outside the workspace with a located problem, before reading it', async () => {
    for (const dem of [join(outside, 'dem.tif'), '../outside/dem.tif', 'link.tif', 'demdir', '/etc/passwd', `inside.tif\0`]) {
      const r = await vcd(dem);
      expect(r.status, dem).toBe(422);
      const b = r.json() as { error: string; problems: { path: string; line?: number; message: string }[] };
      expect(b.error).toMatch(/terrain\.dem must name a file in the workspace folder/);
      expect(b.problems[0].path).toBe('terrain.dem');
      expect(b.problems[0].line).toBe(5);
      expect(b.error).not.toMatch(/DEM has no data|terrain along/);
    }
    // Every endpoint that reads terrain goes through the same check.
    const text = tiny(126.0, `terrain: { dem: ${JSON.stringify(join(outside, 'dem.tif'))} }\n`);
    expect((await raw('POST', '/api/coverage', { host: own(), ...JSON_CT }, JSON.stringify({ text }))).status).toBe(422);
    expect(
      (
        await raw(
          'POST',
          '/api/explain',
          { host: own(), ...JSON_CT },
          JSON.stringify({ text, subject: { kind: 'site', id: 's1' }, threatId: 'f-16', altitudeM: 3000 }),
        )
      ).status,
    ).toBe(422);
    expect((await raw('POST', '/api/compare', { host: own(), ...JSON_CT }, JSON.stringify({ a: { text: tiny() }, b: { text } }))).status).toBe(422);
  });
});

describe('bounded jobs', () => {
  it('runs at most 2 jobs, queues at most 50, refuses the rest (JobManager)', async () => {
    const catalog = loadCatalog();
    const jm = new JobManager({ warm: false, concurrency: 2, maxQueued: 50 });
    try {
      let refused = 0;
      for (let i = 0; i < 60; i++) {
        const r = parseScenarioText(tiny(125.9 + i * 0.001), 'q.yaml', catalog);
        if (!r.ok) throw new Error('bad test scenario');
        const req: JobRequest = { kind: 'coverage', scenario: r.scenario, valueCase: 'nominal', uncertainty: false };
        try {
          jm.submit(req);
        } catch (e) {
          expect(e).toBeInstanceOf(QueueFullError);
          refused++;
        }
      }
      expect(jm.stats()).toMatchObject({ running: 2, queued: 50, concurrency: 2, maxQueued: 50 });
      expect(refused).toBe(8);
    } finally {
      await jm.close();
    }
  });

  it('answers 429 when the queue is full', async () => {
    class Full extends JobManager {
      override submit(): never {
        throw new QueueFullError('too many jobs: 2 running and 50 waiting');
      }
    }
    const jobs = new Full({ warm: false });
    const p = createApp({ workspaceDir: ws, jobs });
    try {
      const res = await p.app.request('/api/coverage', { method: 'POST', headers: JSON_CT, body: JSON.stringify({ text: tiny() }) });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(((await res.json()) as { error: string }).error).toMatch(/too many jobs/);
    } finally {
      await p.close();
    }
  });

  it('answers 60 simultaneous coverage requests, at most 2 running at once, memory bounded', async () => {
    const RSS_GROWTH_LIMIT_MB = 500;
    const rss0 = process.memoryUsage().rss;
    let rssMax = rss0;
    let runningMax = 0;
    const sample = setInterval(() => {
      rssMax = Math.max(rssMax, process.memoryUsage().rss);
      runningMax = Math.max(runningMax, server.jobs.stats().running);
    }, 20);
    try {
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) => raw('POST', '/api/coverage', { host: own(), ...JSON_CT }, JSON.stringify({ text: tiny(125.9 + i * 0.002) }))),
      );
      const statuses = answers.map((a) => a.status);
      for (const s of statuses) expect([200, 202, 429]).toContain(s);
      const accepted = answers.filter((a) => a.status === 202).map((a) => String(a.json().id));
      expect(accepted.length).toBeGreaterThan(0);
      const held: Job[] = accepted.map((id) => server.jobs.get(id)).filter((j): j is Job => j !== undefined);
      // Bounded wait: every accepted job finishes.
      const deadline = Date.now() + 240_000;
      while (Date.now() < deadline && held.some((j) => j.status === 'queued' || j.status === 'running')) await new Promise((r) => setTimeout(r, 100));
      expect(held.filter((j) => j.status !== 'done').map((j) => `${j.id} ${j.status} ${j.error ?? ''}`)).toEqual([]);
      const stats = server.jobs.stats();
      expect(stats.peakRunning).toBeLessThanOrEqual(2);
      expect(runningMax).toBeLessThanOrEqual(2);
      expect(stats).toMatchObject({ running: 0, queued: 0 });
      const health = (await raw('GET', '/api/health', { host: own() })).json() as { jobs: { peakRunning: number; concurrency: number } };
      expect(health.jobs.peakRunning).toBeLessThanOrEqual(2);
      expect(health.jobs.concurrency).toBe(2);
      rssMax = Math.max(rssMax, process.memoryUsage().rss);
      const growthMb = (rssMax - rss0) / 2 ** 20;
      console.log(
        `60 coverage POSTs: ${statuses.filter((s) => s === 202).length} × 202, ${statuses.filter((s) => s === 429).length} × 429; peak running ${stats.peakRunning}; rss growth ${growthMb.toFixed(0)} MB`,
      );
      expect(growthMb).toBeLessThan(RSS_GROWTH_LIMIT_MB);
    } finally {
      clearInterval(sample);
    }
  }, 300_000);
});

/**
 * POST /api/sensitivity on an ephemeral 127.0.0.1 port: the job's document is the one the io
 * library (and so the CLI) gives for the same input; the charts are served per headline; bad
 * options, unknown catalog entries, scenario problems and oversized designs are refused first.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePools, sensitivityScenario } from '@parapet/io';
import { startServer, type RunningServer } from '../server.js';
import type { JobResult } from '../jobs/job-types.js';

const TEXT = `name: API sensitivity test
region: { bbox: [125.5, 37.2, 127.5, 38.8], resolutionM: 5000 }
sites:
  - { id: sa3, system: s-125, lon: 126.55, lat: 37.97, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
places:
  - { name: Kaesong, lon: 126.6, lat: 37.9 }
analysis: { threats: [f-16], altitudesM: [5000] }
raids:
  - id: strike
    groups:
      - id: vipers
        threat: f-16
        count: 2
        spacingSec: 20
        route:
          - { lon: 127.0, lat: 37.3, altitudeM: 6000 }
          - { lon: 126.5, lat: 38.6, altitudeM: 6000 }
`;

let server: RunningServer;
const post = (body: unknown) =>
  fetch(new URL('/api/sensitivity', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const get = (path: string) => fetch(new URL(path, server.url));

beforeAll(async () => {
  server = await startServer({ port: 0, workspaceDir: mkdtempSync(join(tmpdir(), 'parapet-ws-')), webDir: null });
});
afterAll(async () => {
  await server.close();
  await closePools();
});

describe('POST /api/sensitivity', () => {
  it('runs the analysis as a job whose document is the library’s, and draws its charts', async () => {
    const res = await post({ text: TEXT, file: 'api.yaml', draws: 3, runs: 10, seed: 4, group: 'entry' });
    expect(res.status).toBe(202);
    const job = (await res.json()) as { id: string; kind: string };
    expect(job.kind).toBe('sensitivity');
    const events = await (await get(`/api/jobs/${job.id}/events`)).text();
    expect([...events.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]).at(-1)).toBe('done');
    expect(events).toContain('"phase":"draws"');
    const result = (await (await get(`/api/jobs/${job.id}/result`)).json()) as JobResult;
    if (result.kind !== 'sensitivity') throw new Error('expected a sensitivity result');
    const local = await sensitivityScenario({ scenario: { text: TEXT, file: 'api.yaml' }, options: { draws: 3, runs: 10, seed: 4, group: 'entry' } });
    expect(JSON.stringify(result.sensitivity.document)).toBe(JSON.stringify(local.document));

    const headline = 'survival/vipers';
    const tornado = await get(`/api/jobs/${job.id}/tornado.svg?headline=${encodeURIComponent(headline)}`);
    expect(tornado.status).toBe(200);
    expect(tornado.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await tornado.text();
    expect(svg).toContain('<svg');
    expect(svg).toContain('vipers survival (2 × F-16)');
    const outcome = await get(`/api/jobs/${job.id}/outcome.svg?headline=${encodeURIComponent(headline)}`);
    expect(outcome.status).toBe(200);
    expect(await outcome.text()).toContain('across the sources');
    const missing = await get(`/api/jobs/${job.id}/tornado.svg?headline=nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toContain('survival/vipers');
  });

  it('refuses bad options, unknown entries, scenario problems and oversized designs before a job starts', async () => {
    const err = async (body: Record<string, unknown>) => {
      const r = await post({ text: TEXT, ...body });
      return { status: r.status, body: (await r.json()) as { error: string; problems?: unknown[] } };
    };
    expect(await err({ group: 'system' })).toEqual({ status: 400, body: { error: 'group must be one of factor, part, entry, got "system"' } });
    expect((await err({ draws: 1 })).status).toBe(400);
    expect((await err({ jamming: 'no' })).body.error).toContain('jamming must be true or false');
    const only = await err({ only: ['s-126'] });
    expect(only.status).toBe(400);
    expect(only.body.error).toContain('did you mean "s-125"');
    const bad = await err({ text: TEXT.replace('system: s-125', 'system: s-1250') });
    expect(bad.status).toBe(422);
    expect(bad.body.problems?.length).toBeGreaterThan(0);
    const big = await err({ draws: 10_000 });
    expect(big.status).toBe(400);
    expect(big.body.error).toContain("beyond the server's limit");
  });
});

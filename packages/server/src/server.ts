/**
 * Starts the workbench: the API and the web bundle on one HTTP server, bound to 127.0.0.1 unless
 * told otherwise.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp, type AppOptions, type ParapetApp } from './api/app.js';

export interface StartOptions extends Omit<AppOptions, 'webDir'> {
  port?: number;
  host?: string;
  /** Default: the @parapet/web package's dist/ folder. */
  webDir?: string | null;
}

export interface RunningServer extends ParapetApp {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

/** The built web bundle, if any: packages/web/dist. */
export function defaultWebDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('@parapet/web/package.json')), 'dist');
    return existsSync(join(dir, 'index.html')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const webDir = opts.webDir === null ? undefined : (opts.webDir ?? defaultWebDir());
  const allowedHosts = [...(opts.allowedHosts ?? []), host];
  const wildcard = host === '0.0.0.0' || host === '::';
  const parapet = createApp({ ...opts, webDir, allowedHosts, allowIpHosts: opts.allowIpHosts ?? wildcard });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: parapet.app.fetch, port: opts.port ?? 8477, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    ...parapet,
    url: `http://${shown}:${port}/`,
    port,
    host,
    close: async () => {
      await parapet.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Server-sent event streams stay open until told otherwise.
        if ('closeAllConnections' in server) (server as { closeAllConnections(): void }).closeAllConnections();
      });
    },
  };
}

/**
 * Starts the workbench: the API and, when given its folder, the built web bundle on one HTTP
 * server, bound to 127.0.0.1 unless told otherwise. The server does not know where the bundle is
 * built (it does not depend on @parapet/web): the caller passes the folder (`parapet serve`
 * resolves packages/web/dist).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, type AppOptions, type ParapetApp } from './api/app.js';

export interface StartOptions extends Omit<AppOptions, 'webDir'> {
  port?: number;
  host?: string;
  /** Folder of the built web bundle (its index.html); undefined or null: the API only. */
  webDir?: string | null;
}

export interface RunningServer extends ParapetApp {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const webDir = opts.webDir ?? undefined;
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

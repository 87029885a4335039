/**
 * `parapet serve [--port P] [--host H] [--workspace DIR]` — the web workbench: the UI and its
 * JSON API on one local HTTP server (127.0.0.1 by default), with the example scenarios ready to
 * open. Runs until interrupted.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultWebDir, startServer } from '@parapet/server';
import { UsageError, UserError } from '../errors.js';

export const DEFAULT_PORT = 8477;

function parsePort(x: string): number {
  const n = Number(x);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be an integer in [0, 65535], got "${x}"`);
  return n;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the web workbench (map, scenario editing, compare, sources) and print its URL')
    .option('--port <port>', 'TCP port (0: any free port)', String(DEFAULT_PORT))
    .option('--host <host>', 'address to listen on; anything but loopback exposes the workbench to the network', '127.0.0.1')
    .option('--workspace <dir>', 'folder where the workbench saves scenarios', 'parapet-workspace')
    .action(async (opts: { port: string; host: string; workspace: string }) => {
      const port = parsePort(opts.port);
      const workspaceDir = resolve(opts.workspace);
      if (!defaultWebDir()) process.stderr.write('parapet serve: the web bundle is not built (run `npm run build`); serving the API only\n');
      let server;
      try {
        server = await startServer({ port, host: opts.host, workspaceDir });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UserError(`port ${port} on ${opts.host} is in use (another \`parapet serve\`?); choose another with --port`);
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UserError(`cannot listen on "${opts.host}": not an address of this machine`);
        throw e;
      }
      if (!['127.0.0.1', 'localhost', '::1'].includes(opts.host)) {
        process.stderr.write(`parapet serve: warning: listening on ${opts.host}; anyone who can reach it can run analyses and write to ${workspaceDir}\n`);
      }
      process.stderr.write(`Parapet workbench — workspace: ${workspaceDir}\nPress Ctrl+C to stop.\n`);
      process.stdout.write(`${server.url}\n`);
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}

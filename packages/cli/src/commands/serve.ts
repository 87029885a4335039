/**
 * `parapet serve [--port P] [--host H] [--workspace DIR] [--web-dir DIR]` — the web workbench:
 * the UI and its JSON API on one local HTTP server (127.0.0.1 by default), with the example
 * scenarios ready to open. Runs until interrupted. The UI is the built @parapet/web bundle
 * (packages/web/dist), found here and handed to the server, which does not depend on it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { handleInterrupts, interruptExitCode, onInterrupt } from '@parapet/io';
import { startServer } from '@parapet/server';
import { UsageError, UserError } from '../errors.js';

export const DEFAULT_PORT = 8477;

/** The built web bundle of this install (packages/web/dist), or undefined when it is not built. */
export function builtWebDir(): string | undefined {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@parapet/web/package.json')), 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

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
    .option('--web-dir <dir>', 'folder of the built web UI (default: packages/web/dist of this install)')
    .action(async (opts: { port: string; host: string; workspace: string; webDir?: string }) => {
      const port = parsePort(opts.port);
      const workspaceDir = resolve(opts.workspace);
      let webDir: string | undefined;
      if (opts.webDir !== undefined) {
        webDir = resolve(opts.webDir);
        if (!existsSync(join(webDir, 'index.html')))
          throw new UserError(`--web-dir ${opts.webDir}: no index.html in ${webDir} (build the UI with \`npm run build -w packages/web\`)`);
      } else {
        webDir = builtWebDir();
        if (!webDir) process.stderr.write('parapet serve: the web bundle is not built (run `npm run build`); serving the API only\n');
      }
      let server;
      try {
        server = await startServer({ port, host: opts.host, workspaceDir, webDir });
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
      // Until SIGINT / SIGTERM: then stop taking requests, cancel the jobs (they write no files;
      // the workspace's saves are atomic and synchronous, so none is half-written) and exit 0, or
      // 128 + the signal's number when running or queued jobs were cancelled (docs/web.md).
      handleInterrupts();
      onInterrupt(async (signal) => {
        const { running, queued } = server.jobs.stats();
        const cancelled = running + queued;
        process.stderr.write(
          `parapet serve: ${signal}: stopping${cancelled ? ` (cancelling ${running} running and ${queued} queued job${cancelled === 1 ? '' : 's'})` : ''}\n`,
        );
        await server.close();
        return cancelled > 0 ? interruptExitCode(signal) : 0;
      });
      await new Promise<never>(() => {});
    });
}

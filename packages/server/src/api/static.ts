/**
 * Serves the built web bundle from a folder: files by path (no escaping the folder), index.html
 * for the root and for unknown paths without an extension (client-side routes).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export function serveStaticDir(dir: string) {
  const root = normalize(dir);
  return (c: Context) => {
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path).replace(/^\/+/, '');
    } catch {
      return c.text('bad path', 400);
    }
    if (rel.includes('\0')) return c.text('not found', 404);
    let file = normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) return c.text('not found', 404);
    if (!existsSync(file) || statSync(file).isDirectory()) {
      if (extname(rel) !== '') return c.text('not found', 404);
      file = join(root, 'index.html');
      if (!existsSync(file)) return c.text('the web bundle is not built: run `npm run build`', 503);
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    // Hashed asset names never change; index.html must always be fresh.
    const cache = rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return c.body(readFileSync(file), 200, { 'Content-Type': type, 'Cache-Control': cache });
  };
}

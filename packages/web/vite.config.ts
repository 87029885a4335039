import { defineConfig } from 'vite';

// `npm run dev -w packages/web` serves the UI with hot reload and sends /api to a running
// `parapet serve` (default port 8477).
export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8477' } },
});

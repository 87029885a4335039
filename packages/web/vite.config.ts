import { defineConfig } from 'vite';

// `npm run dev -w packages/web` serves the UI with hot reload and sends /api to a running
// `parapet serve` (default port 8477). The proxy presents itself as the server's own origin
// (Host rewritten, Origin dropped), since the API refuses requests from other origins.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000, sourcemap: true },
  server: {
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:8477',
        changeOrigin: true,
        configure: (proxy) => proxy.on('proxyReq', (req) => req.removeHeader('origin')),
      },
    },
  },
});

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI is served by the Jiandu server itself (intranet: nothing is loaded from outside).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd is one big vendor chunk; the route pages are split into their own chunks.
    chunkSizeWarningLimit: 1500,
    // dist/.vite/manifest.json: which chunks a page loads (bench/api.ts sums the first screen's JavaScript).
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});

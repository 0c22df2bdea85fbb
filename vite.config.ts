/// <reference types="vitest/config" />
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const distReadme = fileURLToPath(new URL('./frontend/dist/README.md', import.meta.url));

// Go's embed (embed.go) needs frontend/dist to exist on a fresh clone, so the directory keeps a
// committed placeholder. Vite empties dist before each build; this puts the placeholder back.
function keepDistPlaceholder(): Plugin {
  return {
    name: 'gatehouse-keep-dist-placeholder',
    apply: 'build',
    async closeBundle() {
      await writeFile(
        distReadme,
        'The portal build lands here (`npm run build`). This placeholder keeps `go build` working on a fresh clone.\n',
      );
    },
  };
}

export default defineConfig({
  root: 'frontend',
  cacheDir: '../node_modules/.vite', // keep Vite's and Vitest's caches out of frontend/
  plugins: [react(), keepDistPlaceholder()],
  build: {
    outDir: 'dist', // relative to root: frontend/dist, next to embed.go's pattern
    emptyOutDir: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/auth': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
    },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // CI machines are shared and slow at times: generous limits, never timing assertions.
    testTimeout: 30_000,
  },
});

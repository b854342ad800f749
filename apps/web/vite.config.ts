import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The review workbench: built into dist/web, which the API serves at `/`. No inline script or
 * style is emitted (the API's Content-Security-Policy for the page allows scripts from 'self' only).
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // One chunk per library family keeps the page's own code small and cacheable.
    rollupOptions: {
      output: {
        manualChunks: {
          react: ['react', 'react-dom'],
          timeline: ['vis-timeline', 'vis-data', 'timeline-arrows'],
          charts: ['chart.js', 'react-chartjs-2'],
        },
      },
    },
    chunkSizeWarningLimit: 1200,
    // Vite would otherwise inline its module-preload polyfill as a script.
    modulePreload: { polyfill: false },
  },
  server: { proxy: Object.fromEntries(['/children', '/reviews', '/stats', '/me', '/sign-in', '/docs'].map((p) => [p, 'http://localhost:3000'])) },
});

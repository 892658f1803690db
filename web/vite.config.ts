// The web app's build (issue #6): `npm run build:web` writes web/dist, which `vigil serve` serves
// at `/` (src/server/web.ts). `npx vite web` serves it in development, proxying the API to a
// running `vigil serve` on VIGIL_API (default http://127.0.0.1:3000).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.VIGIL_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // The main chunk is React, react-aria and zod (~160 kB gzipped); recharts loads with the first chart.
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 600 },
  server: {
    proxy: {
      // Everything but Vite's own files; a browser navigation gets the app (index.html) instead.
      '^/(?!@|src/|node_modules/|index\\.html$|$)': {
        target: api,
        bypass: (req) => (req.headers.accept?.includes('text/html') === true ? '/index.html' : undefined),
        // The API's same-origin check compares Origin with its own host.
        headers: { origin: api },
      },
    },
  },
});

/**
 * The web app's build: customer pages at / (the support console will live at /console), served by
 * the API process. `npm run build` writes ../dist/web; in development the API mounts this same
 * config through Vite's middleware mode, so the app and the API share one origin.
 */
import path from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  publicDir: path.join(root, 'public'),
  // React 19's automatic runtime through Vite's own transformer (no Babel plugin needed).
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    alias: {
      '@': path.join(root, 'src'),
      // Pure rules shared with the server, e.g. the one money formatter (domain/money.ts).
      '@domain': path.join(root, '..', 'domain'),
    },
  },
  server: { fs: { allow: [path.join(root, '..')] } },
  build: {
    outDir: path.join(root, '..', 'dist', 'web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The chart library is only needed on Home: keep it out of the first page's bundle.
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React libraries mark modules "use client" for server components; irrelevant in a client-only app.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});

/**
 * The embed bundle, built with the dashboard (`npm run build:web`): after the app build,
 * web/src/embed/main.ts becomes ONE classic script, dist/web/embed.js (IIFE: page authors
 * include it with a plain <script src>, possibly from another origin, so no module chunks).
 * It bundles ECharts through the dashboard's registry and its option builders.
 */
import path from 'node:path';
import { build, type Plugin } from 'vite';

export function embedBundle(outDir: string): Plugin {
  const root = path.resolve(import.meta.dirname, '..');
  return {
    name: 'crm-embed-bundle',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        publicDir: false,
        // a library build keeps process.env.NODE_ENV for its consumer; this script has none
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          outDir,
          emptyOutDir: false,
          target: 'es2022',
          minify: true,
          sourcemap: false,
          reportCompressedSize: false,
          chunkSizeWarningLimit: 1500,
          lib: { entry: path.join(root, 'src/embed/main.ts'), name: 'CrmChart', formats: ['iife'], fileName: () => 'embed.js' },
        },
      });
    },
  };
}

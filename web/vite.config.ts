import { defineConfig } from 'vite';

// The page is served by the app from web/dist at `/`; hashed file names under assets/ let the app
// cache them for a year. In development (`npm run dev`) GraphQL and its WebSocket go to the app.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    target: 'es2022',
    // ECharts alone is about 560 KB before gzip; the budget that matters is checked by scripts/bundle-size.mjs.
    chunkSizeWarningLimit: 700,
    // ECharts in a chunk of its own: the page's own code is measured apart from it (scripts/bundle-size.mjs).
    rollupOptions: {
      output: {
        manualChunks: (id) => (/node_modules\/(echarts|zrender)\//.test(id) ? 'echarts' : undefined),
      },
    },
  },
  server: {
    proxy: { '/graphql': { target: 'http://127.0.0.1:3000', ws: true } },
  },
});

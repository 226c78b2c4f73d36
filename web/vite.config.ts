import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const commonDir = fileURLToPath(new URL('../common/src', import.meta.url));

/**
 * Writes `file.br` and `file.gz` beside every text asset of the build, so the server sends the
 * compressed bytes without compressing per request (@fastify/static `preCompressed`). Done once
 * here at the highest levels: on a 1.6 Mbps phone link every kilobyte is about 5 ms.
 */
function precompress(outDir: string): Plugin {
  const compressible = /\.(js|mjs|css|html|svg|json|txt|map)$/;
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  return {
    name: 'nuanyang-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!compressible.test(file)) continue;
        const raw = fs.readFileSync(file);
        if (raw.length < 1024) continue; // headers would eat the saving; served as is
        const br = zlib.brotliCompressSync(raw, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          },
        });
        const gz = zlib.gzipSync(raw, { level: 9 });
        // A compressed file that is not smaller is left out: the server then sends the original.
        if (br.length < raw.length) fs.writeFileSync(`${file}.br`, br);
        if (gz.length < raw.length) fs.writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

const outDir = path.join(webDir, 'dist');

export default defineConfig({
  root: webDir,
  plugins: [react(), precompress(outDir)],
  resolve: {
    // The API contract (zod schemas and types) is shared with the server; one source of truth.
    alias: { '@common': commonDir },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Only code every page needs is grouped (React and the router: one file that stays cached
        // across releases). antd is deliberately NOT one group: a group pulls every antd component
        // any page uses into the first load (1.2 MB). Left to the bundler, each component travels
        // with the pages that use it, and components shared by several lazy pages get a shared
        // chunk of their own, fetched when the first of those pages opens.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/, priority: 30 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 25 }, // charts load lazily (督办), never with the main bundle
          ],
        },
      },
    },
  },
});

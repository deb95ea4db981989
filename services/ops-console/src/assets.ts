import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { HttpApp } from '@motlan/http';

const require = createRequire(import.meta.url);

/** uPlot (the lag chart), served as its package ships it from node_modules. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'uPlot.iife.min.js': { file: 'uplot/dist/uPlot.iife.min.js', type: 'text/javascript; charset=utf-8' },
  'uPlot.min.css': { file: 'uplot/dist/uPlot.min.css', type: 'text/css; charset=utf-8' },
};

export function registerAssets(app: HttpApp): void {
  for (const [name, asset] of Object.entries(ASSETS)) {
    const body = readFileSync(require.resolve(asset.file));
    app.get(
      `/assets/${name}`,
      { schema: { hide: true }, config: { public: true } },
      async (_request, reply) => reply.type(asset.type).header('cache-control', 'max-age=3600').send(body),
    );
  }
}

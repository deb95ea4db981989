/**
 * `pnpm bench rss`: every service of the mesh, started from the one service list, idle; each
 * process's RSS against the 150 MB target, beside a bare Fastify server's (what any Node process
 * serving HTTP costs before it does anything). See bench/README.md, "rss".
 */
import { runHttpEchoBaseline } from '../baseline/index.ts';
import { defineBench } from '../lib/harness.ts';
import { readProcessMemory } from '../lib/process-stats.ts';
import { formatMB } from '../lib/report.ts';
import { atMost, QualityTargets } from '../lib/targets.ts';
import { sleep } from '../lib/timeout.ts';
import { startWholeMesh } from './mesh.ts';
import { RssEnv } from './settings.ts';

export const { description, main } = defineBench({
  name: 'rss',
  description: 'idle RSS of every service of the mesh (started from the one service list) against 150 MB',
  settings: RssEnv,
  setup: startWholeMesh,
  measure: async ({ settings }, services) => {
    console.log(`rss: all ready; idle for ${settings.BENCH_RSS_IDLE_SECONDS} s ...`);
    await sleep(settings.BENCH_RSS_IDLE_SECONDS * 1000);
    return services.map((service) => ({
      name: service.name,
      // How it ran: what the service list's one command function spawned.
      command: service.process.child.spawnargs.slice(1).join(' '),
      ...readProcessMemory(service.process.pid),
    }));
  },
  // The floor: a bare Fastify echo (a bench file, so under tsx: ~45 MB above plain node), idle once
  // its one request is answered.
  baseline: () =>
    runHttpEchoBaseline({ body: {}, concurrency: 1, warmupSeconds: 0, seconds: 0.1 }).then(
      (echo) => echo.serverMemory,
    ),
  targets: (processes) =>
    Object.fromEntries(
      processes.map((process) => [
        process.name,
        atMost(`${process.name} idle RSS`, process.rssBytes, QualityTargets.idleRssBytes, 'bytes'),
      ]),
    ),
  report: (processes, bare) => ({
    columns: ['idle RSS', 'peak'],
    rows: [
      ...processes.map((process) => [
        `${process.name} (pid ${process.pid})`,
        formatMB(process.rssBytes),
        formatMB(process.peakRssBytes),
      ]),
      ['bare Fastify under tsx (baseline)', formatMB(bare.rssBytes), formatMB(bare.peakRssBytes)],
    ],
    notes: [
      ['runs as', `node ${processes[0]?.command ?? ''} (commandFor in @motlan/mesh), each service likewise`],
    ],
    result: { processes, bareFastify: bare },
  }),
});

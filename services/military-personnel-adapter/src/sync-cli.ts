/**
 * Bulk initial sync: every record of the military personnel database → its facts on
 * citizen.facts.v1 (the military ones authoritative, the identity ones as it recorded them, verified), with a progress display. Safe to re-run: fact ids (and so event ids) are
 * derived from record versions, so consumers apply a re-published fact once.
 */
import { parseArgs } from 'node:util';
import { commandLineArgs } from '@motlan/config';
import { createAdapterDeps, pgCursorStore } from '@motlan/adapter-kit';
import { progressDisplay } from '@motlan/progress';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';

const { values } = parseArgs({
  args: commandLineArgs(),
  options: {
    'page-size': { type: 'string', default: '2000' },
    'in-flight': { type: 'string', default: '4' },
    'if-never-run': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`Usage: pnpm --filter @motlan/military-personnel-adapter sync [--page-size N] [--in-flight N] [--if-never-run]
Reads every record from the military personnel database (MPDB_URL) and publishes their facts
to citizen.facts.v1 on KAFKA_BROKERS. --if-never-run skips it when a bulk sync has completed
before (pnpm start uses it). Environment as for the service (see README).`);
  process.exit(0);
}

const config = readConfig();
const deps = await createAdapterDeps('military-personnel-adapter', config.MILITARY_ADAPTER_SCHEMA, config);
const app = await buildApp(config, deps);
const cursors = pgCursorStore(deps.pool);
const BULK_FEED = `${app.adapter.sourceSystem}:bulk-sync`;
if (values['if-never-run'] && (await cursors.get(BULK_FEED))) {
  console.log(`bulk sync already completed (${await cursors.get(BULK_FEED)}); nothing to do`);
  await app.close();
  await deps.close();
  process.exit(0);
}
const bar = progressDisplay('bulk sync', 'records');
const started = Date.now();
try {
  const result = await app.bulkSync({
    pageSize: Number(values['page-size']),
    inFlight: Number(values['in-flight']),
    onProgress: (progress) =>
      bar.update({
        done: progress.records,
        total: progress.total,
        detail: `${progress.facts} facts${progress.quarantined > 0 ? `, ${progress.quarantined} quarantined` : ''}`,
      }),
  });
  bar.stop();
  await cursors.set(BULK_FEED, `completed ${new Date().toISOString()}`);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `synced ${result.records} personnel records → ${result.facts} facts in ${seconds.toFixed(1)} s ` +
      `(${Math.round(result.facts / seconds)} facts/s)` +
      (result.quarantined > 0
        ? `; ${result.quarantined} records could not be mapped and are quarantined (GET /v1/quarantine)`
        : ''),
  );
} finally {
  bar.stop();
  await app.close();
  await deps.close();
}

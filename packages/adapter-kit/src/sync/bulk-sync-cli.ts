import { parseArgs } from 'node:util';
import { commandLineArgs } from '@motlan/config';
import { progressDisplay } from '@motlan/progress';
import type { AdapterServiceOptions, ProcessSettings } from '../serve.ts';
import { createAdapterDeps } from '../serve.ts';
import { pgCursorStore } from '../store/cursor-store.ts';

export interface BulkSyncCliOptions<C extends ProcessSettings, R> extends Pick<
  AdapterServiceOptions<C, R>,
  'name' | 'readConfig' | 'schema' | 'buildApp'
> {
  /** What the upstream is and where it is read from, for --help: `the national population database (NPDB_URL)`. */
  upstream: string;
  /** What one upstream record is, plural, for the progress and the summary: `citizens`. */
  records: string;
}

/**
 * An adapter's bulk initial sync as a command (`pnpm --filter @motlan/<adapter> sync`): every
 * upstream record → facts on citizen.facts.v1, with a progress display and a summary. Safe to
 * re-run: fact ids (and so event ids) derive from record versions, so consumers apply a
 * re-published fact once. `--if-never-run` skips it once a bulk sync has completed (pnpm start
 * uses it); records that cannot be mapped are quarantined and counted. Exits 0 when done.
 */
export async function runBulkSyncCli<C extends ProcessSettings, R>(
  options: BulkSyncCliOptions<C, R>,
): Promise<void> {
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
    console.log(`Usage: pnpm --filter @motlan/${options.name} sync [--page-size N] [--in-flight N] [--if-never-run]
Reads every record from ${options.upstream} and publishes their facts
to citizen.facts.v1 on KAFKA_BROKERS. --if-never-run skips it when a bulk sync has completed
before (pnpm start uses it). Environment as for the service (see README).`);
    return;
  }

  const config = options.readConfig();
  const deps = await createAdapterDeps(options.name, options.schema(config), config);
  const app = await options.buildApp(config, deps);
  const cursors = pgCursorStore(deps.pool);
  const bulkFeed = `${app.adapter.sourceSystem}:bulk-sync`;
  const bar = progressDisplay('bulk sync', options.records);
  try {
    const completed = await cursors.get(bulkFeed);
    if (values['if-never-run'] && completed) {
      console.log(`bulk sync already completed (${completed}); nothing to do`);
      return;
    }
    const started = Date.now();
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
    await cursors.set(bulkFeed, `completed ${new Date().toISOString()}`);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `synced ${result.records} ${options.records} → ${result.facts} facts in ${seconds.toFixed(1)} s ` +
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
}

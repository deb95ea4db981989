/** Bulk initial sync: every record of the national population database → authoritative facts (adapter-kit's runBulkSyncCli). */
import { runBulkSyncCli } from '@motlan/adapter-kit';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';

await runBulkSyncCli({
  name: 'population-adapter',
  readConfig,
  schema: (config) => config.POPULATION_ADAPTER_SCHEMA,
  buildApp,
  upstream: 'the national population database (NPDB_URL)',
  records: 'citizens',
});

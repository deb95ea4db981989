/**
 * Bulk initial sync: every record of the military personnel database → its facts (the military
 * ones authoritative, the identity ones as it recorded them, verified), by adapter-kit's
 * runBulkSyncCli.
 */
import { runBulkSyncCli } from '@motlan/adapter-kit';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';

await runBulkSyncCli({
  name: 'military-personnel-adapter',
  readConfig,
  schema: (config) => config.MILITARY_ADAPTER_SCHEMA,
  buildApp,
  upstream: 'the military personnel database (MPDB_URL)',
  records: 'personnel records',
});

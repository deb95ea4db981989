import { adapterService } from '@motlan/adapter-kit';
import { runService } from '@motlan/service-runtime';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';

// The adapter's tables are the kit's (snapshots, cursors, quarantine), in its own schema.
await runService(
  adapterService({
    name: 'population-adapter',
    readConfig,
    schema: (config) => config.POPULATION_ADAPTER_SCHEMA,
    buildApp,
    listeningMessage: 'population adapter listening',
  }),
);

import { adapterService } from '@motlan/adapter-kit';
import { runService } from '@motlan/service-runtime';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';

// The adapter's tables are the kit's (snapshots, cursors, quarantine, audit), in its own schema.
await runService(
  adapterService({
    name: 'military-personnel-adapter',
    readConfig,
    schema: (config) => config.MILITARY_ADAPTER_SCHEMA,
    buildApp,
    listeningMessage: 'military personnel adapter listening',
  }),
);

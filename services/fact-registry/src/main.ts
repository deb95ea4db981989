import { auditWorker, consumerWorker, openServiceDeps, runService, worker } from '@motlan/service-runtime';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';
import { MIGRATIONS } from './migrations-dir.ts';

await runService({
  name: 'fact-registry',
  readConfig,
  deps: (config, context) =>
    openServiceDeps(config, context, { schema: config.FACT_REGISTRY_SCHEMA, migrations: [MIGRATIONS] }),
  buildApp,
  workers: (app) => [
    auditWorker(app),
    consumerWorker('facts consumer', app.startConsumer),
    consumerWorker('disclosures consumer', app.startAuditConsumer),
    worker('discrepancy relay', app.discrepancyRelay),
  ],
  listeningMessage: 'fact registry listening (mutual TLS)',
});

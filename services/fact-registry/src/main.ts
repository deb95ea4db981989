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
    // Stopped after the consumers (workers stop newest first): what they applied last still goes out.
    worker('notification relay', app.notificationRelay),
    consumerWorker('facts consumer', app.startConsumer),
    consumerWorker('disclosures consumer', app.startAuditConsumer),
  ],
  listeningMessage: 'fact registry listening (mutual TLS)',
});

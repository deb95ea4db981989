import { auditWorker, openServiceDeps, runService, worker } from '@motlan/service-runtime';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';

await runService({
  name: 'ops-console',
  readConfig,
  deps: (config, context) =>
    openServiceDeps(config, context, { schema: config.OPS_CONSOLE_SCHEMA, migrations: [] }),
  buildApp,
  workers: (app) => [auditWorker(app), worker('lag sampler', app.lag)],
  listeningMessage: "operators' console listening (https; sign in at /sign-in)",
});

import { auditWorker, openServiceDeps, runService, worker } from '@motlan/service-runtime';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';
import { grpcMesh } from './mesh/grpc-mesh.ts';
import { MIGRATIONS } from './migrations-dir.ts';

await runService({
  name: 'one-stop',
  readConfig,
  async deps(config, context) {
    // The audit trail's table (packages/access) beside the service's own: dossier views are disclosures.
    const deps = await openServiceDeps(config, context, {
      schema: config.ONE_STOP_SCHEMA,
      migrations: [MIGRATIONS],
    });
    const mesh = grpcMesh({
      populationAddress: config.POPULATION_ADAPTER_GRPC,
      registryAddress: config.FACT_REGISTRY_GRPC,
      tls: deps.tls,
      deadlineMs: config.MESH_DEADLINE_MS,
    });
    context.onClose('mesh clients', () => mesh.close());
    return { ...deps, verifier: mesh.verifier, facts: mesh.facts };
  },
  buildApp,
  // OUTBOX_RELAY_ENABLED=false leaves events in the outbox for another instance (or a crash drill).
  workers: (app, config) => [
    auditWorker({ trail: app.trail, relay: app.auditRelay }),
    ...(config.OUTBOX_RELAY_ENABLED ? [worker('outbox relay', app.relay)] : []),
  ],
  listeningMessage: 'one-stop listening',
});

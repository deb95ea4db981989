import { notificationsTopic, prefixed } from '@motlan/kafka';
import { auditWorker, consumerWorker, openServiceDeps, runService, worker } from '@motlan/service-runtime';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';
import { MOVES_GROUP, MoveSubscriptionKeeper, startMovesConsumer } from './events/moves-consumer.ts';
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
    return { ...deps, verifier: mesh.verifier, facts: mesh.facts, subscriptions: mesh.subscriptions };
  },
  buildApp,
  // OUTBOX_RELAY_ENABLED=false leaves events in the outbox for another instance (or a crash drill).
  workers: (app, config, deps) => [
    auditWorker({ trail: app.trail, relay: app.auditRelay }),
    ...(config.OUTBOX_RELAY_ENABLED ? [worker('outbox relay', app.relay)] : []),
    // Tell us once: a notified move opens the move-out and move-in registrations.
    ...(config.ONE_STOP_MOVES_ENABLED
      ? [
          consumerWorker('moves consumer', () =>
            startMovesConsumer({
              kafka: deps.kafka,
              topic: prefixed(notificationsTopic('one-stop'), config.KAFKA_TOPIC_PREFIX),
              moves: app.moves,
              groupId: config.ONE_STOP_MOVES_GROUP ?? `${config.KAFKA_TOPIC_PREFIX}${MOVES_GROUP}`,
              logger: deps.logger,
              registry: deps.registry,
            }),
          ),
          worker(
            'move subscription',
            new MoveSubscriptionKeeper({ subscriptions: deps.subscriptions, logger: deps.logger }),
          ),
        ]
      : []),
  ],
  listeningMessage: 'one-stop listening',
});

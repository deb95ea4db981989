/**
 * The whole mesh for `pnpm bench dossiers`, each part its own process as in production: the
 * national population database simulator (seeded), the population adapter, its bulk sync into the
 * fact registry, and the one-stop shop — on topics and schemas of their own, removed at cleanup.
 */
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import type { Cleanup } from '../lib/cleanup.ts';
import {
  freshTopicPrefix,
  registryGroup,
  startRegistry,
  stopRegistry,
  waitForRegistryCaughtUp,
  type RunningRegistry,
} from '../lib/fact-registry.ts';
import { seedSimulator, type SeedResult } from '../lib/npdb.ts';
import { benchMesh, runCli, type RunningService } from '../lib/mesh.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import { startTimer } from '../lib/histogram.ts';
import { provisionTopicsOfOwn } from '../lib/topics.ts';

export interface MeshSettings {
  databaseUrl: string;
  kafkaBrokers: string;
  people: number;
  /** Seconds the adapter serves a record without asking upstream again: longer than the whole run. */
  snapshotFreshForSeconds: number;
  logDir: string;
  /** Node options for the one-stop shop, e.g. `--cpu-prof`. */
  oneStopNodeArgs?: string[];
}

export interface RunningMesh {
  topicPrefix: string;
  seed: SeedResult;
  /** Wall time of the bulk sync, and until the registry had applied all it published. */
  syncSeconds: number;
  appliedSeconds: number;
  simulator: RunningService;
  adapter: RunningService;
  registry: RunningRegistry;
  oneStop: RunningService;
}

export async function startDossierMesh(
  kafka: Kafka,
  settings: MeshSettings,
  cleanup: Cleanup,
): Promise<RunningMesh> {
  const schema = (part: string) => freshSchemaName(`bench_dossiers_${part}`);
  const schemas = {
    npdb: schema('npdb'),
    adapter: schema('adapter'),
    registry: schema('registry'),
    oneStop: schema('one_stop'),
  };
  cleanup.defer('drop schemas', () => dropSchemas(settings.databaseUrl, Object.values(schemas)));
  const log = (name: string) => join(settings.logDir, `${name}.log`);

  const topicPrefix = freshTopicPrefix('dossiers');
  // Every declared topic under the prefix, with the declared ACLs: each service runs as itself.
  await provisionTopicsOfOwn(kafka, topicPrefix, cleanup);

  console.log(`dossiers: seeding ${settings.people.toLocaleString('en-US')} people into ${schemas.npdb} ...`);
  const seed = await seedSimulator({
    databaseUrl: settings.databaseUrl,
    schema: schemas.npdb,
    people: settings.people,
    timeoutMs: 600_000,
    logFile: log('seed'),
  });
  const mesh = await benchMesh({
    databaseUrl: settings.databaseUrl,
    kafkaBrokers: settings.kafkaBrokers,
    schemas: {
      'national-population-db': schemas.npdb,
      'population-adapter': schemas.adapter,
      'fact-registry': schemas.registry,
      'one-stop': schemas.oneStop,
    },
    topicPrefix,
    extraEnv: {
      'population-adapter': { SNAPSHOT_FRESH_FOR_MS: String(settings.snapshotFreshForSeconds * 1000) },
    },
  });
  const simulator = await mesh.start('national-population-db', { logFile: log('simulator') });
  cleanup.defer('stop simulator', () => simulator.process.stop());

  const registry = await startRegistry(kafka, mesh, {
    group: registryGroup('dossiers', schemas.registry, topicPrefix),
    logFile: log('registry'),
  });
  cleanup.defer('stop registry', () => stopRegistry(kafka, registry));

  const adapter = await mesh.start('population-adapter', { logFile: log('adapter') });
  cleanup.defer('stop adapter', () => adapter.process.stop());

  console.log('dossiers: bulk sync of the population into the fact registry ...');
  const sinceSync = startTimer();
  await runCli({
    name: 'initial sync',
    env: mesh.jobEnv('initial sync'),
    args: ['--page-size', '1000', '--in-flight', '4'],
    echo: () => true,
    logFile: log('sync'),
    timeoutMs: 1_800_000,
  });
  const syncSeconds = sinceSync() / 1000;
  await waitForRegistryCaughtUp(kafka, registry, 1_800_000);
  const appliedSeconds = sinceSync() / 1000;

  const oneStop = await mesh.start('one-stop', {
    logFile: log('one-stop'),
    ...(settings.oneStopNodeArgs ? { nodeArgs: settings.oneStopNodeArgs } : {}),
  });
  cleanup.defer('stop one-stop', () => oneStop.process.stop());
  return { topicPrefix, seed, syncSeconds, appliedSeconds, simulator, adapter, registry, oneStop };
}

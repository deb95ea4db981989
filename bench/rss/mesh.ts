/**
 * The whole mesh for `pnpm bench rss`: every service of @motlan/mesh's list, in its start order,
 * each its own process on free ports, with schemas and topics of its own (a fresh prefix, the
 * declared ACLs), the population simulator seeded by its CLI first; all removed at cleanup.
 */
import { join } from 'node:path';
import { meshServices, startWaves } from '@motlan/mesh';
import type { Cleanup } from '../lib/cleanup.ts';
import { freshTopicPrefix, registryGroup } from '../lib/fact-registry.ts';
import type { BenchContext } from '../lib/harness.ts';
import { benchMesh, type RunningService } from '../lib/mesh.ts';
import { seedSimulator } from '../lib/npdb.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import { provisionTopicsOfOwn } from '../lib/topics.ts';
import type { RssSettings } from './settings.ts';

export async function startWholeMesh(
  { settings, kafka, logDir }: BenchContext<RssSettings>,
  cleanup: Cleanup,
): Promise<RunningService[]> {
  const schemas = Object.fromEntries(
    meshServices.map((service) => [
      service.name,
      freshSchemaName(`bench_rss_${service.name.replaceAll('-', '_')}`),
    ]),
  );
  cleanup.defer('drop schemas', () => dropSchemas(settings.DATABASE_URL, Object.values(schemas)));
  const topicPrefix = freshTopicPrefix('rss');
  await provisionTopicsOfOwn(kafka, topicPrefix, cleanup);

  await seedSimulator({
    databaseUrl: settings.DATABASE_URL,
    schema: schemas['national-population-db']!,
    people: settings.BENCH_RSS_PEOPLE,
    timeoutMs: 600_000,
    logFile: join(logDir, 'seed.log'),
  });
  const mesh = await benchMesh({
    databaseUrl: settings.DATABASE_URL,
    kafkaBrokers: settings.KAFKA_BROKERS,
    schemas,
    topicPrefix,
    extraEnv: {
      'fact-registry': { FACT_REGISTRY_GROUP: registryGroup('rss', schemas['fact-registry']!, topicPrefix) },
    },
  });
  const running: RunningService[] = [];
  for (const wave of startWaves(meshServices.map((service) => service.name))) {
    console.log(`rss: starting ${wave.map((service) => service.name).join(', ')} ...`);
    const started = await Promise.all(
      wave.map((service) => mesh.start(service.name, { logFile: join(logDir, `${service.name}.log`) })),
    );
    for (const service of started) cleanup.defer(`stop ${service.name}`, () => service.process.stop());
    running.push(...started);
  }
  return running;
}

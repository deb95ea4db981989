/** `facts`: the registry on fresh topics, facts published and applied, then GetFacts loaded from its own process */
import { join } from 'node:path';
import pg from 'pg';
import type { Kafka } from 'kafkajs';
import { createEventProducer, prefixed, Topics } from '@motlan/kafka';
import { withCleanup } from '../lib/cleanup.ts';
import { groupLag, waitForGroupCaughtUp } from '../lib/consumer-groups.ts';
import { cpuSnapshot, cpuUsage, type CpuUsage } from '../lib/cpu-usage.ts';
import {
  chooseTopicPrefix,
  factOutcomes,
  registryGroup,
  registryMesh,
  startRegistry,
  stopRegistry,
  waitForRegistryCaughtUp,
} from '../lib/fact-registry.ts';
import { factRegistryClient } from '../lib/fact-registry-client.ts';
import { GrpcServices } from '../lib/mesh.ts';
import { runGrpcLoad, type LoadRunResult } from '../lib/load.ts';
import { startTimer } from '../lib/histogram.ts';
import {
  MemorySampler,
  readProcessMemory,
  type ProcessMemory,
  type SampledMemory,
} from '../lib/process-stats.ts';
import { formatCount } from '../lib/report.ts';
import { statsDelta, tableStats, type TableStats } from '../lib/pg-table-stats.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import {
  CITIZEN_FACT_TYPES,
  citizenFacts,
  citizenId,
  freshCitizenBlock,
  publishFacts,
} from '../lib/synthetic-facts.ts';
import { devTlsFiles } from '../lib/tls.ts';
import { sleep } from '../lib/timeout.ts';

import type { FactsSettings } from './settings.ts';

/** A procedure code the development policy names; bench-client may read any type for any purpose. */
export const PURPOSE = '1.001234';
export const CLIENT_CERT = 'bench-client';
/** Citizens spot-checked through GetFacts before the load: every type present, ids as published. */
export const SPOT_CHECKS = 20;
/** After the load, how long to wait for the registry's disclosure consumer to store every audit event. */
export const AUDIT_DRAIN_TIMEOUT_MS = 120_000;

export interface RegistryRun {
  schema: string;
  group: string;
  /** The topics the registry read: fresh ones of its own, or the shared ones. */
  topics: { facts: string; audit: string; own: boolean };
  citizens: number;
  factsPublished: number;
  publishSeconds: number;
  /** From the first publish until the registry's group had committed everything. */
  applySeconds: number;
  outcomesBeforeLoad: Record<string, number>;
  spotChecked: number;
  load: LoadRunResult;
  /** audit_log rows written while the load ran (warm-up included), against the calls made. */
  auditLinksDuringLoad: number;
  /** Audit transactions (group-committed batches) during the load: links / batches is the batch size. */
  auditBatchesDuringLoad: number;
  /**
   * The audit pipeline right after the load: links not yet relayed to access.audit.v1, events the
   * registry's own disclosure consumer had yet to store, and how long until it had (or gave up).
   */
  auditBacklog: { unpublished: number; disclosureLag: number; drainSeconds: number; drained: boolean };
  /** What the load (warm-up included) and its audit trail did to the registry's tables. */
  tableActivity: TableStats;
  cpuDuringLoad: CpuUsage;
  memory: {
    registryIdle: ProcessMemory;
    registryWarm: ProcessMemory;
    registryAfterLoad: ProcessMemory;
    registryDuringLoad: SampledMemory;
  };
  logDir: string;
}

/**
 * PostgreSQL backends publish their table statistics at most every second while busy and only
 * after 10 s once idle: wait that long before each snapshot so both are complete.
 */
export const STATS_SETTLE_MS = 11_000;

/** Rows of the registry's audit_log, and those its relay has not yet published to access.audit.v1. */
export async function auditCount(
  databaseUrl: string,
  schema: string,
): Promise<{ links: number; unpublished: number; batches: number }> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'motlan-bench' });
  await client.connect();
  try {
    // AuditTrail stamps every link of one group-committed batch with the same occurred_at.
    const { rows } = await client.query<{ links: string; unpublished: string; batches: string }>(
      `select count(*) as links,
              count(*) filter (where l.sequence > coalesce(p.published_through, 0)) as unpublished,
              count(distinct l.occurred_at) as batches
       from ${pg.escapeIdentifier(schema)}.audit_log l
         left join ${pg.escapeIdentifier(schema)}.audit_relay_progress p using (chain)`,
    );
    return {
      links: Number(rows[0]?.links ?? 0),
      unpublished: Number(rows[0]?.unpublished ?? 0),
      batches: Number(rows[0]?.batches ?? 0),
    };
  } finally {
    await client.end();
  }
}

export async function measureRegistry(
  settings: FactsSettings,
  kafka: Kafka,
  logDir: string,
): Promise<RegistryRun> {
  return withCleanup(async (cleanup) => {
    const schema = freshSchemaName('bench_facts_registry');
    cleanup.defer('drop schema', () => dropSchemas(settings.DATABASE_URL, [schema]));

    const topicPrefix = chooseTopicPrefix(settings.BENCH_REGISTRY_TOPICS, 'facts');
    const group = registryGroup('facts', schema, topicPrefix);
    console.log(
      `facts: starting the registry (schema ${schema}, ` +
        (topicPrefix
          ? `fresh topics ${topicPrefix}*`
          : settings.BENCH_REGISTRY_REPLAY
            ? 'replaying the shared citizen.facts.v1'
            : 'shared topics, groups at their end') +
        ') ...',
    );
    const registry = await startRegistry(kafka, await registryMesh(settings, schema, topicPrefix), {
      group,
      consumerConcurrency: settings.BENCH_REGISTRY_CONSUMER_CONCURRENCY,
      ...(settings.BENCH_REGISTRY_POOL_SIZE > 0
        ? { extra: { DATABASE_POOL_SIZE: String(settings.BENCH_REGISTRY_POOL_SIZE) } }
        : {}),
      replayHistory: settings.BENCH_REGISTRY_REPLAY,
      logFile: join(logDir, 'registry.log'),
      ...(settings.BENCH_FACTS_CPU_PROFILE ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${logDir}`] } : {}),
    });
    cleanup.defer('stop registry', () => stopRegistry(kafka, registry));
    if (settings.BENCH_REGISTRY_REPLAY && !topicPrefix) {
      console.log('facts: waiting for the registry to replay citizen.facts.v1 ...');
      await waitForRegistryCaughtUp(kafka, registry, settings.BENCH_CATCHUP_TIMEOUT_SECONDS * 1000);
    }

    await sleep(settings.BENCH_IDLE_SECONDS * 1000);
    const registryIdle = readProcessMemory(registry.process.pid);

    const block = freshCitizenBlock();
    const citizens = Array.from({ length: settings.BENCH_FACTS_CITIZENS }, (_, n) => citizenId(block, n));
    const facts = citizens.flatMap((_, n) => citizenFacts(block, n));
    const producer = await createEventProducer(kafka, 'bench-facts');
    cleanup.defer('disconnect producer', () => producer.disconnect());
    console.log(
      `facts: publishing ${formatCount(facts.length)} facts (${formatCount(citizens.length)} citizens × ` +
        `${CITIZEN_FACT_TYPES.length} types) and waiting until the registry has applied them ...`,
    );
    const sinceFirstPublish = startTimer();
    await publishFacts(producer, facts, { topic: prefixed(Topics.citizenFacts, topicPrefix ?? '') });
    const publishSeconds = sinceFirstPublish() / 1000;
    await waitForRegistryCaughtUp(kafka, registry, settings.BENCH_CATCHUP_TIMEOUT_SECONDS * 1000);
    const applySeconds = sinceFirstPublish() / 1000;
    const outcomesBeforeLoad = await factOutcomes(registry);

    // Readable through the API, as published: a spread of citizens, every type, the very fact ids.
    const client = factRegistryClient(registry.grpcTarget, devTlsFiles(CLIENT_CERT));
    try {
      await client.waitForReady(10_000);
      const step = Math.max(1, Math.floor(citizens.length / SPOT_CHECKS));
      for (let n = 0; n < citizens.length; n += step) {
        const response = await client.getFacts({
          personalId: citizens[n]!,
          factTypes: [...CITIZEN_FACT_TYPES],
          purpose: PURPOSE,
        });
        const expected = facts.slice(n * CITIZEN_FACT_TYPES.length, (n + 1) * CITIZEN_FACT_TYPES.length);
        const got = new Set(response.facts.map((entry) => entry.fact?.id));
        if (response.missing.length > 0 || expected.some((fact) => !got.has(fact.id))) {
          throw new Error(
            `citizen ${n} is not readable as published: missing ${response.missing.join(', ') || '-'}, ` +
              `got ${response.facts.length} facts; outcomes so far ${JSON.stringify(outcomesBeforeLoad)}`,
          );
        }
      }
    } finally {
      client.close();
    }
    const registryWarm = readProcessMemory(registry.process.pid);

    console.log(
      `facts: GetFacts, ${settings.BENCH_GRPC_CONCURRENCY} in flight, ` +
        `${settings.BENCH_WARMUP_SECONDS} s warm-up + ${settings.BENCH_SECONDS} s measured ...`,
    );
    const auditBefore = await auditCount(settings.DATABASE_URL, schema);
    const statsBefore = await tableStats(settings.DATABASE_URL, schema, STATS_SETTLE_MS);
    const sampler = new MemorySampler(registry.process.pid, 500);
    const cpuBefore = cpuSnapshot({ registry: registry.process.pid });
    const load = await runGrpcLoad({
      target: registry.grpcTarget,
      service: GrpcServices.factRegistry,
      method: 'GetFacts',
      requests: citizens.map((personalId) => ({
        personalId,
        factTypes: [...CITIZEN_FACT_TYPES],
        purpose: PURPOSE,
      })),
      tls: devTlsFiles(CLIENT_CERT),
      // An empty `missing` list (counted as "") means every requested type came back.
      countResponsesBy: 'missing',
      concurrency: settings.BENCH_GRPC_CONCURRENCY,
      warmupSeconds: settings.BENCH_WARMUP_SECONDS,
      seconds: settings.BENCH_SECONDS,
    });
    const cpuDuringLoad = cpuUsage(cpuBefore, cpuSnapshot({ registry: registry.process.pid }));
    const registryDuringLoad = sampler.stop();
    const registryAfterLoad = readProcessMemory(registry.process.pid);
    const auditAfter = await auditCount(settings.DATABASE_URL, schema);
    const auditLinksDuringLoad = auditAfter.links - auditBefore.links;
    const auditBatchesDuringLoad = auditAfter.batches - auditBefore.batches;
    const disclosureLag = (await groupLag(kafka, registry.disclosureGroup, registry.auditTopic)).lag;
    const sinceLoad = startTimer();
    const drained = await waitForGroupCaughtUp(
      kafka,
      registry.disclosureGroup,
      registry.auditTopic,
      AUDIT_DRAIN_TIMEOUT_MS,
    ).then(
      () => true,
      (error: Error) => {
        console.warn(`facts: ${error.message}`);
        return false;
      },
    );
    const tableActivity = statsDelta(
      statsBefore,
      await tableStats(settings.DATABASE_URL, schema, STATS_SETTLE_MS),
    );
    const auditBacklog = {
      unpublished: auditAfter.unpublished,
      disclosureLag,
      drainSeconds: sinceLoad() / 1000,
      drained,
    };
    return {
      schema,
      group,
      topics: { facts: registry.factsTopic, audit: registry.auditTopic, own: registry.ownTopics.length > 0 },
      citizens: citizens.length,
      factsPublished: facts.length,
      publishSeconds,
      applySeconds,
      outcomesBeforeLoad,
      spotChecked: Math.min(SPOT_CHECKS, citizens.length),
      load,
      auditLinksDuringLoad,
      auditBatchesDuringLoad,
      auditBacklog,
      tableActivity,
      cpuDuringLoad,
      memory: { registryIdle, registryWarm, registryAfterLoad, registryDuringLoad },
      logDir,
    };
  });
}

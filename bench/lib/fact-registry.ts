/**
 * The fact registry (services/fact-registry) as a bench fixture: the service on free ports with a
 * fresh schema and fresh consumer groups, its rebuild CLI, its metrics.
 */
import type { Kafka } from 'kafkajs';
import { KafkaEnv, readKafkaConfig } from '@motlan/config';
import {
  declaredAcls,
  ensureAcls,
  ensureTopics,
  prefixed,
  removeAcls,
  Topics,
  withDeadLetter,
} from '@motlan/kafka';
import { CommonErrors, MotlanError } from '@motlan/errors';
import {
  deleteGroups,
  groupLag,
  startGroupAt,
  topicWatermarks,
  type PartitionOffsets,
} from './consumer-groups.ts';
import type { ServiceProcess } from '@motlan/mesh';
import { benchMesh, startCli, type BenchMesh, type RunningService } from './mesh.ts';
import { devTlsFiles, readTlsFiles, type TlsPem } from './tls.ts';

export const FACTS_TOPIC = Topics.citizenFacts.name;
export const AUDIT_TOPIC = Topics.accessAudit.name;

/**
 * Whether the registry can be pointed at other topics (`KAFKA_TOPIC_PREFIX`, part of the shared
 * Kafka settings every service composes). Without it, it consumes the shared topics.
 */
export function registryTakesTopicPrefix(): boolean {
  return 'KAFKA_TOPIC_PREFIX' in KafkaEnv;
}

/**
 * A consumer group of the registry for one bench run. The registry acts as `fact-registry` on
 * Kafka, whose ACLs allow only groups starting with `<topic prefix>fact-registry`
 * (packages/kafka/src/topic-access.ts).
 */
export function registryGroup(bench: string, schema: string, topicPrefix = ''): string {
  return `${topicPrefix}fact-registry.bench.${bench}.${schema}`;
}

/** A topic prefix no run has used, e.g. `bench.facts.mwq1x2.` */
export function freshTopicPrefix(bench: string): string {
  return `bench.${bench}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.`;
}

/** A mesh of the registry alone on `schema`, on topics under `topicPrefix` or the shared ones. */
export function registryMesh(
  settings: { DATABASE_URL: string; KAFKA_BROKERS: string },
  schema: string,
  topicPrefix?: string,
): Promise<BenchMesh> {
  return benchMesh({
    databaseUrl: settings.DATABASE_URL,
    kafkaBrokers: settings.KAFKA_BROKERS,
    schemas: { 'fact-registry': schema },
    ...(topicPrefix ? { topicPrefix } : {}),
  });
}

/**
 * How to start the registry on a bench's mesh. The mesh's topic prefix, if any, means fresh topics
 * of its own: citizen.facts.v1 and access.audit.v1 (and their dead-letter twins) created under it
 * first and deleted by `stopRegistry`; without one the registry uses the shared topics.
 */
export interface RegistryOptions {
  /** Consumer group of citizen.facts.v1; the disclosure consumer uses `<group>-disclosures`. */
  group: string;
  consumerConcurrency?: number;
  /**
   * Shared topics only. false (the default for benches): both groups start at the topics' current
   * end, so the fresh schema holds only what the bench publishes. true: they start at offset zero
   * and the registry replays everything the shared topics hold first (wait for its lag to reach zero).
   */
  replayHistory?: boolean;
  /** Further settings, e.g. DATABASE_POOL_SIZE. */
  extra?: Record<string, string>;
  logFile?: string;
  nodeArgs?: string[];
}

export interface RunningRegistry extends RunningService {
  group: string;
  disclosureGroup: string;
  /** The topics it consumes: citizen.facts.v1 and access.audit.v1, prefixed or shared. */
  factsTopic: string;
  auditTopic: string;
  /** Topics made for this registry alone (deleted by stopRegistry); empty on the shared topics. */
  ownTopics: string[];
  /** KAFKA_TOPIC_PREFIX of those topics ('' on the shared ones). */
  topicPrefix: string;
  /** Where its citizen.facts.v1 group started (the end offsets when not replaying). */
  factsStart: PartitionOffsets;
  /** What it is asked with over mutual TLS (bench-client). */
  tls: TlsPem;
}

export function disclosureGroupOf(group: string): string {
  return `${group}-disclosures`;
}

/**
 * Starts the registry on free ports and waits for GET /ready (HTTPS, mutual TLS); its migrations
 * run on start. Unless `replayHistory`, its two consumer groups are first committed at the
 * topics' end offsets (the groups are fresh, so nothing else is affected).
 */
export async function startRegistry(
  kafka: Kafka,
  mesh: BenchMesh,
  options: RegistryOptions,
): Promise<RunningRegistry> {
  const disclosureGroup = disclosureGroupOf(options.group);
  const prefix = mesh.settings.topicPrefix ?? '';
  const factsTopic = prefixed(Topics.citizenFacts, prefix).name;
  const auditTopic = prefixed(Topics.accessAudit, prefix).name;
  let ownTopics: string[] = [];
  let factsStart: PartitionOffsets = new Map();
  if (prefix) {
    const definitions = [
      ...withDeadLetter(prefixed(Topics.citizenFacts, prefix)),
      ...withDeadLetter(prefixed(Topics.accessAudit, prefix)),
      // The registry's audit relay anchors its chain heads beside its audit topic.
      ...withDeadLetter(prefixed(Topics.accessAuditAnchors, prefix)),
    ];
    await ensureTopics(kafka, definitions);
    ownTopics = definitions.map((definition) => definition.name);
    // The declared rights on the fresh topics, so the registry runs as itself (removed by stopRegistry).
    if (readKafkaConfig().KAFKA_SECURITY === 'ssl') await ensureAcls(kafka, declaredAcls(prefix));
  } else if (!options.replayHistory) {
    factsStart = (await topicWatermarks(kafka, factsTopic)).high;
    await startGroupAt(kafka, options.group, factsTopic, factsStart);
    await startGroupAt(kafka, disclosureGroup, auditTopic, (await topicWatermarks(kafka, auditTopic)).high);
  }
  const madeForIt = { kafka, ownTopics, topicPrefix: prefix, group: options.group, disclosureGroup };
  let part: RunningService;
  try {
    part = await mesh.start('fact-registry', {
      env: {
        FACT_REGISTRY_GROUP: options.group,
        CONSUMER_CONCURRENCY: String(options.consumerConcurrency ?? 4),
        ...options.extra,
      },
      ...(options.logFile ? { logFile: options.logFile } : {}),
      ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
    });
  } catch (error) {
    await removeRegistryKafka(madeForIt);
    throw error;
  }
  return {
    ...part,
    group: options.group,
    disclosureGroup,
    factsTopic,
    auditTopic,
    ownTopics,
    topicPrefix: prefix,
    factsStart,
    tls: readTlsFiles(devTlsFiles('bench-client')),
  };
}

/** Stops the registry (SIGTERM, its own shutdown), deletes its two consumer groups and its own topics. */
export async function stopRegistry(kafka: Kafka, registry: RunningRegistry): Promise<void> {
  await registry.process.stop(15_000);
  await removeRegistryKafka({ kafka, ...registry });
}

async function removeRegistryKafka(registry: {
  kafka: Kafka;
  group: string;
  disclosureGroup: string;
  ownTopics: string[];
  topicPrefix: string;
}): Promise<void> {
  const { kafka } = registry;
  await deleteGroups(kafka, [registry.group, registry.disclosureGroup]);
  if (registry.ownTopics.length === 0) return;
  if (registry.topicPrefix && readKafkaConfig().KAFKA_SECURITY === 'ssl')
    await removeAcls(kafka, declaredAcls(registry.topicPrefix));
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: registry.ownTopics });
  } catch (error) {
    console.warn(
      `bench: could not delete topics ${registry.ownTopics.join(', ')}: ${(error as Error).message}`,
    );
  } finally {
    await admin.disconnect();
  }
}

/** Sample lines of a Prometheus text exposition: name{labels} value. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function parseMetrics(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[label[1]!] = label[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** GET /metrics over mutual TLS. */
export async function registryMetrics(registry: RunningRegistry): Promise<MetricSample[]> {
  const { request } = await import('node:https');
  const text = await new Promise<string>((resolve, reject) => {
    const call = request(`${registry.httpUrl}/metrics`, { ...registry.tls, timeout: 10_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(body));
      response.on('error', reject);
    });
    call.on('timeout', () => call.destroy(new Error('GET /metrics timed out')));
    call.on('error', reject);
    call.end();
  });
  return parseMetrics(text);
}

/** Messages the registry's citizen.facts.v1 consumer handled so far, by outcome (applied, duplicate, dead_lettered, retried). */
export async function factOutcomes(registry: RunningRegistry): Promise<Record<string, number>> {
  const outcomes: Record<string, number> = {};
  for (const sample of await registryMetrics(registry)) {
    if (sample.name !== 'motlan_kafka_messages_total' || sample.labels['topic'] !== registry.factsTopic)
      continue;
    const outcome = sample.labels['outcome'] ?? 'unknown';
    outcomes[outcome] = (outcomes[outcome] ?? 0) + sample.value;
  }
  return outcomes;
}

/** The rebuild CLI (`pnpm --filter @motlan/fact-registry run rebuild --schema <schema>`) as a child; it exits when done. */
export function startRebuild(options: {
  databaseUrl: string;
  kafkaBrokers: string;
  schema: string;
  consumerConcurrency?: number;
  /** Replays `<prefix>citizen.facts.v1` (a bench's own topics) instead of the shared topic. */
  topicPrefix?: string;
  /** The bench whose group it is (default `rebuild`). */
  bench?: string;
  /** Further registry settings, e.g. REGISTRY_DISCREPANCIES. */
  env?: Record<string, string>;
  logFile?: string;
  echo?: (line: string) => boolean;
  nodeArgs?: string[];
}): ServiceProcess {
  return startCli({
    name: 'rebuild',
    args: ['--schema', options.schema],
    env: {
      DATABASE_URL: options.databaseUrl,
      KAFKA_BROKERS: options.kafkaBrokers,
      LOG_LEVEL: 'warn',
      // The CLI consumes as the registry, under `<FACT_REGISTRY_GROUP>-rebuild-<time>`.
      FACT_REGISTRY_GROUP: registryGroup(options.bench ?? 'rebuild', options.schema, options.topicPrefix),
      CONSUMER_CONCURRENCY: String(options.consumerConcurrency ?? 4),
      ...(options.topicPrefix ? { KAFKA_TOPIC_PREFIX: options.topicPrefix } : {}),
      ...options.env,
    },
    ...(options.echo ? { echo: options.echo } : {}),
    ...(options.logFile ? { logFile: options.logFile } : {}),
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
  });
}

/**
 * Waits until the registry's citizen.facts.v1 group has no lag. Fails early, with the likely
 * cause, when the registry has applied nothing at all after `silentMs` (e.g. a version that does
 * not honour KAFKA_TOPIC_PREFIX and so never reads the fresh topic).
 */
export async function waitForRegistryCaughtUp(
  kafka: Kafka,
  registry: RunningRegistry,
  timeoutMs: number,
  silentMs = 60_000,
): Promise<void> {
  const started = Date.now();
  for (;;) {
    const { lag } = await groupLag(kafka, registry.group, registry.factsTopic);
    if (lag === 0) return;
    const waited = Date.now() - started;
    if (waited >= timeoutMs) {
      throw new MotlanError(
        CommonErrors.deadlineExceeded,
        `the registry is still ${lag} messages behind on ${registry.factsTopic} after ${timeoutMs} ms`,
      );
    }
    if (waited >= silentMs && registry.ownTopics.length > 0) {
      const outcomes = await factOutcomes(registry);
      if (Object.values(outcomes).every((count) => count === 0)) {
        throw new MotlanError(
          CommonErrors.unavailable,
          `the registry handled nothing from ${registry.factsTopic} in ${silentMs} ms: does this version ` +
            'honour KAFKA_TOPIC_PREFIX? (BENCH_REGISTRY_TOPICS=shared runs it on the shared topics)',
        );
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `BENCH_REGISTRY_TOPICS`: `fresh` topics of its own, the `shared` ones, or `auto` (fresh when it can). */
export type RegistryTopicsSetting = 'auto' | 'fresh' | 'shared';

/** The topic prefix to start the registry with for a setting, or undefined for the shared topics. */
export function chooseTopicPrefix(setting: string, bench: string): string | undefined {
  if (setting === 'shared') return undefined;
  if (setting === 'fresh' || registryTakesTopicPrefix()) return freshTopicPrefix(bench);
  return undefined;
}

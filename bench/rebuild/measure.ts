/** `rebuild`: the rebuild CLI replaying citizen.facts.v1 into an empty schema, its progress and what it left; then the baselines */
import { join } from 'node:path';
import pg from 'pg';
import type { Kafka } from 'kafkajs';
import { createEventProducer, deadLetterTopicOf } from '@motlan/kafka';
import { withCleanup } from '../lib/cleanup.ts';
import {
  appendedBetween,
  deleteGroups,
  groupsWithPrefix,
  topicMessageCount,
  topicWatermarks,
} from '../lib/consumer-groups.ts';
import { cpuSnapshot, cpuUsage, type CpuUsage } from '../lib/cpu-usage.ts';
import { FACTS_TOPIC, registryGroup, startRebuild } from '../lib/fact-registry.ts';
import { startTimer } from '../lib/histogram.ts';
import { readTopic, type TopicReadResult } from '../lib/kafka-consume.ts';
import { copyFactRows, insertFactRowsPerTransaction, type InsertResult } from '../baseline/postgres.ts';
import { MemorySampler, type SampledMemory } from '../lib/process-stats.ts';
import { formatCount, formatSeconds } from '../lib/report.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import { processFailure } from '../lib/mesh.ts';
import { citizenFacts, freshCitizenBlock, publishFacts } from '../lib/synthetic-facts.ts';
import { withTimeout } from '../lib/timeout.ts';
import type { RebuildSettings } from './settings.ts';

/** One progress line of the CLI ("… | 12000/1708103 facts | …"), with when it was seen. */
export interface ProgressSample {
  seconds: number;
  done: number;
  total: number;
}

export interface RebuildRun {
  schema: string;
  /** The CLI's CONSUMER_CONCURRENCY: partitions applied at once. */
  consumerConcurrency: number;
  /** Messages on the topic when the rebuild started (its target), and synthetic ones published first. */
  topicMessages: number;
  published: number;
  finished: boolean;
  /** The CLI's own summary (it times from after migrations and start-up) or, if stopped, from the schema. */
  messages: number;
  cliSeconds: number;
  /** Spawn to exit (tsx start-up, migrations and the consumer's group join included). */
  wallSeconds: number;
  summary: string;
  /** Messages replayed per second of the CLI's own time (its "R/s"; duplicates included). */
  factsPerSecond: number;
  wallFactsPerSecond: number;
  /** Facts actually new to the schema (processed_events rows) per second; the rest were duplicate event ids. */
  appliedPerSecond: number;
  duplicates: number;
  schemaRows: { factHistory: number; processedEvents: number; currentFacts: number; conflicts: number };
  deadLettered: number;
  progress: ProgressSample[];
  /** facts/s over the first and the last fifth of the progress samples: does it slow as tables grow? */
  earlyRate: number;
  lateRate: number;
  cpu: CpuUsage;
  memory: SampledMemory;
  logDir: string;
}

export const SUMMARY =
  /^rebuilt (\S+): (\d+) messages in ([\d.]+) s \((\d+)\/s\); current view (\d+) rows, digest (\S*)/;
export const PROGRESS = /(\d+)\/(\d+) facts/;

export async function schemaRows(databaseUrl: string, schema: string): Promise<RebuildRun['schemaRows']> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'motlan-bench' });
  await client.connect();
  try {
    const count = async (table: string): Promise<number> => {
      const result = await client
        .query<{ count: string }>(`SELECT count(*) FROM ${pg.escapeIdentifier(schema)}.${table}`)
        .catch(() => ({ rows: [{ count: '0' }] }));
      return Number(result.rows[0]?.count ?? 0);
    };
    return {
      factHistory: await count('fact_history'),
      processedEvents: await count('processed_events'),
      currentFacts: await count('current_facts'),
      conflicts: await count('fact_conflicts'),
    };
  } finally {
    await client.end();
  }
}

export function rateBetween(samples: ProgressSample[], from: number, to: number): number {
  const first = samples[from];
  const last = samples[to];
  if (!first || !last || last.seconds <= first.seconds) return 0;
  return (last.done - first.done) / (last.seconds - first.seconds);
}

export async function fillTopic(kafka: Kafka, wanted: number): Promise<number> {
  const have = await topicMessageCount(kafka, FACTS_TOPIC);
  if (have >= wanted) return 0;
  const missing = wanted - have;
  console.log(
    `rebuild: ${FACTS_TOPIC} holds ${formatCount(have)} facts; publishing ${formatCount(missing)} synthetic ones ...`,
  );
  const block = freshCitizenBlock();
  const perCitizen = citizenFacts(block, 0).length;
  function* facts() {
    let produced = 0;
    for (let n = 0; produced < missing; n += 1) {
      for (const fact of citizenFacts(block, n)) {
        if (produced++ >= missing) return;
        yield fact;
      }
    }
  }
  const producer = await createEventProducer(kafka, 'bench-rebuild');
  try {
    let lastReport = 0;
    return await publishFacts(producer, facts(), {
      chunk: 1_000,
      inFlight: 4,
      onProgress: (published) => {
        if (published - lastReport >= 50_000) {
          lastReport = published;
          console.log(
            `rebuild: published ${formatCount(published)}/${formatCount(missing)} (${perCitizen} per citizen)`,
          );
        }
      },
    });
  } finally {
    await producer.disconnect();
  }
}

export async function measureRebuild(
  settings: RebuildSettings,
  kafka: Kafka,
  logDir: string,
): Promise<RebuildRun> {
  return withCleanup(async (cleanup) => {
    const published = await fillTopic(kafka, settings.BENCH_REBUILD_MIN_FACTS);
    const schema = freshSchemaName('bench_rebuild');
    cleanup.defer('drop rebuilt schema', () => dropSchemas(settings.DATABASE_URL, [schema]));
    // The CLI names its group <FACT_REGISTRY_GROUP>-rebuild-<time> and deletes it; should it
    // not get that far, nothing stays behind.
    cleanup.defer('delete the rebuild group', async () =>
      deleteGroups(kafka, await groupsWithPrefix(kafka, `${registryGroup('rebuild', schema)}-rebuild-`)),
    );
    const dlq = deadLetterTopicOf(FACTS_TOPIC);
    const dlqBefore = (await topicWatermarks(kafka, dlq)).high;
    const topicMessages = await topicMessageCount(kafka, FACTS_TOPIC);

    console.log(
      `rebuild: replaying ${formatCount(topicMessages)} facts of ${FACTS_TOPIC} into ${schema} ` +
        `(CONSUMER_CONCURRENCY ${settings.BENCH_REBUILD_CONSUMER_CONCURRENCY}, ` +
        `stops after ${formatSeconds(settings.BENCH_REBUILD_TIMEOUT_SECONDS)}) ...`,
    );
    const progress: ProgressSample[] = [];
    const elapsed = startTimer();
    let progressLines = 0;
    const rebuild = startRebuild({
      databaseUrl: settings.DATABASE_URL,
      kafkaBrokers: settings.KAFKA_BROKERS,
      schema,
      consumerConcurrency: settings.BENCH_REBUILD_CONSUMER_CONCURRENCY,
      logFile: join(logDir, 'rebuild.log'),
      // Progress comes every 5 s; echo every sixth line (30 s) and the result.
      echo: (line) => {
        const match = PROGRESS.exec(line);
        if (match) {
          progress.push({ seconds: elapsed() / 1000, done: Number(match[1]), total: Number(match[2]) });
          return progressLines++ % 6 === 0;
        }
        return line.startsWith('rebuilt ') || /error|fail/i.test(line);
      },
      ...(settings.BENCH_REBUILD_CPU_PROFILE ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${logDir}`] } : {}),
    });
    cleanup.defer('stop rebuild', () => rebuild.stop());
    const memory = new MemorySampler(rebuild.pid, 1_000);
    const cpuBefore = cpuSnapshot({ rebuild: rebuild.pid });
    let cpuAfter = cpuBefore;
    // Sampled just before it exits would be ideal; every second is close enough for its CPU share.
    const cpuTimer = setInterval(() => (cpuAfter = cpuSnapshot({ rebuild: rebuild.pid })), 1_000);
    let finished = true;
    const exit = await withTimeout(
      rebuild.exited,
      settings.BENCH_REBUILD_TIMEOUT_SECONDS * 1000,
      'the rebuild',
    ).catch(async (error: Error) => {
      finished = false;
      console.warn(`rebuild: ${error.message}; stopping it and counting what it applied`);
      return rebuild.stop();
    });
    clearInterval(cpuTimer);
    const wallSeconds = elapsed() / 1000;
    const sampled = memory.stop();
    if (finished && exit.code !== 0) throw processFailure(rebuild, `failed (${exit.code ?? exit.signal})`);

    const rows = await schemaRows(settings.DATABASE_URL, schema);
    const summary = rebuild.stdoutLines().find((line) => line.startsWith('rebuilt ')) ?? '';
    const parsed = SUMMARY.exec(summary);
    if (finished && !parsed)
      throw processFailure(rebuild, 'printed no "rebuilt <schema>: N messages in S s" line');
    const messages = parsed ? Number(parsed[2]) : rows.processedEvents;
    const cliSeconds = parsed ? Number(parsed[3]) : wallSeconds;
    const deadLettered = appendedBetween(dlqBefore, (await topicWatermarks(kafka, dlq)).high);
    const fifth = Math.max(1, Math.floor(progress.length / 5));
    return {
      schema,
      consumerConcurrency: settings.BENCH_REBUILD_CONSUMER_CONCURRENCY,
      topicMessages,
      published,
      finished,
      messages,
      cliSeconds,
      wallSeconds,
      summary,
      factsPerSecond: messages / cliSeconds,
      wallFactsPerSecond: messages / wallSeconds,
      appliedPerSecond: rows.processedEvents / cliSeconds,
      duplicates: Math.max(0, messages - rows.processedEvents - deadLettered),
      schemaRows: rows,
      deadLettered,
      progress,
      earlyRate: rateBetween(progress, 0, Math.min(fifth, progress.length - 1)),
      lateRate: rateBetween(progress, Math.max(0, progress.length - 1 - fifth), progress.length - 1),
      cpu: cpuUsage(cpuBefore, cpuAfter),
      memory: sampled,
      logDir,
    };
  });
}

/** `pnpm bench rebuild` */
/** The baselines, one after another: COPY into fact_history, one row per transaction, a raw read of the topic. */
export async function rebuildBaselines(settings: RebuildSettings, kafka: Kafka, run: RebuildRun) {
  const copyRows = Math.max(1, Math.min(run.messages, settings.BENCH_REBUILD_COPY_MAX_ROWS));
  console.log(`rebuild: baseline COPY of ${formatCount(copyRows)} fact_history rows ...`);
  const copy = await copyFactRows(settings.DATABASE_URL, copyRows);
  let perTransaction: (InsertResult & { clients: number }) | undefined;
  if (settings.BENCH_REBUILD_TX_ROWS > 0) {
    console.log(
      `rebuild: baseline ${formatCount(settings.BENCH_REBUILD_TX_ROWS)} rows, one per transaction, ` +
        `${settings.BENCH_REBUILD_CONSUMER_CONCURRENCY} connections ...`,
    );
    perTransaction = await insertFactRowsPerTransaction(
      settings.DATABASE_URL,
      settings.BENCH_REBUILD_TX_ROWS,
      settings.BENCH_REBUILD_CONSUMER_CONCURRENCY,
    );
  }
  let read: TopicReadResult | undefined;
  const readMessages = Math.min(run.messages, settings.BENCH_REBUILD_READ_MAX_MESSAGES);
  if (readMessages > 0) {
    console.log(
      `rebuild: baseline raw kafkajs read of ${formatCount(readMessages)} messages of ${FACTS_TOPIC} ...`,
    );
    read = await readTopic(
      kafka,
      FACTS_TOPIC,
      readMessages,
      600_000,
      settings.BENCH_REBUILD_CONSUMER_CONCURRENCY,
    );
  }

  return { copy, perTransaction, read };
}

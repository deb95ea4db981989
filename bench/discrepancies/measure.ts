/**
 * `discrepancies`: on topics of its own, seed the population simulator, let the military
 * personnel simulator seed itself from it (with disagreements on purpose, `seeded_truth`), run
 * both bulk syncs onto `<prefix>citizen.facts.v1`, then apply everything into two fresh registry
 * schemas with the rebuild CLI (the registry's own consumer, offset zero to the end): once with
 * discrepancy detection, once with `REGISTRY_DISCREPANCIES=off`; and compare the open
 * discrepancies with the seeded truth.
 */
import { join } from 'node:path';
import pg from 'pg';
import type { Kafka } from 'kafkajs';
import { withCleanup } from '../lib/cleanup.ts';
import { deleteGroups, groupsWithPrefix, topicMessageCount } from '../lib/consumer-groups.ts';
import { freshTopicPrefix, FACTS_TOPIC, registryGroup, startRebuild } from '../lib/fact-registry.ts';
import { startTimer } from '../lib/histogram.ts';
import { benchMesh, processFailure, runCli } from '../lib/mesh.ts';
import { seedSimulator, type SeedResult } from '../lib/npdb.ts';
import { formatCount } from '../lib/report.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import { withTimeout } from '../lib/timeout.ts';
import { provisionTopicsOfOwn } from '../lib/topics.ts';
import type { DiscrepanciesSettings } from './settings.ts';

/** The seeded truth's kinds that are disagreements with the population, by the fact type they touch. */
export const TRUTH_KINDS: Record<string, string> = {
  name_typo: 'identity.full_name',
  old_name: 'identity.full_name',
  wrong_birth_day: 'identity.date_of_birth',
};

export interface ApplyRun {
  detection: boolean;
  schema: string;
  messages: number;
  /** The CLI's own time: from its consumer's start to the last message applied. */
  seconds: number;
  /** Spawn to exit (start-up and migrations included). */
  wallSeconds: number;
  messagesPerSecond: number;
  summary: string;
}

export interface TypeCount {
  factType: string;
  expected: number;
  found: number;
  missed: number;
  invented: number;
}

export interface DiscrepanciesRun {
  seed: SeedResult;
  personnel: number;
  syncSeconds: { population: number; military: number };
  topicMessages: number;
  withDetection: ApplyRun;
  withoutDetection: ApplyRun;
  /** Open discrepancies after the run with detection, by type, against the seeded truth. */
  byType: TypeCount[];
  truth: { expected: number; found: number; missed: number; invented: number; open: number; outbox: number };
  /** A few missed and invented (personal ID, type), to look into. */
  samples: { missed: string[]; invented: string[] };
}

const SUMMARY = /^rebuilt \S+: (\d+) messages in ([\d.]+) s/;

export async function measureDiscrepancies(
  settings: DiscrepanciesSettings,
  kafka: Kafka,
  logDir: string,
): Promise<DiscrepanciesRun> {
  return withCleanup(async (cleanup) => {
    const stepMs = settings.BENCH_DISC_STEP_TIMEOUT_SECONDS * 1000;
    const topicPrefix = freshTopicPrefix('discrepancies');
    await provisionTopicsOfOwn(kafka, topicPrefix, cleanup);
    const schemas = {
      npdb: freshSchemaName('bench_disc_npdb'),
      mpdb: freshSchemaName('bench_disc_mpdb'),
      populationAdapter: freshSchemaName('bench_disc_pop_adapter'),
      militaryAdapter: freshSchemaName('bench_disc_mil_adapter'),
      detection: freshSchemaName('bench_disc_registry_on'),
      baseline: freshSchemaName('bench_disc_registry_off'),
    };
    cleanup.defer('drop schemas', () => dropSchemas(settings.DATABASE_URL, Object.values(schemas)));

    console.log(
      `discrepancies: seeding ${formatCount(settings.BENCH_DISCREPANCIES_PEOPLE)} people into ${schemas.npdb} (not counted) ...`,
    );
    const seed = await seedSimulator({
      databaseUrl: settings.DATABASE_URL,
      schema: schemas.npdb,
      people: settings.BENCH_DISCREPANCIES_PEOPLE,
      timeoutMs: stepMs,
      logFile: join(logDir, 'seed.log'),
    });
    const mesh = await benchMesh({
      databaseUrl: settings.DATABASE_URL,
      kafkaBrokers: settings.KAFKA_BROKERS,
      topicPrefix,
      schemas: {
        'national-population-db': schemas.npdb,
        'military-personnel-db': schemas.mpdb,
        'population-adapter': schemas.populationAdapter,
        'military-personnel-adapter': schemas.militaryAdapter,
      },
    });
    // The sync CLIs build their adapters in-process; only the two upstreams run as services.
    for (const name of ['national-population-db', 'military-personnel-db']) {
      console.log(`discrepancies: starting ${name} ...`); // the latter seeds itself from the population
      const service = await mesh.start(name, { logFile: join(logDir, `${name}.log`) });
      cleanup.defer(`stop ${name}`, () => service.process.stop());
    }
    const personnel = await count(
      settings.DATABASE_URL,
      `SELECT count(*) AS n FROM "${schemas.mpdb}".personnel`,
    );

    const syncSeconds = { population: 0, military: 0 };
    for (const [job, key] of [
      ['initial sync', 'population'],
      ['initial military sync', 'military'],
    ] as const) {
      console.log(`discrepancies: ${job} onto ${topicPrefix}${FACTS_TOPIC} ...`);
      const elapsed = startTimer();
      await runCli({
        name: job,
        env: mesh.jobEnv(job),
        args: [],
        echo: (line) => line.startsWith('synced ') || /error|fail/i.test(line),
        logFile: join(logDir, `${key}-sync.log`),
        timeoutMs: stepMs,
      });
      syncSeconds[key] = elapsed() / 1000;
    }
    const topicMessages = await topicMessageCount(kafka, `${topicPrefix}${FACTS_TOPIC}`);

    const apply = async (detection: boolean): Promise<ApplyRun> => {
      const schema = detection ? schemas.detection : schemas.baseline;
      const group = registryGroup('discrepancies', schema, topicPrefix);
      cleanup.defer('delete the apply group', async () =>
        deleteGroups(kafka, await groupsWithPrefix(kafka, `${group}-rebuild-`)),
      );
      console.log(
        `discrepancies: applying ${formatCount(topicMessages)} facts into ${schema}, detection ${detection ? 'on' : 'off'} ...`,
      );
      const elapsed = startTimer();
      const cli = startRebuild({
        databaseUrl: settings.DATABASE_URL,
        kafkaBrokers: settings.KAFKA_BROKERS,
        schema,
        topicPrefix,
        bench: 'discrepancies',
        consumerConcurrency: settings.BENCH_DISC_CONCURRENCY,
        env: { REGISTRY_DISCREPANCIES: detection ? 'on' : 'off' },
        logFile: join(logDir, `apply-${detection ? 'on' : 'off'}.log`),
        echo: (line) => line.startsWith('rebuilt ') || /error|fail/i.test(line),
      });
      cleanup.defer('stop apply', () => cli.stop());
      const exit = await withTimeout(cli.exited, stepMs, 'the apply');
      const wallSeconds = elapsed() / 1000;
      if (exit.code !== 0) throw processFailure(cli, `failed (${exit.code ?? exit.signal})`);
      const summary = cli.stdoutLines().find((line) => line.startsWith('rebuilt ')) ?? '';
      const match = SUMMARY.exec(summary);
      if (!match) throw processFailure(cli, 'printed no "rebuilt <schema>: N messages in S s" line');
      const seconds = Number(match[2]);
      return {
        detection,
        schema,
        messages: Number(match[1]),
        seconds,
        wallSeconds,
        messagesPerSecond: Number(match[1]) / Math.max(seconds, 0.001),
        summary,
      };
    };
    // Detection first: whatever the page cache gives the second run goes to the baseline.
    const withDetection = await apply(true);
    const withoutDetection = await apply(false);

    const compared = await compareWithTruth(settings.DATABASE_URL, schemas.detection, schemas.mpdb);
    return {
      seed,
      personnel,
      syncSeconds,
      topicMessages,
      withDetection,
      withoutDetection,
      ...compared,
    };
  });
}

async function count(databaseUrl: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'motlan-bench' });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** The open discrepancies (personal ID, type) against the seeded disagreements (so_dinh_danh, kind → type). */
async function compareWithTruth(
  databaseUrl: string,
  registrySchema: string,
  mpdbSchema: string,
): Promise<Pick<DiscrepanciesRun, 'byType' | 'truth' | 'samples'>> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'motlan-bench' });
  await client.connect();
  try {
    const registry = pg.escapeIdentifier(registrySchema);
    const open = await client.query<{ subject: string; type: string }>(
      `SELECT subject, type FROM ${registry}.discrepancies WHERE state = 'open'`,
    );
    const truth = await client.query<{ so_dinh_danh: string; kind: string }>(
      `SELECT so_dinh_danh, kind FROM ${pg.escapeIdentifier(mpdbSchema)}.seeded_truth WHERE kind = ANY($1::text[])`,
      [Object.keys(TRUTH_KINDS)],
    );
    const outbox = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${registry}.discrepancy_outbox`,
    );
    const key = (subject: string, type: string) => `${subject} ${type}`;
    const expected = new Set(truth.rows.map((row) => key(row.so_dinh_danh, TRUTH_KINDS[row.kind]!)));
    const found = new Set(open.rows.map((row) => key(row.subject, row.type)));
    const types = [...new Set([...Object.values(TRUTH_KINDS), ...open.rows.map((row) => row.type)])].sort();
    const byType = types.map((factType) => {
      const ofType = (set: Set<string>) => [...set].filter((entry) => entry.endsWith(` ${factType}`));
      const want = ofType(expected);
      const got = ofType(found);
      return {
        factType,
        expected: want.length,
        found: got.filter((entry) => expected.has(entry)).length,
        missed: want.filter((entry) => !found.has(entry)).length,
        invented: got.filter((entry) => !expected.has(entry)).length,
      };
    });
    const missed = [...expected].filter((entry) => !found.has(entry));
    const invented = [...found].filter((entry) => !expected.has(entry));
    return {
      byType,
      truth: {
        expected: expected.size,
        found: expected.size - missed.length,
        missed: missed.length,
        invented: invented.length,
        open: found.size,
        outbox: Number(outbox.rows[0]?.n ?? 0),
      },
      samples: { missed: missed.slice(0, 5), invented: invented.slice(0, 5) },
    };
  } finally {
    await client.end();
  }
}

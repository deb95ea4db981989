import type { Kafka } from 'kafkajs';
import { DatabaseEnv, KafkaEnv, Type } from '@motlan/config';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { formatMB, formatMs, formatRate } from '../lib/report.ts';
import { runGrpcEchoBaseline, type GrpcEchoBaselineResult } from './echo.ts';
import { runKafkaBaseline, type KafkaBaselineResult } from './kafka.ts';
import { runPostgresBaseline, type PostgresBaselineResult } from './postgres.ts';

/** Knobs every bench that measures a same-run baseline accepts; compose into a bench's own schema. */
export const BaselineEnv = {
  KAFKA_BROKERS: KafkaEnv.KAFKA_BROKERS,
  DATABASE_URL: DatabaseEnv.DATABASE_URL,
  BENCH_SECONDS: Type.Number({ default: 10, exclusiveMinimum: 0 }),
  BENCH_WARMUP_SECONDS: Type.Number({ default: 3, minimum: 0 }),
  BENCH_GRPC_CONCURRENCY: Type.Integer({ default: 64, minimum: 1 }),
  BENCH_KAFKA_MESSAGES: Type.Integer({ default: 200_000, minimum: 1 }),
  BENCH_PG_CLIENTS: Type.Integer({ default: 8, minimum: 1 }),
  BENCH_PG_INSERT_ROWS: Type.Integer({ default: 20_000, minimum: 1 }),
  BENCH_PG_BATCHED_ROWS: Type.Integer({ default: 200_000, minimum: 1 }),
  BENCH_PG_COPY_ROWS: Type.Integer({ default: 500_000, minimum: 1 }),
};

/** What runBaseline reads of a bench's settings. */
export interface BaselineSettings {
  BENCH_SECONDS: number;
  BENCH_WARMUP_SECONDS: number;
  BENCH_GRPC_CONCURRENCY: number;
  BENCH_KAFKA_MESSAGES: number;
  BENCH_PG_CLIENTS: number;
  BENCH_PG_INSERT_ROWS: number;
  BENCH_PG_BATCHED_ROWS: number;
  BENCH_PG_COPY_ROWS: number;
  DATABASE_URL: string;
}

export const BASELINE_PARTS = ['grpc', 'kafka', 'postgres'] as const;
export type BaselinePart = (typeof BASELINE_PARTS)[number];

/** The parts named on the command line (all when none); a name not among them is a validation error. */
export function selectParts(args: string[]): BaselinePart[] {
  const unknown = args.filter((arg) => !(BASELINE_PARTS as readonly string[]).includes(arg));
  if (unknown.length > 0) {
    throw new MotlanError(
      CommonErrors.validation,
      `unknown baseline part(s) ${unknown.join(', ')}; choose from ${BASELINE_PARTS.join(', ')}`,
    );
  }
  return args.length > 0 ? [...new Set(args as BaselinePart[])] : [...BASELINE_PARTS];
}

export interface BaselineResult {
  grpcEcho?: GrpcEchoBaselineResult;
  kafka?: KafkaBaselineResult;
  postgres?: PostgresBaselineResult;
}

/** The baseline parts one after another, so they never compete for the two cores. */
export async function runBaseline(
  settings: BaselineSettings,
  kafka: Kafka,
  parts: readonly BaselinePart[] = BASELINE_PARTS,
): Promise<BaselineResult> {
  const result: BaselineResult = {};
  if (parts.includes('grpc')) {
    console.log(
      `baseline: grpc echo, ${settings.BENCH_WARMUP_SECONDS} s warm-up + ${settings.BENCH_SECONDS} s measured ...`,
    );
    result.grpcEcho = await runGrpcEchoBaseline({
      seconds: settings.BENCH_SECONDS,
      warmupSeconds: settings.BENCH_WARMUP_SECONDS,
      concurrency: settings.BENCH_GRPC_CONCURRENCY,
    });
  }
  if (parts.includes('kafka')) {
    console.log(`baseline: kafka, ${settings.BENCH_KAFKA_MESSAGES} messages ...`);
    result.kafka = await runKafkaBaseline({
      kafka,
      messages: settings.BENCH_KAFKA_MESSAGES,
      messageBytes: 500,
      partitions: 6,
      batchSize: 500,
      sendsInFlight: 4,
    });
  }
  if (parts.includes('postgres')) {
    console.log('baseline: postgres, INSERT then COPY ...');
    result.postgres = await runPostgresBaseline({
      databaseUrl: settings.DATABASE_URL,
      clients: settings.BENCH_PG_CLIENTS,
      singleRowInserts: settings.BENCH_PG_INSERT_ROWS,
      batchedRows: settings.BENCH_PG_BATCHED_ROWS,
      rowsPerStatement: 500,
      copyRows: settings.BENCH_PG_COPY_ROWS,
    });
  }
  return result;
}

/** Table rows (label, throughput, p50, p99, RSS) for whichever parts ran. */
export function baselineRows(result: BaselineResult): string[][] {
  const rows: string[][] = [];
  const { grpcEcho, kafka, postgres } = result;
  if (grpcEcho) {
    const errors = grpcEcho.errors > 0 ? ` (${grpcEcho.errors} errors)` : '';
    rows.push([
      `grpc echo (${grpcEcho.concurrency} in flight, ${grpcEcho.payloadBytes} B)`,
      formatRate(grpcEcho.requestsPerSecond, 'req') + errors,
      formatMs(grpcEcho.latency.p50Ms),
      formatMs(grpcEcho.latency.p99Ms),
      `server ${formatMB(grpcEcho.serverMemory.rssBytes)} / load ${formatMB(grpcEcho.loadMemory.rssBytes)}`,
    ]);
  }
  if (kafka) {
    rows.push(
      [
        `kafka produce ${kafka.messageBytes} B (${kafka.batchSize}/send, ${kafka.sendsInFlight} in flight)`,
        `${formatRate(kafka.produce.messagesPerSecond, 'msg')}  (${formatRate(kafka.produce.megabytesPerSecond, 'MB')})`,
        formatMs(kafka.produce.sendLatency.p50Ms),
        formatMs(kafka.produce.sendLatency.p99Ms),
        `client ${formatMB(kafka.clientMemory.rssBytes)}`,
      ],
      [
        `kafka consume ${kafka.messageBytes} B (${kafka.partitions} partitions)`,
        `${formatRate(kafka.consume.messagesPerSecond, 'msg')}  (${formatRate(kafka.consume.megabytesPerSecond, 'MB')})`,
      ],
    );
  }
  if (postgres) {
    rows.push(
      [
        `pg insert (1 row/stmt, ${postgres.clients} clients)`,
        formatRate(postgres.singleRow.rowsPerSecond, 'rows'),
        formatMs(postgres.singleRow.statementLatency.p50Ms),
        formatMs(postgres.singleRow.statementLatency.p99Ms),
        `client ${formatMB(postgres.clientMemory.rssBytes)}`,
      ],
      [
        `pg insert (${postgres.rowsPerStatement} rows/stmt, ${postgres.clients} clients)`,
        formatRate(postgres.multiRow.rowsPerSecond, 'rows'),
        formatMs(postgres.multiRow.statementLatency.p50Ms),
        formatMs(postgres.multiRow.statementLatency.p99Ms),
      ],
      ['pg COPY (1 connection)', formatRate(postgres.copy.rowsPerSecond, 'rows')],
    );
  }
  return rows;
}

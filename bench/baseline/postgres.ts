/**
 * Raw PostgreSQL write baselines into the fact registry's own `fact_history` table, built by
 * running the registry's real migrations (@motlan/db `migrate`) into a scratch schema per phase,
 * dropped afterwards with its application role: whatever the migrations say the table is, the
 * baseline writes into exactly that. Rows are generated as the registry writes them.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrate } from '@motlan/db';
import { canonicalJson, contentHash } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { LatencyRecorder, startTimer, type LatencySummary } from '../lib/histogram.ts';
import { readProcessMemory, type ProcessMemory } from '../lib/process-stats.ts';
import { dropSchemas, freshSchemaName } from '../lib/schemas.ts';
import { REPO_ROOT } from '@motlan/mesh';
import { CITIZEN_FACT_TYPES, factValue } from '../lib/synthetic-facts.ts';

/** The registry's migrations folder: read as data, never imported (bench imports packages only). */
const REGISTRY_MIGRATIONS = join(REPO_ROOT, 'services/fact-registry/migrations');

const COLUMNS = [
  'fact_id',
  'subject',
  'type',
  'value',
  'assurance',
  'source_system',
  'source_record_ref',
  'source_record_version',
  'observed_at',
  'valid_from',
  'valid_until',
  'dossier_id',
  'content_hash',
] as const;

/** One fact row, as the registry writes it; values rotate through the bench's four types (~100 B of JSON). */
function factRow(index: number): (string | number)[] {
  const type = CITIZEN_FACT_TYPES[index % CITIZEN_FACT_TYPES.length]!;
  const value = factValue(type, Math.floor(index / CITIZEN_FACT_TYPES.length));
  const subject = `2${String(index).padStart(11, '0')}`;
  return [
    randomUUID(),
    subject,
    type,
    canonicalJson(value),
    3,
    'national-population-db',
    `NPDB/${subject}`,
    '1',
    new Date(1_700_000_000_000 + index * 1_000).toISOString(),
    '',
    '',
    '',
    contentHash(value),
  ];
}

export interface CopyResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

export interface InsertResult extends CopyResult {
  /** Latency of one statement (or of one BEGIN / INSERT / COMMIT). */
  statementLatency: LatencySummary;
}

/** Runs `phase` against an empty, freshly migrated `fact_history` over a pool of `clients`, then drops it all. */
async function withFactHistory<T>(
  databaseUrl: string,
  clients: number,
  phase: (pool: pg.Pool, table: string) => Promise<T>,
): Promise<T> {
  const schema = freshSchemaName('bench_pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients, application_name: 'motlan-bench' });
  try {
    await migrate({ url: databaseUrl, schema, dir: REGISTRY_MIGRATIONS });
    return await phase(pool, `${schema}.fact_history`);
  } finally {
    await pool.end();
    await dropSchemas(databaseUrl, [schema]);
  }
}

function insertStatement(table: string, rows: number): string {
  const tuples = Array.from(
    { length: rows },
    (_, row) => `(${COLUMNS.map((_, column) => `$${row * COLUMNS.length + column + 1}`).join(', ')})`,
  );
  return `INSERT INTO ${table} (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`;
}

/**
 * `rows` rows, `rowsPerStatement` per INSERT, `concurrency` statements in flight on as many
 * connections; with `transactions` each statement is its own BEGIN / INSERT / COMMIT.
 */
async function insertRows(
  pool: pg.Pool,
  table: string,
  plan: { rows: number; rowsPerStatement: number; concurrency: number; transactions?: boolean },
): Promise<InsertResult> {
  const statements = new Map<number, string>();
  const statementFor = (rows: number): string => {
    let text = statements.get(rows);
    if (!text) statements.set(rows, (text = insertStatement(table, rows)));
    return text;
  };
  const latency = new LatencyRecorder();
  let next = 0;
  // Workers share one counter, so `concurrency` statements are in flight until all rows are written.
  const worker = async (): Promise<void> => {
    const client = await pool.connect();
    try {
      while (next < plan.rows) {
        const first = next;
        const count = Math.min(plan.rowsPerStatement, plan.rows - first);
        next += count;
        const values = Array.from({ length: count }, (_, offset) => factRow(first + offset)).flat();
        const elapsed = startTimer();
        if (plan.transactions) await client.query('BEGIN');
        await client.query(statementFor(count), values);
        if (plan.transactions) await client.query('COMMIT');
        latency.record(elapsed());
      }
    } finally {
      client.release();
    }
  };
  const elapsed = startTimer();
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  const seconds = elapsed() / 1000;
  await expectRowCount(pool, table, plan.rows);
  return {
    rows: plan.rows,
    seconds,
    rowsPerSecond: plan.rows / seconds,
    statementLatency: latency.summary(),
  };
}

/** COPY text format: tab-separated, one line per row (the generated values hold no tabs, newlines or backslashes). */
function* copyLines(rows: number): Generator<string> {
  const linesPerChunk = 1_000;
  for (let first = 0; first < rows; first += linesPerChunk) {
    let chunk = '';
    for (let index = first; index < Math.min(first + linesPerChunk, rows); index += 1) {
      chunk += `${factRow(index).join('\t')}\n`;
    }
    yield chunk;
  }
}

async function copyRows(pool: pg.Pool, table: string, rows: number): Promise<CopyResult> {
  const client = await pool.connect();
  try {
    const elapsed = startTimer();
    await pipeline(
      Readable.from(copyLines(rows)),
      client.query(copyFrom(`COPY ${table} (${COLUMNS.join(', ')}) FROM STDIN`)),
    );
    const seconds = elapsed() / 1000;
    // On this connection: the pool may have no other (COPY alone runs with one).
    await expectRowCount(client, table, rows);
    return { rows, seconds, rowsPerSecond: rows / seconds };
  } finally {
    client.release();
  }
}

/** Guards the numbers: a phase that silently wrote fewer rows would look faster than it is. */
async function expectRowCount(db: pg.Pool | pg.PoolClient, table: string, expected: number): Promise<void> {
  const result = await db.query<{ count: string }>(`SELECT count(*) FROM ${table}`);
  const actual = Number(result.rows[0]?.count);
  if (actual !== expected) {
    throw new MotlanError(CommonErrors.internal, `${table} holds ${actual} rows, expected ${expected}`);
  }
}

/** COPY of `rows` fact rows into an empty fact_history, one connection (rows generated as it goes). */
export function copyFactRows(databaseUrl: string, rows: number): Promise<CopyResult> {
  return withFactHistory(databaseUrl, 1, (pool, table) => copyRows(pool, table, rows));
}

/**
 * `rows` fact rows, each in its own transaction, `clients` in flight: the floor under a consumer
 * that applies one fact per transaction.
 */
export async function insertFactRowsPerTransaction(
  databaseUrl: string,
  rows: number,
  clients: number,
): Promise<InsertResult & { clients: number }> {
  const result = await withFactHistory(databaseUrl, clients, (pool, table) =>
    insertRows(pool, table, { rows, rowsPerStatement: 1, concurrency: clients, transactions: true }),
  );
  return { ...result, clients };
}

export interface PostgresBaselineOptions {
  databaseUrl: string;
  /** Pool size, and statements in flight, for the two INSERT phases. */
  clients: number;
  singleRowInserts: number;
  batchedRows: number;
  rowsPerStatement: number;
  copyRows: number;
}

export interface PostgresBaselineResult {
  clients: number;
  rowsPerStatement: number;
  singleRow: InsertResult;
  multiRow: InsertResult;
  copy: CopyResult;
  /** This (client) process after all three phases. */
  clientMemory: ProcessMemory;
}

/**
 * One row per INSERT over a pool, many rows per INSERT over the same pool, and COPY FROM STDIN on
 * one connection; each phase into an empty fact_history of its own.
 */
export async function runPostgresBaseline(options: PostgresBaselineOptions): Promise<PostgresBaselineResult> {
  const { databaseUrl, clients } = options;
  const singleRow = await withFactHistory(databaseUrl, clients, (pool, table) =>
    insertRows(pool, table, { rows: options.singleRowInserts, rowsPerStatement: 1, concurrency: clients }),
  );
  const multiRow = await withFactHistory(databaseUrl, clients, (pool, table) =>
    insertRows(pool, table, {
      rows: options.batchedRows,
      rowsPerStatement: options.rowsPerStatement,
      concurrency: clients,
    }),
  );
  const copy = await copyFactRows(databaseUrl, options.copyRows);
  return {
    clients,
    rowsPerStatement: options.rowsPerStatement,
    singleRow,
    multiRow,
    copy,
    clientMemory: readProcessMemory(process.pid),
  };
}

import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { LatencyRecorder, startTimer, type LatencySummary } from '../lib/histogram.ts';
import { readProcessMemory, type ProcessMemory } from '../lib/process-stats.ts';

export interface PostgresBaselineOptions {
  databaseUrl: string;
  /** Pool size, and statements in flight, for the two INSERT phases. */
  clients: number;
  singleRowInserts: number;
  batchedRows: number;
  rowsPerStatement: number;
  copyRows: number;
}

export interface InsertResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Latency of one statement. */
  statementLatency: LatencySummary;
}

export interface CopyResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

export interface PostgresBaselineResult {
  schema: string;
  clients: number;
  rowsPerStatement: number;
  singleRow: InsertResult;
  multiRow: InsertResult;
  copy: CopyResult;
  /** This (client) process after all three phases. */
  clientMemory: ProcessMemory;
}

const COLUMNS = ['id', 'subject', 'type', 'value', 'source', 'observed_at'] as const;
type FactRow = [id: string, subject: string, type: string, value: string, source: string, observedAt: string];

const FACT_TYPES = ['citizen.residence', 'citizen.birth', 'citizen.marital-status', 'vehicle.ownership'];

/** A row shaped like a citizen fact, with a JSON value of about 120 bytes. */
function factRow(index: number): FactRow {
  const ward = String(20_000 + (index % 7_000));
  const value = JSON.stringify({
    province: '79',
    ward,
    street: `${1 + (index % 300)} Nguyen Hue`,
    since: '2019-04-01',
    verifiedBy: 'registry',
  });
  return [
    randomUUID(),
    `subject-${index % 100_000}`,
    FACT_TYPES[index % FACT_TYPES.length],
    value,
    'bench',
    new Date(1_700_000_000_000 + index * 1_000).toISOString(),
  ];
}

/**
 * Raw PostgreSQL write throughput into fact-shaped tables in a fresh schema (dropped afterwards):
 * one row per INSERT over a pool, many rows per INSERT over the same pool, and COPY FROM STDIN
 * on one connection. Each phase writes to an empty table of its own.
 */
export async function runPostgresBaseline(options: PostgresBaselineOptions): Promise<PostgresBaselineResult> {
  const schema = `bench_${Date.now()}`;
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.clients,
    application_name: 'motlan-bench',
  });
  try {
    await pool.query(`create schema ${schema}`);
    try {
      const singleRow = await insertRows(pool, await createFactTable(pool, schema, 'facts_single'), {
        rows: options.singleRowInserts,
        rowsPerStatement: 1,
        concurrency: options.clients,
      });
      const multiRow = await insertRows(pool, await createFactTable(pool, schema, 'facts_multi'), {
        rows: options.batchedRows,
        rowsPerStatement: options.rowsPerStatement,
        concurrency: options.clients,
      });
      const copy = await copyRows(pool, await createFactTable(pool, schema, 'facts_copy'), options.copyRows);
      return {
        schema,
        clients: options.clients,
        rowsPerStatement: options.rowsPerStatement,
        singleRow,
        multiRow,
        copy,
        clientMemory: readProcessMemory(process.pid),
      };
    } finally {
      await pool.query(`drop schema ${schema} cascade`);
    }
  } finally {
    await pool.end();
  }
}

/** The primary key and a (subject, type) index, as a fact store needs for lookups. */
async function createFactTable(pool: pg.Pool, schema: string, name: string): Promise<string> {
  const table = `${schema}.${name}`;
  await pool.query(`
    create table ${table} (
      id uuid primary key,
      subject text not null,
      type text not null,
      value jsonb not null,
      source text not null,
      observed_at timestamptz not null,
      recorded_at timestamptz not null default now()
    )`);
  await pool.query(`create index on ${table} (subject, type)`);
  return table;
}

function insertStatement(table: string, rows: number): string {
  const tuples = Array.from(
    { length: rows },
    (_, row) => `(${COLUMNS.map((_, column) => `$${row * COLUMNS.length + column + 1}`).join(', ')})`,
  );
  return `insert into ${table} (${COLUMNS.join(', ')}) values ${tuples.join(', ')}`;
}

async function insertRows(
  pool: pg.Pool,
  table: string,
  plan: { rows: number; rowsPerStatement: number; concurrency: number },
): Promise<InsertResult> {
  const statements = new Map<number, string>();
  const statementFor = (rows: number): string => {
    let text = statements.get(rows);
    if (!text) statements.set(rows, (text = insertStatement(table, rows)));
    return text;
  };
  const statementLatency = new LatencyRecorder();
  let next = 0;
  // Workers share one counter, so `concurrency` statements are in flight until all rows are written.
  const worker = async (): Promise<void> => {
    while (next < plan.rows) {
      const first = next;
      const count = Math.min(plan.rowsPerStatement, plan.rows - first);
      next += count;
      const values = Array.from({ length: count }, (_, offset) => factRow(first + offset)).flat();
      const elapsed = startTimer();
      await pool.query(statementFor(count), values);
      statementLatency.record(elapsed());
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
    statementLatency: statementLatency.summary(),
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
      client.query(copyFrom(`copy ${table} (${COLUMNS.join(', ')}) from stdin`)),
    );
    const seconds = elapsed() / 1000;
    await expectRowCount(pool, table, rows);
    return { rows, seconds, rowsPerSecond: rows / seconds };
  } finally {
    client.release();
  }
}

/** Guards the numbers: a phase that silently wrote fewer rows would look faster than it is. */
async function expectRowCount(pool: pg.Pool, table: string, expected: number): Promise<void> {
  const result = await pool.query<{ count: string }>(`select count(*) from ${table}`);
  const actual = Number(result.rows[0]?.count);
  if (actual !== expected) {
    throw new MotlanError(CommonErrors.internal, `${table} holds ${actual} rows, expected ${expected}`);
  }
}

/**
 * Raw PostgreSQL baselines shaped exactly like the fact registry's `fact_history` table (same
 * columns, primary key and index): COPY of N rows on one connection, and one row per transaction
 * (BEGIN / INSERT / COMMIT) over a few connections — the floor under any consumer that applies
 * one fact per transaction. Each writes into a fresh schema that is dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { canonicalJson, contentHash } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { LatencyRecorder, startTimer, type LatencySummary } from './histogram.ts';
import { dropSchemas, freshSchemaName } from './schemas.ts';
import { CITIZEN_FACT_TYPES, factValue } from './synthetic-facts.ts';

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

/** services/fact-registry/migrations/*_fact-registry.sql, fact_history, verbatim in shape. */
async function createFactHistory(client: pg.ClientBase, table: string): Promise<void> {
  await client.query(`
    CREATE TABLE ${table} (
      fact_id               text PRIMARY KEY,
      subject               text NOT NULL,
      type                  text NOT NULL,
      value                 jsonb NOT NULL,
      assurance             smallint NOT NULL,
      source_system         text NOT NULL,
      source_record_ref     text NOT NULL,
      source_record_version text NOT NULL,
      observed_at           timestamptz NOT NULL,
      valid_from            text NOT NULL,
      valid_until           text NOT NULL,
      dossier_id            text NOT NULL,
      content_hash          text NOT NULL,
      recorded_at           timestamptz NOT NULL DEFAULT now()
    )`);
  await client.query(`CREATE INDEX ON ${table} (subject, type, observed_at)`);
}

/** One fact row, as the registry writes it; values rotate through the bench's four types. */
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

/** COPY text format; the generated values hold no tabs, newlines or backslashes. */
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

export interface FactCopyResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

export interface FactInsertResult extends FactCopyResult {
  clients: number;
  /** One transaction (BEGIN, INSERT, COMMIT). */
  transactionLatency: LatencySummary;
}

async function expectRows(client: pg.ClientBase, table: string, expected: number): Promise<void> {
  const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`);
  const actual = Number(rows[0]?.count);
  if (actual !== expected) {
    throw new MotlanError(CommonErrors.internal, `${table} holds ${actual} rows, expected ${expected}`);
  }
}

/** COPY of `rows` fact rows into an empty fact_history-shaped table, one connection (rows generated as it goes). */
export async function copyFactRows(databaseUrl: string, rows: number): Promise<FactCopyResult> {
  const schema = freshSchemaName('bench_copy');
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'motlan-bench' });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    const table = `${schema}.fact_history`;
    await createFactHistory(client, table);
    const elapsed = startTimer();
    await pipeline(
      Readable.from(copyLines(rows)),
      client.query(copyFrom(`COPY ${table} (${COLUMNS.join(', ')}) FROM STDIN`)),
    );
    const seconds = elapsed() / 1000;
    await expectRows(client, table, rows);
    return { rows, seconds, rowsPerSecond: rows / seconds };
  } finally {
    await client.end();
    await dropSchemas(databaseUrl, [schema]);
  }
}

/** `rows` fact rows, each in its own transaction, `clients` transactions in flight over as many connections. */
export async function insertFactRowsPerTransaction(
  databaseUrl: string,
  rows: number,
  clients: number,
): Promise<FactInsertResult> {
  const schema = freshSchemaName('bench_tx');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients, application_name: 'motlan-bench' });
  try {
    await pool.query(`CREATE SCHEMA ${schema}`);
    const table = `${schema}.fact_history`;
    const setup = await pool.connect();
    try {
      await createFactHistory(setup, table);
    } finally {
      setup.release();
    }
    const statement = `INSERT INTO ${table} (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;
    const latency = new LatencyRecorder();
    let next = 0;
    const worker = async (): Promise<void> => {
      const client = await pool.connect();
      try {
        while (next < rows) {
          const index = next++;
          const row = factRow(index);
          const elapsed = startTimer();
          await client.query('BEGIN');
          await client.query(statement, row);
          await client.query('COMMIT');
          latency.record(elapsed());
        }
      } finally {
        client.release();
      }
    };
    const elapsed = startTimer();
    await Promise.all(Array.from({ length: clients }, worker));
    const seconds = elapsed() / 1000;
    const check = await pool.connect();
    try {
      await expectRows(check, table, rows);
    } finally {
      check.release();
    }
    return { rows, seconds, rowsPerSecond: rows / seconds, clients, transactionLatency: latency.summary() };
  } finally {
    await pool.end();
    await dropSchemas(databaseUrl, [schema]);
  }
}

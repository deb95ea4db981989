import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Pool, PoolClient } from '@motlan/db';
import { MotlanError } from '@motlan/errors';
import type { AdminUnits } from '../domain/admin-units.ts';
import { PopulationGenerator } from '../domain/population.ts';
import { SimulatorErrors } from '../errors.ts';

export interface SeedOptions {
  pool: Pool;
  people: number;
  /** RNG seed: the same seed and count always give the same population. */
  seed: number;
  adminUnits: AdminUnits;
  /** Called after every chunk with the number of people written so far. */
  onProgress?: (written: number, total: number) => void;
  /** People per COPY chunk handed to the socket (default 2,000). */
  chunkPeople?: number;
}

export interface SeedResult {
  people: number;
  households: number;
  ms: number;
}

/** COPY text format: the JSON never holds tabs or newlines (JSON.stringify escapes them), only backslashes to double. */
function copyText(value: string): string {
  return value.includes('\\') ? value.replaceAll('\\', '\\\\') : value;
}

/**
 * Fills an empty schema with a synthetic population in one transaction: people are generated
 * household by household and streamed to PostgreSQL with COPY while the next chunk is being
 * generated, so generation (Node) and loading (PostgreSQL) use both cores.
 */
export async function seedPopulation(options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const chunkPeople = options.chunkPeople ?? 2_000;
  const generator = new PopulationGenerator({ seed: options.seed, adminUnits: options.adminUnits });
  const householdLines: string[] = [];
  let written = 0;

  async function* citizenChunks(): AsyncGenerator<string> {
    let chunk = '';
    let inChunk = 0;
    for (const household of generator.people(options.people)) {
      const maHo = household.id;
      for (const record of household.members) {
        written += 1;
        chunk += `${record.SoDinhDanh}\t${copyText(JSON.stringify(record))}\t${record.PhienBan}\t${record.CapNhatLuc}\t${written}\t${maHo}\n`;
        inChunk += 1;
      }
      householdLines.push(`${maHo}\t${household.headId}\t${household.members[0]!.CapNhatLuc}\n`);
      if (inChunk >= chunkPeople) {
        yield chunk;
        options.onProgress?.(written, options.people);
        chunk = '';
        inChunk = 0;
      }
    }
    if (chunk !== '') yield chunk;
    options.onProgress?.(written, options.people);
  }

  const client = await options.pool.connect();
  try {
    await client.query('BEGIN');
    // One seeder at a time per schema; a concurrent one waits, then finds the schema filled.
    await client.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.seed'))");
    const existing = await client.query('SELECT 1 FROM citizens LIMIT 1');
    if (existing.rowCount !== 0) {
      throw new MotlanError(
        SimulatorErrors.notEmpty,
        'The schema already holds citizens; reset it before seeding',
      );
    }
    await copy(
      client,
      'COPY citizens (so_dinh_danh, record, version, updated_at, seq, ma_ho) FROM STDIN',
      Readable.from(citizenChunks()),
    );
    await copy(client, 'COPY households (ma_ho, chu_ho, lap_luc) FROM STDIN', Readable.from(householdLines));
    await client.query(
      "SELECT setval(pg_get_serial_sequence('households', 'ma_ho'), greatest((SELECT max(ma_ho) FROM households), 1))",
    );
    await client.query('COMMIT');
    await client.query('ANALYZE citizens');
    await client.query('ANALYZE households');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return { people: written, households: householdLines.length, ms: performance.now() - started };
}

async function copy(client: PoolClient, statement: string, source: Readable): Promise<void> {
  await pipeline(source, client.query(copyFrom(statement)));
}

/** Empties the simulator's tables (citizens, households, change feed). */
export async function resetPopulation(pool: Pool): Promise<void> {
  await pool.query('TRUNCATE citizens, households, changes RESTART IDENTITY');
}

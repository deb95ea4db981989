import { assertSchemaName, type Pool, type PoolClient } from '@motlan/db';
import { MotlanError } from '@motlan/errors';
import { AS_OF } from '../domain/dates.ts';
import {
  OLDEST,
  PersonnelGenerator,
  YOUNGEST,
  type GeneratedPerson,
  type PopulationCitizen,
  type TruthKind,
} from '../domain/personnel.ts';
import { SimulatorErrors } from '../errors.ts';

export interface SeedOptions {
  /** A pool on this simulator's own schema. */
  pool: Pool;
  /** The population simulator's schema on the same database, whose `citizens` are read. */
  populationSchema: string;
  /** RNG seed: the same seed and population always give the same registry. */
  seed: number;
  /** Called after every batch with the citizens read so far, how many there are, and the records written. */
  onProgress?: (read: number, total: number, written: number) => void;
  /** Citizens read (and records written) per batch (default 5,000). */
  batchSize?: number;
}

export interface SeedResult {
  /** Men of the registry's ages in the population. */
  citizensRead: number;
  personnel: number;
  /** Records altered on purpose, by kind. */
  altered: Record<TruthKind, number>;
  ms: number;
}

interface CitizenRow {
  so_dinh_danh: string;
  ho_va_ten: PopulationCitizen['HoVaTen'];
  gioi_tinh: string;
  ngay_sinh: string;
  ma_tinh: string;
  ma_xa: string;
}

/** yyyyMMdd `years` years before AS_OF. */
function yearsBefore(years: number): string {
  const date = new Date(AS_OF);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * Fills an empty personnel schema from the population simulator's citizens, in one transaction
 * that sees one snapshot of the population: living men aged 18–45 on AS_OF, read in personal-ID
 * order in batches, each turned into a record (most of them; a few never registered) and written
 * with what was altered on purpose into `seeded_truth`.
 */
export async function seedPersonnel(options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const population = `"${assertSchemaName(options.populationSchema)}".citizens`;
  const batchSize = options.batchSize ?? 5_000;
  const generator = new PersonnelGenerator(options.seed);
  const altered: Record<TruthKind, number> = { name_typo: 0, old_name: 0, wrong_birth_day: 0, malformed: 0 };
  // Born after this day: at most 45 on AS_OF; on or before the other: at least 18.
  const bornAfter = yearsBefore(OLDEST + 1);
  const bornBy = yearsBefore(YOUNGEST);
  const filter = `record->>'GioiTinh' = '1' AND record->>'TrangThai' = 'SONG'
    AND record->>'NgayThangNamSinh' > $1 AND record->>'NgayThangNamSinh' <= $2`;

  const client = await options.pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    // One seeder at a time per schema; a concurrent one waits, then finds the schema filled.
    await client.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.seed'))");
    if ((await client.query('SELECT 1 FROM personnel LIMIT 1')).rowCount !== 0) {
      throw new MotlanError(
        SimulatorErrors.notEmpty,
        'The schema already holds personnel; reset it before seeding',
      );
    }
    await requirePopulation(client, options.populationSchema);
    const total = Number(
      (
        await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${population} WHERE ${filter}`, [
          bornAfter,
          bornBy,
        ])
      ).rows[0]!.n,
    );

    let after = '';
    let read = 0;
    let seq = 0;
    for (;;) {
      const batch = await client.query<CitizenRow>(
        `SELECT so_dinh_danh, record->'HoVaTen' AS ho_va_ten, record->>'GioiTinh' AS gioi_tinh,
                record->>'NgayThangNamSinh' AS ngay_sinh, record->'ThuongTru'->>'MaTinh' AS ma_tinh,
                record->'ThuongTru'->>'MaXa' AS ma_xa
           FROM ${population} WHERE ${filter} AND so_dinh_danh > $3 ORDER BY so_dinh_danh LIMIT $4`,
        [bornAfter, bornBy, after, batchSize],
      );
      if (batch.rows.length === 0) break;
      const people: GeneratedPerson[] = [];
      for (const row of batch.rows) {
        const citizen: PopulationCitizen = {
          SoDinhDanh: row.so_dinh_danh,
          HoVaTen: row.ho_va_ten,
          GioiTinh: row.gioi_tinh,
          NgayThangNamSinh: row.ngay_sinh,
          MaTinh: row.ma_tinh,
          MaXa: row.ma_xa,
        };
        if (!PersonnelGenerator.eligible(citizen)) continue;
        const person = generator.next(citizen);
        if (person) people.push(person);
      }
      await insert(client, people, seq);
      seq += people.length;
      for (const person of people) if (person.truth) altered[person.truth.kind] += 1;
      read += batch.rows.length;
      after = batch.rows[batch.rows.length - 1]!.so_dinh_danh;
      options.onProgress?.(read, total, seq);
    }
    options.onProgress?.(read, total, seq);
    await client.query('COMMIT');
    await client.query('ANALYZE personnel');
    return { citizensRead: read, personnel: seq, altered, ms: performance.now() - started };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function requirePopulation(client: PoolClient, schema: string): Promise<void> {
  const table = await client.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [
    `"${assertSchemaName(schema)}".citizens`,
  ]);
  const filled =
    table.rows[0]!.found !== null &&
    (await client.query(`SELECT 1 FROM "${schema}".citizens LIMIT 1`)).rowCount !== 0;
  if (!filled) {
    throw new MotlanError(
      SimulatorErrors.populationMissing,
      `Schema ${schema} has no citizens; seed the population simulator first (NPDB_SCHEMA names it)`,
      { field: 'NPDB_SCHEMA' },
    );
  }
}

async function insert(client: PoolClient, people: GeneratedPerson[], firstSeq: number): Promise<void> {
  if (people.length === 0) return;
  const rows = people.map((person, index) => ({
    code: person.record.MaDinhDanhQuanNhan,
    id: person.record.SoDinhDanh,
    record: person.record,
    seq: firstSeq + index + 1,
    malformed: person.truth?.kind === 'malformed',
  }));
  await client.query(
    `INSERT INTO personnel (ma_dinh_danh_quan_nhan, so_dinh_danh, record, version, updated_at, seq, malformed)
     SELECT x.code, x.id, x.record, 1, (x.record->>'CapNhatLuc')::timestamptz, x.seq, x.malformed
       FROM jsonb_to_recordset($1::jsonb) AS x(code text, id text, record jsonb, seq bigint, malformed boolean)`,
    [JSON.stringify(rows)],
  );
  const truths = people.flatMap((person) =>
    person.truth
      ? [
          {
            code: person.record.MaDinhDanhQuanNhan,
            id: person.record.SoDinhDanh,
            kind: person.truth.kind,
            field: person.truth.field,
            true_value: person.truth.trueValue,
            recorded_value: person.truth.recordedValue,
          },
        ]
      : [],
  );
  if (truths.length === 0) return;
  await client.query(
    `INSERT INTO seeded_truth (ma_dinh_danh_quan_nhan, so_dinh_danh, kind, field, true_value, recorded_value)
     SELECT x.code, x.id, x.kind, x.field, x.true_value, x.recorded_value
       FROM jsonb_to_recordset($1::jsonb)
         AS x(code text, id text, kind text, field text, true_value text, recorded_value text)`,
    [JSON.stringify(truths)],
  );
}

/**
 * Empties the simulator's tables (personnel, seeded truth, change feed) and the notification
 * subscriber's state with them: the feed entries it pointed at are gone, and a subscriber then
 * catches the new records up from the start of its subscription.
 */
export async function resetPersonnel(pool: Pool): Promise<void> {
  await pool.query(
    'TRUNCATE personnel, seeded_truth, changes, applied_notifications, notification_cursors RESTART IDENTITY',
  );
}

/** Whether the population schema holds citizens yet (main.ts waits for the population simulator). */
export async function populationReady(pool: Pool, schema: string): Promise<boolean> {
  const client = await pool.connect();
  try {
    await requirePopulation(client, schema);
    return true;
  } catch (error) {
    if (error instanceof MotlanError && error.code === SimulatorErrors.populationMissing.code) return false;
    throw error;
  } finally {
    client.release();
  }
}

import { afterAll, describe, expect, it } from 'vitest';
import { isMotlanError } from '@motlan/errors';
import { TestResources } from '@motlan/testkit';
import { PopulationGenerator } from '../src/domain/population.ts';
import type { CitizenRecord } from '../src/domain/record.ts';
import { loadAdminUnits } from '../src/reference/admin-unit-data.ts';
import { resetPopulation, seedPopulation } from '../src/store/seed-population.ts';
import { freshSchema } from './helpers.ts';

const resources = new TestResources();
afterAll(() => resources.cleanup());

describe('seeding', () => {
  it('fills an empty schema with exactly N people whose links all resolve', async () => {
    const { pool } = await freshSchema(resources, 'npdb_seed');
    const progress: number[] = [];
    const result = await seedPopulation({
      pool,
      people: 3_000,
      seed: 42,
      adminUnits: loadAdminUnits(),
      chunkPeople: 500,
      onProgress: (written) => progress.push(written),
    });
    expect(result.people).toBe(3_000);
    expect(progress.at(-1)).toBe(3_000);
    expect(progress.length).toBeGreaterThan(3);

    const counts = await pool.query<{
      citizens: string;
      households: string;
      max_seq: string;
      min_seq: string;
    }>(
      `SELECT (SELECT count(*) FROM citizens) AS citizens, (SELECT count(*) FROM households) AS households,
              (SELECT max(seq) FROM citizens) AS max_seq, (SELECT min(seq) FROM citizens) AS min_seq`,
    );
    expect(counts.rows[0]).toEqual({
      citizens: '3000',
      households: String(result.households),
      max_seq: '3000',
      min_seq: '1',
    });

    const dangling = await pool.query<{ link: string; n: string }>(
      `SELECT link, count(*) AS n FROM citizens c
         CROSS JOIN LATERAL (VALUES ('Cha'), ('Me'), ('VoChong'), ('ChuHo')) AS l(link)
        WHERE c.record->l.link <> 'null'::jsonb
          AND NOT EXISTS (SELECT 1 FROM citizens t WHERE t.so_dinh_danh = c.record->l.link->>'SoDinhDanh')
        GROUP BY link`,
    );
    expect(dangling.rows).toEqual([]);
    const asymmetric = await pool.query(
      `SELECT 1 FROM citizens a JOIN citizens b ON b.so_dinh_danh = a.record->'VoChong'->>'SoDinhDanh'
        WHERE b.record->'VoChong'->>'SoDinhDanh' IS DISTINCT FROM a.so_dinh_danh`,
    );
    expect(asymmetric.rowCount).toBe(0);
    const heads = await pool.query(
      `SELECT 1 FROM households h LEFT JOIN citizens c ON c.so_dinh_danh = h.chu_ho
        WHERE c.so_dinh_danh IS NULL OR c.ma_ho <> h.ma_ho`,
    );
    expect(heads.rowCount).toBe(0);

    // The stored population is the generator's, record for record.
    const generator = new PopulationGenerator({ seed: 42, adminUnits: loadAdminUnits() });
    const expected = [...generator.people(3_000)].flatMap((household) => household.members);
    const stored = await pool.query<{ record: CitizenRecord }>('SELECT record FROM citizens ORDER BY seq');
    expect(stored.rows.map((row) => row.record)).toEqual(expected);

    // A filled schema is refused, and left as it was.
    let refused: unknown;
    await seedPopulation({ pool, people: 10, seed: 1, adminUnits: loadAdminUnits() }).catch(
      (error: unknown) => {
        refused = error;
      },
    );
    expect(isMotlanError(refused) && refused.code).toBe('NPDB_SIM_SCHEMA_NOT_EMPTY');
    expect((await pool.query('SELECT 1 FROM citizens')).rowCount).toBe(3_000);

    await resetPopulation(pool);
    const again = await seedPopulation({ pool, people: 50, seed: 42, adminUnits: loadAdminUnits() });
    expect(again.people).toBe(50);
    const newHousehold = await pool.query<{ ma_ho: string }>(
      "INSERT INTO households (chu_ho) VALUES ('x') RETURNING ma_ho",
    );
    expect(Number(newHousehold.rows[0]!.ma_ho)).toBe(again.households + 1);
  });
});

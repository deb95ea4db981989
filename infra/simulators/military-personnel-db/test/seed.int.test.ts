import { afterAll, describe, expect, it } from 'vitest';
import { isMotlanError } from '@motlan/errors';
import { validateMilitaryCode } from '@motlan/domain';
import { fullName, type CitizenRecord } from '@motlan/sim-national-population-db';
import { TestResources } from '@motlan/testkit';
import { AS_OF, ageAt, ymdToDmy } from '../src/domain/dates.ts';
import type { HoSoQuanNhan } from '../src/domain/record.ts';
import { issuerForProvince } from '../src/domain/units.ts';
import { MIGRATIONS_DIR } from '../src/migrations-dir.ts';
import { resetPersonnel, seedPersonnel } from '../src/store/seed-personnel.ts';
import { seededSchemas } from './helpers.ts';

const resources = new TestResources();
afterAll(() => resources.cleanup());

interface TruthRow {
  ma_dinh_danh_quan_nhan: string;
  so_dinh_danh: string;
  kind: string;
  field: string;
  true_value: string;
  recorded_value: string;
}

async function thrownBy(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('seeding from the population simulator', () => {
  it('links every record to a man of 18–45 and seeds exactly the disagreements its truth table lists', async () => {
    const progress: [number, number][] = [];
    const { population, personnel, result } = await seededSchemas(resources, {
      people: 8_000,
      onProgress: (read, total) => progress.push([read, total]),
    });
    const citizens = new Map(
      (await population.pool.query<{ record: CitizenRecord }>('SELECT record FROM citizens')).rows.map(
        (row) => [row.record.SoDinhDanh, row.record],
      ),
    );
    const records = (
      await personnel.pool.query<{ record: HoSoQuanNhan; malformed: boolean }>(
        'SELECT record, malformed FROM personnel ORDER BY seq',
      )
    ).rows;
    const truth = (await personnel.pool.query<TruthRow>('SELECT * FROM seeded_truth')).rows;
    const truthByCode = new Map(truth.map((row) => [row.ma_dinh_danh_quan_nhan, row]));

    // Progress: batches, ending at the number of men read.
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual([result.citizensRead, result.citizensRead]);
    expect(result.personnel).toBe(records.length);

    // Every record links to a living man aged 18–45; most such men are registered.
    const eligible = [...citizens.values()].filter(
      (c) =>
        c.GioiTinh === '1' &&
        c.TrangThai === 'SONG' &&
        ageAt(c.NgayThangNamSinh, AS_OF) >= 18 &&
        ageAt(c.NgayThangNamSinh, AS_OF) <= 45,
    );
    expect(result.citizensRead).toBe(eligible.length);
    expect(records.length).toBeGreaterThan(eligible.length * 0.93);
    expect(records.length).toBeLessThan(eligible.length);

    // Count the disagreements with the population database from the records themselves.
    let nameDisagreements = 0;
    let dateDisagreements = 0;
    for (const { record, malformed } of records) {
      const citizen = citizens.get(record.SoDinhDanh);
      expect(citizen, record.SoDinhDanh).toBeDefined();
      const seeded = truthByCode.get(record.MaDinhDanhQuanNhan);
      const nameDiffers = record.HoVaTen !== fullName(citizen!.HoVaTen);
      const dateDiffers = record.NgaySinh !== ymdToDmy(citizen!.NgayThangNamSinh);
      if (nameDiffers) nameDisagreements += 1;
      if (dateDiffers) dateDisagreements += 1;
      // Each differing record is in the truth table with the right kind, and only those.
      expect(nameDiffers).toBe(seeded?.kind === 'name_typo' || seeded?.kind === 'old_name');
      expect(dateDiffers).toBe(seeded?.kind === 'wrong_birth_day');
      expect(malformed).toBe(seeded?.kind === 'malformed');
      if (seeded) {
        expect(String(record[seeded.field as keyof HoSoQuanNhan])).toBe(seeded.recorded_value);
        expect(seeded.recorded_value).not.toBe(seeded.true_value);
        expect(seeded.so_dinh_danh).toBe(record.SoDinhDanh);
      }
      if (seeded?.kind === 'name_typo' || seeded?.kind === 'old_name')
        expect(seeded.true_value).toBe(fullName(citizen!.HoVaTen));
      if (seeded?.kind === 'wrong_birth_day') {
        expect(seeded.true_value).toBe(ymdToDmy(citizen!.NgayThangNamSinh));
        // Same month and year, another day.
        expect(record.NgaySinh.slice(2)).toBe(seeded.true_value.slice(2));
      }

      // The code: valid (unless malformed on purpose), issued by the region of the residence,
      // in the year the man turned 17.
      const codeIsBad = seeded?.kind === 'malformed' && seeded.field === 'MaDinhDanhQuanNhan';
      const code = codeIsBad ? seeded.true_value : record.MaDinhDanhQuanNhan;
      const info = validateMilitaryCode(code);
      expect(info.issuingUnit).toBe(issuerForProvince(citizen!.ThuongTru.MaTinh));
      expect(info.registrationYear).toBe(Number(citizen!.NgayThangNamSinh.slice(0, 4)) + 17);
      if (codeIsBad) {
        expect(() => validateMilitaryCode(record.MaDinhDanhQuanNhan)).toThrow(
          expect.objectContaining({ code: 'MOTLAN_MILITARY_CODE_CHECK' }),
        );
      }
      expect(record.XaDangKy).toBe(
        seeded?.field === 'XaDangKy' ? seeded.recorded_value : citizen!.ThuongTru.MaXa,
      );
    }
    const kinds = (kind: string) => truth.filter((row) => row.kind === kind).length;
    expect(nameDisagreements).toBe(kinds('name_typo') + kinds('old_name'));
    expect(dateDisagreements).toBe(kinds('wrong_birth_day'));
    expect(result.altered).toEqual({
      name_typo: kinds('name_typo'),
      old_name: kinds('old_name'),
      wrong_birth_day: kinds('wrong_birth_day'),
      malformed: kinds('malformed'),
    });
    // A realistic share: about 4 % disagree, each kind present.
    const share = (nameDisagreements + dateDisagreements) / records.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.07);
    expect(kinds('name_typo')).toBeGreaterThan(0);
    expect(kinds('old_name')).toBeGreaterThan(0);
    expect(kinds('wrong_birth_day')).toBeGreaterThan(0);
    expect(kinds('malformed')).toBeGreaterThan(0);

    // Service statuses by age, and what each status carries.
    const statuses = new Set(records.map(({ record }) => record.TrangThaiPhucVu));
    expect([...statuses].sort()).toEqual([
      'DA_XUAT_NGU',
      'DU_BI_HANG_1',
      'DU_BI_HANG_2',
      'SAN_SANG_NHAP_NGU',
      'TAI_NGU',
    ]);
    for (const { record } of records) {
      const age = ageAt(citizens.get(record.SoDinhDanh)!.NgayThangNamSinh, AS_OF);
      if (age >= 28) expect(record.TrangThaiPhucVu).not.toBe('SAN_SANG_NHAP_NGU');
      if (age <= 27) expect(record.TrangThaiPhucVu).not.toBe('DU_BI_HANG_2');
      expect(record.DonVi !== null).toBe(record.TrangThaiPhucVu === 'TAI_NGU');
      if (record.TrangThaiPhucVu === 'SAN_SANG_NHAP_NGU' || record.TrangThaiPhucVu === 'DU_BI_HANG_2') {
        expect([record.CapBac, record.NgayNhapNgu, record.NgayXuatNgu]).toEqual([null, null, null]);
      } else expect(record.NgayNhapNgu).not.toBeNull();
      expect(record.NgayXuatNgu !== null).toBe(
        record.TrangThaiPhucVu === 'DU_BI_HANG_1' || record.TrangThaiPhucVu === 'DA_XUAT_NGU',
      );
    }
  }, 120_000);

  it('is deterministic with a seed, refuses a filled schema and a population without citizens', async () => {
    const first = await seededSchemas(resources, { people: 1_500, seed: 7 });
    const again = await resources.schema(MIGRATIONS_DIR, 'mpdb_again');
    await seedPersonnel({ pool: again.ownerPool, populationSchema: first.population.name, seed: 7 });
    const dump = async (pool: typeof again.pool) =>
      (await pool.query('SELECT record FROM personnel ORDER BY ma_dinh_danh_quan_nhan')).rows;
    const truth = async (pool: typeof again.pool) =>
      (await pool.query('SELECT * FROM seeded_truth ORDER BY ma_dinh_danh_quan_nhan')).rows;
    expect(await dump(again.pool)).toEqual(await dump(first.personnel.pool));
    expect(await truth(again.pool)).toEqual(await truth(first.personnel.pool));

    const refused = await thrownBy(
      seedPersonnel({ pool: again.ownerPool, populationSchema: first.population.name, seed: 7 }),
    );
    expect(isMotlanError(refused) && refused.code).toBe('MPDB_SIM_SCHEMA_NOT_EMPTY');

    await resetPersonnel(again.ownerPool);
    const other = await seedPersonnel({
      pool: again.ownerPool,
      populationSchema: first.population.name,
      seed: 8,
    });
    expect(other.personnel).toBeGreaterThan(0);
    expect(await dump(again.pool)).not.toEqual(await dump(first.personnel.pool));

    const empty = await resources.schema(MIGRATIONS_DIR, 'mpdb_orphan');
    for (const populationSchema of [empty.name, 'no_such_schema_here']) {
      const missing = await thrownBy(seedPersonnel({ pool: empty.ownerPool, populationSchema, seed: 1 }));
      expect(isMotlanError(missing) && missing.code).toBe('MPDB_SIM_POPULATION_MISSING');
    }
    expect((await empty.pool.query('SELECT 1 FROM personnel')).rowCount).toBe(0);
  }, 120_000);
});

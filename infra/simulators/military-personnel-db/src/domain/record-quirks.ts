import type { LoaiBienDong } from './codes.ts';
import type { HoSoQuanNhan } from './record.ts';

/**
 * Broken records the personnel system serves now and then, made on purpose so that consumers can
 * be tested against them (`POST /admin/record-quirks`), each written as the change it pretends
 * to be:
 *
 * - `malformed-health-grade` — a re-grade (`PHAN_LOAI_SUC_KHOE`) to `PhanLoaiSucKhoe: 7`, outside
 *   the medical board's 1–6, as a legacy import writes "not examined".
 * - `malformed-rank` — a promotion (`THANG_CAP_BAC`) whose `CapBac` is spelt outside the list
 *   (`Thượng sỹ` for `Thượng sĩ`, else the rank in upper case), as old terminals typed it; only
 *   for records with a rank.
 *
 * Identity fields are never touched (the seeded disagreements stay countable); the record is
 * marked malformed, so the change generator leaves it alone afterwards.
 */
export const RECORD_QUIRKS = ['malformed-health-grade', 'malformed-rank'] as const;
export type RecordQuirk = (typeof RECORD_QUIRKS)[number];

/** The feed's event type each quirk is written as. */
export const QUIRK_EVENT: Readonly<Record<RecordQuirk, LoaiBienDong>> = {
  'malformed-health-grade': 'PHAN_LOAI_SUC_KHOE',
  'malformed-rank': 'THANG_CAP_BAC',
};

/** Whether `quirk` can be made of `record` (a rank to misspell). */
export function quirkApplies(record: HoSoQuanNhan, quirk: RecordQuirk): boolean {
  return quirk === 'malformed-rank' ? record.CapBac !== null : true;
}

const MISSPELT_RANKS: Readonly<Record<string, string>> = {
  'Thượng sĩ': 'Thượng sỹ',
  'Trung sĩ': 'Trung sỹ',
  'Hạ sĩ': 'Hạ sỹ',
};

/** The record with the quirk, `PhienBan` + 1 and `CapNhatLuc` = `at`; the input is untouched. */
export function withQuirk(record: HoSoQuanNhan, quirk: RecordQuirk, at: string): HoSoQuanNhan {
  const changed = (changes: Partial<HoSoQuanNhan>): HoSoQuanNhan => ({
    ...record,
    ...changes,
    PhienBan: record.PhienBan + 1,
    CapNhatLuc: at,
  });
  switch (quirk) {
    case 'malformed-health-grade':
      return changed({ PhanLoaiSucKhoe: 7 });
    case 'malformed-rank': {
      if (record.CapBac === null) throw new RangeError('malformed-rank needs a record with a rank');
      return changed({ CapBac: MISSPELT_RANKS[record.CapBac] ?? record.CapBac.toUpperCase() });
    }
  }
}

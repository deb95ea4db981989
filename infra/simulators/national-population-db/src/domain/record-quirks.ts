import { registerDeath } from './changes.ts';
import { vietnamDay } from './dates.ts';
import type { Address, CitizenRecord } from './record.ts';

/**
 * What real population records look like and synthetic ones do not, made on purpose so that
 * consumers can be tested against them (`POST /admin/record-quirks`):
 *
 * - `partial-dob-year` — `NgayThangNamSinh` with day and month unknown (`19450000`), as older
 *   citizens' records carry; the year is kept, so the personal ID still agrees with it.
 * - `partial-dob-month` — the day unknown (`19520700`).
 * - `no-father` — `Cha: null`: the birth record leaves the father blank when undetermined.
 * - `father-without-id` — `Cha` named but with `SoDinhDanh: null` (older records).
 * - `malformed-ward-code` — `ThuongTru.MaXa` not a 5-digit code: a record a consumer cannot map.
 * - `malformed-date-of-birth` — `NgayThangNamSinh` naming no day (month 13): ditto.
 * - `out-of-order-version` — a correction (version N+1, the given name's spelling kept) and then
 *   the record as it was (version N) appended again after it: the feed carries an older version
 *   after a newer one, as a replaying upstream does. The stored record stays at N+1.
 * - `backdated-version` — version N+1 stamped (`CapNhatLuc`, the feed's `ThoiDiem`) one day
 *   *before* version N: a death (`DA_MAT`) registered with the time it happened, as a late
 *   registration or a replica with a skewed clock writes it. The version, not the clock, orders them.
 * - `legacy-address` — `ThuongTru` and `NoiOHienTai` in the units before the 1 July 2025
 *   reorganisation (three levels, a legacy province such as 74 Bình Dương): a record not touched
 *   since. The legacy address is drawn by the caller (`QuirkInputs.legacyAddress`).
 * - `born-abroad` — not a change of an existing record: a new citizen whose birth was registered
 *   abroad (`born-abroad.ts`), version 1.
 *
 * Partial dates, absent or ID-less fathers, out-of-order and backdated versions, legacy addresses
 * and abroad-registered IDs are valid upstream data; the two `malformed-*` are broken records the
 * real upstream has been seen to serve. Each is one correction (`DIEU_CHINH`) in the change feed.
 */
export const RECORD_QUIRKS = [
  'partial-dob-year',
  'partial-dob-month',
  'no-father',
  'father-without-id',
  'malformed-ward-code',
  'malformed-date-of-birth',
  'out-of-order-version',
  'backdated-version',
  'legacy-address',
  'born-abroad',
] as const;
export type RecordQuirk = (typeof RECORD_QUIRKS)[number];

/** The quirks that change an existing citizen's record (every one but `born-abroad`). */
export type RecordChangeQuirk = Exclude<RecordQuirk, 'born-abroad'>;

/** What some quirks need drawn beforehand (randomness and reference data stay out of here). */
export interface QuirkInputs {
  /** `legacy-address`: the pre-2025 address to record. */
  legacyAddress?: Address;
}

const DAY_MS = 86_400_000;

/**
 * The record with the quirk, `PhienBan` + 1 and `CapNhatLuc` = `at` (for `backdated-version`, one
 * day before the record's own `CapNhatLuc`); the input is untouched.
 */
export function withQuirk(
  record: CitizenRecord,
  quirk: RecordChangeQuirk,
  at: string,
  inputs: QuirkInputs = {},
): CitizenRecord {
  const year = record.NgayThangNamSinh.slice(0, 4);
  const changed = (changes: Partial<CitizenRecord>): CitizenRecord => ({
    ...record,
    ...changes,
    PhienBan: record.PhienBan + 1,
    CapNhatLuc: at,
  });
  switch (quirk) {
    case 'partial-dob-year':
      return changed({ NgayThangNamSinh: `${year}0000` });
    case 'partial-dob-month':
      return changed({ NgayThangNamSinh: `${record.NgayThangNamSinh.slice(0, 6)}00` });
    case 'no-father':
      return changed({ Cha: null });
    case 'father-without-id':
      return changed({
        Cha: { SoDinhDanh: null, HoVaTen: record.Cha?.HoVaTen ?? `${record.HoVaTen.Ho} Văn Tâm` },
      });
    case 'malformed-ward-code':
      return changed({ ThuongTru: { ...record.ThuongTru, MaXa: `X${record.ThuongTru.MaXa.slice(1, 4)}` } });
    case 'malformed-date-of-birth':
      return changed({ NgayThangNamSinh: `${year}1332` });
    case 'out-of-order-version':
      // The newer version; the change generator appends the older one after it.
      return changed({});
    case 'backdated-version': {
      const stampMs = Date.parse(record.CapNhatLuc) - DAY_MS;
      return registerDeath(record, vietnamDay(stampMs), new Date(stampMs).toISOString());
    }
    case 'legacy-address': {
      const address = inputs.legacyAddress;
      if (address?.MaHuyen == null)
        throw new RangeError('legacy-address needs a legacy (three-level) address');
      return changed({ ThuongTru: address, NoiOHienTai: address });
    }
  }
}

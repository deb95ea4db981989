import { GioiTinh, TinhTrangHonNhan, TrangThai } from './codes.ts';
import { ageAt, fromYmd, toYmd } from './dates.ts';
import type { Address, CitizenRecord, HoVaTen, HouseholdRef } from './record.ts';
import { fullName, refTo } from './record.ts';

/**
 * The life events the change generator applies. Each returns new records (inputs untouched)
 * with PhienBan bumped and CapNhatLuc set; persisting them and appending to the change feed is
 * the store's job. Links held in other people's records (a child's Cha, a member's ChuHo) keep
 * the name as it was recorded, as the upstream's records do.
 */
function bumped(record: CitizenRecord, at: string, changes: Partial<CitizenRecord>): CitizenRecord {
  return { ...record, ...changes, PhienBan: record.PhienBan + 1, CapNhatLuc: at };
}

export function isAlive(record: CitizenRecord): boolean {
  return record.TrangThai === TrangThai.song;
}

const MIN_MARRIAGE_AGE = { [GioiTinh.nam]: 20, [GioiTinh.nu]: 18 } as const;

/** Alive, of legal marriage age (20 for men, 18 for women) and not currently married. */
export function canMarryAt(record: CitizenRecord, atMs: number): boolean {
  return (
    isAlive(record) &&
    record.TinhTrangHonNhan !== TinhTrangHonNhan.daKetHon &&
    ageAt(record.NgayThangNamSinh, atMs) >= MIN_MARRIAGE_AGE[record.GioiTinh]
  );
}

/** Two people who may marry each other: opposite sexes, both free, not parent and child, ages within 15 years. */
export function canMarryEachOther(a: CitizenRecord, b: CitizenRecord, atMs: number): boolean {
  if (a.GioiTinh === b.GioiTinh || !canMarryAt(a, atMs) || !canMarryAt(b, atMs)) return false;
  const related = (x: CitizenRecord, y: CitizenRecord) =>
    x.Cha?.SoDinhDanh === y.SoDinhDanh || x.Me?.SoDinhDanh === y.SoDinhDanh;
  if (related(a, b) || related(b, a)) return false;
  // Relatives recorded without an ID (null) say nothing about being siblings.
  if (a.Cha?.SoDinhDanh && a.Cha.SoDinhDanh === b.Cha?.SoDinhDanh) return false;
  if (a.Me?.SoDinhDanh && a.Me.SoDinhDanh === b.Me?.SoDinhDanh) return false;
  return Math.abs(ageAt(a.NgayThangNamSinh, atMs) - ageAt(b.NgayThangNamSinh, atMs)) <= 15;
}

/** KET_HON: both records name each other as spouse, marital status "2". */
export function marry(a: CitizenRecord, b: CitizenRecord, at: string): [CitizenRecord, CitizenRecord] {
  return [
    bumped(a, at, { TinhTrangHonNhan: TinhTrangHonNhan.daKetHon, VoChong: refTo(b) }),
    bumped(b, at, { TinhTrangHonNhan: TinhTrangHonNhan.daKetHon, VoChong: refTo(a) }),
  ];
}

/** CHUYEN_NOI_O: permanent and current residence both move; optionally a new household. */
export function moveTo(
  record: CitizenRecord,
  address: Address,
  at: string,
  household?: HouseholdRef,
): CitizenRecord {
  return bumped(record, at, {
    ThuongTru: address,
    NoiOHienTai: address,
    ...(household ? { ChuHo: household } : {}),
  });
}

/** A person splitting off (tách hộ) becomes head of their own new household. */
export function ownHousehold(record: CitizenRecord): HouseholdRef {
  return { ...refTo(record), QuanHe: 'Chủ hộ' };
}

/** KHAI_TU: death registered on a day (midnight UTC of the Vietnamese calendar day). */
export function registerDeath(record: CitizenRecord, dayMs: number, at: string): CitizenRecord {
  const day = Math.max(dayMs, fromYmd(record.NgayThangNamSinh));
  return bumped(record, at, { TrangThai: TrangThai.daMat, NgayMat: toYmd(day) });
}

/** CAI_CHINH_HO_TEN: the name corrected; a head's own ChuHo entry follows. */
export function correctRecordName(record: CitizenRecord, name: HoVaTen, at: string): CitizenRecord {
  const isHead = record.ChuHo.SoDinhDanh === record.SoDinhDanh;
  return bumped(record, at, {
    HoVaTen: name,
    ...(isHead ? { ChuHo: { ...record.ChuHo, HoVaTen: fullName(name) } } : {}),
  });
}

/** Relative chance of dying soon: rises steeply with age. */
export function mortalityWeight(record: CitizenRecord, atMs: number): number {
  const age = ageAt(record.NgayThangNamSinh, atMs);
  return Math.exp((age - 50) / 9);
}

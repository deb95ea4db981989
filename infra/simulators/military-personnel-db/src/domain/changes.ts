import { rankAbove } from './ranks.ts';
import { FIT_FOR_SERVICE_MAX_GRADE, TrangThaiPhucVu } from './codes.ts';
import { ageAt } from './dates.ts';
import type { HoSoQuanNhan } from './record.ts';
import type { DonVi } from './units.ts';

/**
 * The events of the change feed (biến động). Each returns a new record (input untouched) with
 * PhienBan bumped and CapNhatLuc set; persisting it and appending it to the feed is the store's
 * job. `today` is dd/MM/yyyy in Vietnam.
 */
function bumped(record: HoSoQuanNhan, at: string, changes: Partial<HoSoQuanNhan>): HoSoQuanNhan {
  return { ...record, ...changes, PhienBan: record.PhienBan + 1, CapNhatLuc: at };
}

/** yyyyMMdd of a dd/MM/yyyy date. */
function ymd(dmy: string): string {
  return `${dmy.slice(6, 10)}${dmy.slice(3, 5)}${dmy.slice(0, 2)}`;
}

/** Registered, fit (grade 1–3) and 18–25: may be called up. */
export function canEnlist(record: HoSoQuanNhan, atMs: number): boolean {
  const age = ageAt(ymd(record.NgaySinh), atMs);
  return (
    record.TrangThaiPhucVu === TrangThaiPhucVu.sanSangNhapNgu &&
    record.PhanLoaiSucKhoe >= 1 &&
    record.PhanLoaiSucKhoe <= FIT_FOR_SERVICE_MAX_GRADE &&
    age >= 18 &&
    age <= 25
  );
}

/**
 * Not discharged and still on the register: the medical board may re-grade them. A record taken
 * off the register (death) is closed; nothing happens to it any more.
 */
export function canRegrade(record: HoSoQuanNhan): boolean {
  return (
    record.TrangThaiPhucVu !== TrangThaiPhucVu.daXuatNgu &&
    record.TrangThaiPhucVu !== TrangThaiPhucVu.daDuaRaKhoiDanhSach
  );
}

export function isActive(record: HoSoQuanNhan): boolean {
  return record.TrangThaiPhucVu === TrangThaiPhucVu.taiNgu;
}

/** NHAP_NGU: called up, as a private, to a unit. */
export function enlist(record: HoSoQuanNhan, unit: DonVi, today: string, at: string): HoSoQuanNhan {
  return bumped(record, at, {
    TrangThaiPhucVu: TrangThaiPhucVu.taiNgu,
    DonVi: unit,
    CapBac: 'Binh nhì',
    NgayNhapNgu: today,
    NgayXuatNgu: null,
  });
}

/** DIEU_DONG: moved to another unit. */
export function transfer(record: HoSoQuanNhan, unit: DonVi, at: string): HoSoQuanNhan {
  return bumped(record, at, { DonVi: unit });
}

/** THANG_CAP_BAC: one rank up; undefined at the highest simulated rank or with an unknown rank. */
export function promote(record: HoSoQuanNhan, at: string): HoSoQuanNhan | undefined {
  const next = record.CapBac === null ? undefined : rankAbove(record.CapBac);
  return next === undefined ? undefined : bumped(record, at, { CapBac: next });
}

/** XUAT_NGU: discharged today; no unit any more, the rank at discharge kept. */
export function discharge(record: HoSoQuanNhan, today: string, at: string): HoSoQuanNhan {
  return bumped(record, at, {
    TrangThaiPhucVu: TrangThaiPhucVu.daXuatNgu,
    DonVi: null,
    NgayXuatNgu: today,
  });
}

/** PHAN_LOAI_SUC_KHOE: the medical board's new grade (1–6). */
export function regrade(record: HoSoQuanNhan, grade: number, at: string): HoSoQuanNhan {
  return bumped(record, at, { PhanLoaiSucKhoe: grade });
}

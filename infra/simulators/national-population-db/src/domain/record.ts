import type { GioiTinh, LoaiThayDoi, NhomMau, QuanHe, TinhTrangHonNhan, TrangThai } from './codes.ts';

/**
 * The upstream's citizen record, field for field as its API returns it. The HTTP schemas in
 * `http/schemas.ts` describe the same shape for validation and OpenAPI; a round-trip test keeps
 * the two in step.
 */
export interface Address {
  /** Province code: a legacy (63-province) code before 2025-07-01, one of the 34 after. */
  MaTinh: string;
  /** District code; null for addresses recorded in the post-2025 two-level units. */
  MaHuyen: string | null;
  MaXa: string;
  ChiTiet: string;
  TenDayDu: string;
  /**
   * Only in `NoiDangKyKhaiSinh` of a birth registered abroad (at a Vietnamese mission): the
   * country's 3-digit code, the one in digits 1–3 of the personal ID; `MaTinh`, `MaXa` are then
   * "" and `MaHuyen` null (no unit of Viet Nam), `TenDayDu` names the mission.
   */
  MaQuocGia?: string;
}

export interface HoVaTen {
  Ho: string;
  ChuDem: string;
  Ten: string;
}

export interface PersonRef {
  /** Null when the record names the relative without an ID (older records). */
  SoDinhDanh: string | null;
  HoVaTen: string;
}

export interface HouseholdRef {
  SoDinhDanh: string;
  HoVaTen: string;
  QuanHe: QuanHe;
}

export interface CitizenRecord {
  SoDinhDanh: string;
  HoVaTen: HoVaTen;
  GioiTinh: GioiTinh;
  /** yyyyMMdd; `00` for an unknown day or month (`19450000`, `19520700`). */
  NgayThangNamSinh: string;
  DanToc: string;
  TonGiao: string;
  TinhTrangHonNhan: TinhTrangHonNhan;
  NhomMau: NhomMau;
  NoiDangKyKhaiSinh: Address;
  QueQuan: Address;
  ThuongTru: Address;
  NoiOHienTai: Address;
  Cha: PersonRef | null;
  Me: PersonRef | null;
  VoChong: PersonRef | null;
  ChuHo: HouseholdRef;
  TrangThai: TrangThai;
  NgayMat: string | null;
  PhienBan: number;
  CapNhatLuc: string;
}

export interface ChangeEntry {
  Cursor: string;
  SoDinhDanh: string;
  LoaiThayDoi: LoaiThayDoi;
  ThoiDiem: string;
  BanGhi: CitizenRecord;
}

/** "Nguyễn Văn An": family, middle and given name joined by single spaces. */
export function fullName(name: HoVaTen): string {
  return [name.Ho, name.ChuDem, name.Ten].filter((part) => part !== '').join(' ');
}

/** Trimmed, inner whitespace collapsed: how the lookup compares a caller's full name. */
export function normaliseName(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

export function refTo(
  record: Pick<CitizenRecord, 'SoDinhDanh' | 'HoVaTen'>,
): PersonRef & { SoDinhDanh: string } {
  return { SoDinhDanh: record.SoDinhDanh, HoVaTen: fullName(record.HoVaTen) };
}

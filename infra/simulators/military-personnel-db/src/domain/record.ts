import type { LoaiBienDong, TrangThaiPhucVu } from './codes.ts';
import type { DonVi } from './units.ts';

/**
 * The personnel system's record of one person (hồ sơ quân nhân), field for field as its API
 * returns it. `http/schemas.ts` describes the same shape for OpenAPI. Identity fields are as
 * this system recorded them, which is not always what the population database holds; a small
 * share of records is malformed on purpose (README).
 */
export interface HoSoQuanNhan {
  /** Military person code (packages/domain: QN + issuing unit + year + serial + MOD 37-36). */
  MaDinhDanhQuanNhan: string;
  /** The citizen's personal ID (links to the population database). */
  SoDinhDanh: string;
  /** Full name in one string, as recorded here. */
  HoVaTen: string;
  /** dd/MM/yyyy, as recorded here. */
  NgaySinh: string;
  /** Five-digit code of the commune where the person is registered for military service. */
  XaDangKy: string;
  /** dd/MM/yyyy of the first registration for military service. */
  NgayDangKy: string;
  TrangThaiPhucVu: TrangThaiPhucVu;
  /** The unit of an active-duty member; null otherwise. */
  DonVi: DonVi | null;
  /** Current rank, or the rank at discharge; null for who never served. */
  CapBac: string | null;
  /** dd/MM/yyyy or null. */
  NgayNhapNgu: string | null;
  /** dd/MM/yyyy or null. */
  NgayXuatNgu: string | null;
  /** Health grade from the medical board: 1 (best) to 6. */
  PhanLoaiSucKhoe: number;
  PhienBan: number;
  CapNhatLuc: string;
}

export interface BienDong {
  /** Cursor (bigint as a string). */
  ViTri: string;
  LoaiBienDong: LoaiBienDong;
  ThoiDiem: string;
  MaDinhDanhQuanNhan: string;
  SoDinhDanh: string;
  /** The record after the change. */
  HoSo: HoSoQuanNhan;
}

/**
 * The national population database's record, as its lookup API returns it (service "037").
 * Field names are the upstream's; mapping them to canonical facts is this adapter's job.
 */
export interface NpdbAddress {
  MaTinh: string;
  /** Null for addresses recorded in the post-2025 two-level units. */
  MaHuyen: string | null;
  MaXa: string;
  ChiTiet: string;
  TenDayDu?: string;
  /**
   * Only in `NoiDangKyKhaiSinh` of a birth registered abroad (at a Vietnamese mission): the
   * country's 3-digit code, as in digits 1–3 of the personal ID; `MaTinh`/`MaXa` are then "".
   */
  MaQuocGia?: string;
}

export interface NpdbPersonRef {
  /** Null or empty in older records that name the relative without an ID. */
  SoDinhDanh: string | null;
  HoVaTen: string;
}

export interface NpdbRecord {
  SoDinhDanh: string;
  HoVaTen: { Ho: string; ChuDem: string; Ten: string };
  /** "1" Nam (male), "2" Nữ (female) */
  GioiTinh: string;
  /** yyyyMMdd; `00` for an unknown day or month (`19520700`, `19450000`). */
  NgayThangNamSinh: string;
  DanToc: string;
  TonGiao: string;
  /** "1" độc thân, "2" đã kết hôn, "3" ly hôn, "4" góa */
  TinhTrangHonNhan: string;
  NhomMau: string;
  NoiDangKyKhaiSinh: NpdbAddress;
  QueQuan: NpdbAddress;
  ThuongTru: NpdbAddress;
  NoiOHienTai: NpdbAddress;
  Cha: NpdbPersonRef | null;
  Me: NpdbPersonRef | null;
  VoChong: NpdbPersonRef | null;
  ChuHo: (NpdbPersonRef & { QuanHe: string }) | null;
  TrangThai: 'SONG' | 'DA_MAT';
  NgayMat: string | null;
  PhienBan: number;
  CapNhatLuc: string;
}

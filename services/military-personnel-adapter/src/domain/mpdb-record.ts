/**
 * The military personnel database's record of one person (hồ sơ quân nhân), as its API returns it.
 * Field names and code lists are the upstream's; mapping them to canonical facts is this
 * adapter's job. Identity fields are as the personnel system recorded them, which is not always
 * what the population database holds.
 */
export interface MpdbRecord {
  MaDinhDanhQuanNhan: string;
  SoDinhDanh: string;
  /** Full name in one string. */
  HoVaTen: string;
  /** dd/MM/yyyy */
  NgaySinh: string;
  /** Five-digit commune code of registration for military service. */
  XaDangKy: string;
  /** dd/MM/yyyy of the first registration. */
  NgayDangKy: string;
  /** SAN_SANG_NHAP_NGU | TAI_NGU | DU_BI_HANG_1 | DU_BI_HANG_2 | DA_XUAT_NGU | DA_DUA_RA_KHOI_DANH_SACH */
  TrangThaiPhucVu: string;
  /** Only on active duty. */
  DonVi: { MaDonVi: string; TenDonVi: string } | null;
  /** Binh nhì … Đại tá, or null for who never served. */
  CapBac: string | null;
  NgayNhapNgu: string | null;
  NgayXuatNgu: string | null;
  /** Medical board's grade, 1 (best) to 6. */
  PhanLoaiSucKhoe: number;
  PhienBan: number;
  CapNhatLuc: string;
}

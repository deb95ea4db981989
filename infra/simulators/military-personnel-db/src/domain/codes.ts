/**
 * The personnel system's own code lists, as its records carry them. Values are its vocabulary,
 * not ours: an adapter maps them.
 */

/** Service status (trạng thái phục vụ). */
export const TrangThaiPhucVu = {
  /** Registered for military service, not (yet) called up: công dân sẵn sàng nhập ngũ. */
  sanSangNhapNgu: 'SAN_SANG_NHAP_NGU',
  /** Active duty: tại ngũ. */
  taiNgu: 'TAI_NGU',
  /** Reserve category 1 (served, or trained): dự bị hạng 1. */
  duBiHang1: 'DU_BI_HANG_1',
  /** Reserve category 2 (never served): dự bị hạng 2. */
  duBiHang2: 'DU_BI_HANG_2',
  /** Discharged and not (yet) placed in the reserve: đã xuất ngũ. */
  daXuatNgu: 'DA_XUAT_NGU',
} as const;
export type TrangThaiPhucVu = (typeof TrangThaiPhucVu)[keyof typeof TrangThaiPhucVu];
export const TRANG_THAI_PHUC_VU: readonly TrangThaiPhucVu[] = Object.values(TrangThaiPhucVu);

/** Ranks (cấp bậc) from the lowest, as the system writes them. */
export const CAP_BAC = [
  'Binh nhì',
  'Binh nhất',
  'Hạ sĩ',
  'Trung sĩ',
  'Thượng sĩ',
  'Thiếu úy',
  'Trung úy',
  'Thượng úy',
  'Đại úy',
  'Thiếu tá',
  'Trung tá',
  'Thượng tá',
  'Đại tá',
] as const;
export type CapBac = (typeof CAP_BAC)[number];

/** The highest rank a promotion event reaches in the simulation. */
export const HIGHEST_SIMULATED_RANK: CapBac = 'Đại tá';

/** Change-feed event types (loại biến động). */
export const LOAI_BIEN_DONG = [
  'NHAP_NGU',
  'DIEU_DONG',
  'THANG_CAP_BAC',
  'XUAT_NGU',
  'PHAN_LOAI_SUC_KHOE',
] as const;
export type LoaiBienDong = (typeof LOAI_BIEN_DONG)[number];

/**
 * Health grades (phân loại sức khỏe) of the medical board, 1 (best) to 6: grades 1–3 may be
 * called up, 4–6 may not (Circular 105/2023/TT-BQP).
 */
export const PHAN_LOAI_SUC_KHOE = [1, 2, 3, 4, 5, 6] as const;
export const FIT_FOR_SERVICE_MAX_GRADE = 3;

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
  /**
   * Taken off the register (đã đưa ra khỏi danh sách đăng ký nghĩa vụ quân sự, Law on Military
   * Service 2015 art. 19: a registered citizen who died, or passed the reserve's age limit). The
   * record is kept, closed: no unit, no reserve category, nothing more happens to it. Here only
   * a death the population database records leads to it (the age limit is not simulated).
   */
  daDuaRaKhoiDanhSach: 'DA_DUA_RA_KHOI_DANH_SACH',
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

/** The events service life brings, which the change generator makes up (loại biến động). */
export const LOAI_BIEN_DONG_PHUC_VU = [
  'NHAP_NGU',
  'DIEU_DONG',
  'THANG_CAP_BAC',
  'XUAT_NGU',
  'PHAN_LOAI_SUC_KHOE',
] as const;
export type LoaiBienDongPhucVu = (typeof LOAI_BIEN_DONG_PHUC_VU)[number];

/**
 * The events this system records when the mesh tells it a registrant's change (fact
 * notifications, `src/notifications/`), without the citizen going to the commune military command:
 * - `CHUYEN_NOI_DANG_KY` — the permanent residence moved: registered in the new commune
 *   (đăng ký nghĩa vụ quân sự khi thay đổi nơi cư trú, Law on Military Service 2015 art. 16);
 * - `DUA_RA_KHOI_DANH_SACH` — died: taken off the register (art. 19);
 * - `DIEU_CHINH_NHAN_THAN` — name or date of birth corrected from the population database.
 */
export const LOAI_BIEN_DONG_THONG_BAO = [
  'CHUYEN_NOI_DANG_KY',
  'DUA_RA_KHOI_DANH_SACH',
  'DIEU_CHINH_NHAN_THAN',
] as const;
export type LoaiBienDongThongBao = (typeof LOAI_BIEN_DONG_THONG_BAO)[number];

/** Every change-feed event type (loại biến động). */
export const LOAI_BIEN_DONG = [...LOAI_BIEN_DONG_PHUC_VU, ...LOAI_BIEN_DONG_THONG_BAO] as const;
export type LoaiBienDong = (typeof LOAI_BIEN_DONG)[number];

/**
 * Health grades (phân loại sức khỏe) of the medical board, 1 (best) to 6: grades 1–3 may be
 * called up, 4–6 may not (Circular 105/2023/TT-BQP).
 */
export const PHAN_LOAI_SUC_KHOE = [1, 2, 3, 4, 5, 6] as const;
export const FIT_FOR_SERVICE_MAX_GRADE = 3;

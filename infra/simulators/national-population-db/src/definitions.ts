/**
 * Wire names of the simulated upstream, in one place: request headers and the MaLoi codes its
 * JSON answers carry.
 */
export const Headers = {
  apiKey: 'x-api-key',
  timestamp: 'x-timestamp',
  signature: 'x-signature',
  requestId: 'x-request-id',
  officerId: 'x-officer-id',
} as const;

export const MaLoi = {
  notFound: 'KHONG_TIM_THAY',
  mismatch: 'THONG_TIN_KHONG_KHOP',
  systemError: 'LOI_HE_THONG',
} as const;

export const MoTaLoi = {
  notFound: 'Không tìm thấy công dân với số định danh đã cung cấp',
  mismatch: 'Họ tên hoặc ngày sinh không khớp với số định danh',
  systemError: 'Hệ thống đang gặp sự cố, vui lòng thử lại sau',
} as const;

/** Largest clock difference accepted between X-Timestamp and the server's clock. */
export const SIGNATURE_MAX_SKEW_MS = 300_000;

import type { MpdbRecord } from '../src/domain/mpdb-record.ts';

/** An upstream record as the military personnel database returns it (an active-duty conscript). */
export function mpdbRecord(overrides: Partial<MpdbRecord> = {}): MpdbRecord {
  return {
    MaDinhDanhQuanNhan: 'QNK120240001236',
    SoDinhDanh: '001204012345',
    HoVaTen: 'Nguyễn Đình Phong',
    NgaySinh: '03/02/2004',
    XaDangKy: '00667',
    NgayDangKy: '18/04/2021',
    TrangThaiPhucVu: 'TAI_NGU',
    DonVi: { MaDonVi: 'E102-D1', TenDonVi: 'Tiểu đoàn 1, Trung đoàn 102, Sư đoàn 308, Quân đoàn 12' },
    CapBac: 'Binh nhất',
    NgayNhapNgu: '17/02/2025',
    NgayXuatNgu: null,
    PhanLoaiSucKhoe: 2,
    PhienBan: 3,
    CapNhatLuc: '2026-11-01T08:00:00.000Z',
    ...overrides,
  };
}

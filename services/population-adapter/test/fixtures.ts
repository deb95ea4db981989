import type { NpdbRecord } from '../src/domain/npdb-record.ts';

/** An upstream record as the national population database returns it. */
export function npdbRecord(overrides: Partial<NpdbRecord> = {}): NpdbRecord {
  return {
    SoDinhDanh: '001099012345',
    HoVaTen: { Ho: 'Nguyễn', ChuDem: 'Văn', Ten: 'An' },
    GioiTinh: '1',
    NgayThangNamSinh: '19990517',
    DanToc: '01',
    TonGiao: '00',
    TinhTrangHonNhan: '2',
    NhomMau: 'O',
    NoiDangKyKhaiSinh: {
      MaTinh: '01',
      MaHuyen: '001',
      MaXa: '00001',
      ChiTiet: 'Phúc Xá',
      TenDayDu: 'Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội',
    },
    QueQuan: { MaTinh: '36', MaHuyen: '356', MaXa: '13669', ChiTiet: 'Xóm 3' },
    ThuongTru: { MaTinh: '01', MaHuyen: null, MaXa: '00004', ChiTiet: 'Số 12, ngõ 34 phố Lê Lợi' },
    NoiOHienTai: { MaTinh: '01', MaHuyen: null, MaXa: '00004', ChiTiet: 'Số 12, ngõ 34 phố Lê Lợi' },
    Cha: { SoDinhDanh: '001070000111', HoVaTen: 'Nguyễn Văn Bình' },
    Me: { SoDinhDanh: '001172000222', HoVaTen: 'Trần Thị Cúc' },
    VoChong: { SoDinhDanh: '001199000333', HoVaTen: 'Lê Thị Dung' },
    ChuHo: { SoDinhDanh: '001099012345', HoVaTen: 'Nguyễn Văn An', QuanHe: 'Chủ hộ' },
    TrangThai: 'SONG',
    NgayMat: null,
    PhienBan: 3,
    CapNhatLuc: '2026-11-01T08:00:00.000Z',
    ...overrides,
  };
}

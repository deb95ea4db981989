import { Type } from 'typebox';
import { LOAI_BIEN_DONG, TRANG_THAI_PHUC_VU } from '../domain/codes.ts';

/**
 * The personnel system's JSON shapes (Vietnamese field names), registered once with `$id` so
 * OpenAPI shows them by name. They describe `domain/record.ts`. Values are documented, not
 * enforced on the way out: a share of records is malformed on purpose (README), as in the real
 * system's legacy data.
 */
const Dmy = (description: string) => Type.String({ description: `${description} (dd/MM/yyyy)` });
const NullableDmy = (description: string) => Type.Union([Dmy(description), Type.Null()]);

export const UnitSchema = Type.Object(
  {
    MaDonVi: Type.String({ description: 'Mã đơn vị, ví dụ F308-D3' }),
    TenDonVi: Type.String({ description: 'Tên đơn vị, ví dụ "Tiểu đoàn 3, Sư đoàn 308, Quân đoàn 12"' }),
  },
  { $id: 'MpdbDonVi', description: 'Đơn vị' },
);

export const RecordSchema = Type.Object(
  {
    MaDinhDanhQuanNhan: Type.String({
      description:
        'Mã định danh quân nhân: QN + đơn vị cấp (2) + năm đăng ký (4) + số thứ tự (6) + ký tự kiểm tra ISO 7064 MOD 37-36',
    }),
    SoDinhDanh: Type.String({ description: 'Số định danh cá nhân (12 chữ số)' }),
    HoVaTen: Type.String({ description: 'Họ và tên như hệ thống quân nhân ghi nhận' }),
    NgaySinh: Dmy('Ngày sinh như hệ thống quân nhân ghi nhận'),
    XaDangKy: Type.String({ description: 'Mã xã/phường nơi đăng ký nghĩa vụ quân sự (5 chữ số)' }),
    NgayDangKy: Dmy('Ngày đăng ký nghĩa vụ quân sự lần đầu'),
    TrangThaiPhucVu: Type.String({
      description: `Trạng thái phục vụ: ${TRANG_THAI_PHUC_VU.join(' | ')}`,
      examples: [...TRANG_THAI_PHUC_VU],
    }),
    DonVi: Type.Union([Type.Ref('MpdbDonVi'), Type.Null()], { description: 'Đơn vị khi tại ngũ' }),
    CapBac: Type.Union([
      Type.String({ description: 'Cấp bậc, ví dụ "Binh nhì", "Thượng sĩ", "Đại úy"' }),
      Type.Null(),
    ]),
    NgayNhapNgu: NullableDmy('Ngày nhập ngũ'),
    NgayXuatNgu: NullableDmy('Ngày xuất ngũ'),
    PhanLoaiSucKhoe: Type.Integer({
      description: 'Phân loại sức khỏe của hội đồng khám: 1 (tốt nhất) đến 6',
    }),
    PhienBan: Type.Integer({ minimum: 1, description: 'Phiên bản hồ sơ, tăng 1 mỗi lần thay đổi' }),
    CapNhatLuc: Type.String({ format: 'date-time' }),
  },
  { $id: 'MpdbHoSo', description: 'Hồ sơ quân nhân' },
);

export const UpstreamErrorSchema = Type.Object(
  {
    MaGiaoDich: Type.String({ description: 'X-Correlation-Id của yêu cầu' }),
    Loi: Type.Object({
      Ma: Type.String({ description: 'HO_SO_KHONG_TON_TAI | HE_THONG_TAM_NGUNG' }),
      MoTa: Type.String(),
    }),
  },
  { $id: 'MpdbLoi', description: 'Lỗi của hệ thống quản lý quân nhân' },
);

export const ChangeSchema = Type.Object(
  {
    ViTri: Type.String({ pattern: '^\\d+$', description: 'Vị trí (cursor) trong nguồn biến động' }),
    LoaiBienDong: Type.String({ description: LOAI_BIEN_DONG.join(' | '), examples: [...LOAI_BIEN_DONG] }),
    ThoiDiem: Type.String({ format: 'date-time' }),
    MaDinhDanhQuanNhan: Type.String(),
    SoDinhDanh: Type.String(),
    HoSo: Type.Ref('MpdbHoSo'),
  },
  { $id: 'MpdbBienDong', description: 'Một biến động: hồ sơ sau khi thay đổi' },
);

export const sharedSchemas = [UnitSchema, RecordSchema, UpstreamErrorSchema, ChangeSchema];

export const RecordRef = Type.Ref('MpdbHoSo');
export const UpstreamErrorRef = Type.Ref('MpdbLoi');
export const ChangeRef = Type.Ref('MpdbBienDong');

/** The headers every /api route takes (documented; the bearer token is checked before validation). */
export const apiHeaders = {
  authorization: Type.String({ description: 'Bearer <access_token from POST /oauth/token>' }),
  'x-correlation-id': Type.Optional(Type.String({ description: 'Echoed back; becomes MaGiaoDich' })),
};

export const MilitaryCodeParam = Type.String({
  pattern: '^[0-9A-Z]{15}$',
  description: 'Mã định danh quân nhân (15 ký tự)',
});
export const PersonalIdParam = Type.String({
  pattern: '^\\d{12}$',
  description: 'Số định danh cá nhân (12 chữ số)',
});

import { Type } from 'typebox';
import { LOAI_THAY_DOI, NHOM_MAU, QUAN_HE } from '../domain/codes.ts';

/**
 * The upstream's JSON shapes (Vietnamese field names), registered once with `$id` so OpenAPI
 * shows them by name. They describe `domain/record.ts`; a round-trip test keeps them in step.
 */
const Ymd = (description: string) =>
  Type.String({ pattern: '^\\d{8}$', description: `${description} (yyyyMMdd)` });
const SoDinhDanh = Type.String({ pattern: '^\\d{12}$', description: 'Số định danh cá nhân (12 chữ số)' });

export const AddressSchema = Type.Object(
  {
    MaTinh: Type.String({
      description: 'Mã tỉnh (2 chữ số): mã cũ (63 tỉnh) trước 01/07/2025, mã mới (34 tỉnh) sau đó',
    }),
    MaHuyen: Type.Union([Type.String(), Type.Null()], {
      description:
        'Mã huyện (3 chữ số); null với địa chỉ ghi theo đơn vị hành chính hai cấp (sau 01/07/2025)',
    }),
    MaXa: Type.String({ description: 'Mã xã/phường (5 chữ số)' }),
    ChiTiet: Type.String({ description: 'Số nhà, đường, thôn, xóm...' }),
    TenDayDu: Type.String({ description: 'Tên đầy đủ của đơn vị hành chính' }),
    MaQuocGia: Type.Optional(
      Type.String({
        pattern: '^[1-9]\\d{2}$',
        description:
          'Chỉ ở NoiDangKyKhaiSinh khi khai sinh đăng ký ở nước ngoài: mã quốc gia (3 chữ số, 100–999), ' +
          'như 3 chữ số đầu của số định danh; khi đó MaTinh, MaXa là "" và MaHuyen là null',
      }),
    ),
  },
  { $id: 'NpdbDiaChi', description: 'Địa chỉ' },
);

export const PersonRefSchema = Type.Object(
  {
    // Older records name a relative without an ID; the upstream answers null, never fails.
    SoDinhDanh: Type.Union([SoDinhDanh, Type.Null()], {
      description: 'Số định danh cá nhân; null khi bản ghi chỉ ghi họ tên',
    }),
    HoVaTen: Type.String({ description: 'Họ và tên đầy đủ' }),
  },
  { $id: 'NpdbNguoiLienQuan', description: 'Người có quan hệ (cha, mẹ, vợ/chồng)' },
);

export const HouseholdRefSchema = Type.Object(
  {
    SoDinhDanh,
    HoVaTen: Type.String(),
    QuanHe: Type.Enum([...QUAN_HE], { description: 'Quan hệ với chủ hộ' }),
  },
  { $id: 'NpdbChuHo', description: 'Chủ hộ và quan hệ với chủ hộ' },
);

const AddressRef = Type.Ref('NpdbDiaChi');
const PersonRefOrNull = Type.Union([Type.Ref('NpdbNguoiLienQuan'), Type.Null()]);

export const CitizenRecordSchema = Type.Object(
  {
    SoDinhDanh,
    HoVaTen: Type.Object({ Ho: Type.String(), ChuDem: Type.String(), Ten: Type.String() }),
    GioiTinh: Type.Enum(['1', '2'], { description: '1 Nam, 2 Nữ' }),
    NgayThangNamSinh: Ymd('Ngày sinh; 00 cho ngày hoặc tháng không rõ, ví dụ 19450000, 19520700'),
    DanToc: Type.String({ description: 'Mã dân tộc (01 Kinh ... 54)' }),
    TonGiao: Type.String({ description: 'Mã tôn giáo (00 không)' }),
    TinhTrangHonNhan: Type.Enum(['1', '2', '3', '4'], {
      description: '1 độc thân, 2 đã kết hôn, 3 ly hôn, 4 góa',
    }),
    NhomMau: Type.Enum([...NHOM_MAU], { description: 'Nhóm máu; rỗng nếu chưa rõ' }),
    NoiDangKyKhaiSinh: AddressRef,
    QueQuan: AddressRef,
    ThuongTru: AddressRef,
    NoiOHienTai: AddressRef,
    Cha: PersonRefOrNull,
    Me: PersonRefOrNull,
    VoChong: PersonRefOrNull,
    ChuHo: Type.Ref('NpdbChuHo'),
    TrangThai: Type.Enum(['SONG', 'DA_MAT']),
    NgayMat: Type.Union([Ymd('Ngày mất'), Type.Null()]),
    PhienBan: Type.Integer({ minimum: 1, description: 'Phiên bản bản ghi, tăng 1 mỗi lần thay đổi' }),
    CapNhatLuc: Type.String({ format: 'date-time' }),
  },
  { $id: 'NpdbBanGhi', description: 'Bản ghi công dân' },
);

export const UpstreamErrorSchema = Type.Object(
  {
    MaYeuCau: Type.Optional(Type.String()),
    MaLoi: Type.String({ description: 'KHONG_TIM_THAY | LOI_HE_THONG' }),
    MoTaLoi: Type.Optional(Type.String()),
  },
  { $id: 'NpdbLoi', description: 'Lỗi của hệ thống CSDL quốc gia về dân cư' },
);

export const ChangeEntrySchema = Type.Object(
  {
    Cursor: Type.String({ pattern: '^\\d+$' }),
    SoDinhDanh,
    LoaiThayDoi: Type.Enum([...LOAI_THAY_DOI]),
    ThoiDiem: Type.String({ format: 'date-time' }),
    BanGhi: Type.Ref('NpdbBanGhi'),
  },
  { $id: 'NpdbThayDoi', description: 'Một thay đổi: bản ghi sau khi thay đổi' },
);

export const sharedSchemas = [
  AddressSchema,
  PersonRefSchema,
  HouseholdRefSchema,
  CitizenRecordSchema,
  UpstreamErrorSchema,
  ChangeEntrySchema,
];

export const RecordRef = Type.Ref('NpdbBanGhi');
export const UpstreamErrorRef = Type.Ref('NpdbLoi');
export const ChangeEntryRef = Type.Ref('NpdbThayDoi');

/** The signed-request headers every /api route takes (documented; checked before validation). */
export const signedHeaders = {
  'x-api-key': Type.String({ description: 'Key id issued to the integrator' }),
  'x-timestamp': Type.String({ pattern: '^\\d+$', description: 'Unix epoch milliseconds' }),
  'x-signature': Type.String({
    description: 'hex HMAC-SHA256(secret, timestamp\\nMETHOD\\npath-with-query\\nsha256hex(body))',
  }),
  'x-request-id': Type.Optional(Type.String({ description: 'Echoed back; becomes MaYeuCau' })),
};

export const officerHeader = {
  'x-officer-id': Type.String({ minLength: 1, description: 'Mã cán bộ thực hiện tra cứu' }),
};

export const optionalOfficerHeader = {
  'x-officer-id': Type.Optional(Type.String({ minLength: 1, description: 'Mã cán bộ thực hiện tra cứu' })),
};

export const PersonalIdParam = SoDinhDanh;

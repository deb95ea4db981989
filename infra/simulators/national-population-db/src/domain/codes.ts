/**
 * The upstream's code lists, as its records carry them. Values are the upstream's vocabulary,
 * not ours: the adapter maps them.
 */

export const GioiTinh = { nam: '1', nu: '2' } as const;
export type GioiTinh = (typeof GioiTinh)[keyof typeof GioiTinh];

export const TinhTrangHonNhan = { docThan: '1', daKetHon: '2', lyHon: '3', goa: '4' } as const;
export type TinhTrangHonNhan = (typeof TinhTrangHonNhan)[keyof typeof TinhTrangHonNhan];

export const TrangThai = { song: 'SONG', daMat: 'DA_MAT' } as const;
export type TrangThai = (typeof TrangThai)[keyof typeof TrangThai];

export const NHOM_MAU = ['O', 'A', 'B', 'AB', ''] as const;
export type NhomMau = (typeof NHOM_MAU)[number];

export const QUAN_HE = ['Chủ hộ', 'Vợ', 'Chồng', 'Con', 'Cha', 'Mẹ', 'Cháu'] as const;
export type QuanHe = (typeof QUAN_HE)[number];

/**
 * Change types of the feed. `DIEU_CHINH` (a correction of other recorded information) is what
 * the simulator writes when asked for a record quirk (`POST /admin/record-quirks`).
 */
export const LOAI_THAY_DOI = [
  'CHUYEN_NOI_O',
  'KET_HON',
  'KHAI_TU',
  'CAI_CHINH_HO_TEN',
  'DIEU_CHINH',
] as const;
export type LoaiThayDoi = (typeof LOAI_THAY_DOI)[number];
/** The life events the change generator makes up on its own. */
export type LifeEvent = Exclude<LoaiThayDoi, 'DIEU_CHINH'>;

/** The official list of Vietnam's 54 ethnic groups (01 Kinh ... 54 Rơ Măm). */
export const DAN_TOC: Readonly<Record<string, string>> = {
  '01': 'Kinh',
  '02': 'Tày',
  '03': 'Thái',
  '04': 'Hoa',
  '05': 'Khơ Me',
  '06': 'Mường',
  '07': 'Nùng',
  '08': 'Mông',
  '09': 'Dao',
  '10': 'Gia Rai',
  '11': 'Ngái',
  '12': 'Ê Đê',
  '13': 'Ba Na',
  '14': 'Xơ Đăng',
  '15': 'Sán Chay',
  '16': 'Cơ Ho',
  '17': 'Chăm',
  '18': 'Sán Dìu',
  '19': 'Hrê',
  '20': 'Mnông',
  '21': 'Ra Glai',
  '22': 'Xtiêng',
  '23': 'Bru Vân Kiều',
  '24': 'Thổ',
  '25': 'Giáy',
  '26': 'Cơ Tu',
  '27': 'Gié Triêng',
  '28': 'Mạ',
  '29': 'Khơ Mú',
  '30': 'Co',
  '31': 'Tà Ôi',
  '32': 'Chơ Ro',
  '33': 'Kháng',
  '34': 'Xinh Mun',
  '35': 'Hà Nhì',
  '36': 'Chu Ru',
  '37': 'Lào',
  '38': 'La Chí',
  '39': 'La Ha',
  '40': 'Phù Lá',
  '41': 'La Hủ',
  '42': 'Lự',
  '43': 'Lô Lô',
  '44': 'Chứt',
  '45': 'Mảng',
  '46': 'Pà Thẻn',
  '47': 'Cơ Lao',
  '48': 'Cống',
  '49': 'Bố Y',
  '50': 'Si La',
  '51': 'Pu Péo',
  '52': 'Brâu',
  '53': 'Ơ Đu',
  '54': 'Rơ Măm',
};

/**
 * Religions recognised by the State, in this simulator's code list (00 = none). The upstream's
 * exact numbering is not public; the adapter should treat these as opaque codes.
 */
export const TON_GIAO: Readonly<Record<string, string>> = {
  '00': 'Không',
  '01': 'Phật giáo',
  '02': 'Công giáo',
  '03': 'Tin lành',
  '04': 'Cao Đài',
  '05': 'Phật giáo Hòa Hảo',
  '06': 'Hồi giáo',
  '07': 'Bà La Môn',
  '08': 'Tịnh độ cư sĩ Phật hội Việt Nam',
  '09': 'Bửu Sơn Kỳ Hương',
  '10': 'Tứ Ân Hiếu Nghĩa',
};

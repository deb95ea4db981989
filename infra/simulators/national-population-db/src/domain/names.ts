import { GioiTinh } from './codes.ts';
import type { HoVaTen } from './record.ts';
import { WeightedPicker, type Rng } from '@motlan/simulator-kit/random';

/**
 * Vietnamese names in Vietnamese order: family (họ) + middle (chữ đệm) + given (tên). Family
 * names are weighted by their approximate share of the population; middle names depend on sex
 * and generation (Văn and Thị are far commoner among older people).
 */
const FAMILY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 3],
  ['Huỳnh', 2.1],
  ['Phan', 4.5],
  ['Vũ', 2.2],
  ['Võ', 1.7],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.8],
  ['Đoàn', 0.7],
  ['Trịnh', 0.6],
  ['Trương', 0.6],
  ['Lâm', 0.5],
  ['Mai', 0.5],
  ['Cao', 0.5],
  ['Đào', 0.5],
  ['Hà', 0.4],
  ['Lương', 0.4],
  ['Tạ', 0.3],
  ['Tô', 0.3],
  ['Chu', 0.3],
  ['Lưu', 0.3],
  ['Thái', 0.3],
  ['Châu', 0.2],
  ['Quách', 0.2],
  ['Kiều', 0.2],
  ['Triệu', 0.2],
  ['Phùng', 0.2],
  ['La', 0.1],
  ['Tăng', 0.1],
  ['Vương', 0.1],
  ['Thân', 0.1],
  ['Lại', 0.1],
  ['Tôn', 0.1],
  ['Khổng', 0.05],
];

const TRADITIONAL_MIDDLE = { [GioiTinh.nam]: 'Văn', [GioiTinh.nu]: 'Thị' } as const;

const MIDDLE: Readonly<Record<GioiTinh, readonly string[]>> = {
  [GioiTinh.nam]: [
    'Hữu',
    'Đức',
    'Minh',
    'Quang',
    'Công',
    'Đình',
    'Xuân',
    'Thành',
    'Quốc',
    'Gia',
    'Anh',
    'Bảo',
    'Tuấn',
    'Trung',
    'Thanh',
    'Ngọc',
    'Hoàng',
    'Duy',
    'Tiến',
    'Mạnh',
    'Trọng',
    'Viết',
    'Khắc',
  ],
  [GioiTinh.nu]: [
    'Ngọc',
    'Thanh',
    'Thu',
    'Kim',
    'Phương',
    'Bích',
    'Thúy',
    'Mỹ',
    'Hồng',
    'Minh',
    'Khánh',
    'Bảo',
    'Gia',
    'Hoài',
    'Diệu',
    'Quỳnh',
    'Thảo',
    'Như',
    'Tường',
    'Hải',
    'Lan',
    'Cẩm',
  ],
};

const GIVEN: Readonly<Record<GioiTinh, readonly string[]>> = {
  [GioiTinh.nam]: [
    'An',
    'Bình',
    'Cường',
    'Dũng',
    'Đạt',
    'Đức',
    'Giang',
    'Hải',
    'Hào',
    'Hiếu',
    'Hiển',
    'Hoàng',
    'Hùng',
    'Huy',
    'Hưng',
    'Khang',
    'Khoa',
    'Khôi',
    'Kiên',
    'Long',
    'Lâm',
    'Lộc',
    'Minh',
    'Nam',
    'Nghĩa',
    'Nhân',
    'Phát',
    'Phong',
    'Phúc',
    'Quân',
    'Quang',
    'Sơn',
    'Tài',
    'Tâm',
    'Thắng',
    'Thành',
    'Thịnh',
    'Toàn',
    'Trí',
    'Trung',
    'Tuấn',
    'Tùng',
    'Việt',
    'Vinh',
    'Vũ',
    'Bảo',
    'Duy',
    'Hậu',
    'Khải',
    'Lực',
    'Mạnh',
    'Nguyên',
    'Tiến',
    'Tín',
    'Công',
    'Chiến',
    'Định',
    'Hòa',
    'Thông',
    'Quyết',
  ],
  [GioiTinh.nu]: [
    'Anh',
    'Ánh',
    'Bích',
    'Chi',
    'Dung',
    'Duyên',
    'Giang',
    'Hà',
    'Hằng',
    'Hạnh',
    'Hiền',
    'Hoa',
    'Hồng',
    'Huệ',
    'Hương',
    'Hường',
    'Huyền',
    'Khánh',
    'Lan',
    'Liên',
    'Linh',
    'Loan',
    'Ly',
    'Mai',
    'My',
    'Nga',
    'Ngân',
    'Ngọc',
    'Nhung',
    'Oanh',
    'Phương',
    'Quyên',
    'Quỳnh',
    'Tâm',
    'Thảo',
    'Thu',
    'Thủy',
    'Trang',
    'Trâm',
    'Uyên',
    'Vân',
    'Vy',
    'Xuân',
    'Yến',
    'Hân',
    'Nhi',
    'Thư',
    'Tuyết',
    'Diệp',
    'Châu',
    'Lệ',
    'Nguyệt',
    'Thơm',
    'Hậu',
  ],
};

const familyPicker = new WeightedPicker(FAMILY_WEIGHTS);

export const FAMILY_NAMES: readonly string[] = FAMILY_WEIGHTS.map(([name]) => name);

export function middleNames(sex: GioiTinh): readonly string[] {
  return [TRADITIONAL_MIDDLE[sex], ...MIDDLE[sex]];
}

export function givenNames(sex: GioiTinh): readonly string[] {
  return GIVEN[sex];
}

export function pickFamilyName(rng: Rng): string {
  return familyPicker.pick(rng);
}

/** Share of people born in a year who carry the traditional Văn / Thị. */
function traditionalShare(sex: GioiTinh, birthYear: number): number {
  const base = birthYear < 1975 ? 0.7 : birthYear < 1990 ? 0.5 : birthYear < 2005 ? 0.3 : 0.1;
  return sex === GioiTinh.nu ? base : base * 0.8;
}

export function pickMiddleName(rng: Rng, sex: GioiTinh, birthYear: number): string {
  if (rng.chance(traditionalShare(sex, birthYear))) {
    // "Nguyễn Thị Thu Hà": a second middle word after Thị is common for women.
    if (sex === GioiTinh.nu && rng.chance(0.15)) return `Thị ${rng.pick(MIDDLE[sex])}`;
    return TRADITIONAL_MIDDLE[sex];
  }
  return rng.pick(MIDDLE[sex]);
}

export function pickGivenName(rng: Rng, sex: GioiTinh, avoid: string): string {
  for (;;) {
    const given = rng.pick(GIVEN[sex]);
    if (!avoid.split(' ').includes(given)) return given;
  }
}

export function composeName(rng: Rng, sex: GioiTinh, birthYear: number, family?: string): HoVaTen {
  const Ho = family ?? pickFamilyName(rng);
  const ChuDem = pickMiddleName(rng, sex, birthYear);
  return { Ho, ChuDem, Ten: pickGivenName(rng, sex, ChuDem) };
}

/** A corrected name (cải chính họ tên): the middle or the given name replaced by another. */
export function correctName(rng: Rng, name: HoVaTen, sex: GioiTinh): HoVaTen {
  if (rng.chance(0.5)) {
    for (;;) {
      const ChuDem = rng.pick(middleNames(sex));
      if (ChuDem !== name.ChuDem && ChuDem !== name.Ten) return { ...name, ChuDem };
    }
  }
  for (;;) {
    const Ten = pickGivenName(rng, sex, name.ChuDem);
    if (Ten !== name.Ten) return { ...name, Ten };
  }
}

import type { NhomMau } from './codes.ts';
import { WeightedPicker, type Rng } from '@motlan/simulator-kit/random';

/**
 * Regional colour for the synthetic population, keyed by legacy province code: population
 * weights (2019 census, thousands), how addresses are written there, and which ethnic groups
 * live there. Approximate on purpose; it only has to look plausible.
 */
export const PROVINCE_POPULATION: Readonly<Record<string, number>> = {
  '01': 8054,
  '02': 854,
  '04': 530,
  '06': 314,
  '08': 785,
  '10': 731,
  '11': 599,
  '12': 460,
  '14': 1248,
  '15': 822,
  '17': 854,
  '19': 1287,
  '20': 782,
  '22': 1321,
  '24': 1804,
  '25': 1464,
  '26': 1152,
  '27': 1369,
  '30': 1893,
  '31': 2029,
  '33': 1253,
  '34': 1861,
  '35': 852,
  '36': 1781,
  '37': 983,
  '38': 3641,
  '40': 3328,
  '42': 1289,
  '44': 896,
  '45': 633,
  '46': 1129,
  '48': 1135,
  '49': 1496,
  '51': 1231,
  '52': 1487,
  '54': 873,
  '56': 1232,
  '58': 591,
  '60': 1231,
  '62': 541,
  '64': 1514,
  '66': 1870,
  '67': 622,
  '68': 1297,
  '70': 995,
  '72': 1170,
  '74': 2427,
  '75': 3097,
  '77': 1149,
  '79': 8993,
  '80': 1689,
  '82': 1765,
  '83': 1289,
  '84': 1009,
  '86': 1023,
  '87': 1600,
  '89': 1908,
  '91': 1723,
  '92': 1236,
  '93': 734,
  '94': 1200,
  '95': 908,
  '96': 1194,
};

/** Where people from elsewhere go to work and study (temporary residence). */
export const MIGRATION_DESTINATIONS: readonly (readonly [string, number])[] = [
  ['79', 40],
  ['01', 30],
  ['74', 12],
  ['75', 8],
  ['48', 5],
  ['92', 3],
  ['31', 2],
];

const NORTHERN_UPLANDS = new Set([
  '02',
  '04',
  '06',
  '08',
  '10',
  '11',
  '12',
  '14',
  '15',
  '17',
  '19',
  '20',
  '25',
]);
const CENTRAL_HIGHLANDS = new Set(['62', '64', '66', '67', '68']);

export type Region = 'north' | 'northern-uplands' | 'central' | 'central-highlands' | 'south';

export function regionOf(provinceCode: string): Region {
  if (NORTHERN_UPLANDS.has(provinceCode)) return 'northern-uplands';
  if (CENTRAL_HIGHLANDS.has(provinceCode)) return 'central-highlands';
  const code = Number(provinceCode);
  if (code >= 70) return 'south';
  if (code >= 38) return 'central';
  return 'north';
}

/** Share of non-Kinh households, and which groups, by province where it stands out. */
const MINORITIES: Readonly<
  Record<string, { share: number; groups: readonly (readonly [string, number])[] }>
> = {
  'northern-uplands': {
    share: 0.45,
    groups: [
      ['02', 25],
      ['03', 25],
      ['06', 15],
      ['08', 15],
      ['07', 12],
      ['09', 8],
      ['25', 2],
      ['35', 1],
      ['15', 1],
    ],
  },
  'central-highlands': {
    share: 0.3,
    groups: [
      ['10', 30],
      ['12', 25],
      ['13', 15],
      ['14', 10],
      ['16', 10],
      ['20', 6],
      ['28', 4],
    ],
  },
  '84': { share: 0.3, groups: [['05', 1]] },
  '94': { share: 0.3, groups: [['05', 1]] },
  '89': {
    share: 0.05,
    groups: [
      ['05', 3],
      ['17', 1],
    ],
  },
  '91': { share: 0.12, groups: [['05', 1]] },
  '79': { share: 0.05, groups: [['04', 1]] },
  '75': {
    share: 0.04,
    groups: [
      ['04', 3],
      ['32', 1],
    ],
  },
  '58': {
    share: 0.2,
    groups: [
      ['17', 3],
      ['21', 2],
    ],
  },
  '60': { share: 0.04, groups: [['17', 1]] },
  '38': {
    share: 0.15,
    groups: [
      ['06', 2],
      ['03', 1],
    ],
  },
  '40': {
    share: 0.14,
    groups: [
      ['03', 3],
      ['29', 1],
      ['08', 1],
    ],
  },
  '22': {
    share: 0.1,
    groups: [
      ['09', 2],
      ['18', 1],
      ['02', 1],
    ],
  },
  '24': {
    share: 0.12,
    groups: [
      ['07', 2],
      ['02', 1],
      ['18', 1],
    ],
  },
};

const minorityPickers = new Map(
  Object.entries(MINORITIES).map(([key, value]) => [key, new WeightedPicker(value.groups)] as const),
);

/** DanToc code for a household living in a province: mostly 01 (Kinh). */
export function pickEthnicity(rng: Rng, provinceCode: string): string {
  const key = MINORITIES[provinceCode] ? provinceCode : regionOf(provinceCode);
  const minority = MINORITIES[key];
  if (minority && rng.chance(minority.share)) return minorityPickers.get(key)!.pick(rng);
  return rng.chance(0.005) ? rng.pick(['11', '15', '18', '24', '26', '31']) : '01';
}

const RELIGION = new WeightedPicker<string>([
  ['00', 860],
  ['01', 48],
  ['02', 61],
  ['03', 10],
  ['04', 6],
  ['05', 10],
  ['06', 1],
  ['07', 0.1],
  ['08', 0.3],
  ['09', 0.2],
  ['10', 0.1],
]);

export function pickReligion(rng: Rng): string {
  return RELIGION.pick(rng);
}

const BLOOD = new WeightedPicker<NhomMau>([
  ['O', 40],
  ['B', 27],
  ['A', 19],
  ['AB', 4],
  ['', 10],
]);

export function pickBloodGroup(rng: Rng): NhomMau {
  return BLOOD.pick(rng);
}

const STREETS = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Trãi',
  'Lý Thường Kiệt',
  'Hai Bà Trưng',
  'Quang Trung',
  'Hùng Vương',
  'Nguyễn Huệ',
  'Lê Duẩn',
  'Điện Biên Phủ',
  'Phan Chu Trinh',
  'Hoàng Diệu',
  'Bà Triệu',
  'Nguyễn Du',
  'Trần Phú',
  'Lê Lai',
  'Nguyễn Thị Minh Khai',
  'Võ Văn Tần',
  'Cách Mạng Tháng Tám',
  'Phạm Ngũ Lão',
  'Nguyễn Văn Cừ',
  'Lê Thánh Tông',
  'Chu Văn An',
  'Nguyễn Chí Thanh',
  'Trường Chinh',
  'Lạc Long Quân',
  'Âu Cơ',
  'Phan Đình Phùng',
  'Ngô Quyền',
  'Lê Hồng Phong',
];

const VILLAGE_NAMES = [
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Trung',
  'Thượng',
  'Hạ',
  'Tân Lập',
  'Phú Lợi',
  'An Hòa',
  'Hòa Bình',
  'Thống Nhất',
  'Quyết Tiến',
  'Đoàn Kết',
  'Tân Phú',
  'Phú Mỹ',
];

/** The detail line of an address (số nhà, ngõ, phố / thôn, xóm, ấp, bản). */
export function addressDetail(rng: Rng, provinceCode: string, urban: boolean): string {
  const house = rng.int(1, 220);
  if (urban) {
    const street = rng.pick(STREETS);
    const roll = rng.next();
    if (roll < 0.35) return `Số ${house}, ngõ ${rng.int(1, 180)} phố ${street}`;
    if (roll < 0.5) return `Số ${house}, hẻm ${rng.int(1, 120)} đường ${street}`;
    if (roll < 0.6)
      return `Phòng ${rng.int(1, 25)}${String(rng.int(1, 20)).padStart(2, '0')}, chung cư ${rng.pick(VILLAGE_NAMES)}`;
    return `Số ${house} đường ${street}`;
  }
  switch (regionOf(provinceCode)) {
    case 'northern-uplands':
      return rng.chance(0.6) ? `Bản ${rng.pick(VILLAGE_NAMES)}` : `Thôn ${rng.int(1, 15)}`;
    case 'central-highlands':
      return rng.chance(0.4) ? `Buôn ${rng.pick(VILLAGE_NAMES)}` : `Thôn ${rng.int(1, 15)}`;
    case 'south':
      return rng.chance(0.5) ? `Ấp ${rng.pick(VILLAGE_NAMES)}` : `Tổ ${rng.int(1, 20)}, ấp ${rng.int(1, 9)}`;
    default:
      return rng.chance(0.5)
        ? `Xóm ${rng.int(1, 12)}, thôn ${rng.pick(VILLAGE_NAMES)}`
        : `Thôn ${rng.pick(VILLAGE_NAMES)}`;
  }
}

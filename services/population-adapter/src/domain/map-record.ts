import type { FactDraft } from '@motlan/adapter-kit';
import { ethnicityName, joinFullName, religionName } from '@motlan/domain';
import type { NpdbAddress, NpdbPersonRef, NpdbRecord } from '../upstream/npdb-record.ts';

/** Every fact type this adapter provides, in the catalog's names. */
export const POPULATION_FACT_TYPES = [
  'identity.full_name',
  'identity.date_of_birth',
  'identity.sex',
  'identity.ethnicity',
  'identity.religion',
  'identity.blood_group',
  'identity.vital_status',
  'civil.marital_status',
  'residence.birth_registration',
  'residence.place_of_origin',
  'residence.permanent',
  'residence.current',
  'family.father',
  'family.mother',
  'family.spouse',
  'household.membership',
] as const;

const MARITAL_STATUS: Record<string, string> = {
  '1': 'single',
  '2': 'married',
  '3': 'divorced',
  '4': 'widowed',
};
const SEX: Record<string, string> = { '1': 'male', '2': 'female' };

/** yyyyMMdd (upstream) → YYYY-MM-DD (canonical). */
export function isoDate(upstream: string): string {
  return `${upstream.slice(0, 4)}-${upstream.slice(4, 6)}-${upstream.slice(6, 8)}`;
}

function address(value: NpdbAddress) {
  return {
    provinceCode: value.MaTinh,
    districtCode: value.MaHuyen,
    wardCode: value.MaXa,
    detail: value.ChiTiet,
    ...(value.TenDayDu ? { fullText: value.TenDayDu } : {}),
    // Units before the 2025 reorganisation have three levels (a district); after, two.
    unitsVersion: value.MaHuyen ? 'legacy-2024' : 'current-2025',
  };
}

function person(value: NpdbPersonRef) {
  return { personalId: value.SoDinhDanh, fullName: value.HoVaTen };
}

/** The upstream record as canonical facts; absent upstream values produce no fact. */
export function mapRecord(record: NpdbRecord): FactDraft[] {
  const { Ho: family, ChuDem: middle, Ten: given } = record.HoVaTen;
  const facts: FactDraft[] = [
    {
      type: 'identity.full_name',
      value: { family, middle, given, full: joinFullName({ family, middle, given }) },
    },
    { type: 'identity.date_of_birth', value: { date: isoDate(record.NgayThangNamSinh) } },
    { type: 'identity.ethnicity', value: { code: record.DanToc, name: ethnicityName(record.DanToc) } },
    { type: 'identity.religion', value: { code: record.TonGiao, name: religionName(record.TonGiao) } },
    {
      type: 'identity.vital_status',
      value:
        record.TrangThai === 'DA_MAT'
          ? { status: 'deceased', ...(record.NgayMat ? { dateOfDeath: isoDate(record.NgayMat) } : {}) }
          : { status: 'alive' },
    },
    { type: 'residence.birth_registration', value: address(record.NoiDangKyKhaiSinh) },
    { type: 'residence.place_of_origin', value: address(record.QueQuan) },
    { type: 'residence.permanent', value: address(record.ThuongTru) },
    { type: 'residence.current', value: address(record.NoiOHienTai) },
  ];
  const sex = SEX[record.GioiTinh];
  if (sex) facts.push({ type: 'identity.sex', value: { sex } });
  const marital = MARITAL_STATUS[record.TinhTrangHonNhan];
  if (marital) facts.push({ type: 'civil.marital_status', value: { status: marital } });
  if (record.NhomMau) facts.push({ type: 'identity.blood_group', value: { group: record.NhomMau } });
  if (record.Cha) facts.push({ type: 'family.father', value: person(record.Cha) });
  if (record.Me) facts.push({ type: 'family.mother', value: person(record.Me) });
  if (record.VoChong) facts.push({ type: 'family.spouse', value: person(record.VoChong) });
  if (record.ChuHo) {
    facts.push({
      type: 'household.membership',
      value: {
        headPersonalId: record.ChuHo.SoDinhDanh,
        headFullName: record.ChuHo.HoVaTen,
        relation: record.ChuHo.QuanHe,
      },
    });
  }
  return facts;
}

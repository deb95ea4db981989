import type { FactDraft } from '@motlan/adapter-kit';
import { loadAdminUnits } from '@motlan/admin-units';
import { ethnicityName, joinFullName, NOT_RECORDED, precisionOf, religionName } from '@motlan/domain';
import type { NpdbAddress, NpdbPersonRef, NpdbRecord } from './npdb-record.ts';

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

/**
 * yyyyMMdd (upstream) → the canonical date: YYYY-MM-DD, or YYYY-MM / YYYY when the upstream
 * writes `00` for an unknown day, or day and month (`19520700`, `19450000`). Anything else is
 * passed on as it is, for the catalog to refuse (the record is then quarantined, not guessed at).
 */
export function isoDate(upstream: string): string {
  const year = upstream.slice(0, 4);
  const month = upstream.slice(4, 6);
  const day = upstream.slice(6, 8);
  if (upstream.length !== 8) return upstream;
  if (month === '00' && day === '00') return year;
  if (day === '00') return `${year}-${month}`;
  return `${year}-${month}-${day}`;
}

/** A full date stays `{ date }` (as before partial dates were known); a partial one says its precision. */
function dateOfBirth(upstream: string) {
  const date = isoDate(upstream);
  const precision = precisionOf(date);
  return precision === undefined || precision === 'day' ? { date } : { date, precision };
}

/**
 * An upstream address. Codes stay as the source recorded them; an address still in the units
 * before the 1 July 2025 reorganisation also carries the current units it lies in (`current`).
 */
function address(value: NpdbAddress) {
  // Units before the 2025 reorganisation have three levels (a district); after, two.
  const legacy = value.MaHuyen !== null && value.MaHuyen !== '';
  const current = legacy
    ? loadAdminUnits().currentUnitOf({
        provinceCode: value.MaTinh,
        districtCode: value.MaHuyen,
        wardCode: value.MaXa,
        unitsVersion: 'legacy-2024',
      })
    : undefined;
  return {
    provinceCode: value.MaTinh,
    districtCode: value.MaHuyen,
    wardCode: value.MaXa,
    detail: value.ChiTiet,
    ...(value.TenDayDu ? { fullText: value.TenDayDu } : {}),
    unitsVersion: legacy ? 'legacy-2024' : 'current-2025',
    ...(current
      ? {
          current: {
            provinceCode: current.provinceCode,
            ...(current.wardCode ? { wardCode: current.wardCode } : {}),
            effectiveFrom: current.effectiveFrom,
          },
        }
      : {}),
  };
}

/**
 * Where the birth was registered: an address in Viet Nam, or — a birth registered abroad, whose
 * personal ID starts with the country's code — the country and the place as the upstream wrote
 * it (`MaQuocGia`; the upstream leaves the units empty).
 */
function birthRegistration(value: NpdbAddress) {
  if (!value.MaQuocGia) return address(value);
  return { countryCode: value.MaQuocGia, ...(value.TenDayDu ? { fullText: value.TenDayDu } : {}) };
}

/**
 * A relative as the record names them. A record that names nobody (`null`, or a reference with
 * neither ID nor name) is itself a fact: `{ recorded: false }` — a birth record leaves the father
 * blank when he is undetermined, and that is what the population database knows. A relative
 * recorded by name without an ID (older records) keeps the name only.
 */
function person(value: NpdbPersonRef | null) {
  const personalId = value?.SoDinhDanh ?? '';
  const fullName = (value?.HoVaTen ?? '').trim();
  if (personalId === '' && fullName === '') return NOT_RECORDED;
  return { ...(personalId === '' ? {} : { personalId }), fullName: value?.HoVaTen ?? '' };
}

/**
 * The upstream record as canonical facts; absent upstream values produce no fact, except the
 * family links, whose absence the record states (`{ recorded: false }`).
 */
export function mapRecord(record: NpdbRecord): FactDraft[] {
  const { Ho: family, ChuDem: middle, Ten: given } = record.HoVaTen;
  const facts: FactDraft[] = [
    {
      type: 'identity.full_name',
      value: { family, middle, given, full: joinFullName({ family, middle, given }) },
    },
    { type: 'identity.date_of_birth', value: dateOfBirth(record.NgayThangNamSinh) },
    { type: 'identity.ethnicity', value: { code: record.DanToc, name: ethnicityName(record.DanToc) } },
    { type: 'identity.religion', value: { code: record.TonGiao, name: religionName(record.TonGiao) } },
    {
      type: 'identity.vital_status',
      value:
        record.TrangThai === 'DA_MAT'
          ? { status: 'deceased', ...(record.NgayMat ? { dateOfDeath: isoDate(record.NgayMat) } : {}) }
          : { status: 'alive' },
    },
    { type: 'residence.birth_registration', value: birthRegistration(record.NoiDangKyKhaiSinh) },
    { type: 'residence.place_of_origin', value: address(record.QueQuan) },
    { type: 'residence.permanent', value: address(record.ThuongTru) },
    { type: 'residence.current', value: address(record.NoiOHienTai) },
  ];
  const sex = SEX[record.GioiTinh];
  if (sex) facts.push({ type: 'identity.sex', value: { sex } });
  const marital = MARITAL_STATUS[record.TinhTrangHonNhan];
  if (marital) facts.push({ type: 'civil.marital_status', value: { status: marital } });
  if (record.NhomMau) facts.push({ type: 'identity.blood_group', value: { group: record.NhomMau } });
  facts.push({ type: 'family.father', value: person(record.Cha) });
  facts.push({ type: 'family.mother', value: person(record.Me) });
  facts.push({ type: 'family.spouse', value: person(record.VoChong) });
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

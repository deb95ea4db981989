import type { FactDraft } from '@motlan/adapter-kit';
import { joinFullName, NOT_RECORDED, precisionOf, splitFullName } from '@motlan/domain';
import type { MpdbRecord } from './mpdb-record.ts';

/** Every fact type this adapter provides, in the catalog's names. */
export const MILITARY_FACT_TYPES = [
  'military.person_code',
  'military.service_status',
  'military.unit',
  'military.rank',
  'military.health_grade',
  'military.reserve_category',
  'identity.full_name',
  'identity.date_of_birth',
] as const;

/**
 * The identity facts this registry holds as it recorded them. The catalog names the population
 * database as their only authoritative source, so they are published as `verified` (the
 * personnel system checked papers at registration): the registry keeps them beside the
 * population's and flags the pair when they disagree, instead of refusing them.
 */
export const IDENTITY_FACT_TYPES: readonly string[] = ['identity.full_name', 'identity.date_of_birth'];

/**
 * The upstream's service statuses in the catalog's words (Law on Military Service 2015).
 * DA_DUA_RA_KHOI_DANH_SACH: taken off the register (art. 19; the personnel system records it when
 * the population database tells it of a death) — the record closed, so no reserve category.
 */
const SERVICE_STATUS: Record<string, string> = {
  SAN_SANG_NHAP_NGU: 'registered',
  TAI_NGU: 'active_duty',
  DU_BI_HANG_1: 'reserve_category_1',
  DU_BI_HANG_2: 'reserve_category_2',
  DA_XUAT_NGU: 'discharged',
  DA_DUA_RA_KHOI_DANH_SACH: 'removed_from_register',
};

const RESERVE_CATEGORY: Record<string, number> = { DU_BI_HANG_1: 1, DU_BI_HANG_2: 2 };

/**
 * dd/MM/yyyy (upstream) → YYYY-MM-DD; `00` for an unknown day, or day and month (dates copied
 * from the population database keep its zeros) → YYYY-MM / YYYY. Anything else is passed on as
 * it is, for the catalog to refuse (the record is then quarantined, not guessed at).
 */
export function isoDate(upstream: string): string {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(upstream);
  if (!match) return upstream;
  const [, day, month, year] = match;
  if (month === '00' && day === '00') return year!;
  if (day === '00') return `${year}-${month}`;
  return `${year}-${month}-${day}`;
}

function dateOfBirth(upstream: string) {
  const date = isoDate(upstream);
  const precision = precisionOf(date);
  return precision === undefined || precision === 'day' ? { date } : { date, precision };
}

/**
 * The upstream record as canonical facts. What the record states is absent (no unit off active
 * duty, no rank for who never served, no reserve category outside the reserve) is published as
 * `{ recorded: false }`, so a unit left at discharge does not stay current in the registry.
 */
export function mapRecord(record: MpdbRecord): FactDraft[] {
  const { family, middle, given } = splitFullName(record.HoVaTen);
  const status = SERVICE_STATUS[record.TrangThaiPhucVu] ?? record.TrangThaiPhucVu;
  const category = RESERVE_CATEGORY[record.TrangThaiPhucVu];
  return [
    { type: 'military.person_code', value: { code: record.MaDinhDanhQuanNhan } },
    {
      type: 'military.service_status',
      value: {
        status,
        registeredAt: isoDate(record.NgayDangKy),
        communeCode: record.XaDangKy,
        ...(record.NgayNhapNgu ? { enlistedAt: isoDate(record.NgayNhapNgu) } : {}),
        ...(record.NgayXuatNgu ? { dischargedAt: isoDate(record.NgayXuatNgu) } : {}),
      },
    },
    {
      type: 'military.unit',
      value: record.DonVi ? { code: record.DonVi.MaDonVi, name: record.DonVi.TenDonVi } : NOT_RECORDED,
    },
    { type: 'military.rank', value: record.CapBac ? { rank: record.CapBac } : NOT_RECORDED },
    { type: 'military.health_grade', value: { grade: record.PhanLoaiSucKhoe } },
    {
      type: 'military.reserve_category',
      value: category === undefined ? NOT_RECORDED : { category },
    },
    {
      type: 'identity.full_name',
      value: { family, middle, given, full: joinFullName({ family, middle, given }) },
      assurance: 'ASSURANCE_VERIFIED',
    },
    {
      type: 'identity.date_of_birth',
      value: dateOfBirth(record.NgaySinh),
      assurance: 'ASSURANCE_VERIFIED',
    },
  ];
}

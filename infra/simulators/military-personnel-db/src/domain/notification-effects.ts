import { TrangThaiPhucVu, type LoaiBienDongThongBao } from './codes.ts';
import type { HoSoQuanNhan } from './record.ts';

/**
 * The fact types this system subscribes to (purpose 1.004222, military service registration),
 * all of which the access policy grants it for that purpose. Other granted types (sex, current
 * residence, marital status) change nothing it records, so it does not ask for them.
 */
export const SUBSCRIBED_FACT_TYPES = [
  'identity.full_name',
  'identity.date_of_birth',
  'identity.vital_status',
  'residence.permanent',
] as const;
export type SubscribedFactType = (typeof SUBSCRIBED_FACT_TYPES)[number];

/** A fact as the mesh notified it: its type and its value, already checked against the catalog. */
export interface NotifiedFact {
  type: string;
  value: unknown;
}

/** What one notification does to a record this system holds. */
export type NotificationEffect =
  | {
      kind: 'change';
      event: LoaiBienDongThongBao;
      /** The record after it, `PhienBan` + 1 and `CapNhatLuc` = the given instant. */
      record: HoSoQuanNhan;
      /** The record's fields the change overwrote (a seeded disagreement there is resolved). */
      fields: readonly (keyof HoSoQuanNhan)[];
    }
  /** The record already says what the fact says: nothing to record. */
  | { kind: 'unchanged' }
  /** A change this system does not act on (another type; a death withdrawn). */
  | { kind: 'ignored' };

/** yyyy-MM-dd, yyyy-MM or yyyy (the catalog's partial dates) → dd/MM/yyyy with `00` for what is unknown, as this system writes dates of birth. */
export function dmyOfPartialDate(date: string): string {
  const [year, month = '00', day = '00'] = date.split('-');
  return `${day}/${month}/${year}`;
}

function changed(
  record: HoSoQuanNhan,
  at: string,
  event: LoaiBienDongThongBao,
  changes: Partial<HoSoQuanNhan>,
): NotificationEffect {
  const fields = (Object.keys(changes) as (keyof HoSoQuanNhan)[]).filter(
    (field) => record[field] !== changes[field],
  );
  if (fields.length === 0) return { kind: 'unchanged' };
  return {
    kind: 'change',
    event,
    record: { ...record, ...changes, PhienBan: record.PhienBan + 1, CapNhatLuc: at },
    fields,
  };
}

/**
 * What a notified fact changes in a held record (input untouched), the rules of this system:
 *
 * - `residence.permanent` → `XaDangKy` becomes the new residence's commune (`wardCode`, the code
 *   the population database records, as the seeding took `ThuongTru.MaXa`): `CHUYEN_NOI_DANG_KY`.
 * - `identity.vital_status` deceased → taken off the register: `TrangThaiPhucVu`
 *   `DA_DUA_RA_KHOI_DANH_SACH`, no unit (the rank and dates stay, as history): `DUA_RA_KHOI_DANH_SACH`.
 *   `alive` changes nothing: putting a record back on the register after a death recorded in
 *   error is a commune military command's decision, not an automatic one.
 * - `identity.full_name` / `identity.date_of_birth` → `HoVaTen` (the `full` name) / `NgaySinh`
 *   (dd/MM/yyyy, `00` for an unknown day or month) take the population database's value, the
 *   authoritative source: `DIEU_CHINH_NHAN_THAN`.
 *
 * `value` must already satisfy the catalog's schema for `type` (the subscriber checks it).
 * `at` is the instant of the change (ISO 8601).
 */
export function notificationEffect(record: HoSoQuanNhan, fact: NotifiedFact, at: string): NotificationEffect {
  switch (fact.type) {
    case 'residence.permanent': {
      const { wardCode } = fact.value as { wardCode: string };
      return changed(record, at, 'CHUYEN_NOI_DANG_KY', { XaDangKy: wardCode });
    }
    case 'identity.vital_status': {
      const { status } = fact.value as { status: 'alive' | 'deceased' };
      if (status !== 'deceased') return { kind: 'ignored' };
      return changed(record, at, 'DUA_RA_KHOI_DANH_SACH', {
        TrangThaiPhucVu: TrangThaiPhucVu.daDuaRaKhoiDanhSach,
        DonVi: null,
      });
    }
    case 'identity.full_name': {
      const { full } = fact.value as { full: string };
      return changed(record, at, 'DIEU_CHINH_NHAN_THAN', { HoVaTen: full });
    }
    case 'identity.date_of_birth': {
      const { date } = fact.value as { date: string };
      return changed(record, at, 'DIEU_CHINH_NHAN_THAN', { NgaySinh: dmyOfPartialDate(date) });
    }
    default:
      return { kind: 'ignored' };
  }
}

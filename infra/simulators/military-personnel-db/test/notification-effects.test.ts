import { describe, expect, it } from 'vitest';
import { dmyOfPartialDate, notificationEffect } from '../src/domain/notification-effects.ts';
import type { HoSoQuanNhan } from '../src/domain/record.ts';

const AT = '2026-11-30T10:00:00.000Z';
const RECORD: Readonly<HoSoQuanNhan> = Object.freeze({
  MaDinhDanhQuanNhan: 'QNK120240001236',
  SoDinhDanh: '019207012345',
  HoVaTen: 'Nguyễn Văn Anh',
  NgaySinh: '17/05/2007',
  XaDangKy: '05434',
  NgayDangKy: '12/04/2024',
  TrangThaiPhucVu: 'TAI_NGU',
  DonVi: { MaDonVi: 'F3-D2', TenDonVi: 'Tiểu đoàn 2, Sư đoàn 3, Quân khu 1' },
  CapBac: 'Hạ sĩ',
  NgayNhapNgu: '15/02/2025',
  NgayXuatNgu: null,
  PhanLoaiSucKhoe: 2,
  PhienBan: 4,
  CapNhatLuc: '2026-01-01T00:00:00.000Z',
});

const address = (wardCode: string) => ({
  provinceCode: '01',
  wardCode,
  detail: 'Số 5 ngõ 12',
  unitsVersion: 'current-2025',
});

describe('notificationEffect', () => {
  it('registers a move of the permanent residence in the new commune, as a new version', () => {
    const effect = notificationEffect(RECORD, { type: 'residence.permanent', value: address('00004') }, AT);
    expect(effect).toEqual({
      kind: 'change',
      event: 'CHUYEN_NOI_DANG_KY',
      record: { ...RECORD, XaDangKy: '00004', PhienBan: 5, CapNhatLuc: AT },
      fields: ['XaDangKy'],
    });
    expect(RECORD.XaDangKy).toBe('05434');
  });

  it('changes nothing when the new residence is in the commune already registered', () => {
    expect(notificationEffect(RECORD, { type: 'residence.permanent', value: address('05434') }, AT)).toEqual({
      kind: 'unchanged',
    });
  });

  it('takes a deceased registrant off the register: status closed, no unit, rank and dates kept', () => {
    const effect = notificationEffect(
      RECORD,
      { type: 'identity.vital_status', value: { status: 'deceased', dateOfDeath: '2026-11-28' } },
      AT,
    );
    expect(effect).toEqual({
      kind: 'change',
      event: 'DUA_RA_KHOI_DANH_SACH',
      record: {
        ...RECORD,
        TrangThaiPhucVu: 'DA_DUA_RA_KHOI_DANH_SACH',
        DonVi: null,
        PhienBan: 5,
        CapNhatLuc: AT,
      },
      fields: ['TrangThaiPhucVu', 'DonVi'],
    });
  });

  it('a death already recorded, and an alive status, change nothing', () => {
    const closed: HoSoQuanNhan = { ...RECORD, TrangThaiPhucVu: 'DA_DUA_RA_KHOI_DANH_SACH', DonVi: null };
    const deceased = { type: 'identity.vital_status', value: { status: 'deceased' } };
    expect(notificationEffect(closed, deceased, AT)).toEqual({ kind: 'unchanged' });
    expect(
      notificationEffect(RECORD, { type: 'identity.vital_status', value: { status: 'alive' } }, AT),
    ).toEqual({
      kind: 'ignored',
    });
  });

  it("corrects the name from the population database's full name", () => {
    const value = { family: 'Nguyễn', middle: 'Văn', given: 'An', full: 'Nguyễn Văn An' };
    const effect = notificationEffect(RECORD, { type: 'identity.full_name', value }, AT);
    expect(effect).toMatchObject({
      kind: 'change',
      event: 'DIEU_CHINH_NHAN_THAN',
      record: { HoVaTen: 'Nguyễn Văn An', PhienBan: 5 },
      fields: ['HoVaTen'],
    });
    const same = { family: 'Nguyễn', middle: 'Văn', given: 'Anh', full: 'Nguyễn Văn Anh' };
    expect(notificationEffect(RECORD, { type: 'identity.full_name', value: same }, AT)).toEqual({
      kind: 'unchanged',
    });
  });

  it('corrects the date of birth in its own dd/MM/yyyy format, 00 for what the source does not know', () => {
    expect(
      notificationEffect(RECORD, { type: 'identity.date_of_birth', value: { date: '2007-05-15' } }, AT),
    ).toMatchObject({ kind: 'change', record: { NgaySinh: '15/05/2007' }, fields: ['NgaySinh'] });
    expect(
      notificationEffect(RECORD, { type: 'identity.date_of_birth', value: { date: '2007-05-17' } }, AT),
    ).toEqual({ kind: 'unchanged' });
    expect(dmyOfPartialDate('1990-03')).toBe('00/03/1990');
    expect(dmyOfPartialDate('1990')).toBe('00/00/1990');
  });

  it('ignores a type it does not act on', () => {
    expect(notificationEffect(RECORD, { type: 'identity.sex', value: { sex: 'male' } }, AT)).toEqual({
      kind: 'ignored',
    });
  });
});

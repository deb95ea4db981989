import { GioiTinh, TinhTrangHonNhan, TrangThai } from './codes.ts';
import { addDays, toYmd, yearOf } from './dates.ts';
import { composeName } from './names.ts';
import { buildAbroadPersonalId } from './personal-id.ts';
import type { Rng } from '@motlan/simulator-kit/random';
import type { Address, CitizenRecord } from './record.ts';
import { fullName } from './record.ts';

/** The country code a `born-abroad` quirk uses unless told another (any of 100–999 is one). */
export const DEFAULT_ABROAD_COUNTRY_CODE = '232';

/**
 * Where a birth registered abroad was registered, as the upstream records it: at a Vietnamese
 * diplomatic mission or consulate, so no unit of Viet Nam (`MaTinh`/`MaXa` "", `MaHuyen` null);
 * the country's code, the one in digits 1–3 of the personal ID, in `MaQuocGia`.
 */
export function abroadRegistration(countryCode: string): Address {
  return {
    MaTinh: '',
    MaHuyen: null,
    MaXa: '',
    ChiTiet: '',
    TenDayDu: `Cơ quan đại diện Việt Nam ở nước ngoài (mã quốc gia ${countryCode})`,
    MaQuocGia: countryCode,
  };
}

export interface AbroadBornInput {
  /** 3 digits, 100–999. */
  countryCode: string;
  /**
   * A citizen whose home the newcomer settles in: their permanent and current residence, place
   * of origin and ethnicity are taken over (the newcomer heads a household of their own there).
   */
  settlesWith: CitizenRecord;
  /** When the record is entered (ISO instant); the newcomer is 20–45 years old then. */
  at: string;
}

/**
 * A citizen born abroad to Vietnamese parents, whose birth was registered at a mission abroad,
 * now entered in the population database (version 1): the ID carries the country code and the
 * century/sex and year digits of the date of birth; the parents, not in the database, are named
 * without IDs; a household of their own (`ChuHo` themself).
 */
export function abroadBornCitizen(rng: Rng, input: AbroadBornInput): CitizenRecord {
  const atMs = Date.parse(input.at);
  const sex = rng.chance(0.5) ? GioiTinh.nam : GioiTinh.nu;
  const dob = toYmd(addDays(atMs, -rng.int(20 * 365 + 5, 45 * 365)));
  const name = composeName(rng, sex, yearOf(dob));
  const father = composeName(rng, GioiTinh.nam, yearOf(dob) - 28, name.Ho);
  const mother = composeName(rng, GioiTinh.nu, yearOf(dob) - 26);
  const id = buildAbroadPersonalId(input.countryCode, sex, dob, rng.int(0, 999_999));
  const home = input.settlesWith;
  return {
    SoDinhDanh: id,
    HoVaTen: name,
    GioiTinh: sex,
    NgayThangNamSinh: dob,
    DanToc: home.DanToc,
    TonGiao: '00',
    TinhTrangHonNhan: TinhTrangHonNhan.docThan,
    NhomMau: '',
    NoiDangKyKhaiSinh: abroadRegistration(input.countryCode),
    QueQuan: home.QueQuan,
    ThuongTru: home.ThuongTru,
    NoiOHienTai: home.NoiOHienTai,
    Cha: { SoDinhDanh: null, HoVaTen: fullName(father) },
    Me: { SoDinhDanh: null, HoVaTen: fullName(mother) },
    VoChong: null,
    ChuHo: { SoDinhDanh: id, HoVaTen: fullName(name), QuanHe: 'Chủ hộ' },
    TrangThai: TrangThai.song,
    NgayMat: null,
    PhienBan: 1,
    CapNhatLuc: input.at,
  };
}

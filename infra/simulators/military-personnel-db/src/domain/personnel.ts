import { militaryCodeFor } from '@motlan/domain';
import {
  correctName,
  createRng,
  fullName,
  GioiTinh,
  WeightedPicker,
  type HoVaTen,
  type Rng,
} from '@motlan/sim-national-population-db';
import { CAP_BAC, TrangThaiPhucVu, type CapBac } from './codes.ts';
import { addDays, ageAt, AS_OF, toDmy, ymdToDmy } from './dates.ts';
import { malform, typo, wrongBirthDay } from './discrepancies.ts';
import type { HoSoQuanNhan } from './record.ts';
import { issuerForProvince, pickUnit } from './units.ts';

/** What the seeding reads of one citizen of the population database. */
export interface PopulationCitizen {
  SoDinhDanh: string;
  HoVaTen: HoVaTen;
  GioiTinh: string;
  /** yyyyMMdd */
  NgayThangNamSinh: string;
  /** Two-digit province code of the permanent residence. */
  MaTinh: string;
  /** Five-digit commune code of the permanent residence. */
  MaXa: string;
}

export type TruthKind = 'name_typo' | 'old_name' | 'wrong_birth_day' | 'malformed';

export interface SeededTruth {
  kind: TruthKind;
  field: string;
  /** The population database's value (in this system's format), or the well-formed value. */
  trueValue: string;
  recordedValue: string;
}

export interface GeneratedPerson {
  record: HoSoQuanNhan;
  /** Set when the record was altered on purpose. */
  truth?: SeededTruth;
}

/** Ages (on AS_OF) the registry holds: registered men 18–27, reservists and career soldiers to 45. */
export const YOUNGEST = 18;
export const OLDEST_REGISTERED = 27;
export const OLDEST = 45;

/**
 * Shares of the alterations, each record altered at most one way: 4 % of records disagree with
 * the population database on name or date of birth, 0.5 % have a malformed field.
 */
export const SHARES = {
  nameTypo: 0.015,
  oldName: 0.01,
  wrongBirthDay: 0.015,
  malformed: 0.005,
  /** Men of the ages above with no record at all (never registered, abroad). */
  unregistered: 0.03,
} as const;

const HEALTH = new WeightedPicker([
  [1, 15],
  [2, 35],
  [3, 30],
  [4, 12],
  [5, 5],
  [6, 3],
] as const);

const YOUNG_STATUS = new WeightedPicker([
  [TrangThaiPhucVu.sanSangNhapNgu, 65],
  [TrangThaiPhucVu.taiNgu, 22],
  [TrangThaiPhucVu.daXuatNgu, 8],
  [TrangThaiPhucVu.duBiHang1, 5],
] as const);

const OLDER_STATUS = new WeightedPicker([
  [TrangThaiPhucVu.duBiHang1, 45],
  [TrangThaiPhucVu.duBiHang2, 35],
  [TrangThaiPhucVu.daXuatNgu, 12],
  [TrangThaiPhucVu.taiNgu, 8],
] as const);

/** Conscripts serve 24 months (Law on Military Service 2015, art. 21). */
const SERVICE_DAYS = 730;

/**
 * The personnel registry built from the population database's citizens, one citizen at a time in
 * the order given (the seeding reads them by personal ID), fully determined by the seed and that
 * order. Serials count up per issuing unit and registration year.
 */
export class PersonnelGenerator {
  private readonly rng: Rng;
  private readonly serials = new Map<string, number>();

  constructor(seed: number) {
    // A stream of its own: the same seed as the population simulator gives a different sequence.
    this.rng = createRng(seed ^ 0x0a11_7a27);
  }

  /** Whether the registry holds this citizen: a man aged 18–45 on AS_OF, most of them. */
  static eligible(citizen: PopulationCitizen): boolean {
    if (citizen.GioiTinh !== GioiTinh.nam) return false;
    const age = ageAt(citizen.NgayThangNamSinh, AS_OF);
    return age >= YOUNGEST && age <= OLDEST;
  }

  /** The record for an eligible citizen, or undefined when this one never registered. */
  next(citizen: PopulationCitizen): GeneratedPerson | undefined {
    const rng = this.rng;
    if (rng.chance(SHARES.unregistered)) return undefined;
    const record = this.faithful(citizen);
    const roll = rng.next();
    let edge = SHARES.nameTypo;
    if (roll < edge) return this.altered(record, 'name_typo', 'HoVaTen', typo(rng, record.HoVaTen));
    edge += SHARES.oldName;
    if (roll < edge) {
      // The name before a correction (cải chính) the personnel system never heard of.
      const old = correctName(rng, citizen.HoVaTen, GioiTinh.nam);
      return this.altered(record, 'old_name', 'HoVaTen', fullName(old));
    }
    edge += SHARES.wrongBirthDay;
    if (roll < edge)
      return this.altered(record, 'wrong_birth_day', 'NgaySinh', wrongBirthDay(rng, record.NgaySinh));
    edge += SHARES.malformed;
    if (roll < edge) {
      const bad = malform(rng, record);
      return {
        record: bad.record,
        truth: {
          kind: 'malformed',
          field: bad.field,
          trueValue: bad.trueValue,
          recordedValue: bad.recordedValue,
        },
      };
    }
    return { record };
  }

  private altered(
    record: HoSoQuanNhan,
    kind: TruthKind,
    field: 'HoVaTen' | 'NgaySinh',
    value: string,
  ): GeneratedPerson {
    return {
      record: { ...record, [field]: value },
      truth: { kind, field, trueValue: record[field], recordedValue: value },
    };
  }

  /** The record as it would be with every identity field copied right. */
  private faithful(citizen: PopulationCitizen): HoSoQuanNhan {
    const rng = this.rng;
    const birthYear = Number(citizen.NgayThangNamSinh.slice(0, 4));
    const age = ageAt(citizen.NgayThangNamSinh, AS_OF);
    const issuer = issuerForProvince(citizen.MaTinh);
    // Men register in April of the year they turn 17 (Law on Military Service 2015, art. 16).
    const registrationYear = birthYear + 17;
    const registered = Date.UTC(registrationYear, 3, rng.int(1, 30));
    const serial = (this.serials.get(`${issuer}${registrationYear}`) ?? 0) + 1;
    this.serials.set(`${issuer}${registrationYear}`, serial);

    let status = age <= OLDEST_REGISTERED ? YOUNG_STATUS.pick(rng) : OLDER_STATUS.pick(rng);
    let health: number = HEALTH.pick(rng);
    let enlisted: number | undefined;
    let discharged: number | undefined;
    let rank: CapBac | undefined;
    const callUp = (year: number) => Date.UTC(year, 1, rng.int(10, 28));
    const lastCallUp = new Date(AS_OF).getUTCFullYear();

    if (status === TrangThaiPhucVu.taiNgu && age <= OLDEST_REGISTERED) {
      // A conscript called up at 18–25 within the last two years.
      const year = Math.max(birthYear + 18, lastCallUp - rng.int(0, 1));
      if (year > lastCallUp || year - birthYear > 25) status = TrangThaiPhucVu.sanSangNhapNgu;
      else {
        enlisted = callUp(year);
        rank = AS_OF - enlisted > 365 * 86_400_000 ? rng.pick(['Binh nhất', 'Hạ sĩ'] as const) : 'Binh nhì';
      }
    } else if (status === TrangThaiPhucVu.taiNgu) {
      // A career soldier since 18–22: a rank that grows with the years served.
      enlisted = callUp(birthYear + rng.int(18, 22));
      const years = Math.floor((AS_OF - enlisted) / (365.25 * 86_400_000));
      rank =
        CAP_BAC[Math.min(CAP_BAC.indexOf('Thượng sĩ') + Math.floor(years / 3), CAP_BAC.indexOf('Trung tá'))]!;
    } else if (status === TrangThaiPhucVu.duBiHang1 || status === TrangThaiPhucVu.daXuatNgu) {
      // Served two years, called up at 18–25, discharged before AS_OF.
      const latest = Math.min(birthYear + 25, lastCallUp - 3);
      const earliest = birthYear + 18;
      if (latest < earliest) status = TrangThaiPhucVu.sanSangNhapNgu;
      else {
        enlisted = callUp(rng.int(earliest, latest));
        discharged = addDays(enlisted, SERVICE_DAYS + rng.int(-10, 10));
        rank = rng.pick(['Binh nhất', 'Hạ sĩ', 'Trung sĩ'] as const);
      }
    }
    if (enlisted !== undefined && health > 3) health = rng.int(1, 3);

    const since = Math.max(registered, discharged ?? enlisted ?? registered);
    const updatedAt = since + Math.floor(rng.next() * Math.max(1, AS_OF - since));
    return {
      MaDinhDanhQuanNhan: militaryCodeFor({ issuingUnit: issuer, registrationYear, serial }),
      SoDinhDanh: citizen.SoDinhDanh,
      HoVaTen: fullName(citizen.HoVaTen),
      NgaySinh: ymdToDmy(citizen.NgayThangNamSinh),
      XaDangKy: citizen.MaXa,
      NgayDangKy: toDmy(registered),
      TrangThaiPhucVu: status,
      DonVi: status === TrangThaiPhucVu.taiNgu ? pickUnit(rng, issuer) : null,
      CapBac: rank ?? null,
      NgayNhapNgu: enlisted === undefined ? null : toDmy(enlisted),
      NgayXuatNgu: discharged === undefined ? null : toDmy(discharged),
      PhanLoaiSucKhoe: health,
      PhienBan: 1,
      CapNhatLuc: new Date(updatedAt).toISOString(),
    };
  }
}

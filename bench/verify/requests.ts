import type { populationV1 } from '@motlan/proto';
import type { NpdbCitizen } from '../lib/npdb.ts';

/** The procedure code every verification names (a purpose is mandatory). */
export const PURPOSE = '1.001234';

/** A VerifyCitizenRequest (the generated type) with every field the bench sets present. */
export interface VerifyRequest extends populationV1.VerifyCitizenRequest {
  personalId: string;
  claims: populationV1.ClaimedAttributes__Output;
  purpose: string;
}

export interface PlannedVerification {
  request: VerifyRequest;
  /** What the adapter must answer for claims copied from the record: alive citizens verify. */
  expectVerified: boolean;
}

const SEX: Record<string, string> = { '1': 'male', '2': 'female' };

/** Every how many requests claims a wrong date of birth, so a right answer is not always `true`. */
export const MISMATCH_EVERY = 10;

/** The day before a yyyyMMdd date, as YYYY-MM-DD. */
function dayBefore(yyyymmdd: string): string {
  const date = new Date(
    Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6, 8) - 1),
  );
  return date.toISOString().slice(0, 10);
}

/**
 * Claims copied from the simulator's own record, so each call does the whole check and a correct
 * adapter answers `verified: true` for every living citizen (deceased ones verify as false). With
 * `wrongBirthDate` the claimed date is a day early and the answer must be `false`.
 */
export function verificationFor(citizen: NpdbCitizen, wrongBirthDate = false): PlannedVerification {
  const { Ho, ChuDem, Ten } = citizen.HoVaTen;
  const date = citizen.NgayThangNamSinh;
  const sex = SEX[citizen.GioiTinh] ?? '';
  const dateOfBirth = wrongBirthDate
    ? dayBefore(date)
    : `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
  return {
    request: {
      personalId: citizen.SoDinhDanh,
      claims: {
        fullName: [Ho, ChuDem, Ten].filter((part) => part !== '').join(' '),
        dateOfBirth,
        sex,
      },
      purpose: PURPOSE,
    },
    expectVerified: !wrongBirthDate && citizen.TrangThai !== 'DA_MAT' && sex !== '',
  };
}

/** `count` citizens spread evenly over the whole population (not just its first IDs). */
export function spreadSample<T>(items: T[], count: number): T[] {
  if (count >= items.length) return items;
  const step = items.length / count;
  return Array.from({ length: count }, (_, index) => items[Math.floor(index * step)]!);
}

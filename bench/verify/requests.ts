import type { populationV1 } from '@motlan/proto';
import type { NpdbCitizen } from '../lib/npdb.ts';
import { dayBefore, type PlannedVerification } from '../lib/verifications.ts';

/** The procedure code every verification names (a purpose is mandatory). */
export const PURPOSE = '1.001234';

/** A VerifyCitizenRequest (the generated type) with every field the bench sets present. */
export interface VerifyRequest extends populationV1.VerifyCitizenRequest {
  personalId: string;
  claims: populationV1.ClaimedAttributes__Output;
  purpose: string;
}

const SEX: Record<string, string> = { '1': 'male', '2': 'female' };

/**
 * Claims copied from the simulator's own record, so each call does the whole check and a correct
 * adapter answers `verified: true` for every living citizen (deceased ones verify as false). With
 * `wrongBirthDate` the claimed date is a day early and the answer must be `false`.
 */
export function verificationFor(
  citizen: NpdbCitizen,
  wrongBirthDate = false,
): PlannedVerification<VerifyRequest> {
  const { Ho, ChuDem, Ten } = citizen.HoVaTen;
  const date = citizen.NgayThangNamSinh;
  const sex = SEX[citizen.GioiTinh] ?? '';
  const recorded = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
  const dateOfBirth = wrongBirthDate ? dayBefore(recorded) : recorded;
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

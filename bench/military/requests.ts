/**
 * `military`'s planned VerifyServiceMember calls: for each sampled personnel record one by
 * personal ID and one by military person code, with claims copied from the record itself.
 */
import type { militaryV1 } from '@motlan/proto';
import type { MpdbRecord } from '../lib/mpdb.ts';
import { dayBefore, type PlannedVerification } from '../lib/verifications.ts';
import { PURPOSE } from '../verify/requests.ts';

/** A VerifyServiceMemberRequest (the generated type) naming the person by exactly one key. */
export type ServiceMemberRequest = militaryV1.VerifyServiceMemberRequest & {
  claims: militaryV1.ServiceMemberClaims;
  purpose: string;
};

export interface PlannedMember {
  byPersonalId: PlannedVerification<ServiceMemberRequest>;
  byMilitaryCode: PlannedVerification<ServiceMemberRequest>;
}

/** A recorded dd/MM/yyyy as the YYYY-MM-DD a person would claim: an unknown day or month (`00`) as 01. */
function claimedDate(recorded: string): string {
  const [day, month, year] = recorded.split('/');
  return `${year}-${month === '00' ? '01' : month}-${day === '00' ? '01' : day}`;
}

/**
 * Claims copied from the personnel record (name, date of birth, and the other key), so each call
 * checks every attribute and a correct adapter answers `verified: true`. With `wrongBirthDate` the
 * claimed date is a day early — for a record with an unknown day or month that is the 1st's day
 * before, another month or year — so the answer must be `false`.
 */
export function memberVerificationsFor(record: MpdbRecord, wrongBirthDate = false): PlannedMember {
  const recorded = claimedDate(record.NgaySinh);
  const common = {
    fullName: record.HoVaTen,
    dateOfBirth: wrongBirthDate ? dayBefore(recorded) : recorded,
  };
  const expectVerified = !wrongBirthDate;
  return {
    byPersonalId: {
      request: {
        personalId: record.SoDinhDanh,
        claims: { ...common, militaryCode: record.MaDinhDanhQuanNhan },
        purpose: PURPOSE,
      },
      expectVerified,
    },
    byMilitaryCode: {
      request: {
        militaryCode: record.MaDinhDanhQuanNhan,
        claims: { ...common, personalId: record.SoDinhDanh },
        purpose: PURPOSE,
      },
      expectVerified,
    },
  };
}

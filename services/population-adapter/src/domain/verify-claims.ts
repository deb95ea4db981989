import { joinFullName, matchDate, matchName } from '@motlan/domain';
import type { NpdbRecord } from './npdb-record.ts';
import { isoDate } from './map-record.ts';

export interface Claims {
  fullName?: string;
  dateOfBirth?: string;
  sex?: string;
}

export type Outcome = 'MATCH_OUTCOME_MATCH' | 'MATCH_OUTCOME_MISMATCH' | 'MATCH_OUTCOME_NOT_CLAIMED';

export interface AttributeResult {
  attribute: 'full_name' | 'date_of_birth' | 'sex';
  outcome: Outcome;
  tolerated: string[];
}

export interface Verification {
  verified: boolean;
  attributes: AttributeResult[];
  vitalStatus: 'alive' | 'deceased';
}

/** Tolerance reported when a claimed date matched a recorded date whose day or month is unknown. */
export const PARTIAL_DATE = 'partial_date';

const SEX_CODE: Record<string, string> = { male: '1', female: '2' };

/**
 * Compares claimed attributes with the record and says only match or mismatch per attribute
 * (and what was tolerated): the recorded values never leave this function.
 */
export function verifyClaims(record: NpdbRecord, claims: Claims): Verification {
  const attributes: AttributeResult[] = [];

  if (claims.fullName) {
    const result = matchName(
      claims.fullName,
      joinFullName({
        family: record.HoVaTen.Ho,
        middle: record.HoVaTen.ChuDem,
        given: record.HoVaTen.Ten,
      }),
    );
    attributes.push({
      attribute: 'full_name',
      outcome: result.match ? 'MATCH_OUTCOME_MATCH' : 'MATCH_OUTCOME_MISMATCH',
      tolerated: result.match ? [...result.tolerated] : [],
    });
  } else attributes.push({ attribute: 'full_name', outcome: 'MATCH_OUTCOME_NOT_CLAIMED', tolerated: [] });

  if (claims.dateOfBirth) {
    // A record that knows only the year (or month and year) matches on what it knows; the
    // match is reported as partial ("partial_date"), never as exact.
    const result = matchDate(claims.dateOfBirth, isoDate(record.NgayThangNamSinh));
    attributes.push({
      attribute: 'date_of_birth',
      outcome: result.match ? 'MATCH_OUTCOME_MATCH' : 'MATCH_OUTCOME_MISMATCH',
      tolerated: result.match && !result.exact ? [PARTIAL_DATE] : [],
    });
  } else attributes.push({ attribute: 'date_of_birth', outcome: 'MATCH_OUTCOME_NOT_CLAIMED', tolerated: [] });

  if (claims.sex) {
    const match = SEX_CODE[claims.sex] === record.GioiTinh;
    attributes.push({
      attribute: 'sex',
      outcome: match ? 'MATCH_OUTCOME_MATCH' : 'MATCH_OUTCOME_MISMATCH',
      tolerated: [],
    });
  } else attributes.push({ attribute: 'sex', outcome: 'MATCH_OUTCOME_NOT_CLAIMED', tolerated: [] });

  const vitalStatus = record.TrangThai === 'DA_MAT' ? 'deceased' : 'alive';
  const claimed = attributes.filter((attribute) => attribute.outcome !== 'MATCH_OUTCOME_NOT_CLAIMED');
  return {
    verified:
      vitalStatus === 'alive' && claimed.every((attribute) => attribute.outcome === 'MATCH_OUTCOME_MATCH'),
    attributes,
    vitalStatus,
  };
}

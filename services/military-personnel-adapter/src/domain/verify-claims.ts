import { matchDate, matchName } from '@motlan/domain';
import type { MpdbRecord } from './mpdb-record.ts';
import { isoDate } from './map-record.ts';

export interface Claims {
  fullName?: string;
  dateOfBirth?: string;
  militaryCode?: string;
  personalId?: string;
}

export type Outcome = 'MATCH_OUTCOME_MATCH' | 'MATCH_OUTCOME_MISMATCH' | 'MATCH_OUTCOME_NOT_CLAIMED';

export interface AttributeResult {
  attribute: 'full_name' | 'date_of_birth' | 'military_code' | 'personal_id';
  outcome: Outcome;
  tolerated: string[];
}

export interface Verification {
  verified: boolean;
  attributes: AttributeResult[];
}

/** Tolerance reported when a claimed date matched a recorded date whose day or month is unknown. */
export const PARTIAL_DATE = 'partial_date';

const outcome = (match: boolean): Outcome => (match ? 'MATCH_OUTCOME_MATCH' : 'MATCH_OUTCOME_MISMATCH');
const notClaimed = (attribute: AttributeResult['attribute']): AttributeResult => ({
  attribute,
  outcome: 'MATCH_OUTCOME_NOT_CLAIMED',
  tolerated: [],
});

/**
 * Compares claimed attributes with the personnel record and says only match or mismatch per
 * attribute (and what was tolerated): the recorded values never leave this function. Names are
 * matched as for VerifyCitizen; codes and IDs exactly (they carry their own check rules).
 */
export function verifyClaims(record: MpdbRecord, claims: Claims): Verification {
  const attributes: AttributeResult[] = [];
  if (claims.fullName) {
    const result = matchName(claims.fullName, record.HoVaTen);
    attributes.push({
      attribute: 'full_name',
      outcome: outcome(result.match),
      tolerated: result.match ? [...result.tolerated] : [],
    });
  } else attributes.push(notClaimed('full_name'));

  if (claims.dateOfBirth) {
    const result = matchDate(claims.dateOfBirth, isoDate(record.NgaySinh));
    attributes.push({
      attribute: 'date_of_birth',
      outcome: outcome(result.match),
      tolerated: result.match && !result.exact ? [PARTIAL_DATE] : [],
    });
  } else attributes.push(notClaimed('date_of_birth'));

  attributes.push(
    claims.militaryCode
      ? {
          attribute: 'military_code',
          outcome: outcome(claims.militaryCode === record.MaDinhDanhQuanNhan),
          tolerated: [],
        }
      : notClaimed('military_code'),
  );
  attributes.push(
    claims.personalId
      ? { attribute: 'personal_id', outcome: outcome(claims.personalId === record.SoDinhDanh), tolerated: [] }
      : notClaimed('personal_id'),
  );

  const claimed = attributes.filter((attribute) => attribute.outcome !== 'MATCH_OUTCOME_NOT_CLAIMED');
  return { verified: claimed.every((attribute) => attribute.outcome === 'MATCH_OUTCOME_MATCH'), attributes };
}

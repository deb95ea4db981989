import { validatePersonalId } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { OneStopErrors } from '../errors.ts';

export interface Applicant {
  personalId: string;
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
}

/** The population database's answer to the applicant's claims, as far as the refusal needs it. */
export interface Verification {
  citizenFound: boolean;
  /** Claimed attributes that did not match (`full_name`, `date_of_birth`). */
  mismatched: readonly string[];
  vitalStatus: string;
}

/** The personal ID's own rules (MOTLAN_PERSONAL_ID_*) and a name to look up, before any call. */
export function checkApplicant(applicant: Applicant): void {
  validatePersonalId(applicant.personalId, { dateOfBirth: applicant.dateOfBirth }, 'applicant.personalId');
  if (!applicant.fullName.trim()) {
    throw new MotlanError(CommonErrors.validation, 'applicant.fullName must not be empty', {
      field: 'applicant.fullName',
    });
  }
}

/**
 * 422 MOTLAN_APPLICANT_NOT_VERIFIED naming the attribute that failed (the field of the request),
 * never the recorded value.
 */
export function notVerified(answer: Verification): MotlanError {
  const mismatch = answer.mismatched[0];
  return new MotlanError(
    OneStopErrors.applicantNotVerified,
    !answer.citizenFound
      ? 'No citizen with this personal ID in the national population database'
      : answer.vitalStatus === 'deceased'
        ? 'The population database records this citizen as deceased'
        : `The applicant's ${answer.mismatched.join(' and ').replaceAll('_', ' ')} do not match the population database`,
    {
      field:
        mismatch === 'date_of_birth'
          ? 'applicant.dateOfBirth'
          : mismatch
            ? 'applicant.fullName'
            : 'applicant.personalId',
      meta: { mismatched: answer.mismatched.join(',') },
    },
  );
}

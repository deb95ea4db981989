import { MotlanError } from '@motlan/errors';
import { OneStopErrors } from '../errors.ts';
import type { ApplicantContext } from './callers.ts';
import type { Dossier } from './dossier.ts';

/** 404 MOTLAN_DOSSIER_NOT_FOUND unless there is a dossier (for callers who may learn which exist). */
export function found(dossier: Dossier | undefined, idOrCode: string): Dossier {
  if (!dossier) {
    throw new MotlanError(
      OneStopErrors.dossierNotFound,
      `No dossier ${JSON.stringify(idOrCode).slice(0, 60)}`,
      {
        field: 'dossierId',
      },
    );
  }
  return dossier;
}

/**
 * The dossier, if it is `applicant`'s. A portal is answered the same 403 MOTLAN_NOT_THE_APPLICANT
 * for another applicant's dossier and for none at all, so it cannot learn which codes exist.
 */
export function applicantsOwn(
  dossier: Dossier | undefined,
  applicant: ApplicantContext,
  idOrCode: string,
): Dossier {
  if (!dossier || dossier.applicantPersonalId !== applicant.personalId) {
    throw new MotlanError(
      OneStopErrors.notTheApplicant,
      `The applicant ${applicant.client} acts for has no dossier ${JSON.stringify(idOrCode).slice(0, 60)}`,
      { field: 'dossierId' },
    );
  }
  return dossier;
}

/**
 * An officer acts only on the dossiers of the units its system serves (ONE_STOP_OFFICER_CLIENTS):
 * 403 MOTLAN_OFFICER_NOT_ALLOWED for another unit's. No `mayActFor`: a system of every unit.
 */
export function checkUnit(
  dossier: Dossier,
  officer: { actor?: string | undefined; mayActFor?: ((unitCode: string) => boolean) | undefined },
): void {
  if (officer.mayActFor && !officer.mayActFor(dossier.unitCode)) {
    throw new MotlanError(
      OneStopErrors.officerNotAllowed,
      `${officer.actor ?? 'This client'} does not act for handling unit ${dossier.unitCode} (ONE_STOP_OFFICER_CLIENTS)`,
      { meta: { unitCode: dossier.unitCode } },
    );
  }
}

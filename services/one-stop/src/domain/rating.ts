import { MotlanError } from '@motlan/errors';
import { OneStopErrors } from '../errors.ts';
import type { Dossier, StepDraft } from './dossier.ts';
import { EVENT_TYPES } from './lifecycle.ts';

/** Only a resolved dossier is rated: else 409 MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED (action `rate`). */
export function checkRatable(dossier: Dossier): void {
  if (dossier.status !== 'resolved') {
    throw new MotlanError(
      OneStopErrors.transitionNotAllowed,
      `Only a resolved dossier can be rated; this one is ${dossier.status}`,
      { field: 'action', meta: { from: dossier.status, action: 'rate' } },
    );
  }
}

/** The history step of a rating: the applicant's, the dossier staying resolved. */
export function ratingStep(ratedAt: Date): StepDraft {
  return {
    eventType: EVENT_TYPES.rate,
    from: 'resolved',
    to: 'resolved',
    actor: 'applicant',
    reason: null,
    occurredAt: ratedAt,
  };
}

/** 409 MOTLAN_DOSSIER_ALREADY_RATED: a dossier is rated once. */
export function alreadyRated(dossier: Dossier): MotlanError {
  return new MotlanError(OneStopErrors.alreadyRated, `Dossier ${dossier.code} is already rated`);
}

import { MotlanError } from '@motlan/errors';
// The constants alone (no Kafka client): domain/ stays pure logic.
import { DossierEventTypes } from '@motlan/kafka/event-types';
import { OneStopErrors } from '../errors.ts';

export const DOSSIER_STATUSES = [
  'received',
  'in_processing',
  'supplement_requested',
  'resolved',
  'rejected',
  'withdrawn',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_ACTIONS = [
  'start-processing',
  'request-supplement',
  'supplement',
  'resolve',
  'reject',
  'withdraw',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

/** The handling unit's actions: only its officers' systems (a client certificate) may take them. */
export const OFFICER_ACTIONS = [
  'start-processing',
  'request-supplement',
  'resolve',
  'reject',
] as const satisfies readonly DossierAction[];
export type OfficerAction = (typeof OFFICER_ACTIONS)[number];

/** The applicant's own actions, open to the citizen portal like intake. */
export const APPLICANT_ACTIONS = ['supplement', 'withdraw'] as const satisfies readonly DossierAction[];
export type ApplicantAction = (typeof APPLICANT_ACTIONS)[number];

export function isOfficerAction(action: DossierAction): action is OfficerAction {
  return (OFFICER_ACTIONS as readonly DossierAction[]).includes(action);
}

export const FINAL_STATUSES: readonly DossierStatus[] = ['resolved', 'rejected', 'withdrawn'];

/**
 * Every allowed transition: action → (from → to). Anything not listed is refused, so a withdrawn
 * or resolved dossier can never be resolved, rejected or reopened.
 */
const TRANSITIONS: Record<DossierAction, Partial<Record<DossierStatus, DossierStatus>>> = {
  'start-processing': { received: 'in_processing' },
  'request-supplement': { in_processing: 'supplement_requested' },
  supplement: { supplement_requested: 'in_processing' },
  resolve: { in_processing: 'resolved' },
  reject: { received: 'rejected', in_processing: 'rejected', supplement_requested: 'rejected' },
  withdraw: { received: 'withdrawn', in_processing: 'withdrawn', supplement_requested: 'withdrawn' },
};

export const EVENT_TYPES: Record<DossierAction | 'receive' | 'rate', string> = {
  receive: DossierEventTypes.received,
  'start-processing': DossierEventTypes.processingStarted,
  'request-supplement': DossierEventTypes.supplementRequested,
  supplement: DossierEventTypes.supplemented,
  resolve: DossierEventTypes.resolved,
  reject: DossierEventTypes.rejected,
  withdraw: DossierEventTypes.withdrawn,
  rate: DossierEventTypes.rated,
};

/** The status an action leads to from `from`; throws MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED otherwise. */
export function transition(from: DossierStatus, action: DossierAction): DossierStatus {
  const to = TRANSITIONS[action][from];
  if (to === undefined) {
    const allowedFrom = Object.keys(TRANSITIONS[action]).join(', ');
    throw new MotlanError(
      OneStopErrors.transitionNotAllowed,
      `Cannot ${action} a dossier that is ${from}; allowed only when ${allowedFrom}`,
      { field: 'action', meta: { from, action } },
    );
  }
  return to;
}

/** The actions allowed now, for clients that show buttons. */
export function allowedActions(from: DossierStatus): DossierAction[] {
  return DOSSIER_ACTIONS.filter((action) => TRANSITIONS[action][from] !== undefined);
}

export function toProtoStatus(status: DossierStatus | undefined): string {
  return status ? `DOSSIER_STATUS_${status.toUpperCase()}` : 'DOSSIER_STATUS_UNSPECIFIED';
}

import type { dossierV1 } from '@motlan/proto';
import type { Dossier, HistoryStep } from './dossier.ts';
import { toProtoStatus, type DossierStatus } from './lifecycle.ts';

export interface DossierState {
  id: string;
  code: string;
  procedureCode: string;
  unitCode: string;
  applicantPersonalId: string;
  receivedAt: Date;
  dueAt: Date;
  paused: boolean;
  requiredCount: number;
  prefilledCount: number;
  resultFactId: string | null;
}

export interface Change {
  eventId: string;
  eventType: string;
  from: DossierStatus | undefined;
  to: DossierStatus;
  actor: string;
  reason: string | null;
  occurredAt: Date;
  sequence: number;
  rating?: number;
}

/** The dossier.events.v1 payload of one change. */
export function dossierEvent(state: DossierState, change: Change): dossierV1.DossierEvent {
  return {
    eventId: change.eventId,
    dossierId: state.id,
    dossierCode: state.code,
    procedureCode: state.procedureCode,
    unitCode: state.unitCode,
    eventType: change.eventType,
    fromStatus: toProtoStatus(change.from) as dossierV1.DossierStatus,
    toStatus: toProtoStatus(change.to) as dossierV1.DossierStatus,
    occurredAt: change.occurredAt.toISOString(),
    receivedAt: state.receivedAt.toISOString(),
    dueAt: state.paused ? '' : state.dueAt.toISOString(),
    actor: change.actor,
    reason: change.reason ?? '',
    applicantPersonalId: state.applicantPersonalId,
    requiredFacts: state.requiredCount,
    prefilledFacts: state.prefilledCount,
    resultFactId: state.resultFactId ?? '',
    rating: change.rating ?? 0,
    sequence: String(change.sequence),
  };
}

/** The dossier.events.v1 payload of a recorded step of `dossier` (as it is after the step). */
export function stepEvent(dossier: Dossier, step: HistoryStep, rating?: number): dossierV1.DossierEvent {
  return dossierEvent(
    {
      id: dossier.id,
      code: dossier.code,
      procedureCode: dossier.procedureCode,
      unitCode: dossier.unitCode,
      applicantPersonalId: dossier.applicantPersonalId,
      receivedAt: dossier.receivedAt,
      dueAt: dossier.dueAt,
      paused: dossier.status === 'supplement_requested',
      requiredCount: dossier.requiredCount,
      prefilledCount: dossier.prefilledCount,
      resultFactId: dossier.resultFactId,
    },
    { ...step, from: step.from ?? undefined, ...(rating ? { rating } : {}) },
  );
}

import { isDueProvisional } from './deadline.ts';
import type { Dossier, DossierOrigin, HistoryStep, Rating } from './dossier.ts';
import { allowedActions, FINAL_STATUSES, type DossierAction, type DossierStatus } from './lifecycle.ts';
import type { DossierFact } from './prefill.ts';
import type { WorkingCalendar } from './working-calendar.ts';

/** A dossier as answered (REST `Dossier` schema): times RFC 3339, fact values not yet filtered. */
export interface DossierView {
  id: string;
  code: string;
  procedureCode: string;
  procedureName: string;
  unitCode: string;
  applicantPersonalId: string;
  status: DossierStatus;
  receivedAt: string;
  dueAt: string;
  /** The due date counts computed holidays of a year whose official decision is not in yet. */
  dueProvisional: boolean;
  paused: boolean;
  remainingWorkingDays: number | null;
  closedAt: string | null;
  onTime: boolean | null;
  facts: DossierFact[];
  documents: string[];
  onceOnly: { required: number; prefilled: number; supplied: number };
  resultFactId: string | null;
  reason: string | null;
  origin: DossierOrigin;
  allowedActions: DossierAction[];
  history: {
    sequence: number;
    eventType: string;
    from: DossierStatus | null;
    to: DossierStatus;
    actor: string;
    reason: string | null;
    occurredAt: string;
  }[];
  rating: { score: number; comment: string | null; ratedAt: string } | null;
}

/**
 * The view of a dossier with its history and rating. On time: closed with a result (resolved or
 * rejected) by its due time; a withdrawn or open dossier has no such answer (null). Provisional:
 * worked out from the calendar as it stands (README "Deadline rules").
 */
export function dossierView(
  dossier: Dossier,
  steps: readonly HistoryStep[],
  rating: Rating | null,
  context: { procedureName: string; calendar: WorkingCalendar },
): DossierView {
  const paused = dossier.status === 'supplement_requested';
  const closed = FINAL_STATUSES.includes(dossier.status);
  return {
    id: dossier.id,
    code: dossier.code,
    procedureCode: dossier.procedureCode,
    procedureName: context.procedureName,
    unitCode: dossier.unitCode,
    applicantPersonalId: dossier.applicantPersonalId,
    status: dossier.status,
    receivedAt: dossier.receivedAt.toISOString(),
    dueAt: dossier.dueAt.toISOString(),
    dueProvisional: isDueProvisional(context.calendar, dossier.receivedAt, dossier.dueAt),
    paused,
    remainingWorkingDays: paused ? dossier.pausedRemainingDays : null,
    closedAt: dossier.closedAt?.toISOString() ?? null,
    onTime:
      closed && dossier.status !== 'withdrawn' && dossier.closedAt ? dossier.closedAt <= dossier.dueAt : null,
    facts: dossier.facts,
    documents: dossier.documents,
    onceOnly: {
      required: dossier.requiredCount,
      prefilled: dossier.prefilledCount,
      supplied: dossier.facts.filter((fact) => fact.origin === 'supplied').length,
    },
    resultFactId: dossier.resultFactId,
    reason: dossier.reason,
    origin: dossier.origin,
    allowedActions: allowedActions(dossier.status),
    history: steps.map((step) => ({
      sequence: step.sequence,
      eventType: step.eventType,
      from: step.from,
      to: step.to,
      actor: step.actor,
      reason: step.reason,
      occurredAt: step.occurredAt.toISOString(),
    })),
    rating: rating
      ? { score: rating.score, comment: rating.comment, ratedAt: rating.ratedAt.toISOString() }
      : null,
  };
}

import type { DeclaredFact } from '@motlan/domain';
import { dueAt } from './deadline.ts';
import { APPLICANT_ORIGIN, type Dossier, type DossierOrigin, type StepDraft } from './dossier.ts';
import { handlingUnit } from './handling-unit.ts';
import { EVENT_TYPES } from './lifecycle.ts';
import type { Completed } from './prefill.ts';
import type { Procedure } from './procedure.ts';
import { withDeclaredFacts } from './supplied-facts.ts';
import type { WorkingCalendar } from './working-calendar.ts';

export interface Receipt {
  id: string;
  code: string;
  procedure: Procedure;
  applicantPersonalId: string;
  /** The handling unit if the caller names one; else the applicant's permanent residence decides. */
  unitCode?: string | undefined;
  /** The facts checked against the procedure (`completeFacts`). */
  completed: Completed;
  /** What the applicant typed in, as the self-declared facts declared with the dossier. */
  declared: readonly DeclaredFact[];
  documents: string[];
  receivedAt: Date;
  /** Absent: handed in by the applicant (`APPLICANT_ORIGIN`), the first step's actor `applicant`. */
  origin?: DossierOrigin;
  /** The first step's actor and reason, for a dossier the mesh opens (default `applicant`, none). */
  openedBy?: { actor: string; reason: string };
}

/**
 * A received dossier and its first step: the clock starts at receipt (`dueAt`, the procedure's
 * limit in working days), each typed-in fact carries the id of the fact declared for it, and the
 * handling unit is the one of the applicant's permanent residence unless named.
 */
export function receive(receipt: Receipt, calendar: WorkingCalendar): { dossier: Dossier; step: StepDraft } {
  const { procedure, receivedAt } = receipt;
  const facts = withDeclaredFacts(receipt.completed.facts, receipt.declared);
  const permanent = facts.find((fact) => fact.type === 'residence.permanent')?.value;
  const dossier: Dossier = {
    id: receipt.id,
    code: receipt.code,
    procedureCode: procedure.code,
    unitCode: receipt.unitCode ?? handlingUnit(procedure, permanent),
    applicantPersonalId: receipt.applicantPersonalId,
    status: 'received',
    receivedAt,
    dueAt: dueAt(calendar, receivedAt, procedure.timeLimitWorkingDays),
    pausedAt: null,
    pausedRemainingDays: null,
    closedAt: null,
    requiredCount: procedure.requiredFacts.length,
    prefilledCount: receipt.completed.prefilledCount,
    facts,
    documents: receipt.documents,
    resultFactId: null,
    reason: null,
    origin: receipt.origin ?? APPLICANT_ORIGIN,
    version: 1,
    updatedAt: receivedAt,
  };
  const step: StepDraft = {
    eventType: EVENT_TYPES.receive,
    from: null,
    to: 'received',
    actor: receipt.openedBy?.actor ?? 'applicant',
    reason: receipt.openedBy?.reason ?? null,
    occurredAt: receivedAt,
  };
  return { dossier, step };
}

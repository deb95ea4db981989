import type { DeclaredFact } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
// The constants alone (no Kafka client): domain/ stays pure logic.
import { EventTypes } from '@motlan/kafka/event-types';
import { dueAfterResume, remainingAtPause } from './deadline.ts';
import type { Dossier, StepDraft } from './dossier.ts';
import { EVENT_TYPES, isOfficerAction, transition, type DossierAction } from './lifecycle.ts';
import type { Procedure } from './procedure.ts';
import { resultFact, resultValue } from './result-fact.ts';
import { withDeclaredFacts } from './supplied-facts.ts';
import type { WorkingCalendar } from './working-calendar.ts';

/** What an action brings, checked and prepared by the caller (the transport never sets `actor` for applicants). */
export interface ActionRequest {
  /** The officer as authenticated (certificate name, `/X-Officer-Id`); officer actions only. */
  officer?: string | undefined;
  reason?: string | undefined;
  /** supplement: documents handed in (codes of the procedure's documents). */
  documents?: readonly string[] | undefined;
  /** supplement: the facts declared from what was handed in (`declareSupplied`). */
  declared?: readonly DeclaredFact[] | undefined;
  /** resolve: the result fact's value (`resultOf`); undefined for a procedure without a result. */
  result?: unknown;
}

export interface DecisionContext {
  now: Date;
  calendar: WorkingCalendar;
  procedure: Procedure;
  /** Source of result facts whose template names none (RESULT_SOURCE_SYSTEM). */
  resultSourceSystem: string;
}

/** A fact for citizen.facts.v1 that a change emits after its dossier event. */
export interface FactEvent {
  /** `fact.declared` (typed in by the applicant) or `fact.resolved` (the dossier's result). */
  eventType: string;
  factId: string;
  /** The subject: the key on citizen.facts.v1. */
  personalId: string;
  /** A motlan.common.v1.Fact as an object. */
  fact: object;
}

/** An action's effects as data: the dossier after it, its history step, the facts it emits. */
export interface Decision {
  /** The dossier after the action (the store bumps `version` when writing it). */
  dossier: Dossier;
  step: StepDraft;
  /** In order, after the step's dossier event: a reader of both topics sees the decision first. */
  facts: FactEvent[];
}

/** A fact the applicant typed in, as emitted for citizen.facts.v1 (`fact.declared`). */
export function declaredFactEvent(fact: DeclaredFact): FactEvent {
  return { eventType: EventTypes.factDeclared, factId: fact.id, personalId: fact.subject.personalId, fact };
}

type Effect = (
  dossier: Dossier,
  request: ActionRequest,
  context: DecisionContext,
) => { changes?: Partial<Dossier>; facts?: FactEvent[] };

const close: Effect = (_dossier, _request, { now }) => ({ changes: { closedAt: now } });

/**
 * What each action does besides moving the status (the deadline rules: README "Deadline rules"):
 * a supplement request stops the clock keeping the working days left; the supplement restarts it
 * and adds what was handed in (its declared facts commit with it: both or neither); a resolution
 * closes the dossier and emits its result fact (README "Results"); a rejection or withdrawal closes it.
 */
const EFFECTS: Record<DossierAction, Effect> = {
  'start-processing': () => ({}),
  'request-supplement': (dossier, _request, { now, calendar }) => ({
    changes: { pausedAt: now, pausedRemainingDays: remainingAtPause(calendar, dossier.dueAt, now) },
  }),
  supplement: (dossier, request, { now, calendar }) => {
    const declared = request.declared ?? [];
    const facts = declared.length === 0 ? dossier.facts : withDeclaredFacts(dossier.facts, declared);
    return {
      changes: {
        dueAt: dueAfterResume(
          calendar,
          {
            dueAt: dossier.dueAt,
            pausedAt: dossier.pausedAt ?? now,
            remaining: dossier.pausedRemainingDays ?? 0,
          },
          now,
        ),
        pausedAt: null,
        pausedRemainingDays: null,
        facts,
        prefilledCount: facts.filter((fact) => fact.origin === 'prefilled').length,
        documents: [...new Set([...dossier.documents, ...(request.documents ?? [])])],
      },
      facts: declared.map(declaredFactEvent),
    };
  },
  resolve: (dossier, request, { now, procedure, resultSourceSystem }) => {
    if (!procedure.resultFact || request.result === undefined) return { changes: { closedAt: now } };
    const fact = resultFact(
      procedure.resultFact.type,
      request.result,
      { id: dossier.id, code: dossier.code, personalId: dossier.applicantPersonalId },
      // A provincial command's permit is its own; commune results come from the default.
      procedure.resultFact.sourceSystem ?? resultSourceSystem,
      now,
    );
    return {
      changes: { closedAt: now, resultFactId: fact.id! },
      facts: [
        {
          eventType: EventTypes.factResolved,
          factId: fact.id!,
          personalId: dossier.applicantPersonalId,
          fact,
        },
      ],
    };
  },
  reject: close,
  withdraw: close,
};

/**
 * Whether `action` may be taken on the dossier as it is: the transition is allowed
 * (MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED, 409) and a supplement request or a rejection gives a
 * reason the applicant can act on (MOTLAN_VALIDATION_FAILED, `reason`).
 */
export function checkAction(dossier: Dossier, action: DossierAction, reason: string | undefined): void {
  transition(dossier.status, action);
  if ((action === 'request-supplement' || action === 'reject') && !reason?.trim()) {
    throw new MotlanError(CommonErrors.validation, `${action} needs a reason the applicant can act on`, {
      field: 'reason',
    });
  }
}

/**
 * The result value a resolution records (`resultValue`: what the dossier gives, with what the
 * officer gives in `result`); any other action given a result is refused (`result`).
 */
export function resultOf(
  action: DossierAction,
  procedure: Procedure,
  dossier: Dossier,
  now: Date,
  result: unknown,
): unknown {
  if (action === 'resolve') {
    return resultValue(procedure, { unitCode: dossier.unitCode, facts: dossier.facts }, now, result);
  }
  if (result !== undefined) {
    throw new MotlanError(CommonErrors.validation, 'Only resolve takes a result', { field: 'result' });
  }
  return undefined;
}

/**
 * One lifecycle action on `dossier` (as it stands under the store's lock): the new status
 * (refused with MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED, nothing decided), the action's effects, its
 * history step — recorded as the officer for the handling unit's actions, `applicant` for the
 * applicant's — and the facts it emits. Pure: the same inputs decide the same change.
 */
export function decide(
  dossier: Dossier,
  action: DossierAction,
  request: ActionRequest,
  context: DecisionContext,
): Decision {
  const from = dossier.status;
  const to = transition(from, action);
  const effect = EFFECTS[action](dossier, request, context);
  const next: Dossier = { ...dossier, ...effect.changes, status: to, updatedAt: context.now };
  if (request.reason !== undefined) next.reason = request.reason;
  return {
    dossier: next,
    step: {
      eventType: EVENT_TYPES[action],
      from,
      to,
      actor: isOfficerAction(action) ? (request.officer ?? 'officer') : 'applicant',
      reason: request.reason ?? null,
      occurredAt: context.now,
    },
    facts: effect.facts ?? [],
  };
}

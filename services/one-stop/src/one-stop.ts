import { randomUUID } from 'node:crypto';
import { withTransaction, type Pool, type PoolClient } from '@motlan/db';
import {
  contentHash,
  declaredFacts,
  DomainErrors,
  FACT_CATALOG,
  validatePersonalId,
  type DeclaredFact,
  type FactTypeName,
} from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { IDEMPOTENCY_KEY_HEADER } from '@motlan/http';
import { EventTypes, Topics } from '@motlan/kafka';
import type { ApplicantContext, DossierCaller } from './domain/callers.ts';
import { dueAfterResume, dueAt, isDueProvisional, remainingAtPause } from './domain/deadline.ts';
import { dossierEvent, type Change as DossierChange, type DossierState } from './domain/events.ts';
import { handlingUnit } from './domain/handling-unit.ts';
import {
  allowedActions,
  EVENT_TYPES,
  FINAL_STATUSES,
  isOfficerAction,
  transition,
  type DossierAction,
  type DossierStatus,
} from './domain/lifecycle.ts';
import {
  checkDocuments,
  completeFacts,
  prefill,
  type DossierFact,
  type Prefill,
  type SuppliedFact,
} from './domain/prefill.ts';
import type { ProcedureCatalog } from './domain/procedure-catalog.ts';
import type { Procedure } from './domain/procedure.ts';
import { buildReport, type Report } from './domain/report.ts';
import { resultFact, resultValue } from './domain/result-fact.ts';
import { DECLARING_CLIENT, withDeclaredFacts } from './domain/supplied-facts.ts';
import { vietnamDate, type WorkingCalendar } from './domain/working-calendar.ts';
import { OneStopErrors } from './errors.ts';
import type { ApplicantVerifier, FactStore } from './mesh/ports.ts';
import {
  appendHistory,
  findDossier,
  findRating,
  history,
  DossierNumbers,
  insertNewDossier,
  insertRating,
  lastSequence,
  updateDossier,
  type DossierRow,
  type HistoryRow,
} from './store/dossier-store.ts';
import { findIdempotencyRecord, isDuplicateKey } from './store/idempotency-keys.ts';
import { enqueue, type OutboxEvent } from './store/outbox.ts';
import { reportCounts } from './store/report-queries.ts';

export interface Applicant {
  personalId: string;
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
}

export interface OneStopDeps {
  pool: Pool;
  catalog: ProcedureCatalog;
  calendar: WorkingCalendar;
  verifier: ApplicantVerifier;
  facts: FactStore;
  /**
   * Source system written in result facts' provenance, e.g. `commune-military-command`, unless the
   * procedure's result template names its own.
   */
  resultSourceSystem: string;
  now?: () => Date;
  /** Called after a commit that wrote outbox events (wakes the relay). */
  onCommitted?: () => void;
}

/** An Idempotency-Key as the transport received it, with the client it is scoped to. */
export interface IdempotencyKey {
  /** The calling client (its certificate name, or `anonymous`): keys of different clients never meet. */
  scope: string;
  key: string;
}

export interface PrefillAnswer extends Prefill {
  procedure: Procedure;
  missingDescribed: { type: string; title: string; description: string }[];
}

export interface ActionInput {
  /**
   * Who takes an officer action, as the transport authenticated them (REST: the client
   * certificate's name, then `/` and its X-Officer-Id); never taken from a request body.
   * Applicant actions always record `applicant`.
   */
  actor?: string | undefined;
  /** Whether that officer's system may act for a dossier's handling unit (absent: for any). */
  mayActFor?: ((unitCode: string) => boolean) | undefined;
  /**
   * The applicant a portal acts for (absent: a trusted internal caller): an applicant action on
   * anyone else's dossier is refused with MOTLAN_NOT_THE_APPLICANT and changes nothing.
   */
  applicant?: ApplicantContext | undefined;
  reason?: string | undefined;
  facts?: SuppliedFact[] | undefined;
  documents?: string[] | undefined;
  result?: unknown;
}

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

/** One transition as the service decides it; its event id, number and rating are added when recorded. */
type Change = Omit<DossierChange, 'eventId' | 'sequence' | 'rating'> & { requestId: string };

const DOSSIER_EVENTS = Topics.dossierEvents.name;
const CITIZEN_FACTS = Topics.citizenFacts.name;

/**
 * The one-stop shop: procedures, dossier intake prefilled from the mesh, the lifecycle with its
 * clock, ratings and reports. Every change commits with its events (outbox) in one transaction.
 */
export class OneStop {
  private readonly now: () => Date;

  private readonly numbers: DossierNumbers;

  constructor(private readonly deps: OneStopDeps) {
    this.now = deps.now ?? (() => new Date());
    this.numbers = new DossierNumbers(deps.pool);
  }

  get catalog(): ProcedureCatalog {
    return this.deps.catalog;
  }

  /** What the mesh already knows for this procedure, and what the applicant must still give. */
  async prefill(request: { procedureCode: string; applicant: Applicant }, requestId: string) {
    const procedure = this.deps.catalog.get(request.procedureCode);
    const state = await this.known(procedure, request.applicant, requestId);
    return {
      procedure,
      ...state,
      missingDescribed: state.missing.map((type) => describe(type)),
    } satisfies PrefillAnswer;
  }

  /**
   * Receives a dossier. The dossier, its first event and the facts the applicant typed in (as
   * self-declared facts for citizen.facts.v1) commit in one statement through the outbox: both
   * or neither, whatever the broker does. With an Idempotency-Key, a repeat of the same request
   * answers the first answer and creates nothing; the same key with another request is refused
   * (MOTLAN_IDEMPOTENCY_KEY_REUSED, 422).
   */
  async submit(
    request: {
      procedureCode: string;
      applicant: Applicant;
      facts?: SuppliedFact[] | undefined;
      documents?: string[] | undefined;
      unitCode?: string | undefined;
    },
    requestId: string,
    idempotency?: IdempotencyKey,
  ): Promise<DossierView> {
    // The operation and the request as JSON says it (an absent property is no property).
    const fingerprint = idempotency ? contentHash({ operation: 'submit', request }) : '';
    if (idempotency) {
      const first = await this.replay(idempotency, fingerprint);
      if (first) return first;
    }
    const procedure = this.deps.catalog.get(request.procedureCode);
    const state = await this.known(procedure, request.applicant, requestId);
    const receivedAt = this.now();
    const completed = completeFacts(procedure, state, request.facts ?? [], receivedAt.toISOString());
    const documents = request.documents ?? [];
    checkDocuments(procedure, documents);

    const id = randomUUID();
    // Declared through the outbox, in the statement that creates the dossier: a dossier that is
    // not created declares nothing, and one that is created declares its facts once.
    const declared = this.declare(request.applicant.personalId, id, completed.toDeclare, receivedAt);
    const facts = withDeclaredFacts(completed.facts, declared);
    const permanent = facts.find((fact) => fact.type === 'residence.permanent')?.value;
    const row: Omit<DossierRow, 'version' | 'code'> = {
      id,
      procedure_code: procedure.code,
      unit_code: request.unitCode ?? handlingUnit(procedure, permanent),
      applicant_personal_id: request.applicant.personalId,
      status: 'received',
      received_at: receivedAt,
      due_at: dueAt(this.deps.calendar, receivedAt, procedure.timeLimitWorkingDays),
      paused_at: null,
      paused_remaining_days: null,
      closed_at: null,
      required_count: procedure.requiredFacts.length,
      prefilled_count: completed.prefilledCount,
      facts,
      documents,
      result_fact_id: null,
      reason: null,
      updated_at: receivedAt,
    };
    const number = await this.numbers.next();
    const code = `MT-${vietnamDate(receivedAt).replaceAll('-', '')}-${String(number).padStart(6, '0')}`;
    const dossier: DossierRow = { ...row, code, version: 1 };
    const { step, event } = this.stepOf(dossier, {
      eventType: EVENT_TYPES.receive,
      from: undefined,
      to: 'received',
      actor: 'applicant',
      reason: null,
      occurredAt: receivedAt,
      requestId,
      sequence: 1,
    });
    // Answered from what is written: a new dossier has this one step and no rating.
    const answer = this.view(dossier, [step], null);
    const events = [event, ...declared.map((fact) => declaredEvent(fact, requestId))];
    try {
      await insertNewDossier(
        this.deps.pool,
        dossier,
        step,
        events,
        idempotency && { ...idempotency, fingerprint, status: 201, answer, dossierId: id },
      );
    } catch (error) {
      // The same key committed meanwhile (a retry racing the first call): nothing was created here.
      if (idempotency && isDuplicateKey(error)) {
        const first = await this.replay(idempotency, fingerprint);
        if (first) return first;
      }
      throw error;
    }
    this.deps.onCommitted?.();
    return answer;
  }

  /**
   * A dossier as `caller` may see it: a portal only its applicant's (else 403
   * MOTLAN_NOT_THE_APPLICANT, whether or not the dossier exists), an officer only its units'
   * (else 403 MOTLAN_OFFICER_NOT_ALLOWED; 404 when there is no such dossier).
   */
  async get(idOrCode: string, caller: DossierCaller): Promise<DossierView> {
    const row = await this.findFor(idOrCode, caller.role === 'applicant' ? caller : undefined);
    if (caller.role === 'officer') this.checkUnit(row, caller);
    return this.viewOf(row);
  }

  private async read(id: string): Promise<DossierView> {
    return this.viewOf(await this.find(this.deps.pool, id));
  }

  private async viewOf(row: DossierRow): Promise<DossierView> {
    const [steps, rating] = await Promise.all([
      history(this.deps.pool, row.id),
      findRating(this.deps.pool, row.id),
    ]);
    return this.view(row, steps, rating ?? null);
  }

  /** One lifecycle action; checked against the current state before and under the row lock. */
  async act(
    idOrCode: string,
    action: DossierAction,
    input: ActionInput,
    requestId: string,
  ): Promise<DossierView> {
    const before = await this.findFor(idOrCode, input.applicant);
    this.checkUnit(before, input);
    transition(before.status, action);
    const procedure = this.deps.catalog.get(before.procedure_code);
    if ((action === 'request-supplement' || action === 'reject') && !input.reason?.trim()) {
      throw new MotlanError(CommonErrors.validation, `${action} needs a reason the applicant can act on`, {
        field: 'reason',
      });
    }
    const now = this.now();
    const supplement =
      action === 'supplement' ? await this.supplement(before, procedure, input, now, requestId) : undefined;
    const result =
      action === 'resolve'
        ? resultValue(procedure, { unitCode: before.unit_code, facts: before.facts }, now, input.result)
        : undefined;
    if (action !== 'resolve' && input.result !== undefined) {
      throw new MotlanError(CommonErrors.validation, 'Only resolve takes a result', { field: 'result' });
    }

    await withTransaction(this.deps.pool, async (tx) => {
      const row = (await findDossier(tx, before.id, true))!;
      if (row.version !== before.version) {
        throw new MotlanError(
          OneStopErrors.concurrentChange,
          `Dossier ${row.code} changed meanwhile; try again`,
        );
      }
      const from = row.status;
      const to = transition(from, action);
      const next: DossierRow = { ...row, status: to, updated_at: now };
      const extra: OutboxEvent[] = [];
      switch (action) {
        case 'request-supplement':
          next.paused_at = now;
          next.paused_remaining_days = remainingAtPause(this.deps.calendar, row.due_at, now);
          break;
        case 'supplement':
          next.due_at = dueAfterResume(
            this.deps.calendar,
            { dueAt: row.due_at, pausedAt: row.paused_at ?? now, remaining: row.paused_remaining_days ?? 0 },
            now,
          );
          next.paused_at = null;
          next.paused_remaining_days = null;
          next.facts = supplement!.facts;
          next.prefilled_count = supplement!.facts.filter((fact) => fact.origin === 'prefilled').length;
          next.documents = [...new Set([...row.documents, ...(input.documents ?? [])])];
          // The declared facts commit with the supplement: both or neither.
          extra.push(...supplement!.events);
          break;
        case 'resolve':
          next.closed_at = now;
          if (procedure.resultFact && result !== undefined) {
            const fact = resultFact(
              procedure.resultFact.type,
              result,
              { id: row.id, code: row.code, personalId: row.applicant_personal_id },
              // A provincial command's permit is its own; commune results come from the default.
              procedure.resultFact.sourceSystem ?? this.deps.resultSourceSystem,
              now,
            );
            next.result_fact_id = fact.id!;
            extra.push({
              eventId: fact.id!,
              topic: CITIZEN_FACTS,
              key: row.applicant_personal_id,
              eventType: EventTypes.factResolved,
              payload: fact,
              correlationId: requestId,
            });
          }
          break;
        case 'reject':
        case 'withdraw':
          next.closed_at = now;
          break;
        case 'start-processing':
          break;
      }
      if (input.reason !== undefined) next.reason = input.reason;
      await updateDossier(tx, next);
      await this.record(tx, next, {
        eventType: EVENT_TYPES[action],
        from,
        to,
        actor: isOfficerAction(action) ? (input.actor ?? 'officer') : 'applicant',
        reason: input.reason ?? null,
        occurredAt: now,
        requestId,
      });
      // The dossier event first: a reader of both topics sees the result after the decision.
      await enqueue(tx, extra);
    });
    this.deps.onCommitted?.();
    return this.read(before.id);
  }

  /**
   * A citizen's satisfaction (1–5) with a resolved dossier; once per dossier. `applicant`: the one
   * a portal acts for, who must be the dossier's (absent: a trusted internal caller).
   */
  async rate(
    idOrCode: string,
    rating: { score: number; comment?: string | undefined },
    requestId: string,
    applicant?: ApplicantContext,
  ) {
    const row = await this.findFor(idOrCode, applicant);
    if (row.status !== 'resolved') {
      throw new MotlanError(
        OneStopErrors.transitionNotAllowed,
        `Only a resolved dossier can be rated; this one is ${row.status}`,
        { field: 'action', meta: { from: row.status, action: 'rate' } },
      );
    }
    const now = this.now();
    await withTransaction(this.deps.pool, async (tx) => {
      const locked = (await findDossier(tx, row.id, true))!;
      const inserted = await insertRating(tx, row.id, {
        score: rating.score,
        comment: rating.comment ?? null,
        ratedAt: now,
      });
      if (!inserted)
        throw new MotlanError(OneStopErrors.alreadyRated, `Dossier ${row.code} is already rated`);
      await this.record(
        tx,
        locked,
        {
          eventType: EVENT_TYPES.rate,
          from: 'resolved',
          to: 'resolved',
          actor: 'applicant',
          reason: null,
          occurredAt: now,
          requestId,
        },
        rating.score,
      );
    });
    this.deps.onCommitted?.();
    return this.read(row.id);
  }

  async report(query: {
    from: Date;
    to: Date;
    procedureCode?: string | undefined;
    unitCode?: string | undefined;
  }): Promise<Report> {
    if (!(query.from < query.to)) {
      throw new MotlanError(CommonErrors.validation, 'from must be before to', { field: 'from' });
    }
    if (query.procedureCode) this.deps.catalog.get(query.procedureCode, 'procedure');
    const now = this.now();
    const asOf = query.to < now ? query.to : now;
    const counts = await reportCounts(this.deps.pool, { ...query, asOf });
    return buildReport({ from: query.from, to: query.to, asOf }, counts, (code) =>
      this.deps.catalog.nameOf(code),
    );
  }

  private async known(procedure: Procedure, applicant: Applicant, requestId: string): Promise<Prefill> {
    checkApplicant(applicant);
    const answer = await this.deps.verifier.verify({ ...applicant, purpose: procedure.code, requestId });
    if (!answer.verified) {
      const mismatch = answer.mismatched[0];
      throw new MotlanError(
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
    const known = await this.deps.facts.getFacts(
      applicant.personalId,
      procedure.requiredFacts,
      procedure.code,
      requestId,
    );
    return prefill(procedure, known);
  }

  /** Facts and documents handed in after a supplement request: checked, then declared. */
  private async supplement(
    row: DossierRow,
    procedure: Procedure,
    input: ActionInput,
    now: Date,
    requestId: string,
  ): Promise<{ facts: DossierFact[]; events: OutboxEvent[] }> {
    const supplied = input.facts ?? [];
    (input.documents ?? []).forEach((code, index) => {
      if (!procedure.documents.some((document) => document.code === code)) {
        throw new MotlanError(
          CommonErrors.validation,
          `Procedure ${procedure.code} has no document ${JSON.stringify(code).slice(0, 60)}`,
          {
            field: `documents.${index}`,
          },
        );
      }
    });
    if (supplied.length === 0) return { facts: row.facts, events: [] };
    const known = await this.deps.facts.getFacts(
      row.applicant_personal_id,
      procedure.requiredFacts,
      procedure.code,
      requestId,
    );
    const state = prefill(procedure, known);
    // Everything required is in the dossier already; what is supplied replaces its entry.
    const completed = completeFacts(procedure, { ...state, missing: [] }, supplied, now.toISOString());
    const declared = this.declare(row.applicant_personal_id, row.id, completed.toDeclare, now);
    return {
      facts: withDeclaredFacts(row.facts, declared),
      events: declared.map((fact) => declaredEvent(fact, requestId)),
    };
  }

  /**
   * What the applicant typed in, as the self-declared facts the registry's DeclareFacts would
   * make of it (one builder: @motlan/domain's declaredFacts), the one-stop shop their source.
   */
  private declare(
    personalId: string,
    dossierId: string,
    facts: readonly SuppliedFact[],
    now: Date,
  ): DeclaredFact[] {
    return facts.length === 0
      ? []
      : declaredFacts({ personalId, dossierId, facts }, DECLARING_CLIENT, { now });
  }

  /** The first answer to this client's key, or undefined if none committed; 422 for another request. */
  private async replay(idempotency: IdempotencyKey, fingerprint: string): Promise<DossierView | undefined> {
    const first = await findIdempotencyRecord(this.deps.pool, idempotency.scope, idempotency.key);
    if (!first) return undefined;
    if (first.fingerprint !== fingerprint) {
      throw new MotlanError(
        DomainErrors.idempotencyKeyReused,
        'This Idempotency-Key was first used with another request; use a new key for a new request',
        { field: `headers.${IDEMPOTENCY_KEY_HEADER}` },
      );
    }
    return first.answer as DossierView;
  }

  /**
   * The dossier, if `applicant` (when given) is its applicant. A portal is answered the same 403
   * for another applicant's dossier and for none at all, so it cannot learn which codes exist.
   */
  private async findFor(idOrCode: string, applicant: ApplicantContext | undefined): Promise<DossierRow> {
    if (!applicant) return this.find(this.deps.pool, idOrCode);
    const row = await findDossier(this.deps.pool, idOrCode);
    if (!row || row.applicant_personal_id !== applicant.personalId) {
      throw new MotlanError(
        OneStopErrors.notTheApplicant,
        `The applicant ${applicant.client} acts for has no dossier ${JSON.stringify(idOrCode).slice(0, 60)}`,
        { field: 'dossierId' },
      );
    }
    return row;
  }

  /** An officer acts only on the dossiers of the units its system serves (ONE_STOP_OFFICER_CLIENTS). */
  private checkUnit(
    row: DossierRow,
    officer: { actor?: string | undefined; mayActFor?: ((unitCode: string) => boolean) | undefined },
  ): void {
    if (officer.mayActFor && !officer.mayActFor(row.unit_code)) {
      throw new MotlanError(
        OneStopErrors.officerNotAllowed,
        `${officer.actor ?? 'This client'} does not act for handling unit ${row.unit_code} (ONE_STOP_OFFICER_CLIENTS)`,
        { meta: { unitCode: row.unit_code } },
      );
    }
  }

  private async find(db: Pool | PoolClient, idOrCode: string): Promise<DossierRow> {
    const row = await findDossier(db, idOrCode);
    if (!row) {
      throw new MotlanError(
        OneStopErrors.dossierNotFound,
        `No dossier ${JSON.stringify(idOrCode).slice(0, 60)}`,
        {
          field: 'dossierId',
        },
      );
    }
    return row;
  }

  /** History row + dossier event in the outbox, in the caller's transaction (which holds the row lock). */
  private async record(tx: PoolClient, row: DossierRow, change: Change, rating?: number): Promise<void> {
    const sequence = (await lastSequence(tx, row.id)) + 1;
    const { step, event } = this.stepOf(row, { ...change, sequence }, rating);
    await appendHistory(tx, row.id, step);
    await enqueue(tx, [event]);
  }

  /** A step of the dossier's history and its event for dossier.events.v1. */
  private stepOf(
    row: DossierRow,
    change: Change & { sequence: number },
    rating?: number,
  ): { step: HistoryRow; event: OutboxEvent } {
    const eventId = randomUUID();
    const step: HistoryRow = {
      sequence: change.sequence,
      event_id: eventId,
      event_type: change.eventType,
      from_status: change.from ?? null,
      to_status: change.to,
      actor: change.actor,
      reason: change.reason,
      occurred_at: change.occurredAt,
    };
    const payload = dossierEvent(stateOf(row), { ...change, eventId, ...(rating ? { rating } : {}) });
    return {
      step,
      event: {
        eventId,
        topic: DOSSIER_EVENTS,
        key: row.id,
        eventType: change.eventType,
        payload,
        correlationId: change.requestId,
      },
    };
  }

  private view(
    row: DossierRow,
    steps: Awaited<ReturnType<typeof history>>,
    rating: Awaited<ReturnType<typeof findRating>> | null,
  ): DossierView {
    const paused = row.status === 'supplement_requested';
    const closed = FINAL_STATUSES.includes(row.status);
    return {
      id: row.id,
      code: row.code,
      procedureCode: row.procedure_code,
      procedureName:
        this.deps.catalog.list().find((p) => p.code === row.procedure_code)?.name ?? row.procedure_code,
      unitCode: row.unit_code,
      applicantPersonalId: row.applicant_personal_id,
      status: row.status,
      receivedAt: row.received_at.toISOString(),
      dueAt: row.due_at.toISOString(),
      dueProvisional: isDueProvisional(this.deps.calendar, row.received_at, row.due_at),
      paused,
      remainingWorkingDays: paused ? row.paused_remaining_days : null,
      closedAt: row.closed_at?.toISOString() ?? null,
      onTime: closed && row.status !== 'withdrawn' && row.closed_at ? row.closed_at <= row.due_at : null,
      facts: row.facts,
      documents: row.documents,
      onceOnly: {
        required: row.required_count,
        prefilled: row.prefilled_count,
        supplied: row.facts.filter((fact) => fact.origin === 'supplied').length,
      },
      resultFactId: row.result_fact_id,
      reason: row.reason,
      allowedActions: allowedActions(row.status),
      history: steps.map((step) => ({
        sequence: step.sequence,
        eventType: step.event_type,
        from: step.from_status,
        to: step.to_status,
        actor: step.actor,
        reason: step.reason,
        occurredAt: step.occurred_at.toISOString(),
      })),
      rating: rating
        ? { score: rating.score, comment: rating.comment, ratedAt: rating.rated_at.toISOString() }
        : null,
    };
  }
}

/** A declared fact as an outbox event for citizen.facts.v1 (keyed by its subject, its id the event id). */
function declaredEvent(fact: DeclaredFact, requestId: string): OutboxEvent {
  return {
    eventId: fact.id,
    topic: CITIZEN_FACTS,
    key: fact.subject.personalId,
    eventType: EventTypes.factDeclared,
    payload: fact,
    correlationId: requestId,
  };
}

function stateOf(row: DossierRow): DossierState {
  return {
    id: row.id,
    code: row.code,
    procedureCode: row.procedure_code,
    unitCode: row.unit_code,
    applicantPersonalId: row.applicant_personal_id,
    receivedAt: row.received_at,
    dueAt: row.due_at,
    paused: row.status === 'supplement_requested',
    requiredCount: row.required_count,
    prefilledCount: row.prefilled_count,
    resultFactId: row.result_fact_id,
  };
}

function checkApplicant(applicant: Applicant): void {
  validatePersonalId(applicant.personalId, { dateOfBirth: applicant.dateOfBirth }, 'applicant.personalId');
  if (!applicant.fullName.trim()) {
    throw new MotlanError(CommonErrors.validation, 'applicant.fullName must not be empty', {
      field: 'applicant.fullName',
    });
  }
}

function describe(type: string): { type: string; title: string; description: string } {
  const definition = FACT_CATALOG[type as FactTypeName];
  return { type, title: definition?.title ?? type, description: definition?.description ?? '' };
}

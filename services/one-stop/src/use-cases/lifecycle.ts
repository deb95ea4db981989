import type { DeclaredFact } from '@motlan/domain';
import { MotlanError } from '@motlan/errors';
import type { ApplicantContext } from '../domain/callers.ts';
import { checkAction, decide, resultOf } from '../domain/decide.ts';
import { checkUnit } from '../domain/dossier-access.ts';
import type { Dossier } from '../domain/dossier.ts';
import type { DossierView } from '../domain/dossier-view.ts';
import type { DossierAction } from '../domain/lifecycle.ts';
import { checkDocumentCodes, completeFacts, prefill, type SuppliedFact } from '../domain/prefill.ts';
import type { ProcedureCatalog } from '../domain/procedure-catalog.ts';
import type { Procedure } from '../domain/procedure.ts';
import { declareSupplied } from '../domain/supplied-facts.ts';
import type { WorkingCalendar } from '../domain/working-calendar.ts';
import { OneStopErrors } from '../errors.ts';
import { factOutboxEvent, recordStep } from '../events/outbox-events.ts';
import type { FactStore } from '../mesh/ports.ts';
import type { DossierStore } from '../store/dossier-store.ts';
import type { DossierReader } from './dossier-reader.ts';

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

export interface LifecycleDeps {
  store: DossierStore;
  reader: DossierReader;
  catalog: ProcedureCatalog;
  calendar: WorkingCalendar;
  facts: FactStore;
  /** Source of result facts whose template names none (RESULT_SOURCE_SYSTEM). */
  resultSourceSystem: string;
  now: () => Date;
  /** Called after a commit that wrote outbox events (wakes the relay). */
  onCommitted: () => void;
}

/**
 * The lifecycle: an action is checked against the dossier as read (who may act, the transition,
 * its reason, what it brings), then decided again under the dossier's lock (`decide`) and written
 * with its history step and events; a dossier changed in between is refused
 * (MOTLAN_CONCURRENT_CHANGE) and nothing is written.
 */
export class Lifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  async act(
    idOrCode: string,
    action: DossierAction,
    input: ActionInput,
    requestId: string,
  ): Promise<DossierView> {
    const before = await this.deps.reader.findFor(idOrCode, input.applicant);
    checkUnit(before, input);
    checkAction(before, action, input.reason);
    const procedure = this.deps.catalog.get(before.procedureCode);
    const now = this.deps.now();
    const declared =
      action === 'supplement' ? await this.handedIn(before, procedure, input, now, requestId) : undefined;
    const result = resultOf(action, procedure, before, now, input.result);

    await this.deps.store.change(before.id, (locked, sequence) => {
      if (locked.version !== before.version) {
        throw new MotlanError(
          OneStopErrors.concurrentChange,
          `Dossier ${locked.code} changed meanwhile; try again`,
        );
      }
      const decision = decide(
        locked,
        action,
        { officer: input.actor, reason: input.reason, documents: input.documents, declared, result },
        { now, calendar: this.deps.calendar, procedure, resultSourceSystem: this.deps.resultSourceSystem },
      );
      const { step, event } = recordStep(decision.dossier, decision.step, sequence, requestId);
      return {
        dossier: decision.dossier,
        step,
        // The dossier event first: a reader of both topics sees the result after the decision.
        events: [event, ...decision.facts.map((fact) => factOutboxEvent(fact, requestId))],
      };
    });
    this.deps.onCommitted();
    return this.deps.reader.read(before.id);
  }

  /**
   * Facts and documents handed in after a supplement request: the documents must be the
   * procedure's, the facts are checked as at intake (each required entry may be replaced) and
   * declared, to commit with the supplement.
   */
  private async handedIn(
    dossier: Dossier,
    procedure: Procedure,
    input: ActionInput,
    now: Date,
    requestId: string,
  ): Promise<DeclaredFact[]> {
    checkDocumentCodes(procedure, input.documents ?? []);
    const supplied = input.facts ?? [];
    if (supplied.length === 0) return [];
    const known = await this.deps.facts.getFacts(
      dossier.applicantPersonalId,
      procedure.requiredFacts,
      procedure.code,
      requestId,
    );
    const state = prefill(procedure, known);
    // Everything required is in the dossier already; what is supplied replaces its entry.
    const completed = completeFacts(procedure, { ...state, missing: [] }, supplied, now.toISOString());
    return declareSupplied(dossier.applicantPersonalId, dossier.id, completed.toDeclare, now);
  }
}

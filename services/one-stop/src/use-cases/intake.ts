import { randomUUID } from 'node:crypto';
import { contentHash, DomainErrors, FACT_CATALOG, type FactTypeName } from '@motlan/domain';
import { MotlanError } from '@motlan/errors';
import { IDEMPOTENCY_KEY_HEADER } from '@motlan/http';
import { checkApplicant, notVerified, type Applicant } from '../domain/applicant.ts';
import { declaredFactEvent } from '../domain/decide.ts';
import { dossierCode } from '../domain/dossier.ts';
import type { DossierView } from '../domain/dossier-view.ts';
import { receive } from '../domain/intake.ts';
import {
  checkDocuments,
  completeFacts,
  prefill,
  type Prefill,
  type SuppliedFact,
} from '../domain/prefill.ts';
import type { ProcedureCatalog } from '../domain/procedure-catalog.ts';
import type { Procedure } from '../domain/procedure.ts';
import { declareSupplied } from '../domain/supplied-facts.ts';
import type { WorkingCalendar } from '../domain/working-calendar.ts';
import { OneStopErrors } from '../errors.ts';
import { factOutboxEvent, recordStep } from '../events/outbox-events.ts';
import type { ApplicantVerifier, FactStore } from '../mesh/ports.ts';
import type { DossierStore } from '../store/dossier-store.ts';
import type { DossierReader } from './dossier-reader.ts';

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

export interface SubmitRequest {
  procedureCode: string;
  applicant: Applicant;
  facts?: SuppliedFact[] | undefined;
  documents?: string[] | undefined;
  unitCode?: string | undefined;
}

export interface IntakeDeps {
  store: DossierStore;
  reader: DossierReader;
  catalog: ProcedureCatalog;
  calendar: WorkingCalendar;
  verifier: ApplicantVerifier;
  facts: FactStore;
  now: () => Date;
  /** Called after a commit that wrote outbox events (wakes the relay). */
  onCommitted: () => void;
}

/** Intake: what the mesh knows for a procedure (prefill), and receiving a dossier (submit). */
export class Intake {
  constructor(private readonly deps: IntakeDeps) {}

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
    request: SubmitRequest,
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
    const receivedAt = this.deps.now();
    const completed = completeFacts(procedure, state, request.facts ?? [], receivedAt.toISOString());
    const documents = request.documents ?? [];
    checkDocuments(procedure, documents);

    const id = randomUUID();
    // Declared through the outbox, in the statement that creates the dossier: a dossier that is
    // not created declares nothing, and one that is created declares its facts once.
    const declared = declareSupplied(request.applicant.personalId, id, completed.toDeclare, receivedAt);
    const code = dossierCode(receivedAt, await this.deps.store.nextNumber());
    const { dossier, step: draft } = receive(
      {
        id,
        code,
        procedure,
        applicantPersonalId: request.applicant.personalId,
        unitCode: request.unitCode,
        completed,
        declared,
        documents,
        receivedAt,
      },
      this.deps.calendar,
    );
    const { step, event } = recordStep(dossier, draft, 1, requestId);
    // Answered from what is written: a new dossier has this one step and no rating.
    const answer = this.deps.reader.viewOf(dossier, [step], null);
    const events = [event, ...declared.map((fact) => factOutboxEvent(declaredFactEvent(fact), requestId))];
    const created = await this.deps.store.create(
      { dossier, step, events },
      idempotency && { ...idempotency, fingerprint, status: 201, answer },
    );
    if (!created) {
      // The same key committed meanwhile (a retry racing the first call): nothing was created here.
      const first = idempotency && (await this.replay(idempotency, fingerprint));
      if (first) return first;
      throw new MotlanError(
        OneStopErrors.concurrentChange,
        'The same request was taken meanwhile; try again',
      );
    }
    this.deps.onCommitted();
    return answer;
  }

  /** The applicant checked (own rules, then the population database), then the facts the mesh holds. */
  private async known(procedure: Procedure, applicant: Applicant, requestId: string): Promise<Prefill> {
    checkApplicant(applicant);
    const answer = await this.deps.verifier.verify({ ...applicant, purpose: procedure.code, requestId });
    if (!answer.verified) throw notVerified(answer);
    const known = await this.deps.facts.getFacts(
      applicant.personalId,
      procedure.requiredFacts,
      procedure.code,
      requestId,
    );
    return prefill(procedure, known);
  }

  /** The first answer to this client's key, or undefined if none committed; 422 for another request. */
  private async replay(idempotency: IdempotencyKey, fingerprint: string): Promise<DossierView | undefined> {
    const first = await this.deps.store.firstAnswer(idempotency.scope, idempotency.key);
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
}

function describe(type: string): { type: string; title: string; description: string } {
  const definition = FACT_CATALOG[type as FactTypeName];
  return { type, title: definition?.title ?? type, description: definition?.description ?? '' };
}

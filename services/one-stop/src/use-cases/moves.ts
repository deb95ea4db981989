import { randomUUID } from 'node:crypto';
import type { Dossier } from '../domain/dossier.ts';
import { receive } from '../domain/intake.ts';
import {
  decideMove,
  meshOrigin,
  MOVE_FACT_TYPE,
  MOVE_IN_PROCEDURE,
  MOVE_OUT_PROCEDURE,
  type MoveDecision,
  type NotifiedChange,
} from '../domain/move.ts';
import { dossierCode } from '../domain/dossier.ts';
import { prefill } from '../domain/prefill.ts';
import type { ProcedureCatalog } from '../domain/procedure-catalog.ts';
import type { Procedure } from '../domain/procedure.ts';
import type { WorkingCalendar } from '../domain/working-calendar.ts';
import { recordStep } from '../events/outbox-events.ts';
import type { FactStore } from '../mesh/ports.ts';
import type { DossierChange, DossierStore } from '../store/dossier-store.ts';

/** The actor of the first step of a dossier the mesh opens (history, dossier.events.v1). */
export const MESH_ACTOR = 'mesh';

export interface MoveOutcome {
  /** Absent for a redelivery of a notification that opened its dossiers before. */
  decision?: MoveDecision;
  /** The dossiers opened now (move-out, then move-in); empty when none, or opened before. */
  opened: Dossier[];
  /** True when this notification had opened its dossiers before (a redelivery). */
  duplicate: boolean;
}

export interface MovesDeps {
  store: DossierStore;
  catalog: ProcedureCatalog;
  calendar: WorkingCalendar;
  facts: FactStore;
  now: () => Date;
  /** Called after a commit that wrote outbox events (wakes the relay). */
  onCommitted: () => void;
}

/**
 * Tell us once, at the one-stop: a notified move opens the citizen's move-out registration
 * (1.004224) at the commune military command they left and the move-in registration (1.004226) at
 * the one they arrived in, prefilled from the registry as every dossier is, received and waiting
 * for the officers — the citizen does nothing. Once per notification: the notification id is the
 * key (a redelivery opens nothing more).
 */
export class Moves {
  private readonly moveOut: Procedure;
  private readonly moveIn: Procedure;

  constructor(private readonly deps: MovesDeps) {
    this.moveOut = deps.catalog.get(MOVE_OUT_PROCEDURE);
    this.moveIn = deps.catalog.get(MOVE_IN_PROCEDURE);
  }

  /** Applies one notified change; the superseded value is read from the registry's history. */
  async onNotification(
    change: Omit<NotifiedChange, 'previousValue'>,
    requestId: string,
  ): Promise<MoveOutcome> {
    // A redelivery reads nothing again (each read at the registry is an audited disclosure).
    if (await this.deps.store.openedFrom(change.notificationId)) return { opened: [], duplicate: true };
    const previous =
      change.factType === MOVE_FACT_TYPE && change.supersedesFactId !== ''
        ? await this.deps.facts.factVersion(
            change.personalId,
            MOVE_FACT_TYPE,
            change.supersedesFactId,
            MOVE_OUT_PROCEDURE,
            requestId,
          )
        : undefined;
    const decision = decideMove(
      { ...change, ...(previous ? { previousValue: previous.value } : {}) },
      { moveOut: this.moveOut, moveIn: this.moveIn },
    );
    if (!decision.open) return { decision, opened: [], duplicate: false };

    const receivedAt = this.deps.now();
    const outId = randomUUID();
    const inId = randomUUID();
    const reason = `Opened from notification ${change.notificationId}: permanent residence moved from ${decision.moveOutUnit} to ${decision.moveInUnit}`;
    const open = async (procedure: Procedure, id: string, linked: string, unitCode: string) => {
      const known = await this.deps.facts.getFacts(
        change.personalId,
        procedure.requiredFacts,
        procedure.code,
        requestId,
      );
      const state = prefill(procedure, known);
      const { dossier, step: draft } = receive(
        {
          id,
          code: dossierCode(receivedAt, await this.deps.store.nextNumber()),
          procedure,
          applicantPersonalId: change.personalId,
          unitCode,
          // What the registry holds; nothing is typed in (the citizen is not there).
          completed: { facts: state.prefilled, toDeclare: [], prefilledCount: state.prefilled.length },
          declared: [],
          documents: [],
          receivedAt,
          origin: meshOrigin(procedure, state, change.notificationId, linked),
          openedBy: { actor: MESH_ACTOR, reason },
        },
        this.deps.calendar,
      );
      const { step, event } = recordStep(dossier, draft, 1, requestId);
      return { dossier, step, events: [event] } satisfies DossierChange;
    };
    const changes = [
      await open(this.moveOut, outId, inId, decision.moveOutUnit),
      await open(this.moveIn, inId, outId, decision.moveInUnit),
    ];
    if (!(await this.deps.store.createOpened(changes))) return { decision, opened: [], duplicate: true };
    this.deps.onCommitted();
    return { decision, opened: changes.map((change) => change.dossier), duplicate: false };
  }
}

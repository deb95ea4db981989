import type { DossierOrigin } from './dossier.ts';
import { handlingUnit } from './handling-unit.ts';
import type { Prefill } from './prefill.ts';
import type { Procedure } from './procedure.ts';

/** Đăng ký nghĩa vụ quân sự chuyển đi: handled by the commune the citizen leaves. */
export const MOVE_OUT_PROCEDURE = '1.004224';
/** Đăng ký nghĩa vụ quân sự chuyển đến: handled by the commune the citizen arrives in. */
export const MOVE_IN_PROCEDURE = '1.004226';
/** The fact whose change is a move. */
export const MOVE_FACT_TYPE = 'residence.permanent';

/** A change of one citizen's fact as the registry notified it, with the value it superseded. */
export interface NotifiedChange {
  notificationId: string;
  personalId: string;
  factType: string;
  /** The new current value. */
  value: unknown;
  /** The fact it superseded; empty when it is the first of its type for the citizen. */
  supersedesFactId: string;
  /** That fact's value (read from the registry's history); undefined when not found. */
  previousValue?: unknown;
}

export type MoveDecision =
  | { open: false; why: 'not-a-residence-change' | 'first-fact' | 'previous-unknown' | 'same-commune' }
  | { open: true; moveOutUnit: string; moveInUnit: string };

/**
 * Whether a notified change is a move that opens registrations (Law on Military Service 2015,
 * art. 15: a citizen who moves their residence registers the move-out at the commune military
 * command they leave and the move-in at the one they arrive in, within 10 working days): the
 * permanent residence changed from one commune to another. The communes are compared as the
 * handling units of today's administrative units (`handlingUnit`), so an address re-recorded in
 * the post-2025 units without a move opens nothing. A first fact (nothing superseded) is a
 * registration, not a move; a superseded fact the registry no longer shows decides nothing.
 */
export function decideMove(
  change: NotifiedChange,
  procedures: { moveOut: Procedure; moveIn: Procedure },
): MoveDecision {
  if (change.factType !== MOVE_FACT_TYPE) return { open: false, why: 'not-a-residence-change' };
  if (change.supersedesFactId === '') return { open: false, why: 'first-fact' };
  if (change.previousValue === undefined) return { open: false, why: 'previous-unknown' };
  const moveOutUnit = handlingUnit(procedures.moveOut, change.previousValue);
  const moveInUnit = handlingUnit(procedures.moveIn, change.value);
  if (moveOutUnit === moveInUnit) return { open: false, why: 'same-commune' };
  return { open: true, moveOutUnit, moveInUnit };
}

/**
 * What the mesh records for a dossier it opens: the notification, the dossier opened beside it,
 * the required facts the registry did not hold, and the required documents nobody handed in —
 * those facts replace (`replacedBy`, e.g. the move-out's registration certificate once
 * `military.service_registration` is held) are not awaited; the move-in's introduction letter
 * is the move-out dossier's result (`linked-dossier-result`); any other comes from the citizen.
 */
export function meshOrigin(
  procedure: Procedure,
  state: Prefill,
  notificationId: string,
  linkedDossierId: string,
): DossierOrigin {
  return {
    channel: 'notification',
    notificationId,
    linkedDossierId,
    missingFacts: state.missing,
    documentsAwaited: state.documentsNeeded.map(({ code, name }) => ({
      code,
      name,
      from: procedure.code === MOVE_IN_PROCEDURE ? 'linked-dossier-result' : 'citizen',
    })),
  };
}

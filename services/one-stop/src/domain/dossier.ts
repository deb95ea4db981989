import type { DossierStatus } from './lifecycle.ts';
import type { DossierFact } from './prefill.ts';
import { vietnamDate } from './working-calendar.ts';

/** A dossier as the lifecycle rules see it: its status, its clock and what it was decided on. */
export interface Dossier {
  id: string;
  /** `MT-<YYYYMMDD received, Vietnam time>-<number, 6 digits>` (see `dossierCode`). */
  code: string;
  procedureCode: string;
  /** The handling unit, e.g. `BCHQS-X-00004`. */
  unitCode: string;
  applicantPersonalId: string;
  status: DossierStatus;
  receivedAt: Date;
  /** End (23:59:59 ICT) of the last working day of the time limit. */
  dueAt: Date;
  /** When the clock stopped for a supplement; null while it runs. */
  pausedAt: Date | null;
  /** Working days of the limit left when the clock stopped. */
  pausedRemainingDays: number | null;
  closedAt: Date | null;
  requiredCount: number;
  prefilledCount: number;
  facts: DossierFact[];
  documents: string[];
  resultFactId: string | null;
  reason: string | null;
  /** Handed in by the applicant, or opened by the mesh on a notification (and what it waits for). */
  origin: DossierOrigin;
  /** Bumped by the store on every change: an action decided on an older version is refused. */
  version: number;
  updatedAt: Date;
}

/**
 * How a dossier came to be. `applicant`: handed in through a citizen portal, complete at intake.
 * `notification`: opened by the mesh when the fact registry notified a change (a move opens the
 * move-out and the move-in registration), the citizen doing nothing — so it may be opened short of
 * what intake would ask for: the required facts the registry does not hold (`missingFacts`) and
 * the documents not replaced by facts (`documentsAwaited`) are listed for the officers, who ask
 * for them with `request-supplement` or take them from the linked dossier.
 */
export interface DossierOrigin {
  channel: 'applicant' | 'notification';
  /** The fact registry's notification id (channel `notification`); null for the applicant's. */
  notificationId: string | null;
  /** The dossier opened with this one from the same notification (move-out ↔ move-in). */
  linkedDossierId: string | null;
  /** Required facts the registry did not hold when the mesh opened it. */
  missingFacts: string[];
  /**
   * Required documents not handed in: `citizen` — to ask the citizen for; `linked-dossier-result` —
   * the linked dossier's result stands for it (the move-out's introduction letter, for the move-in).
   */
  documentsAwaited: { code: string; name: string; from: 'citizen' | 'linked-dossier-result' }[];
}

/** The origin of every dossier handed in by its applicant. */
export const APPLICANT_ORIGIN: DossierOrigin = {
  channel: 'applicant',
  notificationId: null,
  linkedDossierId: null,
  missingFacts: [],
  documentsAwaited: [],
};

/** One step of a dossier's history, in order per dossier (sequence from 1). */
export interface HistoryStep {
  sequence: number;
  /** The id of the step's dossier.events.v1 event. */
  eventId: string;
  eventType: string;
  from: DossierStatus | null;
  to: DossierStatus;
  /** `applicant`, or the officer's certificate name and `/<X-Officer-Id>`. */
  actor: string;
  reason: string | null;
  occurredAt: Date;
}

/** A step as decided, before the store numbers it and it gets its event id. */
export type StepDraft = Omit<HistoryStep, 'sequence' | 'eventId'>;

/** The citizen's satisfaction with a resolved dossier, 1–5, once. */
export interface Rating {
  score: number;
  comment: string | null;
  ratedAt: Date;
}

/** The dossier code: `MT-`, the day of receipt in Vietnam time (YYYYMMDD), `-`, the number in six digits. */
export function dossierCode(receivedAt: Date, number: number): string {
  return `MT-${vietnamDate(receivedAt).replaceAll('-', '')}-${String(number).padStart(6, '0')}`;
}

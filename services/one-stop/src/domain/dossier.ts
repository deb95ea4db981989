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
  /** Bumped by the store on every change: an action decided on an older version is refused. */
  version: number;
  updatedAt: Date;
}

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

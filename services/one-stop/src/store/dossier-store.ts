import type { Dossier, HistoryStep, Rating } from '../domain/dossier.ts';
import type { IdempotencyRecord } from './idempotency-keys.ts';
import type { OutboxEvent } from './outbox.ts';

/** What one change writes, atomically: the dossier's new state, one history step, its events in order. */
export interface DossierChange {
  dossier: Dossier;
  step: HistoryStep;
  /** Outbox events in publication order (the step's dossier event first). */
  events: OutboxEvent[];
}

/**
 * Where dossiers live (a port: `PgDossierStore` in PostgreSQL, `MemoryDossierStore` for unit
 * tests). Every write is atomic with its outbox events: they exist if and only if it happened.
 */
export interface DossierStore {
  /** The next dossier number (the end of a dossier code); unique, increasing per instance. */
  nextNumber(): Promise<number>;

  /**
   * A new dossier with its first step and events and, if given, the Idempotency-Key it was made
   * with, all or nothing. `false` when that key is already stored (a racing retry): nothing created.
   */
  create(change: DossierChange, idempotency?: Omit<IdempotencyRecord, 'dossierId'>): Promise<boolean>;

  /**
   * Dossiers the mesh opens together from one notification, each with its first step and events,
   * all or nothing. `false` when that notification opened a dossier of one of their procedures
   * before (a redelivery): nothing created.
   */
  createOpened(changes: readonly DossierChange[]): Promise<boolean>;

  /** Whether this notification opened any dossier (a redelivery is answered without reading again). */
  openedFrom(notificationId: string): Promise<boolean>;

  /** A dossier by id (a UUID, any case) or code. */
  find(idOrCode: string): Promise<Dossier | undefined>;

  /** Its steps in order. */
  history(dossierId: string): Promise<HistoryStep[]>;

  rating(dossierId: string): Promise<Rating | undefined>;

  /** The first answer stored for this client's key, if a call with it committed. */
  firstAnswer(
    scope: string,
    key: string,
  ): Promise<Pick<IdempotencyRecord, 'fingerprint' | 'status' | 'answer'> | undefined>;

  /**
   * Changes a dossier under its lock: `decide` sees it as it stands and the sequence its step
   * takes; what it returns is written with the dossier's version bumped. A throw writes nothing.
   */
  change(dossierId: string, decide: (locked: Dossier, sequence: number) => DossierChange): Promise<void>;

  /**
   * Rates a dossier once, under its lock, with the step and events `record` returns. `false` when it
   * was rated already: nothing written.
   */
  rate(
    dossierId: string,
    rating: Rating,
    record: (locked: Dossier, sequence: number) => Omit<DossierChange, 'dossier'>,
  ): Promise<boolean>;
}

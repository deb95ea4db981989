import { withTransaction, type Pool } from '@motlan/db';
import type { Dossier, HistoryStep, Rating } from '../domain/dossier.ts';
import { DossierNumbers } from './dossier-numbers.ts';
import {
  appendHistory,
  findDossier,
  findRating,
  history,
  insertNewDossier,
  insertRating,
  lastSequence,
  toDossier,
  toHistoryRow,
  toRow,
  toStep,
  updateDossier,
} from './dossier-sql.ts';
import type { DossierChange, DossierStore } from './dossier-store.ts';
import { findIdempotencyRecord, isDuplicateKey, type IdempotencyRecord } from './idempotency-keys.ts';
import { enqueue } from './outbox.ts';

/** The unique index a notification's second opening of the same procedure runs into. */
function isOpenedBefore(error: unknown): boolean {
  const pg = error as { code?: string; constraint?: string };
  return pg.code === '23505' && pg.constraint === 'dossiers_opened_by_notification';
}

/**
 * The dossier store in the service's PostgreSQL schema: a new dossier in one statement (with its
 * first step, events and Idempotency-Key), every other change in a transaction holding the
 * dossier's row lock, its events in the outbox of the same transaction.
 */
export class PgDossierStore implements DossierStore {
  private readonly numbers: DossierNumbers;

  constructor(private readonly pool: Pool) {
    this.numbers = new DossierNumbers(pool);
  }

  nextNumber(): Promise<number> {
    return this.numbers.next();
  }

  async create(change: DossierChange, idempotency?: Omit<IdempotencyRecord, 'dossierId'>): Promise<boolean> {
    try {
      await insertNewDossier(
        this.pool,
        toRow(change.dossier),
        toHistoryRow(change.step),
        change.events,
        idempotency && { ...idempotency, dossierId: change.dossier.id },
      );
      return true;
    } catch (error) {
      if (idempotency && isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async createOpened(changes: readonly DossierChange[]): Promise<boolean> {
    try {
      await withTransaction(this.pool, async (tx) => {
        for (const change of changes) {
          await insertNewDossier(tx, toRow(change.dossier), toHistoryRow(change.step), change.events);
        }
      });
      return true;
    } catch (error) {
      if (isOpenedBefore(error)) return false;
      throw error;
    }
  }

  async openedFrom(notificationId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      "SELECT 1 FROM dossiers WHERE origin ->> 'notificationId' = $1 LIMIT 1",
      [notificationId],
    );
    return (rowCount ?? 0) > 0;
  }

  async find(idOrCode: string): Promise<Dossier | undefined> {
    const row = await findDossier(this.pool, idOrCode);
    return row && toDossier(row);
  }

  async history(dossierId: string): Promise<HistoryStep[]> {
    return (await history(this.pool, dossierId)).map(toStep);
  }

  async rating(dossierId: string): Promise<Rating | undefined> {
    const row = await findRating(this.pool, dossierId);
    return row && { score: row.score, comment: row.comment, ratedAt: row.rated_at };
  }

  firstAnswer(scope: string, key: string) {
    return findIdempotencyRecord(this.pool, scope, key);
  }

  async change(
    dossierId: string,
    decide: (locked: Dossier, sequence: number) => DossierChange,
  ): Promise<void> {
    await withTransaction(this.pool, async (tx) => {
      const locked = toDossier((await findDossier(tx, dossierId, true))!);
      const change = decide(locked, (await lastSequence(tx, dossierId)) + 1);
      await updateDossier(tx, toRow(change.dossier));
      await appendHistory(tx, dossierId, toHistoryRow(change.step));
      await enqueue(tx, change.events);
    });
  }

  async rate(
    dossierId: string,
    rating: Rating,
    record: (locked: Dossier, sequence: number) => Omit<DossierChange, 'dossier'>,
  ): Promise<boolean> {
    return withTransaction(this.pool, async (tx) => {
      const locked = toDossier((await findDossier(tx, dossierId, true))!);
      if (!(await insertRating(tx, dossierId, rating))) return false;
      const { step, events } = record(locked, (await lastSequence(tx, dossierId)) + 1);
      await appendHistory(tx, dossierId, toHistoryRow(step));
      await enqueue(tx, events);
      return true;
    });
  }
}

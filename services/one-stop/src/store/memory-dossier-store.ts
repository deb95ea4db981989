import { CommonErrors, MotlanError } from '@motlan/errors';
import type { Dossier, HistoryStep, Rating } from '../domain/dossier.ts';
import { OneStopErrors } from '../errors.ts';
import type { DossierChange, DossierStore } from './dossier-store.ts';
import type { IdempotencyRecord } from './idempotency-keys.ts';
import type { OutboxEvent } from './outbox.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The dossier store in memory, for unit tests of the use cases and the lifecycle rules: the same
 * contract as `PgDossierStore` (a change is written whole or not at all, the version bumped on
 * every change, a key or a rating once), with the outbox as a list to read. Each call runs to its
 * end before another starts touching the same maps (no await between reading and writing).
 */
export class MemoryDossierStore implements DossierStore {
  readonly dossiers = new Map<string, Dossier>();
  readonly steps = new Map<string, HistoryStep[]>();
  readonly ratings = new Map<string, Rating>();
  readonly keys = new Map<string, IdempotencyRecord>();
  /** Every event written, in order (nothing relays them). */
  readonly outbox: OutboxEvent[] = [];
  private number = 0;

  nextNumber(): Promise<number> {
    this.number += 1;
    return Promise.resolve(this.number);
  }

  create(change: DossierChange, idempotency?: Omit<IdempotencyRecord, 'dossierId'>): Promise<boolean> {
    const keyOf = idempotency && `${idempotency.scope}\n${idempotency.key}`;
    if (keyOf && this.keys.has(keyOf)) return Promise.resolve(false);
    const { dossier } = change;
    if (this.dossiers.has(dossier.id) || this.byCode(dossier.code)) {
      // PostgreSQL's primary key and unique code refuse it the same way.
      return Promise.reject(
        new MotlanError(CommonErrors.conflict, `Dossier ${dossier.id} / ${dossier.code} exists`),
      );
    }
    this.dossiers.set(dossier.id, structuredClone({ ...dossier, version: 1 }));
    this.steps.set(dossier.id, [structuredClone(change.step)]);
    this.outbox.push(...structuredClone(change.events));
    if (keyOf && idempotency) {
      this.keys.set(keyOf, structuredClone({ ...idempotency, dossierId: dossier.id }));
    }
    return Promise.resolve(true);
  }

  async createOpened(changes: readonly DossierChange[]): Promise<boolean> {
    const opened = (change: DossierChange) =>
      [...this.dossiers.values()].some(
        (dossier) =>
          dossier.origin.notificationId !== null &&
          dossier.origin.notificationId === change.dossier.origin.notificationId &&
          dossier.procedureCode === change.dossier.procedureCode,
      );
    if (changes.some(opened)) return false;
    for (const change of changes) await this.create(change);
    return true;
  }

  openedFrom(notificationId: string): Promise<boolean> {
    return Promise.resolve(
      [...this.dossiers.values()].some((dossier) => dossier.origin.notificationId === notificationId),
    );
  }

  find(idOrCode: string): Promise<Dossier | undefined> {
    const found = UUID.test(idOrCode) ? this.dossiers.get(idOrCode.toLowerCase()) : this.byCode(idOrCode);
    return Promise.resolve(found && structuredClone(found));
  }

  history(dossierId: string): Promise<HistoryStep[]> {
    return Promise.resolve(structuredClone(this.steps.get(dossierId) ?? []));
  }

  rating(dossierId: string): Promise<Rating | undefined> {
    const rating = this.ratings.get(dossierId);
    return Promise.resolve(rating && structuredClone(rating));
  }

  firstAnswer(scope: string, key: string) {
    const record = this.keys.get(`${scope}\n${key}`);
    return Promise.resolve(
      record && {
        fingerprint: record.fingerprint,
        status: record.status,
        answer: structuredClone(record.answer),
      },
    );
  }

  async change(
    dossierId: string,
    decide: (locked: Dossier, sequence: number) => DossierChange,
  ): Promise<void> {
    const locked = this.locked(dossierId);
    const change = decide(structuredClone(locked), this.nextSequence(dossierId));
    this.dossiers.set(dossierId, structuredClone({ ...change.dossier, version: locked.version + 1 }));
    this.record(dossierId, change);
    await Promise.resolve();
  }

  async rate(
    dossierId: string,
    rating: Rating,
    record: (locked: Dossier, sequence: number) => Omit<DossierChange, 'dossier'>,
  ): Promise<boolean> {
    const locked = this.locked(dossierId);
    if (this.ratings.has(dossierId)) return false;
    const change = record(structuredClone(locked), this.nextSequence(dossierId));
    this.ratings.set(dossierId, structuredClone(rating));
    this.record(dossierId, change);
    return Promise.resolve(true);
  }

  private locked(dossierId: string): Dossier {
    const dossier = this.dossiers.get(dossierId);
    if (!dossier) throw new MotlanError(OneStopErrors.dossierNotFound, `No dossier ${dossierId}`);
    return dossier;
  }

  private nextSequence(dossierId: string): number {
    return (this.steps.get(dossierId)?.length ?? 0) + 1;
  }

  private record(dossierId: string, change: Omit<DossierChange, 'dossier'>): void {
    this.steps.get(dossierId)!.push(structuredClone(change.step));
    this.outbox.push(...structuredClone(change.events));
  }

  private byCode(code: string): Dossier | undefined {
    return [...this.dossiers.values()].find((dossier) => dossier.code === code);
  }
}

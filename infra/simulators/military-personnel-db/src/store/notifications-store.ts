import type { Pool } from '@motlan/db';
import type { NotificationEffect } from '../domain/notification-effects.ts';
import type { BienDong, HoSoQuanNhan } from '../domain/record.ts';
import type { ChangesStore } from './changes-store.ts';

/** How one notification was handled (the `applied_notifications.outcome` column). */
export type NotificationOutcome = 'applied' | 'unchanged' | 'not_held' | 'ignored' | 'invalid';

/** Where one subscription's stream stands. */
export interface SubscriptionProgress {
  subscriptionId: string;
  purpose: string;
  /** The cursor of the last notification handled; '' before the first. */
  cursor: string;
  /** Notifications that changed a record. */
  appliedCount: number;
  /** Notifications handled without a change (unchanged, not held, ignored, invalid). */
  skippedCount: number;
  /** When the last change was applied (ISO 8601), or null. */
  lastAppliedAt: string | null;
}

/** One notification to handle: its stable id, its place in the stream, and whom and what it is about. */
export interface HandledNotification {
  id: string;
  subscriptionId: string;
  cursor: string;
  factType: string;
  personalId: string;
}

/**
 * What handling came to: `duplicate` when the id was handled before (nothing changed, the cursor
 * stays); otherwise the outcome and, for `applied`, the feed entry written.
 */
export type HandleResult = { outcome: 'duplicate' } | { outcome: NotificationOutcome; entry?: BienDong };

interface ProgressRow {
  subscription_id: string;
  purpose: string;
  cursor: string;
  applied_count: string;
  skipped_count: string;
  last_applied_at: Date | null;
}

/**
 * The subscriber's state in this system's schema: each subscription's cursor and counts
 * (`notification_cursors`), and every notification id handled (`applied_notifications`).
 */
export class NotificationsStore {
  constructor(
    private readonly pool: Pool,
    private readonly changes: ChangesStore,
  ) {}

  /** The stored progress of a subscription; a fresh one (cursor '') is created when unknown. */
  async progress(subscriptionId: string, purpose: string): Promise<SubscriptionProgress> {
    await this.pool.query(
      `INSERT INTO notification_cursors (subscription_id, purpose) VALUES ($1, $2)
       ON CONFLICT (subscription_id) DO NOTHING`,
      [subscriptionId, purpose],
    );
    const result = await this.pool.query<ProgressRow>(
      'SELECT * FROM notification_cursors WHERE subscription_id = $1',
      [subscriptionId],
    );
    return toProgress(result.rows[0]!);
  }

  /** The stored progress of a subscription, or undefined when none was stored. */
  async find(subscriptionId: string): Promise<SubscriptionProgress | undefined> {
    const result = await this.pool.query<ProgressRow>(
      'SELECT * FROM notification_cursors WHERE subscription_id = $1',
      [subscriptionId],
    );
    return result.rows[0] ? toProgress(result.rows[0]) : undefined;
  }

  /** The progress of the subscription most recently handled, or undefined before any. */
  async latest(): Promise<SubscriptionProgress | undefined> {
    const result = await this.pool.query<ProgressRow>(
      'SELECT * FROM notification_cursors ORDER BY updated_at DESC LIMIT 1',
    );
    return result.rows[0] ? toProgress(result.rows[0]) : undefined;
  }

  /**
   * Handles one notification once, in one transaction: the held record locked and changed as
   * `decide` says (a feed entry, `PhienBan` + 1), the seeded disagreements on the fields it
   * overwrote marked resolved, the id remembered and the cursor advanced — all or nothing.
   * `decide` gets the held record and returns the effect; `'invalid'` (a value that failed the
   * catalog) records the notification as handled without looking for the record. A redelivered
   * id changes nothing and answers `duplicate`.
   */
  async handle(
    notification: HandledNotification,
    at: Date,
    decide: ((record: HoSoQuanNhan) => NotificationEffect) | 'invalid',
  ): Promise<HandleResult> {
    return this.changes.transaction(async (tx) => {
      const seen = await tx.client.query('SELECT 1 FROM applied_notifications WHERE notification_id = $1', [
        notification.id,
      ]);
      if (seen.rowCount !== 0) return { outcome: 'duplicate' as const };
      const record = decide === 'invalid' ? undefined : await tx.lockHeld(notification.personalId);
      const effect = record === undefined || decide === 'invalid' ? undefined : decide(record);
      let outcome: NotificationOutcome;
      let entry: BienDong | undefined;
      if (decide === 'invalid') outcome = 'invalid';
      else if (record === undefined || effect === undefined) outcome = 'not_held';
      else if (effect.kind === 'change') {
        entry = await tx.save(effect.record, effect.event);
        await tx.client.query(
          `UPDATE seeded_truth SET resolved_at = $3, resolved_by = $4
            WHERE ma_dinh_danh_quan_nhan = $1 AND field = ANY($2::text[]) AND resolved_at IS NULL`,
          [record.MaDinhDanhQuanNhan, effect.fields, at, notification.id],
        );
        outcome = 'applied';
      } else outcome = effect.kind;
      await tx.client.query(
        `INSERT INTO applied_notifications
           (notification_id, subscription_id, cursor, fact_type, so_dinh_danh, outcome, change_cursor, handled_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          notification.id,
          notification.subscriptionId,
          notification.cursor,
          notification.factType,
          notification.personalId,
          outcome,
          entry?.ViTri ?? null,
          at,
        ],
      );
      const applied = outcome === 'applied';
      await tx.client.query(
        `UPDATE notification_cursors
            SET cursor = $2, updated_at = $3,
                applied_count = applied_count + $4, skipped_count = skipped_count + $5,
                last_applied_at = CASE WHEN $4 = 1 THEN $3 ELSE last_applied_at END
          WHERE subscription_id = $1`,
        [notification.subscriptionId, notification.cursor, at, applied ? 1 : 0, applied ? 0 : 1],
      );
      return entry ? { outcome, entry } : { outcome };
    });
  }
}

function toProgress(row: ProgressRow): SubscriptionProgress {
  return {
    subscriptionId: row.subscription_id,
    purpose: row.purpose,
    cursor: row.cursor,
    appliedCount: Number(row.applied_count),
    skippedCount: Number(row.skipped_count),
    lastAppliedAt: row.last_applied_at?.toISOString() ?? null,
  };
}

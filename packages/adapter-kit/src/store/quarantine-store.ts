import type { Pool } from '@motlan/db';

/** A record that could not be mapped, with why. */
export interface QuarantineEntry<R> {
  feed: string;
  /** The personal ID the record is about ('' when even that could not be read). */
  subject: string;
  version: string;
  /** Where the feed read it (its change cursor); '' from the bulk sync. */
  position: string;
  /** A stable error code (`MOTLAN_FACT_VALUE_INVALID`, ...) or `MOTLAN_RECORD_UNMAPPABLE`. */
  reasonCode: string;
  reason: string;
  field?: string;
  record: R;
}

export interface QuarantinedRecord<R> extends QuarantineEntry<R> {
  id: string;
  attempts: number;
  quarantinedAt: string;
  lastTriedAt: string;
  resolvedAt?: string;
  resolution?: string;
}

export interface QuarantineStore<R> {
  /** Keeps each entry; the same record version again counts one more attempt with the latest reason. */
  add(entries: QuarantineEntry<R>[]): Promise<void>;
  /** Open entries (not resolved), oldest first. */
  open(limit: number): Promise<QuarantinedRecord<R>[]>;
  /** Resolved and open entries, newest first. */
  list(options: { includeResolved: boolean; limit: number }): Promise<QuarantinedRecord<R>[]>;
  /** Resolves every open entry of these subjects (a later version mapped, or a retry succeeded). */
  resolve(subjects: string[], resolution: string): Promise<number>;
  /** Another failed attempt at an open entry, with the reason it failed this time. */
  failedAgain(id: string, reasonCode: string, reason: string, field: string | undefined): Promise<void>;
  countOpen(): Promise<number>;
}

interface Row {
  id: string;
  feed: string;
  subject: string;
  version: string;
  position: string;
  reason_code: string;
  reason: string;
  field: string | null;
  record: unknown;
  attempts: number;
  quarantined_at: Date;
  last_tried_at: Date;
  resolved_at: Date | null;
  resolution: string | null;
}

function fromRow<R>(row: Row): QuarantinedRecord<R> {
  return {
    id: row.id,
    feed: row.feed,
    subject: row.subject,
    version: row.version,
    position: row.position,
    reasonCode: row.reason_code,
    reason: row.reason,
    ...(row.field === null ? {} : { field: row.field }),
    record: row.record as R,
    attempts: row.attempts,
    quarantinedAt: row.quarantined_at.toISOString(),
    lastTriedAt: row.last_tried_at.toISOString(),
    ...(row.resolved_at === null ? {} : { resolvedAt: row.resolved_at.toISOString() }),
    ...(row.resolution === null ? {} : { resolution: row.resolution }),
  };
}

/** Quarantined records in the adapter's own schema (`quarantined_records`). */
export function pgQuarantineStore<R>(pool: Pool): QuarantineStore<R> {
  return {
    async add(entries) {
      for (const entry of entries) {
        await pool.query(
          `INSERT INTO quarantined_records (feed, subject, version, position, reason_code, reason, field, record)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
           ON CONFLICT (feed, subject, version) DO UPDATE
             SET reason_code = EXCLUDED.reason_code, reason = EXCLUDED.reason, field = EXCLUDED.field,
                 record = EXCLUDED.record, attempts = quarantined_records.attempts + 1,
                 last_tried_at = now(), resolved_at = NULL, resolution = NULL`,
          [
            entry.feed,
            entry.subject,
            entry.version,
            entry.position,
            entry.reasonCode,
            entry.reason,
            entry.field ?? null,
            JSON.stringify(entry.record),
          ],
        );
      }
    },
    async open(limit) {
      const { rows } = await pool.query<Row>(
        'SELECT * FROM quarantined_records WHERE resolved_at IS NULL ORDER BY id LIMIT $1',
        [limit],
      );
      return rows.map((row) => fromRow<R>(row));
    },
    async list({ includeResolved, limit }) {
      const { rows } = await pool.query<Row>(
        `SELECT * FROM quarantined_records ${includeResolved ? '' : 'WHERE resolved_at IS NULL'}
          ORDER BY id DESC LIMIT $1`,
        [limit],
      );
      return rows.map((row) => fromRow<R>(row));
    },
    async resolve(subjects, resolution) {
      if (subjects.length === 0) return 0;
      const result = await pool.query(
        `UPDATE quarantined_records SET resolved_at = now(), resolution = $2
          WHERE resolved_at IS NULL AND subject = ANY($1)`,
        [subjects, resolution],
      );
      return result.rowCount ?? 0;
    },
    async failedAgain(id, reasonCode, reason, field) {
      await pool.query(
        `UPDATE quarantined_records
            SET attempts = attempts + 1, last_tried_at = now(), reason_code = $2, reason = $3, field = $4
          WHERE id = $1`,
        [id, reasonCode, reason, field ?? null],
      );
    },
    async countOpen() {
      const { rows } = await pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM quarantined_records WHERE resolved_at IS NULL',
      );
      return Number(rows[0]!.n);
    },
  };
}

/** In-memory store for unit tests. */
export function memoryQuarantineStore<R>(): QuarantineStore<R> {
  const rows: QuarantinedRecord<R>[] = [];
  let next = 1;
  const now = () => new Date().toISOString();
  return {
    async add(entries) {
      for (const entry of entries) {
        const known = rows.find(
          (row) => row.feed === entry.feed && row.subject === entry.subject && row.version === entry.version,
        );
        if (known) {
          Object.assign(known, entry, { attempts: known.attempts + 1, lastTriedAt: now() });
          delete known.resolvedAt;
          delete known.resolution;
        } else {
          rows.push({ ...entry, id: String(next++), attempts: 1, quarantinedAt: now(), lastTriedAt: now() });
        }
      }
    },
    open: async (limit) => rows.filter((row) => row.resolvedAt === undefined).slice(0, limit),
    list: async ({ includeResolved, limit }) =>
      rows
        .filter((row) => includeResolved || row.resolvedAt === undefined)
        .reverse()
        .slice(0, limit),
    async resolve(subjects, resolution) {
      const open = rows.filter((row) => row.resolvedAt === undefined && subjects.includes(row.subject));
      for (const row of open) Object.assign(row, { resolvedAt: now(), resolution });
      return open.length;
    },
    async failedAgain(id, reasonCode, reason, field) {
      const row = rows.find((candidate) => candidate.id === id);
      if (!row) return;
      Object.assign(row, { attempts: row.attempts + 1, lastTriedAt: now(), reasonCode, reason });
      if (field === undefined) delete row.field;
      else row.field = field;
    },
    countOpen: async () => rows.filter((row) => row.resolvedAt === undefined).length,
  };
}

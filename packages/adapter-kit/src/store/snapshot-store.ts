import { LRUCache } from 'lru-cache';
import type { Pool } from '@motlan/db';

export interface Snapshot<R> {
  record: R;
  version: string;
  fetchedAt: Date;
}

export interface SnapshotStore<R> {
  get(subject: string): Promise<Snapshot<R> | undefined>;
  put(subject: string, snapshot: Snapshot<R>): Promise<void>;
  putMany(entries: { subject: string; snapshot: Snapshot<R> }[]): Promise<void>;
}

/**
 * Last known records in the adapter's own schema, with an in-process LRU in front so warm
 * lookups never leave the process.
 */
export function pgSnapshotStore<R>(pool: Pool, cacheEntries = 100_000): SnapshotStore<R> {
  const cache = new LRUCache<string, Snapshot<R>>({ max: cacheEntries });
  const putMany = async (all: { subject: string; snapshot: Snapshot<R> }[]) => {
    // A page of changes may hold one citizen twice (e.g. a marriage, then a move): keep the last.
    const entries = [...new Map(all.map((entry) => [entry.subject, entry])).values()];
    if (entries.length === 0) return;
    await pool.query(
      `INSERT INTO record_snapshots (subject, record, version, fetched_at)
       SELECT * FROM unnest($1::text[], $2::jsonb[], $3::text[], $4::timestamptz[])
       ON CONFLICT (subject) DO UPDATE
         SET record = EXCLUDED.record, version = EXCLUDED.version, fetched_at = EXCLUDED.fetched_at`,
      [
        entries.map((entry) => entry.subject),
        entries.map((entry) => JSON.stringify(entry.snapshot.record)),
        entries.map((entry) => entry.snapshot.version),
        entries.map((entry) => entry.snapshot.fetchedAt.toISOString()),
      ],
    );
    for (const entry of entries) cache.set(entry.subject, entry.snapshot);
  };
  return {
    async get(subject) {
      const cached = cache.get(subject);
      if (cached) return cached;
      const { rows } = await pool.query<{ record: R; version: string; fetched_at: Date }>(
        'SELECT record, version, fetched_at FROM record_snapshots WHERE subject = $1',
        [subject],
      );
      const row = rows[0];
      if (!row) return undefined;
      const snapshot = { record: row.record, version: row.version, fetchedAt: row.fetched_at };
      cache.set(subject, snapshot);
      return snapshot;
    },
    put: (subject, snapshot) => putMany([{ subject, snapshot }]),
    putMany,
  };
}

/** In-memory store for unit tests. */
export function memorySnapshotStore<R>(): SnapshotStore<R> {
  const map = new Map<string, Snapshot<R>>();
  return {
    get: async (subject) => map.get(subject),
    put: async (subject, snapshot) => void map.set(subject, snapshot),
    putMany: async (entries) => entries.forEach((entry) => map.set(entry.subject, entry.snapshot)),
  };
}

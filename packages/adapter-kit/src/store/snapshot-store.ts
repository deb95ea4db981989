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

const NUMERIC = /^[0-9]+$/;

/**
 * True when version `a` is older than `b`. Record versions are compared as numbers when both are
 * (an upstream's record counter); other versions cannot be ordered, and the later write wins.
 */
export function isOlderVersion(a: string, b: string): boolean {
  if (!NUMERIC.test(a) || !NUMERIC.test(b)) return false;
  return BigInt(a) < BigInt(b);
}

/**
 * Last known records in the adapter's own schema, with an in-process LRU in front so warm
 * lookups never leave the process. An older version never replaces a newer one (a feed may
 * replay an older version after a newer one).
 */
export function pgSnapshotStore<R>(pool: Pool, cacheEntries = 100_000): SnapshotStore<R> {
  const cache = new LRUCache<string, Snapshot<R>>({ max: cacheEntries });
  const putMany = async (all: { subject: string; snapshot: Snapshot<R> }[]) => {
    // A page of changes may hold one citizen twice (e.g. a marriage, then a move): keep the newest.
    const newest = new Map<string, { subject: string; snapshot: Snapshot<R> }>();
    for (const entry of all) {
      const known = newest.get(entry.subject);
      if (known === undefined || !isOlderVersion(entry.snapshot.version, known.snapshot.version)) {
        newest.set(entry.subject, entry);
      }
    }
    const entries = [...newest.values()];
    if (entries.length === 0) return;
    const { rows } = await pool.query<{ subject: string }>(
      `INSERT INTO record_snapshots (subject, record, version, fetched_at)
       SELECT * FROM unnest($1::text[], $2::jsonb[], $3::text[], $4::timestamptz[])
       ON CONFLICT (subject) DO UPDATE
         SET record = EXCLUDED.record, version = EXCLUDED.version, fetched_at = EXCLUDED.fetched_at
         WHERE NOT (record_snapshots.version ~ '^[0-9]+$' AND EXCLUDED.version ~ '^[0-9]+$'
                    AND EXCLUDED.version::numeric < record_snapshots.version::numeric)
       RETURNING subject`,
      [
        entries.map((entry) => entry.subject),
        entries.map((entry) => JSON.stringify(entry.snapshot.record)),
        entries.map((entry) => entry.snapshot.version),
        entries.map((entry) => entry.snapshot.fetchedAt.toISOString()),
      ],
    );
    // Only what was written is cached; a subject whose stored version is newer is read from the
    // table on next use.
    const written = new Set(rows.map((row) => row.subject));
    for (const entry of entries) {
      if (written.has(entry.subject)) cache.set(entry.subject, entry.snapshot);
      else cache.delete(entry.subject);
    }
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
    put: (subject, snapshot) => putMany([{ subject, snapshot }]),
    putMany,
  };
  async function putMany(entries: { subject: string; snapshot: Snapshot<R> }[]): Promise<void> {
    for (const entry of entries) {
      const known = map.get(entry.subject);
      if (known === undefined || !isOlderVersion(entry.snapshot.version, known.version)) {
        map.set(entry.subject, entry.snapshot);
      }
    }
  }
}

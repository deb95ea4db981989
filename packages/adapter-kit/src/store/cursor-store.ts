import type { Pool } from '@motlan/db';

export interface CursorStore {
  get(feed: string): Promise<string | undefined>;
  set(feed: string, cursor: string): Promise<void>;
}

export function pgCursorStore(pool: Pool): CursorStore {
  return {
    async get(feed) {
      const { rows } = await pool.query<{ cursor: string }>(
        'SELECT cursor FROM sync_cursors WHERE feed = $1',
        [feed],
      );
      return rows[0]?.cursor;
    },
    async set(feed, cursor) {
      await pool.query(
        `INSERT INTO sync_cursors (feed, cursor) VALUES ($1, $2)
         ON CONFLICT (feed) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()`,
        [feed, cursor],
      );
    },
  };
}

export function memoryCursorStore(): CursorStore {
  const map = new Map<string, string>();
  return { get: async (feed) => map.get(feed), set: async (feed, cursor) => void map.set(feed, cursor) };
}

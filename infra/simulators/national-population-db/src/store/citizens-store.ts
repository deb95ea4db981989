import type { Pool } from '@motlan/db';
import type { CitizenRecord } from '../domain/record.ts';

export interface StoredCitizen {
  record: CitizenRecord;
  maHo: string;
}

export interface CitizenPage {
  items: CitizenRecord[];
  next: string | null;
}

/** How long the citizen count is reused: only seeding adds citizens, so it hardly ever changes. */
const COUNT_TTL_MS = 5_000;

/** Reads of the `citizens` table. */
export class CitizensStore {
  private countCache: { value: number; at: number } | undefined;

  constructor(private readonly pool: Pool) {}

  async get(soDinhDanh: string): Promise<CitizenRecord | undefined> {
    const result = await this.pool.query<{ record: CitizenRecord }>(
      'SELECT record FROM citizens WHERE so_dinh_danh = $1',
      [soDinhDanh],
    );
    return result.rows[0]?.record;
  }

  /** Citizens after `after` in ID order; `next` is set while more follow. */
  async page(after: string, limit: number): Promise<CitizenPage> {
    const result = await this.pool.query<{ record: CitizenRecord }>(
      'SELECT record FROM citizens WHERE so_dinh_danh > $1 ORDER BY so_dinh_danh LIMIT $2',
      [after, limit + 1],
    );
    const items = result.rows.slice(0, limit).map((row) => row.record);
    const more = result.rows.length > limit;
    return { items, next: more ? items[items.length - 1]!.SoDinhDanh : null };
  }

  async count(now = Date.now()): Promise<number> {
    if (this.countCache && now - this.countCache.at < COUNT_TTL_MS) return this.countCache.value;
    const result = await this.pool.query<{ count: string }>('SELECT count(*) AS count FROM citizens');
    this.countCache = { value: Number(result.rows[0]!.count), at: now };
    return this.countCache.value;
  }

  async isEmpty(): Promise<boolean> {
    const result = await this.pool.query('SELECT 1 FROM citizens LIMIT 1');
    return result.rowCount === 0;
  }

  /** The highest sampling ordinal (0 when empty). */
  async maxSeq(): Promise<number> {
    const result = await this.pool.query<{ max: string | null }>('SELECT max(seq) AS max FROM citizens');
    return Number(result.rows[0]!.max ?? 0);
  }

  /** Up to `limit` citizens from sampling ordinal `seq` on: a cheap random neighbourhood. */
  async sample(seq: number, limit: number): Promise<StoredCitizen[]> {
    const result = await this.pool.query<{ record: CitizenRecord; ma_ho: string }>(
      'SELECT record, ma_ho FROM citizens WHERE seq >= $1 ORDER BY seq LIMIT $2',
      [seq, limit],
    );
    return result.rows.map((row) => ({ record: row.record, maHo: row.ma_ho }));
  }
}

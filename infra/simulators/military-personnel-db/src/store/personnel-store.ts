import type { Pool } from '@motlan/db';
import type { HoSoQuanNhan } from '../domain/record.ts';

export interface PersonnelPage {
  items: HoSoQuanNhan[];
  next: string | null;
}

/** How long the record count is reused: only seeding adds records, so it hardly ever changes. */
const COUNT_TTL_MS = 5_000;

/** Reads of the `personnel` table. */
export class PersonnelStore {
  private countCache: { value: number; at: number } | undefined;

  constructor(private readonly pool: Pool) {}

  async byCode(code: string): Promise<HoSoQuanNhan | undefined> {
    const result = await this.pool.query<{ record: HoSoQuanNhan }>(
      'SELECT record FROM personnel WHERE ma_dinh_danh_quan_nhan = $1',
      [code],
    );
    return result.rows[0]?.record;
  }

  async byPersonalId(soDinhDanh: string): Promise<HoSoQuanNhan | undefined> {
    const result = await this.pool.query<{ record: HoSoQuanNhan }>(
      'SELECT record FROM personnel WHERE so_dinh_danh = $1',
      [soDinhDanh],
    );
    return result.rows[0]?.record;
  }

  /** Records after `after` in military-code order; `next` is set while more follow. */
  async page(after: string, limit: number): Promise<PersonnelPage> {
    const result = await this.pool.query<{ record: HoSoQuanNhan }>(
      'SELECT record FROM personnel WHERE ma_dinh_danh_quan_nhan > $1 ORDER BY ma_dinh_danh_quan_nhan LIMIT $2',
      [after, limit + 1],
    );
    const items = result.rows.slice(0, limit).map((row) => row.record);
    const more = result.rows.length > limit;
    return { items, next: more ? items[items.length - 1]!.MaDinhDanhQuanNhan : null };
  }

  async count(now = Date.now()): Promise<number> {
    if (this.countCache && now - this.countCache.at < COUNT_TTL_MS) return this.countCache.value;
    const result = await this.pool.query<{ count: string }>('SELECT count(*) AS count FROM personnel');
    this.countCache = { value: Number(result.rows[0]!.count), at: now };
    return this.countCache.value;
  }

  async isEmpty(): Promise<boolean> {
    const result = await this.pool.query('SELECT 1 FROM personnel LIMIT 1');
    return result.rowCount === 0;
  }

  /** The highest sampling ordinal (0 when empty). */
  async maxSeq(): Promise<number> {
    const result = await this.pool.query<{ max: string | null }>('SELECT max(seq) AS max FROM personnel');
    return Number(result.rows[0]!.max ?? 0);
  }

  /** Up to `limit` well-formed records from sampling ordinal `seq` on: a cheap random neighbourhood. */
  async sample(seq: number, limit: number): Promise<HoSoQuanNhan[]> {
    const result = await this.pool.query<{ record: HoSoQuanNhan }>(
      'SELECT record FROM personnel WHERE seq >= $1 AND NOT malformed ORDER BY seq LIMIT $2',
      [seq, limit],
    );
    return result.rows.map((row) => row.record);
  }
}

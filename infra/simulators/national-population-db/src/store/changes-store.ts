import { withTransaction, type Pool, type PoolClient } from '@motlan/db';
import type { LoaiThayDoi } from '../domain/codes.ts';
import type { ChangeEntry, CitizenRecord } from '../domain/record.ts';
import type { StoredCitizen } from './citizens-store.ts';

/** Advisory lock (with the schema's hash) every change writer holds until it commits (see the changes migration). */
const CHANGE_WRITER_LOCK = 0x6e706462; // "npdb"

interface ChangeRow {
  cursor: string;
  so_dinh_danh: string;
  loai_thay_doi: LoaiThayDoi;
  thoi_diem: Date;
  record: CitizenRecord;
}

function toEntry(row: ChangeRow): ChangeEntry {
  return {
    Cursor: row.cursor,
    SoDinhDanh: row.so_dinh_danh,
    LoaiThayDoi: row.loai_thay_doi,
    ThoiDiem: row.thoi_diem.toISOString(),
    BanGhi: row.record,
  };
}

/** One change transaction: lock what you change, save records, each save appends to the feed. */
export class ChangeTransaction {
  readonly entries: ChangeEntry[] = [];

  constructor(private readonly client: PoolClient) {}

  /** Locks and re-reads citizens (current state, not what a sample saw). */
  async lock(ids: readonly string[]): Promise<Map<string, StoredCitizen>> {
    const result = await this.client.query<{ so_dinh_danh: string; record: CitizenRecord; ma_ho: string }>(
      'SELECT so_dinh_danh, record, ma_ho FROM citizens WHERE so_dinh_danh = ANY($1) ORDER BY so_dinh_danh FOR UPDATE',
      [ids],
    );
    return new Map(result.rows.map((row) => [row.so_dinh_danh, { record: row.record, maHo: row.ma_ho }]));
  }

  /** Locks and reads every member of a household. */
  async lockHousehold(maHo: string): Promise<StoredCitizen[]> {
    const result = await this.client.query<{ record: CitizenRecord; ma_ho: string }>(
      'SELECT record, ma_ho FROM citizens WHERE ma_ho = $1 ORDER BY so_dinh_danh FOR UPDATE',
      [maHo],
    );
    return result.rows.map((row) => ({ record: row.record, maHo: row.ma_ho }));
  }

  async newHousehold(headId: string, at: string): Promise<string> {
    const result = await this.client.query<{ ma_ho: string }>(
      'INSERT INTO households (chu_ho, lap_luc) VALUES ($1, $2) RETURNING ma_ho',
      [headId, at],
    );
    return result.rows[0]!.ma_ho;
  }

  /**
   * Appends a record to the feed without storing it as the citizen's current record: how an
   * upstream replays an older version after a newer one (out-of-order versions, on request).
   */
  async appendOnly(record: CitizenRecord, type: LoaiThayDoi): Promise<ChangeEntry> {
    const result = await this.client.query<ChangeRow>(
      `INSERT INTO changes (so_dinh_danh, loai_thay_doi, thoi_diem, record) VALUES ($1, $2, now(), $3::jsonb)
        RETURNING cursor, so_dinh_danh, loai_thay_doi, thoi_diem, record`,
      [record.SoDinhDanh, type, JSON.stringify(record)],
    );
    const entry = toEntry(result.rows[0]!);
    this.entries.push(entry);
    return entry;
  }

  /**
   * Stores a new citizen (the next sampling ordinal, in household `maHo`) and appends the record
   * to the feed. Writers hold the change-writer lock, so `max(seq) + 1` is not raced.
   */
  async add(record: CitizenRecord, type: LoaiThayDoi, maHo: string): Promise<ChangeEntry> {
    await this.client.query(
      `INSERT INTO citizens (so_dinh_danh, record, version, updated_at, seq, ma_ho)
        SELECT $1, $2::jsonb, $3, $4, coalesce(max(seq), 0) + 1, $5 FROM citizens`,
      [record.SoDinhDanh, JSON.stringify(record), record.PhienBan, record.CapNhatLuc, maHo],
    );
    return this.append(record, type);
  }

  /** Stores the record as changed and appends it to the feed. */
  async save(record: CitizenRecord, type: LoaiThayDoi, maHo?: string): Promise<ChangeEntry> {
    const json = JSON.stringify(record);
    await this.client.query(
      `UPDATE citizens SET record = $2::jsonb, version = $3, updated_at = $4, ma_ho = coalesce($5, ma_ho)
        WHERE so_dinh_danh = $1`,
      [record.SoDinhDanh, json, record.PhienBan, record.CapNhatLuc, maHo ?? null],
    );
    return this.append(record, type);
  }

  private async append(record: CitizenRecord, type: LoaiThayDoi): Promise<ChangeEntry> {
    const result = await this.client.query<ChangeRow>(
      `INSERT INTO changes (so_dinh_danh, loai_thay_doi, thoi_diem, record) VALUES ($1, $2, $3, $4::jsonb)
        RETURNING cursor, so_dinh_danh, loai_thay_doi, thoi_diem, record`,
      [record.SoDinhDanh, type, record.CapNhatLuc, JSON.stringify(record)],
    );
    const entry = toEntry(result.rows[0]!);
    this.entries.push(entry);
    return entry;
  }
}

/** The change feed: reads, and the transactions that write it. */
export class ChangesStore {
  constructor(private readonly pool: Pool) {}

  /** Changes with a cursor above `cursor`, in cursor order. */
  async after(cursor: string, limit: number): Promise<ChangeEntry[]> {
    const result = await this.pool.query<ChangeRow>(
      `SELECT cursor, so_dinh_danh, loai_thay_doi, thoi_diem, record FROM changes
        WHERE cursor > $1::bigint ORDER BY cursor LIMIT $2`,
      [cursor, limit],
    );
    return result.rows.map(toEntry);
  }

  /**
   * Runs `work` in one transaction holding this schema's change-writer lock; returns the feed
   * entries it saved (none when it decided to change nothing).
   */
  async write(work: (tx: ChangeTransaction) => Promise<void>): Promise<ChangeEntry[]> {
    return withTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [
        CHANGE_WRITER_LOCK,
      ]);
      const tx = new ChangeTransaction(client);
      await work(tx);
      return tx.entries;
    });
  }
}

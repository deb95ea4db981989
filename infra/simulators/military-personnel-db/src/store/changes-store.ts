import { withTransaction, type Pool, type PoolClient } from '@motlan/db';
import type { LoaiBienDong } from '../domain/codes.ts';
import type { BienDong, HoSoQuanNhan } from '../domain/record.ts';

/** Advisory lock (with the schema's hash) every change writer holds until it commits (see the changes migration). */
const CHANGE_WRITER_LOCK = 0x6d706462; // "mpdb"

interface ChangeRow {
  cursor: string;
  ma_dinh_danh_quan_nhan: string;
  so_dinh_danh: string;
  loai_bien_dong: LoaiBienDong;
  thoi_diem: Date;
  record: HoSoQuanNhan;
}

function toEntry(row: ChangeRow): BienDong {
  return {
    ViTri: row.cursor,
    LoaiBienDong: row.loai_bien_dong,
    ThoiDiem: row.thoi_diem.toISOString(),
    MaDinhDanhQuanNhan: row.ma_dinh_danh_quan_nhan,
    SoDinhDanh: row.so_dinh_danh,
    HoSo: row.record,
  };
}

/** One change transaction: lock what you change, save it, each save appends to the feed. */
export class ChangeTransaction {
  readonly entries: BienDong[] = [];

  /** The transaction's connection, for a store that writes beside the change in the same transaction. */
  constructor(readonly client: PoolClient) {}

  /** Locks and re-reads a record (its current state, not what a sample saw); undefined if gone or malformed. */
  async lock(code: string): Promise<HoSoQuanNhan | undefined> {
    const result = await this.client.query<{ record: HoSoQuanNhan }>(
      'SELECT record FROM personnel WHERE ma_dinh_danh_quan_nhan = $1 AND NOT malformed FOR UPDATE',
      [code],
    );
    return result.rows[0]?.record;
  }

  /** Locks and re-reads a well-formed record by personal ID; undefined if none or malformed. */
  async lockByPersonalId(soDinhDanh: string): Promise<HoSoQuanNhan | undefined> {
    const result = await this.client.query<{ record: HoSoQuanNhan }>(
      'SELECT record FROM personnel WHERE so_dinh_danh = $1 AND NOT malformed FOR UPDATE',
      [soDinhDanh],
    );
    return result.rows[0]?.record;
  }

  /**
   * Locks and re-reads the record of a personal ID, malformed or not (a change the mesh notifies
   * reaches every record held); undefined when none.
   */
  async lockHeld(soDinhDanh: string): Promise<HoSoQuanNhan | undefined> {
    const result = await this.client.query<{ record: HoSoQuanNhan }>(
      'SELECT record FROM personnel WHERE so_dinh_danh = $1 FOR UPDATE',
      [soDinhDanh],
    );
    return result.rows[0]?.record;
  }

  /**
   * Stores the record as changed and appends it to the feed; `malformed` marks a record broken on
   * purpose (a record quirk), which the change generator then leaves alone.
   */
  async save(record: HoSoQuanNhan, type: LoaiBienDong, malformed = false): Promise<BienDong> {
    const json = JSON.stringify(record);
    await this.client.query(
      `UPDATE personnel SET record = $2::jsonb, version = $3, updated_at = $4, malformed = malformed OR $5
        WHERE ma_dinh_danh_quan_nhan = $1`,
      [record.MaDinhDanhQuanNhan, json, record.PhienBan, record.CapNhatLuc, malformed],
    );
    const result = await this.client.query<ChangeRow>(
      `INSERT INTO changes (ma_dinh_danh_quan_nhan, so_dinh_danh, loai_bien_dong, thoi_diem, record)
       VALUES ($1, $2, $3, $4, $5::jsonb)
       RETURNING cursor, ma_dinh_danh_quan_nhan, so_dinh_danh, loai_bien_dong, thoi_diem, record`,
      [record.MaDinhDanhQuanNhan, record.SoDinhDanh, type, record.CapNhatLuc, json],
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
  async after(cursor: string, limit: number): Promise<BienDong[]> {
    const result = await this.pool.query<ChangeRow>(
      `SELECT cursor, ma_dinh_danh_quan_nhan, so_dinh_danh, loai_bien_dong, thoi_diem, record FROM changes
        WHERE cursor > $1::bigint ORDER BY cursor LIMIT $2`,
      [cursor, limit],
    );
    return result.rows.map(toEntry);
  }

  /** Runs `work` in one transaction holding this schema's change-writer lock; returns the entries it saved. */
  async write(work: (tx: ChangeTransaction) => Promise<void>): Promise<BienDong[]> {
    return this.transaction(async (tx) => {
      await work(tx);
      return tx.entries;
    });
  }

  /** As `write`, returning what `work` returns. */
  async transaction<T>(work: (tx: ChangeTransaction) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [
        CHANGE_WRITER_LOCK,
      ]);
      return work(new ChangeTransaction(client));
    });
  }
}

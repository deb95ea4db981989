/**
 * What a service did to its own tables over a phase, from PostgreSQL's cumulative statistics
 * (`pg_stat_user_tables` of its schema): scans, rows inserted / updated. Per request, these show
 * how many statements one call costs. Statistics reach the view up to a second after a transaction
 * ends, so read each snapshot once the backends have published theirs: up to 10 s after they go idle (`settleMs`).
 */
import pg from 'pg';

export interface TableCounters {
  seqScan: number;
  idxScan: number;
  inserted: number;
  updated: number;
  deleted: number;
}

export type TableStats = Record<string, TableCounters>;

export async function tableStats(databaseUrl: string, schema: string, settleMs = 0): Promise<TableStats> {
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'motlan-bench' });
  await client.connect();
  try {
    // Our own session may hold a cached snapshot of the statistics; start from a fresh one.
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{
      relname: string;
      seq_scan: string;
      idx_scan: string | null;
      n_tup_ins: string;
      n_tup_upd: string;
      n_tup_del: string;
    }>(
      `SELECT relname, seq_scan, idx_scan, n_tup_ins, n_tup_upd, n_tup_del
       FROM pg_stat_user_tables WHERE schemaname = $1`,
      [schema],
    );
    return Object.fromEntries(
      rows.map((row) => [
        row.relname,
        {
          seqScan: Number(row.seq_scan),
          idxScan: Number(row.idx_scan ?? 0),
          inserted: Number(row.n_tup_ins),
          updated: Number(row.n_tup_upd),
          deleted: Number(row.n_tup_del),
        },
      ]),
    );
  } finally {
    await client.end();
  }
}

/** after − before, per table, only tables that changed. */
export function statsDelta(before: TableStats, after: TableStats): TableStats {
  const delta: TableStats = {};
  for (const [table, counters] of Object.entries(after)) {
    const base = before[table] ?? { seqScan: 0, idxScan: 0, inserted: 0, updated: 0, deleted: 0 };
    const change: TableCounters = {
      seqScan: counters.seqScan - base.seqScan,
      idxScan: counters.idxScan - base.idxScan,
      inserted: counters.inserted - base.inserted,
      updated: counters.updated - base.updated,
      deleted: counters.deleted - base.deleted,
    };
    if (Object.values(change).some((value) => value !== 0)) delta[table] = change;
  }
  return delta;
}

/** "audit_log 1.0 ins, 0.02 idx; current_facts 1.0 idx" — each counter divided by `per` (e.g. calls). */
export function formatPerCall(delta: TableStats, per: number): string {
  const figure = (value: number) => (value / per).toFixed(value / per >= 0.1 ? 1 : 3);
  return Object.entries(delta)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([table, counters]) => {
      const parts = [
        counters.inserted ? `${figure(counters.inserted)} ins` : '',
        counters.updated ? `${figure(counters.updated)} upd` : '',
        counters.idxScan ? `${figure(counters.idxScan)} idx` : '',
        counters.seqScan ? `${figure(counters.seqScan)} seq` : '',
      ].filter((part) => part !== '');
      return `${table} ${parts.join(', ')}`;
    })
    .join('; ');
}

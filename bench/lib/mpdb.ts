/**
 * The military personnel database simulator as a bench fixture: read back what it seeded (from
 * the population simulator's citizens when it started on an empty schema).
 */
import pg from 'pg';

/** The fields of a personnel record the benches use (its API's `HoSo`, which its storage keeps as is). */
export interface MpdbRecord {
  MaDinhDanhQuanNhan: string;
  SoDinhDanh: string;
  HoVaTen: string;
  /** dd/MM/yyyy; `00` for an unknown day or month */
  NgaySinh: string;
}

/**
 * Every well-formed personnel record seeded into `schema`, in personal-ID order: the records
 * exactly as the simulator's API returns them (`personnel.record`), read from the database rather
 * than through the upstream's OAuth2-guarded API. Records malformed on purpose (`malformed`, e.g.
 * a code with a wrong check character, which the adapter rightly refuses as input) are left out.
 */
export async function seededPersonnel(databaseUrl: string, schema: string): Promise<MpdbRecord[]> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'motlan-bench' });
  await client.connect();
  try {
    const { rows } = await client.query<{ record: MpdbRecord }>(
      `SELECT record FROM ${pg.escapeIdentifier(schema)}.personnel WHERE NOT malformed ORDER BY so_dinh_danh`,
    );
    return rows.map((row) => row.record);
  } finally {
    await client.end();
  }
}

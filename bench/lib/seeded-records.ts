/**
 * What a simulator seeded, read back from its schema: the `record` column its tables keep exactly
 * as its API returns it. Benches read here rather than through the upstream's own API, whose
 * authentication (request signing, OAuth2) is the adapter's business, not the bench's.
 */
import pg from 'pg';

/**
 * Every row's `record` of `schema`.`table` (trusted names from the bench, not input), filtered by
 * `where` (SQL, e.g. `NOT malformed`) and ordered by `orderBy` (a column).
 */
export async function seededRecords<T>(
  databaseUrl: string,
  query: { schema: string; table: string; orderBy: string; where?: string },
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'motlan-bench' });
  await client.connect();
  try {
    const { rows } = await client.query<{ record: T }>(
      `SELECT record FROM ${pg.escapeIdentifier(query.schema)}.${pg.escapeIdentifier(query.table)}` +
        `${query.where ? ` WHERE ${query.where}` : ''} ORDER BY ${pg.escapeIdentifier(query.orderBy)}`,
    );
    return rows.map((row) => row.record);
  } finally {
    await client.end();
  }
}

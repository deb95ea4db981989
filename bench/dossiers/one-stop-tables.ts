import pg from 'pg';

/** What the one-stop shop and the registry stored, read straight from their schemas. */
export interface StoredCounts {
  dossiers: number;
  /** Outbox events, and those not yet relayed to Kafka. */
  outboxEvents: number;
  outboxUnpublished: number;
  /** Facts of `declaredType` in the registry's history: what the dossiers declared and the registry applied. */
  declaredApplied: number;
}

export async function storedCounts(
  databaseUrl: string,
  schemas: { oneStop: string; registry: string },
  declaredType: string,
): Promise<StoredCounts> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'motlan-bench' });
  await client.connect();
  try {
    const oneStop = pg.escapeIdentifier(schemas.oneStop);
    const count = async (sql: string, values: unknown[] = []): Promise<number> =>
      Number((await client.query<{ n: string }>(sql, values)).rows[0]?.n ?? 0);
    return {
      dossiers: await count(`select count(*) as n from ${oneStop}.dossiers`),
      outboxEvents: await count(`select count(*) as n from ${oneStop}.outbox`),
      outboxUnpublished: await count(
        `select count(*) as n from ${oneStop}.outbox where published_at is null`,
      ),
      declaredApplied: await count(
        `select count(*) as n from ${pg.escapeIdentifier(schemas.registry)}.fact_history where type = $1`,
        [declaredType],
      ),
    };
  } finally {
    await client.end();
  }
}

/** Polls until the outbox has nothing left to relay; resolves with the last counts either way. */
export async function waitForOutboxDrained(
  read: () => Promise<StoredCounts>,
  timeoutMs: number,
): Promise<{ counts: StoredCounts; drained: boolean }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await read();
    if (counts.outboxUnpublished === 0) return { counts, drained: true };
    if (Date.now() >= deadline) return { counts, drained: false };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

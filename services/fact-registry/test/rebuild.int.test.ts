import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropAppRole } from '@motlan/db';
import { eventually, uniqueName } from '@motlan/testkit';
import { MIGRATIONS } from '../src/migrations-dir.ts';
import { rebuildRegistry } from '../src/rebuild.ts';
import { currentViewDigest } from '../src/store/fact-queries.ts';
import { fact, startRegistry, type Harness } from './registry-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startRegistry();
}, 120_000);
afterAll(async () => {
  await h?.resources.cleanup();
});

describe('rebuilding the registry from citizen.facts.v1', () => {
  it('ends in exactly the same current view as the live registry', async () => {
    const subjects = ['001099000101', '001099000102', '079203000103', '001199000104'];
    const t = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes)).toISOString();
    const facts = subjects.flatMap((id, index) => [
      fact(
        id,
        'identity.full_name',
        { family: 'Trần', middle: 'Văn', given: `Số${index}`, full: `Trần Văn Số${index}` },
        { observedAt: t(1) },
      ),
      // A later authoritative version supersedes the first one.
      fact(
        id,
        'identity.full_name',
        { family: 'Trần', middle: 'Văn', given: `Mới${index}`, full: `Trần Văn Mới${index}` },
        { observedAt: t(5), version: '2' },
      ),
      // A declaration that disagrees: kept in history, flagged, not current.
      fact(
        id,
        'identity.date_of_birth',
        { date: '1999-01-01' },
        { assurance: 'ASSURANCE_SELF_DECLARED', observedAt: t(9) },
      ),
      fact(id, 'identity.date_of_birth', { date: '1999-02-02' }, { observedAt: t(2) }),
    ]);
    // A duplicate delivery and a fact that only ever reaches the dead-letter topic.
    await h.publish(...facts, facts[0]!, fact(subjects[0]!, 'identity.unknown_type', { x: 1 }));
    const live = await eventually(async () => {
      const digest = await currentViewDigest(h.pool);
      const history = await h.pool.query('SELECT count(*)::int AS n FROM fact_history');
      return history.rows[0].n === facts.length ? digest : undefined;
    });
    expect(live.rows).toBe(subjects.length * 2);

    const rebuiltSchema = uniqueName('rebuilt', '_').replaceAll('-', '_');
    const rebuilt = await rebuildRegistry({
      kafka: h.resources.kafka,
      databaseUrl: h.resources.databaseUrl,
      schema: rebuiltSchema,
      migrationsDir: MIGRATIONS,
      topic: h.factsTopic,
      groupId: h.resources.groupId('rebuild'),
      logger: h.resources.logger,
    });
    h.resources.defer(async () => {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: h.resources.databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${rebuiltSchema} CASCADE`);
      await dropAppRole(client, rebuiltSchema);
      await client.end();
    });
    expect(rebuilt.messages).toBe(facts.length + 2);
    expect(rebuilt.currentView).toEqual(live);
    const flagged = await h.pool.query('SELECT count(*)::int AS n FROM current_facts WHERE conflicted');
    expect(flagged.rows[0].n).toBe(subjects.length);
  });
});

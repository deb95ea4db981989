import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction, type Pool } from '@motlan/db';
import type { Fact__Output } from '@motlan/proto';
import { TestResources } from '@motlan/testkit';
import { decide, type Contender } from '../src/domain/supersession.ts';
import { MIGRATIONS } from '../src/migrations-dir.ts';
import { applyFacts } from '../src/store/apply-facts.ts';
import { fact } from './registry-harness.ts';

let resources: TestResources;
let pool: Pool;
beforeAll(async () => {
  resources = new TestResources();
  ({ pool } = await resources.schema([MIGRATIONS], 'apply'));
}, 60_000);
afterAll(async () => {
  await resources?.cleanup();
});

const STATUS = 'identity.vital_status';
const alive = { status: 'alive' };
const deceased = { status: 'deceased', dateOfDeath: '2026-04-29' };

async function current(subject: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ fact_id: string }>(
    'SELECT fact_id FROM current_facts WHERE subject = $1 AND type = $2',
    [subject, STATUS],
  );
  return rows[0]?.fact_id;
}

const apply = (...facts: Fact__Output[]) => withTransaction(pool, (tx) => applyFacts(tx, facts));

/** What the pure function says is current after these facts, one at a time. */
function pureCurrent(facts: Fact__Output[]): string | undefined {
  let winner: Contender | undefined;
  for (const f of facts) {
    const contender: Contender = {
      factId: f.id,
      assurance: f.provenance!.assurance as Contender['assurance'],
      observedAt: f.provenance!.observedAt,
      contentHash: f.provenance!.contentHash,
      sourceSystem: f.provenance!.sourceSystem,
      sourceRecordRef: f.provenance!.sourceRecordRef,
      sourceRecordVersion: f.provenance!.sourceRecordVersion,
    };
    if (decide(winner, contender).replace) winner = contender;
  }
  return winner?.factId;
}

describe('applying versions of one source record', () => {
  it('makes version 3 current although its source time is earlier than version 2', async () => {
    const subject = '001099100001';
    const v2 = fact(subject, STATUS, alive, { version: '2', observedAt: '2026-05-01T10:00:00Z' });
    const v3 = fact(subject, STATUS, deceased, { version: '3', observedAt: '2026-04-30T09:00:00Z' });
    await apply(v2);
    expect(await current(subject)).toBe(v2.id);
    await apply(v3);
    expect(await current(subject)).toBe(v3.id);
    // Version 2 delivered again (a replay) changes nothing; both stay in history.
    await apply(v2);
    expect(await current(subject)).toBe(v3.id);
    const history = await pool.query('SELECT count(*)::int AS n FROM fact_history WHERE subject = $1', [
      subject,
    ]);
    expect(history.rows[0].n).toBe(2);
    expect(pureCurrent([v2, v3])).toBe(v3.id);
  });

  it('agrees with the pure function when the versions come in one batch, in any order', async () => {
    const t = (day: number) => new Date(Date.UTC(2026, 3, day)).toISOString();
    const make = (subject: string) => [
      fact(subject, STATUS, alive, { version: '2', observedAt: t(20) }),
      fact(subject, STATUS, deceased, { version: '3', observedAt: t(10) }),
      fact(subject, STATUS, alive, { version: '10', observedAt: t(5) }),
      fact(subject, STATUS, deceased, { version: '9', observedAt: t(25) }),
    ];
    const orders = [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [1, 3, 0, 2],
    ];
    for (const [index, order] of orders.entries()) {
      const subject = `00109910001${index}`;
      const facts = make(subject);
      const sequence = order.map((i) => facts[i]!);
      await apply(...sequence);
      expect(await current(subject)).toBe(facts[2]!.id); // version 10, the oldest clock
      expect(pureCurrent(sequence)).toBe(facts[2]!.id);
    }
  });

  it('still orders facts of different sources by observation time', async () => {
    const subject = '001099100020';
    const population = fact(subject, STATUS, alive, { version: '7', observedAt: '2026-05-01T00:00:00Z' });
    const other: Fact__Output = {
      ...fact(subject, STATUS, deceased, { version: '1', observedAt: '2026-04-01T00:00:00Z' }),
    };
    other.provenance = {
      ...other.provenance!,
      sourceSystem: 'military-service-db',
      sourceRecordRef: 'MSDB/9',
    };
    await apply(population, other);
    expect(await current(subject)).toBe(population.id);
    expect(pureCurrent([population, other])).toBe(population.id);
  });
});

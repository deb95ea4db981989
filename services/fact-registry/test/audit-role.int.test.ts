import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditAnchors, verifyAuditTrail } from '@motlan/access';
import { KafkaTestClient } from '@motlan/kafka';
import { eventually } from '@motlan/testkit';
import { fact, startRegistry, type Harness } from './registry-harness.ts';

let h: Harness;
const ID = '001099012345';

beforeAll(async () => {
  h = await startRegistry();
}, 120_000);
afterAll(async () => {
  await h?.resources.cleanup();
});

describe("the registry's audit trail under its service role", () => {
  it('audits and anchors reads through its pool, which cannot UPDATE, DELETE or TRUNCATE the trail', async () => {
    const name = fact(ID, 'identity.full_name', {
      family: 'Nguyễn',
      middle: 'Văn',
      given: 'An',
      full: 'Nguyễn Văn An',
    });
    await h.publish(name);
    await eventually(async () => {
      const { rowCount } = await h.pool.query('SELECT 1 FROM fact_history WHERE fact_id = $1', [name.id]);
      return rowCount ? true : undefined;
    });
    await h.client('one-stop').call('GetFacts', {
      personalId: ID,
      factTypes: ['identity.full_name'],
      purpose: 'first-registration',
    });
    await h.app.trail.settle();
    await eventually(async () => ((await h.app.relay.backlog()) === 0 ? true : undefined));

    for (const statement of [
      "UPDATE audit_log SET client = 'someone-else'",
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
    ]) {
      await expect(h.pool.query(statement), statement).rejects.toMatchObject({ code: '42501' });
    }
    const verdict = await verifyAuditTrail(h.pool, {
      anchors: await readAuditAnchors(
        h.resources.kafka,
        h.auditAnchorsTopic,
        undefined,
        KafkaTestClient.groupPrefix,
      ),
    });
    expect(verdict).toMatchObject({ ok: true, chains: [{ chain: h.app.trail.chain, ok: true }] });
    expect(verdict.chains[0]!.anchored).toBe(verdict.chains[0]!.head);
  });
});

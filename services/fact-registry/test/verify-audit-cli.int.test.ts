import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESS_MIGRATIONS,
  AuditRelay,
  AuditTrail,
  type AuditAnchorsTopic,
  type AuditTrailVerdict,
} from '@motlan/access';
import { createEventProducer, prefixed, Topics } from '@motlan/kafka';
import { asAdministrator, commandFor, programAt, TestResources, uniqueName } from '@motlan/testkit';

const resources = new TestResources();
// The mesh's topics under a prefix of this test's, with the declared ACLs: the command reads the
// anchors as the operator, as it would on the real topics.
const prefix = `test.${uniqueName('verify')}.`;
let anchors: AuditAnchorsTopic;
let intact: string;
let cut: string;
let empty: string;
let cutChain: string;

/** Runs `pnpm --filter @motlan/fact-registry audit:verify` as its own process. */
function verifyCli(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const command = commandFor(programAt('services/fact-registry/src/cli/verify-audit.ts', args));
    execFile(
      command.command,
      command.args,
      {
        cwd: command.cwd,
        env: { ...process.env, LOG_LEVEL: 'silent', KAFKA_TOPIC_PREFIX: prefix },
        timeout: 60_000,
      },
      (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

beforeAll(async () => {
  const producer = await createEventProducer(resources.kafka, 'verify-cli-test');
  resources.defer(() => producer.disconnect());
  await resources.declaredTopics(prefix);
  const links = prefixed(Topics.accessAudit, prefix);
  anchors = prefixed(Topics.accessAuditAnchors, prefix);
  const trailOf = async (prefix: string) => {
    const schema = await resources.schema(ACCESS_MIGRATIONS, prefix);
    const trail = new AuditTrail(schema.pool, 'fact-registry');
    for (let index = 0; index < 5; index += 1) {
      await trail.record({
        subject: '079012345678',
        client: 'one-stop',
        purpose: '1.001234',
        factTypes: ['identity.full_name'],
        outcome: 'granted',
        requestId: `request-${index}`,
      });
    }
    await new AuditRelay(schema.pool, producer, 'fact-registry', resources.logger, {
      links,
      anchors,
    }).relayOnce();
    return { ...schema, chain: trail.chain };
  };
  const first = await trailOf('verify_intact');
  const second = await trailOf('verify_cut');
  intact = first.name;
  cut = second.name;
  cutChain = second.chain;
  empty = (await resources.schema(undefined, 'verify_empty')).name;
  await asAdministrator(second.ownerPool, (db) =>
    db.query('DELETE FROM audit_log WHERE chain = $1 AND sequence > 3', [cutChain]),
  );
}, 120_000);
afterAll(() => resources.cleanup());

describe('pnpm --filter @motlan/fact-registry audit:verify', () => {
  it('exits 0 for intact trails and reports a schema without one', async () => {
    const { code, stdout } = await verifyCli([
      '--schema',
      intact,
      '--schema',
      empty,
      '--anchors-topic',
      anchors.name,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(`${intact}: intact — 1 chain, 5 links verified`);
    expect(stdout).toContain(`${empty}: no audit trail`);
  });

  it('exits 1 and names the cut chain, per chain, in JSON', async () => {
    const { code, stdout } = await verifyCli([
      '--schema',
      intact,
      '--schema',
      cut,
      '--anchors-topic',
      anchors.name,
      '--json',
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { ok: boolean; trails: AuditTrailVerdict[] };
    expect(report.ok).toBe(false);
    expect(report.trails.map((trail) => [trail.store, trail.ok])).toEqual([
      [intact, true],
      [cut, false],
    ]);
    expect(report.trails[1]!.chains).toEqual([
      expect.objectContaining({
        chain: cutChain,
        head: 3,
        anchored: 5,
        broken: expect.objectContaining({ kind: 'cut', sequence: 4 }),
      }),
    ]);
  });

  it("takes pnpm's `--` before its options, and answers a usage error with 2, never 1", async () => {
    const passedThrough = await verifyCli(['--', '--schema', intact, '--json']);
    expect(passedThrough.code).toBe(0);
    expect(JSON.parse(passedThrough.stdout)).toMatchObject({ ok: true });
    expect((await verifyCli(['--no-such-option'])).code).toBe(2);
  });

  it('exits 2 when the anchors cannot be read', async () => {
    const { code, stdout } = await verifyCli([
      '--schema',
      intact,
      '--anchors-topic',
      `${anchors.name}.missing`,
      '--json',
    ]);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false });
  });
});

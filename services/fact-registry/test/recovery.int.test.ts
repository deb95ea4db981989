import { afterAll, describe, expect, it } from 'vitest';
import { createEventProducer, prefixed, Topics, type EventProducer } from '@motlan/kafka';
import {
  clientTls,
  devCertificates,
  freePort,
  httpsJson,
  startServiceProcess,
  TestResources,
  uniqueName,
  type ServiceProcess,
} from '@motlan/testkit';
import { fact } from './registry-harness.ts';

// The registry as production runs it, a process of its own (its build, plain node), killed and
// started again: how soon does the new one answer reads, and consume again?
const resources = new TestResources();
let producer: EventProducer | undefined;
afterAll(async () => {
  await producer?.disconnect();
  await resources.cleanup();
});

const ENTRY = 'services/fact-registry/src/main.ts';
const tls = clientTls('one-stop');
const PURPOSE = '1.004227';
const FULL_NAME = { family: 'Nguyễn', middle: 'Văn', given: 'An', full: 'Nguyễn Văn An' };

async function startRegistry(env: Record<string, string>): Promise<{ process: ServiceProcess; url: string }> {
  const [http, grpc] = [await freePort(), await freePort()];
  const url = `https://127.0.0.1:${http}`;
  const started = await startServiceProcess({
    entry: ENTRY,
    env: { ...env, HTTP_PORT: String(http), GRPC_PORT: String(grpc) },
    readyUrl: `${url}/ready`,
    ca: tls.ca,
    timeoutMs: 120_000,
  });
  resources.defer(() => started.stop());
  return { process: started, url };
}

/** The registry's read API for one citizen's full name: the HTTP status and how many facts it holds. */
async function readName(
  url: string,
  personalId: string,
): Promise<{ status: number; facts: number } | undefined> {
  try {
    const answer = await httpsJson(
      `${url}/v1/citizens/${personalId}/facts?types=identity.full_name&purpose=${PURPOSE}`,
      { tls },
    );
    return { status: answer.status, facts: (answer.body as { facts?: unknown[] }).facts?.length ?? 0 };
  } catch {
    return undefined; // not listening (yet)
  }
}

/** Milliseconds from `since` until `condition` holds (polled every 100 ms), or throws after `timeoutMs`. */
async function msUntil(
  since: number,
  condition: () => Promise<boolean>,
  timeoutMs = 90_000,
): Promise<number> {
  while (Date.now() - since < timeoutMs) {
    if (await condition()) return Date.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

describe('fact registry recovery (real processes, Kafka and PostgreSQL)', () => {
  it('after kill -9, a new instance answers reads within seconds and consumes again after the session timeout (10 s), not 30 s; a SIGTERM leaves the group', async () => {
    const prefix = `test.${uniqueName('recovery')}.`;
    await resources.declaredTopics(prefix);
    const { name: schema } = await resources.schema(undefined, 'recovery_registry');
    const env = {
      DATABASE_URL: resources.databaseUrl,
      KAFKA_BROKERS: resources.kafkaConfig.KAFKA_BROKERS,
      KAFKA_TOPIC_PREFIX: prefix,
      MTLS_CERT_DIR: devCertificates(),
      FACT_REGISTRY_SCHEMA: schema,
      FACT_REGISTRY_GROUP: `${prefix}fact-registry`,
      LOG_LEVEL: 'warn',
    };
    const topic = prefixed(Topics.citizenFacts, prefix);
    producer = await createEventProducer(resources.kafka, 'recovery-test');
    const publish = async (personalId: string) => {
      const value = fact(personalId, 'identity.full_name', FULL_NAME);
      await producer!.publish(topic, [{ key: personalId, value, eventType: 'fact.recorded' }]);
    };
    const holds = (url: string, personalId: string) => async () =>
      (await readName(url, personalId))?.facts === 1;

    // A first instance, consuming.
    const first = await startRegistry(env);
    await publish('001099012345');
    await msUntil(Date.now(), holds(first.url, '001099012345'));

    // kill -9: it leaves nothing behind, its group membership lasts until its session expires.
    const killedAt = Date.now();
    first.process.child.kill('SIGKILL');
    await first.process.exited;
    await publish('079203000123');
    const second = await startRegistry(env);
    const readMs = await msUntil(
      killedAt,
      async () => (await readName(second.url, '001099012345'))?.facts === 1,
    );
    const consumeMs = await msUntil(killedAt, holds(second.url, '079203000123'));

    // SIGTERM: it drains, commits and leaves its group, so the next one need not wait for a session.
    const stoppedAt = Date.now();
    const exit = await second.process.stop();
    const stopMs = Date.now() - stoppedAt;
    expect(exit.code).toBe(0);
    await publish('001099012346');
    const restartedAt = Date.now();
    const third = await startRegistry(env);
    const listenMs = Date.now() - restartedAt;
    const afterStopMs = await msUntil(restartedAt, holds(third.url, '001099012346'));

    console.info(
      `registry recovery: after kill -9, reads answered at ${readMs} ms and consuming again at ${consumeMs} ms ` +
        `(process ready ${listenMs} ms after spawn); SIGTERM drained in ${stopMs} ms, exit 0; ` +
        `the next instance consumed ${afterStopMs} ms after its spawn`,
    );
    // Reads come back as soon as the new process listens, not after its consumer's join.
    expect(readMs).toBeLessThan(consumeMs);
    // Consuming again is bounded by the dead member's 10 s session (plus a start), not kafkajs's 30 s.
    expect(consumeMs).toBeLessThan(25_000);
    // After a SIGTERM the group has no dead member to wait for: consuming starts as the process is up.
    expect(afterStopMs - listenMs).toBeLessThan(5_000);
    expect(stopMs).toBeLessThan(10_000);
  }, 300_000);
});

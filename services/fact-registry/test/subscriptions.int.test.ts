import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { grpc } from '@motlan/grpc';
import { notificationsTopic, prefixed } from '@motlan/kafka';
import { messageCodec, type factsV1 } from '@motlan/proto';
import { clientTls, eventually, httpsJson, readTopic } from '@motlan/testkit';
import type { MotlanError } from '@motlan/errors';
import { fact, startRegistry, type Harness } from './registry-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startRegistry();
}, 120_000);
afterAll(async () => {
  await h?.resources.cleanup();
});

const PURPOSE = 'supplementary-registration';
const SUBSCRIPTIONS = 'motlan.facts.v1.FactSubscriptions';
let serial = 0;
/** A personal ID no other test of this file uses. */
const personalId = () => `0010990${String(70000 + serial++).padStart(5, '0')}`;
const address = (wardCode: string) => ({
  provinceCode: '01',
  districtCode: null,
  wardCode,
  detail: `${wardCode} Phố Huế`,
  unitsVersion: 'current-2025',
});

type Subscription = {
  id: string;
  client: string;
  purpose: string;
  factTypes: string[];
  citizensHeldBy: string;
  delivery: string;
  topic: string;
};

const rest = (client: string | undefined, path: string, options: { method?: string; body?: unknown } = {}) =>
  httpsJson(`${h.httpsUrl}${path}`, { ...options, tls: clientTls(client) });

async function subscribe(client: string, factTypes: string[], delivery: 'kafka' | 'grpc-stream') {
  const answer = await rest(client, '/v1/subscriptions', {
    method: 'POST',
    body: { purpose: PURPOSE, factTypes, delivery },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as Subscription;
}

/** A residence fact of the population database at `version`, applied. */
async function move(id: string, wardCode: string, version: number, observedAt?: string) {
  const entry = fact(id, 'residence.permanent', address(wardCode), {
    version: String(version),
    ...(observedAt ? { observedAt } : {}),
  });
  await h.publish(entry);
  return entry;
}

/** The personnel database holds the citizen: a (verified) fact from it, published. */
const heldByPersonnel = (id: string, name: { family: string; middle: string; given: string; full: string }) =>
  h.publish(
    fact(id, 'identity.full_name', name, {
      sourceSystem: 'military-personnel-db',
      assurance: 'ASSURANCE_VERIFIED',
    }),
  );

async function applied(factId: string) {
  await eventually(async () =>
    (await h.pool.query('SELECT 1 FROM fact_history WHERE fact_id = $1', [factId])).rowCount
      ? true
      : undefined,
  );
}

const auditedFor = async (subject: string, client: string) =>
  (
    await h.pool.query<{ outcome: string; purpose: string; request_id: string; fact_types: string[] }>(
      'SELECT outcome, purpose, request_id, fact_types FROM audit_log WHERE subject = $1 AND client = $2 ORDER BY sequence',
      [subject, client],
    )
  ).rows;

const codec = messageCodec<factsV1.Notification__Output>('motlan.facts.v1.Notification');

/** Reads a subscription's notifications page by page through REST until `count` are there. */
async function readPages(client: string, id: string, count: number, after = '') {
  const notifications: { id: string; cursor: string; fact: { id: string; value: { wardCode: string } } }[] =
    [];
  let cursor = after;
  await eventually(async () => {
    const answer = await rest(client, `/v1/subscriptions/${id}/notifications?after=${cursor}&limit=1000`);
    expect(answer.status).toBe(200);
    const page = answer.body as { notifications: typeof notifications; next: string };
    notifications.push(...page.notifications);
    cursor = page.next;
    return notifications.length >= count ? true : undefined;
  }, 20_000);
  return { notifications, cursor };
}

describe('subscriptions: subscribe and refuse', () => {
  it('creates, lists, reads and deletes a subscription of the caller, and only of the caller', async () => {
    const created = await rest('bench-client', '/v1/subscriptions', {
      method: 'POST',
      body: {
        purpose: PURPOSE,
        factTypes: ['residence.permanent', 'identity.full_name', 'residence.permanent'],
        delivery: 'kafka',
      },
    });
    expect(created.status).toBe(201);
    const subscription = created.body as Subscription;
    expect(created.headers['location']).toBe(`/v1/subscriptions/${subscription.id}`);
    expect(subscription).toMatchObject({
      client: 'bench-client',
      purpose: PURPOSE,
      factTypes: ['identity.full_name', 'residence.permanent'],
      citizensHeldBy: 'national-population-db',
      delivery: 'kafka',
      topic: `${h.topicPrefix}citizen.notifications.v1.bench-client`,
    });
    const listed = await rest('bench-client', '/v1/subscriptions');
    expect((listed.body as { subscriptions: Subscription[] }).subscriptions.map((s) => s.id)).toContain(
      subscription.id,
    );
    expect((await rest('bench-client', `/v1/subscriptions/${subscription.id}`)).body).toEqual(subscription);

    // Another client sees nothing of it and cannot end it.
    expect((await rest('commune-officer', `/v1/subscriptions/${subscription.id}`)).status).toBe(404);
    expect(
      (await rest('commune-officer', `/v1/subscriptions/${subscription.id}`, { method: 'DELETE' })).status,
    ).toBe(404);
    const foreignList = await rest('commune-officer', '/v1/subscriptions');
    expect(
      (foreignList.body as { subscriptions: Subscription[] }).subscriptions.map((s) => s.id),
    ).not.toContain(subscription.id);

    // Over gRPC, the same subscription, with the wire's enum.
    const overGrpc = await h
      .client('bench-client', SUBSCRIPTIONS)
      .call<factsV1.ListSubscriptionsResponse__Output>('ListSubscriptions', {});
    expect(overGrpc.subscriptions.find((s) => s.id === subscription.id)?.delivery).toBe('DELIVERY_KAFKA');

    expect(
      (await rest('bench-client', `/v1/subscriptions/${subscription.id}`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect((await rest('bench-client', `/v1/subscriptions/${subscription.id}`)).status).toBe(404);
    expect(
      (await rest('bench-client', `/v1/subscriptions/${subscription.id}`, { method: 'DELETE' })).status,
    ).toBe(404);
  });

  it('refuses types the purpose does not grant, as a read is refused and audited; stores nothing', async () => {
    const before = (await h.pool.query('SELECT count(*)::int AS n FROM subscriptions')).rows[0].n as number;
    const refused = await rest('military-personnel-db', '/v1/subscriptions', {
      method: 'POST',
      body: { purpose: PURPOSE, factTypes: ['residence.permanent', 'identity.sex'], delivery: 'grpc-stream' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'MOTLAN_PURPOSE_NOT_ALLOWED', field: 'factTypes' });
    const notGranted = await rest('military-personnel-db', '/v1/subscriptions', {
      method: 'POST',
      body: { purpose: 'first-registration', factTypes: ['residence.permanent'], delivery: 'grpc-stream' },
    });
    expect(notGranted.body).toMatchObject({ code: 'MOTLAN_PURPOSE_NOT_ALLOWED', field: 'purpose' });
    // A client the policy names no citizens for (one-stop here) may not subscribe at all.
    const noScope = await rest('one-stop', '/v1/subscriptions', {
      method: 'POST',
      body: { purpose: 'first-registration', factTypes: ['residence.permanent'], delivery: 'kafka' },
    });
    expect(noScope.status).toBe(403);
    expect(noScope.body).toMatchObject({ code: 'MOTLAN_SUBSCRIPTION_NOT_ALLOWED' });
    // Each refusal audited as denied, like a refused read.
    expect(
      (await auditedFor('*', 'military-personnel-db')).filter((row) => row.outcome === 'denied'),
    ).toHaveLength(2);
    expect((await auditedFor('*', 'one-stop')).map((row) => row.outcome)).toEqual(['denied']);

    // Bad input: a clear 400 naming the field, nothing audited; Kafka delivery with no topic: 422.
    for (const [body, field] of [
      [{ purpose: PURPOSE, factTypes: ['residence.nowhere'], delivery: 'kafka' }, 'factTypes'],
      [{ purpose: 'bad purpose!', factTypes: ['residence.permanent'], delivery: 'kafka' }, 'purpose'],
      [{ purpose: PURPOSE, factTypes: [], delivery: 'kafka' }, 'body.factTypes'],
      [{ purpose: PURPOSE, factTypes: ['residence.permanent'], delivery: 'pigeon' }, 'body.delivery'],
      [
        { purpose: PURPOSE, factTypes: Array(101).fill('residence.permanent'), delivery: 'kafka' },
        'body.factTypes',
      ],
    ] as const) {
      const answer = await rest('bench-client', '/v1/subscriptions', { method: 'POST', body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect((answer.body as { field?: string }).field).toBe(field);
    }
    const noTopic = await rest('commune-officer', '/v1/subscriptions', {
      method: 'POST',
      body: { purpose: PURPOSE, factTypes: ['residence.permanent'], delivery: 'kafka' },
    });
    expect(noTopic.status).toBe(422);
    expect(noTopic.body).toMatchObject({
      code: 'MOTLAN_SUBSCRIPTION_DELIVERY_UNAVAILABLE',
      field: 'delivery',
    });
    expect((await h.pool.query('SELECT count(*)::int AS n FROM subscriptions')).rows[0].n).toBe(before);

    // gRPC: the same refusal and an unspecified delivery.
    const client = h.client('military-personnel-db', SUBSCRIPTIONS);
    await expect(
      client.call('CreateSubscription', {
        purpose: PURPOSE,
        factTypes: ['identity.sex'],
        delivery: 'DELIVERY_GRPC_STREAM',
      }),
    ).rejects.toMatchObject({ code: 'MOTLAN_PURPOSE_NOT_ALLOWED' });
    await expect(
      client.call('CreateSubscription', { purpose: PURPOSE, factTypes: ['residence.permanent'] }),
    ).rejects.toMatchObject({ code: 'MOTLAN_VALIDATION_FAILED', field: 'delivery' });
  });

  it('answers 401 to a caller with no certificate', async () => {
    const answer = await rest(undefined, '/v1/subscriptions').catch((error: unknown) => ({
      status: 0,
      error,
    }));
    expect([0, 401]).toContain(answer.status);
  });
});

describe('subscriptions: delivery', () => {
  it('puts each change on the subscriber’s Kafka topic, in order per citizen, once per change, audited and listed as a disclosure', async () => {
    const subscription = await subscribe('bench-client', ['residence.permanent'], 'kafka');
    const [a, b] = [personalId(), personalId()];
    const a1 = await move(a, '00001', 1);
    const b1 = await move(b, '00101', 1);
    const a2 = await move(a, '00002', 2);
    const a2again = await move(a, '00002', 3); // a new version that says the same: no change
    const a3 = await move(a, '00003', 4);
    const b2 = await move(b, '00102', 2);
    await applied(b2.id);

    const topic = prefixed(notificationsTopic('bench-client'), h.topicPrefix).name;
    const messages = await readTopic(h.resources.kafka, topic, 5, 20_000);
    const received = messages.map((message) => ({
      key: message.key!.toString(),
      ...codec.decode(message.value!),
    }));
    const ofA = received.filter((n) => n.key === a);
    expect(ofA.map((n) => n.fact!.id)).toEqual([a1.id, a2.id, a3.id]);
    expect(ofA.map((n) => n.supersedesFactId)).toEqual(['', a1.id, a2again.id]);
    expect(ofA[1]!.fact!.provenance).toMatchObject({
      sourceSystem: 'national-population-db',
      sourceRecordVersion: '2',
    });
    expect(ofA.every((n) => n.subscriptionId === subscription.id && n.purpose === PURPOSE)).toBe(true);
    expect(received.filter((n) => n.key === b).map((n) => n.fact!.id)).toEqual([b1.id, b2.id]);
    expect(new Set(received.map((n) => n.id)).size).toBe(received.length);

    // Every delivery is a disclosure of that citizen's fact: audited, and in their disclosures.
    await eventually(async () => ((await auditedFor(a, 'bench-client')).length === 3 ? true : undefined));
    expect(
      (await auditedFor(a, 'bench-client')).map((row) => [row.outcome, row.purpose, row.request_id]),
    ).toEqual(ofA.map((n) => ['granted', PURPOSE, n.id]));
    const listed = await eventually(async () => {
      const answer = await rest('operator', `/v1/citizens/${a}/disclosures`);
      const rows = (
        answer.body as { disclosures: { client: string; purpose: string; factTypes: string[] }[] }
      ).disclosures;
      return rows.filter((row) => row.client === 'bench-client').length === 3 ? rows : undefined;
    });
    expect(listed.find((row) => row.client === 'bench-client')).toMatchObject({
      purpose: PURPOSE,
      factTypes: ['residence.permanent'],
    });

    // The same fact published again (a redelivery upstream) makes no second notification.
    await h.publish(a3);
    const b3 = await move(b, '00103', 3);
    await applied(b3.id);
    const again = await readTopic(h.resources.kafka, topic, 6, 20_000);
    expect(
      again.map((message) => codec.decode(message.value!).fact!.id).filter((id) => id === a3.id),
    ).toHaveLength(1);
  });

  it('tells a stream subscriber only about the citizens its source holds', async () => {
    const subscription = await subscribe('military-personnel-db', ['residence.permanent'], 'grpc-stream');
    const [held, other] = [personalId(), personalId()];
    // The personnel database holds `held` (a fact from it), not `other`.
    await heldByPersonnel(held, { family: 'Lê', middle: 'Văn', given: 'Bình', full: 'Lê Văn Bình' });
    await move(other, '00201', 1);
    const heldMove = await move(held, '00301', 1);
    await applied(heldMove.id);

    const stream = h
      .client('military-personnel-db', SUBSCRIPTIONS)
      .stream<factsV1.Notification__Output>('StreamNotifications', {
        subscriptionId: subscription.id,
        after: '',
      });
    const first = await firstOf(stream);
    expect(first.fact!.subject!.personalId).toBe(held);
    expect(first.fact!.id).toBe(heldMove.id);
    // Nothing about `other` is queued for it.
    const { rows } = await h.pool.query('SELECT subject FROM notifications WHERE subscription_id = $1', [
      subscription.id,
    ]);
    expect(rows.map((row) => row.subject)).toEqual([held]);
  });

  it('catches up after an hour offline from the last cursor, in order, missing nothing and repeating nothing', async () => {
    const subscription = await subscribe('military-personnel-db', ['residence.permanent'], 'grpc-stream');
    const id = personalId();
    await heldByPersonnel(id, { family: 'Trần', middle: '', given: 'Cường', full: 'Trần Cường' });
    const first = await move(id, '10000', 1, '2026-11-30T08:00:00.000Z');
    await applied(first.id);
    const client = h.client('military-personnel-db', SUBSCRIPTIONS);
    const online = client.stream<factsV1.Notification__Output>('StreamNotifications', {
      subscriptionId: subscription.id,
      after: '',
    });
    const seen = await firstOf(online);
    expect(seen.fact!.id).toBe(first.id);

    // Offline for an hour: a change a minute, as the source observed them, while nobody listens.
    let last = first;
    for (let minute = 1; minute <= 60; minute++) {
      last = await move(
        id,
        String(10000 + minute),
        1 + minute,
        new Date(Date.parse('2026-11-30T08:00:00.000Z') + minute * 60_000).toISOString(),
      );
    }
    await applied(last.id);

    const back = client.stream<factsV1.Notification__Output>('StreamNotifications', {
      subscriptionId: subscription.id,
      after: seen.cursor,
    });
    const caughtUp: factsV1.Notification__Output[] = [];
    for await (const notification of back) {
      caughtUp.push(notification);
      if (caughtUp.length === 60) break;
    }
    back.cancel();
    expect(caughtUp.map((n) => JSON.parse(n.fact!.valueJson).wardCode)).toEqual(
      Array.from({ length: 60 }, (_, index) => String(10001 + index)),
    );
    expect(caughtUp[0]!.supersedesFactId).toBe(first.id);

    // REST reads the same stream page by page from the same cursor.
    const pages = await readPages('military-personnel-db', subscription.id, 60, seen.cursor);
    expect(pages.notifications.map((n) => n.id)).toEqual(caughtUp.map((n) => n.id));
    // A cursor that is none, or out of PostgreSQL's range (found from outside: it answered 500).
    for (const after of [
      'yesterday',
      '18446744073709551616.1',
      '1.9223372036854775808',
      '99999999999999999999.1',
    ]) {
      const bad = await rest(
        'military-personnel-db',
        `/v1/subscriptions/${subscription.id}/notifications?after=${after}`,
      );
      expect(bad.status, after).toBe(400);
      expect((bad.body as { field: string }).field).toBe('after');
    }
    const largest = await rest(
      'military-personnel-db',
      `/v1/subscriptions/${subscription.id}/notifications?after=18446744073709551615.9223372036854775807`,
    );
    expect(largest.status).toBe(200);
    expect((largest.body as { notifications: unknown[] }).notifications).toEqual([]);
  });

  it('a subscriber that does not read slows no other subscriber', async () => {
    const stalled = await subscribe('military-personnel-db', ['residence.permanent'], 'grpc-stream');
    const healthy = await subscribe('bench-client', ['residence.permanent'], 'kafka');
    const id = personalId();
    await heldByPersonnel(id, { family: 'Phạm', middle: '', given: 'Dũng', full: 'Phạm Dũng' });
    // The stalled subscriber opens its stream and never reads it (its transport window fills).
    const raw = h.client('military-personnel-db', SUBSCRIPTIONS).raw as unknown as {
      streamNotifications(request: object): grpc.ClientReadableStream<unknown>;
    };
    const stalledCall = raw.streamNotifications({ subscriptionId: stalled.id, after: '' });
    stalledCall.on('error', () => undefined);
    stalledCall.pause();

    const COUNT = 400;
    const moves = [];
    for (let version = 1; version <= COUNT; version++)
      moves.push(
        fact(id, 'residence.permanent', address(String(20000 + version)), { version: String(version) }),
      );
    await h.producer.publish(
      h.factsTopic,
      moves.map((entry) => ({ key: id, value: entry, eventId: entry.id, eventType: 'fact.recorded' })),
    );
    const topic = prefixed(notificationsTopic('bench-client'), h.topicPrefix).name;
    await eventually(async () => {
      const messages = await readTopic(h.resources.kafka, topic, Number.MAX_SAFE_INTEGER, 2_000);
      const mine = messages.map((m) => codec.decode(m.value!)).filter((n) => n.subscriptionId === healthy.id);
      return mine.length === COUNT ? mine : undefined;
    }, 60_000);
    // The stalled one still gets everything, in order, once it reads.
    const received: string[] = [];
    stalledCall.on('data', (notification: factsV1.Notification__Output) =>
      received.push(notification.fact!.id),
    );
    stalledCall.resume();
    await eventually(async () => (received.length === COUNT ? true : undefined), 30_000);
    expect(received).toEqual(moves.map((entry) => entry.id));
    stalledCall.cancel();
  });

  it('matches nothing more to a deleted subscription, and ends its stream NOT_FOUND', async () => {
    const subscription = await subscribe('military-personnel-db', ['residence.permanent'], 'grpc-stream');
    const client = h.client('military-personnel-db', SUBSCRIPTIONS);
    const stream = client.stream('StreamNotifications', { subscriptionId: subscription.id, after: '' });
    const ended = (async () => {
      try {
        for await (const _ of stream) void _;
        return undefined;
      } catch (error) {
        return error as MotlanError;
      }
    })();
    await client.call('DeleteSubscription', { id: subscription.id });
    expect((await ended)?.code).toBe('MOTLAN_SUBSCRIPTION_NOT_FOUND');
    const id = personalId();
    await heldByPersonnel(id, { family: 'Võ', middle: '', given: 'Em', full: 'Võ Em' });
    await applied((await move(id, '30001', 1)).id);
    const { rows } = await h.pool.query(
      'SELECT count(*)::int AS n FROM notifications WHERE subscription_id = $1',
      [subscription.id],
    );
    expect(rows[0].n).toBe(0);
  });
});

async function firstOf<T>(stream: AsyncIterable<T> & { cancel(): void }): Promise<T> {
  for await (const message of stream) {
    stream.cancel();
    return message;
  }
  throw new Error('stream ended empty');
}

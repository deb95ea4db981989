import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deadLetterTopicOf,
  EventTypes,
  Headers,
  notificationsTopic,
  type EventConsumer,
  type TopicDefinition,
} from '@motlan/kafka';
import type { factsV1 } from '@motlan/proto';
import { eventually, readTopic, TestResources } from '@motlan/testkit';
import { startMovesConsumer } from '../src/events/moves-consumer.ts';
import { anyOfficer, citizen, startHarness, topicSize, type Harness } from './harness.ts';

const resources = new TestResources();
let h: Harness;
let topic: TopicDefinition<factsV1.Notification__Output>;
let consumer: EventConsumer;

beforeAll(async () => {
  h = await startHarness(resources);
  h.app.relay.start();
  // A fresh twin of the prefixed citizen.notifications.v1.one-stop, read as the service reads it.
  topic = await resources.topic(notificationsTopic('one-stop'));
  consumer = await startMovesConsumer({
    kafka: h.kafka,
    topic,
    moves: h.app.moves,
    logger: resources.logger,
    groupId: resources.groupId('one-stop-moves'),
  });
  resources.defer(() => consumer.stop());
}, 60_000);

afterAll(() => resources.cleanup());

const address = (wardCode: string, detail = 'Số 5 ngõ Huế') => ({
  provinceCode: '01',
  wardCode,
  detail,
  unitsVersion: 'current-2025',
});

/** The citizen's residence changes at the registry (fake) and its notification, as the registry sends it. */
function moved(personalId: string, to: unknown, options: { first?: boolean } = {}) {
  const previous = h.mesh.facts.get(personalId)?.get('residence.permanent');
  const fact = h.mesh.put(
    personalId,
    'residence.permanent',
    to,
    'national-population-db',
    'ASSURANCE_AUTHORITATIVE',
  );
  h.mesh.put(personalId, 'residence.current', to, 'national-population-db', 'ASSURANCE_AUTHORITATIVE');
  const notification: factsV1.Notification = {
    id: randomUUID(),
    subscriptionId: randomUUID(),
    cursor: '1',
    purpose: '1.004224',
    fact: {
      id: fact.factId,
      subject: { personalId },
      type: 'residence.permanent',
      valueJson: JSON.stringify(to),
      provenance: {
        sourceSystem: 'national-population-db',
        assurance: 'ASSURANCE_AUTHORITATIVE',
        sourceRecordRef: `NPDB/${personalId}`,
        observedAt: new Date().toISOString(),
      },
    },
    supersedesFactId: options.first ? '' : (previous?.factId ?? ''),
    changedAt: new Date().toISOString(),
  };
  return notification;
}

async function publish(notification: factsV1.Notification) {
  await h.producer.publish(topic, [
    {
      key: notification.fact!.subject!.personalId!,
      value: notification as factsV1.Notification__Output,
      eventId: notification.id!,
      eventType: EventTypes.factChanged,
    },
  ]);
}

async function dossiersOf(personalId: string) {
  const { rows } = await h.pool.query<{ id: string }>(
    'SELECT id FROM dossiers WHERE applicant_personal_id = $1 ORDER BY procedure_code',
    [personalId],
  );
  return Promise.all(rows.map((row) => h.app.oneStop.get(row.id, anyOfficer)));
}

/** Waits until the citizen has `count` dossiers, and answers them. */
function eventuallyDossiers(personalId: string, count: number) {
  return eventually(async () => {
    const found = await dossiersOf(personalId);
    return found.length >= count ? found : undefined;
  }, 20_000);
}

describe('a notified move opens the move-out and move-in registrations', () => {
  it('opens exactly two dossiers, at the communes left and arrived in, prefilled, linked, waiting for the officers', async () => {
    const man = h.mesh.addCitizen(citizen(501), '00004');
    h.mesh.put(
      man.personalId,
      'military.service_registration',
      { status: 'registered' },
      'commune-military-command',
      'ASSURANCE_AUTHORITATIVE',
    );
    const notification = moved(man.personalId, address('00007'));
    await publish(notification);

    const [moveOut, moveIn] = await eventuallyDossiers(man.personalId, 2);
    expect(moveOut).toMatchObject({
      procedureCode: '1.004224',
      unitCode: 'BCHQS-X-00004',
      applicantPersonalId: man.personalId,
      status: 'received',
      origin: {
        channel: 'notification',
        notificationId: notification.id,
        linkedDossierId: moveIn!.id,
        missingFacts: [],
        documentsAwaited: [],
      },
      onceOnly: { required: 5, prefilled: 5, supplied: 0 },
      history: [
        { sequence: 1, to: 'received', actor: 'mesh', reason: expect.stringContaining(notification.id!) },
      ],
    });
    expect(moveIn).toMatchObject({
      procedureCode: '1.004226',
      unitCode: 'BCHQS-X-00007',
      status: 'received',
      origin: {
        channel: 'notification',
        notificationId: notification.id,
        linkedDossierId: moveOut!.id,
        documentsAwaited: [{ code: 'giay-gioi-thieu-di-chuyen', from: 'linked-dossier-result' }],
      },
    });
    // Prefilled from the registry: the new residence, with its provenance.
    const residence = moveIn!.facts.find((fact) => fact.type === 'residence.permanent');
    expect(residence).toMatchObject({
      origin: 'prefilled',
      value: address('00007'),
      sourceSystem: 'national-population-db',
      factId: notification.fact!.id,
    });
    expect(moveOut!.facts.map((fact) => fact.type).sort()).toEqual([
      'identity.date_of_birth',
      'identity.full_name',
      'military.service_registration',
      'residence.current',
      'residence.permanent',
    ]);
    // Each opening is a dossier.events.v1 event like any receipt.
    await eventually(async () => ((await h.pending()) === 0 ? true : undefined));
    const events = await readTopic(
      h.kafka,
      h.topics.dossierEvents.name,
      await topicSize(h.kafka, h.topics.dossierEvents.name),
    );
    const keys = events.map((event) => event.key?.toString());
    expect(keys).toEqual(expect.arrayContaining([moveOut!.id, moveIn!.id]));

    // Redelivered (at-least-once), then his next move: same key, same partition, so once the
    // next move's dossiers are open the redeliveries were handled — and opened nothing.
    await publish(notification);
    await publish(notification);
    const next = moved(man.personalId, address('00011'));
    await publish(next);
    await eventuallyDossiers(man.personalId, 4);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const all = await dossiersOf(man.personalId);
    expect(all).toHaveLength(4);
    const opened = (id: string | undefined) => all.filter((dossier) => dossier.origin.notificationId === id);
    expect(
      opened(notification.id)
        .map((dossier) => dossier.id)
        .sort(),
    ).toEqual([moveOut!.id, moveIn!.id].sort());
    expect(
      opened(next.id)
        .map((dossier) => [dossier.procedureCode, dossier.unitCode])
        .sort(),
    ).toEqual([
      ['1.004224', 'BCHQS-X-00007'],
      ['1.004226', 'BCHQS-X-00011'],
    ]);
  });

  it('opens nothing for a move within the same commune or a first residence fact', async () => {
    const stays = h.mesh.addCitizen(citizen(502), '00004');
    const first = h.mesh.addCitizen(citizen(503), '00004');
    await publish(moved(stays.personalId, address('00004', 'Số 9 phố Tràng Tiền')));
    await publish(moved(first.personalId, address('00009'), { first: true }));
    // Then each moves for real: same key, same partition, so once those dossiers are open the
    // change before was handled.
    const staysMoves = moved(stays.personalId, address('00012'));
    const firstMoves = moved(first.personalId, address('00013'));
    await publish(staysMoves);
    await publish(firstMoves);
    for (const [person, real] of [
      [stays, staysMoves],
      [first, firstMoves],
    ] as const) {
      const dossiers = await eventuallyDossiers(person.personalId, 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(dossiers.map((dossier) => dossier.origin.notificationId)).toEqual([real.id, real.id]);
    }
    expect(await dossiersOf(stays.personalId)).toHaveLength(2);
    expect(await dossiersOf(first.personalId)).toHaveLength(2);
  });

  it('dead-letters a notification it cannot read, with its envelope, and goes on', async () => {
    const man = h.mesh.addCitizen(citizen(505), '00004');
    const broken = moved(man.personalId, address('00014'));
    broken.fact!.valueJson = '{not json';
    await publish(broken);
    const next = moved(man.personalId, address('00015'));
    await publish(next);
    const dossiers = await eventuallyDossiers(man.personalId, 2);
    expect(dossiers.map((dossier) => dossier.origin.notificationId)).toEqual([next.id, next.id]);
    const dead = await readTopic(h.kafka, deadLetterTopicOf(topic.name), 1, 15_000);
    expect(dead[0]!.headers![Headers.eventId]?.toString()).toBe(broken.id);
    expect(dead[0]!.key?.toString()).toBe(man.personalId);
  });
});

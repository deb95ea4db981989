/**
 * A broker outage in the middle of submissions (issue 9, part 3): on a broker of this test's own
 * (the shared one is never stopped), one-stop receives dossiers while the broker is stopped and
 * started again. Counted afterwards: every dossier answered 201 exists once, retries with the
 * same Idempotency-Key created nothing twice, every fact on citizen.facts.v1 belongs to an
 * existing dossier, and every dossier's typed-in facts are there.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_HEADER } from '@motlan/http';
import { messageCodec, type dossierV1, type Fact__Output } from '@motlan/proto';
import {
  eventually,
  readTopic,
  startPrivateBroker,
  TestResources,
  type PrivateBroker,
} from '@motlan/testkit';
import type { DossierView } from '../src/one-stop.ts';
import { citizen, startHarness, topicSize, type Harness } from './harness.ts';

const resources = new TestResources();
let broker: PrivateBroker;
let h: Harness;

beforeAll(async () => {
  broker = await startPrivateBroker(resources.logger);
  resources.defer(() => broker.destroy()); // undone last: after the app and its producer
  h = await startHarness(resources, { kafka: broker.kafka });
  h.app.relay.start();
});

afterAll(async () => {
  await resources.cleanup();
});

/** What the citizens type in: the population database knows neither parent (as in the incident). */
const TYPED = [
  { type: 'military.health_grade', value: { grade: 1, assessedAt: '2025-03-01' } },
  { type: 'family.father', value: { fullName: 'Nguyễn Văn Bình' } },
  { type: 'family.mother', value: { fullName: 'Trần Thị Cúc' } },
];

interface Sent {
  key: string;
  body: {
    procedureCode: string;
    applicant: { personalId: string; fullName: string; dateOfBirth: string };
    facts: object[];
  };
  answers: { status: number; id?: string }[];
}

function submission(n: number): Sent {
  const person = h.mesh.addCitizen(citizen(700 + n));
  h.mesh.facts.get(person.personalId)!.delete('family.father');
  h.mesh.facts.get(person.personalId)!.delete('family.mother');
  return {
    key: randomUUID(),
    body: {
      procedureCode: '1.004227',
      applicant: {
        personalId: person.personalId,
        fullName: person.fullName,
        dateOfBirth: person.dateOfBirth,
      },
      facts: TYPED,
    },
    answers: [],
  };
}

/** One call as a portal makes it: with its key; any answer but 201 is retried with the same key. */
async function send(sent: Sent): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const response = await h.https('POST', '/v1/dossiers', {
      applicant: sent.body.applicant.personalId,
      body: sent.body,
      headers: { [IDEMPOTENCY_KEY_HEADER]: sent.key },
    });
    const status = response.status;
    sent.answers.push({ status, ...(status === 201 ? { id: (response.body as DossierView).id } : {}) });
    if (status === 201) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a broker outage during submissions', () => {
  it('leaves no fact without its dossier and no dossier twice', { timeout: 120_000 }, async () => {
    const all: Sent[] = [];
    const wave = async (count: number) => {
      const batch = Array.from({ length: count }, (_, i) => submission(all.length + i));
      all.push(...batch);
      // Four portals at a time; every third call's answer is "lost" and the call sent again.
      for (let i = 0; i < batch.length; i += 4) {
        const slice = batch.slice(i, i + 4);
        await Promise.all(slice.map((sent) => send(sent)));
        await Promise.all(slice.filter((_, j) => (i + j) % 3 === 0).map((sent) => send(sent)));
      }
    };

    await wave(8);
    expect(all.every((sent) => sent.answers[0]?.status === 201)).toBe(true);
    // The broker goes away while submissions are in flight, and stays away for a while.
    await Promise.all([broker.stop(), wave(8)]);
    await wave(8);
    expect(await h.pending()).toBeGreaterThan(0); // the relay cannot publish: events wait in the outbox
    await Promise.all([broker.restart(), wave(8)]);
    await wave(4);

    // Everything committed reaches the broker once it is back.
    await eventually(async () => ((await h.pending()) === 0 ? true : undefined), 60_000, 200);

    // Every call was answered 201, every retry with the first call's dossier.
    for (const sent of all) {
      expect(sent.answers.every((answer) => answer.status === 201)).toBe(true);
      expect(new Set(sent.answers.map((answer) => answer.id)).size).toBe(1);
    }
    const answered = all.map((sent) => sent.answers[0]!.id!);
    const { rows: dossiers } = await h.pool.query<{ id: string; facts: DossierView['facts'] }>(
      'SELECT id, facts FROM dossiers',
    );
    // Each dossier answered exists once; nothing else was created.
    expect(dossiers.map((row) => row.id).sort()).toEqual([...answered].sort());

    // Every fact on citizen.facts.v1 belongs to an existing dossier; every dossier's typed-in facts
    // are there (a fact re-sent after a lost acknowledgement keeps its id: consumers apply it once).
    const size = await topicSize(broker.kafka, h.topics.citizenFacts.name);
    const codec = messageCodec<Fact__Output>('motlan.common.v1.Fact');
    const published = (await readTopic(broker.kafka, h.topics.citizenFacts.name, size, 30_000)).map(
      (message) => codec.decode(message.value!),
    );
    expect(published).toHaveLength(size);
    const existing = new Set(dossiers.map((row) => row.id));
    expect(published.filter((fact) => !existing.has(fact.provenance!.dossierId))).toEqual([]);
    const typedIn = dossiers.flatMap((row) =>
      row.facts.filter((fact) => fact.origin === 'supplied').map((fact) => fact.factId),
    );
    expect(typedIn).toHaveLength(all.length * TYPED.length);
    expect(new Set(published.map((fact) => fact.id))).toEqual(new Set(typedIn));

    // And each dossier was received once on dossier.events.v1 (one event id per dossier).
    const eventCodec = messageCodec<dossierV1.DossierEvent__Output>('motlan.dossier.v1.DossierEvent');
    const eventCount = await topicSize(broker.kafka, h.topics.dossierEvents.name);
    const received = new Map<string, Set<string>>();
    for (const message of await readTopic(broker.kafka, h.topics.dossierEvents.name, eventCount, 30_000)) {
      const event = eventCodec.decode(message.value!);
      received.set(event.dossierId, (received.get(event.dossierId) ?? new Set()).add(event.eventId));
    }
    expect([...received.keys()].sort()).toEqual([...answered].sort());
    expect([...received.values()].every((ids) => ids.size === 1)).toBe(true);
  });
});

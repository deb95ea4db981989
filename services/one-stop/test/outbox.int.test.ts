/**
 * The outbox across a crash between the database commit and the Kafka publish: an instance
 * commits dossier changes and dies before relaying them; a restarted instance relays each event
 * exactly once, in order per dossier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Topics } from '@motlan/kafka';
import { messageCodec, type dossierV1 } from '@motlan/proto';
import { OutboxRelay } from '../src/events/outbox-relay.ts';
import type { OneStopApp } from '../src/app.ts';
import type { DossierView } from '../src/one-stop.ts';
import {
  citizen,
  issuedMilitaryCode,
  readPublished,
  startHarness,
  topicSize,
  type Harness,
} from './harness.ts';

let h: Harness;
let running: OneStopApp | undefined;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.resources.cleanup();
});

describe('the transactional outbox', () => {
  it('loses and duplicates nothing when the process dies between commit and publish', async () => {
    // The first instance's relay is never started: it "dies" right after each commit.
    const crashed = h.app;
    const dossiers: DossierView[] = [];
    for (let n = 0; n < 3; n += 1) {
      const person = h.mesh.addCitizen(citizen(500 + n));
      dossiers.push(
        await crashed.oneStop.submit(
          {
            procedureCode: '1.004227',
            applicant: {
              personalId: person.personalId,
              fullName: person.fullName,
              dateOfBirth: person.dateOfBirth,
            },
            facts: [{ type: 'military.health_grade', value: { grade: 1, assessedAt: '2025-03-01' } }],
          },
          `crash-${n}`,
        ),
      );
    }
    await crashed.oneStop.act(dossiers[0]!.id, 'start-processing', {}, 'crash-a');
    await crashed.oneStop.act(dossiers[0]!.id, 'resolve', { result: issuedMilitaryCode() }, 'crash-b');
    await crashed.oneStop.act(dossiers[1]!.id, 'withdraw', {}, 'crash-c');
    const committed = await h.count('dossier_history');
    expect(committed).toBe(6);
    expect(await h.pending()).toBe(10); // 6 dossier events + 3 declared facts + 1 result fact
    expect(await topicSize(h.resources.kafka, h.topics.dossierEvents.name)).toBe(0);

    // A restarted instance relays what the dead one committed.
    const restarted = await h.restart();
    running = restarted;
    restarted.relay.start();
    const codec = messageCodec<dossierV1.DossierEvent__Output>('motlan.dossier.v1.DossierEvent');
    const events = (await readPublished(h, h.topics.dossierEvents.name)).map((value) => codec.decode(value));
    expect(events).toHaveLength(6);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(6);
    expect(await topicSize(h.resources.kafka, h.topics.citizenFacts.name)).toBe(4);
    const first = events.filter((event) => event.dossierId === dossiers[0]!.id);
    expect(first.map((event) => event.eventType)).toEqual([
      'dossier.received',
      'dossier.processing_started',
      'dossier.resolved',
    ]);

    // Relaying again (a second restart, a second instance) publishes nothing more.
    expect(await restarted.relay.drain()).toBe(0);
    expect(await crashed.relay.drain()).toBe(0);
    expect(await topicSize(h.resources.kafka, h.topics.dossierEvents.name)).toBe(6);
  });

  it('keeps events pending while Kafka refuses them, then publishes them once', async () => {
    await running?.relay.stop();
    const relay = (await h.restart()).relay;
    const failing = new OutboxRelay({
      pool: h.pool,
      producer: {
        publish: () => Promise.reject(new Error('broker down')),
        disconnect: async () => undefined,
      },
      topics: { [Topics.dossierEvents.name]: h.topics.dossierEvents },
      logger: h.resources.logger,
    });
    const person = h.mesh.addCitizen(citizen(600));
    const before = await topicSize(h.resources.kafka, h.topics.dossierEvents.name);
    await h.app.oneStop.submit(
      {
        procedureCode: '1.004227',
        applicant: {
          personalId: person.personalId,
          fullName: person.fullName,
          dateOfBirth: person.dateOfBirth,
        },
        facts: [{ type: 'military.health_grade', value: { grade: 1, assessedAt: '2025-03-01' } }],
      },
      'down',
    );
    await expect(failing.relayOnce()).rejects.toThrow('broker down');
    expect(await h.pending()).toBe(2); // the dossier event and the declared health grade
    expect(await relay.drain()).toBe(2);
    expect(await topicSize(h.resources.kafka, h.topics.dossierEvents.name)).toBe(before + 1);
  });
});

import { describe, expect, it } from 'vitest';
import { notificationsTopic, Topics } from '@motlan/kafka';
import { messageCodec, type Fact__Output, type factsV1 } from '@motlan/proto';
import { readerOf } from '../notify/drive-changes.ts';
import { moveOf, stampRecord } from '../lib/population-changes.ts';
import { freshCitizenBlock } from '../lib/synthetic-facts.ts';

const [fact] = stampRecord(moveOf(freshCitizenBlock(), 10, 3), '2026-12-01T05:00:00.000Z');

describe('notify drive: what a consumed message says of its change', () => {
  it('a notification: its stable id, the fact id it carries, and when the registry recorded it on the drive clock', () => {
    const changedAt = new Date(Date.now() - 1_000).toISOString();
    const notification = {
      id: 'b3c0a3a8-5f1e-4b39-9a64-3f0e2f1f4c11',
      subscriptionId: 'sub',
      cursor: '42',
      purpose: '1.001234',
      fact: fact!,
      supersedesFactId: 'before',
      changedAt,
    } satisfies factsV1.Notification__Output;
    const value = Buffer.from(
      messageCodec<factsV1.Notification__Output>(notificationsTopic('bench-client').payload).encode(
        notification,
      ),
    );
    const delivered = readerOf('notification')(value, 'header-id');
    expect(delivered).toMatchObject({ eventId: notification.id, changeId: fact!.id });
    expect(delivered.recordedAt! + performance.timeOrigin).toBeCloseTo(Date.parse(changedAt), 0);
  });

  it('a fact (the baseline): the event id of its envelope, else its own id', () => {
    const value = Buffer.from(messageCodec<Fact__Output>(Topics.citizenFacts.payload).encode(fact!));
    expect(readerOf('fact')(value, 'event-1')).toEqual({ eventId: 'event-1', changeId: fact!.id });
    expect(readerOf('fact')(value, undefined)).toEqual({ eventId: fact!.id, changeId: fact!.id });
  });
});

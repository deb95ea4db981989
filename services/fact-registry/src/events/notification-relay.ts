import { setTimeout as sleep } from 'node:timers/promises';
import { Counter, Gauge, type Registry } from 'prom-client';
import { withTransaction, type Pool } from '@motlan/db';
import {
  EventTypes,
  isNotificationSubscriber,
  notificationsTopic,
  prefixed,
  type EventProducer,
} from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import type { Bell } from '../bell.ts';
import type { NotificationRelease } from '../notification-release.ts';
import {
  markPublished,
  takeRelayTurn,
  unpublishedNotifications,
  type PendingNotification,
} from '../store/notifications.ts';

export interface NotificationRelaySettings {
  pool: Pool;
  producer: EventProducer;
  gate: NotificationRelease;
  /** KAFKA_TOPIC_PREFIX of the subscribers' topics. */
  topicPrefix: string;
  logger: Logger;
  registry?: Registry;
  /** Rung when facts were applied (and so notifications may be due). */
  bell: Bell;
  /** How long to wait when nothing is due and nobody rang, ms (default 250). */
  idleMs?: number;
  /** After a pass that found some but not a full batch, how long to let commits gather, ms (default 10). */
  lingerMs?: number;
}

const BATCH = 500;

/**
 * Puts the notifications of DELIVERY_KAFKA subscriptions on each subscriber's own topic
 * (`citizen.notifications.v1.<client>`, key personal ID, event id = notification id), in the
 * order they were recorded, one relay at a time across registry instances (an advisory lock per
 * schema), so order per citizen holds. Selected, released (audited) and marked published in one
 * database transaction: a crash before the mark re-sends them with the same ids (at least once);
 * subscribers apply each id once. A slow or failing subscriber slows nobody: the broker keeps its
 * topic until it reads it.
 */
export class NotificationRelay {
  private running: Promise<void> | undefined;
  private stopping = new AbortController();
  private readonly published: Counter | undefined;

  constructor(private readonly settings: NotificationRelaySettings) {
    this.published = settings.registry
      ? new Counter({
          name: 'motlan_notifications_published_total',
          help: 'Change notifications put on subscribers’ Kafka topics, by subscriber',
          labelNames: ['client'],
          registers: [settings.registry],
        })
      : undefined;
    if (settings.registry) {
      // What operators watch: notifications recorded but not yet on their subscriber's topic.
      const pending = new Gauge({
        name: 'motlan_notifications_pending',
        help: 'Change notifications for Kafka subscribers not yet published',
        registers: [settings.registry],
        collect: async () => {
          const { rows } = await settings.pool.query<{ n: string }>(
            'SELECT count(*) AS n FROM notifications WHERE kafka AND published_at IS NULL',
          );
          pending.set(Number(rows[0]?.n ?? 0));
        },
      });
    }
  }

  /** Publishes one batch of due notifications; resolves with how many were taken. */
  async relayOnce(): Promise<number> {
    return withTransaction(this.settings.pool, async (tx) => {
      if (!(await takeRelayTurn(tx))) return 0;
      const pending = await unpublishedNotifications(tx, BATCH);
      if (pending.length === 0) return 0;
      const byClient = new Map<string, PendingNotification[]>();
      for (const entry of await this.settings.gate.release(pending)) {
        byClient.set(entry.client, [...(byClient.get(entry.client) ?? []), entry]);
      }
      for (const [client, entries] of byClient) {
        if (!isNotificationSubscriber(client)) continue; // creation refuses kafka delivery to others
        await this.settings.producer.publish(
          prefixed(notificationsTopic(client), this.settings.topicPrefix),
          entries.map(({ notification }) => ({
            key: notification.fact!.subject!.personalId,
            value: notification,
            eventId: notification.id,
            eventType: EventTypes.factChanged,
            correlationId: notification.id,
          })),
        );
        this.published?.inc({ client }, entries.length);
      }
      // Withheld ones too: their refusal is recorded, and they are not retried.
      await markPublished(
        tx,
        pending.map((entry) => entry.seq),
      );
      return pending.length;
    });
  }

  start(): void {
    if (this.running) return;
    this.stopping = new AbortController();
    this.running = this.loop();
  }

  private async loop(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      const seen = this.settings.bell.count;
      let sent = 0;
      try {
        sent = await this.relayOnce();
      } catch (error) {
        this.settings.logger.warn({ err: error }, 'notification relay failed; will retry');
        await sleep(this.settings.idleMs ?? 250, undefined, { signal }).catch(() => undefined);
        continue;
      }
      // A full batch: go on at once. Some: linger a moment so the next pass takes several
      // commits' worth (under load one pass per commit costs more than it saves). Idle: until the
      // facts consumer rings, or idleMs.
      if (sent === BATCH) continue;
      if (sent > 0) {
        await sleep(this.settings.lingerMs ?? 10, undefined, { signal }).catch(() => undefined);
        continue;
      }
      await this.settings.bell.wait(this.settings.idleMs ?? 250, signal, seen);
    }
  }

  /** Stops after a last pass, so what was recorded before shutdown is not left waiting. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
    this.running = undefined;
    for (let sent = 1; sent > 0;) {
      sent = await this.relayOnce().catch((error: unknown) => {
        this.settings.logger.warn(
          { err: error },
          'notifications not all relayed at shutdown; relayed after restart',
        );
        return 0;
      });
    }
  }
}

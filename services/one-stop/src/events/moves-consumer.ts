import type { Registry } from 'prom-client';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { startEventConsumer, type EventConsumer, type Kafka, type TopicDefinition } from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import type { factsV1 } from '@motlan/proto';
import type { NotifiedChange } from '../domain/move.ts';
import type { Subscriptions } from '../mesh/ports.ts';
import { ensureMoveSubscription } from '../use-cases/move-subscription.ts';
import type { Moves } from '../use-cases/moves.ts';

/** The consumer group of one-stop's notifications (its Kafka grant allows groups `one-stop*`). */
export const MOVES_GROUP = 'one-stop-moves';

/**
 * citizen.notifications.v1.one-stop → Moves: each notification the registry delivers (event id =
 * notification id) is applied once; a notification without a fact or with a value that is not
 * JSON is refused (not retried) and dead-lettered with its envelope, as is one that still fails
 * after the retries (the registry unreachable, say).
 */
export function startMovesConsumer(settings: {
  kafka: Kafka;
  topic: TopicDefinition<factsV1.Notification__Output>;
  moves: Moves;
  logger: Logger;
  groupId?: string;
  registry?: Registry;
}): Promise<EventConsumer> {
  return startEventConsumer<factsV1.Notification__Output>({
    kafka: settings.kafka,
    groupId: settings.groupId ?? MOVES_GROUP,
    topic: settings.topic,
    logger: settings.logger,
    ...(settings.registry ? { registry: settings.registry } : {}),
    handler: async ({ key, value, envelope }) => {
      const outcome = await settings.moves.onNotification(notifiedChange(key, value), envelope.correlationId);
      if (outcome.opened.length > 0) {
        settings.logger.info(
          { notificationId: value.id, dossiers: outcome.opened.map((dossier) => dossier.code) },
          'move: dossiers opened',
        );
      }
      return outcome.duplicate ? 'duplicate' : undefined;
    },
  });
}

/** A notification as the move decision reads it; MOTLAN_VALIDATION_FAILED when it cannot be read. */
export function notifiedChange(
  key: string,
  notification: factsV1.Notification__Output,
): Omit<NotifiedChange, 'previousValue'> {
  const fact = notification.fact;
  const personalId = fact?.subject?.personalId || key;
  if (!fact || notification.id === '' || personalId === '') {
    throw new MotlanError(CommonErrors.validation, 'The notification has no id, fact or subject', {
      field: 'fact',
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(fact.valueJson);
  } catch {
    throw new MotlanError(CommonErrors.validation, "The notified fact's value is not JSON", {
      field: 'fact.valueJson',
    });
  }
  return {
    notificationId: notification.id,
    personalId,
    factType: fact.type,
    value,
    supersedesFactId: notification.supersedesFactId,
  };
}

/**
 * Keeps one-stop's subscription at the registry: ensures it at start and, while the registry
 * cannot answer (starting, or an older registry without FactSubscriptions), tries again every
 * `retryMs` in the background — the consumer runs meanwhile, so nothing waits on it.
 */
export class MoveSubscriptionKeeper {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private attempt: Promise<void> | undefined;

  constructor(
    private readonly settings: { subscriptions: Subscriptions; logger: Logger; retryMs?: number },
  ) {}

  start(): void {
    this.stopped = false;
    this.attempt = this.ensure();
  }

  private async ensure(): Promise<void> {
    try {
      const { subscription, created } = await ensureMoveSubscription(this.settings.subscriptions);
      this.settings.logger.info(
        { subscriptionId: subscription.id, topic: subscription.topic, created },
        'move subscription held at the fact registry',
      );
    } catch (error) {
      if (this.stopped) return;
      this.settings.logger.warn(
        { err: error },
        'could not ensure the move subscription at the fact registry; trying again',
      );
      this.timer = setTimeout(() => {
        this.attempt = this.ensure();
      }, this.settings.retryMs ?? 5_000);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.attempt;
  }
}

import type { Worker } from './service-definition.ts';

/** Something that runs in the background until stopped: an outbox or audit relay, a change feed. */
export interface Startable {
  start(): unknown;
  stop(): Promise<void>;
}

/** A relay or feed as a worker: `start` begins its loop, `stop` lets it finish what it holds. */
export function worker(name: string, target: Startable): Worker {
  return {
    name,
    start: async () => {
      await target.start();
    },
    stop: () => target.stop(),
  };
}

/** What consumerWorker needs of a consumer (@motlan/kafka's EventConsumer). */
export interface ConsumerHandle {
  stop(): Promise<void>;
  joined(): boolean;
  running(): boolean;
}

/**
 * A Kafka consumer as a worker: `start` resolves once it is connected (@motlan/kafka's consumers
 * join their group in the background, so a restarted service serves reads at once instead of after
 * the previous member's session timeout). Under the worker's name, `ready` is a /ready detail
 * (whether it is in its group now) and `running` a /ready check (false once kafkajs gave up on it:
 * a start that used to fail now leaves the instance unready). Its stop commits the offsets of
 * what it applied and leaves the group.
 */
export function consumerWorker(name: string, start: () => Promise<ConsumerHandle>): Worker {
  let consumer: ConsumerHandle | undefined;
  return {
    name,
    start: async () => {
      consumer = await start();
    },
    ready: () => consumer?.joined() ?? false,
    running: () => consumer?.running() ?? false,
    stop: async () => {
      await consumer?.stop();
      consumer = undefined;
    },
  };
}

/**
 * The audit trail's relay as a worker: on stop, the disclosures being recorded are settled first,
 * then the relay publishes what is due to access.audit.v1 and stops.
 */
export function auditWorker(audit: { trail: { settle(): Promise<void> }; relay: Startable }): Worker {
  return {
    name: 'audit relay',
    start: () => {
      audit.relay.start();
    },
    stop: async () => {
      await audit.trail.settle();
      await audit.relay.stop();
    },
  };
}

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

/**
 * A Kafka consumer as a worker: `start` resolves once it has joined its group; its stop commits
 * the offsets of what it applied.
 */
export function consumerWorker(name: string, start: () => Promise<{ stop(): Promise<void> }>): Worker {
  let consumer: { stop(): Promise<void> } | undefined;
  return {
    name,
    start: async () => {
      consumer = await start();
    },
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

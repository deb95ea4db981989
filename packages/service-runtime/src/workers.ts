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
 * A Kafka consumer as a worker: `start` resolves once it is connected (@motlan/kafka's consumers
 * join their group in the background, so a restarted service serves reads at once instead of after
 * the previous member's session timeout); `ready` — a /ready detail under the worker's name — says
 * whether it is in its group now; its stop commits the offsets of what it applied and leaves the
 * group.
 */
export function consumerWorker(
  name: string,
  start: () => Promise<{ stop(): Promise<void>; joined(): boolean }>,
): Worker {
  let consumer: { stop(): Promise<void>; joined(): boolean } | undefined;
  return {
    name,
    start: async () => {
      consumer = await start();
    },
    ready: () => consumer?.joined() ?? false,
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

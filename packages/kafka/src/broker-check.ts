import type { Admin, Kafka } from 'kafkajs';

export interface BrokerCheck {
  /** Resolves whether a broker answered a metadata request now; never rejects. */
  reachable(): Promise<boolean>;
  /** Disconnects the admin client the check holds. */
  close(): Promise<void>;
}

/** Longest a broker is waited for (ms): below /ready's own per-check timeout (@motlan/http). */
export const BROKER_CHECK_TIMEOUT_MS = 1_500;

/**
 * Whether the cluster answers, for /ready: one metadata request (DescribeCluster needs no ACL)
 * through an admin client that does not retry, false when none came within `timeoutMs` (kafkajs
 * would otherwise keep reconnecting for its whole retry budget); calls while one is in flight
 * share it. A producer alone cannot tell: it finds the broker gone only when it next sends.
 */
export function brokerCheck(kafka: Kafka, timeoutMs = BROKER_CHECK_TIMEOUT_MS): BrokerCheck {
  let admin: Admin | undefined;
  let inFlight: Promise<boolean> | undefined;
  const ask = async (): Promise<boolean> => {
    const client = (admin ??= kafka.admin({ retry: { retries: 0 } }));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const answered = (async () => {
      await client.connect();
      return (await client.describeCluster()).brokers.length > 0;
    })().catch(() => false);
    const reachable = await Promise.race([answered, late]);
    clearTimeout(timer);
    if (!reachable) {
      // Reconnect from scratch next time: the connection this admin holds may be the broken one.
      if (admin === client) admin = undefined;
      void answered.then(() => client.disconnect()).catch(() => undefined);
    }
    return reachable;
  };
  return {
    reachable() {
      inFlight ??= ask().finally(() => (inFlight = undefined));
      return inFlight;
    },
    async close() {
      await inFlight;
      await admin?.disconnect();
      admin = undefined;
    },
  };
}

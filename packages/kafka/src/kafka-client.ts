import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { Logger } from '@motlan/logger';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  logger: Logger;
}

/** One kafkajs client per process; its own logging goes through our (redacting) pino logger. */
export function createKafka(settings: KafkaSettings): Kafka {
  const log = settings.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        // Producers retry a bounded number of times so a request never hangs on a dead broker;
        // kafkajs warns that unbounded retries would be needed for exactly-once — consumers
        // de-duplicate by event id instead, so the warning says nothing actionable.
        if (message.startsWith('Limiting retries for the idempotent producer')) return;
        const method = level <= logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'debug';
        log[method](rest, message);
      },
  });
}

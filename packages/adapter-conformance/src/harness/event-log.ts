import type { Consumer, Kafka } from 'kafkajs';
import { Headers, type TopicDefinition } from '@motlan/kafka';
import { messageCodec, type auditV1, type Fact__Output } from '@motlan/proto';

export interface FactEvent {
  eventId: string;
  fact: Fact__Output;
}

/**
 * Everything the adapter publishes during the run, as a consumer sees it: facts on the run's
 * `citizen.facts.v1` and disclosure decisions on its `access.audit.v1`, read from the beginning
 * and kept in arrival order. `mark()` and `factsSince()` cut it into what each step caused.
 */
export class EventLog {
  readonly facts: FactEvent[] = [];
  readonly audits: auditV1.AccessAudited__Output[] = [];
  private lastArrival = Date.now();

  private constructor(private readonly consumer: Consumer) {}

  static async start(
    kafka: Kafka,
    groupId: string,
    factsTopic: TopicDefinition<Fact__Output>,
    auditTopic: TopicDefinition<auditV1.AccessAudited__Output>,
  ): Promise<EventLog> {
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
    const log = new EventLog(consumer);
    const facts = messageCodec<Fact__Output>(factsTopic.payload);
    const audits = messageCodec<auditV1.AccessAudited__Output>(auditTopic.payload);
    await consumer.connect();
    await consumer.subscribe({ topics: [factsTopic.name, auditTopic.name], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        log.lastArrival = Date.now();
        if (!message.value) return;
        if (topic === factsTopic.name) {
          const eventId = message.headers?.[Headers.eventId]?.toString() ?? '';
          log.facts.push({ eventId, fact: facts.decode(message.value) });
        } else {
          log.audits.push(audits.decode(message.value));
        }
      },
    });
    return log;
  }

  /** A position in the facts received so far. */
  mark(): number {
    return this.facts.length;
  }

  factsSince(mark: number): FactEvent[] {
    return this.facts.slice(mark);
  }

  /** Resolves once nothing new has arrived for `quietMs` (or after `timeoutMs`). */
  async settle(quietMs = 1_500, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() - this.lastArrival < quietMs && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The audit record of a request, once it has arrived (or undefined after `timeoutMs`). */
  async auditOf(requestId: string, timeoutMs = 10_000): Promise<auditV1.AccessAudited__Output | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.audits.find((audit) => audit.requestId === requestId);
      if (found || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

import type { Kafka, Producer } from 'kafkajs';
import { messageCodec } from '@motlan/proto';
import { envelopeHeaders, newEnvelope, type Envelope, type EnvelopeInput } from './envelope.ts';
import type { TopicDefinition } from './topics.ts';

export interface OutgoingEvent<T> extends EnvelopeInput {
  key: string;
  value: T;
}

export interface EventProducer {
  /** Publishes events to one topic in one request; resolves with their envelopes once acknowledged. */
  publish<T extends object>(topic: TopicDefinition<T>, events: OutgoingEvent<T>[]): Promise<Envelope[]>;
  disconnect(): Promise<void>;
}

/**
 * An idempotent producer (acks=all, broker-side de-duplication of retries) that encodes values
 * with the topic's protobuf message and stamps the envelope headers.
 */
export async function createEventProducer(kafka: Kafka, producerName: string): Promise<EventProducer> {
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
  await producer.connect();
  return {
    async publish<T extends object>(topic: TopicDefinition<T>, events: OutgoingEvent<T>[]) {
      if (events.length === 0) return [];
      const codec = messageCodec<T>(topic.payload);
      const envelopes = events.map((event) => newEnvelope(event, topic.payload, producerName));
      await producer.send({
        topic: topic.name,
        acks: -1,
        messages: events.map((event, index) => ({
          key: event.key,
          value: codec.encode(event.value),
          headers: envelopeHeaders(envelopes[index]!),
        })),
      });
      return envelopes;
    },
    disconnect: () => producer.disconnect(),
  };
}

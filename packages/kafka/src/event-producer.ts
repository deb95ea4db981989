import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { messageCodec } from '@motlan/proto';
import { envelopeHeaders, newEnvelope, type Envelope, type EnvelopeInput } from './envelope.ts';
import type { TopicDefinition } from './topics.ts';

const MAX_MESSAGES_PER_REQUEST = 1_000;

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
  // The default (murmur2, Java-compatible) partitioner: the same key lands on the same partition
  // whichever client produced it.
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 5,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return {
    async publish<T extends object>(topic: TopicDefinition<T>, events: OutgoingEvent<T>[]) {
      if (events.length === 0) return [];
      const codec = messageCodec<T>(topic.payload);
      const envelopes = events.map((event) => newEnvelope(event, topic.payload, producerName));
      const messages = events.map((event, index) => ({
        key: event.key,
        value: codec.encode(event.value),
        headers: envelopeHeaders(envelopes[index]!),
      }));
      // One request per chunk keeps each partition's record batch under the broker's size limit;
      // chunks go in order, so events of one key stay in order.
      for (let start = 0; start < messages.length; start += MAX_MESSAGES_PER_REQUEST) {
        await producer.send({
          topic: topic.name,
          acks: -1,
          messages: messages.slice(start, start + MAX_MESSAGES_PER_REQUEST),
        });
      }
      return envelopes;
    },
    disconnect: () => producer.disconnect(),
  };
}

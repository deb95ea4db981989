import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { messageCodec } from '@motlan/proto';
import { envelopeHeaders, newEnvelope, type Envelope, type EnvelopeInput } from './envelope.ts';
import type { Span } from '@opentelemetry/api';
import { startPublishSpan, traceparentOf } from './trace-context.ts';
import type { TopicDefinition } from './topics.ts';

/** Keeps each partition's record batch well under the broker's 1 MB message limit. */
const MAX_MESSAGES_PER_REQUEST = 2_000;

export interface OutgoingEvent<T> extends EnvelopeInput {
  key: string;
  value: T;
}

export interface EventProducer {
  /** Publishes events to one topic; resolves with their envelopes once the broker acknowledged them. */
  publish<T extends object>(topic: TopicDefinition<T>, events: OutgoingEvent<T>[]): Promise<Envelope[]>;
  disconnect(): Promise<void>;
}

interface Pending {
  topic: string;
  messages: Message[];
  settle: (error?: unknown) => void;
}

/**
 * An idempotent producer (acks=all, broker-side de-duplication of retries) that encodes values
 * with the topic's protobuf message and stamps the envelope headers.
 *
 * Publishes are coalesced: the idempotent producer acknowledges one send at a time, so while a
 * send is in flight every publish that arrives waits in a queue and the whole queue goes out in
 * the next send. Many small publishes (one per API call) then cost one round trip together, and
 * the queue's order keeps events of one key in order.
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
  let queue: Pending[] = [];
  let draining: Promise<void> | undefined;

  const drain = async (): Promise<void> => {
    try {
      while (queue.length > 0) {
        const batch = queue;
        queue = [];
        for (const [topic, pendings] of groupByTopic(batch)) {
          const messages = pendings.flatMap((pending) => pending.messages);
          try {
            for (let start = 0; start < messages.length; start += MAX_MESSAGES_PER_REQUEST) {
              await producer.send({
                topic,
                acks: -1,
                messages: messages.slice(start, start + MAX_MESSAGES_PER_REQUEST),
              });
            }
            pendings.forEach((pending) => pending.settle());
          } catch (error) {
            pendings.forEach((pending) => pending.settle(error));
          }
        }
      }
    } finally {
      draining = undefined;
    }
  };

  return {
    publish<T extends object>(topic: TopicDefinition<T>, events: OutgoingEvent<T>[]): Promise<Envelope[]> {
      if (events.length === 0) return Promise.resolve([]);
      const codec = messageCodec<T>(topic.payload);
      // One PRODUCER span per publish and trace: child of the caller's context (the request's),
      // or of the traceparent an event brings (an outbox row keeps its request's); the span's
      // traceparent goes into the records, so consumers continue the request's trace.
      const spans = publishSpans(topic.name, events);
      // Each span's traceparent once, not once per record (a bulk publish holds thousands).
      const traceparents = new Map([...spans].map(([parent, span]) => [parent, traceparentOf(span)]));
      const envelopes = events.map((event) => {
        const traceparent = traceparents.get(event.traceparent);
        return newEnvelope(
          { ...event, traceparent: traceparent ?? event.traceparent },
          topic.payload,
          producerName,
        );
      });
      const messages = events.map((event, index) => ({
        key: event.key,
        value: codec.encode(event.value),
        headers: envelopeHeaders(envelopes[index]!),
      }));
      return new Promise<Envelope[]>((resolve, reject) => {
        queue.push({
          topic: topic.name,
          messages,
          settle: (error) => {
            for (const span of spans.values()) span.end();
            if (error === undefined) resolve(envelopes);
            else reject(error);
          },
        });
        draining ??= drain();
      });
    },
    async disconnect() {
      await draining;
      await producer.disconnect();
    },
  };
}

/** A PRODUCER span for each distinct traceparent the events bring (undefined: the active context). */
function publishSpans(topic: string, events: readonly EnvelopeInput[]): Map<string | undefined, Span> {
  const counts = new Map<string | undefined, number>();
  for (const event of events) counts.set(event.traceparent, (counts.get(event.traceparent) ?? 0) + 1);
  return new Map(
    [...counts].map(([parent, count]) => [parent, startPublishSpan(topic, count, parent)] as const),
  );
}

function groupByTopic(batch: Pending[]): Map<string, Pending[]> {
  const byTopic = new Map<string, Pending[]>();
  for (const pending of batch) byTopic.set(pending.topic, [...(byTopic.get(pending.topic) ?? []), pending]);
  return byTopic;
}

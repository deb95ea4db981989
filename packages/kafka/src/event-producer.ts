import { Partitioners, type Kafka, type Message, type PartitionMetadata, type Producer } from 'kafkajs';
import { messageCodec } from '@motlan/proto';
import { envelopeHeaders, newEnvelope, type Envelope, type EnvelopeInput } from './envelope.ts';
import type { Span } from '@opentelemetry/api';
import { startPublishSpan, traceparentOf } from './trace-context.ts';
import type { TopicDefinition } from './topics.ts';

/**
 * Keeps each partition's record batch (one send) well under the broker's 1 MB message limit: a
 * fact with its envelope headers is about 0.6 kB.
 */
const MAX_MESSAGES_PER_BATCH = 500;

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
 * An idempotent producer (acks=all, broker-side de-duplication of retries; with the brokers'
 * min.insync.replicas 2, an acknowledged event survives the loss of a broker) that encodes values
 * with the topic's protobuf message and stamps the envelope headers.
 *
 * Each send goes to one partition, so to one broker. kafkajs (2.2.4, tulios/kafkajs#1303) loses
 * events of a send that spans brokers when one of them stops: it retries only towards brokers that
 * had not answered yet, so the partitions that moved to a broker that had answered are never sent
 * again, and the send resolves all the same — tests/cluster/broker-failover.int.test.ts counted 818
 * of 31,793 acknowledged facts missing on the topic. The partition is the default partitioner's
 * (murmur2 of the key, as Java clients compute it), over the topic's partitions as the brokers
 * list them (asked once per topic).
 *
 * Publishes are coalesced: the idempotent producer acknowledges one send per partition at a time,
 * so while sends are in flight every publish that arrives waits in a queue and the whole queue
 * goes out in the next sends. Many small publishes (one per API call) then cost one round trip
 * together, and the queue's order keeps events of one key in order.
 */
export async function createEventProducer(kafka: Kafka, producerName: string): Promise<EventProducer> {
  // The default (murmur2, Java-compatible) partitioner: the same key lands on the same partition
  // whichever client produced it.
  const partitioner = Partitioners.DefaultPartitioner();
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 5,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const metadata = topicPartitions(kafka);
  let queue: Pending[] = [];
  let draining: Promise<void> | undefined;

  const sendToPartitions = async (topic: string, messages: Message[]): Promise<void> => {
    const partitionMetadata = await metadata.of(topic);
    const byPartition = new Map<number, Message[]>();
    for (const message of messages) {
      const partition = partitioner({ topic, partitionMetadata, message });
      byPartition.set(partition, [...(byPartition.get(partition) ?? []), { ...message, partition }]);
    }
    await Promise.all(
      [...byPartition.values()].map(async (inPartition) => {
        for (let start = 0; start < inPartition.length; start += MAX_MESSAGES_PER_BATCH) {
          await producer.send({
            topic,
            acks: -1,
            messages: inPartition.slice(start, start + MAX_MESSAGES_PER_BATCH),
          });
        }
      }),
    );
  };

  const drain = async (): Promise<void> => {
    try {
      while (queue.length > 0) {
        const batch = queue;
        queue = [];
        for (const [topic, pendings] of groupByTopic(batch)) {
          try {
            await sendToPartitions(
              topic,
              pendings.flatMap((pending) => pending.messages),
            );
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
      await metadata.close();
    },
  };
}

/** Each topic's partitions as the brokers list them, asked once per topic through an admin client. */
function topicPartitions(kafka: Kafka) {
  const admin = kafka.admin();
  let connected: Promise<void> | undefined;
  const known = new Map<string, Promise<PartitionMetadata[]>>();
  return {
    of(topic: string): Promise<PartitionMetadata[]> {
      let partitions = known.get(topic);
      if (!partitions) {
        partitions = (async () => {
          connected ??= admin.connect();
          await connected;
          const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
          return topics[0]!.partitions;
        })();
        // A failed lookup (the broker away) is asked again by the next send.
        partitions.catch(() => known.delete(topic));
        known.set(topic, partitions);
      }
      return partitions;
    },
    async close(): Promise<void> {
      if (connected) await admin.disconnect();
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

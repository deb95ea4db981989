import type { KafkaMessage } from 'kafkajs';
import { Headers, headerText } from '@motlan/kafka';
import { hasMessageType, messageCodec } from '@motlan/proto';
import { maskPersonalIds } from '@motlan/logger';
import type { DeclaredTopic } from './declared-topic.ts';
import { maskPersonal } from './masking.ts';

/** One record as the CLI prints it (`--json` prints exactly this). */
export interface DecodedRecord {
  topic: string;
  partition: number;
  offset: string;
  /** Broker timestamp, ISO 8601. */
  timestamp: string;
  /** The record key (a personal ID on most topics: masked unless --unmask). */
  key: string;
  /** Every header as text: the envelope (motlan-event-id, -type, -schema, ...) and dead-letter notes. */
  headers: Record<string, string>;
  /** Full protobuf message name that decoded the value, or null when it could not be decoded. */
  decodedWith: string | null;
  /** The decoded value (personal fields `[REDACTED]` unless --unmask), or null. */
  value: unknown;
  /** Why the value could not be decoded, when it could not. */
  undecodable?: string;
}

/**
 * Decodes a record with the schema its `motlan-schema` header names when that message exists in
 * protos/, else with the one its topic declares (TopicDefinition.payload), and says which.
 */
export function decodeRecord(
  topic: DeclaredTopic,
  partition: number,
  message: KafkaMessage,
  unmask: boolean,
): DecodedRecord {
  const headers = Object.fromEntries(
    Object.keys(message.headers ?? {}).map((name) => {
      const text = headerText(message.headers, name) ?? '';
      return [name, unmask ? text : maskPersonalIds(text)];
    }),
  );
  const named = headers[Headers.schema];
  const schema = named && hasMessageType(named) ? named : topic.definition.payload;
  const key = message.key?.toString() ?? '';
  const base = {
    topic: topic.declaredName,
    partition,
    offset: message.offset,
    timestamp: new Date(Number(message.timestamp)).toISOString(),
    key: unmask ? key : maskPersonalIds(key),
    headers,
  };
  if (!message.value) return { ...base, decodedWith: null, value: null, undecodable: 'empty value' };
  try {
    const value = messageCodec<object>(schema).decode(message.value);
    return { ...base, decodedWith: schema, value: unmask ? value : maskPersonal(value) };
  } catch (error) {
    return {
      ...base,
      decodedWith: null,
      value: null,
      undecodable: `not a ${schema}: ${(error as Error).message}`,
    };
  }
}

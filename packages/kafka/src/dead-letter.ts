import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { DeadLetterHeaders, deadLetterTopicOf } from './definitions.ts';

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  error: { code: string; message: string };
  attempts: number;
  groupId: string;
}

/**
 * Writes the original record — key, value bytes and headers untouched — to `<topic>.dlq`, with
 * where it came from and why it failed added as headers, so it can be inspected and replayed.
 */
export async function sendToDeadLetter(producer: Producer, letter: DeadLetter): Promise<void> {
  const headers: IHeaders = {
    ...letter.message.headers,
    [DeadLetterHeaders.originalTopic]: letter.topic,
    [DeadLetterHeaders.originalPartition]: String(letter.partition),
    [DeadLetterHeaders.originalOffset]: letter.message.offset,
    [DeadLetterHeaders.originalTimestamp]: letter.message.timestamp,
    [DeadLetterHeaders.error]: letter.error.message.slice(0, 2_000),
    [DeadLetterHeaders.errorCode]: letter.error.code,
    [DeadLetterHeaders.attempts]: String(letter.attempts),
    [DeadLetterHeaders.consumerGroup]: letter.groupId,
    [DeadLetterHeaders.failedAt]: new Date().toISOString(),
  };
  await producer.send({
    topic: deadLetterTopicOf(letter.topic),
    acks: -1,
    messages: [{ key: letter.message.key, value: letter.message.value, headers }],
  });
}

/** The headers a replayed record carries: the original envelope without the dead-letter notes. */
export function withoutDeadLetterHeaders(headers: IHeaders | undefined): IHeaders {
  const dlqNames = new Set<string>(Object.values(DeadLetterHeaders));
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !dlqNames.has(name)));
}

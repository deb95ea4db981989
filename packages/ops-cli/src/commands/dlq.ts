import { Partitioners, type KafkaMessage } from 'kafkajs';
import { MotlanError } from '@motlan/errors';
import { maskPersonalIds } from '@motlan/logger';
import {
  DeadLetterHeaders,
  deadLetterTopicOf,
  Headers,
  headerText,
  withoutDeadLetterHeaders,
} from '@motlan/kafka';
import type { OperatorContext } from '../operator-kafka.ts';
import { declaredTopics, findTopic, type DeclaredTopic } from '../declared-topic.ts';
import { decodeRecord } from '../decoded-record.ts';
import { OpsCliErrors } from '../errors.ts';
import { partitionOffsets, readRanges } from '../read-records.ts';
import { table, type CommandOutput } from '../output.ts';
import { recordText } from './tail.ts';

/** One dead letter as `motlan dlq list --json` shows it: where it sits and why it is there. */
export interface DeadLetterSummary {
  /** Source topic as declared. */
  topic: string;
  /** Position in the dead-letter topic, `partition:offset`: what `dlq show` and `--offset` take. */
  position: string;
  /** Where the consumer read the original, `partition:offset` of the source topic. */
  original: string;
  eventId: string;
  eventType: string;
  errorCode: string;
  error: string;
  attempts: number;
  consumerGroup: string;
  failedAt: string;
}

/** The source topic `name` names (its dead-letter twin's name is accepted too). */
function sourceTopic(context: OperatorContext, name: string): DeclaredTopic {
  const topic = findTopic(context.prefix, name);
  return topic.isDeadLetter ? findTopic(context.prefix, topic.declaredName.replace(/\.dlq$/, '')) : topic;
}

async function deadLetters(
  context: OperatorContext,
  source: DeclaredTopic,
): Promise<{ partition: number; message: KafkaMessage }[]> {
  const dlq = deadLetterTopicOf(source.name);
  const offsets = await partitionOffsets(context, dlq);
  return readRanges(
    context,
    dlq,
    offsets.map(({ partition, start, end }) => ({ partition, from: start, to: end })),
  );
}

function summary(
  source: DeclaredTopic,
  partition: number,
  message: KafkaMessage,
  unmask: boolean,
): DeadLetterSummary {
  const header = (name: string) => headerText(message.headers, name) ?? '';
  const error = header(DeadLetterHeaders.error);
  return {
    topic: source.declaredName,
    position: `${partition}:${message.offset}`,
    original: `${header(DeadLetterHeaders.originalPartition)}:${header(DeadLetterHeaders.originalOffset)}`,
    eventId: header(Headers.eventId),
    eventType: header(Headers.eventType),
    errorCode: header(DeadLetterHeaders.errorCode),
    error: unmask ? error : maskPersonalIds(error),
    attempts: Number(header(DeadLetterHeaders.attempts) || 0),
    consumerGroup: header(DeadLetterHeaders.consumerGroup),
    failedAt: header(DeadLetterHeaders.failedAt),
  };
}

/** `motlan dlq list [--topic T]`: every dead letter of every declared topic (or of T) and its reason. */
export async function dlqListCommand(
  context: OperatorContext,
  options: { topic?: string },
): Promise<CommandOutput> {
  const sources = options.topic
    ? [sourceTopic(context, options.topic)]
    : declaredTopics(context.prefix).filter((t) => !t.isDeadLetter);
  const letters: DeadLetterSummary[] = [];
  for (const source of sources) {
    for (const { partition, message } of await deadLetters(context, source)) {
      letters.push(summary(source, partition, message, false));
    }
  }
  return {
    json: { deadLetters: letters },
    text:
      letters.length === 0
        ? 'No dead letters'
        : table(
            ['TOPIC', 'POSITION', 'ORIGINAL', 'EVENT TYPE', 'EVENT ID', 'ERROR CODE', 'FAILED AT', 'ERROR'],
            letters.map((l) => [
              l.topic,
              l.position,
              l.original,
              l.eventType,
              l.eventId,
              l.errorCode,
              l.failedAt,
              l.error,
            ]),
          ),
  };
}

/** `partition:offset` as typed by the operator; MOTLAN_OPS_USAGE otherwise. */
export function parsePosition(text: string, field: string): { partition: number; offset: string } {
  const match = /^(\d+):(\d+)$/.exec(text);
  if (!match) {
    throw new MotlanError(
      OpsCliErrors.usage,
      `${field} must be partition:offset (e.g. 0:12), got "${text}"`,
      {
        field,
      },
    );
  }
  return { partition: Number(match[1]), offset: match[2]! };
}

async function oneDeadLetter(
  context: OperatorContext,
  source: DeclaredTopic,
  position: { partition: number; offset: string },
): Promise<KafkaMessage> {
  const dlq = deadLetterTopicOf(source.name);
  const range = (await partitionOffsets(context, dlq)).find((p) => p.partition === position.partition);
  const offset = BigInt(position.offset);
  if (!range || offset < BigInt(range.start) || offset >= BigInt(range.end)) {
    throw new MotlanError(
      OpsCliErrors.deadLetterNotFound,
      `No dead letter at ${position.partition}:${position.offset} of ${source.declaredName} (\`motlan dlq list --topic ${source.declaredName}\`)`,
    );
  }
  const [found] = await readRanges(context, dlq, [
    { partition: position.partition, from: position.offset, to: String(offset + 1n) },
  ]);
  if (!found)
    throw new MotlanError(
      OpsCliErrors.deadLetterNotFound,
      `No dead letter at ${position.partition}:${position.offset}`,
    );
  return found.message;
}

/** `motlan dlq show <topic> <partition:offset>`: one dead letter, decoded, with every header and its reason. */
export async function dlqShowCommand(
  context: OperatorContext,
  topicName: string,
  positionText: string,
  options: { unmask: boolean },
): Promise<CommandOutput> {
  const source = sourceTopic(context, topicName);
  const position = parsePosition(positionText, 'position');
  const message = await oneDeadLetter(context, source, position);
  const record = {
    ...decodeRecord(source, position.partition, message, options.unmask),
    topic: `${source.declaredName}.dlq`,
  };
  const reason = summary(source, position.partition, message, options.unmask);
  return {
    json: { deadLetter: reason, record },
    text: `${reason.errorCode}: ${reason.error} (after ${reason.attempts} attempt(s) in ${reason.consumerGroup}, ${reason.failedAt})\n${recordText(record)}`,
  };
}

/** What `dlq redrive` did (or, with --dry-run, would do) with one dead letter. */
export interface Redriven {
  /** Position in the dead-letter topic. */
  from: string;
  /** Source topic as declared. */
  to: string;
  eventId: string;
  eventType: string;
  /** Where it was written, `partition:offset`; null on a dry run. */
  written: string | null;
}

/**
 * `motlan dlq redrive <topic> (--offset p:o | --all) [--dry-run]`: writes each chosen dead letter's
 * original key, value and envelope headers (the dead-letter notes removed, dead-letter.ts
 * withoutDeadLetterHeaders) back to its source topic. The event id is unchanged, and consumers
 * de-duplicate by event id (processed-events.ts), so redriving twice applies an event once.
 * The dead letters stay where they are (the dead-letter topic is a log; it ages out in a week).
 */
export async function dlqRedriveCommand(
  context: OperatorContext,
  topicName: string,
  options: { offset?: string; all: boolean; dryRun: boolean },
): Promise<CommandOutput> {
  if (options.all === (options.offset !== undefined)) {
    throw new MotlanError(
      OpsCliErrors.usage,
      'dlq redrive needs exactly one of --offset <partition:offset> or --all',
      {
        field: 'offset',
      },
    );
  }
  const source = sourceTopic(context, topicName);
  const letters = options.offset
    ? [{ ...parsePosition(options.offset, 'offset'), message: undefined as KafkaMessage | undefined }]
    : (await deadLetters(context, source)).map((l) => ({
        partition: l.partition,
        offset: l.message.offset,
        message: l.message,
      }));
  const chosen: { partition: number; message: KafkaMessage }[] = [];
  for (const letter of letters) {
    chosen.push({
      partition: letter.partition,
      message: letter.message ?? (await oneDeadLetter(context, source, letter)),
    });
  }
  const done: Redriven[] = chosen.map(({ partition, message }) => ({
    from: `${partition}:${message.offset}`,
    to: source.declaredName,
    eventId: headerText(message.headers, Headers.eventId) ?? '',
    eventType: headerText(message.headers, Headers.eventType) ?? '',
    written: null,
  }));
  if (!options.dryRun && chosen.length > 0) {
    const producer = context.kafka.producer({
      idempotent: true,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    try {
      for (const [i, { message }] of chosen.entries()) {
        const [result] = await producer.send({
          topic: source.name,
          acks: -1,
          messages: [
            { key: message.key, value: message.value, headers: withoutDeadLetterHeaders(message.headers) },
          ],
        });
        done[i]!.written = result ? `${result.partition}:${result.baseOffset}` : null;
      }
    } finally {
      await producer.disconnect();
    }
  }
  const verb = options.dryRun ? 'would redrive' : 'redrove';
  return {
    json: { dryRun: options.dryRun, redriven: done },
    text:
      done.length === 0
        ? `No dead letters on ${source.declaredName}`
        : done
            .map(
              (r) =>
                `${verb} ${r.to}.dlq ${r.from} (${r.eventType} ${r.eventId}) to ${r.to}${r.written ? ` at ${r.written}` : ''}`,
            )
            .join('\n'),
  };
}
